"""Polynomial fits of degree 1, 3 and 15 to the same noisy samples of a sine: underfitting, a good fit, overfitting."""
import numpy as np
from numpy.polynomial import Polynomial

from style import color, new_figure, palette, pick


def draw(lang):
    rng = np.random.default_rng(0)
    n = 20
    x = np.sort(rng.uniform(0, 1, n))
    truth = lambda t: np.sin(2 * np.pi * t)
    y = truth(x) + rng.normal(0, 0.25, n)
    x_test = rng.uniform(0, 1, 500)
    y_test = truth(x_test) + rng.normal(0, 0.25, 500)
    grid = np.linspace(0, 1, 500)
    fig, axes = new_figure(8.4, 3.4, ncols=3, sharey=True)
    names = {1: ("欠拟合", "underfitting"), 3: ("拟合良好", "good fit"), 15: ("过拟合", "overfitting")}
    for ax, deg in zip(axes, (1, 3, 15)):
        p = Polynomial.fit(x, y, deg)
        train_mse = np.mean((p(x) - y) ** 2)
        test_mse = np.mean((p(x_test) - y_test) ** 2)
        ax.plot(grid, truth(grid), linestyle="--", color=palette()["muted"], linewidth=1.4,
                label=pick(lang, "真实函数", "true function"))
        ax.plot(grid, p(grid), color=color(0), label=pick(lang, "拟合曲线", "fitted model"))
        ax.scatter(x, y, color=color(1), s=16, zorder=3, label=pick(lang, "训练样本", "training samples"))
        ax.set_ylim(-1.8, 1.8)
        zh, en = names[deg]
        ax.set_title(pick(lang, f"{deg} 次多项式：{zh}", f"degree {deg}: {en}"), fontsize=10.5)
        ax.text(0.03, -1.72, pick(lang, f"训练 MSE {train_mse:.3f}\n测试 MSE {test_mse:.2f}",
                                  f"train MSE {train_mse:.3f}\ntest MSE {test_mse:.2f}"),
                fontsize=9, color=palette()["fg"], va="bottom")
        ax.set_xlabel("x")
    axes[0].set_ylabel("y")
    axes[0].legend(loc="upper right", fontsize=8)
    return fig
