"""ROC curves of three classifiers of different quality; the area under the best one (its AUC) is shaded."""
import numpy as np
from sklearn.metrics import roc_auc_score, roc_curve

from style import color, new_figure, palette, pick


def draw(lang):
    rng = np.random.default_rng(0)
    n_pos, n_neg = 400, 400
    y = np.r_[np.ones(n_pos), np.zeros(n_neg)]
    fig, ax = new_figure(5.6, 4.6)
    specs = [  # (separation of the two score distributions, zh name, en name)
        (2.2, "分类器 A", "classifier A"),
        (1.0, "分类器 B", "classifier B"),
        (0.4, "分类器 C", "classifier C"),
    ]
    for i, (sep, zh, en) in enumerate(specs):
        scores = np.r_[rng.normal(sep, 1.0, n_pos), rng.normal(0.0, 1.0, n_neg)]
        fpr, tpr, _ = roc_curve(y, scores)
        auc = roc_auc_score(y, scores)
        ax.plot(fpr, tpr, color=color(i), label=f"{pick(lang, zh, en)}  AUC = {auc:.2f}")
        if i == 0:
            ax.fill_between(fpr, tpr, step="post", color=color(i), alpha=0.18, linewidth=0)
    ax.plot([0, 1], [0, 1], linestyle="--", color=palette()["muted"],
            label=pick(lang, "随机猜测  AUC = 0.5", "random guess  AUC = 0.5"))
    ax.scatter([0], [1], color=palette()["fg"], zorder=4, s=25,
               label=pick(lang, "完美分类器 (0, 1)", "perfect classifier (0, 1)"))
    ax.text(0.42, 0.45, pick(lang, "阴影面积 = A 的 AUC", "shaded area = AUC of A"),
            color=color(0), fontsize=10)
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.05)
    ax.set_aspect("equal")
    ax.set_xlabel(pick(lang, "假正率 FPR = FP / (FP + TN)", "false positive rate FPR = FP / (FP + TN)"))
    ax.set_ylabel(pick(lang, "真正率 TPR = TP / (TP + FN)", "true positive rate TPR = TP / (TP + FN)"))
    ax.set_title(pick(lang, "ROC 曲线与 AUC", "ROC curves and AUC"))
    ax.legend(loc="lower right", fontsize=9)
    return fig
