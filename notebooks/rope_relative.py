# %% [markdown] lang="zh"
# # RoPE：相对位置性质、两种实现约定与上下文扩展的频率
#
# 本实验用 numpy 从零实现旋转位置编码（RoPE），并核对[长上下文页](../llm/long-context.md)上的每个数字：
#
# 1. 分块旋转矩阵与逐元素写法一致，旋转保持范数；$\mathbf{q}_m^\top\mathbf{k}_n$ 只依赖 $m-n$（误差约 $10^{-12}$）；
# 2. 两种实现约定：相邻两维配对（interleaved，Meta 原版代码）与前后两半配对（rotate-half，Hugging Face），只差一个维度置换；
# 3. 每对维度的波长 $\lambda_i=2\pi b^{2i/d}$，底数 10000 与 500000 的对比；远程衰减的上界随距离变小；ALiBi 的斜率；
# 4. 把上下文扩大 $s$ 倍时，位置插值（PI）、NTK-aware、YaRN 各自怎样改频率，并断言 NTK-aware 的最高频不变、最低频恰好缩小 $s$ 倍。

# %% [markdown] lang="en"
# # RoPE: the relative-position property, two implementation conventions and the frequencies of context extension
#
# This notebook implements rotary position embedding (RoPE) from scratch in numpy and checks every number on the
# [long-context page](../llm/long-context.md):
#
# 1. the block rotation matrix equals the element-wise form, rotations preserve norms, and $\mathbf{q}_m^\top\mathbf{k}_n$
#    depends only on $m-n$ (to about $10^{-12}$);
# 2. the two implementation conventions, adjacent pairs (interleaved, Meta's original code) and halves (rotate-half,
#    Hugging Face), differ only by a permutation of dimensions;
# 3. the wavelength of each pair, $\lambda_i=2\pi b^{2i/d}$, for base 10000 and 500000, the long-term decay bound
#    shrinking with distance, and ALiBi's slopes;
# 4. how position interpolation (PI), NTK-aware scaling and YaRN change the frequencies when the context grows by a
#    factor $s$, asserting that NTK-aware keeps the highest frequency and divides the lowest by exactly $s$.

# %%
import numpy as np

rng = np.random.default_rng(0)

