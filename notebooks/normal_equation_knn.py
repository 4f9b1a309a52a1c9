# %% [markdown] lang="zh"
# # 正规方程与 K 近邻：把推导算一遍
#
# 本实验用 numpy / scipy / scikit-learn 核对[线性回归](../ml/linear-regression.md)和 [K 近邻](../ml/knn.md)两页上的推导与数字，每个结论都有 `assert`：
#
# 1. 正规方程、梯度下降、`np.linalg.lstsq` 与 `LinearRegression` 给出同一个解；特征尺度差异让梯度下降慢上千倍；
# 2. 帽子矩阵对称、幂等，残差与每一列正交；
# 3. $\hat\sigma^2=\text{RSS}/(n-p)$ 无偏，高斯–马尔可夫定理（其他线性无偏估计的方差更大）；
# 4. $R^2$ 加特征不降，调整 $R^2$ 上升当且仅当新特征的 $t^2>1$，测试集 $R^2$ 可以为负；
# 5. 岭回归闭式解与 `Ridge`（截距不惩罚）、SVD 收缩形式；
# 6. 从零写 Lasso 坐标下降，与 `Lasso` 对照（注意 scikit-learn 损失里的 $1/(2n)$）；
# 7. $p>n$ 时的最小范数解等于伪逆解；
# 8. 共线设计上的 VIF；
# 9. 从零实现 KNN，与 `KNeighborsClassifier` 对照；距离度量的几个性质；
# 10. 从零实现 kd 树，查询结果与暴力搜索一致，维度升高时访问的结点比例；
# 11. 1-NN 的渐近误差与 Cover–Hart 界；
# 12. 维度灾难：$r^{1/d}$、最近点的中位距离、距离集中。

# %% [markdown] lang="en"
# # The normal equation and k-nearest neighbors: computing the derivations
#
# This notebook checks with numpy / scipy / scikit-learn the derivations and numbers of the pages [linear regression](../ml/linear-regression.md) and [k-nearest neighbors](../ml/knn.md); every claim has an `assert`:
#
# 1. the normal equation, gradient descent, `np.linalg.lstsq` and `LinearRegression` give the same solution; features on different scales slow gradient descent down by a factor of thousands;
# 2. the hat matrix is symmetric and idempotent, and the residual is orthogonal to every column;
# 3. $\hat\sigma^2=\text{RSS}/(n-p)$ is unbiased, and the Gauss–Markov theorem (another linear unbiased estimator has a larger variance);
# 4. $R^2$ never falls when a feature is added, adjusted $R^2$ rises exactly when the new feature has $t^2>1$, and a test-set $R^2$ can be negative;
# 5. the ridge closed form against `Ridge` (unpenalized intercept), and the SVD shrinkage form;
# 6. lasso coordinate descent from scratch against `Lasso` (mind the $1/(2n)$ in scikit-learn's loss);
# 7. for $p>n$, the minimum-norm solution equals the pseudo-inverse solution;
# 8. the VIF on a collinear design;
# 9. KNN from scratch against `KNeighborsClassifier`, and a few properties of distance metrics;
# 10. a kd-tree from scratch whose queries equal brute force, and the fraction of nodes it visits as the dimension grows;
# 11. the asymptotic 1-NN error and the Cover–Hart bound;
# 12. the curse of dimensionality: $r^{1/d}$, the median distance to the closest point, distance concentration.

# %%
import numpy as np
from scipy import integrate
from scipy.spatial.distance import mahalanobis
from scipy.stats import binom
from sklearn.datasets import make_moons
from sklearn.linear_model import Lasso, LinearRegression, Ridge
from sklearn.metrics import r2_score
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor

# %% [markdown] lang="zh"
# ## 1. 四种方法求最小二乘 {#ols-four-ways}
#
# 设计矩阵 $X\in\R^{n\times p}$ 的第一列全为 1（截距），其余 4 列特征的尺度相差很大（标准差 0.5 到 10）。
# 梯度下降最小化 $J(\boldsymbol\beta)=\frac{1}{2n}\lVert\mathbf{y}-X\boldsymbol\beta\rVert^2$，步长取 $1/L$，$L=\lambda_{\max}(X^\top X)/n$。

# %% [markdown] lang="en"
# ## 1. Least squares four ways {#ols-four-ways}
#
# The first column of the design matrix $X\in\R^{n\times p}$ is all ones (the intercept); the other 4 features are on very different scales (standard deviations from 0.5 to 10).
# Gradient descent minimizes $J(\boldsymbol\beta)=\frac{1}{2n}\lVert\mathbf{y}-X\boldsymbol\beta\rVert^2$ with step $1/L$, $L=\lambda_{\max}(X^\top X)/n$.

# %%
rng = np.random.default_rng(0)
n, k = 200, 4
X_raw = rng.normal(size=(n, k)) * [1.0, 2.0, 0.5, 10.0] + [0.0, 1.0, -1.0, 5.0]
beta_true = np.array([1.5, 2.0, -1.0, 0.5, 0.3])             # intercept first
X = np.column_stack([np.ones(n), X_raw])
p = X.shape[1]
y = X @ beta_true + rng.normal(size=n)

beta_ne = np.linalg.solve(X.T @ X, X.T @ y)                   # normal equation (solve, never inv)
beta_lstsq = np.linalg.lstsq(X, y, rcond=None)[0]             # SVD-based LAPACK solver
lin = LinearRegression().fit(X_raw, y)                        # adds the intercept itself
beta_sk = np.r_[lin.intercept_, lin.coef_]


def gradient_descent(X, y, tol=1e-8, max_iter=10**6):
    """Minimize ||y - X b||^2 / (2n) with step 1/L; stop when the gradient norm < tol."""
    n = len(y)
    L = np.linalg.eigvalsh(X.T @ X).max() / n
    b = np.zeros(X.shape[1])
    for t in range(max_iter):
        g = X.T @ (X @ b - y) / n
        if np.linalg.norm(g) < tol:
            return b, t
        b -= g / L
    raise RuntimeError("no convergence")


beta_gd, iters_raw = gradient_descent(X, y)
print("normal equation:", beta_ne.round(4))
print("max |difference| lstsq, sklearn, GD:",
      [f"{np.abs(b - beta_ne).max():.1e}" for b in (beta_lstsq, beta_sk, beta_gd)])
assert np.allclose(beta_lstsq, beta_ne) and np.allclose(beta_sk, beta_ne)
assert np.allclose(beta_gd, beta_ne, atol=1e-6)

# %% [markdown] lang="zh"
# **条件数**。梯度下降的步数取决于 $X^\top X$ 的条件数 $\kappa$。把特征标准化后再跑一次（解映射回原尺度后相同），并核对 $\kappa(X^\top X)=\kappa(X)^2$：
# 这正是不应显式构造 $X^\top X$ 去求逆的数值原因。

# %% [markdown] lang="en"
# **Conditioning.** The number of gradient-descent steps depends on the condition number $\kappa$ of $X^\top X$. Standardize the features and run again (mapped back to the original scale, the solution is the same), and check $\kappa(X^\top X)=\kappa(X)^2$:
# this is the numerical reason not to form $X^\top X$ and invert it.

