# %% [markdown] lang="zh"
# # 用 numpy 实现自注意力、掩码、多头注意力与正弦位置编码
#
# 本实验全部用 numpy 写成，每一步都检查张量形状：
#
# 1. 缩放点积注意力 $\operatorname{Attention}(Q,K,V)=\softmax\big(QK^\top/\sqrt{d_k}\big)V$，以及为什么要除以 $\sqrt{d_k}$；
# 2. 因果掩码（causal mask）与填充掩码（padding mask）：被遮住的位置权重为 0，改动它们不影响输出；
# 3. 多头注意力：拆分与拼接头、逐头循环的实现与向量化实现一致，参数量 $4d^2+4d$；
# 4. 正弦位置编码：$PE(pos+k)$ 是 $PE(pos)$ 的线性函数（分块旋转），内积只依赖相对距离 $k$。
#
# 讲解见 [Transformer](../nlp/transformer.md) 和[位置编码](../nlp/positional-encoding.md)。

# %% [markdown] lang="en"
# # Self-attention, masks, multi-head attention and sinusoidal positional encoding in numpy
#
# Everything here is plain numpy, and every step checks the tensor shapes:
#
# 1. scaled dot-product attention $\operatorname{Attention}(Q,K,V)=\softmax\big(QK^\top/\sqrt{d_k}\big)V$, and why it
#    divides by $\sqrt{d_k}$;
# 2. the causal mask and the padding mask: masked positions get weight 0, and changing what is in them does not change
#    the output;
# 3. multi-head attention: splitting and merging the heads, a loop over the heads agreeing with the vectorized
#    implementation, and the parameter count $4d^2+4d$;
# 4. sinusoidal positional encoding: $PE(pos+k)$ is a linear function of $PE(pos)$ (a block rotation), and dot
#    products depend only on the relative distance $k$.
#
# The explanations are on [Transformer](../nlp/transformer.md) and [Positional
# encoding](../nlp/positional-encoding.md).

# %%
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)

def softmax(x, axis=-1):
    x = x - x.max(axis=axis, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=axis, keepdims=True)

def attention(Q, K, V, mask=None):
    """Q: (..., Lq, d_k), K: (..., Lk, d_k), V: (..., Lk, d_v); mask broadcastable to (..., Lq, Lk), True = keep."""
    d_k = Q.shape[-1]
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d_k)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)     # masked keys get exactly zero weight
    weights = softmax(scores)
    return weights @ V, weights

B, L, d_model, h = 2, 6, 16, 4
X = rng.normal(size=(B, L, d_model))
out, w = attention(X, X, X)
print("X", X.shape, "-> output", out.shape, " weights", w.shape)
assert out.shape == (B, L, d_model) and w.shape == (B, L, L)
assert np.allclose(w.sum(-1), 1)

# %% [markdown] lang="zh"
# ## 为什么要除以 √d_k {#scaling}
#
# 若 $\mathbf{q}$、$\mathbf{k}$ 的各分量独立、均值 0、方差 1，则 $\mathbf{q}^\top\mathbf{k}$ 的方差为 $d_k$。
# 不缩放时 $d_k$ 越大，softmax 的输入越分散、输出越接近 one-hot，梯度越小；除以 $\sqrt{d_k}$ 后方差回到 1。

# %% [markdown] lang="en"
# ## Why divide by √d_k {#scaling}
#
# If the components of $\mathbf{q}$ and $\mathbf{k}$ are independent with mean 0 and variance 1, then
# $\mathbf{q}^\top\mathbf{k}$ has variance $d_k$. Without scaling, the larger $d_k$, the more spread out the softmax
# inputs, the closer its output to one-hot and the smaller the gradients; dividing by $\sqrt{d_k}$ brings the variance
# back to 1.

