"""Majority-vote (self-consistency) accuracy against the number of sampled reasoning paths m,
computed exactly under an independence model: each path is correct with probability p; left, every
wrong path gives a different answer; right, every wrong path gives the same answer. A model, not data."""
from math import comb

import numpy as np

from style import color, new_figure, palette, pick

ACCURACIES = (0.3, 0.45, 0.6, 0.8)
M = np.arange(1, 42)


def wrong_all_different(p, m):
    # correct wins with >= 2 votes; with exactly 1 vote all m answers tie and it wins with probability 1/m
    return 1 - (1 - p) ** m - (m - 1) * p * (1 - p) ** (m - 1)


def wrong_all_identical(p, m):
    # binomial majority vote; an exact tie (even m) is broken by a fair coin
    probs = [comb(m, j) * p ** j * (1 - p) ** (m - j) for j in range(m + 1)]
    return sum(q for j, q in enumerate(probs) if 2 * j > m) + 0.5 * sum(q for j, q in enumerate(probs) if 2 * j == m)


def draw(lang):
    fig, axes = new_figure(9.6, 4.2, ncols=2, sharey=True)
    panels = (
        (wrong_all_different, pick(lang, "错误答案各不相同", "wrong answers all different")),
        (wrong_all_identical, pick(lang, "错误答案全部相同（二项多数表决）", "wrong answers all identical (binomial majority)")),
    )
    for ax, (accuracy, title) in zip(axes, panels):
        for i, p in enumerate(ACCURACIES):
            ax.plot(M, [accuracy(p, int(m)) for m in M], color=color(i), label=f"p = {p:g}")
            ax.axhline(p, color=color(i), linestyle=":", linewidth=1)
        ax.set_title(title)
        ax.set_xlabel(pick(lang, "采样的推理路径数 m", "number of sampled paths m"))
        ax.set_xlim(1, M[-1])
        ax.set_ylim(0, 1.02)
    axes[0].set_ylabel(pick(lang, "多数投票的准确率", "majority-vote accuracy"))
    axes[0].legend(loc="lower right", title=pick(lang, "单条路径准确率", "per-path accuracy"))
    fig.suptitle(pick(lang, "独立采样模型下的精确计算（模型推导，不是实测）；虚线为单条路径的准确率 p",
                      "Exact values under an independent-sampling model (a model, not a measurement); dotted: p"),
                 color=palette()["muted"], fontsize=10)
    return fig
