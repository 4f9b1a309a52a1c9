# %% [markdown] lang="zh"
# # PCA、LDA、核 PCA 与因子分解机：逐项核对
#
# [降维](../ml/dimensionality-reduction.md)和[因子分解机](../ml/factorization-machines.md)两页里能算出来的结论，都在这里算一遍并用 `assert` 锁住：
#
# - **PCA 的三种算法一致**：协方差矩阵特征分解、中心化数据矩阵的 SVD、scikit-learn 的 `PCA`（方向相差一个符号）；
# - **两种推导一致**：总方差 = 保留方差 + 重构误差（对任意正交基都成立，PCA 让误差最小）；
# - **解释方差比与标准化**：页面上 $2\times 2$ 的手算例子和鸢尾花（Iris）数据的 92.5% / 73.0%；
# - **Fisher LDA**：两类方向 $S_W^{-1}(\boldsymbol{\mu}_1-\boldsymbol{\mu}_0)$ 与 scikit-learn 一致；投影值对逐特征缩放不变，而 PCA 会变；多类时最多 $C-1$ 个非零特征值；
# - **核 PCA**：从零实现（RBF 核、中心化 Gram 矩阵、新样本投影）与 `KernelPCA` 一致；线性核退化为 PCA；经典 MDS 等于 PCA 得分；
# - **t-SNE**：由困惑度二分查找 $\sigma_i$；簇的大小在嵌入图里不被保留；
# - **FM**：朴素 $O(kn^2)$ 与 $O(kn)$ 恒等式相等，解析梯度与有限差分一致，$V=0$ 时梯度为零，退化为带偏置的矩阵分解，可写成召回用的内积；训练中没见过的特征对上 FM 仍能泛化而 Poly2 不能；FFM 的参数量。
#
# 只用 numpy、scipy 和 scikit-learn，数据都是本地合成或 scikit-learn 自带的。

# %% [markdown] lang="en"
# # PCA, LDA, kernel PCA and factorization machines, checked
#
# Every result on the [dimensionality reduction](../ml/dimensionality-reduction.md) and
# [factorization machines](../ml/factorization-machines.md) pages that code can compute is computed here and pinned with `assert`:
#
# - **three ways to compute PCA agree**: eigendecomposition of the covariance matrix, SVD of the centred data matrix and
#   scikit-learn's `PCA` (directions up to sign);
# - **the two derivations agree**: total variance = retained variance + reconstruction error (for any orthonormal basis;
#   PCA makes the error smallest);
# - **explained-variance ratio and standardisation**: the page's $2\times 2$ hand example and the 92.5% / 73.0% of the Iris data;
# - **Fisher LDA**: the two-class direction $S_W^{-1}(\boldsymbol{\mu}_1-\boldsymbol{\mu}_0)$ agrees with scikit-learn; its
#   projections do not change under per-feature rescaling while PCA's do; with $C$ classes at most $C-1$ eigenvalues are non-zero;
# - **kernel PCA** from scratch (RBF kernel, centred Gram matrix, projection of new points) agrees with `KernelPCA`; the linear
#   kernel gives back PCA; classical MDS gives the PCA scores;
# - **t-SNE**: $\sigma_i$ found by bisection on the perplexity; cluster sizes are not kept in the embedding;
# - **FM**: the naive $O(kn^2)$ sum equals the $O(kn)$ identity, the analytic gradient matches finite differences, the gradient
#   vanishes at $V=0$, one-hot user and item give biased matrix factorisation, the score splits into an inner product for retrieval,
#   FM generalises to feature pairs never seen in training while Poly2 cannot; FFM parameter counts.
#
# numpy, scipy and scikit-learn only; every data set is synthetic or ships with scikit-learn.

# %%
import numpy as np
from sklearn.datasets import load_digits, load_iris, make_circles
from sklearn.decomposition import PCA, KernelPCA
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.manifold import TSNE


def same_up_to_sign(A, B, atol=1e-8):
    """Columns of A and B are equal up to a sign per column."""
    signs = np.sign(np.sum(A * B, axis=0))
    return np.allclose(A, B * signs, atol=atol)


rng = np.random.default_rng(0)
n, d = 300, 4
L = rng.normal(size=(d, d))
X = rng.normal(size=(n, d)) @ L.T + np.array([5.0, -2.0, 0.0, 10.0])   # correlated, not centred
print("X:", X.shape)

# %% [markdown] lang="zh"
# ## PCA 的三种算法 {#pca-three-ways}
#
# 中心化 $X_c=X-\mathbf{1}\bar{\mathbf{x}}^\top$，样本协方差 $S=X_c^\top X_c/(n-1)$。
# 特征分解 $S=W\Lambda W^\top$；SVD $X_c=U\Sigma V^\top$。应有 $W=V$（每列差一个符号）、$\lambda_i=\sigma_i^2/(n-1)$、
# 得分 $X_cV=U\Sigma$。scikit-learn 的 `PCA` 用的也是 $n-1$，`explained_variance_` 就是 $\lambda_i$。

# %% [markdown] lang="en"
# ## PCA three ways {#pca-three-ways}
#
# Centre $X_c=X-\mathbf{1}\bar{\mathbf{x}}^\top$; the sample covariance is $S=X_c^\top X_c/(n-1)$.
# Eigendecomposition $S=W\Lambda W^\top$; SVD $X_c=U\Sigma V^\top$. We expect $W=V$ (each column up to sign),
# $\lambda_i=\sigma_i^2/(n-1)$ and scores $X_cV=U\Sigma$. scikit-learn's `PCA` also divides by $n-1$: `explained_variance_` is $\lambda_i$.

# %%
Xc = X - X.mean(axis=0)
S = Xc.T @ Xc / (n - 1)
lam, W = np.linalg.eigh(S)                       # ascending order
lam, W = lam[::-1], W[:, ::-1]                   # descending
U, sig, Vt = np.linalg.svd(Xc, full_matrices=False)
V = Vt.T
sk = PCA().fit(X)

