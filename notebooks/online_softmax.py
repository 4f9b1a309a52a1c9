# %% [markdown] lang="zh"
# # 在线 softmax 与分块注意力：FlashAttention 的数学、IO 计数与 KV 缓存
#
# 本实验用 numpy 核对[高效注意力页](../llm/efficient-attention.md)上的结论和数字：
#
# 1. 在线 softmax：一遍扫描、只保留运行最大值 $m$ 和运行和 $\ell$，得到与普通 softmax 完全相同的归一化常数；
# 2. 分块（tiled）注意力：按块计算、用 $e^{m_{\text{old}}-m_{\text{new}}}$ 重新缩放累加器，结果与普通注意力一致（多种块大小、含因果掩码），两种循环顺序（FlashAttention-1 与 -2）都对；
# 3. 反向传播只用 $Q,K,V,O,\mathrm{d}O$ 和每行的 logsumexp 重算注意力矩阵，梯度与完整反向、与数值梯度一致；
# 4. 一个简化的 HBM 读写计数模型：标准实现 $\Theta(Nd+N^2)$，分块实现约 $2Nd\cdot N/B$；
# 5. MHA / GQA / MQA / MLA 每个 token 的 KV 缓存，MLA 的矩阵吸收与解耦 RoPE；滑动窗口注意力的感受野随层数线性增长。

# %% [markdown] lang="en"
# # Online softmax and tiled attention: the maths of FlashAttention, IO counts and the KV cache
#
# This notebook checks the claims and numbers of the [efficient-attention page](../llm/efficient-attention.md) in numpy:
#
# 1. online softmax: one pass that keeps only a running maximum $m$ and a running sum $\ell$ gives exactly the
#    normaliser of the ordinary softmax;
# 2. tiled attention: computing block by block and rescaling the accumulator by $e^{m_{\text{old}}-m_{\text{new}}}$
#    gives the same output as ordinary attention (several block sizes, with and without a causal mask), in both loop
#    orders (FlashAttention-1 and -2);
# 3. the backward pass rebuilds the attention matrix from $Q,K,V,O,\mathrm{d}O$ and one logsumexp per row, and its
#    gradients match the full backward pass and numerical gradients;
# 4. a simple model of HBM reads and writes: $\Theta(Nd+N^2)$ for the standard implementation, about $2Nd\cdot N/B$ tiled;
# 5. the KV cache per token of MHA, GQA, MQA and MLA, MLA's weight absorption and decoupled RoPE; and the receptive
#    field of sliding-window attention growing linearly with depth.

# %%
import numpy as np

rng = np.random.default_rng(0)

def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)

def causal_mask(n_q, n_k, q_offset=0, k_offset=0):
    rows = q_offset + np.arange(n_q)[:, None]
    cols = k_offset + np.arange(n_k)[None, :]
    return cols <= rows

def attention_reference(Q, K, V, causal=False):
    """Plain attention that materialises S and P; also returns the logsumexp of each row."""
    S = Q @ K.T / np.sqrt(Q.shape[1])
    if causal:
        S = np.where(causal_mask(len(Q), len(K)), S, -np.inf)
    m = S.max(axis=1)
    lse = m + np.log(np.exp(S - m[:, None]).sum(axis=1))
    return softmax(S) @ V, lse

# %% [markdown] lang="zh"
# ## 在线 softmax {#online-softmax}
#
# 对向量 $\mathbf{x}$ 分块扫描：读到新块 $\mathbf{x}^{(j)}$ 时
# $m_{\text{new}}=\max\big(m,\max\mathbf{x}^{(j)}\big)$，$\ell\leftarrow\ell\,e^{m-m_{\text{new}}}+\sum e^{\mathbf{x}^{(j)}-m_{\text{new}}}$。
# 扫完后 $m=\max_i x_i$，$\ell=\sum_i e^{x_i-m}$，与两遍算法（先求最大值再求和）一致；logits 很大时也不溢出。

# %% [markdown] lang="en"
# ## Online softmax {#online-softmax}
#
# Scan the vector $\mathbf{x}$ block by block. On reading block $\mathbf{x}^{(j)}$:
# $m_{\text{new}}=\max\big(m,\max\mathbf{x}^{(j)}\big)$ and
# $\ell\leftarrow\ell\,e^{m-m_{\text{new}}}+\sum e^{\mathbf{x}^{(j)}-m_{\text{new}}}$. At the end $m=\max_i x_i$ and
# $\ell=\sum_i e^{x_i-m}$, as in the two-pass algorithm (maximum first, then the sum), and large logits do not overflow.

# %%
def online_stats(x, block):
    m, ell = -np.inf, 0.0
    for start in range(0, len(x), block):
        xb = x[start:start + block]
        m_new = max(m, xb.max())
        ell = ell * np.exp(m - m_new) + np.exp(xb - m_new).sum()
        m = m_new
    return m, ell

