"""Classification losses as functions of the margin m = y f(x): 0-1, hinge, logistic, exponential and squared."""
import numpy as np

from style import color, new_figure, palette, pick


def draw(lang):
    m = np.linspace(-2, 3, 1001)
    fig, ax = new_figure(6.4, 4.2)
    ax.step([-2, 0, 0, 3], [1, 1, 0, 0], where="post", color=palette()["fg"],
            label=pick(lang, r"0-1 损失 $\mathbb{1}[m\leq 0]$", r"0-1 loss $\mathbb{1}[m\leq 0]$"))
    ax.plot(m, np.maximum(0, 1 - m), color=color(0),
            label=pick(lang, r"合页 hinge $\max(0,1-m)$", r"hinge $\max(0,1-m)$"))
    ax.plot(m, np.log2(1 + np.exp(-m)), color=color(1),
            label=pick(lang, r"对数 logistic $\log_2(1+e^{-m})$", r"logistic $\log_2(1+e^{-m})$"))
    ax.plot(m, np.exp(-m), color=color(2),
            label=pick(lang, r"指数 exponential $e^{-m}$", r"exponential $e^{-m}$"))
    ax.plot(m, (1 - m) ** 2, color=color(4),
            label=pick(lang, r"平方 squared $(1-m)^2$", r"squared $(1-m)^2$"))
    ax.axvline(0, color=palette()["muted"], linewidth=0.8, linestyle="--")
    ax.text(-1.9, 0.15, pick(lang, "分错", "misclassified"), fontsize=9, color=palette()["muted"])
    ax.text(0.1, 0.15, pick(lang, "分对", "correct"), fontsize=9, color=palette()["muted"])
    ax.set_xlim(-2, 3)
    ax.set_ylim(0, 4)
    ax.set_xlabel(pick(lang, r"间隔 $m=y\,f(x)$，$y\in\{-1,+1\}$", r"margin $m=y\,f(x)$, $y\in\{-1,+1\}$"))
    ax.set_ylabel(pick(lang, "损失", "loss"))
    ax.set_title(pick(lang, "0-1 损失及其替代损失", "The 0-1 loss and its surrogates"))
    ax.legend(loc="upper center", bbox_to_anchor=(0.54, 1.0), fontsize=8.5)
    return fig
