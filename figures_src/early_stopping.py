"""Training and validation loss over epochs; early stopping keeps the checkpoint with the lowest validation loss."""
import numpy as np

from style import color, new_figure, palette, pick


def draw(lang):
    rng = np.random.default_rng(0)
    epochs = np.arange(1, 101)
    train = 0.08 + 1.2 * np.exp(-epochs / 14)
    val = 0.30 + 1.0 * np.exp(-epochs / 12) + 0.0035 * np.maximum(epochs - 25, 0) ** 1.15
    train = train + rng.normal(0, 0.008, epochs.size)
    val = val + rng.normal(0, 0.015, epochs.size)
    patience = 10
    best, best_epoch, stop = np.inf, 0, epochs[-1]
    for e, v in zip(epochs, val):  # the usual patience rule
        if v < best:
            best, best_epoch = v, e
        elif e - best_epoch >= patience:
            stop = e
            break
    fig, ax = new_figure(6.4, 4.0)
    ax.plot(epochs, train, color=color(0), label=pick(lang, "训练损失", "training loss"))
    ax.plot(epochs, val, color=color(1), label=pick(lang, "验证损失", "validation loss"))
    ax.axvline(best_epoch, color=color(2), linestyle="--", linewidth=1.3,
               label=pick(lang, f"最佳轮次 {best_epoch}（保存此时的模型）",
                          f"best epoch {best_epoch} (checkpoint kept)"))
    ax.axvline(stop, color=palette()["muted"], linestyle=":", linewidth=1.3,
               label=pick(lang, f"第 {stop} 轮停止（patience = {patience}）",
                          f"stop at epoch {stop} (patience = {patience})"))
    ax.axvspan(best_epoch, stop, color=palette()["muted"], alpha=0.12, linewidth=0)
    ax.scatter([best_epoch], [best], color=color(2), zorder=4, s=30)
    ax.text(72, 0.3, pick(lang, "继续训练：训练损失仍降，\n验证损失上升 → 过拟合",
                           "training on: training loss falls,\nvalidation loss rises → overfitting"),
            ha="center", fontsize=9, color=palette()["fg"])
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 1.4)
    ax.set_xlabel(pick(lang, "训练轮次 epoch", "epoch"))
    ax.set_ylabel(pick(lang, "损失", "loss"))
    ax.set_title(pick(lang, "早停（Early Stopping）", "Early stopping"))
    ax.legend(loc="upper right", fontsize=9)
    return fig
