# %% [markdown] lang="zh"
# # 参数量：BERT、LSTM/GRU 与 ALBERT 的嵌入分解
#
# 面试常让人手算参数量。本实验每个数都用两种相互独立的方法得到并核对：
#
# - **方法一**：按框架的权重命名（仿照 Hugging Face `BertModel` 与 PyTorch `nn.LSTM`/`nn.GRU`）列出每个权重的形状，把元素个数加起来；
#   对小尺寸配置，再真的用这些形状建出 numpy 数组跑一遍前向，确认形状彼此相容（矩阵乘法能接上）。
# - **方法二**：闭式公式，如每个编码层 $12H^2+13H$、LSTM $4\big(h(h+x)+h\big)$。
#
# 讲解见 [BERT · 参数量计算](../nlp/bert.md)、[RNN、LSTM 与 GRU](../nlp/rnn.md) 和[预训练模型家族](../nlp/bert-family.md)。

# %% [markdown] lang="en"
# # Parameter counts: BERT, LSTM/GRU and ALBERT's factorized embedding
#
# Interviews often ask for parameter counts worked out by hand. Here every number is obtained in two independent ways,
# and the two are checked against each other:
#
# - **Method 1**: list the shape of every weight, following the frameworks' weight names (modeled on Hugging Face's
#   `BertModel` and PyTorch's `nn.LSTM`/`nn.GRU`), and add up the element counts; for a small configuration, also
#   build numpy arrays of these shapes and run a forward pass, confirming that the shapes fit together (the matrix
#   products line up).
# - **Method 2**: closed formulas, such as $12H^2+13H$ per encoder layer and $4\big(h(h+x)+h\big)$ for an LSTM.
#
# The explanations are on [BERT · parameter count](../nlp/bert.md), [RNN, LSTM and GRU](../nlp/rnn.md) and
# [Pre-trained model family](../nlp/bert-family.md).

# %%
import numpy as np

def count(shapes):
    return sum(int(np.prod(s)) for s in shapes.values())

# %% [markdown] lang="zh"
# ## BERT {#bert}
#
# 记号：词表 $V=30522$，最大位置数 $P=512$，片段种类 $S=2$，隐藏维度 $H$，层数 $L$，FFN 中间维度 $4H$；
# 所有线性层带偏置，每个 LayerNorm 有 $2H$ 个参数，含 pooler，不含预训练输出头。

# %% [markdown] lang="en"
# ## BERT {#bert}
#
# Notation: vocabulary size $V=30522$, maximum number of positions $P=512$, number of segment types $S=2$, hidden size
# $H$, number of layers $L$, FFN inner size $4H$. Every linear layer has a bias, each LayerNorm has $2H$ parameters,
# and the pooler is included but the pre-training output heads are not.

# %%
def bert_shapes(L, H, V=30522, P=512, S=2, ffn=None):
    ffn = ffn or 4 * H
    s = {"embeddings.word_embeddings": (V, H),
         "embeddings.position_embeddings": (P, H),
         "embeddings.token_type_embeddings": (S, H),
         "embeddings.LayerNorm.weight": (H,), "embeddings.LayerNorm.bias": (H,)}
    for l in range(L):
        p = f"encoder.layer.{l}."
        for name in ("query", "key", "value"):
            s[p + f"attention.self.{name}.weight"] = (H, H)
            s[p + f"attention.self.{name}.bias"] = (H,)
        s[p + "attention.output.dense.weight"] = (H, H)
        s[p + "attention.output.dense.bias"] = (H,)
        s[p + "attention.output.LayerNorm.weight"] = (H,)
        s[p + "attention.output.LayerNorm.bias"] = (H,)
        s[p + "intermediate.dense.weight"] = (ffn, H)
        s[p + "intermediate.dense.bias"] = (ffn,)
        s[p + "output.dense.weight"] = (H, ffn)
        s[p + "output.dense.bias"] = (H,)
        s[p + "output.LayerNorm.weight"] = (H,)
        s[p + "output.LayerNorm.bias"] = (H,)
    s["pooler.dense.weight"] = (H, H)
    s["pooler.dense.bias"] = (H,)
    return s

