# %% [markdown] lang="zh"
# # Lasso 与 Ridge 的系数路径
#
# 合成一个回归问题：10 个特征中只有 3 个真正有用。沿正则强度 $\alpha$ 画出 Lasso（L1）与 Ridge（L2）的系数路径，
# 并数一数每个 $\alpha$ 下恰好等于 0 的系数个数：L1 会把系数压到**精确的 0**（特征选择），L2 只会把系数缩小，几乎不会恰好为 0。
# 讲解见[正则化](../ml/regularization.md)。
#
# scikit-learn 的目标函数（$n$ 为样本数）：
#
# $$
# \text{Lasso: } \frac{1}{2n}\lVert\mathbf{y}-X\mathbf{w}\rVert_2^2+\alpha\lVert\mathbf{w}\rVert_1,\qquad
# \text{Ridge: } \lVert\mathbf{y}-X\mathbf{w}\rVert_2^2+\alpha\lVert\mathbf{w}\rVert_2^2
# $$
#
# 两者的 $\alpha$ 尺度不同，所以下面分别取各自合适的范围。

# %% [markdown] lang="en"
# # Coefficient paths of the Lasso and Ridge
#
# A synthetic regression problem in which only 3 of the 10 features are useful. We plot the coefficient paths of the
# Lasso (L1) and Ridge (L2) along the regularization strength $\alpha$, and count at each $\alpha$ the coefficients
# that are exactly 0: L1 drives coefficients to **exactly 0** (feature selection), whereas L2 only shrinks them and
# almost never makes one exactly 0. The explanation is on [Regularization](../ml/regularization.md).
#
# The objectives scikit-learn minimizes ($n$ is the number of samples):
#
# $$
# \text{Lasso: } \frac{1}{2n}\lVert\mathbf{y}-X\mathbf{w}\rVert_2^2+\alpha\lVert\mathbf{w}\rVert_1,\qquad
# \text{Ridge: } \lVert\mathbf{y}-X\mathbf{w}\rVert_2^2+\alpha\lVert\mathbf{w}\rVert_2^2
# $$
#
# The two $\alpha$ live on different scales, so each gets its own range below.

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.linear_model import Lasso, Ridge, lasso_path

rng = np.random.default_rng(0)
n, d = 200, 10
w_true = np.zeros(d)
w_true[:3] = [3.0, -2.0, 1.5]                                # only the first 3 features matter
X = rng.normal(size=(n, d))
X = (X - X.mean(0)) / X.std(0)                               # standardise so that penalties are comparable
y = X @ w_true + rng.normal(scale=1.0, size=n)
y = y - y.mean()                                             # centred data: no intercept needed
print("true w:", w_true)

# %% [markdown] lang="zh"
# ## Lasso 路径与精确的零 {#lasso-path}
#
# 对中心化数据，当 $\alpha\ge\alpha_{\max}=\frac{1}{n}\lVert X^\top\mathbf{y}\rVert_\infty$ 时 Lasso 的解全为 0
# （由次梯度最优性条件 $\lvert\mathbf{x}_j^\top\mathbf{y}\rvert/n\le\alpha$ 得出）；$\alpha$ 稍小于它时，第一个进入模型的是与 $\mathbf{y}$ 相关性最大的特征。

# %% [markdown] lang="en"
# ## The Lasso path and exact zeros {#lasso-path}
#
# For centered data, the Lasso solution is all zeros when
# $\alpha\ge\alpha_{\max}=\frac{1}{n}\lVert X^\top\mathbf{y}\rVert_\infty$ (this follows from the subgradient
# optimality condition $\lvert\mathbf{x}_j^\top\mathbf{y}\rvert/n\le\alpha$); just below it, the first feature to
# enter the model is the one most correlated with $\mathbf{y}$.

# %%
alpha_max = np.abs(X.T @ y).max() / n
alphas_lasso = alpha_max * np.logspace(0.1, -3, 60)      # from 1.26 alpha_max down
alphas_out, coefs_lasso, _ = lasso_path(X, y, alphas=alphas_lasso, tol=1e-10, max_iter=100_000)
zeros_lasso = (coefs_lasso == 0).sum(axis=0)                 # exact zeros per alpha
print(f"alpha_max = {alpha_max:.4f}")
for a in (1.0, 0.999, 0.5, 0.1, 0.01):
    m = Lasso(alpha=a * alpha_max, fit_intercept=False, tol=1e-10, max_iter=100_000).fit(X, y)
    print(f"alpha = {a:<5} * alpha_max: exact zeros = {np.sum(m.coef_ == 0)},  w = {m.coef_.round(3)}")