x = rng.normal(scale=30.0, size=1000) + 800.0          # np.exp(x) alone overflows (float64 limit ~ e^709)
for block in (1, 3, 64, 1000):
    m, ell = online_stats(x, block)
    assert m == x.max() and np.isclose(ell, np.exp(x - x.max()).sum(), rtol=1e-12)
    assert np.allclose(np.exp(x - m) / ell, softmax(x), rtol=1e-12)
with np.errstate(over="ignore"):
    assert np.isinf(np.exp(x).sum())
print("online (m, l) == two-pass (max, sum) for block sizes 1, 3, 64, 1000; the naive sum of exp(x) is inf")

# %% [markdown] lang="zh"
# ## 分块注意力（前向） {#tiled-forward}
#
# 先写 FlashAttention-2 的循环顺序：外层按查询块 $Q_i$（$B_r$ 行），内层扫 $K_j,V_j$（$B_c$ 行），累加器 $\tilde O_i$ 不归一化，
# 每来一块乘 $e^{m_{\text{old}}-m_{\text{new}}}$，最后除以 $\ell$；每行另存 $\mathrm{LSE}=m+\log\ell$ 供反向使用。
# 因果掩码下，整块都在未来的 $K_j$ 直接跳过。再写论文 Algorithm 1 的顺序（外层 $K_j,V_j$、内层 $Q_i$、每步把已归一化的 $O_i$ 写回）。

# %% [markdown] lang="en"
# ## Tiled attention (forward) {#tiled-forward}
#
# First the loop order of FlashAttention-2: the outer loop takes a query block $Q_i$ ($B_r$ rows), the inner loop scans
# $K_j,V_j$ ($B_c$ rows), the accumulator $\tilde O_i$ stays unnormalised, is multiplied by
# $e^{m_{\text{old}}-m_{\text{new}}}$ at each block and divided by $\ell$ at the end; each row also keeps
# $\mathrm{LSE}=m+\log\ell$ for the backward pass. With a causal mask, key blocks lying entirely in the future are
# skipped. Then the order of the paper's Algorithm 1 (outer loop over $K_j,V_j$, inner loop over $Q_i$, writing the
# normalised $O_i$ back after every step).

# %%
class HBM:
    """Counts the elements moved between slow memory (HBM) and on-chip memory."""
    def __init__(self):
        self.reads = self.writes = 0
    def read(self, a):
        self.reads += a.size
        return a.copy()
    def write(self, dst, idx, a):
        self.writes += np.asarray(a).size
        dst[idx] = a

def flash2_forward(Q, K, V, Br, Bc, causal=False, hbm=None):
    hbm = hbm or HBM()
    N, d = Q.shape
    O, LSE = np.empty_like(Q), np.empty(N)
    for i0 in range(0, N, Br):
        Qi = hbm.read(Q[i0:i0 + Br])
        rows = len(Qi)
        m, ell, acc = np.full(rows, -np.inf), np.zeros(rows), np.zeros((rows, d))
        for j0 in range(0, N, Bc):
            if causal and j0 > i0 + rows - 1:
                break                                                    # the whole block is in the future
            Kj, Vj = hbm.read(K[j0:j0 + Bc]), hbm.read(V[j0:j0 + Bc])
            S = Qi @ Kj.T / np.sqrt(d)
            if causal:
                S = np.where(causal_mask(rows, len(Kj), i0, j0), S, -np.inf)
            m_new = np.maximum(m, S.max(axis=1))
            P = np.exp(S - m_new[:, None])
            scale = np.exp(m - m_new)                                    # 0 on the first block (m = -inf)
            ell = scale * ell + P.sum(axis=1)
            acc = scale[:, None] * acc + P @ Vj
            m = m_new
        hbm.write(O, slice(i0, i0 + rows), acc / ell[:, None])
        hbm.write(LSE, slice(i0, i0 + rows), m + np.log(ell))
    return O, LSE

def flash1_forward(Q, K, V, Br, Bc, hbm=None):
    """Algorithm 1 of FlashAttention (no mask): K/V blocks outside, Q blocks inside, O, l, m kept in HBM."""
    hbm = hbm or HBM()
    N, d = Q.shape
    O, ell, m = np.zeros_like(Q), np.zeros(N), np.full(N, -np.inf)
    for j0 in range(0, N, Bc):
        Kj, Vj = hbm.read(K[j0:j0 + Bc]), hbm.read(V[j0:j0 + Bc])
        for i0 in range(0, N, Br):
            rows = slice(i0, i0 + Br)
            Qi, Oi, li, mi = hbm.read(Q[rows]), hbm.read(O[rows]), hbm.read(ell[rows]), hbm.read(m[rows])
            S = Qi @ Kj.T / np.sqrt(d)
            m_blk = S.max(axis=1)
            P = np.exp(S - m_blk[:, None])
            l_blk = P.sum(axis=1)
            m_new = np.maximum(mi, m_blk)
            l_new = np.exp(mi - m_new) * li + np.exp(m_blk - m_new) * l_blk
            O_new = (li * np.exp(mi - m_new))[:, None] * Oi + np.exp(m_blk - m_new)[:, None] * (P @ Vj)
            hbm.write(O, rows, O_new / l_new[:, None])
            hbm.write(ell, rows, l_new)
            hbm.write(m, rows, m_new)
    return O

