# %% [markdown] lang="zh"
# # Softmax 温度与 logsumexp
#
# 温度 $T$ 把 logits 除以 $T$ 再做 softmax：$\softmax(\mathbf{z}/T)_i=\frac{e^{z_i/T}}{\sum_j e^{z_j/T}}$。
# $T$ 越大分布越平，$T\to\infty$ 趋于均匀分布；$T\to 0$ 趋于最大 logit 上的 one-hot（argmax）。本实验验证：
#
# 1. 不同温度下的分布，以及两个极限；熵随 $T$ 单调增加；
# 2. logsumexp 的上下界 $\max_i z_i\le\log\sum_{i=1}^{n}e^{z_i}\le\max_i z_i+\log n$，以及 $T\cdot\operatorname{LSE}(\mathbf{z}/T)$ 是 $\max$ 的光滑近似；
# 3. 数值稳定的 softmax（先减去最大值）与朴素实现在大 logits 下的溢出。
#
# 对应讲解见[知识蒸馏与温度系数](../dl/distillation.md)，生成时的温度采样见[解码策略](../nlp/decoding.md)。

# %% [markdown] lang="en"
# # Softmax temperature and logsumexp
#
# The temperature $T$ divides the logits before the softmax:
# $\softmax(\mathbf{z}/T)_i=\frac{e^{z_i/T}}{\sum_j e^{z_j/T}}$. The larger $T$, the flatter the distribution, which
# tends to uniform as $T\to\infty$; as $T\to 0$ it tends to a one-hot vector on the largest logit (argmax). This
# notebook checks:
#
# 1. the distribution at several temperatures and its two limits, and that the entropy increases monotonically with
#    $T$;
# 2. the bounds on logsumexp, $\max_i z_i\le\log\sum_{i=1}^{n}e^{z_i}\le\max_i z_i+\log n$, and that
#    $T\cdot\operatorname{LSE}(\mathbf{z}/T)$ is a smooth approximation of $\max$;
# 3. the numerically stable softmax (subtract the maximum first) against the naive implementation, which overflows on
#    large logits.
#
# The explanation is on [Knowledge distillation and temperature](../dl/distillation.md); temperature sampling during
# generation is on [Decoding strategies](../nlp/decoding.md).

# %%
import matplotlib.pyplot as plt
import numpy as np
from scipy.special import logsumexp, softmax as scipy_softmax

def softmax(z, T=1.0):
    z = np.asarray(z, dtype=float) / T
    z = z - z.max()  # subtracting the max keeps exp() from overflowing
    e = np.exp(z)
    return e / e.sum()

def entropy(p):
    p = p[p > 0]
    return -np.sum(p * np.log(p))

logits = np.array([4.0, 2.0, 1.0, 0.5])
n = len(logits)
temperatures = (0.1, 0.5, 1, 2, 5, 100)
for T in temperatures:
    p = softmax(logits, T)
    print(f"T = {T:<5} p = {np.round(p, 3)}   entropy = {entropy(p):.3f}")
    assert np.isclose(p.sum(), 1) and np.allclose(p, scipy_softmax(logits / T))

entropies = [entropy(softmax(logits, T)) for T in np.logspace(-2, 3, 200)]
assert np.all(np.diff(entropies) > -1e-12)          # entropy grows with T
assert all(np.array_equal(np.argsort(softmax(logits, T)), np.argsort(logits)) for T in temperatures)  # order kept

# %% [markdown] lang="zh"
# ## 两个极限 {#limits}
#
# $T\to 0$：$\softmax(\mathbf{z}/T)_i=1/\sum_j e^{(z_j-z_i)/T}$，对最大的 $z_i$ 其余各项 $e^{(z_j-z_i)/T}\to 0$，概率趋于 1；
# 若有 $m$ 个 logit 并列最大，则极限是这 $m$ 个位置各 $1/m$。$T\to\infty$：所有 $z_j/T\to 0$，分布趋于 $1/n$。

# %% [markdown] lang="en"
# ## The two limits {#limits}
#
# $T\to 0$: $\softmax(\mathbf{z}/T)_i=1/\sum_j e^{(z_j-z_i)/T}$; for the largest $z_i$ every other term
# $e^{(z_j-z_i)/T}$ tends to 0, so its probability tends to 1; if $m$ logits tie for the maximum, the limit puts $1/m$
# on each of these $m$ positions. $T\to\infty$: every $z_j/T\to 0$, and the distribution tends to $1/n$.

# %%
one_hot = np.eye(n)[logits.argmax()]
p_cold, p_hot = softmax(logits, 1e-3), softmax(logits, 1e4)
print("T = 1e-3:", p_cold, "  max |p - one_hot| =", np.abs(p_cold - one_hot).max())
print("T = 1e4 :", p_hot.round(6), "  max |p - 1/n| =", np.abs(p_hot - 1 / n).max())
assert np.abs(p_cold - one_hot).max() < 1e-12
assert np.abs(p_hot - 1 / n).max() < 1e-3
tied = np.array([3.0, 3.0, 1.0])
print("tied maxima, T = 1e-3:", softmax(tied, 1e-3))
assert np.allclose(softmax(tied, 1e-3), [0.5, 0.5, 0])

