"""Layout of the binary confusion matrix (TP, FN, FP, TN) with the precision, recall and FPR formulas."""
from matplotlib.patches import FancyArrowPatch, Rectangle

from style import color, new_figure, palette, pick


def draw(lang):
    fig, ax = new_figure(6.4, 4.4)
    ax.set_xlim(-1.45, 2.75)
    ax.set_ylim(-0.75, 2.55)
    ax.set_aspect("equal")
    ax.axis("off")
    fg, muted = palette()["fg"], palette()["muted"]
    # (column, row from top) -> (label, zh meaning, en meaning, colour index)
    cells = {
        (0, 0): ("TP", "真正例", "true positive", 2),
        (1, 0): ("FN", "假负例（漏报）", "false negative\n(miss)", 3),
        (0, 1): ("FP", "假正例（误报）", "false positive\n(false alarm)", 3),
        (1, 1): ("TN", "真负例", "true negative", 2),
    }
    for (c, r), (lab, zh, en, ci) in cells.items():
        x, y = c, 1 - r
        ax.add_patch(Rectangle((x, y), 1, 1, facecolor=color(ci), alpha=0.22,
                               edgecolor=muted, linewidth=1.2))
        ax.text(x + 0.5, y + 0.6, lab, ha="center", va="center", fontsize=18, color=fg, weight="bold")
        ax.text(x + 0.5, y + 0.33, pick(lang, zh, en), ha="center", va="center", fontsize=9, color=fg,
                linespacing=1.0)
    # headers
    ax.text(1.0, 2.38, pick(lang, "预测类别", "predicted class"), ha="center", fontsize=11, color=fg)
    ax.text(0.5, 2.1, pick(lang, "正", "positive"), ha="center", fontsize=10, color=fg)
    ax.text(1.5, 2.1, pick(lang, "负", "negative"), ha="center", fontsize=10, color=fg)
    ax.text(-1.2, 1.0, pick(lang, "真实类别", "actual class"), ha="center", va="center",
            rotation=90, fontsize=11, color=fg)
    ax.text(-0.12, 1.5, pick(lang, "正", "positive"), ha="right", va="center", fontsize=10, color=fg)
    ax.text(-0.12, 0.5, pick(lang, "负", "negative"), ha="right", va="center", fontsize=10, color=fg)
    # formulas
    ax.text(2.12, 1.12, pick(lang, "召回率 / TPR", "recall / TPR") + "\n" + r"$TP\,/\,(TP+FN)$",
            ha="left", va="center", fontsize=11, color=color(0))
    ax.add_patch(FancyArrowPatch((0.05, 1.12), (2.05, 1.12), arrowstyle="->", color=color(0),
                                 mutation_scale=12, linewidth=1.2, alpha=0.8))
    ax.text(2.12, 0.12, "FPR\n" + r"$FP\,/\,(FP+TN)$", ha="left", va="center", fontsize=11,
            color=color(1))
    ax.add_patch(FancyArrowPatch((0.05, 0.12), (2.05, 0.12), arrowstyle="->", color=color(1),
                                 mutation_scale=12, linewidth=1.2, alpha=0.8))
    ax.text(0.1, -0.45, pick(lang, "精确率 ", "precision ") + r"$TP\,/\,(TP+FP)$",
            ha="left", va="center", fontsize=11, color=color(4))
    ax.add_patch(FancyArrowPatch((0.1, 1.95), (0.1, -0.22), arrowstyle="->", color=color(4),
                                 mutation_scale=12, linewidth=1.2, alpha=0.8))
    ax.set_title(pick(lang, "二分类混淆矩阵", "Binary confusion matrix"))
    return fig