N, d = 200, 32
Q, K, V = (rng.normal(size=(N, d)) for _ in range(3))
for causal in (False, True):
    O_ref, lse_ref = attention_reference(Q, K, V, causal)
    for Br, Bc in ((1, 1), (7, 13), (16, 16), (64, 32), (200, 200), (256, 256)):
        O, lse = flash2_forward(Q, K, V, Br, Bc, causal)
        assert np.allclose(O, O_ref, atol=1e-12) and np.allclose(lse, lse_ref, atol=1e-12)
        if not causal:
            assert np.allclose(flash1_forward(Q, K, V, Br, Bc), O_ref, atol=1e-12)
print("tiled == plain attention for blocks (1,1) (7,13) (16,16) (64,32) (200,200) (256,256), with and without causal mask")

# %% [markdown] lang="zh"
# ## 反向传播：用 LSE 重算 P {#backward}
#
# 记 $S=QK^\top/\sqrt d$，$P=\softmax(S)$，$O=PV$，上游梯度 $\mathrm{d}O$。则
# $\mathrm{d}V=P^\top\mathrm{d}O$，$\mathrm{d}P=\mathrm{d}O\,V^\top$，
# $\mathrm{d}S_{ij}=P_{ij}\big(\mathrm{d}P_{ij}-D_i\big)$，其中 $D_i=\sum_jP_{ij}\mathrm{d}P_{ij}=\mathrm{d}O_i\cdot O_i$，
# 再 $\mathrm{d}Q=\mathrm{d}S\,K/\sqrt d$，$\mathrm{d}K=\mathrm{d}S^\top Q/\sqrt d$。
# 分块版本不存 $P$：每个块用 $P_{ij}=\exp(S_{ij}-\mathrm{LSE}_i)$ 在片上重算。

# %% [markdown] lang="en"
# ## Backward pass: recomputing P from the LSE {#backward}
#
# With $S=QK^\top/\sqrt d$, $P=\softmax(S)$, $O=PV$ and upstream gradient $\mathrm{d}O$:
# $\mathrm{d}V=P^\top\mathrm{d}O$, $\mathrm{d}P=\mathrm{d}O\,V^\top$,
# $\mathrm{d}S_{ij}=P_{ij}\big(\mathrm{d}P_{ij}-D_i\big)$ with $D_i=\sum_jP_{ij}\mathrm{d}P_{ij}=\mathrm{d}O_i\cdot O_i$,
# then $\mathrm{d}Q=\mathrm{d}S\,K/\sqrt d$ and $\mathrm{d}K=\mathrm{d}S^\top Q/\sqrt d$. The tiled version stores no $P$:
# each block recomputes $P_{ij}=\exp(S_{ij}-\mathrm{LSE}_i)$ on chip.

# %%
def backward_reference(Q, K, V, dO, causal=False):
    d = Q.shape[1]
    S = Q @ K.T / np.sqrt(d)
    if causal:
        S = np.where(causal_mask(len(Q), len(K)), S, -np.inf)
    P = softmax(S)
    dP = dO @ V.T
    dS = P * (dP - (P * dP).sum(axis=1, keepdims=True))
    return dS @ K / np.sqrt(d), dS.T @ Q / np.sqrt(d), P.T @ dO

def flash_backward(Q, K, V, O, dO, LSE, B, causal=False):
    N, d = Q.shape
    dQ, dK, dV = np.zeros_like(Q), np.zeros_like(K), np.zeros_like(V)
    D = (dO * O).sum(axis=1)                                              # one number per row
    for j0 in range(0, N, B):
        Kj, Vj = K[j0:j0 + B], V[j0:j0 + B]
        for i0 in range(0, N, B):
            Qi, dOi = Q[i0:i0 + B], dO[i0:i0 + B]
            S = Qi @ Kj.T / np.sqrt(d)
            if causal:
                S = np.where(causal_mask(len(Qi), len(Kj), i0, j0), S, -np.inf)
            P = np.exp(S - LSE[i0:i0 + B, None])                           # recomputed, never stored
            dV[j0:j0 + B] += P.T @ dOi
            dS = P * (dOi @ Vj.T - D[i0:i0 + B, None])
            dQ[i0:i0 + B] += dS @ Kj / np.sqrt(d)
            dK[j0:j0 + B] += dS.T @ Qi / np.sqrt(d)
    return dQ, dK, dV

dO = rng.normal(size=(N, d))
for causal in (False, True):
    O, LSE = flash2_forward(Q, K, V, 32, 32, causal)
    ref = backward_reference(Q, K, V, dO, causal)
    for B in (8, 50, 64):
        for g, r in zip(flash_backward(Q, K, V, O, dO, LSE, B, causal), ref):
            assert np.allclose(g, r, atol=1e-10)