def bert_formula(L, H, V=30522, P=512, S=2):
    return (V + P + S) * H + 2 * H + L * (12 * H * H + 13 * H) + (H * H + H)

# %% [markdown] lang="zh"
# 先在一个很小的配置上真的建出全部数组，跑一遍编码器的前向（嵌入、多头注意力、FFN、LayerNorm、pooler），证明上面列的形状是一套能用的网络：

# %% [markdown] lang="en"
# First, on a very small configuration, we actually build all the arrays and run the encoder forward (embeddings,
# multi-head attention, FFN, LayerNorm, pooler), which shows that the shapes listed above make up a working network:

# %%
def tiny_bert_forward(shapes, L, H, A, tokens, segments, rng):
    W = {k: rng.normal(scale=0.02, size=v) for k, v in shapes.items()}
    def ln(x, p):
        return (x - x.mean(-1, keepdims=True)) / np.sqrt(x.var(-1, keepdims=True) + 1e-12) * W[p + ".weight"] + W[p + ".bias"]
    def dense(x, p):                      # PyTorch Linear: weight is (out, in)
        return x @ W[p + ".weight"].T + W[p + ".bias"]
    n = len(tokens)
    x = W["embeddings.word_embeddings"][tokens] + W["embeddings.position_embeddings"][np.arange(n)] \
        + W["embeddings.token_type_embeddings"][segments]
    x = ln(x, "embeddings.LayerNorm")
    for l in range(L):
        p = f"encoder.layer.{l}."
        q, k, v = (dense(x, p + f"attention.self.{m}").reshape(n, A, H // A).transpose(1, 0, 2)
                   for m in ("query", "key", "value"))
        s = q @ k.transpose(0, 2, 1) / np.sqrt(H // A)
        a = np.exp(s - s.max(-1, keepdims=True))
        ctx = (a / a.sum(-1, keepdims=True) @ v).transpose(1, 0, 2).reshape(n, H)
        x = ln(x + dense(ctx, p + "attention.output.dense"), p + "attention.output.LayerNorm")
        f = dense(x, p + "intermediate.dense")
        f = 0.5 * f * (1 + np.tanh(0.79788456 * (f + 0.044715 * f ** 3)))    # GELU
        x = ln(x + dense(f, p + "output.dense"), p + "output.LayerNorm")
    pooled = np.tanh(dense(x[0], "pooler.dense"))
    return x, pooled, sum(w.size for w in W.values())

rng = np.random.default_rng(0)
tiny = dict(L=2, H=32, A=4)
shapes = bert_shapes(tiny["L"], tiny["H"], V=100, P=16)
seq, pooled, n_arrays = tiny_bert_forward(shapes, **tiny, tokens=rng.integers(0, 100, 10),
                                          segments=np.r_[np.zeros(5, int), np.ones(5, int)], rng=rng)
print("tiny BERT: sequence output", seq.shape, " pooled", pooled.shape, " parameters", n_arrays)
assert seq.shape == (10, 32) and pooled.shape == (32,)
assert n_arrays == count(shapes) == bert_formula(2, 32, V=100, P=16)

# %% [markdown] lang="zh"
# 再对真实尺寸只做形状算术（不分配 4 亿个数的内存），和公式、以及 [BERT 页](../nlp/bert.md)表格中的分项一一核对：

# %% [markdown] lang="en"
# Then, for the real sizes, we do only the shape arithmetic (without allocating memory for 400 million numbers) and
# check it term by term against the formula and against the breakdown in the table on the [BERT page](../nlp/bert.md):

# %%
def bert_breakdown(L, H):
    s = bert_shapes(L, H)
    emb = count({k: v for k, v in s.items() if k.startswith("embeddings")})
    layer0 = {k: v for k, v in s.items() if k.startswith("encoder.layer.0.")}
    attn = count({k: v for k, v in layer0.items() if "attention" in k and "LayerNorm" not in k})
    ffn = count({k: v for k, v in layer0.items() if "attention" not in k and "LayerNorm" not in k})
    lns = count({k: v for k, v in layer0.items() if "LayerNorm" in k})
    pool = count({k: v for k, v in s.items() if k.startswith("pooler")})
    return dict(embeddings=emb, attention=attn, ffn=ffn, layer_norms=lns, layer=attn + ffn + lns,
                all_layers=L * (attn + ffn + lns), pooler=pool, total=count(s))

page_table = {   # numbers printed in docs/zh/nlp/bert.md (parameter-count table)
    "base": dict(embeddings=23_837_184, attention=2_362_368, ffn=4_722_432, layer_norms=3_072, layer=7_087_872,
                 all_layers=85_054_464, pooler=590_592, total=109_482_240),
    "large": dict(embeddings=31_782_912, attention=4_198_400, ffn=8_393_728, layer_norms=4_096, layer=12_596_224,
                  all_layers=302_309_376, pooler=1_049_600, total=335_141_888),
}
for name, (L, H) in {"base": (12, 768), "large": (24, 1024)}.items():
    b = bert_breakdown(L, H)
    print(f"BERT-{name}: " + ", ".join(f"{k} {v:,}" for k, v in b.items()))
    assert b == page_table[name]
    assert b["total"] == bert_formula(L, H)
    print(f"  embeddings share: {b['embeddings'] / b['total']:.1%}")

# with the pre-training heads: MLM transform (H^2 + H), its LayerNorm (2H), output bias (V; the output weight is
# tied to the word embeddings) and the NSP classifier (2H + 2)
def with_heads(L, H, V=30522):
    return bert_formula(L, H) + (H * H + H) + 2 * H + V + (2 * H + 2)
print("with pre-training heads:", f"{with_heads(12, 768):,}", f"{with_heads(24, 1024):,}")
assert with_heads(12, 768) == 110_106_428 and with_heads(24, 1024) == 336_226_108
assert round(bert_breakdown(12, 768)["embeddings"] / 109_482_240, 2) == 0.22

# %% [markdown] lang="zh"
# ## LSTM 与 GRU {#lstm-gru}
#
# 输入维度 $x$，隐状态维度 $h$。PyTorch 每层有 `weight_ih`（$4h\times x$，GRU 为 $3h\times x$）、`weight_hh`（$4h\times h$ 或 $3h\times h$）
# 和 `bias_ih`、`bias_hh` 两个偏置，所以是“双偏置”约定 $4\big(h(h+x)+2h\big)$；Keras 的 LSTM 只有一个偏置，为 $4\big(h(h+x)+h\big)$。
# 下面建出 PyTorch 形状的数组、按 PyTorch 的门顺序跑一步前向，再与公式核对。

# %% [markdown] lang="en"
# ## LSTM and GRU {#lstm-gru}
#
# Input size $x$, hidden size $h$. Each PyTorch layer has `weight_ih` ($4h\times x$; $3h\times x$ for a GRU),
# `weight_hh` ($4h\times h$ or $3h\times h$) and two biases, `bias_ih` and `bias_hh`, which gives the "two-bias"
# convention $4\big(h(h+x)+2h\big)$; a Keras LSTM has a single bias, $4\big(h(h+x)+h\big)$. Below we build arrays of
# PyTorch's shapes, run one forward step in PyTorch's gate order, and check the counts against the formulas.

# %%
def rnn_weights(kind, x, h, rng, two_biases=True):
    gates = {"lstm": 4, "gru": 3}[kind]
    W = {"weight_ih": rng.normal(size=(gates * h, x)), "weight_hh": rng.normal(size=(gates * h, h)),
         "bias_ih": rng.normal(size=gates * h)}
    if two_biases:
        W["bias_hh"] = rng.normal(size=gates * h)
    return W

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def lstm_step(W, x_t, h_prev, c_prev):
    g = W["weight_ih"] @ x_t + W["bias_ih"] + W["weight_hh"] @ h_prev + W.get("bias_hh", 0)
    i, f, gg, o = np.split(g, 4)                       # PyTorch order: input, forget, cell, output
    c = sigmoid(f) * c_prev + sigmoid(i) * np.tanh(gg)
    return sigmoid(o) * np.tanh(c), c

def gru_step(W, x_t, h_prev):
    gi = W["weight_ih"] @ x_t + W["bias_ih"]
    gh = W["weight_hh"] @ h_prev + W["bias_hh"]
    r = sigmoid(gi[:len(h_prev)] + gh[:len(h_prev)])
    z = sigmoid(gi[len(h_prev):2 * len(h_prev)] + gh[len(h_prev):2 * len(h_prev)])
    n = np.tanh(gi[2 * len(h_prev):] + r * gh[2 * len(h_prev):])   # reset gate applied after the matmul
    return (1 - z) * n + z * h_prev

x_dim, h_dim = 128, 256
W_lstm, W_gru = rnn_weights("lstm", x_dim, h_dim, rng), rnn_weights("gru", x_dim, h_dim, rng)
h1, c1 = lstm_step(W_lstm, rng.normal(size=x_dim), np.zeros(h_dim), np.zeros(h_dim))
h2 = gru_step(W_gru, rng.normal(size=x_dim), np.zeros(h_dim))
assert h1.shape == c1.shape == h2.shape == (h_dim,)

n_lstm_pt, n_gru_pt = sum(w.size for w in W_lstm.values()), sum(w.size for w in W_gru.values())
n_lstm_1b = sum(w.size for w in rnn_weights("lstm", x_dim, h_dim, rng, two_biases=False).values())
n_gru_1b = sum(w.size for w in rnn_weights("gru", x_dim, h_dim, rng, two_biases=False).values())
hh = h_dim * (h_dim + x_dim)
print(f"x = {x_dim}, h = {h_dim}:  h(h+x) = {hh}")
print(f"LSTM  one bias {n_lstm_1b:,}   PyTorch {n_lstm_pt:,}")
print(f"GRU   one bias {n_gru_1b:,}   PyTorch {n_gru_pt:,}")
assert n_lstm_1b == 4 * (hh + h_dim) == 394_240 and n_lstm_pt == 4 * (hh + 2 * h_dim) == 395_264
assert n_gru_1b == 3 * (hh + h_dim) == 295_680 and n_gru_pt == 3 * (hh + 2 * h_dim) == 296_448

# two-layer bidirectional LSTM (PyTorch), x = 300, h = 256: layer 2 reads the 2h = 512 concatenated outputs
def lstm_stack(x, h, layers, bidirectional):
    dirs = 2 if bidirectional else 1
    total, inp = 0, x
    for _ in range(layers):
        total += dirs * sum(w.size for w in rnn_weights("lstm", inp, h, rng).values())
        inp = dirs * h
    return total
n_bi = lstm_stack(300, 256, layers=2, bidirectional=True)
print(f"2-layer BiLSTM (x=300, h=256): {n_bi:,}")
assert n_bi == 2 * 4 * (256 * 556 + 512) + 2 * 4 * (256 * 768 + 512) == 2_719_744

# %% [markdown] lang="zh"
# ## ALBERT 的嵌入矩阵分解 {#albert}
#
# 词表 $V=30000$。BERT 的词元嵌入是 $V\times H$；ALBERT 先映射到 $E=128$ 维再投影到 $H$，参数量变为 $V\times E+E\times H$
# （这里与 [预训练模型家族](../nlp/bert-family.md) 页一样不计投影层的偏置 $H$）。

# %% [markdown] lang="en"
# ## ALBERT's factorized embedding {#albert}
#
# Vocabulary size $V=30000$. BERT's token embedding is $V\times H$; ALBERT first maps tokens to $E=128$ dimensions and
# then projects them to $H$, so the count becomes $V\times E+E\times H$ (as on the [Pre-trained model
# family](../nlp/bert-family.md) page, the projection's $H$ bias parameters are not counted here).

# %%
V, E = 30_000, 128
for H, expected_full, expected_fact in ((768, 23_040_000, 3_938_304), (4096, 122_880_000, 4_364_288)):
    full = count({"word_embeddings": (V, H)})
    fact = count({"word_embeddings": (V, E), "embedding_hidden_mapping_in": (E, H)})
    print(f"H = {H}: V*H = {full:,}   V*E + E*H = {fact:,}   ratio {full / fact:.1f}")
    assert full == V * H == expected_full and fact == V * E + E * H == expected_fact
# a factorised lookup is a plain lookup followed by a matrix product
Emb, Proj, ids = rng.normal(size=(50, 8)), rng.normal(size=(8, 32)), np.array([3, 7, 7, 41])
assert np.allclose(Emb[ids] @ Proj, (Emb @ Proj)[ids])