# %% [markdown] lang="zh"
# ## logsumexp 的上下界 {#logsumexp}
#
# 记 $m=\max_i z_i$。由 $e^{m}\le\sum_i e^{z_i}\le n\,e^{m}$ 取对数即得 $m\le\operatorname{LSE}(\mathbf{z})\le m+\log n$。
# 对 $\mathbf{z}/T$ 用同一不等式再乘以 $T$：$m\le T\cdot\operatorname{LSE}(\mathbf{z}/T)\le m+T\log n$，
# 所以 $T\to 0$ 时 $T\cdot\operatorname{LSE}(\mathbf{z}/T)\to\max_i z_i$，logsumexp 是 max 的光滑版本（softmax 正是它的梯度）。

# %% [markdown] lang="en"
# ## Bounds on logsumexp {#logsumexp}
#
# Let $m=\max_i z_i$. Taking logarithms of $e^{m}\le\sum_i e^{z_i}\le n\,e^{m}$ gives
# $m\le\operatorname{LSE}(\mathbf{z})\le m+\log n$. Applying the same inequality to $\mathbf{z}/T$ and multiplying by
# $T$ gives $m\le T\cdot\operatorname{LSE}(\mathbf{z}/T)\le m+T\log n$, so
# $T\cdot\operatorname{LSE}(\mathbf{z}/T)\to\max_i z_i$ as $T\to 0$: logsumexp is a smooth version of max (and softmax
# is exactly its gradient).

# %%
lse = logsumexp(logits)
print(f"max = {logits.max()},  LSE = {lse:.4f},  max + log n = {logits.max() + np.log(n):.4f}")
assert logits.max() <= lse <= logits.max() + np.log(n)
for T in (2, 1, 0.5, 0.1, 0.01):
    smooth_max = T * logsumexp(logits / T)
    print(f"T = {T:<4}  T * LSE(z / T) = {smooth_max:.6f}   bound max + T log n = {logits.max() + T * np.log(n):.6f}")
    assert logits.max() <= smooth_max <= logits.max() + T * np.log(n)
# equality cases: LSE = max + log n when all logits are equal; the gap to max vanishes for one dominant logit
assert np.isclose(logsumexp(np.full(n, 2.0)), 2.0 + np.log(n))
# the gradient of LSE is softmax
eps = 1e-6
grad = np.array([(logsumexp(logits + eps * e) - logsumexp(logits - eps * e)) / (2 * eps) for e in np.eye(n)])
assert np.allclose(grad, softmax(logits), atol=1e-9)
print("d LSE / dz =", grad.round(4), "= softmax(z)")

# %% [markdown] lang="zh"
# ## 数值稳定性 {#stability}
#
# 朴素实现直接算 $e^{z_i}$：float64 在 $z>709.78$ 时溢出为 $\infty$，结果变成 $\infty/\infty=\text{NaN}$；
# logits 都很负时 $e^{z_i}$ 全部下溢为 0，得到 $0/0$。softmax 对平移不变，$\softmax(\mathbf{z})=\softmax(\mathbf{z}-c)$，
# 减去最大值后最大项是 $e^0=1$，分母至少为 1，两种问题都消失了。同理 $\operatorname{LSE}(\mathbf{z})=m+\log\sum_i e^{z_i-m}$。

# %% [markdown] lang="en"
# ## Numerical stability {#stability}
#
# The naive implementation computes $e^{z_i}$ directly: in float64 it overflows to $\infty$ for $z>709.78$, and the
# result becomes $\infty/\infty=\text{NaN}$; when all logits are very negative, every $e^{z_i}$ underflows to 0,
# giving $0/0$. Softmax is invariant to shifts, $\softmax(\mathbf{z})=\softmax(\mathbf{z}-c)$; after subtracting the
# maximum, the largest term is $e^0=1$, the denominator is at least 1, and both problems disappear. Likewise,
# $\operatorname{LSE}(\mathbf{z})=m+\log\sum_i e^{z_i-m}$.

# %%
def naive_softmax(z):
    e = np.exp(z)
    return e / e.sum()

big, small = np.array([1000.0, 999.0, 998.0]), np.array([-1000.0, -1001.0, -1002.0])
with np.errstate(over="ignore", invalid="ignore", under="ignore"):
    naive_big, naive_small = naive_softmax(big), naive_softmax(small)
    naive_lse = np.log(np.sum(np.exp(big)))
print("naive  softmax([1000, 999, 998])   =", naive_big)
print("naive  softmax([-1000, -1001, ...]) =", naive_small)
print("stable softmax (both)              =", softmax(big).round(4), softmax(small).round(4))
print(f"naive LSE = {naive_lse},  stable LSE = {logsumexp(big):.4f}")
assert np.all(np.isnan(naive_big)) and np.all(np.isnan(naive_small)) and np.isinf(naive_lse)
expected = softmax(np.array([2.0, 1.0, 0.0]))
assert np.allclose(softmax(big), expected) and np.allclose(softmax(small), expected)
assert np.isclose(logsumexp(big), 1000 + np.log(np.sum(np.exp([0.0, -1.0, -2.0]))))

# %%
Ts = np.logspace(-1.5, 2, 200)
P = np.array([softmax(logits, T) for T in Ts])
fig, ax = plt.subplots(figsize=(6, 3.5))
for i in range(n):
    ax.plot(Ts, P[:, i], label=f"z = {logits[i]}")
ax.axhline(1 / n, color="gray", lw=0.8, ls=":")
ax.set_xscale("log")
ax.set_xlabel("temperature T")
ax.set_ylabel("softmax probability")
ax.legend()
plt.show()
