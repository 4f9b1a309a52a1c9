"""Impurity of a binary node against the positive-class share p: entropy, Gini, misclassification error."""
import numpy as np

from style import color, new_figure, pick


def draw(lang):
    p = np.linspace(1e-6, 1 - 1e-6, 500)
    entropy = -(p * np.log2(p) + (1 - p) * np.log2(1 - p))
    gini = 2 * p * (1 - p)
    error = 1 - np.maximum(p, 1 - p)

    fig, ax = new_figure(6.4, 4.6)
    ax.plot(p, entropy, color=color(0), label=pick(lang, "熵（以 2 为底），最大 1", "entropy (base 2), max 1"))
    ax.plot(p, entropy / 2, color=color(0), linestyle="--", linewidth=1.4,
            label=pick(lang, "熵 / 2（便于比较形状）", "entropy / 2 (to compare shapes)"))
    ax.plot(p, gini, color=color(1), label=pick(lang, "基尼不纯度 $2p(1-p)$，最大 0.5", "Gini impurity $2p(1-p)$, max 0.5"))
    ax.plot(p, error, color=color(2), label=pick(lang, "误分类率 $1-\\max(p,1-p)$，最大 0.5",
                                                 "misclassification $1-\\max(p,1-p)$, max 0.5"))
    ax.set_xlabel(pick(lang, "节点中正类的比例 $p$", "share of the positive class in the node, $p$"))
    ax.set_ylabel(pick(lang, "不纯度", "impurity"))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.08)
    ax.set_title(pick(lang, "二分类节点的三种不纯度", "Three impurity measures of a binary node"))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.17), ncol=2, fontsize=9)
    return fig