# %%
mu, sd = X_raw.mean(axis=0), X_raw.std(axis=0)
X_std = np.column_stack([np.ones(n), (X_raw - mu) / sd])
b_std, iters_std = gradient_descent(X_std, y)
coef_back = b_std[1:] / sd
beta_back = np.r_[b_std[0] - mu @ coef_back, coef_back]
kappa_raw, kappa_std = np.linalg.cond(X.T @ X), np.linalg.cond(X_std.T @ X_std)
print(f"raw features:          kappa(X^T X) = {kappa_raw:8.1f}, GD steps = {iters_raw}")
print(f"standardized features: kappa(X^T X) = {kappa_std:8.2f}, GD steps = {iters_std}")
assert np.allclose(beta_back, beta_ne, atol=1e-6)
assert round(kappa_raw, -2) == 1300 and round(kappa_std, 2) == 1.15
assert iters_raw > 20_000 and iters_std == 9
assert np.isclose(kappa_raw, np.linalg.cond(X) ** 2, rtol=1e-8)

# %% [markdown] lang="zh"
# ## 2. 帽子矩阵与正交投影 {#hat-matrix}
#
# $H=X(X^\top X)^{-1}X^\top$ 应当对称、幂等，迹等于 $p$，特征值只有 0 和 1；残差 $\mathbf{e}=(I-H)\mathbf{y}$ 与每一列、与 $\hat{\mathbf{y}}$ 都正交；
# 有截距时残差之和为 0，$\text{TSS}=\text{ESS}+\text{RSS}$，$R^2$ 等于 $\mathbf{y}$ 与 $\hat{\mathbf{y}}$ 相关系数的平方。
# 最后核对“勾股定理”：对任意 $\boldsymbol\beta$，$\lVert\mathbf{y}-X\boldsymbol\beta\rVert^2=\text{RSS}+\lVert X(\hat{\boldsymbol\beta}-\boldsymbol\beta)\rVert^2$。

# %% [markdown] lang="en"
# ## 2. The hat matrix and orthogonal projection {#hat-matrix}
#
# $H=X(X^\top X)^{-1}X^\top$ should be symmetric and idempotent, with trace $p$ and eigenvalues 0 and 1 only; the residual $\mathbf{e}=(I-H)\mathbf{y}$ is orthogonal to every column and to $\hat{\mathbf{y}}$;
# with an intercept the residuals sum to 0, $\text{TSS}=\text{ESS}+\text{RSS}$, and $R^2$ equals the squared correlation of $\mathbf{y}$ and $\hat{\mathbf{y}}$.
# Finally the "Pythagoras" identity: for any $\boldsymbol\beta$, $\lVert\mathbf{y}-X\boldsymbol\beta\rVert^2=\text{RSS}+\lVert X(\hat{\boldsymbol\beta}-\boldsymbol\beta)\rVert^2$.

# %%
H = X @ np.linalg.solve(X.T @ X, X.T)
y_hat = H @ y
e = y - y_hat
eig = np.linalg.eigvalsh(H)
rss, tss, ess = e @ e, ((y - y.mean()) ** 2).sum(), ((y_hat - y.mean()) ** 2).sum()
r2 = 1 - rss / tss
print(f"trace(H) = {np.trace(H):.6f}, eigenvalues near 1: {np.sum(eig > 0.5)}, near 0: {np.sum(eig < 0.5)}")
print(f"max |X^T e| = {np.abs(X.T @ e).max():.1e}, y_hat . e = {y_hat @ e:.1e}, sum(e) = {e.sum():.1e}")
print(f"TSS = {tss:.3f} = ESS {ess:.3f} + RSS {rss:.3f};  R^2 = {r2:.4f} = corr^2 {np.corrcoef(y, y_hat)[0, 1] ** 2:.4f}")
assert np.allclose(H, H.T) and np.allclose(H @ H, H)
assert np.isclose(np.trace(H), p) and np.allclose(eig[eig > 0.5], 1) and np.allclose(eig[eig < 0.5], 0, atol=1e-10)
assert np.allclose(X.T @ e, 0, atol=1e-8) and abs(y_hat @ e) < 1e-8 and abs(e.sum()) < 1e-9
assert np.isclose(tss, ess + rss) and np.isclose(r2, np.corrcoef(y, y_hat)[0, 1] ** 2)
assert np.isclose(r2, lin.score(X_raw, y))
for _ in range(5):
    b_any = beta_ne + rng.normal(size=p)
    assert np.isclose(np.sum((y - X @ b_any) ** 2), rss + np.sum((X @ (beta_ne - b_any)) ** 2))

# %% [markdown] lang="zh"
# ## 3. 噪声方差的无偏估计与高斯–马尔可夫 {#gauss-markov}
#
# 固定一个小设计（$n=20$，$p=3$），重复生成 20000 次噪声。理论上 $\E[\text{RSS}]=\sigma^2(n-p)$，所以 $\text{RSS}/n$（高斯噪声下 $\sigma^2$ 的 MLE）偏小，乘数为 $(n-p)/n=0.85$，
# 而 $\text{RSS}/(n-p)$ 无偏；$\hat{\boldsymbol\beta}$ 的协方差为 $\sigma^2(X^\top X)^{-1}$。
# 高斯–马尔可夫：换一个线性无偏估计 $\tilde{\boldsymbol\beta}=C\mathbf{y}$（这里用任意正权重的加权最小二乘，$CX=I$），
# $\Var(\tilde{\boldsymbol\beta})-\Var(\hat{\boldsymbol\beta})=\sigma^2(CC^\top-(X^\top X)^{-1})$ 应当半正定。

# %% [markdown] lang="en"
# ## 3. The unbiased noise variance and Gauss–Markov {#gauss-markov}
#
# Fix a small design ($n=20$, $p=3$) and draw the noise 20000 times. In theory $\E[\text{RSS}]=\sigma^2(n-p)$, so $\text{RSS}/n$ (the MLE of $\sigma^2$ under Gaussian noise) is too small by the factor $(n-p)/n=0.85$,
# while $\text{RSS}/(n-p)$ is unbiased; the covariance of $\hat{\boldsymbol\beta}$ is $\sigma^2(X^\top X)^{-1}$.
# Gauss–Markov: take another linear unbiased estimator $\tilde{\boldsymbol\beta}=C\mathbf{y}$ (here weighted least squares with arbitrary positive weights, $CX=I$);
# $\Var(\tilde{\boldsymbol\beta})-\Var(\hat{\boldsymbol\beta})=\sigma^2(CC^\top-(X^\top X)^{-1})$ should be positive semi-definite.

# %%
rng = np.random.default_rng(1)
n_s, sigma, reps = 20, 2.0, 20_000
Xs = np.column_stack([np.ones(n_s), rng.normal(size=(n_s, 2))])
p_s = Xs.shape[1]
bs_true = np.array([1.0, -2.0, 0.5])
Y = (Xs @ bs_true)[:, None] + sigma * rng.normal(size=(n_s, reps))     # one column per replicate
B = np.linalg.solve(Xs.T @ Xs, Xs.T @ Y)
RSS = ((Y - Xs @ B) ** 2).sum(axis=0)
print(f"sigma^2 = {sigma ** 2}:  mean RSS/n = {RSS.mean() / n_s:.3f} "
      f"(theory {sigma ** 2 * (n_s - p_s) / n_s:.3f}),  mean RSS/(n-p) = {RSS.mean() / (n_s - p_s):.3f}")
assert abs(RSS.mean() / (n_s - p_s) - sigma ** 2) < 0.05
assert abs(RSS.mean() / n_s - sigma ** 2 * (n_s - p_s) / n_s) < 0.05
cov_theory = sigma ** 2 * np.linalg.inv(Xs.T @ Xs)
assert np.allclose(np.cov(B), cov_theory, atol=0.02)

W = np.diag(rng.uniform(0.2, 5.0, size=n_s))                  # arbitrary positive weights
C = np.linalg.solve(Xs.T @ W @ Xs, Xs.T @ W)                  # another linear unbiased estimator
excess = sigma ** 2 * (C @ C.T) - cov_theory
print("C X = I:", np.allclose(C @ Xs, np.eye(p_s)), "; eigenvalues of Var(C y) - Var(OLS):",
      np.linalg.eigvalsh(excess).round(4))
