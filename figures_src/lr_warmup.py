"""Learning-rate schedules: linear warmup, then cosine or linear decay."""
import numpy as np

from style import color, new_figure, palette, pick


def schedule(step, total, warmup, peak, kind):
    if step < warmup:
        return peak * (step + 1) / warmup
    progress = (step - warmup) / (total - warmup)
    if kind == "cosine":
        return peak * 0.5 * (1 + np.cos(np.pi * progress))
    return peak * (1 - progress)


def draw(lang):
    total, warmup, peak = 10_000, 1_000, 1.0
    steps = np.arange(total)
    fig, ax = new_figure()
    ax.axvspan(0, warmup, color=color(2), alpha=0.15, linewidth=0)
    ax.plot(steps, [schedule(s, total, warmup, peak, "cosine") for s in steps], color=color(0),
            label=pick(lang, "线性 warmup + 余弦衰减", "linear warmup + cosine decay"))
    ax.plot(steps, [schedule(s, total, warmup, peak, "linear") for s in steps], color=color(1),
            linestyle="--", label=pick(lang, "线性 warmup + 线性衰减", "linear warmup + linear decay"))
    ax.text(warmup * 1.15, 0.12, pick(lang, "← warmup（前 10% 的步数）", "← warmup (first 10% of steps)"),
            ha="left", va="center", color=palette()["fg"], fontsize=10)
    ax.set_xlim(0, total)
    ax.set_ylim(0, 1.08)
    ax.set_xlabel(pick(lang, "训练步数", "training step"))
    ax.set_ylabel(pick(lang, r"学习率 / 峰值 $\eta_{\max}$", r"learning rate / peak $\eta_{\max}$"))
    ax.set_title(pick(lang, "Warmup 与学习率衰减", "Warmup and learning-rate decay"))
    ax.legend(loc="upper right")
    return fig
