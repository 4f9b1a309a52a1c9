"""Scaled dot-product self-attention weights for a six-token sentence, without and with a causal mask."""
import numpy as np
from matplotlib.colors import LinearSegmentedColormap

from style import color, new_figure, palette, pick

TOKENS = ["the", "cat", "sat", "on", "the", "mat"]


def attention_weights(causal):
    """softmax(Q K^T / sqrt(d_k)) computed with numpy from fixed random embeddings."""
    rng = np.random.default_rng(0)
    d_model, d_k = 16, 8
    vocab = {word: rng.normal(size=d_model) for word in dict.fromkeys(TOKENS)}
    pos = np.arange(len(TOKENS))[:, None]
    i = np.arange(d_model // 2)[None, :]
    pe = np.zeros((len(TOKENS), d_model))
    pe[:, 0::2] = np.sin(pos / 10000 ** (2 * i / d_model))
    pe[:, 1::2] = np.cos(pos / 10000 ** (2 * i / d_model))
    x = np.stack([vocab[w] for w in TOKENS]) + pe          # (n, d_model)
    w_q = rng.normal(scale=0.22, size=(d_model, d_k))
    w_k = rng.normal(scale=0.22, size=(d_model, d_k))
    q, k = x @ w_q, x @ w_k
    scores = q @ k.T / np.sqrt(d_k)                        # (n, n)
    if causal:
        future = np.triu(np.ones_like(scores, dtype=bool), k=1)
        scores = np.where(future, -np.inf, scores)         # exp(-inf) = 0
    scores -= scores.max(axis=1, keepdims=True)            # numerically stable softmax
    weights = np.exp(scores)
    return weights / weights.sum(axis=1, keepdims=True)


def draw(lang):
    pal = palette()
    cmap = LinearSegmentedColormap.from_list("attn", [pal["bg"], color(0)])
    fig, axes = new_figure(7.6, 4.0, ncols=2)
    titles = [pick(lang, "双向自注意力（编码器）", "Bidirectional self-attention (encoder)"),
              pick(lang, "加因果掩码（解码器）", "With causal mask (decoder)")]
    n = len(TOKENS)
    for ax, causal, title in zip(axes, [False, True], titles):
        a = attention_weights(causal)
        image = ax.imshow(a, cmap=cmap, vmin=0, vmax=1)
        ax.grid(False)
        for r in range(n):
            for c in range(n):
                if causal and c > r:
                    ax.text(c, r, "×", ha="center", va="center", color=pal["muted"], fontsize=10)
                    continue
                ax.text(c, r, f"{a[r, c]:.2f}", ha="center", va="center", fontsize=8,
                        color=pal["bg"] if a[r, c] > 0.55 else pal["fg"])
        ax.set_xticks(range(n), TOKENS, rotation=45)
        ax.set_yticks(range(n), TOKENS)
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.set_xlabel(pick(lang, "键 key（被关注的词）", "key (attended token)"))
        ax.set_title(title, fontsize=11)
    axes[0].set_ylabel(pick(lang, "查询 query（当前词）", "query (current token)"))
    bar = fig.colorbar(image, ax=axes, shrink=0.85, pad=0.02)
    bar.outline.set_visible(False)
    bar.set_label(pick(lang, "注意力权重（每行和为 1）", "attention weight (rows sum to 1)"))
    return fig
