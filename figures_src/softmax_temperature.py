"""Softmax of one fixed logit vector at temperatures T = 0.5, 1, 2, 5: higher T gives a flatter distribution."""
import numpy as np

from style import color, new_figure, palette, pick

LOGITS = np.array([4.0, 2.5, 1.0, 0.5, -1.0])
TEMPERATURES = (0.5, 1.0, 2.0, 5.0)


def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def draw(lang):
    fig, ax = new_figure()
    classes = np.arange(len(LOGITS))
    width = 0.2
    for k, t in enumerate(TEMPERATURES):
        p = softmax(LOGITS / t)
        offset = (k - (len(TEMPERATURES) - 1) / 2) * width
        ax.bar(classes + offset, p, width=width, color=color(k), label=f"T = {t:g}")
    ax.axhline(1 / len(LOGITS), color=palette()["muted"], linestyle="--", linewidth=1)
    ax.text(len(LOGITS) - 0.55, 1 / len(LOGITS) + 0.02, pick(lang, "均匀分布 1/5", "uniform 1/5"),
            color=palette()["muted"], ha="right", va="bottom", fontsize=9)
    ax.set_xticks(classes)
    ax.set_xticklabels([f"{pick(lang, '类', 'class ')}{i + 1}\nz={z:g}" for i, z in enumerate(LOGITS)])
    ax.set_ylabel(pick(lang, r"概率 $q_i$", r"probability $q_i$"))
    ax.set_ylim(0, 1.0)
    ax.set_title(pick(lang, r"同一组 logits 在不同温度下的 softmax：$q_i=\mathrm{softmax}(z/T)_i$",
                      r"Softmax of the same logits at different temperatures: $q_i=\mathrm{softmax}(z/T)_i$"))
    ax.legend(loc="upper right")
    ax.grid(axis="x", visible=False)
    return fig