# %%
for d_k in (16, 64, 256):
    q, k = rng.normal(size=(20000, d_k)), rng.normal(size=(20000, d_k))
    dots = np.sum(q * k, axis=1)
    s10 = np.einsum("nd,nkd->nk", rng.normal(size=(2000, d_k)), rng.normal(size=(2000, 10, d_k)))  # 10 keys
    peak_raw, peak_scaled = softmax(s10).max(-1).mean(), softmax(s10 / np.sqrt(d_k)).max(-1).mean()
    print(f"d_k = {d_k:3d}: var(q.k) = {dots.var():6.1f}, var(q.k/sqrt(d_k)) = {(dots / np.sqrt(d_k)).var():.3f};"
          f"  mean largest weight over 10 keys: unscaled {peak_raw:.3f}, scaled {peak_scaled:.3f}")
    assert peak_raw > peak_scaled
    assert abs(dots.var() / d_k - 1) < 0.05 and abs((dots / np.sqrt(d_k)).var() - 1) < 0.05

# %% [markdown] lang="zh"
# ## 因果掩码与填充掩码 {#masks}
#
# - 因果掩码：位置 $i$ 只能看 $j\le i$，掩码是下三角矩阵。于是改动未来的词不会改变前面位置的输出。
# - 填充掩码：第 2 条序列的真实长度是 4，后 2 个位置是填充；任何查询都不应关注它们。

# %% [markdown] lang="en"
# ## Causal and padding masks {#masks}
#
# - Causal mask: position $i$ may only look at positions $j\le i$, so the mask is lower triangular. Changing future
#   tokens therefore leaves the outputs at earlier positions unchanged.
# - Padding mask: the second sequence has a true length of 4, and its last 2 positions are padding; no query should
#   attend to them.

# %%
causal = np.tril(np.ones((L, L), dtype=bool))                  # (L, L), broadcast over the batch
out_c, w_c = attention(X, X, X, causal)
assert np.all(w_c[:, ~causal] == 0) and np.allclose(w_c.sum(-1), 1)
X2 = X.copy()
X2[:, 4:] = rng.normal(size=(B, L - 4, d_model))              # change the future (positions 4, 5)
out_c2, _ = attention(X2, X2, X2, causal)
assert np.allclose(out_c[:, :4], out_c2[:, :4]) and not np.allclose(out_c[:, 4:], out_c2[:, 4:])
print("causal: upper-triangle weights are 0; outputs at positions 0-3 unchanged when positions 4-5 change")

lengths = np.array([L, 4])
key_valid = np.arange(L)[None, :] < lengths[:, None]          # (B, L)
pad_mask = key_valid[:, None, :]                              # (B, 1, L): same key mask for every query
out_p, w_p = attention(X, X, X, pad_mask)
assert np.all(w_p[1, :, 4:] == 0)
X3 = X.copy()
X3[1, 4:] = 100 * rng.normal(size=(L - 4, d_model))           # garbage in the padded positions
out_p3, _ = attention(X3, X3, X3, pad_mask)
assert np.allclose(out_p[1, :4], out_p3[1, :4])
both = pad_mask & causal                                      # decoder self-attention uses both
print("padding: weights on padded keys are 0; real positions ignore what is in the padding")
print("combined mask for sequence 2:\n", both[1].astype(int))

# %% [markdown] lang="zh"
# ## 多头注意力 {#multi-head}
#
# 把 $d_{model}$ 维的 $Q$、$K$、$V$ 投影拆成 $h$ 个 $d_k=d_{model}/h$ 维的头，各自做注意力，拼接后再过输出投影 $W_O$。
# 下面写两个独立的实现：逐头循环（每个头用权重矩阵的一段列）和“reshape + 转置”的向量化版本，二者输出相同。

# %% [markdown] lang="en"
# ## Multi-head attention {#multi-head}
#
# Split the $d_{model}$-dimensional projections $Q$, $K$, $V$ into $h$ heads of $d_k=d_{model}/h$ dimensions, run
# attention in each head, concatenate the results and apply the output projection $W_O$. Below are two independent
# implementations, a loop over the heads (each head uses a slice of the columns of the weight matrices) and a
# vectorized "reshape + transpose" version; they give the same output.

