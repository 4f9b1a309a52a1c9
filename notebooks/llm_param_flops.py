# %% [markdown] lang="zh"
# # LLaMA 式模型的参数量、FLOPs 与词表：逐项核对
#
# [仅解码器架构](../llm/decoder-only.md)和[分词](../llm/tokenization.md)两页里能算出来的数，都在这里算一遍并用 `assert` 锁住：
#
# - **参数量，两种相互独立的方法**：方法一按 Hugging Face `LlamaForCausalLM` 的权重命名列出每个张量的形状再求和；
#   方法二是闭式公式 $N=L\,(2d^2+2d\,n_{kv}d_h+3d\,d_{ff}+2d)+2Vd+d$。对一个很小的配置，还真的用这些形状建出 numpy 数组跑一遍前向，
#   证明这套形状能组成一个可用的网络（RMSNorm、RoPE、GQA 因果注意力、SwiGLU）。
# - **FFN 隐藏维度**：按官方参考实现的取整规则从 $d$ 算出 11008、13824、28672、14336。
# - **每个词元的 FLOPs 与训练总算力** $C\approx 6ND$。
# - **分词**：BPE 的小例子、UTF-8 字节数、词表大小对参数和显存的影响。
#
# 只用 numpy，不下载任何模型或分词器。

# %% [markdown] lang="en"
# # LLaMA-style models: parameters, FLOPs and vocabulary, checked
#
# Every number on the [decoder-only architecture](../llm/decoder-only.md) and [tokenization](../llm/tokenization.md) pages
# that can be computed is computed here and pinned with `assert`:
#
# - **parameter counts, two independent ways**: method 1 lists the shape of every tensor under the Hugging Face
#   `LlamaForCausalLM` parameter names and sums them; method 2 is the closed formula
#   $N=L\,(2d^2+2d\,n_{kv}d_h+3d\,d_{ff}+2d)+2Vd+d$. For a tiny configuration we also build real numpy arrays with those
#   shapes and run a forward pass (RMSNorm, RoPE, causal GQA attention, SwiGLU), to show the shapes make a working network;
# - **the FFN hidden size**, derived from $d$ with the rounding rule of the official reference code: 11008, 13824, 28672, 14336;
# - **FLOPs per token and total training compute** $C\approx 6ND$;
# - **tokenization**: a small BPE example, UTF-8 byte counts, what the vocabulary size costs in parameters and memory.
#
# numpy only; no model or tokenizer is downloaded.

# %%
import numpy as np


def count(shapes):
    return sum(int(np.prod(s)) for s in shapes.values())


# %% [markdown] lang="zh"
# ## 配置与 FFN 隐藏维度 {#configs}
#
# Meta 的参考实现（`meta-llama/llama` 仓库 `llama/model.py` 的 `FeedForward`）从 `hidden_dim = 4 * dim` 出发：
# 先乘 $2/3$ 取整，若有 `ffn_dim_multiplier` 再乘它取整，最后向上取整到 `multiple_of` 的倍数。
# 7B、13B 用 `multiple_of = 256`；Llama 2 70B 与 Llama 3 用 `ffn_dim_multiplier = 1.3`，`multiple_of` 分别为 4096 与 1024。
# 词表：Llama 2 为 32000；Llama 3 为 128000 个 BPE 词元加 256 个特殊词元，共 128256。

# %% [markdown] lang="en"
# ## Configurations and the FFN hidden size {#configs}
#
# Meta's reference code (`FeedForward` in `llama/model.py` of the `meta-llama/llama` repository) starts from
# `hidden_dim = 4 * dim`, multiplies by $2/3$ and truncates, multiplies by `ffn_dim_multiplier` if one is given, and
# rounds up to a multiple of `multiple_of`. The 7B and 13B models use `multiple_of = 256`; Llama 2 70B and Llama 3 use
# `ffn_dim_multiplier = 1.3` with `multiple_of` 4096 and 1024 respectively. Vocabularies: 32000 for Llama 2; for Llama 3,
# 128000 BPE tokens plus 256 special tokens, 128256 in all.