print("eigenvalues of S     :", lam.round(4))
print("sigma^2 / (n - 1)    :", (sig**2 / (n - 1)).round(4))
print("sklearn explained_var:", sk.explained_variance_.round(4))
assert np.allclose(lam, sig**2 / (n - 1))
assert np.allclose(lam, sk.explained_variance_)
assert same_up_to_sign(W, V) and same_up_to_sign(V, sk.components_.T)
assert np.allclose(Xc @ V, U * sig)                              # scores = X_c V = U Sigma
assert same_up_to_sign(sk.transform(X), U * sig)
assert np.allclose(np.cov(Xc @ V, rowvar=False), np.diag(lam))   # scores are uncorrelated, variances lambda_i
print("eig == SVD == sklearn (up to sign); scores = U Sigma")

# %% [markdown] lang="zh"
# ## 最大方差与最小重构误差 {#variance-and-error}
#
# 投影到单位向量 $\mathbf{w}$ 上的方差是 $\mathbf{w}^\top S\mathbf{w}$，最大值 $\lambda_1$ 在 $\mathbf{w}=\mathbf{v}_1$ 处取到；
# 随机方向都不超过它。对任意列正交的 $W_k\in\R^{d\times k}$，勾股定理给出
# $\lVert X_c\rVert_F^2=\lVert X_cW_k\rVert_F^2+\lVert X_c-X_cW_kW_k^\top\rVert_F^2$，除以 $n-1$ 就是“总方差 = 保留方差 + 重构误差”；
# PCA 取前 $k$ 个主方向时误差等于 $\sum_{i>k}\lambda_i$，而且比任何其他 $k$ 维子空间都小（Eckart–Young）。

# %% [markdown] lang="en"
# ## Maximum variance and minimum reconstruction error {#variance-and-error}
#
# The variance of the projection onto a unit vector $\mathbf{w}$ is $\mathbf{w}^\top S\mathbf{w}$; its maximum $\lambda_1$ is
# reached at $\mathbf{w}=\mathbf{v}_1$, and no random direction exceeds it. For any $W_k\in\R^{d\times k}$ with orthonormal columns,
# Pythagoras gives $\lVert X_c\rVert_F^2=\lVert X_cW_k\rVert_F^2+\lVert X_c-X_cW_kW_k^\top\rVert_F^2$; divided by $n-1$ this is
# "total variance = retained variance + reconstruction error". With the first $k$ principal directions the error is
# $\sum_{i>k}\lambda_i$, smaller than for any other $k$-dimensional subspace (Eckart–Young).

# %%
dirs = rng.normal(size=(d, 10_000))
dirs /= np.linalg.norm(dirs, axis=0)
proj_var = np.einsum("ij,ik,kj->j", dirs, S, dirs)               # w^T S w for each random w
print(f"lambda_1 = {lam[0]:.4f},  max over 10,000 random unit w = {proj_var.max():.4f}")
assert proj_var.max() <= lam[0] + 1e-12
assert np.isclose(V[:, 0] @ S @ V[:, 0], lam[0])

total = np.sum(Xc**2) / (n - 1)
assert np.isclose(total, np.trace(S)) and np.isclose(total, lam.sum())
for k in range(1, d + 1):
    Wk = V[:, :k]
    retained = np.sum((Xc @ Wk) ** 2) / (n - 1)
    error = np.sum((Xc - Xc @ Wk @ Wk.T) ** 2) / (n - 1)
    Q, _ = np.linalg.qr(rng.normal(size=(d, k)))                 # another k-dim subspace
    err_other = np.sum((Xc - Xc @ Q @ Q.T) ** 2) / (n - 1)
    ret_other = np.sum((Xc @ Q) ** 2) / (n - 1)
    print(f"k={k}: total {total:.4f} = retained {retained:.4f} + error {error:.4f};"
          f"  random subspace error {err_other:.4f}")
    assert np.isclose(total, retained + error)                   # Pythagoras, PCA basis
    assert np.isclose(total, ret_other + err_other)              # Pythagoras, any orthonormal basis
    assert np.isclose(retained, lam[:k].sum()) and np.isclose(error, lam[k:].sum())
    assert err_other >= error - 1e-10                            # PCA is the best k-dim subspace
    Xk = (U[:, :k] * sig[:k]) @ Vt[:k]                           # truncated SVD (Eckart-Young)
    assert np.isclose(np.sum((Xc - Xk) ** 2), np.sum(sig[k:] ** 2))

# %% [markdown] lang="zh"
# ## 解释方差比与标准化 {#explained-variance}
#
# 页面上的手算例子：$S=\begin{pmatrix}2&1\\1&2\end{pmatrix}$ 的特征值为 3 和 1，第一主成分解释 75%，方向 $(1,1)/\sqrt{2}$。
# 把第一个特征放大 10 倍（比如米换成分米），协方差变为 $DSD$，$D=\diag(10,1)$：第一主成分的解释方差比变成 99.26%，方向与 $x_1$ 轴只差 2.88°。
# 相关系数矩阵两种情况下都是 $\begin{pmatrix}1&0.5\\0.5&1\end{pmatrix}$，仍是 75%。
# 然后是鸢尾花数据：协方差 PCA 的第一主成分解释 92.46%，主要由方差最大的花瓣长度决定；标准化后（相关系数 PCA）只有 72.96%。
# 最后是选 $k$：8×8 手写数字（64 维）要 21 个主成分才到 90%，29 个到 95%，`PCA(n_components=0.95)` 也选出 29。

# %% [markdown] lang="en"
# ## Explained-variance ratio and standardisation {#explained-variance}
#
# The page's hand example: $S=\begin{pmatrix}2&1\\1&2\end{pmatrix}$ has eigenvalues 3 and 1; the first component explains
# 75% along $(1,1)/\sqrt{2}$. Multiply the first feature by 10 (metres to decimetres, say): the covariance becomes $DSD$
# with $D=\diag(10,1)$, the first component explains 99.26% and points within 2.88° of the $x_1$ axis. The correlation matrix is
# $\begin{pmatrix}1&0.5\\0.5&1\end{pmatrix}$ in both cases, still 75%.
# Then the Iris data: covariance PCA's first component explains 92.46%, driven by petal length, the feature with the largest
# variance; after standardising (correlation PCA) it explains 72.96%.
# Finally, choosing $k$: the 8×8 digits (64 features) need 21 components for 90% and 29 for 95%; `PCA(n_components=0.95)` picks 29 too.