# %%
def init_mha(d, rng):
    s = 1 / np.sqrt(d)
    return {name: rng.normal(scale=s, size=(d, d)) for name in ("W_q", "W_k", "W_v", "W_o")} | \
           {name: rng.normal(scale=0.1, size=d) for name in ("b_q", "b_k", "b_v", "b_o")}

def split_heads(x, h):          # (B, L, d) -> (B, h, L, d/h)
    B_, L_, d = x.shape
    return x.reshape(B_, L_, h, d // h).transpose(0, 2, 1, 3)

def merge_heads(x):             # (B, h, L, d/h) -> (B, L, d)
    B_, h_, L_, dk = x.shape
    return x.transpose(0, 2, 1, 3).reshape(B_, L_, h_ * dk)

def mha_vectorised(x, p, h, mask=None):
    q, k, v = (split_heads(x @ p[f"W_{n}"] + p[f"b_{n}"], h) for n in "qkv")
    assert q.shape == (x.shape[0], h, x.shape[1], x.shape[2] // h)
    heads, _ = attention(q, k, v, mask)
    return merge_heads(heads) @ p["W_o"] + p["b_o"]

def mha_loop(x, p, h, mask=None):
    dk = x.shape[-1] // h
    heads = []
    for i in range(h):
        cols = slice(i * dk, (i + 1) * dk)
        q = x @ p["W_q"][:, cols] + p["b_q"][cols]
        k = x @ p["W_k"][:, cols] + p["b_k"][cols]
        v = x @ p["W_v"][:, cols] + p["b_v"][cols]
        heads.append(attention(q, k, v, mask)[0])
    return np.concatenate(heads, axis=-1) @ p["W_o"] + p["b_o"]

params = init_mha(d_model, rng)
y_vec, y_loop = mha_vectorised(X, params, h, causal), mha_loop(X, params, h, causal)
assert y_vec.shape == X.shape and np.allclose(y_vec, y_loop)
assert np.array_equal(merge_heads(split_heads(X, h)), X)       # split/merge round trip
print("multi-head output", y_vec.shape, "- loop and vectorised versions agree")

def mha_param_count(d):
    return sum(v.size for v in init_mha(d, np.random.default_rng(1)).values())

for d in (16, 512, 768):
    count = mha_param_count(d)
    print(f"d_model = {d:3d}: {count:,} parameters = 4 d^2 + 4 d = {4 * d * d + 4 * d:,}")
    assert count == 4 * d * d + 4 * d
assert mha_param_count(512) == 1_050_624 and mha_param_count(768) == 2_362_368
# the number of heads does not change the parameter count: h only changes how the columns are grouped

# %% [markdown] lang="zh"
# ## 正弦位置编码 {#sinusoidal}
#
# $PE_{(pos,2i)}=\sin(pos\,\omega_i)$，$PE_{(pos,2i+1)}=\cos(pos\,\omega_i)$，$\omega_i=10000^{-2i/d_{model}}$。
# 由和角公式，每一对 (sin, cos) 维度平移 $k$ 等于旋转角度 $k\omega_i$：
#
# $$
# \begin{bmatrix}\sin((pos+k)\omega_i)\\ \cos((pos+k)\omega_i)\end{bmatrix}
# =\begin{bmatrix}\cos k\omega_i & \sin k\omega_i\\ -\sin k\omega_i & \cos k\omega_i\end{bmatrix}
# \begin{bmatrix}\sin(pos\,\omega_i)\\ \cos(pos\,\omega_i)\end{bmatrix}
# $$
#
# 所以 $PE(pos+k)=M_k\,PE(pos)$，$M_k$ 是只依赖 $k$ 的块对角矩阵。下面既按公式构造 $M_k$ 检验，
# 也不看公式、直接用最小二乘拟合一个从 $PE(pos)$ 到 $PE(pos+k)$ 的线性映射，检验残差为 0（线性关系对所有位置精确成立）。

# %% [markdown] lang="en"
# ## Sinusoidal positional encoding {#sinusoidal}
#
# $PE_{(pos,2i)}=\sin(pos\,\omega_i)$, $PE_{(pos,2i+1)}=\cos(pos\,\omega_i)$, $\omega_i=10000^{-2i/d_{model}}$. By the
# angle-addition formulas, shifting each (sin, cos) pair of dimensions by $k$ positions is a rotation by the angle
# $k\omega_i$:
#
# $$
# \begin{bmatrix}\sin((pos+k)\omega_i)\\ \cos((pos+k)\omega_i)\end{bmatrix}
# =\begin{bmatrix}\cos k\omega_i & \sin k\omega_i\\ -\sin k\omega_i & \cos k\omega_i\end{bmatrix}
# \begin{bmatrix}\sin(pos\,\omega_i)\\ \cos(pos\,\omega_i)\end{bmatrix}
# $$
#
# So $PE(pos+k)=M_k\,PE(pos)$, where $M_k$ is a block-diagonal matrix that depends only on $k$. Below we check this
# with $M_k$ built from the formula, and also, without looking at the formula, fit a linear map from $PE(pos)$ to
# $PE(pos+k)$ by least squares and check that the residual is 0 (the linear relation holds exactly at every position).

# %%
def sinusoidal_pe(max_len, d):
    pos = np.arange(max_len)[:, None]
    omega = 10000.0 ** (-np.arange(0, d, 2) / d)              # (d/2,)
    pe = np.zeros((max_len, d))
    pe[:, 0::2], pe[:, 1::2] = np.sin(pos * omega), np.cos(pos * omega)
    return pe, omega

def rotation_for_offset(k, omega):
    M = np.zeros((2 * len(omega), 2 * len(omega)))
    for i, w in enumerate(omega):
        c, s = np.cos(k * w), np.sin(k * w)
        M[2 * i:2 * i + 2, 2 * i:2 * i + 2] = [[c, s], [-s, c]]
    return M

d_pe, max_len = 64, 200
PE, omega = sinusoidal_pe(max_len, d_pe)
assert PE.shape == (max_len, d_pe)
for k in (1, 5, 37):
    Mk = rotation_for_offset(k, omega)
    assert np.allclose(PE[:-k] @ Mk.T, PE[k:])                  # row form of PE(pos+k) = M_k PE(pos)
    assert np.allclose(Mk @ Mk.T, np.eye(d_pe))                # orthogonal: norms are preserved
    fitted, *_ = np.linalg.lstsq(PE[:-k], PE[k:], rcond=None)  # best linear map PE[pos] -> PE[pos+k], all pos
    err = np.abs(PE[:-k] @ fitted - PE[k:]).max()
    print(f"k = {k:2d}: max |M_k PE(pos) - PE(pos+k)| = {np.abs(PE[:-k] @ Mk.T - PE[k:]).max():.1e},"
          f"  least-squares linear fit over {max_len - k} positions: max residual {err:.1e}")
    assert err < 1e-8

# the dot product PE(pos) . PE(pos + k) depends only on k (it equals sum_i cos(k omega_i))
for k in (1, 5, 37):
    dots = np.sum(PE[:-k] * PE[k:], axis=1)
    assert np.allclose(dots, np.sum(np.cos(k * omega)))
print("PE(pos).PE(pos+k) is the same for every pos:", [round(float(np.sum(np.cos(k * omega))), 4) for k in (1, 5, 37)])

# %%
fig, axes = plt.subplots(1, 2, figsize=(8, 3.2))
axes[0].imshow(w_c[0], cmap="viridis")
axes[0].set_title("causal attention weights")
axes[0].set_xlabel("key position")
axes[0].set_ylabel("query position")
im = axes[1].imshow(PE[:100].T, aspect="auto", cmap="RdBu", origin="lower")
axes[1].set_title("sinusoidal PE")
axes[1].set_xlabel("position")
axes[1].set_ylabel("dimension")
fig.colorbar(im, ax=axes[1])
plt.show()