def frequencies(d, base=10000.0):
    """theta_i = base^(-2i/d), i = 0 .. d/2-1 (highest frequency first)."""
    return base ** (-2.0 * np.arange(d // 2) / d)

def rope_interleaved(x, m, theta):
    """Rotate the pairs (x[2i], x[2i+1]) by the angle m * theta_i (RoFormer, Meta's LLaMA code)."""
    cos, sin = np.cos(m * theta), np.sin(m * theta)
    x0, x1 = x[..., 0::2], x[..., 1::2]
    out = np.empty_like(x)
    out[..., 0::2] = x0 * cos - x1 * sin
    out[..., 1::2] = x0 * sin + x1 * cos
    return out

def rope_half(x, m, theta):
    """Rotate the pairs (x[i], x[i + d/2]) by m * theta_i (the rotate_half form of Hugging Face)."""
    half = x.shape[-1] // 2
    cos, sin = np.cos(m * theta), np.sin(m * theta)
    cos, sin = np.concatenate([cos, cos]), np.concatenate([sin, sin])
    rotate_half = np.concatenate([-x[..., half:], x[..., :half]], axis=-1)
    return x * cos + rotate_half * sin

def rotation_matrix(m, theta):
    """The block-diagonal matrix R_m (interleaved convention)."""
    d = 2 * len(theta)
    R = np.zeros((d, d))
    for i, t in enumerate(theta):
        c, s = np.cos(m * t), np.sin(m * t)
        R[2 * i:2 * i + 2, 2 * i:2 * i + 2] = [[c, -s], [s, c]]
    return R

d = 128
theta = frequencies(d)
x = rng.normal(size=d)
R = rotation_matrix(37, theta)
assert np.allclose(R @ x, rope_interleaved(x, 37, theta), atol=1e-12)
assert np.allclose(R.T @ R, np.eye(d), atol=1e-12)                       # orthogonal: norms are kept
assert np.isclose(np.linalg.norm(rope_interleaved(x, 5000, theta)), np.linalg.norm(x))
assert np.allclose(rotation_matrix(30, theta).T @ rotation_matrix(100, theta), rotation_matrix(70, theta), atol=1e-12)
print("R_m matches the element-wise form; R_m^T R_n = R_(n-m)")

# %% [markdown] lang="zh"
# ## 相对位置性质 {#relative}
#
# 固定一对 $\mathbf{q},\mathbf{k}$，把它们放在许多不同的 $(m,n)$ 上，只要 $m-n$ 相同，分数就相同；
# 并且分数等于 $\mathbf{q}^\top R_{n-m}\mathbf{k}$。位置取到 $10^5$ 量级，误差仍在 $10^{-10}$ 以内。

# %% [markdown] lang="en"
# ## The relative-position property {#relative}
#
# Fix one pair $\mathbf{q},\mathbf{k}$ and place it at many positions $(m,n)$: whenever $m-n$ is the same, the score is
# the same, and it equals $\mathbf{q}^\top R_{n-m}\mathbf{k}$. With positions up to the order of $10^5$ the error stays
# below $10^{-10}$.

# %%
q, k = rng.normal(size=d), rng.normal(size=d)

def score(m, n):
    return rope_interleaved(q, m, theta) @ rope_interleaved(k, n, theta)

worst = 0.0
for offset in (0, 1, 7, -3, 100, -2048, 4095):
    ref = q @ rotation_matrix(-offset, theta) @ k                          # q^T R_(n-m) k with n - m = -offset
    for m in (0, 10, 1000, 4096, 50_000, 123_456):
        s = score(m, m - offset)
        worst = max(worst, abs(s - ref))
print(f"largest deviation of q_m . k_n from q^T R_(n-m) k: {worst:.1e}")
assert worst < 1e-10

# the score changes with the offset itself: position information is really there
assert abs(score(10, 3) - score(10, 4)) > 1e-3 and abs(score(10, 3) - score(3, 10)) > 1e-3

# %% [markdown] lang="zh"
# ## 两种实现约定：interleaved 与 rotate-half {#conventions}
#
# interleaved 把第 $2i$ 与 $2i+1$ 维配对，rotate-half 把第 $i$ 与 $i+d/2$ 维配对，两者用同一组 $\theta_i$。
# 记置换 $\pi=[0,2,4,\dots,d-2,\;1,3,\dots,d-1]$，则 $\operatorname{half}(\mathbf{x}_\pi)=\operatorname{inter}(\mathbf{x})_\pi$。
# 内积对同时置换两边的维度不变，所以只要把 $W_Q,W_K$ 的输出维度按 $\pi$ 重排（Hugging Face 的 LLaMA 权重转换脚本正是这么做的），两种约定给出完全相同的注意力分数；
# 不重排而直接换约定，分数就错了。

# %% [markdown] lang="en"
# ## Two conventions: interleaved and rotate-half {#conventions}
#
# Interleaved pairs dimension $2i$ with $2i+1$; rotate-half pairs dimension $i$ with $i+d/2$; both use the same
# $\theta_i$. With the permutation $\pi=[0,2,4,\dots,d-2,\;1,3,\dots,d-1]$ we have
# $\operatorname{half}(\mathbf{x}_\pi)=\operatorname{inter}(\mathbf{x})_\pi$. A dot product does not change when both
# sides are permuted the same way, so once the output dimensions of $W_Q,W_K$ are reordered by $\pi$ (which is what
# Hugging Face's LLaMA weight-conversion script does) the two conventions give identical attention scores; switching the
# convention without reordering the weights gives wrong scores.

# %%
perm = np.r_[np.arange(0, d, 2), np.arange(1, d, 2)]
for m in (0, 1, 17, 4000):
    assert np.allclose(rope_half(x[perm], m, theta), rope_interleaved(x, m, theta)[perm], atol=1e-12)

d_model = 64
X = rng.normal(size=(6, d_model))                                         # six tokens
W_q, W_k = rng.normal(size=(d_model, d)), rng.normal(size=(d_model, d))
pos = np.arange(6)

def scores(rope, Wq, Wk):
    Q = np.stack([rope(X[t] @ Wq, pos[t], theta) for t in range(6)])
    K = np.stack([rope(X[t] @ Wk, pos[t], theta) for t in range(6)])
    return Q @ K.T

s_inter = scores(rope_interleaved, W_q, W_k)
s_half_permuted = scores(rope_half, W_q[:, perm], W_k[:, perm])           # weights reordered as in the conversion
s_half_unpermuted = scores(rope_half, W_q, W_k)                           # convention switched, weights not
print("interleaved vs rotate-half with permuted weights, max |diff| =", np.abs(s_inter - s_half_permuted).max())
print("interleaved vs rotate-half with the same weights,  max |diff| =", np.abs(s_inter - s_half_unpermuted).max())
assert np.allclose(s_inter, s_half_permuted, atol=1e-9)
assert not np.allclose(s_inter, s_half_unpermuted, atol=1e-3)

# %% [markdown] lang="zh"
# ## 每对维度的波长与底数 {#wavelengths}
#
# 第 $i$ 对维度转一整圈需要 $\lambda_i=2\pi/\theta_i=2\pi b^{2i/d}$ 个位置。取头维度 $d=128$：
# 最短波长恒为 $2\pi\approx6.28$；底数 10000 时最长约 5.4 万，底数 500000（LLaMA 3）时约 256 万。
# 波长超过训练长度 $L$ 的那些维度，在训练中从没转满一圈——它们正是外推时会遇到“没见过的角度”的维度。

# %% [markdown] lang="en"
# ## Wavelength of each pair and the base {#wavelengths}
#
# Pair $i$ needs $\lambda_i=2\pi/\theta_i=2\pi b^{2i/d}$ positions for a full turn. With head dimension $d=128$ the
# shortest wavelength is always $2\pi\approx6.28$; the longest is about 54 thousand with base 10000 and about 2.56
# million with base 500000 (LLaMA 3). The pairs whose wavelength exceeds the training length $L$ never completed a
# turn during training: they are the ones that meet unseen angles when extrapolating.

# %%
lam_1e4 = 2 * np.pi / frequencies(d, 10000.0)
lam_5e5 = 2 * np.pi / frequencies(d, 500000.0)
print(f"base 10000 : shortest {lam_1e4[0]:.2f}, longest {lam_1e4[-1]:,.0f}")
print(f"base 500000: shortest {lam_5e5[0]:.2f}, longest {lam_5e5[-1]:,.0f}")
print("pairs with wavelength > 4096 (base 10000):", (lam_1e4 > 4096).sum(), " > 8192 (base 500000):", (lam_5e5 > 8192).sum())
assert np.isclose(lam_1e4[0], 2 * np.pi) and np.isclose(lam_5e5[0], 2 * np.pi)
assert round(lam_1e4[-1]) == 54_410 and round(lam_5e5[-1], -4) == 2_560_000
assert (lam_1e4 > 4096).sum() == 18 and (lam_5e5 > 8192).sum() == 29

# %% [markdown] lang="zh"
# ## 远程衰减 {#decay}
#
# 把每对维度看成复数，$h_i=\tilde q_i\overline{\tilde k_i}$，相对距离 $r=m-n$ 时分数为 $\operatorname{Re}\sum_i h_ie^{\mathrm{i}r\theta_i}$。
# 令 $S_j=\sum_{i<j}e^{\mathrm{i}r\theta_i}$，阿贝尔变换给出
# $\big|\sum_i h_ie^{\mathrm{i}r\theta_i}\big|\le\max_i|h_{i+1}-h_i|\sum_{j=1}^{d/2}|S_j|$（约定 $h_{d/2}=0$）。
# 先检查这个不等式对随机向量成立，再看 $\frac{1}{d/2}\sum_j|S_j|$ 随 $r$ 的变化：各距离段上的平均值单调下降。

# %% [markdown] lang="en"
# ## Long-term decay {#decay}
#
# View each pair as a complex number, $h_i=\tilde q_i\overline{\tilde k_i}$; at relative distance $r=m-n$ the score is
# $\operatorname{Re}\sum_i h_ie^{\mathrm{i}r\theta_i}$. With $S_j=\sum_{i<j}e^{\mathrm{i}r\theta_i}$, Abel summation gives
# $\big|\sum_i h_ie^{\mathrm{i}r\theta_i}\big|\le\max_i|h_{i+1}-h_i|\sum_{j=1}^{d/2}|S_j|$ (with $h_{d/2}=0$).
# We first check the inequality on random vectors, then look at $\frac{1}{d/2}\sum_j|S_j|$ as a function of $r$: its
# average over successive distance bands decreases.

# %%
def bound_terms(r, theta):
    S = np.cumsum(np.exp(1j * r * theta))                                 # S_1 .. S_{d/2}
    return np.abs(S)

for r in (0, 1, 50, 700, 3000):
    for _ in range(20):
        qq, kk = rng.normal(size=d), rng.normal(size=d)
        h = (qq[0::2] + 1j * qq[1::2]) * np.conj(kk[0::2] + 1j * kk[1::2])
        lhs = abs(np.sum(h * np.exp(1j * r * theta)))
        assert np.isclose(np.real(np.sum(h * np.exp(1j * r * theta))),
                          rope_interleaved(qq, r, theta) @ rope_interleaved(kk, 0, theta))
        h_ext = np.r_[h, 0.0]
        assert lhs <= np.abs(np.diff(h_ext)).max() * bound_terms(r, theta).sum() + 1e-9

relative_bound = np.array([bound_terms(r, theta).mean() for r in range(4097)])
bands = [(1, 16), (16, 64), (64, 256), (256, 1024), (1024, 4096)]
band_means = [relative_bound[a:b + 1].mean() for a, b in bands]
print(f"r = 0: {relative_bound[0]:.1f} (= (d/2 + 1)/2)")
for (a, b), v in zip(bands, band_means):
    print(f"mean of (1/(d/2)) sum_j |S_j| for r in [{a}, {b}]: {v:.3f}")
assert relative_bound[0] == (d // 2 + 1) / 2
assert all(x > y for x, y in zip(band_means, band_means[1:]))
assert [round(v, 1) for v in band_means] == [20.5, 12.7, 8.8, 6.3, 5.0]      # the values quoted on the page

# %% [markdown] lang="zh"
# ## ALiBi 的斜率 {#alibi}
#
# $n$ 个头（$n$ 为 2 的幂）时，斜率是首项和公比都为 $2^{-8/n}$ 的等比数列；头数不是 2 的幂时，官方代码先取不超过 $n$ 的最大的
# $2^a$ 对应的 $2^a$ 个斜率，再从 $2^{a+1}$ 的序列里隔一个取一个补齐。下面照官方代码的规则实现，核对页面上的数列。

# %% [markdown] lang="en"
# ## ALiBi's slopes {#alibi}
#
# With $n$ heads ($n$ a power of two) the slopes form a geometric sequence whose first term and ratio are both
# $2^{-8/n}$; otherwise the official code takes the $2^a$ slopes for the largest power of two $2^a\le n$ and fills up
# with every other slope of the $2^{a+1}$ sequence. Below is that rule, checked against the sequences on the page.

# %%
def alibi_slopes(n):
    def power_of_2(n):
        start = 2.0 ** (-8.0 / n)
        return [start ** (k + 1) for k in range(n)]
    if np.log2(n).is_integer():
        return power_of_2(n)
    a = 2 ** int(np.floor(np.log2(n)))
    return power_of_2(a) + alibi_slopes(2 * a)[0::2][:n - a]

assert np.allclose(alibi_slopes(8), [2.0 ** -k for k in range(1, 9)])                # 1/2, 1/4, ..., 1/256
assert np.allclose(alibi_slopes(16), [2.0 ** (-k / 2) for k in range(1, 17)])        # 2^-0.5, 2^-1, ..., 2^-8
assert np.allclose(alibi_slopes(16)[1::2], alibi_slopes(8))                          # 16 heads interleave the 8
assert np.allclose(alibi_slopes(12), alibi_slopes(8) + [2.0 ** -0.5, 2.0 ** -1.5, 2.0 ** -2.5, 2.0 ** -3.5])
print("ALiBi slopes, 8 heads:", [f"1/{round(1 / m)}" for m in alibi_slopes(8)])

# %% [markdown] lang="zh"
# ## 扩展上下文：PI、NTK-aware 与 YaRN 的频率 {#scaling}
#
# 设原训练长度 $L=4096$、目标长度 $L'=sL$、$s=4$、$d=128$、$b=10000$。
#
# - **PI**：$m\to m/s$，等价于所有频率除以 $s$；
# - **NTK-aware**：底数改为 $b'=b\,s^{d/(d-2)}$，于是 $\theta'_i=\theta_i\,s^{-2i/(d-2)}$：$i=0$ 不变，$i=d/2-1$ 恰好除以 $s$；
# - **YaRN**（NTK-by-parts + 温度）：按 $r_i=L/\lambda_i$ 分段，$r_i<\alpha$ 的维度做插值 $\theta_i/s$，$r_i>\beta$ 的不动，中间线性过渡，
#   LLaMA 取 $\alpha=1,\beta=32$；另外 logits 乘 $1/t$，$\sqrt{1/t}=0.1\ln s+1$。

# %% [markdown] lang="en"
# ## Extending the context: the frequencies of PI, NTK-aware and YaRN {#scaling}
#
# Take the original training length $L=4096$, target length $L'=sL$ with $s=4$, $d=128$, $b=10000$.
#
# - **PI**: $m\to m/s$, the same as dividing every frequency by $s$;
# - **NTK-aware**: change the base to $b'=b\,s^{d/(d-2)}$, so $\theta'_i=\theta_i\,s^{-2i/(d-2)}$: $i=0$ is unchanged and
#   $i=d/2-1$ is divided by exactly $s$;
# - **YaRN** (NTK-by-parts plus a temperature): split by $r_i=L/\lambda_i$; pairs with $r_i<\alpha$ are interpolated to
#   $\theta_i/s$, pairs with $r_i>\beta$ are left alone, with a linear ramp in between ($\alpha=1,\beta=32$ for LLaMA);
#   and the logits are multiplied by $1/t$ with $\sqrt{1/t}=0.1\ln s+1$.

# %%
def pi_freqs(theta, s):
    return theta / s

def ntk_freqs(d, s, base=10000.0):
    return frequencies(d, base * s ** (d / (d - 2)))

def ramp(r, alpha, beta):
    return np.clip((r - alpha) / (beta - alpha), 0.0, 1.0)

def yarn_freqs(theta, s, L, alpha=1.0, beta=32.0):
    r = L / (2 * np.pi / theta)                                           # how many turns pair i makes within L
    g = ramp(r, alpha, beta)
    return (1 - g) * theta / s + g * theta

def yarn_sqrt_inv_t(s):
    return 0.1 * np.log(s) + 1

L, s = 4096, 4
th_pi, th_ntk, th_yarn = pi_freqs(theta, s), ntk_freqs(d, s), yarn_freqs(theta, s, L)
ratio_ntk = th_ntk / theta
print(f"NTK-aware base b' = 10000 * 4^(128/126) = {10000 * s ** (d / (d - 2)):,.1f}")
assert round(10000 * s ** (d / (d - 2)), -1) == 40890
print(f"NTK-aware: theta'_0/theta_0 = {ratio_ntk[0]:.12f}, theta'_63/theta_63 = {ratio_ntk[-1]:.12f} (1/s = {1 / s})")
assert ratio_ntk[0] == 1.0                                                # highest frequency unchanged
assert np.isclose(ratio_ntk[-1], 1 / s, rtol=1e-12)                        # lowest frequency scaled by exactly 1/s
assert np.all(np.diff(ratio_ntk) < 0)                                      # lower frequency -> more interpolation
assert np.allclose(ratio_ntk, s ** (-2 * np.arange(d // 2) / (d - 2)))
assert np.allclose(th_pi / theta, 1 / s)

r_i = L * theta / (2 * np.pi)
interpolated, kept = r_i < 1, r_i > 32
print(f"YaRN with L = {L}: {interpolated.sum()} pairs interpolated (theta/s), {kept.sum()} pairs unchanged, "
      f"{(~interpolated & ~kept).sum()} on the ramp")
assert np.allclose(th_yarn[interpolated], theta[interpolated] / s) and np.allclose(th_yarn[kept], theta[kept])
assert interpolated.sum() == 18 and kept.sum() == 21 and (~interpolated & ~kept).sum() == 25

for scale, expected in ((4, 1.1386), (8, 1.2079), (16, 1.2773), (32, 1.3466)):
    print(f"s = {scale:2d}: sqrt(1/t) = {yarn_sqrt_inv_t(scale):.4f}, logits multiplied by 1/t = {yarn_sqrt_inv_t(scale) ** 2:.4f}")
    assert round(yarn_sqrt_inv_t(scale), 4) == expected

# %% [markdown] lang="zh"
# **最大旋转角**：PI 保证扩展后 $[0,L')$ 内的角度都落在原来 $[0,L)$ 的范围里；NTK-aware 只对最低频做到这一点，
# 其余维度的最大角度 $L'\theta'_i=L\theta_i\,s^{1-2i/(d-2)}$ 比原来大（对低频维度来说就是少量外推），这是 YaRN 论文说它“部分维度越界”的原因；
# YaRN 对 $\lambda_i>L$ 的维度完全插值，这些维度的角度不越界。

# %% [markdown] lang="en"
# **Largest rotation angle.** PI guarantees that every angle over $[0,L')$ after scaling lies in the range seen over
# $[0,L)$; NTK-aware does so only for the lowest frequency, and the other pairs reach
# $L'\theta'_i=L\theta_i\,s^{1-2i/(d-2)}$, more than before (for low-frequency pairs this is a little extrapolation),
# which is why the YaRN paper says some dimensions go "out of bound"; YaRN fully interpolates the pairs with
# $\lambda_i>L$, so their angles stay in range.

# %%
seen = L * theta                                   # largest angle per pair during training
for name, th in (("PI", th_pi), ("NTK-aware", th_ntk), ("YaRN", th_yarn)):
    new = s * L * th
    long_pairs = 2 * np.pi / theta > L                                    # pairs that never completed a turn
    print(f"{name:9s}: max over long-wavelength pairs of (new max angle / trained max angle) = "
          f"{(new / seen)[long_pairs].max():.3f}")
ntk_excess = (s * L * th_ntk / seen)[2 * np.pi / theta > L].max()
assert np.allclose(s * L * th_pi, seen) and round(ntk_excess, 2) == 1.45
assert np.isclose(s * L * th_ntk[-1], seen[-1]) and np.all(s * L * th_ntk[:-1] > seen[:-1])
assert np.all(s * L * th_yarn[2 * np.pi / theta > L] <= seen[2 * np.pi / theta > L] + 1e-9)

# %% [markdown] lang="zh"
# ## 旁证：LLaMA 3.1 的 RoPE 缩放就是 NTK-by-parts {#llama31}
#
# Meta 的 `llama-models` 代码里，LLaMA 3.1 用 `scale_factor=8, low_freq_factor=1, high_freq_factor=4, old_context_len=8192`
# 改频率：波长大于 $8192$ 的维度除以 8，波长小于 $8192/4$ 的不动，中间按 $8192/\lambda$ 线性过渡。
# 下面照抄这个规则（不含温度项），它与上面的 `yarn_freqs` 取 $s=8,L=8192,\alpha=1,\beta=4,b=500000$ 完全相同。

# %% [markdown] lang="en"
# ## Aside: LLaMA 3.1's RoPE scaling is NTK-by-parts {#llama31}
#
# In Meta's `llama-models` code, LLaMA 3.1 rescales the frequencies with `scale_factor=8, low_freq_factor=1,
# high_freq_factor=4, old_context_len=8192`: pairs with wavelength above 8192 are divided by 8, pairs with wavelength
# below 8192/4 are left alone, and the ones in between are blended linearly in $8192/\lambda$. Re-implementing that rule
# below (it has no temperature term) gives exactly `yarn_freqs` above with $s=8,L=8192,\alpha=1,\beta=4,b=500000$.

# %%
def llama31_scaling(freqs, scale=8, low=1, high=4, old_len=8192):
    wavelen = 2 * np.pi / freqs
    new = np.where(wavelen > old_len / low, freqs / scale, freqs)
    smooth = (old_len / wavelen - low) / (high - low)
    middle = (wavelen >= old_len / high) & (wavelen <= old_len / low)
    return np.where(middle, (1 - smooth) * new / scale + smooth * new, new)

th_500k = frequencies(d, 500000.0)
assert np.allclose(llama31_scaling(th_500k), yarn_freqs(th_500k, 8, 8192, alpha=1, beta=4), rtol=1e-12)
print("LLaMA 3.1 rope scaling == NTK-by-parts ramp with s=8, L=8192, alpha=1, beta=4")