# %%
S2 = np.array([[2.0, 1.0], [1.0, 2.0]])
l2, W2 = np.linalg.eigh(S2)
ratio = l2[-1] / l2.sum()
assert np.allclose(l2, [1, 3]) and np.isclose(ratio, 0.75)
assert same_up_to_sign(W2[:, [-1]], np.array([[1.0], [1.0]]) / np.sqrt(2))
D2 = np.diag([10.0, 1.0])
l3, W3 = np.linalg.eigh(D2 @ S2 @ D2)
ratio_scaled = l3[-1] / l3.sum()
angle = np.degrees(np.arctan2(abs(W3[1, -1]), abs(W3[0, -1])))
print(f"2x2 example: ratio {ratio:.2%}; after x1 * 10: ratio {ratio_scaled:.2%}, PC1 {angle:.2f} deg from the x1 axis")
assert round(ratio_scaled * 100, 2) == 99.26 and round(angle, 2) == 2.88
assert np.allclose(l3, [101 - np.sqrt(9901), 101 + np.sqrt(9901)]) and np.allclose(l3.round(2), [1.50, 200.50])
corr = lambda C: C / np.sqrt(np.outer(np.diag(C), np.diag(C)))   # noqa: E731
assert np.allclose(corr(S2), corr(D2 @ S2 @ D2))                 # correlation PCA does not see the rescaling

X_iris, y_iris = load_iris(return_X_y=True)
names = ["sepal length", "sepal width", "petal length", "petal width"]
pca_cov = PCA().fit(X_iris)
Z_iris = (X_iris - X_iris.mean(0)) / X_iris.std(0, ddof=1)
pca_corr = PCA().fit(Z_iris)
print("feature std        :", X_iris.std(0, ddof=1).round(3), names)
print("covariance PCA     :", pca_cov.explained_variance_ratio_.round(4), " PC1 =", pca_cov.components_[0].round(3))
print("correlation PCA    :", pca_corr.explained_variance_ratio_.round(4), " PC1 =", pca_corr.components_[0].round(3))
assert round(pca_cov.explained_variance_ratio_[0] * 100, 2) == 92.46
assert round(pca_corr.explained_variance_ratio_[0] * 100, 2) == 72.96
assert round(pca_corr.explained_variance_ratio_[:2].sum() * 100, 2) == 95.81
assert np.argmax(np.abs(pca_cov.components_[0])) == np.argmax(X_iris.std(0)) == 2   # petal length dominates
assert round(X_iris.std(0, ddof=1)[2], 3) == 1.765
eig_corr = np.linalg.eigvalsh(np.corrcoef(X_iris, rowvar=False))[::-1]
assert np.allclose(eig_corr, pca_corr.explained_variance_)      # PCA on standardised data = eigen of correlation matrix
cum = np.cumsum(pca_corr.explained_variance_ratio_)
assert int(np.searchsorted(cum, 0.95) + 1) == 2                 # two components reach 95% after standardising

# choosing k on the 8x8 digits (64 features): smallest k whose cumulative ratio reaches each threshold
X_dig, _ = load_digits(return_X_y=True)
cum_dig = np.cumsum(PCA().fit(X_dig).explained_variance_ratio_)
k_for = {t: int(np.searchsorted(cum_dig, t) + 1) for t in (0.80, 0.90, 0.95, 0.99)}
print("digits, components needed:", k_for)
assert k_for[0.90] == 21 and k_for[0.95] == 29
assert PCA(n_components=0.95).fit(X_dig).n_components_ == 29

# %% [markdown] lang="zh"
# ## 白化 {#whitening}
#
# $\mathbf{z}=\Lambda_k^{-1/2}V_k^\top(\mathbf{x}-\bar{\mathbf{x}})$ 的样本协方差是单位阵；等价地 $Z=\sqrt{n-1}\,U_k$。
# scikit-learn 的 `PCA(whiten=True)` 给出同样的结果（差一个符号）。

# %% [markdown] lang="en"
# ## Whitening {#whitening}
#
# $\mathbf{z}=\Lambda_k^{-1/2}V_k^\top(\mathbf{x}-\bar{\mathbf{x}})$ has identity sample covariance; equivalently $Z=\sqrt{n-1}\,U_k$.
# scikit-learn's `PCA(whiten=True)` gives the same (up to sign).

# %%
k = 3
Zw = Xc @ V[:, :k] / np.sqrt(lam[:k])
assert np.allclose(np.cov(Zw, rowvar=False), np.eye(k))
assert np.allclose(Zw, np.sqrt(n - 1) * U[:, :k])
assert same_up_to_sign(PCA(n_components=k, whiten=True).fit_transform(X), Zw)
print("whitened covariance = I")

# %% [markdown] lang="zh"
# ## Fisher LDA：两类方向 {#lda-two-class}
#
# 类内散度 $S_W=\sum_k\sum_{\mathbf{x}\in C_k}(\mathbf{x}-\boldsymbol{\mu}_k)(\mathbf{x}-\boldsymbol{\mu}_k)^\top$，最优方向
# $\mathbf{w}\propto S_W^{-1}(\boldsymbol{\mu}_1-\boldsymbol{\mu}_0)$。scikit-learn 的 `coef_` 用类内协方差的估计（$S_W$ 除以一个常数）代替 $S_W$，方向相同，只差一个正的倍数。
# 再数值检验 $J(\mathbf{w})$ 在这个方向上最大。

# %% [markdown] lang="en"
# ## Fisher LDA: the two-class direction {#lda-two-class}
#
# Within-class scatter $S_W=\sum_k\sum_{\mathbf{x}\in C_k}(\mathbf{x}-\boldsymbol{\mu}_k)(\mathbf{x}-\boldsymbol{\mu}_k)^\top$; the best direction is
# $\mathbf{w}\propto S_W^{-1}(\boldsymbol{\mu}_1-\boldsymbol{\mu}_0)$. scikit-learn's `coef_` uses an estimate of the within-class
# covariance ($S_W$ divided by a constant) instead of $S_W$: the same direction up to a positive factor. We also check numerically that $J(\mathbf{w})$ is largest there.

# %%
cov_within = np.array([[4.0, 1.5], [1.5, 1.0]])
Lw = np.linalg.cholesky(cov_within)
X0 = rng.normal(size=(150, 2)) @ Lw.T + [0.0, 0.0]
X1 = rng.normal(size=(150, 2)) @ Lw.T + [1.0, 1.5]
X2c = np.vstack([X0, X1])
y2c = np.repeat([0, 1], 150)


