"""RoPE as rotations: one 2-D pair of q and k rotated at positions (m, n) = (0, 2) and (7, 9) keeps the same
angle between them; and the wavelength 2*pi*b^(2i/d) of every pair for base 10000 and 500000 (d = 128)."""
import numpy as np

from style import color, new_figure, palette, pick

THETA = 0.3             # rotation per position of the pair drawn on the left (radians)
Q0 = np.array([1.0, 0.25])
K0 = np.array([0.55, 0.8])
D_HEAD = 128


def rotate(v, angle):
    c, s = np.cos(angle), np.sin(angle)
    return np.array([c * v[0] - s * v[1], s * v[0] + c * v[1]])


def arc(ax, v_from, v_to, radius, col):
    a0, a1 = np.arctan2(v_from[1], v_from[0]), np.arctan2(v_to[1], v_to[0])
    if a1 < a0:
        a1 += 2 * np.pi
    t = np.linspace(a0, a1, 50)
    ax.plot(radius * np.cos(t), radius * np.sin(t), color=col, lw=1.2)


def draw(lang):
    fig, (ax, ax_w) = new_figure(9.6, 4.4, ncols=2, width_ratios=[1, 1.25])
    muted = palette()["muted"]
    circle = np.linspace(0, 2 * np.pi, 200)
    ax.plot(np.cos(circle) * 1.03, np.sin(circle) * 1.03, color=palette()["grid"], lw=1)
    pairs = [((0, 2), 0, "-"), ((7, 9), 3, "--")]
    for (m, n), ci, ls in pairs:
        q, k = rotate(Q0, m * THETA), rotate(K0, n * THETA)
        for v, name, pos, c in ((q, "q", m, color(ci)), (k, "k", n, color(ci + 1))):
            ax.annotate("", xy=v, xytext=(0, 0),
                        arrowprops=dict(arrowstyle="-|>", color=c, lw=1.8, linestyle=ls, shrinkA=0, shrinkB=0))
            ax.text(*(v * 1.16), f"$\\mathbf{{{name}}}_{{{pos}}}$", color=c, ha="center", va="center", fontsize=12)
        arc(ax, q, k, 0.32 if ci == 0 else 0.45, color(ci))
    ax.text(0, -1.32, pick(lang, r"$(m,n)=(0,2)$ 与 $(7,9)$：夹角相同，$\mathbf{q}_m^\top\mathbf{k}_n$ 相同",
                           r"$(m,n)=(0,2)$ and $(7,9)$: same angle, same $\mathbf{q}_m^\top\mathbf{k}_n$"),
            ha="center", va="center", fontsize=10, color=palette()["fg"])
    ax.set_xlim(-1.4, 1.4)
    ax.set_ylim(-1.45, 1.35)
    ax.set_aspect("equal")
    ax.grid(False)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_title(pick(lang, r"一对维度：位置 $m$ 处旋转 $m\theta_i$", r"One pair: rotate by $m\theta_i$ at position $m$"))

    i = np.arange(D_HEAD // 2)
    for k, base in enumerate((10000.0, 500000.0)):
        lam = 2 * np.pi * base ** (2 * i / D_HEAD)
        ax_w.semilogy(i, lam, color=color(k + 2), lw=2,
                      label=pick(lang, f"底数 $b$ = {base:,.0f}", f"base $b$ = {base:,.0f}"))
    for L, ls, factor, va in ((4096, "--", 0.8, "top"), (8192, ":", 1.25, "bottom")):
        ax_w.axhline(L, color=muted, lw=1, ls=ls)
        ax_w.text(1.5, L * factor, pick(lang, f"训练长度 {L}", f"training length {L}"), color=muted, fontsize=9, va=va)
    ax_w.set_xlabel(pick(lang, r"维度对下标 $i$（$d=128$）", r"pair index $i$ ($d=128$)"))
    ax_w.set_ylabel(pick(lang, r"波长 $\lambda_i=2\pi b^{2i/d}$（位置数）", r"wavelength $\lambda_i=2\pi b^{2i/d}$ (positions)"))
    ax_w.set_xlim(0, D_HEAD // 2 - 1)
    ax_w.set_title(pick(lang, "每对维度转一圈所需的位置数", "Positions needed for one full turn, per pair"))
    ax_w.legend(loc="upper left", fontsize=9)
    return fig
