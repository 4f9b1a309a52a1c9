"""Sigmoid and its derivative; the derivative peaks at 0.25 at x = 0."""
import numpy as np

from style import color, new_figure, palette, pick


def draw(lang):
    x = np.linspace(-8, 8, 400)
    s = 1 / (1 + np.exp(-x))
    fig, ax = new_figure()
    ax.plot(x, s, color=color(0), label=r"$\sigma(x)=1/(1+e^{-x})$")
    ax.plot(x, s * (1 - s), color=color(1), label=r"$\sigma'(x)=\sigma(x)(1-\sigma(x))$")
    ax.axhline(0.25, color=palette()["muted"], linewidth=0.8, linestyle=":")
    ax.scatter([0], [0.25], color=color(1), zorder=3)
    ax.annotate(pick(lang, "导数最大值 0.25（x = 0）", "maximum 0.25 at x = 0"), xy=(0, 0.25),
                xytext=(1.6, 0.42), arrowprops={"arrowstyle": "->", "color": palette()["muted"]})
    ax.annotate(pick(lang, "饱和区：导数≈0", "saturated: derivative ≈ 0"), xy=(-6, 0.01),
                xytext=(-7.8, 0.2), arrowprops={"arrowstyle": "->", "color": palette()["muted"]})
    ax.set_xlim(-8, 8)
    ax.set_ylim(-0.05, 1.1)
    ax.set_xlabel("x")
    ax.set_title(pick(lang, "Sigmoid 函数及其导数", "Sigmoid and its derivative"))
    ax.legend(loc="upper left")
    return fig