def fisher_direction(A, B):
    mu0, mu1 = A.mean(0), B.mean(0)
    Sw = (A - mu0).T @ (A - mu0) + (B - mu1).T @ (B - mu1)
    return np.linalg.solve(Sw, mu1 - mu0), Sw


def fisher_J(w, A, B):
    mu0, mu1 = A.mean(0), B.mean(0)
    Sw = (A - mu0).T @ (A - mu0) + (B - mu1).T @ (B - mu1)
    return (w @ (mu1 - mu0)) ** 2 / (w @ Sw @ w)


w_fisher, Sw = fisher_direction(X0, X1)
lda = LinearDiscriminantAnalysis().fit(X2c, y2c)
cos = w_fisher @ lda.coef_[0] / np.linalg.norm(w_fisher) / np.linalg.norm(lda.coef_[0])
print(f"from scratch w = {w_fisher.round(5)},  sklearn coef_ = {lda.coef_[0].round(4)},  cosine = {cos:.10f}")
assert np.isclose(cos, 1.0)
factor = lda.coef_[0] / w_fisher
assert factor.min() > 0 and np.allclose(factor, factor[0])            # coef_ = (S_W / const)^{-1} (mu1 - mu0)
angles = np.linspace(0, np.pi, 3601)
J = [fisher_J(np.array([np.cos(a), np.sin(a)]), X0, X1) for a in angles]
best = angles[int(np.argmax(J))]
a_f = np.arctan2(w_fisher[1], w_fisher[0]) % np.pi
assert abs(best - a_f) < 1e-3
print(f"J is maximal at {np.degrees(best):.2f} deg; Fisher direction at {np.degrees(a_f):.2f} deg")
dmu = X1.mean(0) - X0.mean(0)
assert fisher_J(w_fisher, X0, X1) > fisher_J(dmu, X0, X1)             # better than the mean-difference direction

# %% [markdown] lang="zh"
# ## 缩放不变性：LDA 不变，PCA 会变 {#lda-invariance}
#
# 把特征按 $\mathbf{x}'=D\mathbf{x}$ 缩放（$D$ 为可逆对角阵）：$S_W'=DS_WD$，$\mathbf{w}'=D^{-1}\mathbf{w}$，投影值 $\mathbf{w}'^\top\mathbf{x}'=\mathbf{w}^\top\mathbf{x}$ 逐点相等。
# 对一般的可逆矩阵 $A$ 也成立（$\mathbf{w}'=A^{-\top}\mathbf{w}$）。scikit-learn 的 `transform` 同样不变（差一个符号）。
# PCA 的第一主成分得分则与缩放前不成比例。

# %% [markdown] lang="en"
# ## Rescaling: LDA unchanged, PCA changed {#lda-invariance}
#
# Rescale the features as $\mathbf{x}'=D\mathbf{x}$ ($D$ an invertible diagonal matrix): $S_W'=DS_WD$, $\mathbf{w}'=D^{-1}\mathbf{w}$
# and the projections $\mathbf{w}'^\top\mathbf{x}'=\mathbf{w}^\top\mathbf{x}$ agree point by point. The same holds for any invertible
# matrix $A$ (with $\mathbf{w}'=A^{-\top}\mathbf{w}$). scikit-learn's `transform` is unchanged too (up to sign).
# PCA's first-component scores are not proportional to the ones before rescaling.

# %%
Dg = np.diag([0.01, 1000.0])
X0s, X1s = X0 @ Dg, X1 @ Dg
w_s, Sw_s = fisher_direction(X0s, X1s)
assert np.allclose(Sw_s, Dg @ Sw @ Dg)
assert np.allclose(w_s, np.linalg.solve(Dg, w_fisher))                # w' = D^{-1} w
assert np.allclose(X2c @ Dg @ w_s, X2c @ w_fisher)                    # identical projections
A = rng.normal(size=(2, 2)) + 2 * np.eye(2)                          # any invertible matrix
w_A, _ = fisher_direction(X0 @ A.T, X1 @ A.T)
assert np.allclose((X2c @ A.T) @ w_A, X2c @ w_fisher)
t_before = LinearDiscriminantAnalysis().fit(X2c, y2c).transform(X2c)
t_after = LinearDiscriminantAnalysis().fit(X2c @ Dg, y2c).transform(X2c @ Dg)
assert same_up_to_sign(t_before, t_after, atol=1e-6)

pc_before = PCA(1).fit_transform(X2c)[:, 0]
pc_after = PCA(1).fit_transform(X2c @ Dg)[:, 0]
r = np.corrcoef(pc_before, pc_after)[0, 1]
v_before = PCA(1).fit(X2c).components_[0]
v_after = PCA(1).fit(X2c @ Dg).components_[0]
back = Dg @ v_after / np.linalg.norm(Dg @ v_after)                 # the new PC1 as a direction in the original x
turn = np.degrees(np.arccos(abs(back @ v_before)))
print(f"PCA PC1 before: {v_before.round(3)}, after rescaling: {v_after.round(3)} (turned {turn:.0f} deg in the original x)")
print(f"correlation of PC1 scores before / after rescaling: {r:.3f}  (LDA projections: identical)")
assert turn > 45 and abs(r) < 0.9

# %% [markdown] lang="zh"
# ## 多类 LDA：最多 $C-1$ 个方向 {#lda-multiclass}
#
# 类间散度 $S_B=\sum_k n_k(\boldsymbol{\mu}_k-\boldsymbol{\mu})(\boldsymbol{\mu}_k-\boldsymbol{\mu})^\top$ 的秩不超过 $C-1$，
# 所以 $S_W^{-1}S_B$ 最多 $C-1$ 个非零特征值。鸢尾花 $C=3$、$d=4$：两个非零特征值，比例 99.12% / 0.88%，与 scikit-learn 的 `explained_variance_ratio_` 一致。

# %% [markdown] lang="en"
# ## Multi-class LDA: at most $C-1$ directions {#lda-multiclass}
#
# The between-class scatter $S_B=\sum_k n_k(\boldsymbol{\mu}_k-\boldsymbol{\mu})(\boldsymbol{\mu}_k-\boldsymbol{\mu})^\top$ has rank at most
# $C-1$, so $S_W^{-1}S_B$ has at most $C-1$ non-zero eigenvalues. Iris, $C=3$, $d=4$: two non-zero eigenvalues in the ratio
# 99.12% / 0.88%, as in scikit-learn's `explained_variance_ratio_`.

