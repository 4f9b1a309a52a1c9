"""A convex function with a chord above it: f(theta*x + (1-theta)*y) <= theta*f(x) + (1-theta)*f(y)."""
import numpy as np

from style import color, new_figure, palette, pick


def f(x):
    return 0.25 * x**2 + 0.5


def draw(lang):
    muted = palette()["muted"]
    xs = np.linspace(-3.2, 3.6, 400)
    a, b, theta = -2.4, 3.0, 0.4
    m = theta * a + (1 - theta) * b          # the mixed point theta*x + (1-theta)*y
    chord_m = theta * f(a) + (1 - theta) * f(b)

    fig, ax = new_figure()
    ax.plot(xs, f(xs), color=color(0), label=pick(lang, "凸函数 $f$", "convex function $f$"))
    ax.plot([a, b], [f(a), f(b)], color=color(1),
            label=pick(lang, "弦：连接 $(x, f(x))$ 与 $(y, f(y))$", "chord from $(x, f(x))$ to $(y, f(y))$"))
    ax.scatter([a, b], [f(a), f(b)], color=color(1), zorder=3)
    ax.scatter([m], [f(m)], color=color(0), zorder=3)
    ax.scatter([m], [chord_m], color=color(1), zorder=3)
    ax.vlines(m, 0, chord_m, colors=muted, linestyles=":", linewidth=1)
    ax.vlines([a, b], 0, [f(a), f(b)], colors=muted, linestyles=":", linewidth=1)
    ax.annotate("", xy=(m, f(m)), xytext=(m, chord_m),
                arrowprops={"arrowstyle": "<->", "color": color(3), "lw": 1.5})
    ax.annotate(r"$\theta f(x)+(1-\theta)f(y)$", xy=(m, chord_m), xytext=(m - 2.2, chord_m + 0.75),
                arrowprops={"arrowstyle": "->", "color": muted})
    ax.annotate(r"$f(\theta x+(1-\theta)y)$", xy=(m, f(m)), xytext=(m + 0.7, f(m) - 0.35),
                arrowprops={"arrowstyle": "->", "color": muted})
    ax.text(m + 0.12, (f(m) + chord_m) / 2 + 0.05, pick(lang, "差值 ≥ 0", "gap ≥ 0"), color=color(3))
    ax.set_xticks([a, m, b])
    ax.set_xticklabels(["$x$", r"$\theta x+(1-\theta)y$", "$y$"])
    ax.set_ylim(0, 3.6)
    ax.set_yticks([])
    ax.set_title(pick(lang, "凸函数：弦总在函数图像上方（取 θ = 0.4）",
                      "Convex function: the chord lies above the graph (θ = 0.4)"))
    ax.legend(loc="lower left")
    return fig