# %%
def ffn_hidden(d, multiple_of, multiplier=None):
    h = int(2 * (4 * d) / 3)
    if multiplier is not None:
        h = int(multiplier * h)
    return multiple_of * ((h + multiple_of - 1) // multiple_of)


CONFIGS = {  # d, layers, heads, kv_heads, d_ff, vocab
    "Llama 2 7B": dict(d=4096, L=32, n_heads=32, n_kv=32, d_ff=ffn_hidden(4096, 256), V=32000),
    "Llama 2 13B": dict(d=5120, L=40, n_heads=40, n_kv=40, d_ff=ffn_hidden(5120, 256), V=32000),
    "Llama 2 70B": dict(d=8192, L=80, n_heads=64, n_kv=8, d_ff=ffn_hidden(8192, 4096, 1.3), V=32000),
    "Llama 3 8B": dict(d=4096, L=32, n_heads=32, n_kv=8, d_ff=ffn_hidden(4096, 1024, 1.3), V=128000 + 256),
}
for name, c in CONFIGS.items():
    print(f"{name:12s} d={c['d']:5d}  L={c['L']:2d}  heads={c['n_heads']:2d}  kv_heads={c['n_kv']:2d}  "
          f"d_ff={c['d_ff']:5d}  d_ff/d={c['d_ff'] / c['d']:.4f}  V={c['V']}")
assert [c["d_ff"] for c in CONFIGS.values()] == [11008, 13824, 28672, 14336]
assert 8 * 4096 / 3 == 10922.666666666666 and 11008 == 43 * 256
assert [round(8 * c["d"] / 3, 1) for c in CONFIGS.values()] == [10922.7, 13653.3, 21845.3, 10922.7]
assert [c["d_ff"] / c["d"] for c in CONFIGS.values()] == [2.6875, 2.7, 3.5, 3.5]

# %% [markdown] lang="zh"
# ## 方法一：按 `LlamaForCausalLM` 的权重名列形状 {#shapes}
#
# PyTorch 的 `nn.Linear` 权重形状是（输出维, 输入维）；所有线性层都没有偏置；RMSNorm 只有一个长度为 $d$ 的 `weight`；
# 输入嵌入 `embed_tokens` 与输出层 `lm_head` 不共享。

# %% [markdown] lang="en"
# ## Method 1: shapes under the `LlamaForCausalLM` parameter names {#shapes}
#
# A PyTorch `nn.Linear` weight has shape (out, in); no linear layer has a bias; an RMSNorm has a single `weight` of
# length $d$; the input embedding `embed_tokens` and the output layer `lm_head` are not tied.

# %%
def llama_shapes(d, L, n_heads, n_kv, d_ff, V):
    d_h = d // n_heads
    s = {"model.embed_tokens.weight": (V, d)}
    for i in range(L):
        p = f"model.layers.{i}."
        s[p + "self_attn.q_proj.weight"] = (n_heads * d_h, d)
        s[p + "self_attn.k_proj.weight"] = (n_kv * d_h, d)
        s[p + "self_attn.v_proj.weight"] = (n_kv * d_h, d)
        s[p + "self_attn.o_proj.weight"] = (d, n_heads * d_h)
        s[p + "mlp.gate_proj.weight"] = (d_ff, d)
        s[p + "mlp.up_proj.weight"] = (d_ff, d)
        s[p + "mlp.down_proj.weight"] = (d, d_ff)
        s[p + "input_layernorm.weight"] = (d,)
        s[p + "post_attention_layernorm.weight"] = (d,)
    s["model.norm.weight"] = (d,)
    s["lm_head.weight"] = (V, d)
    return s


def llama_formula(d, L, n_heads, n_kv, d_ff, V):
    d_h = d // n_heads
    attention = 2 * d * d + 2 * d * n_kv * d_h      # W_Q, W_O: d x d; W_K, W_V: d x (n_kv d_h)
    ffn = 3 * d * d_ff                               # gate, up, down
    norms = 2 * d                                    # two RMSNorm weights per layer
    return L * (attention + ffn + norms) + 2 * V * d + d


# %% [markdown] lang="zh"
# 先在一个很小的配置上真的建出全部数组，跑一遍前向。顺便检查两件事：因果性（改动第 $t$ 个之后的词元，前 $t$ 个位置的输出不变），
# 以及 GQA 的 K、V 头数确实只有 $n_{kv}$ 个、被每组 $n_h/n_{kv}$ 个查询头共用。

# %% [markdown] lang="en"
# First, build every array for a tiny configuration and run a forward pass. Two checks on the way: causality (changing
# the tokens after position $t$ leaves the outputs at positions up to $t$ unchanged), and that GQA really has only
# $n_{kv}$ key/value heads, each shared by a group of $n_h/n_{kv}$ query heads.

# %%
def rms_norm(x, w, eps=1e-5):
    return x / np.sqrt((x * x).mean(-1, keepdims=True) + eps) * w


def rope(x, base=10000.0):
    """x: (heads, n, d_h). Pairs dimension i with i + d_h/2 (the 'rotate_half' layout)."""
    _, n, d_h = x.shape
    inv_freq = base ** (-np.arange(0, d_h, 2) / d_h)              # (d_h/2,)
    ang = np.arange(n)[:, None] * inv_freq[None, :]               # (n, d_h/2)
    cos, sin = np.cos(np.concatenate([ang, ang], -1)), np.sin(np.concatenate([ang, ang], -1))
    x1, x2 = x[..., : d_h // 2], x[..., d_h // 2:]
    return x * cos + np.concatenate([-x2, x1], -1) * sin


def silu(z):
    return z / (1 + np.exp(-z))


def tiny_llama_forward(W, cfg, tokens):
    d, n_h, n_kv = cfg["d"], cfg["n_heads"], cfg["n_kv"]
    d_h, n = d // n_h, len(tokens)
    x = W["model.embed_tokens.weight"][tokens]                     # (n, d)
    causal = np.triu(np.full((n, n), -np.inf), k=1)
    for i in range(cfg["L"]):
        p = f"model.layers.{i}."
        h = rms_norm(x, W[p + "input_layernorm.weight"])
        q = (h @ W[p + "self_attn.q_proj.weight"].T).reshape(n, n_h, d_h).transpose(1, 0, 2)
        k = (h @ W[p + "self_attn.k_proj.weight"].T).reshape(n, n_kv, d_h).transpose(1, 0, 2)
        v = (h @ W[p + "self_attn.v_proj.weight"].T).reshape(n, n_kv, d_h).transpose(1, 0, 2)
        q, k = rope(q), rope(k)                                    # RoPE on q and k only
        k, v = np.repeat(k, n_h // n_kv, axis=0), np.repeat(v, n_h // n_kv, axis=0)   # share KV heads
        s = q @ k.transpose(0, 2, 1) / np.sqrt(d_h) + causal
        a = np.exp(s - s.max(-1, keepdims=True))
        ctx = (a / a.sum(-1, keepdims=True) @ v).transpose(1, 0, 2).reshape(n, d)
        x = x + ctx @ W[p + "self_attn.o_proj.weight"].T           # pre-norm residual
        h = rms_norm(x, W[p + "post_attention_layernorm.weight"])
        f = silu(h @ W[p + "mlp.gate_proj.weight"].T) * (h @ W[p + "mlp.up_proj.weight"].T)   # SwiGLU
        x = x + f @ W[p + "mlp.down_proj.weight"].T
    return rms_norm(x, W["model.norm.weight"]) @ W["lm_head.weight"].T   # logits (n, V)


rng = np.random.default_rng(0)
tiny = dict(d=64, L=2, n_heads=8, n_kv=2, d_ff=ffn_hidden(64, 16), V=100)
shapes = llama_shapes(**tiny)
W = {k: rng.normal(scale=0.05, size=v) if len(v) == 2 else np.ones(v) for k, v in shapes.items()}
tokens = rng.integers(0, tiny["V"], 12)
logits = tiny_llama_forward(W, tiny, tokens)
changed = tokens.copy()
changed[7:] = (changed[7:] + 1) % tiny["V"]
logits2 = tiny_llama_forward(W, tiny, changed)
print("tiny config:", tiny, " logits", logits.shape, " parameters", sum(w.size for w in W.values()))
assert logits.shape == (12, tiny["V"])
assert np.allclose(logits[:7], logits2[:7]) and not np.allclose(logits[7:], logits2[7:])   # causal
assert shapes["model.layers.0.self_attn.k_proj.weight"] == (2 * 8, 64)                     # n_kv * d_h rows
assert sum(w.size for w in W.values()) == count(shapes) == llama_formula(**tiny)

# %% [markdown] lang="zh"
# ## 真实配置：两种方法对上，并与已知数字核对 {#totals}
#
# 对真实尺寸只做形状算术（不分配几十亿个数的内存）。Llama 2 7B 的精确参数量是 **6,738,415,616**
# （论文只写 “7B”；这个精确值就是按上面的形状逐项相加的结果）。70B 的论文数字同样只是 “70B”，
# 这里只断言两种方法一致，并打印出精确值。

# %% [markdown] lang="en"
# ## Real configurations: the two methods agree, and match the known figure {#totals}
#
# For the real sizes we only do shape arithmetic (no allocation of billions of numbers). Llama 2 7B has exactly
# **6,738,415,616** parameters (the paper only says "7B"; the exact value is the sum over the shapes above). The paper's
# figure for 70B is likewise just "70B", so for it we only assert that the two methods agree, and print the exact value.

# %%
totals = {}
for name, c in CONFIGS.items():
    by_shapes, by_formula = count(llama_shapes(**c)), llama_formula(**c)
    assert by_shapes == by_formula
    totals[name] = by_shapes
    print(f"{name:12s} {by_shapes:>15,}  ({by_shapes / 1e9:.2f} B)")
assert totals["Llama 2 7B"] == 6_738_415_616
assert totals["Llama 2 13B"] == 13_015_864_320
assert totals["Llama 2 70B"] == 68_976_648_192
assert totals["Llama 3 8B"] == 8_030_261_248

# %% [markdown] lang="zh"
# 7B 的分项（[仅解码器架构](../llm/decoder-only.md#param-count)页的表格）：

# %% [markdown] lang="en"
# The breakdown for 7B (the table on the [decoder-only architecture](../llm/decoder-only.md#param-count) page):

# %%
def breakdown(d, L, n_heads, n_kv, d_ff, V):
    s = llama_shapes(d, L, n_heads, n_kv, d_ff, V)
    layer0 = {k: v for k, v in s.items() if k.startswith("model.layers.0.")}
    attn = count({k: v for k, v in layer0.items() if "self_attn" in k})
    ffn = count({k: v for k, v in layer0.items() if "mlp" in k})
    norms = count({k: v for k, v in layer0.items() if "layernorm" in k})
    return dict(attention=attn, ffn=ffn, norms=norms, layer=attn + ffn + norms, all_layers=L * (attn + ffn + norms),
                embed_tokens=V * d, lm_head=V * d, final_norm=d, total=count(s))


b7 = breakdown(**CONFIGS["Llama 2 7B"])
for k, v in b7.items():
    print(f"{k:12s} {v:>15,}  {v / b7['total']:7.2%}")
assert b7 == dict(attention=67_108_864, ffn=135_266_304, norms=8_192, layer=202_383_360,
                  all_layers=6_476_267_520, embed_tokens=131_072_000, lm_head=131_072_000, final_norm=4_096,
                  total=6_738_415_616)
assert round(b7["ffn"] / b7["layer"], 3) == 0.668
assert round((b7["embed_tokens"] + b7["lm_head"]) / b7["total"], 3) == 0.039
assert round(b7["all_layers"] / b7["total"], 3) == 0.961 and round(b7["embed_tokens"] / b7["total"], 3) == 0.019

b70 = breakdown(**CONFIGS["Llama 2 70B"])
print("70B attention per layer:", f"{b70['attention']:,}", " (4d^2 would be", f"{4 * 8192 ** 2:,})")
assert b70["attention"] == 2 * 8192 ** 2 + 2 * 8192 * 8 * 128 == 150_994_944
# without GQA (64 KV heads) the 70B configuration would have about 9.4 B more parameters
no_gqa = llama_formula(**{**CONFIGS["Llama 2 70B"], "n_kv": 64})
print(f"70B with full multi-head KV: {no_gqa:,}  (+{no_gqa - totals['Llama 2 70B']:,})")
assert no_gqa - totals["Llama 2 70B"] == 80 * 2 * 8192 * (8192 - 1024) == 9_395_240_960
assert round(1 - b70["attention"] / (4 * 8192 ** 2), 2) == 0.44 and round(no_gqa / 1e9) == 78

# %% [markdown] lang="zh"
# 作为对照，用 GPT-2 式结构（带偏置、LayerNorm、$d_{ff}=4d$、输入输出嵌入共享、可学习位置嵌入）按每层 $12d^2+13d$
# 计算 GPT-3 175B（$L=96$，$d=12288$，词表 50257，上下文 2048）：

# %% [markdown] lang="en"
# For comparison, GPT-3 175B ($L=96$, $d=12288$, vocabulary 50257, context 2048) counted with the GPT-2 layout
# (biases, LayerNorm, $d_{ff}=4d$, tied input/output embeddings, learned position embeddings), i.e. $12d^2+13d$ per layer:

# %%
def gpt2_style_total(d, L, V, n_ctx):
    return L * (12 * d * d + 13 * d) + V * d + n_ctx * d + 2 * d


gpt3 = gpt2_style_total(12288, 96, 50257, 2048)
print(f"GPT-3 175B by formula: {gpt3:,}")
assert 174.5e9 < gpt3 < 174.7e9
assert 12 * 96 * 12288 ** 2 == 173_946_175_488

# %% [markdown] lang="zh"
# ## 每个词元的 FLOPs {#flops}
#
# 前向：每个参与矩阵乘法的权重对每个词元做一次乘加，即 2 FLOPs。输入嵌入只是查表（不算 FLOPs），
# 输出层 `lm_head` 是一次 $d\times V$ 的矩阵乘法。注意力分数 $QK^\top$ 与加权求和 $AV$ 每层每个词元各
# $2\,n_{ctx}\,d$（看全部 $n_{ctx}$ 个位置时）；因果掩码下第 $t$ 个位置只看 $t$ 个键，按位置平均约减半，
# 与 Kaplan 等（2020）表 1 的 $2\,n_{layer}n_{ctx}d_{attn}$ 数值一致（表中没有写推导，这是一种读法）。训练（前向 + 反向）约为前向的 3 倍。

# %% [markdown] lang="en"
# ## FLOPs per token {#flops}
#
# Forward: every weight that takes part in a matrix product does one multiply-add per token, i.e. 2 FLOPs. The input
# embedding is a table lookup (no FLOPs); the output layer `lm_head` is a $d\times V$ matrix product. The attention
# scores $QK^\top$ and the weighted sum $AV$ each cost $2\,n_{ctx}\,d$ per layer per token when a token sees all
# $n_{ctx}$ positions; under a causal mask position $t$ sees only $t$ keys, which averages to about half and matches the
# value $2\,n_{layer}n_{ctx}d_{attn}$ of Kaplan et al. (2020), Table 1 (the table gives no derivation; this is one reading). Training (forward + backward) is about 3 times the forward.

# %%
def flops_per_token(d, L, n_heads, n_kv, d_ff, V, n_ctx, causal=True):
    matmul_params = L * (2 * d * d + 2 * d * n_kv * (d // n_heads) + 3 * d * d_ff) + V * d   # lm_head, not the lookup
    attn = (2 if causal else 4) * L * n_ctx * d
    forward = 2 * matmul_params + attn
    return dict(matmul_params=matmul_params, dense=2 * matmul_params, attention=attn, forward=forward,
                train=3 * forward)


c7 = CONFIGS["Llama 2 7B"]
f7 = flops_per_token(**c7, n_ctx=4096)
for k, v in f7.items():
    print(f"{k:14s} {v:>16,}   ({v / 1e9:.2f} G)")
N7 = totals["Llama 2 7B"]
print(f"2N = {2 * N7 / 1e9:.2f} GFLOPs,  6N = {6 * N7 / 1e9:.2f} GFLOPs")
print(f"attention / dense at n_ctx = 4096: {f7['attention'] / f7['dense']:.1%} (causal), "
      f"{flops_per_token(**c7, n_ctx=4096, causal=False)['attention'] / f7['dense']:.1%} (full)")
assert f7["matmul_params"] == N7 - 131_072_000 - 32 * 8192 - 4096     # minus embedding lookup and norm weights
assert round(2 * N7 / 1e9, 2) == 13.48 and round(6 * N7 / 1e9, 2) == 40.43
assert round(f7["attention"] / 1e9, 2) == 1.07 and round(f7["forward"] / 1e9, 2) == 14.29
assert round(f7["train"] / 1e9, 2) == 42.86
assert round(f7["attention"] / f7["dense"], 3) == 0.081
assert round(f7["dense"] / 1e9, 2) == 13.21
assert round(flops_per_token(**c7, n_ctx=4096, causal=False)["attention"] / f7["dense"], 3) == 0.163
# Kaplan's rule of thumb: with ~12 d^2 weights per layer the ratio is n_ctx / (12 d) = 1/12 here
assert round(4096 / (12 * 4096), 3) == 0.083

# %% [markdown] lang="zh"
# ## 训练总算力 C ≈ 6ND {#compute}
#
# Llama 2 7B 用 2.0T 个 token 预训练（论文表 1），总共 184,320 A100-80GB GPU 小时（论文表 2 / 模型卡）。
# 用 $6ND$ 估算总 FLOPs，再除以 GPU 小时，得到每块 GPU 的平均有效算力；相对 A100 的 BF16 稠密峰值 312 TFLOPS 的比例
# 就是模型 FLOPs 利用率（MFU）的粗略估计（假设 GPU 小时全部用于这次训练，且不计注意力项）。

# %% [markdown] lang="en"
# ## Total training compute C ≈ 6ND {#compute}
#
# Llama 2 7B was pre-trained on 2.0T tokens (paper, Table 1) using 184,320 A100-80GB GPU-hours (paper, Table 2 / model
# card). Estimate the total FLOPs with $6ND$ and divide by the GPU-hours to get the average useful throughput per GPU;
# its ratio to the A100's dense BF16 peak of 312 TFLOPS is a rough model FLOPs utilisation (MFU), assuming every
# GPU-hour went into this run and ignoring the attention term.

# %%
D = 2.0e12
C = 6 * N7 * D
gpu_seconds = 184_320 * 3600
per_gpu = C / gpu_seconds
print(f"C = 6ND = {C:.3e} FLOPs;  per GPU {per_gpu / 1e12:.0f} TFLOP/s;  MFU ~ {per_gpu / 312e12:.0%}")
attention_share = 3 * f7["attention"] / (6 * N7)
print(f"training attention term at n_ctx = 4096: {attention_share:.1%} of 6N")
with_attention = 3 * f7["forward"] * D       # matmul weights only (no embedding lookup) plus attention
print(f"matmul weights + attention at n_ctx = 4096: {with_attention:.3e} FLOPs (+{with_attention / C - 1:.1%} net)")
assert f"{C:.2e}" == "8.09e+22"
assert round(per_gpu / 1e12) == 122 and round(per_gpu / 312e12, 2) == 0.39
assert round(attention_share, 2) == 0.08 and round(with_attention / C - 1, 2) == 0.06
assert f"{6 * 175e9 * 300e9:.3e}" == "3.150e+23"      # GPT-3: 175B parameters, 300B tokens

# %% [markdown] lang="zh"
# ## 分词：BPE 小例子 {#bpe}
#
# 与[分词](../llm/tokenization.md#bpe)页完全相同的代码：四个词的词频表，每步合并出现次数最多的相邻符号对（并列时取字典序最小的一对）。

# %% [markdown] lang="en"
# ## Tokenization: the small BPE example {#bpe}
#
# The same code as on the [tokenization](../llm/tokenization.md#bpe) page: a frequency table of four words; each step
# merges the most frequent adjacent pair (ties broken by the lexicographically smallest pair).

# %%
from collections import Counter


def pair_counts(words):
    counts = Counter()
    for symbols, freq in words.items():
        for pair in zip(symbols, symbols[1:]):
            counts[pair] += freq
    return counts


def merge(symbols, pair):
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(symbols[i] + symbols[i + 1])
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return tuple(out)


def train_bpe(freqs, num_merges):
    words = {tuple(w) + ("</w>",): f for w, f in freqs.items()}
    merges = []
    for _ in range(num_merges):
        counts = pair_counts(words)
        best = min(counts, key=lambda p: (-counts[p], p))
        merges.append((best, counts[best]))
        words = {merge(s, best): f for s, f in words.items()}
    return merges, words


def encode(word, merges):
    symbols = tuple(word) + ("</w>",)
    for pair, _ in merges:                       # apply merges in the order they were learned
        symbols = merge(symbols, pair)
    return symbols


merges, words = train_bpe({"low": 5, "lower": 2, "newest": 6, "widest": 3}, 6)
for rank, (pair, n) in enumerate(merges, 1):
    print(rank, pair, n)
print(encode("lowest", merges), encode("newer", merges))
assert [p for p, _ in merges] == [("e", "s"), ("es", "t"), ("est", "</w>"), ("l", "o"), ("lo", "w"), ("e", "w")]
assert [n for _, n in merges] == [9, 9, 9, 7, 7, 6]
assert encode("lowest", merges) == ("low", "est</w>")
assert encode("newer", merges) == ("n", "ew", "e", "r", "</w>")

# %% [markdown] lang="zh"
# ## 分词：字节、词表与显存 {#vocab}
#
# UTF-8 下基本区汉字（U+4E00–U+9FFF，常用字都在其中）占 3 个字节，扩展 B 区的字占 4 个；没有被合并进词表的汉字在字节级分词下就是 3 个词元。
# 词表大小 $V$ 决定嵌入层与输出层的参数 $2Vd$（不共享时），以及每个位置一行 $V$ 维 logits 的显存。

# %% [markdown] lang="en"
# ## Tokenization: bytes, vocabulary and memory {#vocab}
#
# In UTF-8 the characters of the basic CJK block (U+4E00–U+9FFF, all the common ones) take 3 bytes and those of Extension B take 4; a Chinese character
# that was never merged into the vocabulary costs 3 tokens under byte-level tokenization. The vocabulary size $V$ sets
# the embedding and output-layer parameters $2Vd$ (untied) and the memory of a $V$-wide row of logits per position.

# %%
for ch in ["a", "é", "模", "型", "𠀀"]:
    print(repr(ch), f"U+{ord(ch):04X}", len(ch.encode("utf-8")), "bytes", list(ch.encode("utf-8")))
assert [len(c.encode("utf-8")) for c in "a é 模 型 𠀀".split()] == [1, 2, 3, 3, 4]
assert "大语言模型".encode("utf-8").__len__() == 15
# 大语言模型: 15 byte tokens, 5 character tokens, or 大 / 语言 / 模型 = 3 tokens, 0.6 per character
assert 3 / len("大语言模型") == 0.6
# GPT-2 byte-to-character table: 188 printable bytes map to themselves, the other 68 are shifted past U+00FF
printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
assert len(printable) == 188 and 256 - len(printable) == 68
assert chr(256 + sorted(set(range(256)) - set(printable)).index(ord(" "))) == "Ġ"
assert chr(256 + sorted(set(range(256)) - set(printable)).index(ord("\n"))) == "Ċ"
# cl100k_base / Llama 3 cut digit runs left to right into groups of at most 3 (\p{N}{1,3}; ASCII digits here)
import re
assert re.findall(r"[0-9]{1,3}", "12345") == ["123", "45"]

for name in ("Llama 2 7B", "Llama 3 8B"):
    c = CONFIGS[name]
    emb = 2 * c["V"] * c["d"]
    print(f"{name}: 2Vd = {emb:,} = {emb / totals[name]:.1%} of {totals[name]:,}")
assert round(2 * 32000 * 4096 / totals["Llama 2 7B"], 3) == 0.039
assert 2 * 128256 * 4096 == 1_050_673_152 and round(1_050_673_152 / totals["Llama 3 8B"], 3) == 0.131

# fp32 logits of one 8192-token sequence
for V in (32000, 128256):
    print(f"V = {V}: logits of 8192 positions in fp32 = {8192 * V * 4 / 2**30:.2f} GiB")
assert round(8192 * 128256 * 4 / 2**30, 2) == 3.91 and round(8192 * 32000 * 4 / 2**30, 2) == 0.98
# the output layer's share of forward FLOPs for Llama 3 8B (2Vd out of ~2N)
share = 2 * 128256 * 4096 / flops_per_token(**CONFIGS["Llama 3 8B"], n_ctx=0)["dense"]
print(f"Llama 3 8B: lm_head share of dense forward FLOPs = {share:.1%}")
assert round(share, 3) == 0.070