# numerical check of the analytic gradient on a small problem: loss = sum(O * G), so dO = G
n_small = 6
Qs, Ks, Vs, G = (rng.normal(size=(n_small, 4)) for _ in range(4))
def loss(Qs, Ks, Vs):
    return (attention_reference(Qs, Ks, Vs, causal=True)[0] * G).sum()
analytic = backward_reference(Qs, Ks, Vs, G, causal=True)
eps = 1e-6
for which, grad in enumerate(analytic):
    args = [Qs, Ks, Vs]
    num = np.zeros_like(args[which])
    for idx in np.ndindex(num.shape):
        plus = [a.copy() for a in args]
        minus = [a.copy() for a in args]
        plus[which][idx] += eps
        minus[which][idx] -= eps
        num[idx] = (loss(*plus) - loss(*minus)) / (2 * eps)
    assert np.allclose(num, grad, atol=1e-7)
print("tiled backward (recomputing P from LSE) == full backward == numerical gradient")

# %% [markdown] lang="zh"
# ## 一个简化的 IO 计数模型 {#io}
#
# 只数在 HBM 与片上存储之间搬运的元素个数（不管字节、不管缓存命中）。标准实现（论文 Algorithm 0）：
# 读 $Q,K$ 写 $S$，读 $S$ 写 $P$，读 $P,V$ 写 $O$，共 $4Nd+4N^2$。
# FlashAttention-2 顺序：每个查询块读一次 $Q_i$、扫一遍全部 $K,V$、写一次 $O_i$ 和 LSE，共 $2Nd+2Nd\lceil N/B_r\rceil+N$。
# 片上存储 $M$ 个元素时块大小 $B=\Theta(M/d)$，于是分块实现是 $\Theta(N^2d^2/M)$；
# 在这个模型里，$N$ 大时两者之比趋于 $2B/d=\Theta(M/d^2)$：片上存储越大、头维度越小，省得越多。
# 它只是示意：真实内核还受寄存器、L2 缓存和反向传播的影响，论文的测量见其图 2。

# %% [markdown] lang="en"
# ## A simple IO-counting model {#io}
#
# Count only the elements moved between HBM and on-chip memory (ignoring bytes and caches). The standard
# implementation (Algorithm 0 of the paper) reads $Q,K$ and writes $S$, reads $S$ and writes $P$, reads $P,V$ and writes
# $O$: $4Nd+4N^2$ in all. In FlashAttention-2 order each query block reads $Q_i$ once, scans all of $K,V$ and writes
# $O_i$ and its LSE once: $2Nd+2Nd\lceil N/B_r\rceil+N$. With $M$ elements of on-chip memory the block size is
# $B=\Theta(M/d)$, so the tiled version moves $\Theta(N^2d^2/M)$. In this model the ratio tends to
# $2B/d=\Theta(M/d^2)$ for large $N$: the larger the on-chip memory and the smaller the head dimension, the bigger the
# saving. It is only an illustration: real kernels also depend on registers, the L2 cache and the backward pass; the
# paper's measurements are in its Figure 2.

# %%
def standard_io(N, d):
    return 4 * N * d + 4 * N * N

def flash2_io(N, d, Br):
    return 2 * N * d + 2 * N * d * int(np.ceil(N / Br)) + N

def flash1_io(N, d, Br, Bc):
    Tc = int(np.ceil(N / Bc))
    return 2 * N * d + Tc * (2 * N * d + 2 * N) + Tc * (N * d + 2 * N)    # reads Q,O,l,m + writes O,l,m per pass

for n, dd, br, bc in ((64, 8, 16, 16), (100, 16, 32, 8), (96, 4, 96, 96)):
    Qn, Kn, Vn = (rng.normal(size=(n, dd)) for _ in range(3))
    h2, h1 = HBM(), HBM()
    flash2_forward(Qn, Kn, Vn, br, bc, hbm=h2)
    flash1_forward(Qn, Kn, Vn, br, bc, hbm=h1)
    assert h2.reads + h2.writes == flash2_io(n, dd, br)
    assert h1.reads + h1.writes == flash1_io(n, dd, br, bc)

print(f"{'N':>6} {'d':>4} {'B':>4} {'standard':>14} {'tiled (FA2)':>14} {'ratio':>6} {'2B/d':>5}")
for dd in (64, 128):
    for B in (64, 128, 256):
        for n in (1024, 16384):
            std, fl = standard_io(n, dd), flash2_io(n, dd, B)
            print(f"{n:>6} {dd:>4} {B:>4} {std:>14,} {fl:>14,} {std / fl:>6.2f} {2 * B / dd:>5.1f}")
            if n == 16384:
                assert abs(std / fl / (2 * B / dd) - 1) < 0.05       # the ratio tends to 2B/d = Theta(M/d^2)