# %%
mu = X_iris.mean(0)
Sw_i = np.zeros((4, 4))
Sb_i = np.zeros((4, 4))
for c in range(3):
    Xk_ = X_iris[y_iris == c]
    mk = Xk_.mean(0)
    Sw_i += (Xk_ - mk).T @ (Xk_ - mk)
    Sb_i += len(Xk_) * np.outer(mk - mu, mk - mu)
ev = np.sort(np.linalg.eigvals(np.linalg.solve(Sw_i, Sb_i)).real)[::-1]
print("eigenvalues of S_W^-1 S_B:", np.where(np.abs(ev) < 1e-9, 0.0, ev).round(6), " rank of S_B:", np.linalg.matrix_rank(Sb_i))
assert np.linalg.matrix_rank(Sb_i) == 2 and np.allclose(ev[2:], 0, atol=1e-10)
ratio_lda = ev[:2] / ev[:2].sum()
sk_lda = LinearDiscriminantAnalysis(solver="eigen").fit(X_iris, y_iris)
print("ratio:", ratio_lda.round(4), " sklearn:", sk_lda.explained_variance_ratio_.round(4))
assert np.allclose(ratio_lda, sk_lda.explained_variance_ratio_)
assert round(ratio_lda[0] * 100, 2) == 99.12
assert LinearDiscriminantAnalysis().fit(X_iris, y_iris).transform(X_iris).shape[1] == 2

# %% [markdown] lang="zh"
# ## 核 PCA 从零实现 {#kernel-pca}
#
# RBF 核 $K_{ij}=\exp(-\gamma\lVert\mathbf{x}_i-\mathbf{x}_j\rVert^2)$，特征空间里的中心化 $\tilde{K}=HKH$，$H=I-\frac{1}{n}\mathbf{1}\mathbf{1}^\top$。
# 取 $\tilde{K}$ 的单位特征向量 $\mathbf{a}_j$ 与特征值 $\mu_j$，训练点的得分是 $\sqrt{\mu_j}\,\mathbf{a}_j$；
# 新点 $\mathbf{x}$ 的得分是 $\tilde{\mathbf{k}}_{\mathbf{x}}^\top\mathbf{a}_j/\sqrt{\mu_j}$，其中 $\tilde{\mathbf{k}}_{\mathbf{x}}$ 是按训练集统计量中心化的核向量。

# %% [markdown] lang="en"
# ## Kernel PCA from scratch {#kernel-pca}
#
# RBF kernel $K_{ij}=\exp(-\gamma\lVert\mathbf{x}_i-\mathbf{x}_j\rVert^2)$, centred in feature space as $\tilde{K}=HKH$ with
# $H=I-\frac{1}{n}\mathbf{1}\mathbf{1}^\top$. With unit eigenvectors $\mathbf{a}_j$ and eigenvalues $\mu_j$ of $\tilde{K}$, the
# training scores are $\sqrt{\mu_j}\,\mathbf{a}_j$; a new point $\mathbf{x}$ gets $\tilde{\mathbf{k}}_{\mathbf{x}}^\top\mathbf{a}_j/\sqrt{\mu_j}$, where
# $\tilde{\mathbf{k}}_{\mathbf{x}}$ is its kernel vector centred with the training statistics.

# %%
Xk, yk = make_circles(n_samples=200, factor=0.3, noise=0.05, random_state=0)
Xk_new, _ = make_circles(n_samples=20, factor=0.3, noise=0.05, random_state=1)
gamma, m = 2.0, 2


def rbf(A, B):
    sq = np.sum(A**2, 1)[:, None] + np.sum(B**2, 1)[None, :] - 2 * A @ B.T
    return np.exp(-gamma * sq)


def kpca_fit(K, m):
    N = len(K)
    H = np.eye(N) - np.ones((N, N)) / N
    Kc = H @ K @ H
    mu_, a = np.linalg.eigh(Kc)
    mu_, a = mu_[::-1][:m], a[:, ::-1][:, :m]
    return mu_, a


def kpca_transform(K_new, K, mu_, a):
    N = len(K)
    one = np.ones((N, N)) / N
    one_new = np.ones((len(K_new), N)) / N
    K_new_c = K_new - one_new @ K - K_new @ one + one_new @ K @ one
    return K_new_c @ a / np.sqrt(mu_)


K = rbf(Xk, Xk)
mu_k, a_k = kpca_fit(K, m)
Z_train = a_k * np.sqrt(mu_k)
Z_new = kpca_transform(rbf(Xk_new, Xk), K, mu_k, a_k)
sk_kpca = KernelPCA(n_components=m, kernel="rbf", gamma=gamma).fit(Xk)
assert np.allclose(sk_kpca.eigenvalues_, mu_k)
assert same_up_to_sign(sk_kpca.transform(Xk), Z_train, atol=1e-6)
assert same_up_to_sign(sk_kpca.transform(Xk_new), Z_new, atol=1e-6)
assert np.allclose(kpca_transform(K, K, mu_k, a_k), Z_train)         # the new-point formula on training points
print("kernel PCA from scratch == sklearn KernelPCA (train and new points, up to sign)")
# the two circles: one threshold on the first kernel component separates them, on the first linear component it cannot
def best_threshold_accuracy(z, labels):
    return max(max(np.mean((z > t) == labels), np.mean((z <= t) == labels)) for t in z)


acc_kernel = best_threshold_accuracy(Z_train[:, 0], yk)
acc_linear = best_threshold_accuracy(PCA(1).fit_transform(Xk)[:, 0], yk)
print(f"best single-threshold accuracy on the circles: kernel PC1 {acc_kernel:.3f}, linear PC1 {acc_linear:.3f}")
assert acc_kernel == 1.0 and acc_linear < 0.75

# linear kernel: kernel PCA gives back ordinary PCA
Kl = X @ X.T
mu_l, a_l = kpca_fit(Kl, d)
assert np.allclose(mu_l, sig**2)                                     # eigenvalues of H K H = sigma_i^2
assert same_up_to_sign(a_l * np.sqrt(mu_l), U * sig)

