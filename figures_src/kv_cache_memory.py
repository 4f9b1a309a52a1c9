"""KV-cache memory of one fp16 sequence against context length for MHA, GQA and MQA, with the layer count and
head size of Llama 2 70B (80 layers, d_head = 128); only the number of KV heads changes (64, 8 or 1)."""
import numpy as np

from style import color, new_figure, palette, pick

GIB = 2**30
LAYERS, D_HEAD, BYTES = 80, 128, 2           # Llama 2 70B, fp16 cache
WEIGHTS_GIB = 68_976_648_192 * 2 / GIB       # Llama 2 70B parameters in fp16 (see the notebook)
VARIANTS = ((64, "MHA", "MHA"), (8, "GQA（8 个 KV 头，实际配置）", "GQA (8 KV heads, the real model)"),
            (1, "MQA", "MQA"))


def kv_gib(kv_heads, seq_len, batch=1):
    return 2 * LAYERS * kv_heads * D_HEAD * seq_len * batch * BYTES / GIB


def draw(lang):
    fig, ax = new_figure()
    lengths = 2.0 ** np.arange(10, 17.01, 0.25)           # 1K ... 128K tokens
    for k, (heads, zh, en) in enumerate(VARIANTS):
        ax.plot(lengths, kv_gib(heads, lengths), color=color(k), label=pick(lang, zh, en))
        end = kv_gib(heads, lengths[-1])
        ax.annotate(f"{end:.1f} GiB" if end < 100 else f"{end:.0f} GiB", (lengths[-1], end),
                    xytext=(4, 0), textcoords="offset points", va="center", fontsize=9, color=color(k))
    ax.axhline(WEIGHTS_GIB, color=palette()["muted"], linestyle="--", linewidth=1.2)
    ax.text(lengths[0], WEIGHTS_GIB * 1.25, pick(lang, f"fp16 权重 ≈ {WEIGHTS_GIB:.0f} GiB",
                                                 f"fp16 weights ≈ {WEIGHTS_GIB:.0f} GiB"),
            color=palette()["muted"], fontsize=9, va="bottom")
    ax.axvline(4096, color=palette()["muted"], linestyle=":", linewidth=1.2)
    ax.text(4096 * 1.05, 0.05, pick(lang, "4096（Llama 2 上下文）", "4096 (Llama 2 context)"),
            color=palette()["muted"], fontsize=9)
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ticks = [2**k for k in range(10, 18)]
    ax.set_xticks(ticks)
    ax.set_xticklabels([f"{t // 1024}K" for t in ticks])
    ax.set_xlim(lengths[0], lengths[-1] * 1.9)
    ax.set_ylim(0.03, 2000)
    ax.set_xlabel(pick(lang, "上下文长度（token，batch = 1）", "context length (tokens, batch = 1)"))
    ax.set_ylabel(pick(lang, "KV 缓存（GiB，fp16）", "KV cache (GiB, fp16)"))
    ax.set_title(pick(lang, "KV 缓存随上下文线性增长：80 层、d_head = 128",
                      "KV cache grows linearly with context: 80 layers, d_head = 128"))
    ax.legend(loc="lower right")
    return fig