assert np.allclose(C @ Xs, np.eye(p_s)) and np.linalg.eigvalsh(excess).min() > -1e-12

# %% [markdown] lang="zh"
# ## 4. $R^2$、调整 $R^2$ 与测试集上的负 $R^2$ {#r-squared}
#
# 从一个真实特征出发，逐个加入 10 个纯噪声特征。训练集 $R^2$ 每次都不降；调整 $R^2=1-\frac{\text{RSS}/(n-p)}{\text{TSS}/(n-1)}$（$p$ 含截距列）
# 上升当且仅当新特征在大模型中的 $t$ 统计量满足 $t^2>1$。

# %% [markdown] lang="en"
# ## 4. $R^2$, adjusted $R^2$, and a negative $R^2$ on a test set {#r-squared}
#
# Start from one real feature and add 10 pure-noise features one at a time. The training $R^2$ never falls; adjusted $R^2=1-\frac{\text{RSS}/(n-p)}{\text{TSS}/(n-1)}$ ($p$ counts the intercept column)
# rises exactly when the new feature's $t$ statistic in the larger model has $t^2>1$.

# %%
def ols_stats(X, y):
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    res = y - X @ b
    n, p = X.shape
    rss, tss = res @ res, ((y - y.mean()) ** 2).sum()
    se = np.sqrt(rss / (n - p) * np.diag(np.linalg.inv(X.T @ X)))
    return 1 - rss / tss, 1 - (rss / (n - p)) / (tss / (n - 1)), b / se


rng = np.random.default_rng(2)
n_r = 40
x_r = rng.normal(size=n_r)
y_r = 1 + 2 * x_r + rng.normal(size=n_r)
Xr = np.column_stack([np.ones(n_r), x_r])
r2_old, adj_old, _ = ols_stats(Xr, y_r)
for j in range(10):
    Xr = np.column_stack([Xr, rng.normal(size=n_r)])
    r2_new, adj_new, t = ols_stats(Xr, y_r)
    print(f"+ noise feature {j + 1:2d}: R^2 {r2_new:.4f}, adjusted {adj_new:.4f}, t^2 of the new one {t[-1] ** 2:.3f}")
    assert r2_new >= r2_old
    assert (adj_new > adj_old) == (t[-1] ** 2 > 1)
    r2_old, adj_old = r2_new, adj_new

# %% [markdown] lang="zh"
# 测试集上的 $R^2=1-\sum(y_i-\hat y_i)^2/\sum(y_i-\bar y)^2$ 没有下界：30 个训练样本、26 个特征（只有 1 个有用）的最小二乘几乎插值训练集，
# 训练 $R^2$ 很高，在新数据上却比“永远预测均值”差得多。

# %% [markdown] lang="en"
# On a test set $R^2=1-\sum(y_i-\hat y_i)^2/\sum(y_i-\bar y)^2$ has no lower bound: least squares with 30 training samples and 26 features (only 1 useful) nearly interpolates the training set,
# so its training $R^2$ is high while on new data it does far worse than "always predict the mean".

# %%
rng = np.random.default_rng(2)


def make_data(m, n_features=26):
    Z = rng.normal(size=(m, n_features))
    return Z, Z[:, 0] + rng.normal(size=m)


Z_tr, t_tr = make_data(30)
Z_te, t_te = make_data(1000)
over = LinearRegression().fit(Z_tr, t_tr)
r2_train, r2_test = over.score(Z_tr, t_tr), over.score(Z_te, t_te)
print(f"training R^2 = {r2_train:.3f}, test R^2 = {r2_test:.2f}")
assert round(r2_train, 2) == 0.96 and round(r2_test, 1) == -5.0
assert np.isclose(r2_test, r2_score(t_te, over.predict(Z_te)))

# %% [markdown] lang="zh"
# ## 5. 岭回归：闭式解、不惩罚的截距与 SVD 收缩 {#ridge}
#
# scikit-learn 的 `Ridge` 最小化 $\lVert\mathbf{y}-X\mathbf{w}-b\rVert^2+\alpha\lVert\mathbf{w}\rVert^2$，**截距 $b$ 不受惩罚**：等价于先把 $X$、$\mathbf{y}$ 中心化，
# 在中心化数据上用 $(X_c^\top X_c+\lambda I)^{-1}X_c^\top\mathbf{y}_c$，再令 $b=\bar y-\bar{\mathbf{x}}^\top\mathbf{w}$。
# 把全 1 列放进 $X$ 一起惩罚会得到另一个（不同的）解。SVD 形式：$X_c=UDV^\top$，
# $\hat{\mathbf{w}}=V\,\diag\!\big(\tfrac{d_j}{d_j^2+\lambda}\big)U^\top\mathbf{y}_c$，拟合值在第 $j$ 个主方向上收缩 $\tfrac{d_j^2}{d_j^2+\lambda}$ 倍，有效自由度为这些因子之和。

# %% [markdown] lang="en"
# ## 5. Ridge: closed form, unpenalized intercept, SVD shrinkage {#ridge}
#
# scikit-learn's `Ridge` minimizes $\lVert\mathbf{y}-X\mathbf{w}-b\rVert^2+\alpha\lVert\mathbf{w}\rVert^2$ with the **intercept $b$ not penalized**: equivalently, center $X$ and $\mathbf{y}$,
# apply $(X_c^\top X_c+\lambda I)^{-1}X_c^\top\mathbf{y}_c$ to the centered data, then set $b=\bar y-\bar{\mathbf{x}}^\top\mathbf{w}$.
# Putting the column of ones into $X$ and penalizing it too gives another (different) solution. SVD form: $X_c=UDV^\top$,
# $\hat{\mathbf{w}}=V\,\diag\!\big(\tfrac{d_j}{d_j^2+\lambda}\big)U^\top\mathbf{y}_c$; the fit is shrunk by $\tfrac{d_j^2}{d_j^2+\lambda}$ along the $j$-th principal direction, and the effective degrees of freedom are the sum of these factors.

# %%
lam = 50.0
x_bar, y_bar = X_raw.mean(axis=0), y.mean()
Xc, yc = X_raw - x_bar, y - y_bar
w_ridge = np.linalg.solve(Xc.T @ Xc + lam * np.eye(k), Xc.T @ yc)
b_ridge = y_bar - x_bar @ w_ridge
sk_ridge = Ridge(alpha=lam).fit(X_raw, y)
naive = np.linalg.solve(X.T @ X + lam * np.eye(p), X.T @ y)       # penalizes the intercept as well
print("centered closed form:", np.r_[b_ridge, w_ridge].round(4))
print("sklearn Ridge      :", np.r_[sk_ridge.intercept_, sk_ridge.coef_].round(4))
print("intercept penalized:", naive.round(4))
assert np.allclose(w_ridge, sk_ridge.coef_) and np.isclose(b_ridge, sk_ridge.intercept_)
assert not np.allclose(naive, np.r_[sk_ridge.intercept_, sk_ridge.coef_], atol=1e-2)

U, d, Vt = np.linalg.svd(Xc, full_matrices=False)
w_svd = Vt.T @ (d / (d ** 2 + lam) * (U.T @ yc))
shrink = d ** 2 / (d ** 2 + lam)
fit_svd = U @ (shrink * (U.T @ yc))
H_lam = Xc @ np.linalg.solve(Xc.T @ Xc + lam * np.eye(k), Xc.T)
print("singular values d_j:", d.round(2), " shrinkage d^2/(d^2+lambda):", shrink.round(4))
print(f"effective degrees of freedom = {shrink.sum():.4f} = trace(H_lambda) = {np.trace(H_lam):.4f}")
assert np.allclose(w_svd, w_ridge) and np.allclose(fit_svd, Xc @ w_ridge)
assert np.isclose(shrink.sum(), np.trace(H_lam)) and np.all(np.diff(shrink) < 0)

