"""Precision-recall curves of two classifiers on imbalanced data (10% positives), with the random baseline."""
import numpy as np
from sklearn.metrics import average_precision_score, precision_recall_curve

from style import color, new_figure, palette, pick


def draw(lang):
    rng = np.random.default_rng(0)
    n_pos, n_neg = 100, 900
    y = np.r_[np.ones(n_pos), np.zeros(n_neg)]
    fig, ax = new_figure(5.6, 4.4)
    for i, (sep, zh, en) in enumerate([(2.5, "分类器 A", "classifier A"),
                                        (1.2, "分类器 B", "classifier B")]):
        scores = np.r_[rng.normal(sep, 1.0, n_pos), rng.normal(0.0, 1.0, n_neg)]
        prec, rec, _ = precision_recall_curve(y, scores)
        ap = average_precision_score(y, scores)
        f1 = 2 * prec * rec / np.maximum(prec + rec, 1e-12)
        k = int(np.argmax(f1))
        ax.step(rec, prec, where="post", color=color(i),
                label=f"{pick(lang, zh, en)}  AP = {ap:.2f},  max F1 = {f1[k]:.2f}")
        ax.scatter([rec[k]], [prec[k]], color=color(i), zorder=4, s=30)
    base = n_pos / (n_pos + n_neg)
    ax.axhline(base, linestyle="--", color=palette()["muted"],
               label=pick(lang, f"随机猜测 P = 正例比例 {base:.1f}", f"random guess P = positive rate {base:.1f}"))
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel(pick(lang, "召回率 Recall = TP / (TP + FN)", "recall = TP / (TP + FN)"))
    ax.set_ylabel(pick(lang, "精确率 Precision = TP / (TP + FP)", "precision = TP / (TP + FP)"))
    ax.set_title(pick(lang, "PR 曲线（正例占 10%，圆点为 F1 最大处）",
                      "Precision-recall curves (10% positives; dots: max F1)"))
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 0.105), fontsize=9)
    return fig
