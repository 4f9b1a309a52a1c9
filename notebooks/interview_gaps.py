# %% [markdown] lang="zh"
# # 面试常考的公式核对：感受野、卷积尺寸、SimHash、MinHash、新词发现、McNemar、校准与排序指标
#
# 本实验把[卷积神经网络](../dl/cnn.md)、[文本相似度](../nlp/text-similarity.md)、[分词与预处理](../nlp/text-preprocessing.md)和[评估指标](../ml/metrics.md)几页里能算出来的数都算一遍，并用 `assert` 核对：
#
# 1. 感受野递推公式与一维卷积栈上的暴力反投影；
# 2. 卷积输出尺寸、参数量与乘加次数的公式与直接计数（标准、分组、深度可分离卷积），转置卷积的输出尺寸、它与卷积互为伴随，以及棋盘伪影的重叠计数；
# 3. 有效感受野随深度按 $\sqrt{n}$ 增长；
# 4. SimHash：随机超平面下一位不同的概率等于 $\theta/\pi$，64 位指纹与汉明距离阈值 3，分块查表的鸽巢原理；
# 5. MinHash 相等的概率等于 Jaccard 相似度，以及 LSH 分带的 S 形曲线；
# 6. 玩具语料上的新词发现（点互信息与左右邻字熵）；
# 7. McNemar 检验：手算统计量与 scipy 的 $\chi^2$ 分布和精确二项检验；
# 8. 一个过度自信的分类器的 ECE、Brier 分数，以及温度缩放的效果；
# 9. 从零实现 nDCG、MAP、MRR，并与 `sklearn.metrics.ndcg_score`、`average_precision_score` 对照。
#
# 只用 numpy、scipy 和 scikit-learn。

# %% [markdown] lang="en"
# # Checking interview formulas: receptive fields, convolution sizes, SimHash, MinHash, new-word discovery, McNemar, calibration and ranking metrics
#
# This notebook computes every number that can be computed on the pages [convolutional networks](../dl/cnn.md), [text similarity](../nlp/text-similarity.md), [text preprocessing](../nlp/text-preprocessing.md) and [evaluation metrics](../ml/metrics.md), and checks them with `assert`:
#
# 1. the receptive-field recursion against brute-force back-projection through a 1-D convolution stack;
# 2. the output-size, parameter and multiply-add formulas of standard, grouped and depthwise-separable convolutions against a direct count; the output size of a transposed convolution, the fact that it is the adjoint of a convolution, and the overlap count behind checkerboard artifacts;
# 3. the effective receptive field growing like $\sqrt{n}$ with depth;
# 4. SimHash: one bit differs with probability $\theta/\pi$ under a random hyperplane; 64-bit fingerprints with a Hamming threshold of 3; the pigeonhole argument behind the block tables;
# 5. MinHash values agree with probability equal to the Jaccard similarity, and the S-curve of LSH banding;
# 6. new-word discovery on a toy corpus (pointwise mutual information and left/right neighbour entropy);
# 7. McNemar's test: the statistic by hand against scipy's $\chi^2$ distribution and the exact binomial test;
# 8. ECE and Brier score of an overconfident classifier, and what temperature scaling does to them;
# 9. nDCG, MAP and MRR from scratch, against `sklearn.metrics.ndcg_score` and `average_precision_score`.
#
# numpy, scipy and scikit-learn only.

# %%
import hashlib
import math
from collections import Counter, defaultdict

import matplotlib.pyplot as plt
import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import expit
from scipy.stats import binom, binomtest, chi2
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, brier_score_loss, log_loss, ndcg_score

# %% [markdown] lang="zh"
# ## 1. 感受野：递推公式与暴力反投影 {#receptive-field}
#
# 第 $l$ 层的卷积核大小 $k_l$、步长 $s_l$、膨胀率 $d_l$。递推公式（推导见[卷积神经网络 · 感受野](../dl/cnn.md#receptive-field)）：
#
# $$
# r_0=1,\qquad r_l=r_{l-1}+(k_l-1)\,d_l\prod_{i<l}s_i .
# $$
#
# 暴力做法：取最后一层中间的一个单元，逐层往回求出它依赖的全部输入下标（第 $l$ 层的输出位置 $o$ 读取上一层的 $o\,s_l+j\,d_l$，$j=0,\dots,k_l-1$），感受野就是这些下标的跨度。池化层按同样的 $(k,s)$ 处理。

# %% [markdown] lang="en"
# ## 1. Receptive field: the recursion against brute-force back-projection {#receptive-field}
#
# Layer $l$ has kernel size $k_l$, stride $s_l$ and dilation $d_l$. The recursion (derived in [convolutional networks · receptive field](../dl/cnn.md#receptive-field)):
#
# $$
# r_0=1,\qquad r_l=r_{l-1}+(k_l-1)\,d_l\prod_{i<l}s_i .
# $$
#
# Brute force: take a unit in the middle of the last layer and walk back layer by layer, collecting every input index it depends on (output position $o$ of layer $l$ reads positions $o\,s_l+j\,d_l$, $j=0,\dots,k_l-1$, of the layer below); the receptive field is the span of those indices. Pooling layers are treated the same way with their $(k,s)$.

# %%
def conv_out(i, k, s=1, p=0, d=1):
    """Output length of a convolution: floor((i + 2p - d(k-1) - 1) / s) + 1."""
    return (i + 2 * p - d * (k - 1) - 1) // s + 1


def rf_recursion(layers):
    """layers: list of (k, s, d). Returns the receptive field of one unit of the last layer."""
    r, jump = 1, 1                      # jump = product of the strides of the layers below
    for k, s, d in layers:
        r += (k - 1) * d * jump
        jump *= s
    return r


