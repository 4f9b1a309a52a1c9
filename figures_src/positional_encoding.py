"""Sinusoidal positional encodings: heatmap over positions x dimensions, plus a few dimension curves."""
import numpy as np
from matplotlib.colors import LinearSegmentedColormap

from style import color, new_figure, palette, pick


def sinusoidal(n_pos, d_model):
    """PE[pos, 2i] = sin(pos / 10000^(2i/d)), PE[pos, 2i+1] = cos(pos / 10000^(2i/d))."""
    pos = np.arange(n_pos)[:, None]
    i = np.arange(d_model // 2)[None, :]
    angle = pos / np.power(10000.0, 2 * i / d_model)
    pe = np.zeros((n_pos, d_model))
    pe[:, 0::2] = np.sin(angle)
    pe[:, 1::2] = np.cos(angle)
    return pe


def draw(lang):
    n_pos, d_model = 64, 128
    pe = sinusoidal(n_pos, d_model)
    cmap = LinearSegmentedColormap.from_list(
        "pe", [color(0), palette()["bg"], color(1)])

    fig, (ax_map, ax_curve) = new_figure(6.4, 6.4, nrows=2, height_ratios=[1.25, 1])
    image = ax_map.imshow(pe, aspect="auto", cmap=cmap, vmin=-1, vmax=1,
                          origin="lower", interpolation="nearest")
    ax_map.grid(False)
    ax_map.set_xlabel(pick(lang, "编码维度下标 $j$（偶数列 sin，奇数列 cos）",
                           "encoding dimension $j$ (even: sin, odd: cos)"))
    ax_map.set_ylabel(pick(lang, "位置 pos", "position pos"))
    ax_map.set_title(pick(lang, r"正弦位置编码 $PE_{(pos,j)}$，$d_{model}=128$",
                          r"Sinusoidal positional encoding $PE_{(pos,j)}$, $d_{model}=128$"))
    bar = fig.colorbar(image, ax=ax_map, shrink=0.9, pad=0.02)
    bar.outline.set_visible(False)

    pos = np.linspace(0, n_pos - 1, 600)  # the formula is defined for any real pos
    for k, j in enumerate([0, 8, 20, 40]):
        wavelength = 2 * np.pi * 10000 ** (j / d_model)
        ax_curve.plot(pos, np.sin(pos / 10000 ** (j / d_model)), color=color(k), lw=1.6,
                      label=pick(lang, f"维度 $j={j}$（波长 ≈ {wavelength:.0f}）",
                                 f"dim $j={j}$ (wavelength ≈ {wavelength:.0f})"))
    ax_curve.set_xlim(0, n_pos - 1)
    ax_curve.set_ylim(-1.15, 1.6)
    ax_curve.set_xlabel(pick(lang, "位置 pos", "position pos"))
    ax_curve.set_ylabel(r"$\sin(pos\,/\,10000^{j/d_{model}})$")
    ax_curve.set_title(pick(lang, "低维变化快（高频），高维变化慢（低频）",
                            "Low dimensions oscillate fast, high dimensions slowly"))
    ax_curve.legend(loc="upper center", ncol=2, fontsize=9)
    return fig