# %% [markdown] lang="zh"
# **为什么总是可逆**：$\mathbf{v}^\top(X^\top X+\lambda I)\mathbf{v}=\lVert X\mathbf{v}\rVert^2+\lambda\lVert\mathbf{v}\rVert^2>0$。把第一个特征复制一列，$X^\top X$ 奇异，岭回归仍有唯一解，并把权重**平分**给两列相同的特征。Lasso 的目标只依赖两个（同号）系数之和，解不唯一；scikit-learn 的坐标下降把权重全给了第一列。

# %% [markdown] lang="en"
# **Why it is always invertible**: $\mathbf{v}^\top(X^\top X+\lambda I)\mathbf{v}=\lVert X\mathbf{v}\rVert^2+\lambda\lVert\mathbf{v}\rVert^2>0$. Duplicate the first feature: $X^\top X$ becomes singular, yet ridge still has a unique solution and **splits** the weight equally between the two identical columns. Lasso's objective only depends on the sum of the two (same-sign) coefficients, so its solution is not unique; scikit-learn's coordinate descent puts all the weight on the first copy.

# %%
X_dup = np.column_stack([Xc[:, 0], Xc])
print("rank of X^T X with a duplicated column:", np.linalg.matrix_rank(X_dup.T @ X_dup), "of", X_dup.shape[1])
w_dup = np.linalg.solve(X_dup.T @ X_dup + lam * np.eye(k + 1), X_dup.T @ yc)
print("ridge weights:", w_dup.round(4))
assert np.linalg.matrix_rank(X_dup.T @ X_dup) == k and np.isclose(w_dup[0], w_dup[1])
assert np.linalg.eigvalsh(X_dup.T @ X_dup + lam * np.eye(k + 1)).min() >= lam - 1e-8

lasso_one = Lasso(alpha=0.1, tol=1e-12, max_iter=100_000).fit(X_raw, y).coef_
lasso_dup = Lasso(alpha=0.1, tol=1e-12, max_iter=100_000).fit(np.column_stack([X_raw[:, 0], X_raw]), y).coef_
print("lasso, original columns  :", lasso_one.round(4))
print("lasso, first one doubled :", lasso_dup.round(4))
assert np.isclose(lasso_dup[0] + lasso_dup[1], lasso_one[0], atol=1e-4) and lasso_dup[1] == 0   # all weight on one copy

# %% [markdown] lang="zh"
# ## 6. Lasso：从零写坐标下降 {#lasso}
#
# 页面上的目标是 $\frac{1}{2}\lVert\mathbf{y}-X\boldsymbol\beta\rVert^2+\lambda\lVert\boldsymbol\beta\rVert_1$，坐标更新为软阈值 $\beta_j\leftarrow S(\rho_j,\lambda)/\lVert\mathbf{x}_j\rVert^2$，
# 其中 $\rho_j=\mathbf{x}_j^\top\mathbf{r}^{(j)}$ 是第 $j$ 列与“去掉第 $j$ 个特征贡献的残差”的内积。scikit-learn 的 `Lasso` 最小化
# $\frac{1}{2n}\lVert\mathbf{y}-X\mathbf{w}\rVert^2+\alpha\lVert\mathbf{w}\rVert_1$，两边乘以 $n$ 可知 $\alpha=\lambda/n$。
# 收敛后核对 KKT 条件：非零系数上 $\mathbf{x}_j^\top\mathbf{r}=\lambda\sign(\beta_j)$，零系数上 $\lvert\mathbf{x}_j^\top\mathbf{r}\rvert\le\lambda$。

# %% [markdown] lang="en"
# ## 6. Lasso: coordinate descent from scratch {#lasso}
#
# The objective on the page is $\frac{1}{2}\lVert\mathbf{y}-X\boldsymbol\beta\rVert^2+\lambda\lVert\boldsymbol\beta\rVert_1$; the coordinate update is the soft threshold $\beta_j\leftarrow S(\rho_j,\lambda)/\lVert\mathbf{x}_j\rVert^2$,
# where $\rho_j=\mathbf{x}_j^\top\mathbf{r}^{(j)}$ is the inner product of column $j$ with the residual that leaves feature $j$ out. scikit-learn's `Lasso` minimizes
# $\frac{1}{2n}\lVert\mathbf{y}-X\mathbf{w}\rVert^2+\alpha\lVert\mathbf{w}\rVert_1$; multiplying by $n$ shows $\alpha=\lambda/n$.
# After convergence we check the KKT conditions: $\mathbf{x}_j^\top\mathbf{r}=\lambda\sign(\beta_j)$ on non-zero coefficients, $\lvert\mathbf{x}_j^\top\mathbf{r}\rvert\le\lambda$ on zero ones.

# %%
def soft_threshold(rho, lam):
    return np.sign(rho) * np.maximum(np.abs(rho) - lam, 0.0)


def lasso_cd(X, y, lam, max_sweeps=10_000, tol=1e-12):
    """Cyclic coordinate descent for 0.5 * ||y - X b||^2 + lam * ||b||_1 (center X and y first)."""
    b = np.zeros(X.shape[1])
    r = y.astype(float).copy()                  # residual y - X b, kept up to date
    z = (X ** 2).sum(axis=0)                    # ||x_j||^2
    for sweep in range(max_sweeps):
        biggest_step = 0.0
        for j in range(X.shape[1]):
            rho = X[:, j] @ r + z[j] * b[j]     # x_j^T (residual without feature j)
            new = soft_threshold(rho, lam) / z[j]
            if new != b[j]:
                r -= X[:, j] * (new - b[j])
                biggest_step = max(biggest_step, abs(new - b[j]))
                b[j] = new
        if biggest_step < tol:
            return b, sweep + 1
    raise RuntimeError("no convergence")


rng = np.random.default_rng(3)
n_l, p_l = 100, 8
X_l = rng.normal(size=(n_l, p_l))
X_l = (X_l - X_l.mean(axis=0)) / X_l.std(axis=0)
y_l = X_l[:, :3] @ np.array([3.0, -2.0, 1.0]) + rng.normal(size=n_l)
y_l = y_l - y_l.mean()
lam_l = 20.0
b_cd, sweeps = lasso_cd(X_l, y_l, lam_l)
b_sk = Lasso(alpha=lam_l / n_l, fit_intercept=False, tol=1e-14, max_iter=100_000).fit(X_l, y_l).coef_
b_wrong = Lasso(alpha=lam_l, fit_intercept=False).fit(X_l, y_l).coef_       # forgot to divide by n
grad = X_l.T @ (y_l - X_l @ b_cd)
print(f"coordinate descent ({sweeps} sweeps):", (b_cd + 0.0).round(4))
print("sklearn Lasso(alpha = lambda/n)    :", (b_sk + 0.0).round(4))
print("sklearn Lasso(alpha = lambda)      :", (b_wrong + 0.0).round(4))
print("x_j^T r:", grad.round(4), f" lambda_max = ||X^T y||_inf = {np.abs(X_l.T @ y_l).max():.2f}")
assert np.allclose(b_cd, b_sk, atol=1e-8)
nz = b_cd != 0
assert np.allclose(grad[nz], lam_l * np.sign(b_cd[nz])) and np.all(np.abs(grad[~nz]) <= lam_l + 1e-9)
assert np.all(b_wrong == 0) and np.abs(X_l.T @ y_l).max() / n_l <= lam_l   # alpha = lambda is above alpha_max