# classical MDS on Euclidean distances: -1/2 H D^2 H = X_c X_c^T, so the embedding is the PCA score matrix
D2m = np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=-1)
Hn = np.eye(n) - np.ones((n, n)) / n
B = -0.5 * Hn @ D2m @ Hn
assert np.allclose(B, Xc @ Xc.T)
mu_b, a_b = np.linalg.eigh(B)
Y_mds = a_b[:, ::-1][:, :2] * np.sqrt(mu_b[::-1][:2])
assert same_up_to_sign(Y_mds, (U * sig)[:, :2])
print("linear-kernel PCA == PCA; classical MDS == PCA scores")

# %% [markdown] lang="zh"
# ## t-SNE：困惑度与簇的大小 {#tsne}
#
# 对一个点，二分查找 $\sigma_i$ 使 $2^{H(P_i)}$ 等于目标困惑度；密集处 $\sigma_i$ 小、稀疏处 $\sigma_i$ 大。
# 然后把两个大小相差 10 倍的高斯簇交给 t-SNE：嵌入图里两个簇的大小几乎一样。scikit-learn 的 `TSNE` 也没有 `transform`。

# %% [markdown] lang="en"
# ## t-SNE: perplexity and cluster sizes {#tsne}
#
# For one point, bisect on $\sigma_i$ until $2^{H(P_i)}$ equals the target perplexity; $\sigma_i$ is small where the data are dense
# and large where they are sparse. Then give t-SNE two Gaussian clusters whose spreads differ by a factor of 10: in the embedding
# the two clusters have almost the same size. scikit-learn's `TSNE` has no `transform` either.

# %%
Xt = np.vstack([rng.normal(scale=1.0, size=(150, 10)), rng.normal(scale=10.0, size=(150, 10)) + 100.0])
yt = np.repeat([0, 1], 150)


def sigma_for_perplexity(dist2_row, perplexity, iters=100):
    lo, hi = 1e-6, 1e6
    for _ in range(iters):
        s = np.sqrt(lo * hi)                                          # bisection on a log scale
        p = np.exp(-dist2_row / (2 * s**2))
        p /= p.sum()
        H = -np.sum(p * np.log2(p + 1e-300))
        lo, hi = (s, hi) if 2**H < perplexity else (lo, s)
    return s, 2**H


d2t = np.sum((Xt[:, None] - Xt[None]) ** 2, -1)
sig_dense, perp_dense = sigma_for_perplexity(np.delete(d2t[0], 0), 30)
sig_sparse, perp_sparse = sigma_for_perplexity(np.delete(d2t[200], 200), 30)
print(f"perplexity 30: sigma in the tight cluster {sig_dense:.2f}, in the wide cluster {sig_sparse:.2f}")
assert np.isclose(perp_dense, 30) and np.isclose(perp_sparse, 30) and sig_sparse > 5 * sig_dense

Yt = TSNE(n_components=2, perplexity=30, init="pca", random_state=0).fit_transform(Xt)
spread = lambda A: np.sqrt(np.mean(np.sum((A - A.mean(0)) ** 2, 1)))   # noqa: E731
in_ratio = spread(Xt[yt == 1]) / spread(Xt[yt == 0])
out_ratio = spread(Yt[yt == 1]) / spread(Yt[yt == 0])
print(f"spread ratio wide / tight: input {in_ratio:.1f}, t-SNE embedding {out_ratio:.2f}")
assert in_ratio > 9.5 and 0.7 < out_ratio < 1.4                  # 10x apart in the data, about equal in the map
assert not hasattr(TSNE(), "transform")

# %% [markdown] lang="zh"
# ## FM：$O(kn^2)$ 与 $O(kn)$ {#fm-identity}
#
# $\sum_{i<j}\langle\mathbf{v}_i,\mathbf{v}_j\rangle x_ix_j=\frac{1}{2}\sum_{f=1}^{k}\Big[\big(\sum_i v_{i,f}x_i\big)^2-\sum_i v_{i,f}^2x_i^2\Big]$。
# 在稠密和稀疏（每个样本只有几个非零）的输入上比较两种算法。

# %% [markdown] lang="en"
# ## FM: $O(kn^2)$ and $O(kn)$ {#fm-identity}
#
# $\sum_{i<j}\langle\mathbf{v}_i,\mathbf{v}_j\rangle x_ix_j=\frac{1}{2}\sum_{f=1}^{k}\Big[\big(\sum_i v_{i,f}x_i\big)^2-\sum_i v_{i,f}^2x_i^2\Big]$.
# Both computations are compared on dense inputs and on sparse ones (a few non-zeros per sample).

# %%
def fm_naive(x, w0, w, Vf):
    s = w0 + w @ x
    for i in range(len(x)):
        for j in range(i + 1, len(x)):
            s += (Vf[i] @ Vf[j]) * x[i] * x[j]
    return s


def fm_fast(x, w0, w, Vf):
    xv = x @ Vf                                                       # (k,) sums over i of v_{i,f} x_i
    return w0 + w @ x + 0.5 * np.sum(xv**2 - (x**2) @ (Vf**2))


nf, kf = 30, 5
w0, wf, Vf = 0.3, rng.normal(size=nf), rng.normal(scale=0.5, size=(nf, kf))
for trial in range(20):
    x = rng.normal(size=nf) if trial < 10 else (rng.random(nf) < 0.1) * rng.normal(size=nf)
    assert np.isclose(fm_naive(x, w0, wf, Vf), fm_fast(x, w0, wf, Vf))
x = rng.normal(size=nf)
print(f"naive {fm_naive(x, w0, wf, Vf):.10f}  fast {fm_fast(x, w0, wf, Vf):.10f}")

# %% [markdown] lang="zh"
# ## FM 的梯度 {#fm-gradient}
#
# $\partial\hat{y}/\partial w_0=1$，$\partial\hat{y}/\partial w_i=x_i$，$\partial\hat{y}/\partial v_{i,f}=x_i\sum_j v_{j,f}x_j-v_{i,f}x_i^2$。
# 与中心差分比较；再看 $V=0$ 时对 $V$ 的梯度恰好为零（所以 $V$ 不能初始化为 0）。

# %% [markdown] lang="en"
# ## FM gradients {#fm-gradient}
#
# $\partial\hat{y}/\partial w_0=1$, $\partial\hat{y}/\partial w_i=x_i$, $\partial\hat{y}/\partial v_{i,f}=x_i\sum_j v_{j,f}x_j-v_{i,f}x_i^2$.
# Compared with central differences; then the gradient with respect to $V$ is exactly zero at $V=0$ (which is why $V$ must not
# be initialised to zero).