def rf_backproject(layers, n_in=4000):
    """Span and number of input positions that one central output unit depends on."""
    sizes = [n_in]
    for k, s, d in layers:
        sizes.append(conv_out(sizes[-1], k, s, 0, d))
    assert sizes[-1] > 0
    idx = {sizes[-1] // 2}
    for k, s, d in reversed(layers):
        idx = {o * s + j * d for o in idx for j in range(k)}
    return max(idx) - min(idx) + 1, len(idx)


vgg16 = []
for n_conv in (2, 2, 3, 3, 3):
    vgg16 += [(3, 1, 1)] * n_conv + [(2, 2, 1)]          # 3x3 convs, then a 2x2 max pool with stride 2
stacks = {
    "three 3x3, stride 1": [(3, 1, 1)] * 3,
    "one 7x7": [(7, 1, 1)],
    "ResNet stem 7x7/2 + maxpool 3x3/2": [(7, 2, 1), (3, 2, 1)],
    "VGG-16 conv5_3": vgg16[:-1],
    "VGG-16 pool5": vgg16,
    "dilations 1, 2, 4, 8 (k=3)": [(3, 1, 2 ** l) for l in range(4)],
    "dilation 2 three times (k=3)": [(3, 1, 2)] * 3,
}
for name, layers in stacks.items():
    r = rf_recursion(layers)
    span, used = rf_backproject(layers)
    print(f"{name:<36} recursion {r:>4}   back-projection: span {span:>4}, input positions used {used:>4}")
    assert r == span

rng = np.random.default_rng(0)
for _ in range(300):                                     # random stacks of up to 5 layers
    layers = [(int(rng.integers(1, 6)), int(rng.integers(1, 4)), int(rng.integers(1, 4)))
              for _ in range(int(rng.integers(1, 6)))]
    assert rf_recursion(layers) == rf_backproject(layers)[0]

assert rf_recursion(vgg16[:-1]) == 196 and rf_recursion(vgg16) == 212
assert rf_backproject([(3, 1, 2)] * 3) == (13, 7)        # gridding: 13 wide but only 7 inputs seen
for L in range(1, 9):                                     # dilations 1, 2, ..., 2^(L-1): 2^(L+1) - 1
    assert rf_recursion([(3, 1, 2 ** l) for l in range(L)]) == 2 ** (L + 1) - 1
    assert rf_recursion([(3, 1, 1)] * L) == 2 * L + 1    # no dilation: linear growth

# %% [markdown] lang="zh"
# 最后一行说明了“网格效应”（gridding）：三层膨胀率都为 2 的卷积，感受野跨度 13，但只读到其中 7 个位置（全是偶数偏移）。膨胀率取 1、2、4、8 时跨度 31 且没有空洞，感受野随层数指数增长；不膨胀时只线性增长 $2L+1$。

# %% [markdown] lang="en"
# The last row shows gridding: three layers all with dilation 2 span 13 positions but read only 7 of them (all at even offsets). With dilations 1, 2, 4, 8 the span is 31 with no holes, growing exponentially with depth; without dilation it grows only linearly, $2L+1$.

# %% [markdown] lang="zh"
# ## 2. 卷积的尺寸、参数量与乘加次数 {#conv-counts}
#
# 写一个朴素的二维卷积（支持步长、填充、膨胀和分组），边算边数乘加次数；输出尺寸、参数量（权重张量的元素个数）和乘加次数都与公式对照：
#
# $$
# o=\left\lfloor\frac{i+2p-d(k-1)-1}{s}\right\rfloor+1,\qquad
# \text{params}=\frac{k^2C_{\text{in}}C_{\text{out}}}{g},\qquad
# \text{MACs}=\frac{k^2C_{\text{in}}C_{\text{out}}}{g}\,H_{\text{out}}W_{\text{out}} .
# $$
#
# 深度可分离卷积 = 逐通道卷积（$g=C_{\text{in}}$）+ $1\times1$ 卷积，参数 $k^2C_{\text{in}}+C_{\text{in}}C_{\text{out}}$（不计偏置）。

# %% [markdown] lang="en"
# ## 2. Sizes, parameters and multiply-adds of convolutions {#conv-counts}
#
# A naive 2-D convolution (with stride, padding, dilation and groups) that counts its multiply-adds as it goes; its output size, its parameter count (the number of elements of the weight tensor) and its multiply-adds are checked against the formulas
#
# $$
# o=\left\lfloor\frac{i+2p-d(k-1)-1}{s}\right\rfloor+1,\qquad
# \text{params}=\frac{k^2C_{\text{in}}C_{\text{out}}}{g},\qquad
# \text{MACs}=\frac{k^2C_{\text{in}}C_{\text{out}}}{g}\,H_{\text{out}}W_{\text{out}} .
# $$
#
# A depthwise-separable convolution is a depthwise convolution ($g=C_{\text{in}}$) followed by a $1\times1$ convolution, with $k^2C_{\text{in}}+C_{\text{in}}C_{\text{out}}$ parameters (biases not counted).

# %%
def conv2d(x, w, s=1, p=0, d=1, groups=1):
    """x: (C_in, H, W); w: (C_out, C_in // groups, k, k). Returns the output and the multiply-add count."""
    c_in, H, W = x.shape
    c_out, per_group, k, _ = w.shape
    assert c_in == per_group * groups and c_out % groups == 0
    xp = np.pad(x, ((0, 0), (p, p), (p, p)))
    ho, wo = conv_out(H, k, s, p, d), conv_out(W, k, s, p, d)
    out, macs, out_per_group = np.zeros((c_out, ho, wo)), 0, c_out // groups
    for o in range(c_out):
        g = o // out_per_group                                # the group this output channel belongs to
        for i in range(ho):
            for j in range(wo):
                patch = xp[g * per_group:(g + 1) * per_group,
                           i * s:i * s + d * (k - 1) + 1:d, j * s:j * s + d * (k - 1) + 1:d]
                out[o, i, j] = np.sum(patch * w[o])
                macs += patch.size
    return out, macs


for _ in range(200):                                      # output size: formula vs counting window positions
    i, k, s, p, d = (int(rng.integers(5, 14)), int(rng.integers(1, 4)), int(rng.integers(1, 4)),
                     int(rng.integers(0, 3)), int(rng.integers(1, 3)))
    if conv_out(i, k, s, p, d) < 1:
        continue
    out, _ = conv2d(rng.normal(size=(1, i, i)), rng.normal(size=(1, 1, k, k)), s, p, d)
    starts = [t for t in range(0, i + 2 * p, s) if t + d * (k - 1) <= i + 2 * p - 1]
    assert out.shape[1] == len(starts) == conv_out(i, k, s, p, d)

c_in, c_out, k, H, g = 8, 12, 3, 10, 4
x = rng.normal(size=(c_in, H, H))
ho = conv_out(H, k, 1, 1)
w_std = rng.normal(size=(c_out, c_in, k, k))
w_grp = rng.normal(size=(c_out, c_in // g, k, k))
w_dw, w_pw = rng.normal(size=(c_in, 1, k, k)), rng.normal(size=(c_out, c_in, 1, 1))
_, macs_std = conv2d(x, w_std, p=1)
_, macs_grp = conv2d(x, w_grp, p=1, groups=g)
h_dw, macs_dw = conv2d(x, w_dw, p=1, groups=c_in)
_, macs_pw = conv2d(h_dw, w_pw)
rows = [("standard", w_std.size, macs_std, k * k * c_in * c_out),
        (f"grouped, g={g}", w_grp.size, macs_grp, k * k * c_in * c_out // g),
        ("depthwise separable", w_dw.size + w_pw.size, macs_dw + macs_pw, k * k * c_in + c_in * c_out)]
for name, n_params, macs, formula in rows:
    print(f"{name:<20} params {n_params:>4} (formula {formula:>4})   MACs {macs:>6} (formula {formula * ho * ho:>6})")
    assert n_params == formula and macs == formula * ho * ho

# the numbers quoted on the CNN page: 3x3, 256 -> 256 channels, 56 x 56 output
k, c = 3, 256
std, ds = k * k * c * c, k * k * c + c * c
print(f"3x3, 256->256: standard {std:,}, groups=32 {std // 32:,}, depthwise separable {ds:,}, "
      f"ratio {ds / std:.4f} = 1/256 + 1/9 = {1 / c + 1 / k ** 2:.4f}; MACs at 56x56: {std * 56 * 56:,} vs {ds * 56 * 56:,}")
assert (std, std // 32, ds) == (589_824, 18_432, 67_840) and abs(ds / std - (1 / c + 1 / 9)) < 1e-12

# %% [markdown] lang="zh"
# ### 转置卷积 {#transposed}
#
# 一维转置卷积按“散射”实现：输入第 $o$ 个元素乘以整个卷积核，加到输出的 $o\,s+j\,d$ 处，再从两端各裁掉 $p$ 个。核对三件事：
#
# - 输出长度 $(i-1)s-2p+d(k-1)+\text{output\_padding}+1$（$d=1$ 时即 $(i-1)s-2p+k+\text{output\_padding}$）；
# - 它是同参数卷积的伴随（转置）：$\langle\operatorname{conv}(\mathbf{x}),\mathbf{y}\rangle=\langle\mathbf{x},\operatorname{conv}^\top(\mathbf{y})\rangle$，`output_padding` 正是把尺寸补回原输入所需的那几个；
# - 全 1 输入、全 1 卷积核时，每个输出位置收到的贡献个数：$k$ 不能被 $s$ 整除时不均匀，这就是棋盘伪影。

# %% [markdown] lang="en"
# ### Transposed convolution {#transposed}
#
# A 1-D transposed convolution implemented as a scatter: input element $o$ times the whole kernel is added to the output at $o\,s+j\,d$, then $p$ elements are cropped at each end. Three checks:
#
# - the output length is $(i-1)s-2p+d(k-1)+\text{output\_padding}+1$ (with $d=1$, $(i-1)s-2p+k+\text{output\_padding}$);
# - it is the adjoint (transpose) of the convolution with the same parameters: $\langle\operatorname{conv}(\mathbf{x}),\mathbf{y}\rangle=\langle\mathbf{x},\operatorname{conv}^\top(\mathbf{y})\rangle$, and `output_padding` is exactly what brings the size back to the original input's;
# - with an all-ones input and kernel, the number of contributions each output position receives: uneven when $k$ is not divisible by $s$, which is where checkerboard artifacts come from.

# %%
def conv1d(x, w, s=1, p=0, d=1):
    xp, k = np.pad(x, p), len(w)
    return np.array([sum(w[j] * xp[o * s + j * d] for j in range(k))
                     for o in range(conv_out(len(x), k, s, p, d))])


def conv_transpose1d(y, w, s=1, p=0, d=1, output_padding=0):
    k = len(w)
    n = (len(y) - 1) * s - 2 * p + d * (k - 1) + output_padding + 1
    full = np.zeros(n + 2 * p)
    for o in range(len(y)):
        for j in range(k):
            full[o * s + j * d] += y[o] * w[j]
    return full[p:p + n]


for _ in range(300):
    n_in, k, s, p, d = (int(rng.integers(6, 20)), int(rng.integers(1, 5)), int(rng.integers(1, 4)),
                        int(rng.integers(0, 2)), int(rng.integers(1, 3)))
    if conv_out(n_in, k, s, p, d) < 1:
        continue
    x, w = rng.normal(size=n_in), rng.normal(size=k)
    y = conv1d(x, w, s, p, d)
    op = n_in - ((len(y) - 1) * s - 2 * p + d * (k - 1) + 1)   # the output_padding that restores n_in
    assert 0 <= op < s                                         # never more than stride - 1
    v = rng.normal(size=len(y))
    z = conv_transpose1d(v, w, s, p, d, op)
    assert len(z) == n_in and abs(y @ v - x @ z) < 1e-9       # adjoint: <conv x, v> = <x, conv^T v>

print("2x upsampling, k=4, s=2, p=1:", len(conv_transpose1d(np.ones(16), np.ones(4), 2, 1)), "from 16")
print("k=3, s=2, p=1, output_padding=1:", len(conv_transpose1d(np.ones(16), np.ones(3), 2, 1, 1, 1)), "from 16")
assert len(conv_transpose1d(np.ones(16), np.ones(4), 2, 1)) == 32
assert len(conv_transpose1d(np.ones(16), np.ones(3), 2, 1, 1, 1)) == 32
for k in (3, 4):
    overlap = conv_transpose1d(np.ones(8), np.ones(k), s=2)
    print(f"contributions per output position, k={k}, s=2:", overlap.astype(int).tolist())
inner3 = conv_transpose1d(np.ones(8), np.ones(3), s=2)[2:-2]
inner4 = conv_transpose1d(np.ones(8), np.ones(4), s=2)[2:-2]
assert set(inner3) == {1.0, 2.0} and set(inner4) == {2.0}    # uneven for k=3, even for k=4

# %% [markdown] lang="zh"
# ## 3. 有效感受野 {#effective-rf}
#
# 对 $n$ 层线性的 $3\times1$ 均匀卷积（权重都为 1/3），输出中心对输入的梯度就是卷积核自卷积 $n$ 次，即 $n$ 个取值于 $\{-1,0,1\}$ 的均匀随机变量之和的分布：方差 $n\cdot\frac{2}{3}$，标准差按 $\sqrt{n}$ 增长，而理论感受野 $2n+1$ 按 $n$ 增长。两者之比按 $1/\sqrt{n}$ 缩小（Luo 等，2016）。

# %% [markdown] lang="en"
# ## 3. Effective receptive field {#effective-rf}
#
# For $n$ linear layers of a uniform $3\times1$ kernel (weights 1/3), the gradient of the central output with respect to the input is the kernel convolved with itself $n$ times, i.e. the distribution of a sum of $n$ uniform variables on $\{-1,0,1\}$: variance $n\cdot\frac{2}{3}$, so the standard deviation grows like $\sqrt{n}$, while the theoretical receptive field $2n+1$ grows like $n$. Their ratio shrinks like $1/\sqrt{n}$ (Luo et al., 2016).

# %%
kernel = np.ones(3) / 3
for n in (1, 5, 10, 50, 100):
    grad = np.array([1.0])
    for _ in range(n):
        grad = np.convolve(grad, kernel)                 # back-propagating through one more layer
    pos = np.arange(len(grad)) - (len(grad) - 1) / 2
    std = np.sqrt(np.sum(grad * pos ** 2))
    mass = grad[np.abs(pos) <= 2 * std].sum()
    print(f"n = {n:>3}: theoretical RF {len(grad):>3}, std of the gradient map {std:5.2f}, "
          f"ratio {2 * std / len(grad):.3f}, mass within 2 std {mass:.3f}")
    assert len(grad) == rf_recursion([(3, 1, 1)] * n) and abs(std - np.sqrt(2 * n / 3)) < 1e-9

# %% [markdown] lang="zh"
# ## 4. SimHash {#simhash}
#
# **随机超平面**：$h_{\mathbf{r}}(\mathbf{u})=\operatorname{sign}(\mathbf{r}^\top\mathbf{u})$，$\mathbf{r}\sim\mathcal{N}(\mathbf{0},I)$。两个夹角为 $\theta$ 的向量得到不同符号的概率是 $\theta/\pi$。下面对几个角度各抽 20 万个超平面；再用 Charikar 式 SimHash 实际采用的 $\pm1$ 伪随机分量（由哈希决定）做同样的实验，它只是近似满足这条性质。

# %% [markdown] lang="en"
# ## 4. SimHash {#simhash}
#
# **Random hyperplanes**: $h_{\mathbf{r}}(\mathbf{u})=\operatorname{sign}(\mathbf{r}^\top\mathbf{u})$ with $\mathbf{r}\sim\mathcal{N}(\mathbf{0},I)$. Two vectors at angle $\theta$ get different signs with probability $\theta/\pi$. Below, 200,000 hyperplanes for each of several angles; then the same experiment with the $\pm1$ pseudo-random components (decided by a hash) that SimHash uses in practice, which satisfy the property only approximately.

# %%
def pair_at_angle(theta, dim, rng):
    u = rng.normal(size=dim)
    u /= np.linalg.norm(u)
    w = rng.normal(size=dim)
    w -= (w @ u) * u
    w /= np.linalg.norm(w)
    return u, np.cos(theta) * u + np.sin(theta) * w


dim = 50
for deg in (10, 30, 60, 90, 135):
    theta = np.deg2rad(deg)
    u, v = pair_at_angle(theta, dim, rng)
    R = rng.normal(size=(200_000, dim))
    gauss = np.mean(np.sign(R @ u) != np.sign(R @ v))
    S = rng.choice([-1.0, 1.0], size=(200_000, dim))
    rademacher = np.mean(np.sign(S @ u) != np.sign(S @ v))
    print(f"theta = {deg:>3} deg: theta/pi = {theta / np.pi:.4f}, Gaussian {gauss:.4f}, +-1 components {rademacher:.4f}")
    assert abs(gauss - theta / np.pi) < 0.004                # binomial s.d. <= 0.0012
    assert abs(rademacher - theta / np.pi) < 0.01

# %% [markdown] lang="zh"
# **64 位指纹与阈值 $k=3$**：每一位独立地以 $q=\theta/\pi$ 的概率不同，汉明距离 $H\sim\operatorname{Binomial}(64,q)$。下表给出若干余弦下 $\E[H]$ 与 $P(H\le3)$；$H\le 3$ 对应 $q\lesssim3/64$，即夹角约 $8.4^\circ$、余弦约 0.989。

# %% [markdown] lang="en"
# **64-bit fingerprints and the threshold $k=3$**: each bit differs independently with probability $q=\theta/\pi$, so the Hamming distance is $H\sim\operatorname{Binomial}(64,q)$. The table gives $\E[H]$ and $P(H\le3)$ for a few cosines; $H\le 3$ corresponds to $q\lesssim3/64$, an angle of about $8.4^\circ$, a cosine of about 0.989.

# %%
for cos in (0.999, 0.99, 0.98, 0.95, 0.9, 0.5):
    q = np.arccos(cos) / np.pi
    print(f"cos = {cos:<5}: q = {q:.4f}, E[H] = {64 * q:5.2f}, P(H <= 3) = {binom.cdf(3, 64, q):.3f}")
theta_3 = 3 / 64 * np.pi
print(f"q = 3/64: theta = {np.rad2deg(theta_3):.2f} deg, cos = {np.cos(theta_3):.4f}")
assert round(np.rad2deg(theta_3), 1) == 8.4 and round(np.cos(theta_3), 3) == 0.989
q09 = np.arccos(0.9) / np.pi
assert round(q09, 4) == 0.1436 and round(64 * q09, 1) == 9.2

# %% [markdown] lang="zh"
# **加权特征哈希版 SimHash**（Charikar 2002；Manku 等 2007 的描述）：每个特征（词）用 64 位哈希决定每一位上 $\pm1$，按权重累加，最后每一位取符号。等价于用哈希生成的 $\pm1$ 超平面对词频向量做随机超平面哈希，所以两篇文档指纹的汉明距离 $\approx 64\,\theta/\pi$。

# %% [markdown] lang="en"
# **SimHash with weighted feature hashing** (Charikar 2002; as described by Manku et al. 2007): each feature (word) gets $\pm1$ in every bit from a 64-bit hash, the signs are summed with the feature weights, and each bit of the fingerprint is the sign of its sum. This is random-hyperplane hashing of the term-frequency vector with hash-generated $\pm1$ hyperplanes, so the Hamming distance between two fingerprints is $\approx 64\,\theta/\pi$.

# %%
def feature_bits(feature, f=64):
    h = int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "big")
    return np.array([(h >> i) & 1 for i in range(f)]) * 2 - 1          # +-1 per bit


def simhash(weights, f=64):
    v = sum(w * feature_bits(t, f) for t, w in weights.items())
    return (v > 0).astype(int)


def cosine(a, b):
    num = sum(a[t] * b.get(t, 0) for t in a)
    return num / math.sqrt(sum(x * x for x in a.values()) * sum(x * x for x in b.values()))


vocab = [f"w{i}" for i in range(400)]
dists, expected = [], []
for trial in range(400):
    base = {t: float(rng.integers(1, 6)) for t in rng.choice(vocab, 60, replace=False)}
    other = dict(base)
    for t in rng.choice(list(base), int(rng.integers(0, 40)), replace=False):
        del other[t]                                               # drop some words ...
    for t in rng.choice(vocab, int(rng.integers(0, 40)), replace=False):
        other[t] = other.get(t, 0.0) + float(rng.integers(1, 6))   # ... and add others
    dists.append(int(np.sum(simhash(base) != simhash(other))))
    expected.append(64 * np.arccos(min(1.0, cosine(base, other))) / np.pi)
dists, expected = np.array(dists), np.array(expected)
q = expected / 64
z = (dists - expected) / np.sqrt(64 * q * (1 - q))          # standardized by the binomial s.d.
print(f"mean Hamming distance {dists.mean():.2f} vs mean 64 theta/pi {expected.mean():.2f}; "
      f"standardized residuals: mean {z.mean():.3f}, s.d. {z.std():.3f}")
assert abs(dists.mean() - expected.mean()) < 1.0 and abs(z.mean()) < 0.15 and 0.8 < z.std() < 1.2

# %% [markdown] lang="zh"
# **分块查表（Manku 等 2007）**：把 64 位分成 4 块、每块 16 位。两个指纹最多差 3 位时，这 3 位最多落在 3 块里，必有一块完全相同（鸽巢原理），所以按每一块分别建表、查“该块完全相等”的候选，再核对汉明距离，就不会漏掉任何 $H\le3$ 的对。下面随机造指纹并植入近似重复，核对这一点。

# %% [markdown] lang="en"
# **Block tables (Manku et al. 2007)**: split the 64 bits into 4 blocks of 16. If two fingerprints differ in at most 3 bits, those bits fall in at most 3 blocks, so some block is identical (pigeonhole); building one table per block, looking up candidates that match that block exactly, and then checking the Hamming distance therefore misses no pair with $H\le3$. Below, random fingerprints with planted near-duplicates check this.

# %%
n_fp = 20_000
fps = rng.integers(0, 2 ** 63, size=n_fp, dtype=np.int64).astype(np.uint64)
planted = []
for i in rng.choice(n_fp, 500, replace=False):
    flips = rng.choice(64, int(rng.integers(0, 4)), replace=False)
    mask = np.uint64(sum(1 << int(b) for b in flips))
    planted.append((int(i), int(fps[i] ^ mask)))
queries = np.array([q for _, q in planted], dtype=np.uint64)

tables = []
for b in range(4):
    table = defaultdict(list)
    for idx, fp in enumerate(fps):
        table[int(fp >> np.uint64(16 * b)) & 0xFFFF].append(idx)
    tables.append(table)

found, probes = 0, 0
for (i, q) in planted:
    candidates = set()
    for b in range(4):
        candidates.update(tables[b].get((q >> (16 * b)) & 0xFFFF, []))
    probes += len(candidates)
    hits = [c for c in candidates if bin(int(fps[c]) ^ q).count("1") <= 3]
    found += i in hits
print(f"planted near-duplicates found: {found} / {len(planted)}; "
      f"candidates checked per query: {probes / len(planted):.1f} (out of {n_fp})")
assert found == len(planted)

# %% [markdown] lang="zh"
# ## 5. MinHash 与 LSH 分带 {#minhash}
#
# 对全集做随机排列，集合的 MinHash 是排在最前面的元素。两个集合 MinHash 相等的概率等于 Jaccard 相似度 $J$。分成 $b$ 带、每带 $r$ 行时，至少一带完全相同（成为候选对）的概率 $1-(1-J^r)^b$，阈值约 $(1/b)^{1/r}$。

# %% [markdown] lang="en"
# ## 5. MinHash and LSH banding {#minhash}
#
# Take a random permutation of the universe; the MinHash of a set is its first element in that order. The MinHash values of two sets agree with probability equal to their Jaccard similarity $J$. With $b$ bands of $r$ rows, the probability that at least one band agrees entirely (the pair becomes a candidate) is $1-(1-J^r)^b$, with a threshold near $(1/b)^{1/r}$.

# %%
universe = 1000
A = set(range(0, 300))
for overlap in (30, 100, 200, 280):
    B = set(range(300 - overlap, 600 - overlap))
    J = len(A & B) / len(A | B)
    perms = np.array([rng.permutation(universe) for _ in range(4000)])   # rank of each element
    a_idx, b_idx = np.array(sorted(A)), np.array(sorted(B))
    agree = np.mean(perms[:, a_idx].min(axis=1) == perms[:, b_idx].min(axis=1))
    print(f"Jaccard {J:.4f}: MinHash agreement over 4000 permutations {agree:.4f}")
    assert abs(agree - J) < 0.025

b, r = 20, 5
s = np.linspace(0, 1, 201)
p_candidate = 1 - (1 - s ** r) ** b
threshold = (1 / b) ** (1 / r)
steepest = ((r - 1) / (r * b - 1)) ** (1 / r)
print(f"b={b}, r={r}: threshold (1/b)^(1/r) = {threshold:.3f}, steepest point {steepest:.3f}")
for sj in (0.3, 0.5, 0.8):
    print(f"  P(candidate | s = {sj}) = {1 - (1 - sj ** r) ** b:.4f}")
assert round(threshold, 2) == 0.55 and round(steepest, 2) == 0.53
assert abs(s[np.argmax(np.gradient(p_candidate, s))] - steepest) < 0.01

# simulate banding with real MinHash signatures for one pair with J = 0.5
A2, B2 = set(range(0, 400)), set(range(400 // 3, 400 + 400 // 3))
J2 = len(A2 & B2) / len(A2 | B2)
hits = 0
for trial in range(400):
    perms = np.array([rng.permutation(universe) for _ in range(b * r)])
    sig_a = perms[:, sorted(A2)].min(axis=1).reshape(b, r)
    sig_b = perms[:, sorted(B2)].min(axis=1).reshape(b, r)
    hits += np.any(np.all(sig_a == sig_b, axis=1))
print(f"J = {J2:.3f}: simulated P(candidate) {hits / 400:.3f}, formula {1 - (1 - J2 ** r) ** b:.3f}")
assert abs(hits / 400 - (1 - (1 - J2 ** r) ** b)) < 0.08

fig, ax = plt.subplots(figsize=(5, 3.2))
ax.plot(s, p_candidate, label="MinHash LSH, b=20, r=5")
cos_grid = np.linspace(0.5, 1, 201)
ax.plot(cos_grid, binom.cdf(3, 64, np.arccos(cos_grid) / np.pi), label="SimHash 64 bits, H <= 3 (x = cosine)")
ax.axvline(threshold, ls="--", lw=1, color="gray")
ax.set_xlabel("similarity s")
ax.set_ylabel("P(candidate)")
ax.legend(fontsize=8)
plt.show()

# %% [markdown] lang="zh"
# ## 6. 新词发现 {#new-words}
#
# 为了让“正确答案”已知，玩具语料由一个词表随机拼接而成（不加空格），其中有“元宇宙”“区块链”“打工人”这类新词。统计所有长度 2–4 的子串，用两个指标筛选：
#
# - **内部凝固度**：点互信息在所有切分点上的最小值 $\min_k\log\frac{p(w)}{p(w_{1:k})\,p(w_{k+1:n})}$；
# - **边界自由度**：左邻字熵与右邻字熵的较小者。
#
# 详见[分词与预处理 · 新词发现](../nlp/text-preprocessing.md#new-word-discovery)，那里的例子与这里同一份语料。

# %% [markdown] lang="en"
# ## 6. New-word discovery {#new-words}
#
# So that the right answer is known, the toy corpus is a random concatenation of words from a small vocabulary (no spaces), including new words such as 元宇宙, 区块链 and 打工人. Count every substring of length 2 to 4 and filter with two scores:
#
# - **internal cohesion**: the smallest pointwise mutual information over all split points, $\min_k\log\frac{p(w)}{p(w_{1:k})\,p(w_{k+1:n})}$;
# - **boundary freedom**: the smaller of the left and right neighbour entropies.
#
# See [text preprocessing · new-word discovery](../nlp/text-preprocessing.md#new-word-discovery), whose example uses the same corpus.

# %%
words = ["的", "了", "在", "我们", "朋友", "今天", "天气", "喜欢", "讨论", "电影", "音乐",
         "元宇宙", "区块链", "躺平", "内卷", "打工人"]
weights = np.array([12, 6, 6, 6, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 3, 3], dtype=float)
corpus_rng = np.random.default_rng(0)
corpus = ["".join(corpus_rng.choice(words, size=corpus_rng.integers(4, 9), p=weights / weights.sum()))
          for _ in range(400)]


def ngram_stats(texts, max_n=4):
    counts, left, right = Counter(), defaultdict(Counter), defaultdict(Counter)
    for t in texts:
        for n in range(1, max_n + 1):
            for i in range(len(t) - n + 1):
                w = t[i:i + n]
                counts[w] += 1
                left[w][t[i - 1] if i > 0 else "^"] += 1          # ^ and $ mark the text boundaries
                right[w][t[i + n] if i + n < len(t) else "$"] += 1
    return counts, left, right


def entropy(counter):
    total = sum(counter.values())
    return -sum(c / total * math.log(c / total) for c in counter.values()) + 0.0


counts, left, right = ngram_stats(corpus)
N = sum(len(t) for t in corpus)


def cohesion(w):
    return min(math.log(counts[w] * N / (counts[w[:k]] * counts[w[k:]])) for k in range(1, len(w)))


cands = [(w, c, cohesion(w), entropy(left[w]), entropy(right[w]))
         for w, c in counts.items() if len(w) >= 2 and c >= 10]
cands.sort(key=lambda row: -row[2])
kept = {w for w, c, pmi, hl, hr in cands if pmi >= 2.0 and min(hl, hr) >= 1.0}
print(f"{N} characters, {len(cands)} candidates with count >= 10")
for w, c, pmi, hl, hr in cands[:22]:
    print(f"{w:<4}\t{c:>4}\t{pmi:5.2f}\t{hl:5.2f}\t{hr:5.2f}\t{'kept' if w in kept else ''}")
assert kept == {w for w in words if len(w) >= 2}
assert all(min(entropy(left[w]), entropy(right[w])) == 0 for w in ("元宇", "宇宙", "区块", "块链", "打工", "工人"))
assert all(cohesion(w) < 2.0 for w, *_ in cands if w not in kept and min(entropy(left[w]), entropy(right[w])) >= 1.0)

# %% [markdown] lang="zh"
# 凝固度高但熵为 0 的“元宇”“宇宙”“打工”“工人”是新词的片段，被自由度筛掉；跨词边界的串（如“音乐天气”）两侧很自由，但凝固度低，被凝固度筛掉。两个条件合起来恰好找回词表里全部 13 个多字词。

# %% [markdown] lang="en"
# 元宇, 宇宙, 打工 and 工人 have high cohesion but zero entropy on one side: they are fragments of new words and fail the freedom test. Strings that cross a word boundary (such as 音乐天气) are free on both sides but have low cohesion and fail the cohesion test. Together the two conditions recover exactly the 13 multi-character words of the vocabulary.

# %% [markdown] lang="zh"
# ## 7. McNemar 检验 {#mcnemar}
#
# 两个分类器在同一测试集上：$b$ = A 对 B 错的样本数，$c$ = A 错 B 对的样本数。$H_0$ 下 $b\sim\operatorname{Binomial}(b+c,1/2)$。带连续性校正的统计量 $\chi^2=\frac{(|b-c|-1)^2}{b+c}$ 近似服从自由度 1 的 $\chi^2$ 分布；$b+c$ 小时用精确二项检验，$p=\min\bigl(1,\,2\,P(X\le\min(b,c))\bigr)$。

# %% [markdown] lang="en"
# ## 7. McNemar's test {#mcnemar}
#
# Two classifiers on the same test set: $b$ = examples A gets right and B gets wrong, $c$ = examples A gets wrong and B gets right. Under $H_0$, $b\sim\operatorname{Binomial}(b+c,1/2)$. The continuity-corrected statistic $\chi^2=\frac{(|b-c|-1)^2}{b+c}$ is approximately $\chi^2$ with 1 degree of freedom; for small $b+c$ use the exact binomial test, $p=\min\bigl(1,\,2\,P(X\le\min(b,c))\bigr)$.

# %%
def mcnemar(b, c):
    stat = (abs(b - c) - 1) ** 2 / (b + c)
    p_chi2 = chi2.sf(stat, df=1)
    p_exact = min(1.0, 2 * binom.cdf(min(b, c), b + c, 0.5))
    return stat, p_chi2, p_exact


stat, p_chi2, p_exact = mcnemar(12, 3)
print(f"b=12, c=3: chi2 = {stat:.4f}, p = {p_chi2:.4f}; exact p = {p_exact:.4f} = 2 * 576 / 32768")
assert abs(stat - 64 / 15) < 1e-12 and round(p_chi2, 4) == 0.0389
assert abs(p_exact - 2 * 576 / 2 ** 15) < 1e-15 and abs(p_exact - binomtest(12, 15, 0.5).pvalue) < 1e-12
no_cc = (12 - 3) ** 2 / 15
print(f"without continuity correction: chi2 = {no_cc:.2f}, p = {chi2.sf(no_cc, 1):.4f}")
assert round(chi2.sf(no_cc, 1), 4) == 0.0201

for b, c in [(0, 5), (3, 9), (20, 10), (51, 36), (130, 100)]:
    stat, p_chi2, p_exact = mcnemar(b, c)
    print(f"b={b:>3}, c={c:>3}: chi2 {stat:7.4f}  p(chi2) {p_chi2:.4f}  p(exact) {p_exact:.4f}")
    assert abs(p_exact - binomtest(b, b + c, 0.5).pvalue) < 1e-12

# the statistic from two classifiers' predictions, and the fact that only disagreements matter
X, y = make_classification(n_samples=1200, n_features=20, n_informative=6, flip_y=0.05, random_state=1)
half = len(y) // 2
pa = LogisticRegression(max_iter=1000).fit(X[:half], y[:half]).predict(X[half:])
pb = LogisticRegression(C=0.002, max_iter=1000).fit(X[:half], y[:half]).predict(X[half:])
ok_a, ok_b = pa == y[half:], pb == y[half:]
b, c = int(np.sum(ok_a & ~ok_b)), int(np.sum(~ok_a & ok_b))
print(f"accuracies {ok_a.mean():.3f} vs {ok_b.mean():.3f}; b={b}, c={c}: p(chi2) {mcnemar(b, c)[1]:.4f}, "
      f"p(exact) {mcnemar(b, c)[2]:.4f}")
assert abs(ok_a.mean() - ok_b.mean() - (b - c) / len(ok_a)) < 1e-12   # accuracy gap = (b - c) / n

# %% [markdown] lang="zh"
# ## 8. 校准：ECE、Brier 分数与温度缩放 {#calibration}
#
# 用 300 个样本、60 个特征、几乎不加正则的逻辑回归造一个过度自信的分类器。验证集上拟合温度 $T$（最小化负对数似然），测试集上比较：准确率不变（$T>0$ 不改变 logit 的符号），ECE、Brier 分数和 NLL 下降。ECE 按 Guo 等（2017）的“预测类别置信度”定义，15 个等宽箱。

# %% [markdown] lang="en"
# ## 8. Calibration: ECE, Brier score and temperature scaling {#calibration}
#
# An overconfident classifier: logistic regression with almost no regularization on 300 examples with 60 features. Fit the temperature $T$ on a validation set (minimizing the negative log-likelihood) and compare on the test set: accuracy is unchanged ($T>0$ does not change the sign of a logit), while ECE, the Brier score and the NLL go down. ECE follows Guo et al. (2017): confidence in the predicted class, 15 equal-width bins.

# %%
def ece(y, p1, n_bins=15):
    """Top-label ECE for a binary classifier; p1 = predicted P(y = 1)."""
    conf = np.maximum(p1, 1 - p1)
    correct = (p1 >= 0.5) == (y == 1)
    bins = np.minimum((conf * n_bins).astype(int), n_bins - 1)
    return sum(np.mean(bins == m) * abs(correct[bins == m].mean() - conf[bins == m].mean())
               for m in range(n_bins) if np.any(bins == m))


X, y = make_classification(n_samples=2300, n_features=60, n_informative=5, flip_y=0.1, random_state=0)
X_tr, y_tr, X_va, y_va, X_te, y_te = X[:300], y[:300], X[300:1300], y[300:1300], X[1300:], y[1300:]
clf = LogisticRegression(C=1e4, max_iter=10_000).fit(X_tr, y_tr)
z_va, z_te = clf.decision_function(X_va), clf.decision_function(X_te)
res = minimize_scalar(lambda t: log_loss(y_va, expit(z_va / np.exp(t))), bounds=(-3, 3), method="bounded")
T = float(np.exp(res.x))
report = {}
for name, p in (("before", expit(z_te)), (f"T = {T:.2f}", expit(z_te / T))):
    report[name] = (np.mean((p >= 0.5) == y_te), ece(y_te, p), brier_score_loss(y_te, p), log_loss(y_te, p))
    print(f"{name:<9} accuracy {report[name][0]:.3f}  ECE {report[name][1]:.3f}  "
          f"Brier {report[name][2]:.3f}  NLL {report[name][3]:.3f}")
before, after = report["before"], report[f"T = {T:.2f}"]
assert T > 1 and before[0] == after[0]                                    # overconfident; accuracy unchanged
assert after[1] < before[1] / 2 and after[2] < before[2] and after[3] < before[3]
assert abs(brier_score_loss(y_te, expit(z_te)) - np.mean((expit(z_te) - y_te) ** 2)) < 1e-15

# Platt scaling fits sigma(a z + b): with a = 1/T and b = 0 it is temperature scaling
platt = LogisticRegression(C=1e10, max_iter=10_000).fit(z_va[:, None], y_va)
a_hat, b_hat = platt.coef_[0, 0], platt.intercept_[0]
p_platt = expit(a_hat * z_te + b_hat)
print(f"Platt: a = {a_hat:.3f} (1/T = {1 / T:.3f}), b = {b_hat:.3f}; ECE {ece(y_te, p_platt):.3f}, "
      f"Brier {brier_score_loss(y_te, p_platt):.3f}")

conf = np.maximum(expit(z_te), 1 - expit(z_te))
correct = (expit(z_te) >= 0.5) == (y_te == 1)
edges = np.linspace(0.5, 1, 11)
mid = (edges[:-1] + edges[1:]) / 2
acc_bins = [correct[(conf >= lo) & (conf < hi)].mean() if np.any((conf >= lo) & (conf < hi)) else np.nan
            for lo, hi in zip(edges[:-1], np.r_[edges[1:-1], 1.01])]
fig, ax = plt.subplots(figsize=(4, 3.2))
ax.bar(mid, acc_bins, width=0.045, label="accuracy per bin (before)")
ax.plot([0.5, 1], [0.5, 1], "k--", lw=1, label="perfect calibration")
ax.set_xlabel("confidence")
ax.set_ylabel("accuracy")
ax.legend(fontsize=8)
plt.show()

# %% [markdown] lang="zh"
# ## 9. 排序指标：nDCG、MAP、MRR {#ranking}
#
# 两个查询。查询 1 的返回列表相关度依次为 $[3,0,2,0,1,0]$（3 个相关文档都在列表里）；查询 2 为 $[0,0,1,0,1]$，该查询共有 $R=3$ 个相关文档（有一个没检索到）。$\text{AP}=\frac{1}{R}\sum_k P@k\cdot\mathbb{1}[\operatorname{rel}_k>0]$，$\text{DCG@}k=\sum_{i\le k}\frac{2^{\text{rel}_i}-1}{\log_2(i+1)}$。
#
# `ndcg_score` 用的是**线性增益** $\text{rel}_i$；把 $2^{\text{rel}}-1$ 作为 `y_true` 传进去，就得到指数增益版本。`average_precision_score` 只认识传进去的文档，分母是列表中的相关文档数，而不是 $R$。

# %% [markdown] lang="en"
# ## 9. Ranking metrics: nDCG, MAP, MRR {#ranking}
#
# Two queries. Query 1 returns a list with relevance grades $[3,0,2,0,1,0]$ (all 3 relevant documents are in the list); query 2 returns $[0,0,1,0,1]$, and that query has $R=3$ relevant documents in total (one was not retrieved). $\text{AP}=\frac{1}{R}\sum_k P@k\cdot\mathbb{1}[\operatorname{rel}_k>0]$ and $\text{DCG@}k=\sum_{i\le k}\frac{2^{\text{rel}_i}-1}{\log_2(i+1)}$.
#
# `ndcg_score` uses the **linear gain** $\text{rel}_i$; passing $2^{\text{rel}}-1$ as `y_true` gives the exponential-gain version. `average_precision_score` knows only the documents passed to it, so its denominator is the number of relevant documents in the list, not $R$.

# %%
def dcg(rels, k=None, exponential=True):
    rels = np.asarray(rels, dtype=float)[:k]
    gains = 2 ** rels - 1 if exponential else rels
    return float(np.sum(gains / np.log2(np.arange(2, len(rels) + 2))))


def ndcg(rels, all_rels, k=None, exponential=True):
    """all_rels: grades of every judged document of the query (retrieved or not), for the ideal DCG."""
    return dcg(rels, k, exponential) / dcg(sorted(all_rels, reverse=True), k, exponential)


def average_precision(rels, n_relevant):
    hits, total = 0, 0.0
    for k, rel in enumerate(rels, start=1):
        if rel > 0:
            hits += 1
            total += hits / k                                   # P@k at each relevant position
    return total / n_relevant


def reciprocal_rank(rels):
    return next((1 / k for k, rel in enumerate(rels, start=1) if rel > 0), 0.0)


q1, q2 = [3, 0, 2, 0, 1, 0], [0, 0, 1, 0, 1]
ap1, ap2 = average_precision(q1, 3), average_precision(q2, 3)
print(f"AP1 = {ap1:.4f} (34/45), AP2 = {ap2:.4f} (11/45), MAP = {(ap1 + ap2) / 2:.4f}")
print(f"MRR = {(reciprocal_rank(q1) + reciprocal_rank(q2)) / 2:.4f}")
print(f"P@3 = {np.mean(np.array(q1[:3]) > 0):.4f}, R@3 = {np.sum(np.array(q1[:3]) > 0) / 3:.4f}")
n_exp, n_lin = ndcg(q1, q1), ndcg(q1, q1, exponential=False)
print(f"query 1: DCG = {dcg(q1):.4f}, IDCG = {dcg(sorted(q1, reverse=True)):.4f}, nDCG = {n_exp:.4f} "
      f"(linear gain {n_lin:.4f})")
assert abs(ap1 - 34 / 45) < 1e-12 and abs(ap2 - 11 / 45) < 1e-12 and abs((ap1 + ap2) / 2 - 0.5) < 1e-12
assert abs((reciprocal_rank(q1) + reciprocal_rank(q2)) / 2 - 2 / 3) < 1e-12
assert round(dcg(q1), 4) == 8.8869 and round(dcg(sorted(q1, reverse=True)), 4) == 9.3928
assert round(n_exp, 4) == 0.9461 and round(n_lin, 4) == 0.9212

scores = np.arange(len(q1), 0, -1)[None, :].astype(float)         # the ranking: first item highest
assert abs(ndcg_score([q1], scores) - n_lin) < 1e-12                   # sklearn: linear gain
assert abs(ndcg_score([2 ** np.array(q1) - 1], scores) - n_exp) < 1e-12
assert abs(average_precision_score(np.array(q1) > 0, scores[0]) - ap1) < 1e-12
sk_ap2 = average_precision_score(np.array(q2) > 0, np.arange(len(q2), 0, -1))
print(f"sklearn AP for query 2 (only the 2 retrieved relevant documents known): {sk_ap2:.4f} vs {ap2:.4f}")
assert abs(sk_ap2 - (1 / 3 + 2 / 5) / 2) < 1e-12

for _ in range(300):                                                     # random rankings with ties-free scores
    n = int(rng.integers(2, 15))
    rel = rng.integers(0, 4, size=n)
    if rel.max() == 0:
        continue
    score = rng.permutation(n).astype(float)
    order = np.argsort(-score)
    ranked = rel[order]
    assert abs(ndcg_score([rel], [score]) - ndcg(ranked, rel, exponential=False)) < 1e-12
    assert abs(ndcg_score([rel], [score], k=3) - ndcg(ranked, rel, k=3, exponential=False)) < 1e-12
    assert abs(average_precision_score(rel > 0, score) - average_precision(ranked, np.sum(rel > 0))) < 1e-12