# %% [markdown] lang="zh"
# ## 7. $p>n$：无穷多个插值解与最小范数解 {#p-greater-than-n}
#
# $n=20$、$p=50$：$X^\top X$ 的秩只有 20，正规方程有无穷多解。伪逆解 $X^+\mathbf{y}=X^\top(XX^\top)^{-1}\mathbf{y}$ 插值训练集；
# 加上零空间里的任意向量仍是解，但范数更大。从 0 出发的梯度下降始终停留在 $X$ 的行空间里，收敛到的正是最小范数解；$\lambda\to0^+$ 的岭回归也趋于它。

# %% [markdown] lang="en"
# ## 7. $p>n$: infinitely many interpolating solutions and the minimum-norm one {#p-greater-than-n}
#
# $n=20$, $p=50$: $X^\top X$ has rank 20 only, so the normal equation has infinitely many solutions. The pseudo-inverse solution $X^+\mathbf{y}=X^\top(XX^\top)^{-1}\mathbf{y}$ interpolates the training set;
# adding any vector of the null space gives another solution with a larger norm. Gradient descent started at 0 never leaves the row space of $X$ and converges to exactly the minimum-norm solution; ridge with $\lambda\to0^+$ tends to it as well.

# %%
rng = np.random.default_rng(4)
n_w, p_w = 20, 50
X_w, y_w = rng.normal(size=(n_w, p_w)), rng.normal(size=n_w)
b_pinv = np.linalg.pinv(X_w) @ y_w
b_formula = X_w.T @ np.linalg.solve(X_w @ X_w.T, y_w)
b_lstsq = np.linalg.lstsq(X_w, y_w, rcond=None)[0]
null_vec = np.linalg.svd(X_w)[2][-1]                         # a unit vector with X v = 0
b_other = b_pinv + 3.0 * null_vec
b = np.zeros(p_w)
step = 1.0 / np.linalg.eigvalsh(X_w @ X_w.T).max()
for _ in range(20_000):
    b -= step * X_w.T @ (X_w @ b - y_w)
b_ridge0 = np.linalg.solve(X_w.T @ X_w + 1e-8 * np.eye(p_w), X_w.T @ y_w)
print("rank(X^T X) =", np.linalg.matrix_rank(X_w.T @ X_w), "of", p_w)
print(f"||b_pinv|| = {np.linalg.norm(b_pinv):.4f},  ||b_pinv + 3 v|| = {np.linalg.norm(b_other):.4f}, both interpolate:",
      np.allclose(X_w @ b_pinv, y_w) and np.allclose(X_w @ b_other, y_w))
print(f"max |GD from 0 - pinv| = {np.abs(b - b_pinv).max():.1e},  max |ridge(1e-8) - pinv| = {np.abs(b_ridge0 - b_pinv).max():.1e}")
assert np.linalg.matrix_rank(X_w.T @ X_w) == n_w
assert np.allclose(b_pinv, b_formula) and np.allclose(b_pinv, b_lstsq)
assert np.allclose(X_w @ b_pinv, y_w) and np.allclose(X_w @ b_other, y_w)
assert np.isclose(np.linalg.norm(b_other) ** 2, np.linalg.norm(b_pinv) ** 2 + 9.0)
assert np.allclose(b, b_pinv, atol=1e-10) and np.allclose(b_ridge0, b_pinv, atol=1e-5)

# %% [markdown] lang="zh"
# ## 8. 多重共线性与 VIF {#vif}
#
# $x_2=x_1+0.1\varepsilon$ 与 $x_1$ 高度相关，$x_3$ 独立。$\text{VIF}_j=1/(1-R_j^2)$（$R_j^2$ 是用其余特征加截距回归 $x_j$ 的决定系数），
# 它也等于特征相关矩阵之逆的对角元；并且 $[(X^\top X)^{-1}]_{jj}=1/\big(\text{TSS}_j(1-R_j^2)\big)$，所以 $\Var(\hat\beta_j)$ 被放大 VIF 倍。
# 最后对比同一设计上 OLS 与岭回归系数的方差 $\sigma^2 A X^\top X A^\top$，$A=(X^\top X+\lambda I)^{-1}$（这里为简单起见截距也一起惩罚）。

# %% [markdown] lang="en"
# ## 8. Multicollinearity and the VIF {#vif}
#
# $x_2=x_1+0.1\varepsilon$ is highly correlated with $x_1$; $x_3$ is independent. $\text{VIF}_j=1/(1-R_j^2)$ ($R_j^2$ is the coefficient of determination of regressing $x_j$ on the other features plus an intercept);
# it also equals the diagonal of the inverse correlation matrix of the features, and $[(X^\top X)^{-1}]_{jj}=1/\big(\text{TSS}_j(1-R_j^2)\big)$, so $\Var(\hat\beta_j)$ is inflated by the VIF.
# Finally compare the coefficient variances of OLS and ridge on the same design, $\sigma^2 A X^\top X A^\top$ with $A=(X^\top X+\lambda I)^{-1}$ (for simplicity the intercept is penalized too here).

# %%
rng = np.random.default_rng(5)
n_v = 200
x1 = rng.normal(size=n_v)
x2 = x1 + 0.1 * rng.normal(size=n_v)
x3 = rng.normal(size=n_v)
F = np.column_stack([x1, x2, x3])
X_v = np.column_stack([np.ones(n_v), F])


def r2_on_others(j):
    others = np.column_stack([np.ones(n_v), np.delete(F, j, axis=1)])
    coef = np.linalg.lstsq(others, F[:, j], rcond=None)[0]
    res = F[:, j] - others @ coef
    return 1 - res @ res / ((F[:, j] - F[:, j].mean()) ** 2).sum()


R2_j = np.array([r2_on_others(j) for j in range(3)])
vif = 1 / (1 - R2_j)
vif_corr = np.diag(np.linalg.inv(np.corrcoef(F, rowvar=False)))
tss_j = ((F - F.mean(axis=0)) ** 2).sum(axis=0)
print(f"corr(x1, x2) = {np.corrcoef(x1, x2)[0, 1]:.4f}, VIF = {vif.round(2)}")
assert np.allclose(vif, vif_corr)
assert np.allclose(np.diag(np.linalg.inv(X_v.T @ X_v))[1:], 1 / (tss_j * (1 - R2_j)))
assert round(vif[0], 1) == 101.7 and 90 < vif[1] < 110 and vif[2] < 1.01
assert round(np.corrcoef(x1, x2)[0, 1], 3) == 0.995

var_ols = np.diag(np.linalg.inv(X_v.T @ X_v))[1:]             # in units of sigma^2
A = np.linalg.inv(X_v.T @ X_v + 10.0 * np.eye(4))
var_ridge = np.diag(A @ X_v.T @ X_v @ A.T)[1:]
print("Var(beta_j) / sigma^2, OLS  :", var_ols.round(5))
print("Var(beta_j) / sigma^2, ridge:", var_ridge.round(5))
assert np.all(var_ridge < var_ols) and var_ols[0] / var_ridge[0] > 10

# %% [markdown] lang="zh"
# ## 9. 从零实现 KNN {#knn}
#
# 暴力法：用 $\lVert\mathbf{a}-\mathbf{b}\rVert^2=\lVert\mathbf{a}\rVert^2+\lVert\mathbf{b}\rVert^2-2\mathbf{a}^\top\mathbf{b}$ 一次算出全部距离，取最近的 $k$ 个投票；
# 距离加权用 $w=1/d$，与训练点重合（$d=0$）时只让重合点投票，这与 scikit-learn 的约定相同。与 `KNeighborsClassifier` 逐个预测比对。