assert zeros_lasso[0] == d                                   # above alpha_max: everything is zero
m_at_max = Lasso(alpha=alpha_max, fit_intercept=False, tol=1e-12).fit(X, y)
assert np.all(m_at_max.coef_ == 0)
m_just_below = Lasso(alpha=0.999 * alpha_max, fit_intercept=False, tol=1e-12).fit(X, y)
assert np.sum(m_just_below.coef_ != 0) == 1
assert np.flatnonzero(m_just_below.coef_)[0] == np.abs(X.T @ y).argmax()
m_mid = Lasso(alpha=0.1 * alpha_max, fit_intercept=False, tol=1e-10, max_iter=100_000).fit(X, y)
assert set(np.flatnonzero(m_mid.coef_)) == {0, 1, 2}        # recovers exactly the informative features
assert zeros_lasso[-1] == 0
print("exact zeros along the Lasso path (large -> small alpha):", zeros_lasso.tolist())

# %% [markdown] lang="zh"
# ## Ridge 路径：只缩小、不置零 {#ridge-path}
#
# Ridge 有闭式解 $\mathbf{w}=(X^\top X+\alpha I)^{-1}X^\top\mathbf{y}$，先用它核对 scikit-learn，再数零系数。

# %% [markdown] lang="en"
# ## The Ridge path: shrinking, never zeroing {#ridge-path}
#
# Ridge has the closed form $\mathbf{w}=(X^\top X+\alpha I)^{-1}X^\top\mathbf{y}$; we use it to check scikit-learn,
# then count the zero coefficients.

# %%
alphas_ridge = np.logspace(-2, 5, 60)
coefs_ridge = np.array([Ridge(alpha=a, fit_intercept=False).fit(X, y).coef_ for a in alphas_ridge]).T
closed = np.array([np.linalg.solve(X.T @ X + a * np.eye(d), X.T @ y) for a in alphas_ridge]).T
assert np.allclose(coefs_ridge, closed, atol=1e-10)
zeros_ridge = (coefs_ridge == 0).sum(axis=0)
norms = np.linalg.norm(coefs_ridge, axis=0)
print("exact zeros along the Ridge path:", zeros_ridge.max(), "(max over all alphas)")
print(f"|w| at alpha = 1e-2: {norms[0]:.3f},  at alpha = 1e5: {norms[-1]:.5f}")
assert zeros_ridge.max() == 0 and np.all(np.diff(norms) < 0)   # shrinks monotonically, never exactly 0

# %% [markdown] lang="zh"
# ## 正交设计下的闭式解 {#orthogonal-design}
#
# 当 $X^\top X=nI$ 时两种解都有闭式：记最小二乘解 $\hat{\mathbf{w}}=X^\top\mathbf{y}/n$，
# Lasso 是软阈值 $\sign(\hat{w}_j)\max(\lvert\hat{w}_j\rvert-\alpha,0)$（小于 $\alpha$ 的直接变成 0），
# Ridge 是等比例缩小 $\hat{w}_j\cdot\frac{n}{n+\alpha}$（永远不为 0）。

# %% [markdown] lang="en"
# ## Closed forms for an orthogonal design {#orthogonal-design}
#
# When $X^\top X=nI$, both solutions have closed forms. With the least-squares solution
# $\hat{\mathbf{w}}=X^\top\mathbf{y}/n$, the Lasso is soft thresholding,
# $\sign(\hat{w}_j)\max(\lvert\hat{w}_j\rvert-\alpha,0)$ (a coefficient smaller than $\alpha$ in absolute value
# becomes exactly 0), and Ridge is uniform shrinkage, $\hat{w}_j\cdot\frac{n}{n+\alpha}$ (never 0).

# %%
Q, _ = np.linalg.qr(rng.normal(size=(n, d)))
Xo = Q * np.sqrt(n)                                          # X^T X = n I
yo = Xo @ w_true + rng.normal(size=n)
w_ols = Xo.T @ yo / n
alpha = 0.5
soft = np.sign(w_ols) * np.maximum(np.abs(w_ols) - alpha, 0)
lasso_o = Lasso(alpha=alpha, fit_intercept=False, tol=1e-12).fit(Xo, yo).coef_
ridge_o = Ridge(alpha=alpha * n, fit_intercept=False).fit(Xo, yo).coef_
print("OLS      :", w_ols.round(3))
print("Lasso    :", lasso_o.round(3))
print("soft thr.:", soft.round(3))
print("Ridge    :", ridge_o.round(3), f"  (Ridge alpha = {alpha} n, so OLS * n/(n + {alpha} n) = {1 / (1 + alpha):.4f} * OLS)")
assert np.allclose(lasso_o, soft, atol=1e-8)
assert np.allclose(ridge_o, w_ols / (1 + alpha), atol=1e-10)

# %%
fig, axes = plt.subplots(1, 2, figsize=(8, 3.2), sharey=True)
for j in range(d):
    style = dict(lw=2) if j < 3 else dict(lw=1, color="gray", alpha=0.6)
    axes[0].plot(alphas_out, coefs_lasso[j], **style)
    axes[1].plot(alphas_ridge, coefs_ridge[j], **style)
axes[0].set_title("Lasso (L1)")
axes[1].set_title("Ridge (L2)")
for ax in axes:
    ax.set_xscale("log")
    ax.set_xlabel("alpha")
    ax.axhline(0, color="black", lw=0.5)
axes[0].invert_xaxis()
axes[1].invert_xaxis()
axes[0].set_ylabel("coefficient")
plt.show()
