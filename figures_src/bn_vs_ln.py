"""Which axes BatchNorm, LayerNorm, InstanceNorm and GroupNorm normalise over (N x C x H,W cube)."""
from matplotlib.patches import Polygon

from style import color, new_figure, palette, pick

N, C, D = 5, 6, 4                 # batch, channels/features, spatial positions or tokens
DX, DY = 0.45, 0.32              # oblique projection of one step along the depth axis


def _faces(n, c, k):
    """Visible polygons of cell (sample n, channel c, depth k); n = 0 is the top row."""
    y = N - 1 - n
    faces = []
    if k == 0:  # front face
        faces.append([(c, y), (c + 1, y), (c + 1, y + 1), (c, y + 1)])
    if n == 0:  # top face
        x0, y0 = c + k * DX, N + k * DY
        faces.append([(x0, y0), (x0 + 1, y0), (x0 + 1 + DX, y0 + DY), (x0 + DX, y0 + DY)])
    if c == C - 1:  # right face
        x0, y0 = C + k * DX, y + k * DY
        faces.append([(x0, y0), (x0 + DX, y0 + DY), (x0 + DX, y0 + 1 + DY), (x0, y0 + 1)])
    return faces


def _cube(ax, selected, fill):
    muted = palette()["muted"]
    for n in range(N):
        for c in range(C):
            for k in range(D):
                for face in _faces(n, c, k):
                    on = selected(n, c, k)
                    ax.add_patch(Polygon(face, closed=True, facecolor=fill if on else "none",
                                         alpha=0.85 if on else 1.0, edgecolor=muted, linewidth=0.6))
    ax.set_xlim(-1.0, C + D * DX + 1.9)
    ax.set_ylim(-1.0, N + D * DY + 0.9)
    ax.set_aspect("equal")
    ax.axis("off")


def draw(lang):
    panels = [
        ("BatchNorm", lambda n, c, k: c == 1),
        (pick(lang, "LayerNorm（CNN：C×H×W）", "LayerNorm (CNN: C×H×W)"), lambda n, c, k: n == 0),
        (pick(lang, "LayerNorm（Transformer：每个 token）", "LayerNorm (Transformer: per token)"),
         lambda n, c, k: n == 0 and k == 0),
        ("InstanceNorm", lambda n, c, k: n == 0 and c == 1),
        (pick(lang, "GroupNorm（2 组）", "GroupNorm (2 groups)"), lambda n, c, k: n == 0 and c >= 3),
    ]
    fig, axes = new_figure(width=9.0, height=5.4, nrows=2, ncols=3)
    fg = palette()["fg"]
    note = axes.flat[-1]
    note.axis("off")
    note.text(0.02, 0.5, pick(lang, "着色的格子共享同一组\n均值与方差；\n每个着色块各自归一化，\n其余位置同理。\n\nRMSNorm 的轴与\nTransformer LayerNorm 相同，\n只是不减均值。",
                              "Shaded cells share one\nmean and variance;\nevery such block is\nnormalised on its own.\n\nRMSNorm uses the same axes\nas Transformer LayerNorm\nbut does not subtract the mean."),
              transform=note.transAxes, va="center", fontsize=9.5, color=fg)
    for i, (ax, (name, selected)) in enumerate(zip(axes.flat, panels)):
        _cube(ax, selected, color(i))
        ax.set_title(name, fontsize=10)
        ax.annotate("", xy=(0, -0.55), xytext=(C, -0.55),
                    arrowprops={"arrowstyle": "<->", "color": fg, "linewidth": 0.8})
        ax.text(C / 2, -0.95, pick(lang, "C 通道 / 特征", "C channels / features"), ha="center",
                fontsize=9, color=fg)
        ax.annotate("", xy=(-0.35, 0), xytext=(-0.35, N),
                    arrowprops={"arrowstyle": "<->", "color": fg, "linewidth": 0.8})
        ax.text(-0.6, N / 2, pick(lang, "N 批", "N batch"), rotation=90, ha="center", va="center",
                fontsize=9, color=fg)
        ax.annotate("", xy=(C + 0.2 + D * DX, D * DY - 0.2), xytext=(C + 0.2, -0.2),
                    arrowprops={"arrowstyle": "->", "color": fg, "linewidth": 0.8})
        ax.text(C + 0.35 + D * DX, D * DY - 0.35, pick(lang, "H×W / T", "H×W / T"),
                ha="left", va="top", fontsize=9, color=fg)
    return fig