# %% [markdown] lang="en"
# ## 9. KNN from scratch {#knn}
#
# Brute force: compute all distances at once with $\lVert\mathbf{a}-\mathbf{b}\rVert^2=\lVert\mathbf{a}\rVert^2+\lVert\mathbf{b}\rVert^2-2\mathbf{a}^\top\mathbf{b}$ and let the $k$ nearest vote;
# distance weighting uses $w=1/d$, and when the query coincides with training points ($d=0$) only those points vote, which is scikit-learn's convention. Compare every prediction with `KNeighborsClassifier`.

# %%
def knn_neighbors(X_train, X_query, k):
    d2 = (X_query ** 2).sum(1)[:, None] + (X_train ** 2).sum(1)[None, :] - 2 * X_query @ X_train.T
    dist = np.sqrt(np.maximum(d2, 0.0))
    idx = np.argsort(dist, axis=1, kind="stable")[:, :k]
    return idx, np.take_along_axis(dist, idx, axis=1)


def knn_weights(dist_k, weights):
    if weights == "uniform":
        return np.ones_like(dist_k)
    with np.errstate(divide="ignore"):
        w = 1.0 / dist_k
    exact = np.isinf(w)
    rows = exact.any(axis=1)
    w[rows] = exact[rows]                    # a query equal to training points: only they vote
    return w


def knn_classify(X_train, y_train, X_query, k, weights="uniform"):
    idx, dist_k = knn_neighbors(X_train, X_query, k)
    w = knn_weights(dist_k, weights)
    classes = np.unique(y_train)
    votes = np.stack([(w * (y_train[idx] == c)).sum(axis=1) for c in classes], axis=1)
    return classes[votes.argmax(axis=1)]     # ties go to the smallest class label


def knn_regress(X_train, y_train, X_query, k, weights="uniform"):
    idx, dist_k = knn_neighbors(X_train, X_query, k)
    w = knn_weights(dist_k, weights)
    return (w * y_train[idx]).sum(axis=1) / w.sum(axis=1)


X_m, y_m = make_moons(n_samples=300, noise=0.3, random_state=0)
Xq_m, yq_m = make_moons(n_samples=200, noise=0.3, random_state=1)
for k_nn in (1, 5, 15):
    for wt in ("uniform", "distance"):
        ours = knn_classify(X_m, y_m, Xq_m, k_nn, wt)
        theirs = KNeighborsClassifier(n_neighbors=k_nn, weights=wt, algorithm="brute").fit(X_m, y_m).predict(Xq_m)
        train_acc = (knn_classify(X_m, y_m, X_m, k_nn, wt) == y_m).mean()
        print(f"k = {k_nn:2d}, {wt:8s}: same as sklearn {np.array_equal(ours, theirs)}, "
              f"training accuracy {train_acc:.3f}, test accuracy {(ours == yq_m).mean():.3f}")
        assert np.array_equal(ours, theirs)
        if k_nn == 1 or wt == "distance":
            assert train_acc == 1.0            # each training point is its own nearest neighbor
        else:
            assert train_acc < 1.0

t_m = np.sin(3 * X_m[:, 0]) + X_m[:, 1]                       # a regression target on the same inputs
for wt in ("uniform", "distance"):
    ours = knn_regress(X_m, t_m, Xq_m, 7, wt)
    theirs = KNeighborsRegressor(n_neighbors=7, weights=wt, algorithm="brute").fit(X_m, t_m).predict(Xq_m)
    assert np.allclose(ours, theirs)

ks = list(range(1, 52, 2))
cv = [cross_val_score(KNeighborsClassifier(n_neighbors=kk), X_m, y_m, cv=5).mean() for kk in ks]
print("5-fold CV accuracy, k = 1 ... 51 (odd):", np.round(cv, 3))
print("best k by cross-validation:", ks[int(np.argmax(cv))])

# %% [markdown] lang="zh"
# **平票**：3 个类各 1 票时，scikit-learn 不看距离，返回类别编号最小的那个；距离加权则由最近的点决定。

# %% [markdown] lang="en"
# **Ties**: with one vote for each of 3 classes, scikit-learn ignores the distances and returns the smallest class label; with distance weighting the nearest point decides.

# %%
X_tie, y_tie = np.array([[-1.0], [1.0], [3.5]]), np.array([2, 1, 0])
query_tie = np.array([[1.2]])                                  # nearest point has label 1
tie_uniform = KNeighborsClassifier(n_neighbors=3).fit(X_tie, y_tie).predict(query_tie)[0]
tie_distance = KNeighborsClassifier(n_neighbors=3, weights="distance").fit(X_tie, y_tie).predict(query_tie)[0]
print("uniform vote:", tie_uniform, " distance-weighted vote:", tie_distance)
assert tie_uniform == 0 and tie_distance == 1

# %% [markdown] lang="zh"
# ## 10. 距离度量的几个性质 {#distances}
#
# - 马氏距离 $\sqrt{(\mathbf{x}-\mathbf{z})^\top S^{-1}(\mathbf{x}-\mathbf{z})}$ 等于用 $L^{-1}$ 白化（$S=LL^\top$）之后的欧氏距离；
# - 单位向量上 $\lVert\mathbf{a}-\mathbf{b}\rVert^2=2(1-\cos\theta)$，所以按余弦距离和按欧氏距离排出的近邻顺序相同；
# - 余弦距离 $1-\cos\theta$ 不满足三角不等式，因此不是度量（scikit-learn 的 `BallTree` 也不接受它）。

# %% [markdown] lang="en"
# ## 10. A few properties of distance metrics {#distances}
#
# - The Mahalanobis distance $\sqrt{(\mathbf{x}-\mathbf{z})^\top S^{-1}(\mathbf{x}-\mathbf{z})}$ equals the Euclidean distance after whitening with $L^{-1}$ ($S=LL^\top$);
# - on unit vectors $\lVert\mathbf{a}-\mathbf{b}\rVert^2=2(1-\cos\theta)$, so cosine distance and Euclidean distance rank neighbors in the same order;
# - the cosine distance $1-\cos\theta$ violates the triangle inequality, so it is not a metric (scikit-learn's `BallTree` does not accept it either).

# %%
from sklearn.neighbors import BallTree  # noqa: E402

rng = np.random.default_rng(9)
S = np.array([[4.0, 1.8], [1.8, 1.0]])
L_chol = np.linalg.cholesky(S)
pts = rng.multivariate_normal([0, 0], S, size=50)
for a_pt, b_pt in zip(pts[:10], pts[10:20]):
    white = np.linalg.norm(np.linalg.solve(L_chol, a_pt - b_pt))
    assert np.isclose(mahalanobis(a_pt, b_pt, np.linalg.inv(S)), white)

V = rng.normal(size=(200, 16))
V /= np.linalg.norm(V, axis=1, keepdims=True)
q_v = V[0]
cos = V[1:] @ q_v
eucl = np.linalg.norm(V[1:] - q_v, axis=1)
assert np.allclose(eucl ** 2, 2 * (1 - cos)) and np.array_equal(np.argsort(-cos), np.argsort(eucl))


def cos_dist(a, b):
    return 1 - a @ b / (np.linalg.norm(a) * np.linalg.norm(b))


a_v, b_v, c_v = np.array([1.0, 0.0]), np.array([1.0, 1.0]), np.array([0.0, 1.0])
print(f"cosine distances: d(a,c) = {cos_dist(a_v, c_v):.3f} > d(a,b) + d(b,c) = {cos_dist(a_v, b_v) + cos_dist(b_v, c_v):.3f}")
assert cos_dist(a_v, c_v) > cos_dist(a_v, b_v) + cos_dist(b_v, c_v)
assert round(cos_dist(a_v, b_v) + cos_dist(b_v, c_v), 3) == 0.586
assert "cosine" not in BallTree.valid_metrics

