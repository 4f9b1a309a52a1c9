"""LoRA's low-rank update: a drawing of W0 (frozen) + (alpha/r) B A with the parameter counts of one
4096 x 4096 projection at r = 8 (top), and the trainable parameters of a LLaMA-style 7B model against the
rank for two target sets, compared with full fine-tuning, on a log axis (bottom)."""
import numpy as np
from matplotlib.patches import Rectangle

from style import color, new_figure, palette, pick

D, D_FF, LAYERS, VOCAB = 4096, 11008, 32, 32000
TOTAL = 2 * VOCAB * D + LAYERS * (4 * D * D + 3 * D * D_FF + 2 * D) + D   # 6,738,415,616
RANKS = np.array([1, 2, 4, 8, 16, 32, 64, 128, 256])


def lora_count(rank, all_linear):
    per_layer = 2 * (2 * D) if not all_linear else 4 * (2 * D) + 3 * (D + D_FF)
    return LAYERS * rank * per_layer


def _box(ax, x, y, w, h, face, label, text_color):
    ax.add_patch(Rectangle((x, y), w, h, facecolor=face, edgecolor=palette()["fg"], linewidth=1.2))
    ax.text(x + w / 2, y + h / 2, label, ha="center", va="center", fontsize=11, color=text_color)


def _drawing(ax, lang):
    p = palette()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 5.4)
    ax.set_aspect("equal")
    ax.axis("off")
    frozen = p["grid"]
    # W0: d x k, frozen
    _box(ax, 0.2, 0.9, 3.6, 3.6, frozen, "$W_0$", p["fg"])
    ax.text(2.0, 0.45, pick(lang, "冻结  d×k = 16,777,216", "frozen  d×k = 16,777,216"),
            ha="center", va="center", fontsize=10, color=p["muted"])
    ax.text(2.0, 4.85, "$d\\times k$", ha="center", fontsize=10, color=p["fg"])
    ax.text(4.25, 2.7, "+", ha="center", va="center", fontsize=20, color=p["fg"])
    ax.text(5.0, 2.7, r"$\frac{\alpha}{r}$", ha="center", va="center", fontsize=16, color=p["fg"])
    # B: d x r (tall, thin), A: r x k (short, wide), placed as in the product B A
    _box(ax, 5.55, 0.9, 0.45, 3.6, color(0), "$B$", "white")
    _box(ax, 6.2, 4.05, 3.6, 0.45, color(1), "$A$", "white")
    ax.text(5.78, 0.45, "$d\\times r$", ha="center", va="center", fontsize=10, color=p["fg"])
    ax.text(8.0, 4.85, "$r\\times k$", ha="center", fontsize=10, color=p["fg"])
    ax.text(8.0, 3.35, pick(lang, "B 初始化为 0\nA 随机初始化", "B starts at 0\nA starts random"),
            ha="center", va="center", fontsize=10, color=p["fg"])
    ax.text(8.0, 1.75, pick(lang, "可训练  r(d+k) = 65,536\n占该矩阵的 0.39%", "trainable  r(d+k) = 65,536\n0.39% of this matrix"),
            ha="center", va="center", fontsize=10, color=color(0))
    ax.set_title(pick(lang, "一个 4096×4096 投影，r = 8", "One 4096×4096 projection, r = 8"))


def _counts(ax, lang):
    full = np.full(len(RANKS), TOTAL, dtype=float)
    ax.plot(RANKS, full, color=palette()["muted"], linestyle="--",
            label=pick(lang, "全量微调 6.74B", "full fine-tuning 6.74B"))
    ax.plot(RANKS, [lora_count(r, True) for r in RANKS], marker="o", color=color(0),
            label=pick(lang, "LoRA：全部 7 个线性层", "LoRA: all 7 linear layers"))
    ax.plot(RANKS, [lora_count(r, False) for r in RANKS], marker="s", color=color(1),
            label=pick(lang, "LoRA：只 $W_q, W_v$", "LoRA: $W_q, W_v$ only"))
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xticks(RANKS)
    ax.set_xticklabels([str(r) for r in RANKS])
    ax.set_ylim(1e5, 3e10)
    ax.set_xlabel(pick(lang, "秩 r", "rank r"))
    ax.set_ylabel(pick(lang, "可训练参数量", "trainable parameters"))
    ax.annotate(pick(lang, "r = 8：约 2000 万（0.30%）", "r = 8: about 20M (0.30%)"),
                xy=(8, lora_count(8, True)), xytext=(1.2, 2e8), fontsize=10, color=color(0),
                arrowprops={"arrowstyle": "->", "color": color(0)})
    ax.set_title(pick(lang, "LLaMA 式 7B：可训练参数量随秩线性增长", "LLaMA-style 7B: trainable parameters grow linearly with r"))
    ax.legend(loc="lower right", fontsize=9)


def draw(lang):
    fig, (top, bottom) = new_figure(6.4, 8.0, nrows=2, height_ratios=[1.0, 1.05])
    _drawing(top, lang)
    _counts(bottom, lang)
    return fig