# %% [markdown] lang="zh"
# ## 每个 token 的 KV 缓存 {#kv-cache}
#
# 每层缓存 $K$ 和 $V$：MHA 为 $2n_hd_h$ 个元素，GQA 为 $2n_{kv}d_h$，MQA 为 $2d_h$；MLA 只缓存潜向量 $\mathbf{c}^{KV}$（$d_c$ 维）
# 和共享的 RoPE 键（$d_h^R$ 维）。乘层数 $l$ 和每个元素的字节数（bf16 为 2）。
# 先用真的缓存数组核对公式，再代入公开配置：LLaMA 2 7B（32 层、32 头、$d_h=128$、MHA），LLaMA 3 8B（32 层、8 个 KV 头），
# DeepSeek-V2（60 层、128 头、$d_h=128$、$d_c=512$、$d_h^R=64$，论文 §3.1.2）。

# %% [markdown] lang="en"
# ## KV cache per token {#kv-cache}
#
# Each layer caches $K$ and $V$: $2n_hd_h$ elements for MHA, $2n_{kv}d_h$ for GQA, $2d_h$ for MQA; MLA caches only the
# latent $\mathbf{c}^{KV}$ ($d_c$ numbers) and the shared RoPE key ($d_h^R$ numbers). Multiply by the number of layers
# $l$ and the bytes per element (2 for bf16). We first check the formula against real cache arrays, then plug in public
# configurations: LLaMA 2 7B (32 layers, 32 heads, $d_h=128$, MHA), LLaMA 3 8B (32 layers, 8 KV heads) and DeepSeek-V2
# (60 layers, 128 heads, $d_h=128$, $d_c=512$, $d_h^R=64$, paper §3.1.2).

# %%
def gqa_decode(x_seq, Wq, Wk, Wv, n_heads, n_kv):
    """Causal GQA over a sequence, token by token with a KV cache; returns outputs and the cache."""
    d_h = Wq.shape[1] // n_heads
    cache_k, cache_v, outs = [], [], []
    for x in x_seq:
        q = (x @ Wq).reshape(n_heads, d_h)
        cache_k.append((x @ Wk).reshape(n_kv, d_h))
        cache_v.append((x @ Wv).reshape(n_kv, d_h))
        Kc, Vc = np.stack(cache_k, axis=1), np.stack(cache_v, axis=1)        # (n_kv, t, d_h)
        group = n_heads // n_kv
        Kr, Vr = np.repeat(Kc, group, axis=0), np.repeat(Vc, group, axis=0)  # query head h uses KV head h // group
        w = softmax(np.einsum("hd,htd->ht", q, Kr) / np.sqrt(d_h))
        outs.append(np.einsum("ht,htd->hd", w, Vr).reshape(-1))
    return np.array(outs), np.stack(cache_k), np.stack(cache_v)