# %% [markdown] lang="zh"
# ## 11. 从零实现 kd 树 {#kd-tree}
#
# 按深度轮换坐标轴、取中位数切分，每个结点存一个点（中位点）。最近邻搜索先下行到叶，再回溯：
# 以查询点为球心、当前最近距离为半径的超球与切分超平面相交（$\lvert q_a-s\rvert<r$）时才进入另一侧子树。
# 在均匀随机点上核对每个查询都与暴力搜索一致，并统计平均访问的结点比例（$n=2000$）。

# %% [markdown] lang="en"
# ## 11. A kd-tree from scratch {#kd-tree}
#
# Cycle through the axes by depth and split at the median; each node stores one point (the median point). Nearest-neighbor search first descends to a leaf, then backtracks:
# it enters the other subtree only when the hypersphere centered at the query with the current best distance as radius crosses the splitting hyperplane ($\lvert q_a-s\rvert<r$).
# On uniform random points we check that every query agrees with brute force and count the average fraction of nodes visited ($n=2000$).

# %%
def kd_build(points, idx=None, depth=0):
    if idx is None:
        idx = np.arange(len(points))
    if len(idx) == 0:
        return None
    axis = depth % points.shape[1]
    idx = idx[np.argsort(points[idx, axis], kind="stable")]
    m = len(idx) // 2
    return {"i": idx[m], "axis": axis,
            "left": kd_build(points, idx[:m], depth + 1),
            "right": kd_build(points, idx[m + 1:], depth + 1)}


def kd_nearest(node, points, q, best=(np.inf, -1), counter=None):
    if node is None:
        return best
    if counter is not None:
        counter[0] += 1
    x = points[node["i"]]
    dist = np.sqrt(((x - q) ** 2).sum())
    if dist < best[0]:
        best = (dist, node["i"])
    diff = q[node["axis"]] - x[node["axis"]]
    near, far = (node["left"], node["right"]) if diff < 0 else (node["right"], node["left"])
    best = kd_nearest(near, points, q, best, counter)
    if abs(diff) < best[0]:                      # the ball crosses the splitting hyperplane
        best = kd_nearest(far, points, q, best, counter)
    return best


rng = np.random.default_rng(6)
n_kd, n_q = 2000, 200
visited = {}
for d_kd in (2, 5, 10, 20):
    P = rng.uniform(size=(n_kd, d_kd))
    Q = rng.uniform(size=(n_q, d_kd))
    tree = kd_build(P)
    counter = [0]
    for q in Q:
        dist, i = kd_nearest(tree, P, q, counter=counter)
        brute = np.sqrt(((P - q) ** 2).sum(axis=1))
        assert i == brute.argmin() and np.isclose(dist, brute.min())
    visited[d_kd] = counter[0] / (n_q * n_kd)
    print(f"d = {d_kd:2d}: all {n_q} queries equal brute force; nodes visited per query = {visited[d_kd]:.1%} of n")
assert visited[2] < 0.02 and visited[5] < 0.1 and visited[10] > 0.5 and visited[20] > 0.99
assert (round(visited[2], 3), round(visited[5], 3), round(visited[10], 2)) == (0.008, 0.046, 0.65)   # the page quotes 0.8%, 4.6%, 65%
assert all(visited[a] < visited[b] for a, b in ((2, 5), (5, 10), (10, 20)))

# scikit-learn 1.9's algorithm="auto" switches to brute force above 15 features (and for k >= n/2)
auto_15 = KNeighborsClassifier(algorithm="auto").fit(rng.normal(size=(500, 15)), rng.integers(0, 2, 500))
auto_16 = KNeighborsClassifier(algorithm="auto").fit(rng.normal(size=(500, 16)), rng.integers(0, 2, 500))
print("algorithm='auto' picks:", auto_15._fit_method, "for d = 15,", auto_16._fit_method, "for d = 16")
assert auto_15._fit_method == "kd_tree" and auto_16._fit_method == "brute"

# %% [markdown] lang="zh"
# $n=2000$ 时树深约 $\log_2 n\approx11$：$d=20$ 时每个坐标最多被切一次，剪枝几乎从不生效，kd 树退化为（更慢的）暴力搜索。
# 上面代码的最后一段还核对了：scikit-learn 1.9 的 `algorithm="auto"` 在特征数超过 15 时直接改用暴力搜索。

# %% [markdown] lang="en"
# With $n=2000$ the tree is about $\log_2 n\approx11$ levels deep: at $d=20$ each coordinate is split at most once, pruning almost never fires, and the kd-tree degenerates into a (slower) brute-force search.
# The last lines of the cell above also check that scikit-learn 1.9's `algorithm="auto"` switches to brute force above 15 features.

# %% [markdown] lang="zh"
# ## 12. 1-NN 的渐近误差与 Cover–Hart 界 {#cover-hart}
#
# 一维例子：$X\sim U(0,1)$，$\eta(x)=P(Y=1\mid x)=0.5+0.4\sin(2\pi x)$。贝叶斯风险 $R^*=\E[\min(\eta,1-\eta)]$，
# 1-NN 的渐近风险 $R_{1}=\E[2\eta(1-\eta)]$，应满足 $R^*\le R_1\le 2R^*(1-R^*)$。用 $n=20000$ 个训练点模拟 1-NN，误差应接近 $R_1$。
# 固定奇数 $k$ 的渐近风险 $R_k=\E\big[\eta\,P(\text{Bin}(k,\eta)\le\tfrac{k-1}{2})+(1-\eta)\,P(\text{Bin}(k,\eta)\ge\tfrac{k+1}{2})\big]$ 随 $k$ 单调下降趋向 $R^*$。

# %% [markdown] lang="en"
# ## 12. The asymptotic 1-NN error and the Cover–Hart bound {#cover-hart}
#
# A 1-D example: $X\sim U(0,1)$, $\eta(x)=P(Y=1\mid x)=0.5+0.4\sin(2\pi x)$. The Bayes risk is $R^*=\E[\min(\eta,1-\eta)]$,
# the asymptotic 1-NN risk $R_{1}=\E[2\eta(1-\eta)]$, and they should satisfy $R^*\le R_1\le 2R^*(1-R^*)$. Simulating 1-NN with $n=20000$ training points should give an error close to $R_1$.
# For a fixed odd $k$ the asymptotic risk $R_k=\E\big[\eta\,P(\text{Bin}(k,\eta)\le\tfrac{k-1}{2})+(1-\eta)\,P(\text{Bin}(k,\eta)\ge\tfrac{k+1}{2})\big]$ falls monotonically towards $R^*$ as $k$ grows.

# %%
def eta(x):
    return 0.5 + 0.4 * np.sin(2 * np.pi * x)


R_star = integrate.quad(lambda x: min(eta(x), 1 - eta(x)), 0, 1, limit=200)[0]
R_1 = integrate.quad(lambda x: 2 * eta(x) * (1 - eta(x)), 0, 1)[0]
bound = 2 * R_star * (1 - R_star)

rng = np.random.default_rng(8)
n_tr, n_te = 20_000, 200_000
x_tr = np.sort(rng.uniform(size=n_tr))
y_tr = (rng.uniform(size=n_tr) < eta(x_tr)).astype(int)
x_te = rng.uniform(size=n_te)
y_te = (rng.uniform(size=n_te) < eta(x_te)).astype(int)
pos = np.clip(np.searchsorted(x_tr, x_te), 1, n_tr - 1)       # 1-D nearest neighbor by binary search
nn = np.where(x_te - x_tr[pos - 1] <= x_tr[pos] - x_te, pos - 1, pos)
err_1nn = (y_tr[nn] != y_te).mean()


