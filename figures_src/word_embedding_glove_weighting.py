"""GloVe weighting function f(x) = (x / x_max)^alpha for x < x_max, else 1."""
import numpy as np

from style import color, new_figure, palette, pick


def draw(lang):
    x_max = 100.0
    x = np.linspace(0, 160, 800)
    fig, ax = new_figure()
    for i, alpha in enumerate((0.75, 1.0)):
        f = np.where(x < x_max, (x / x_max) ** alpha, 1.0)
        label = pick(lang, rf"$\alpha={alpha:g}$" + ("（论文取值）" if alpha == 0.75 else ""),
                     rf"$\alpha={alpha:g}$" + (" (paper)" if alpha == 0.75 else ""))
        ax.plot(x, f, color=color(i), label=label, linestyle="-" if i == 0 else "--")
    ax.axvline(x_max, color=palette()["muted"], linewidth=1, linestyle=":")
    ax.annotate(r"$x_{\max}=100$", xy=(x_max, 0.3), xytext=(112, 0.3), color=palette()["fg"],
                arrowprops={"arrowstyle": "->", "color": palette()["muted"]})
    ax.set_xlabel(pick(lang, r"共现次数 $X_{ij}$", r"co-occurrence count $X_{ij}$"))
    ax.set_ylabel(r"$f(X_{ij})$")
    ax.set_ylim(0, 1.1)
    ax.set_title(pick(lang, "GloVe 权重函数：抑制稀有共现，截断高频共现",
                      "GloVe weighting: damp rare pairs, cap frequent ones"))
    ax.legend(loc="lower right")
    return fig
