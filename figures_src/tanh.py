"""tanh and its derivative 1 - tanh^2 (maximum 1 at x = 0), with the sigmoid derivative for scale."""
import numpy as np

from style import color, new_figure, palette, pick


def draw(lang):
    x = np.linspace(-5, 5, 400)
    t = np.tanh(x)
    s = 1 / (1 + np.exp(-x))
    fig, ax = new_figure()
    ax.plot(x, t, color=color(0), label=r"$\tanh(x)$")
    ax.plot(x, 1 - t**2, color=color(1), label=r"$\tanh'(x)=1-\tanh^2(x)$")
    ax.plot(x, s * (1 - s), color=palette()["muted"], linestyle="--", linewidth=1.4,
            label=pick(lang, r"$\sigma'(x)$（对照）", r"$\sigma'(x)$ (for comparison)"))
    ax.scatter([0], [1], color=color(1), zorder=3)
    ax.annotate(pick(lang, "导数最大值 1（x = 0）", "maximum 1 at x = 0"), xy=(0, 1),
                xytext=(1.2, 0.55), arrowprops={"arrowstyle": "->", "color": palette()["muted"]})
    ax.axhline(0, color=palette()["muted"], linewidth=0.8)
    ax.set_xlim(-5, 5)
    ax.set_ylim(-1.15, 1.45)
    ax.set_xlabel("x")
    ax.set_title(pick(lang, "tanh 函数及其导数（输出以 0 为中心）", "tanh and its derivative (zero-centred output)"))
    ax.legend(loc="upper left", ncol=3, fontsize=9)
    return fig