# %%
def fm_grad_V(x, Vf):
    xv = x @ Vf
    return np.outer(x, xv) - Vf * (x**2)[:, None]


x = rng.normal(size=nf)
G = fm_grad_V(x, Vf)
eps = 1e-6
G_num = np.zeros_like(Vf)
for i in range(nf):
    for f in range(kf):
        E = np.zeros_like(Vf)
        E[i, f] = eps
        G_num[i, f] = (fm_fast(x, w0, wf, Vf + E) - fm_fast(x, w0, wf, Vf - E)) / (2 * eps)
g_w_num = np.array([(fm_fast(x, w0, wf + eps * e, Vf) - fm_fast(x, w0, wf - eps * e, Vf)) / (2 * eps) for e in np.eye(nf)])
print(f"max |analytic - numeric| for V: {np.abs(G - G_num).max():.2e}")
assert np.allclose(G, G_num, atol=1e-6) and np.allclose(g_w_num, x, atol=1e-6)
assert np.allclose(fm_grad_V(x, np.zeros_like(Vf)), 0)              # V = 0 is a stationary point for V

# %% [markdown] lang="zh"
# ## FM 退化为矩阵分解，并可拆成内积 {#fm-mf}
#
# 只有用户 one-hot 和物品 one-hot 两个域时，$\hat{y}=w_0+w_u+w_i+\langle\mathbf{v}_u,\mathbf{v}_i\rangle$，即带偏置的矩阵分解。
# 特征分成用户侧 $\mathcal{U}$ 与物品侧 $\mathcal{I}$ 时，二阶项里跨两侧的部分是 $\langle\mathbf{p}_u,\mathbf{q}_i\rangle$，
# $\mathbf{p}_u=\sum_{j\in\mathcal{U}}\mathbf{v}_jx_j$、$\mathbf{q}_i=\sum_{j\in\mathcal{I}}\mathbf{v}_jx_j$；对一个固定的用户排序物品时，
# 得分等于 $[\mathbf{p}_u;1]^\top[\mathbf{q}_i;b_i]$ 加一个与物品无关的常数，$b_i$ 是物品侧的一阶项与物品内部的二阶项。

# %% [markdown] lang="en"
# ## FM reduces to matrix factorisation and splits into an inner product {#fm-mf}
#
# With only a user one-hot and an item one-hot, $\hat{y}=w_0+w_u+w_i+\langle\mathbf{v}_u,\mathbf{v}_i\rangle$: biased matrix factorisation.
# With features split into a user side $\mathcal{U}$ and an item side $\mathcal{I}$, the cross-side part of the pairwise term is
# $\langle\mathbf{p}_u,\mathbf{q}_i\rangle$ with $\mathbf{p}_u=\sum_{j\in\mathcal{U}}\mathbf{v}_jx_j$ and $\mathbf{q}_i=\sum_{j\in\mathcal{I}}\mathbf{v}_jx_j$; to rank
# items for a fixed user the score is $[\mathbf{p}_u;1]^\top[\mathbf{q}_i;b_i]$ plus a constant that does not depend on the item,
# where $b_i$ collects the item side's linear terms and within-item pairwise terms.

# %%
n_users, n_items = 7, 5
for u in range(n_users):
    for i in range(n_items):
        x = np.zeros(n_users + n_items)
        x[u], x[n_users + i] = 1.0, 1.0
        Vmf = Vf[: n_users + n_items]
        wmf = wf[: n_users + n_items]
        mf = w0 + wmf[u] + wmf[n_users + i] + Vmf[u] @ Vmf[n_users + i]
        assert np.isclose(fm_fast(x, w0, wmf, Vmf), mf)

user_idx, item_idx = np.arange(0, 12), np.arange(12, nf)             # 12 user-side, 18 item-side features
xu = rng.normal(size=12)
items = rng.normal(size=(6, 18)) * (rng.random((6, 18)) < 0.4)
full_scores = np.array([fm_fast(np.concatenate([xu, xi]), w0, wf, Vf) for xi in items])
p_u = xu @ Vf[user_idx]
const_u = w0 + wf[user_idx] @ xu + 0.5 * np.sum(p_u**2 - (xu**2) @ (Vf[user_idx] ** 2))
q = items @ Vf[item_idx]
b = items @ wf[item_idx] + 0.5 * np.sum(q**2 - (items**2) @ (Vf[item_idx] ** 2), axis=1)
two_tower = np.column_stack([q, b]) @ np.append(p_u, 1.0)
assert np.allclose(full_scores, const_u + two_tower)
assert np.array_equal(np.argsort(-full_scores), np.argsort(-two_tower))
print("FM = biased MF for one-hot user/item; FM ranking = inner product [p_u; 1]^T [q_i; b_i]")

# %% [markdown] lang="zh"
# ## 没见过的特征对：FM 能泛化，Poly2 不能 {#unseen-pairs}
#
# 合成 40 个用户 × 30 个物品的评分，真实模型是秩为 3 的交互加偏置。挖掉 25% 的（用户，物品）对作测试，它们在训练集里**从未同时出现**。
# Poly2 给每个特征对一个独立权重：没见过的对梯度恒为 0，权重停在初值 0，测试时只剩一阶项。FM 的 $\mathbf{v}_u$、$\mathbf{v}_i$ 从别的样本学到，
# 内积照样能算。两者都用全批量梯度下降加 L2 正则训练。

# %% [markdown] lang="en"
# ## Unseen feature pairs: FM generalises, Poly2 does not {#unseen-pairs}
#
# Ratings for 40 users × 30 items come from a rank-3 interaction plus biases. 25% of the (user, item) pairs are held out for
# testing: they **never occur together** in training. Poly2 has one free weight per feature pair: an unseen pair's gradient is always
# zero, its weight stays at its initial 0, and at test time only the linear terms remain. FM learns $\mathbf{v}_u$ and $\mathbf{v}_i$ from
# other samples, so their inner product is still defined. Both are trained by full-batch gradient descent with L2 regularisation.

