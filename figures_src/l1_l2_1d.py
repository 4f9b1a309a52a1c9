"""One parameter: adding C|w| moves the minimum exactly to 0 when C >= |L'(0)|, adding C w^2 only shrinks it."""
import numpy as np

from style import color, new_figure, palette, pick

W0 = -0.6   # minimum of the data loss L(w) = (w - W0)^2, so |L'(0)| = 2|W0| = 1.2
C = 1.5     # regularisation strength, larger than |L'(0)|


def draw(lang):
    fig, (ax, ax2) = new_figure(8.4, 3.8, ncols=2)
    w = np.linspace(-1.5, 1.0, 600)
    base = (w - W0) ** 2
    curves = [
        (base, 1, r"$L(w)=(w+0.6)^2$", W0),
        (base + C * w ** 2, 0, r"$L(w)+1.5\,w^2$", 2 * W0 / (2 + 2 * C)),
        (base + C * np.abs(w), 2, r"$L(w)+1.5\,|w|$", 0.0),
    ]
    for y, ci, lab, wmin in curves:
        ax.plot(w, y, color=color(ci), label=lab)
        ymin = np.interp(wmin, w, y)
        ax.scatter([wmin], [ymin], color=color(ci), zorder=4, s=30)
    ax.axvline(0, color=palette()["muted"], linewidth=0.8, linestyle="--")
    ax.set_ylim(0, 3.2)
    ax.set_xlabel("w")
    ax.set_title(pick(lang, "同一个 C 下的三条损失曲线（圆点为极小点）", "Three losses, same C (dots: minima)"),
                 fontsize=10.5)
    ax.legend(loc="upper center", fontsize=9)

    # right: the minimiser as a function of the strength lambda, for L(w) = (w - W0)^2
    lam = np.linspace(0, 3, 300)
    w_l2 = W0 / (1 + lam)                                   # argmin (w-W0)^2 + lam w^2
    w_l1 = np.sign(W0) * np.maximum(np.abs(W0) - lam / 2, 0)  # argmin (w-W0)^2 + lam |w|: soft threshold
    ax2.plot(lam, w_l2, color=color(0), label=pick(lang, "L2：按比例收缩，永不为 0", "L2: shrinks, never 0"))
    ax2.plot(lam, w_l1, color=color(2), label=pick(lang, "L1：软阈值，λ ≥ 1.2 后恰为 0",
                                                    "L1: soft threshold, exactly 0 for λ ≥ 1.2"))
    ax2.axvline(2 * abs(W0), color=palette()["muted"], linewidth=0.8, linestyle="--")
    ax2.set_xlabel(pick(lang, "正则化强度 λ", "regularisation strength λ"))
    ax2.set_ylabel(pick(lang, "最优参数 w*", "optimal w*"))
    ax2.set_ylim(-0.65, 0.1)
    ax2.set_title(pick(lang, "最优 w* 随 λ 的变化", "Optimal w* as λ grows"), fontsize=10.5)
    ax2.legend(loc="lower right", fontsize=9)
    return fig