d_model, n_h, d_h, T = 32, 8, 4, 5
xs = rng.normal(size=(T, d_model))
Wq = rng.normal(size=(d_model, n_h * d_h))
Wk_mha, Wv_mha = rng.normal(size=(d_model, n_h * d_h)), rng.normal(size=(d_model, n_h * d_h))
for n_kv in (8, 2, 1):                                                     # MHA, GQA-2, MQA
    # GQA from an MHA checkpoint: mean-pool the K and V projections of the heads in each group
    Wk = Wk_mha.reshape(d_model, n_kv, n_h // n_kv, d_h).mean(axis=2).reshape(d_model, n_kv * d_h)
    Wv = Wv_mha.reshape(d_model, n_kv, n_h // n_kv, d_h).mean(axis=2).reshape(d_model, n_kv * d_h)
    out, ck, cv = gqa_decode(xs, Wq, Wk, Wv, n_h, n_kv)
    assert (ck.size + cv.size) // T == 2 * n_kv * d_h                      # elements cached per token per layer
    if n_kv == n_h:                                                        # GQA with n_kv = n_h is plain MHA
        full = np.stack([attention_reference(xs @ Wq[:, h * d_h:(h + 1) * d_h], xs @ Wk[:, h * d_h:(h + 1) * d_h],
                                             xs @ Wv[:, h * d_h:(h + 1) * d_h], causal=True)[0] for h in range(n_h)], 1)
        assert np.allclose(out, full.reshape(T, -1))

def kv_bytes_per_token(layers, kv_heads, d_head, bytes_per=2):
    return 2 * layers * kv_heads * d_head * bytes_per

def mla_bytes_per_token(layers, d_c, d_rope, bytes_per=2):
    return layers * (d_c + d_rope) * bytes_per

rows = {
    "LLaMA 2 7B (MHA)": kv_bytes_per_token(32, 32, 128),
    "LLaMA 3 8B (GQA, 8 KV heads)": kv_bytes_per_token(32, 8, 128),
    "same 32 layers with MQA": kv_bytes_per_token(32, 1, 128),
    "DeepSeek-V2 if it were MHA": kv_bytes_per_token(60, 128, 128),
    "DeepSeek-V2 (MLA)": mla_bytes_per_token(60, 512, 64),
}
for name, b in rows.items():
    print(f"{name:30s} {b:>10,} bytes = {b / 1024:8.1f} KiB per token")
assert rows["LLaMA 2 7B (MHA)"] == 512 * 1024 and rows["LLaMA 3 8B (GQA, 8 KV heads)"] == 128 * 1024
assert rows["same 32 layers with MQA"] == 16 * 1024
assert rows["DeepSeek-V2 (MLA)"] == 69_120 and rows["DeepSeek-V2 if it were MHA"] == 3_932_160
assert (512 + 64) / (2 * 128) == 2.25 and 512 + 64 == 4.5 * 128                # "GQA with 2.25 groups", (9/2) d_h
assert round(rows["DeepSeek-V2 if it were MHA"] / rows["DeepSeek-V2 (MLA)"], 1) == 56.9
gib = 1024 ** 3
print(f"LLaMA 2 7B, 4096 tokens: {rows['LLaMA 2 7B (MHA)'] * 4096 / gib:.0f} GiB;"
      f"  LLaMA 3 8B, 131072 tokens: {rows['LLaMA 3 8B (GQA, 8 KV heads)'] * 131072 / gib:.0f} GiB (one sequence)")
assert rows["LLaMA 2 7B (MHA)"] * 4096 == 2 * gib and rows["LLaMA 3 8B (GQA, 8 KV heads)"] * 131072 == 16 * gib
at_128k = {name: b * 131072 / gib for name, b in rows.items()}             # GiB for one 128K-token sequence
assert at_128k["LLaMA 2 7B (MHA)"] == 64 and at_128k["same 32 layers with MQA"] == 2
assert round(at_128k["DeepSeek-V2 (MLA)"], 1) == 8.4

# %% [markdown] lang="zh"
# **解码为什么受带宽限制**：生成一个 token 时，每个查询头对长度 $t$ 的缓存做 $\mathbf{q}K^\top$ 和 $\mathbf{p}V$，共 $4td_h$ 次浮点运算，
# 却要读入 $2td_h$ 个 bf16 元素（$4td_h$ 字节）：MHA 的算术强度是 1 FLOP/字节；GQA 里 $g=n_h/n_{kv}$ 个查询头共用一次读取，强度为 $g$。
# A100 80GB（SXM）的 bf16 稠密峰值 312 TFLOP/s、HBM 带宽约 2.039 TB/s，要吃满算力需要约 153 FLOP/字节。

# %% [markdown] lang="en"
# **Why decoding is bandwidth-bound.** To generate one token, each query head computes $\mathbf{q}K^\top$ and
# $\mathbf{p}V$ over a cache of length $t$, $4td_h$ floating-point operations, while reading $2td_h$ bf16 elements
# ($4td_h$ bytes): the arithmetic intensity of MHA is 1 FLOP per byte; in GQA the $g=n_h/n_{kv}$ query heads of a group
# share one read, giving $g$. An A100 80GB (SXM) has a dense bf16 peak of 312 TFLOP/s and about 2.039 TB/s of HBM
# bandwidth, so it needs about 153 FLOP per byte to be compute-bound.

# %%
def decode_intensity(t, d_head, n_heads, n_kv, bytes_per=2):
    flops = n_heads * 4 * t * d_head                                       # q.K^T and p.V for every query head
    bytes_read = 2 * t * n_kv * d_head * bytes_per                         # each KV head read once
    return flops / bytes_read

for name, nh, nkv in (("MHA", 32, 32), ("GQA-8", 32, 8), ("MQA", 32, 1)):
    print(f"{name:6s} decode attention intensity: {decode_intensity(4096, 128, nh, nkv):.0f} FLOP/byte")
assert decode_intensity(4096, 128, 32, 32) == 1 and decode_intensity(4096, 128, 32, 8) == 4
assert decode_intensity(4096, 128, 32, 1) == 32 and round(312e12 / 2.039e12) == 153

# %% [markdown] lang="zh"
# ## MLA：只缓存潜向量，矩阵吸收与解耦 RoPE {#mla}
#
# 小尺寸的 MLA（$n_h=4,d_h=16,d_c=24,d_h^R=8$）：
# $\mathbf{c}^{KV}_t=W^{DKV}\mathbf{h}_t$，$\mathbf{k}^C_{t,i}=W^{UK}_i\mathbf{c}^{KV}_t$，$\mathbf{v}^C_{t,i}=W^{UV}_i\mathbf{c}^{KV}_t$，
# $\mathbf{k}^R_t=\operatorname{RoPE}(W^{KR}\mathbf{h}_t)$ 各头共享；分数 $\big(\mathbf{q}^C_{t,i}\cdot\mathbf{k}^C_{j,i}+\mathbf{q}^R_{t,i}\cdot\mathbf{k}^R_j\big)/\sqrt{d_h+d_h^R}$。
# 推理时只缓存 $(\mathbf{c}^{KV}_j,\mathbf{k}^R_j)$：把 $W^{UK}_i$ 吸收进查询（$\tilde{\mathbf{q}}_{t,i}=W^{UK\top}_i\mathbf{q}^C_{t,i}$），
# 把 $W^{UV}_i$ 留到加权求和之后（可并入 $W^O$），结果与显式展开的键值完全相同。
# 如果把 RoPE 直接加在 $\mathbf{k}^C$ 上，位置 $j$ 的旋转夹在 $W^{UK}_i$ 与 $\mathbf{c}^{KV}_j$ 之间，就吸收不了了。

# %% [markdown] lang="en"
# ## MLA: caching only the latent, weight absorption and decoupled RoPE {#mla}
#
# A small MLA ($n_h=4,d_h=16,d_c=24,d_h^R=8$): $\mathbf{c}^{KV}_t=W^{DKV}\mathbf{h}_t$,
# $\mathbf{k}^C_{t,i}=W^{UK}_i\mathbf{c}^{KV}_t$, $\mathbf{v}^C_{t,i}=W^{UV}_i\mathbf{c}^{KV}_t$, and
# $\mathbf{k}^R_t=\operatorname{RoPE}(W^{KR}\mathbf{h}_t)$ shared by all heads; the score is
# $\big(\mathbf{q}^C_{t,i}\cdot\mathbf{k}^C_{j,i}+\mathbf{q}^R_{t,i}\cdot\mathbf{k}^R_j\big)/\sqrt{d_h+d_h^R}$.
# At inference only $(\mathbf{c}^{KV}_j,\mathbf{k}^R_j)$ is cached: $W^{UK}_i$ is absorbed into the query
# ($\tilde{\mathbf{q}}_{t,i}=W^{UK\top}_i\mathbf{q}^C_{t,i}$) and $W^{UV}_i$ is applied after the weighted sum (it can be
# merged into $W^O$); the result equals the explicit keys and values exactly. If RoPE were applied to $\mathbf{k}^C$
# itself, the rotation of position $j$ would sit between $W^{UK}_i$ and $\mathbf{c}^{KV}_j$ and could not be absorbed.

# %%
def rope(x, pos, base=10000.0):
    dd = x.shape[-1]
    th = base ** (-2.0 * np.arange(dd // 2) / dd)
    c, s = np.cos(pos * th), np.sin(pos * th)
    out = np.empty_like(x)
    out[..., 0::2] = x[..., 0::2] * c - x[..., 1::2] * s
    out[..., 1::2] = x[..., 0::2] * s + x[..., 1::2] * c
    return out

d_model, n_h, d_h, d_c, d_r, T = 48, 4, 16, 24, 8, 7
H = rng.normal(size=(T, d_model))
W_DKV = rng.normal(size=(d_c, d_model)) / np.sqrt(d_model)
W_UK, W_UV = rng.normal(size=(n_h, d_h, d_c)) / np.sqrt(d_c), rng.normal(size=(n_h, d_h, d_c)) / np.sqrt(d_c)
W_KR = rng.normal(size=(d_r, d_model)) / np.sqrt(d_model)
W_QC, W_QR = rng.normal(size=(n_h, d_h, d_model)) / np.sqrt(d_model), rng.normal(size=(n_h, d_r, d_model)) / np.sqrt(d_model)

c_kv = H @ W_DKV.T                                                         # (T, d_c)   cached
k_r = np.stack([rope(H[t] @ W_KR.T, t) for t in range(T)])                 # (T, d_r)   cached, shared by heads
t = T - 1                                                                  # decode the last token
explicit, absorbed = [], []
for i in range(n_h):
    q_c, q_r = W_QC[i] @ H[t], rope(W_QR[i] @ H[t], t)
    k_c, v_c = c_kv @ W_UK[i].T, c_kv @ W_UV[i].T                          # explicit per-head keys and values
    w = softmax((k_c @ q_c + k_r @ q_r) / np.sqrt(d_h + d_r))
    explicit.append(w @ v_c)
    q_tilde = W_UK[i].T @ q_c                                              # absorbed query, d_c numbers
    w2 = softmax((c_kv @ q_tilde + k_r @ q_r) / np.sqrt(d_h + d_r))
    absorbed.append(W_UV[i] @ (w2 @ c_kv))                                 # W_UV applied after the sum
assert np.allclose(explicit, absorbed)
print(f"MLA caches {d_c} + {d_r} = {d_c + d_r} numbers per token per layer instead of 2 * {n_h} * {d_h} = {2 * n_h * d_h};"
      " absorbed == explicit")

# RoPE on the compressed keys themselves: score_j = q^T R_(j - t) W_UK c_j, a different matrix for every j
i = 0
q_c = W_QC[i] @ H[t]
coupled = np.array([rope(q_c, t) @ rope(W_UK[i] @ c_kv[j], j) for j in range(T)])
one_matrix = c_kv @ (W_UK[i].T @ rope(q_c, t))                             # any single absorbed query vector
assert not np.allclose(coupled, one_matrix)

# %% [markdown] lang="zh"
# ## 滑动窗口：感受野随层数线性增长 {#sliding-window}
#
# 按 Mistral 7B 论文的定义，第 $k$ 层位置 $i$ 看上一层的 $i-W,\dots,i$。堆叠 $k$ 层后，最后一个位置能间接看到 $kW$ 之前的位置。
# 用布尔矩阵的乘积直接算可达集合；Mistral 7B 的 $W=4096$、32 层，理论跨度 $32\times4096=131072$。

# %% [markdown] lang="en"
# ## Sliding window: the receptive field grows linearly with depth {#sliding-window}
#
# With the definition of the Mistral 7B paper, position $i$ of layer $k$ sees positions $i-W,\dots,i$ of the layer below.
# After $k$ layers the last position can reach $kW$ positions back. We compute the reachable set directly with Boolean
# matrix products; for Mistral 7B ($W=4096$, 32 layers) the theoretical span is $32\times4096=131072$.

# %%
def window_mask(n, W):
    i, j = np.arange(n)[:, None], np.arange(n)[None, :]
    return (j <= i) & (j >= i - W)

n, W = 200, 6
A = window_mask(n, W).astype(int)
reach = np.eye(n, dtype=int)
for layer in range(1, 9):
    reach = (A @ reach > 0).astype(int)
    earliest = np.flatnonzero(reach[-1])[0]
    assert (n - 1) - earliest == layer * W
print(f"window W = {W}: after k layers the last token reaches k*W positions back (checked for k = 1..8)")
assert 32 * 4096 == 131_072 and 32_768 // 4096 == 8                        # Mistral span; rolling cache at 32k: 1/8

# %% [markdown] lang="zh"
# ## 线性注意力：RNN 形式与秩的限制 {#linear-attention}
#
# 用特征映射 $\phi(x)=\operatorname{elu}(x)+1$ 代替 $\exp(\mathbf{q}^\top\mathbf{k})$：
# $\mathbf{o}_i=\phi(\mathbf{q}_i)^\top\mathbf{S}_i\big/\phi(\mathbf{q}_i)^\top\mathbf{z}_i$，
# $\mathbf{S}_i=\mathbf{S}_{i-1}+\phi(\mathbf{k}_i)\mathbf{v}_i^\top$，$\mathbf{z}_i=\mathbf{z}_{i-1}+\phi(\mathbf{k}_i)$。
# 逐步的 RNN 形式与并行形式完全相同，状态大小与序列长度无关；代价是（未归一化的）注意力矩阵 $\phi(Q)\phi(K)^\top$ 的秩不超过特征维度，
# 而 softmax 注意力矩阵一般满秩。

# %% [markdown] lang="en"
# ## Linear attention: the RNN form and the rank limit {#linear-attention}
#
# Replace $\exp(\mathbf{q}^\top\mathbf{k})$ by a feature map $\phi(x)=\operatorname{elu}(x)+1$:
# $\mathbf{o}_i=\phi(\mathbf{q}_i)^\top\mathbf{S}_i\big/\phi(\mathbf{q}_i)^\top\mathbf{z}_i$ with
# $\mathbf{S}_i=\mathbf{S}_{i-1}+\phi(\mathbf{k}_i)\mathbf{v}_i^\top$ and $\mathbf{z}_i=\mathbf{z}_{i-1}+\phi(\mathbf{k}_i)$.
# The step-by-step RNN form equals the parallel form and its state does not grow with the sequence; the price is that
# the (unnormalised) attention matrix $\phi(Q)\phi(K)^\top$ has rank at most the feature dimension, whereas a softmax
# attention matrix is generally full rank.

# %%
def phi(x):
    return np.where(x > 0, x + 1.0, np.exp(x))                            # elu(x) + 1 > 0

n, dk = 64, 8
Ql, Kl, Vl = (rng.normal(size=(n, dk)) for _ in range(3))
A = np.tril(phi(Ql) @ phi(Kl).T)                                           # causal, parallel form
parallel = (A @ Vl) / A.sum(axis=1, keepdims=True)
S_state, z_state, recurrent = np.zeros((dk, dk)), np.zeros(dk), []
for i in range(n):
    S_state += np.outer(phi(Kl[i]), Vl[i])
    z_state += phi(Kl[i])
    recurrent.append(phi(Ql[i]) @ S_state / (phi(Ql[i]) @ z_state))
assert np.allclose(parallel, recurrent)
rank_linear = np.linalg.matrix_rank(phi(Ql) @ phi(Kl).T)
rank_softmax = np.linalg.matrix_rank(np.exp(Ql @ Kl.T / np.sqrt(dk)))
print(f"n = {n}, feature dim = {dk}: rank of phi(Q)phi(K)^T = {rank_linear}, rank of exp(QK^T/sqrt(d)) = {rank_softmax}")
assert rank_linear <= dk and rank_softmax == n