def asymptotic_knn_risk(k):
    def f(x):
        e = eta(x)
        return e * binom.cdf((k - 1) // 2, k, e) + (1 - e) * binom.sf((k - 1) // 2, k, e)
    return integrate.quad(f, 0, 1, limit=200)[0]


R_k = {kk: asymptotic_knn_risk(kk) for kk in (1, 3, 5, 9, 31, 101)}
print(f"R* = {R_star:.4f}, R_1 = {R_1:.4f}, 2R*(1-R*) = {bound:.4f}, simulated 1-NN error = {err_1nn:.4f}")
print("asymptotic R_k:", {kk: round(v, 4) for kk, v in R_k.items()})
assert R_star <= R_1 <= bound <= 2 * R_star
assert np.isclose(2 * 0.1 * (1 - 0.1), 0.18)                 # the page's example: R* = 10% gives R_1NN <= 18%
assert round(R_star, 4) == 0.2454 and round(R_1, 2) == 0.34 and round(bound, 4) == 0.3703
assert abs(err_1nn - R_1) < 0.005 and np.isclose(R_k[1], R_1)
assert round(err_1nn, 3) == 0.339                                 # the simulated error the page quotes
assert all(a > b for a, b in zip(list(R_k.values()), list(R_k.values())[1:])) and R_k[101] > R_star

# %% [markdown] lang="zh"
# ## 13. 维度灾难 {#curse}
#
# **体积**：单位超立方体中，要框住比例为 $r$ 的均匀样本，子立方体的边长须为 $r^{1/d}$。$d=10$ 时框住 1% 和 10% 的数据分别需要每个坐标范围的 63% 和 79%。
# 同理，$d$ 维球中离表面不到 5% 半径的"外壳"占体积的 $1-0.95^d$，$d=100$ 时为 99.4%。
# **最近点**：$d$ 维单位球内均匀分布的 $N$ 个点，离球心最近的点的距离中位数为 $(1-2^{-1/N})^{1/d}$；$N=500$、$d=10$ 时约 0.52，已超过到边界距离的一半（用模拟核对）。

# %% [markdown] lang="en"
# ## 13. The curse of dimensionality {#curse}
#
# **Volume**: in the unit hypercube, a sub-cube that captures a fraction $r$ of uniform data needs edge length $r^{1/d}$. At $d=10$, capturing 1% or 10% of the data takes 63% or 79% of the range of each coordinate.
# Likewise, the outer shell of a $d$-dimensional ball, within 5% of the radius from the surface, holds a fraction $1-0.95^d$ of the volume: 99.4% at $d=100$.
# **Closest point**: for $N$ points uniform in the $d$-dimensional unit ball, the median distance from the center to the closest point is $(1-2^{-1/N})^{1/d}$; at $N=500$, $d=10$ it is about 0.52, more than half-way to the boundary (checked by simulation).

# %%
edge = {(r, d_c): r ** (1 / d_c) for r in (0.01, 0.1) for d_c in (1, 2, 10, 100)}
print({key: round(v, 3) for key, v in edge.items()})
assert round(edge[(0.01, 10)], 3) == 0.631 and round(edge[(0.1, 10)], 3) == 0.794
shell = 1 - 0.95 ** 100                                       # volume of the outer 5% shell of a 100-D ball
print(f"fraction of a 100-D ball's volume within 5% of its surface: {shell:.3f}")
assert round(shell, 3) == 0.994

median_formula = (1 - 0.5 ** (1 / 500)) ** (1 / 10)
rng = np.random.default_rng(10)
reps_b, N_b, d_b = 2000, 500, 10
radii = rng.uniform(size=(reps_b, N_b)) ** (1 / d_b)         # uniform in the ball: radius ~ U^(1/d)
closest = radii.min(axis=1)                                   # the direction does not matter for the norm
print(f"median distance to the closest of 500 points in the 10-D ball: formula {median_formula:.3f}, "
      f"simulation {np.median(closest):.3f}")
assert round(median_formula, 2) == 0.52 and abs(np.median(closest) - median_formula) < 0.01

# %% [markdown] lang="zh"
# **距离集中**：$n=1000$ 个 $[0,1]^d$ 中的均匀点，对 10 个随机查询点计算最远距离与最近距离之比（取平均）。随 $d$ 增大它单调下降并趋于 1。
# 解释：两个独立均匀点之间的平方距离是 $d$ 个独立项之和，均值 $d/6$、方差 $7d/180$，相对标准差 $\sqrt{7/5}/\sqrt{d}\approx1.18/\sqrt{d}\to0$。

# %% [markdown] lang="en"
# **Distance concentration**: $n=1000$ uniform points in $[0,1]^d$; for 10 random queries, the ratio of the farthest to the nearest distance (averaged). It falls monotonically towards 1 as $d$ grows.
# Why: the squared distance between two independent uniform points is a sum of $d$ independent terms with mean $d/6$ and variance $7d/180$, so its relative standard deviation is $\sqrt{7/5}/\sqrt{d}\approx1.18/\sqrt{d}\to0$.

# %%
rng = np.random.default_rng(7)
ratios = {}
for d_c in (2, 10, 100, 1000, 10_000):
    P = rng.uniform(size=(1000, d_c))
    Q = rng.uniform(size=(10, d_c))
    D = np.sqrt(np.maximum((Q ** 2).sum(1)[:, None] + (P ** 2).sum(1)[None, :] - 2 * Q @ P.T, 0.0))
    ratios[d_c] = (D.max(axis=1) / D.min(axis=1)).mean()
    print(f"d = {d_c:5d}: mean D_max/D_min = {ratios[d_c]:.3f}")
values = list(ratios.values())
assert all(a > b for a, b in zip(values, values[1:])) and values[-1] < 1.05
assert ratios[2] > 20 and 3 < ratios[10] < 5 and 1.3 < ratios[100] < 1.5 and 1.05 < ratios[1000] < 1.2
assert (round(ratios[2]), round(ratios[10], 1), round(ratios[100], 2), round(ratios[1000], 2), round(ratios[10_000], 3)) \
    == (72, 4.0, 1.42, 1.12, 1.035)                                # the values the page quotes

# per coordinate, with x, z independent U(0,1): E[(x-z)^2] = 1/6, E[(x-z)^4] = 1/15, variance 7/180
m2 = integrate.dblquad(lambda z, x: (x - z) ** 2, 0, 1, 0, 1)[0]
m4 = integrate.dblquad(lambda z, x: (x - z) ** 4, 0, 1, 0, 1)[0]
assert np.isclose(m2, 1 / 6) and np.isclose(m4, 1 / 15) and np.isclose(m4 - m2 ** 2, 7 / 180)
assert np.isclose(np.sqrt(7 / 180) / (1 / 6), np.sqrt(7 / 5))     # relative std sqrt(7d/180)/(d/6) = sqrt(7/5)/sqrt(d)

for d_c in (2, 10, 100, 1000):                                 # 4000 independent pairs per dimension
    A_pts, B_pts = rng.uniform(size=(4000, d_c)), rng.uniform(size=(4000, d_c))
    sq = ((A_pts - B_pts) ** 2).sum(axis=1)
    rel = sq.std() / sq.mean()
    print(f"d = {d_c:4d}: relative std of the squared distance {rel:.4f}, theory sqrt(7/5)/sqrt(d) = {np.sqrt(1.4 / d_c):.4f}")
    assert abs(sq.mean() / (d_c / 6) - 1) < 0.05 and abs(rel / np.sqrt(1.4 / d_c) - 1) < 0.05