# %%
nu, ni, r_true = 40, 30, 3
P_true, Q_true = rng.normal(size=(nu, r_true)), rng.normal(size=(ni, r_true))
bu, bi = rng.normal(scale=0.5, size=nu), rng.normal(scale=0.5, size=ni)
R = 0.5 + bu[:, None] + bi[None, :] + P_true @ Q_true.T + rng.normal(scale=0.1, size=(nu, ni))
uu, ii = np.meshgrid(np.arange(nu), np.arange(ni), indexing="ij")
uu, ii, rr = uu.ravel(), ii.ravel(), R.ravel()
test = rng.random(len(rr)) < 0.25
Xoh = np.zeros((len(rr), nu + ni))
Xoh[np.arange(len(rr)), uu] = 1.0
Xoh[np.arange(len(rr)), nu + ii] = 1.0
Xtr, ytr, Xte, yte = Xoh[~test], rr[~test], Xoh[test], rr[test]


def fm_batch(Xb, w0_, w_, V_):
    XV = Xb @ V_
    return w0_ + Xb @ w_ + 0.5 * np.sum(XV**2 - (Xb**2) @ (V_**2), axis=1)


w0_t, w_t, V_t = 0.0, np.zeros(nu + ni), rng.normal(scale=0.1, size=(nu + ni, r_true))
lr, lr_V, lr_pair, lam_reg = 0.05, 0.5, 1.0, 1e-3            # step sizes for biases, V, pair weights
for _step in range(3000):
    res = fm_batch(Xtr, w0_t, w_t, V_t) - ytr                       # d(loss)/d(y_hat) for 1/2 squared error
    m_ = len(ytr)
    XV = Xtr @ V_t
    gV = (Xtr.T @ (res[:, None] * XV) - V_t * ((Xtr**2).T @ res)[:, None]) / m_ + lam_reg * V_t
    w0_t -= lr * res.mean()
    w_t -= lr * (Xtr.T @ res / m_ + lam_reg * w_t)
    V_t -= lr_V * gV
rmse_fm = np.sqrt(np.mean((fm_batch(Xte, w0_t, w_t, V_t) - yte) ** 2))

# Poly2: linear terms + one weight per (user, item) pair, trained the same way
pair = uu * ni + ii
w0_p, w_p, W_pair = 0.0, np.zeros(nu + ni), np.zeros(nu * ni)
for _step in range(3000):
    res = w0_p + Xtr @ w_p + W_pair[pair[~test]] - ytr
    m_ = len(ytr)
    w0_p -= lr * res.mean()
    w_p -= lr * (Xtr.T @ res / m_ + lam_reg * w_p)
    gW = np.bincount(pair[~test], weights=res, minlength=nu * ni) / m_ + lam_reg * W_pair
    W_pair -= lr_pair * gW
assert np.all(W_pair[pair[test]] == 0)                              # unseen pairs: weight never moved
rmse_poly2 = np.sqrt(np.mean((w0_p + Xte @ w_p + W_pair[pair[test]] - yte) ** 2))
print(f"test RMSE on unseen (user, item) pairs: FM {rmse_fm:.3f}, Poly2 {rmse_poly2:.3f}")
assert rmse_fm < 0.5 * rmse_poly2
assert round(rmse_fm, 3) == 0.190 and round(rmse_poly2, 3) == 1.569   # the values quoted on the FM page

# %% [markdown] lang="zh"
# ## 参数量：Poly2、FM、FFM {#parameter-counts}
#
# $n$ 个特征、$f$ 个域、隐向量维度 $k$：Poly2 的交互权重 $n(n-1)/2$ 个，FM 为 $nk$，FFM 为 $nfk$（都另加 $1+n$ 个偏置与一阶权重）。
# 以 $n=10^6$、$f=39$（Criteo 数据的 13 个数值域 + 26 个类别域）为例。每个样本每个域一个非零时共有 $\binom{39}{2}=741$ 个特征对。
# 最后检查：让每个特征在所有域上的隐向量都相同，FFM 就退化为 FM；以及 FFM 的朴素实现。

# %% [markdown] lang="en"
# ## Parameter counts: Poly2, FM, FFM {#parameter-counts}
#
# With $n$ features, $f$ fields and latent dimension $k$: Poly2 has $n(n-1)/2$ interaction weights, FM $nk$, FFM $nfk$ (each plus
# $1+n$ for the bias and linear weights). Take $n=10^6$ and $f=39$ (the Criteo data's 13 numeric + 26 categorical fields). With one
# non-zero per field a sample has $\binom{39}{2}=741$ feature pairs. Finally: if every feature uses the same latent vector for all
# fields, FFM reduces to FM; and a naive FFM implementation.

# %%
def count(n_feat, n_fields, k):
    return {"Poly2": 1 + n_feat + n_feat * (n_feat - 1) // 2,
            "FM": 1 + n_feat + n_feat * k,
            "FFM": 1 + n_feat + n_feat * n_fields * k}


n_feat, n_fields = 10**6, 39
c_fm = count(n_feat, n_fields, 8)
c_ffm = count(n_feat, n_fields, 4)
print(f"Poly2 {c_fm['Poly2']:,}   FM (k=8) {c_fm['FM']:,}   FFM (k=4) {c_ffm['FFM']:,}")
assert c_fm["Poly2"] == 500_000_500_001
assert c_fm["FM"] == 9_000_001 and c_ffm["FFM"] == 157_000_001
assert n_fields * (n_fields - 1) // 2 == 741
assert count(n_feat, n_fields, 4)["FFM"] == count(n_feat, n_fields, 4 * n_fields)["FM"]   # FFM k' ~ FM with k = f k'


def ffm_naive(x, field, w0_, w_, Vffm):
    """Vffm[i, g] is feature i's latent vector used against field g."""
    s = w0_ + w_ @ x
    for i in range(len(x)):
        for j in range(i + 1, len(x)):
            s += (Vffm[i, field[j]] @ Vffm[j, field[i]]) * x[i] * x[j]
    return s


field = rng.integers(0, 4, size=nf)
V_same = np.repeat(Vf[:, None, :], 4, axis=1)                        # same vector for every field
x = rng.normal(size=nf)
assert np.isclose(ffm_naive(x, field, w0, wf, V_same), fm_fast(x, w0, wf, Vf))
V_ffm = rng.normal(scale=0.5, size=(nf, 4, kf))
assert V_ffm.size == nf * 4 * kf
print(f"FFM with identical field vectors == FM: {ffm_naive(x, field, w0, wf, V_same):.6f}")
