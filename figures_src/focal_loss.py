"""Focal loss -(1-p_t)^gamma log(p_t) against p_t for gamma = 0 (cross-entropy), 0.5, 1, 2, 5."""
import numpy as np

from style import color, new_figure, palette, pick


def draw(lang):
    p = np.linspace(0.001, 1.0, 800)
    fig, ax = new_figure(6.4, 4.2)
    for i, g in enumerate([0, 0.5, 1, 2, 5]):
        fl = -((1 - p) ** g) * np.log(p)
        name = pick(lang, r"$\gamma=0$（交叉熵）", r"$\gamma=0$ (cross-entropy)") if g == 0 else rf"$\gamma={g}$"
        ax.plot(p, fl, color=color(i), label=name)
    ax.axvspan(0.6, 1.0, color=palette()["muted"], alpha=0.12, linewidth=0)
    ax.text(0.8, 2.3, pick(lang, "易分样本\n$p_t>0.6$", "well-classified\nexamples $p_t>0.6$"),
            ha="center", fontsize=9.5, color=palette()["fg"])
    # at p_t = 0.9 the factor (1 - p_t)^2 = 0.01: a 100x smaller loss than cross-entropy
    ax.annotate(pick(lang, r"$p_t=0.9$ 时 $\gamma=2$ 的损失只有交叉熵的 1/100",
                     r"at $p_t=0.9$, $\gamma=2$ gives 1/100 of the CE loss"),
                xy=(0.9, -np.log(0.9)), xytext=(0.28, 1.6), fontsize=9, color=palette()["fg"],
                arrowprops={"arrowstyle": "->", "color": palette()["muted"]})
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 5)
    ax.set_xlabel(pick(lang, r"真实类别的预测概率 $p_t$", r"probability of the ground-truth class $p_t$"))
    ax.set_ylabel(pick(lang, "损失", "loss"))
    ax.set_title(pick(lang, r"Focal Loss：$-(1-p_t)^\gamma\log p_t$", r"Focal loss: $-(1-p_t)^\gamma\log p_t$"))
    ax.legend(loc="upper right", fontsize=9)
    return fig
