# %% [markdown] lang="zh"
# # 四个白板推导的数值核对
#
# 面试中最常被要求当场推导的四个公式，本实验逐一用数值核对（只用 numpy、scipy、scikit-learn）：
#
# 1. **软间隔 SVM 的对偶与 SMO**（[支持向量机](../ml/svm.md#soft-margin-dual)）：自己实现 SMO 解对偶问题，与 scikit-learn 的 `SVC` 和 scipy 的通用求解器对照 $\mathbf{w}$、$b$、支持向量和目标值，再逐条检查 KKT 条件和 $\alpha$ 三种取值的含义；
# 2. **AdaBoost 的 $\alpha_t$ 与训练误差上界**（[集成学习](../ml/ensemble.md#adaboost-derivation)）：从零实现决策树桩 AdaBoost，每一轮核对 $\alpha_t$ 是指数损失的线搜索解、$Z_t=2\sqrt{\varepsilon_t(1-\varepsilon_t)}$，以及 训练误差 $\le\prod_t Z_t\le\exp(-2\sum_t\gamma_t^2)$；与 `AdaBoostClassifier` 对照；
# 3. **BatchNorm 的反向传播**（[归一化层](../dl/normalization.md#bn-backward)）：公式与有限差分对照（相对误差 $10^{-6}$），以及 LayerNorm、RMSNorm 和推理模式下的形式；
# 4. **CBOW 与层次 softmax 的梯度**（[词向量](../nlp/word-embeddings.md#hs-gradient)）：在页面那棵 6 个词的霍夫曼树上用有限差分核对节点向量和上下文词向量的梯度，并核对完整 softmax 与负采样的梯度。

# %% [markdown] lang="en"
# # Four whiteboard derivations, checked numerically
#
# The four formulas interviewers most often ask candidates to derive on the spot, each checked here with numbers (numpy, scipy and scikit-learn only):
#
# 1. **The soft-margin SVM dual and SMO** ([support vector machines](../ml/svm.md#soft-margin-dual)): a hand-written SMO solves the dual; $\mathbf{w}$, $b$, the support vectors and the objective are compared with scikit-learn's `SVC` and a general scipy solver, and every KKT condition and the meaning of the three ranges of $\alpha$ are checked;
# 2. **AdaBoost's $\alpha_t$ and its training-error bound** ([ensemble learning](../ml/ensemble.md#adaboost-derivation)): AdaBoost with decision stumps from scratch; at every round, $\alpha_t$ is the line-search minimiser of the exponential loss, $Z_t=2\sqrt{\varepsilon_t(1-\varepsilon_t)}$, and training error $\le\prod_t Z_t\le\exp(-2\sum_t\gamma_t^2)$; compared with `AdaBoostClassifier`;
# 3. **The batch-norm backward pass** ([normalization layers](../dl/normalization.md#bn-backward)): the formula against finite differences (relative tolerance $10^{-6}$), plus the LayerNorm, RMSNorm and inference-mode forms;
# 4. **CBOW and hierarchical-softmax gradients** ([word embeddings](../nlp/word-embeddings.md#hs-gradient)): on the page's six-word Huffman tree, the gradients for the node vectors and the context word vectors against finite differences, and the full-softmax and negative-sampling gradients too.

# %%
import heapq

import numpy as np
from scipy.optimize import minimize, minimize_scalar
from sklearn.ensemble import AdaBoostClassifier
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

np.set_printoptions(precision=4, suppress=True)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def numeric_grad(f, x, h=1e-5):
    """Central finite differences of a scalar function f at array x (x is restored)."""
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        up = f()
        x[idx] = old - h
        down = f()
        x[idx] = old
        g[idx] = (up - down) / (2 * h)
    return g


# %% [markdown] lang="zh"
# ## 1. 软间隔 SVM：用 SMO 解对偶问题 {#svm-dual}
#
# 两团有重叠的二维高斯点（各 20 个，$C=1$），保证三种 $\alpha$ 都会出现。下面的 SMO 按 Platt（1998）的结构实现：
# 外层循环找违反 KKT 条件的 $\alpha_2$（先扫全部样本，再反复扫 $0<\alpha<C$ 的样本），内层用 $\lvert E_1-E_2\rvert$ 最大的启发式选 $\alpha_1$；
# 每一步解析地更新 $\alpha_2$、裁剪到 $[L,H]$、由等式约束得到 $\alpha_1$，再更新 $b$。记号与页面一致：$f(\mathbf{x})=\mathbf{w}^\top\mathbf{x}+b$，$E_i=f(\mathbf{x}_i)-y_i$，$\eta=K_{11}+K_{22}-2K_{12}$。
# 每次更新后都断言盒约束和 $\sum_i\alpha_iy_i=0$ 仍成立。

# %% [markdown] lang="en"
# ## 1. Soft-margin SVM: solving the dual with SMO {#svm-dual}
#
# Two overlapping 2-D Gaussian clouds (20 points each, $C=1$), so that all three kinds of $\alpha$ occur. The SMO below follows the structure of Platt (1998):
# the outer loop looks for an $\alpha_2$ that violates the KKT conditions (first a pass over all samples, then repeated passes over those with $0<\alpha<C$), and the inner loop picks $\alpha_1$ with the largest $\lvert E_1-E_2\rvert$;
# each step updates $\alpha_2$ analytically, clips it to $[L,H]$, gets $\alpha_1$ from the equality constraint, and updates $b$. Notation as on the page: $f(\mathbf{x})=\mathbf{w}^\top\mathbf{x}+b$, $E_i=f(\mathbf{x}_i)-y_i$, $\eta=K_{11}+K_{22}-2K_{12}$.
# After every update we assert that the box constraints and $\sum_i\alpha_iy_i=0$ still hold.

# %%
rng = np.random.default_rng(0)
n_svm, C = 40, 1.0
X_svm = np.vstack([rng.normal([1.0, 1.0], 1.0, size=(n_svm // 2, 2)),
                   rng.normal([-1.0, -1.0], 1.0, size=(n_svm // 2, 2))])
y_svm = np.r_[np.ones(n_svm // 2), -np.ones(n_svm // 2)]


def smo(X, y, C, tol=1e-9, seed=0):
    """Platt's SMO for the linear-kernel soft-margin dual. Returns alpha, b and the number of pair updates."""
    K = X @ X.T
    n = len(y)
    a, b, steps = np.zeros(n), 0.0, 0
    order_rng = np.random.default_rng(seed)

    def errors():
        return K @ (a * y) + b - y                       # E_i = f(x_i) - y_i

    def take_step(i1, i2):
        nonlocal b, steps
        if i1 == i2:
            return False
        E = errors()
        a1, a2, y1, y2 = a[i1], a[i2], y[i1], y[i2]
        if y1 != y2:
            L, H = max(0.0, a2 - a1), min(C, C + a2 - a1)
        else:
            L, H = max(0.0, a1 + a2 - C), min(C, a1 + a2)
        eta = K[i1, i1] + K[i2, i2] - 2 * K[i1, i2]
        if L >= H or eta <= 0:                           # eta <= 0 needs Platt's endpoint rule; not met here
            return False
        a2_new = float(np.clip(a2 + y2 * (E[i1] - E[i2]) / eta, L, H))
        if abs(a2_new - a2) < 1e-12 * (a2_new + a2 + 1e-12):
            return False
        a1_new = a1 + y1 * y2 * (a2 - a2_new)           # keeps y1 a1 + y2 a2 constant
        d1, d2 = a1_new - a1, a2_new - a2
        b1 = b - E[i1] - y1 * d1 * K[i1, i1] - y2 * d2 * K[i1, i2]
        b2 = b - E[i2] - y1 * d1 * K[i1, i2] - y2 * d2 * K[i2, i2]
        b = b1 if 0 < a1_new < C else b2 if 0 < a2_new < C else (b1 + b2) / 2
        a[i1], a[i2] = a1_new, a2_new
        steps += 1
        assert np.all(a >= -1e-12) and np.all(a <= C + 1e-12) and abs(a @ y) < 1e-9
        return True

    def examine(i2):
        E = errors()
        r2 = y[i2] * E[i2]                               # = y2 f(x2) - 1
        if (r2 < -tol and a[i2] < C) or (r2 > tol and a[i2] > 0):
            free = np.flatnonzero((a > 0) & (a < C))
            if len(free) > 1 and take_step(free[np.argmax(np.abs(E[free] - E[i2]))], i2):
                return 1
            for i1 in np.roll(free, order_rng.integers(max(len(free), 1))):
                if take_step(i1, i2):
                    return 1
            for i1 in np.roll(np.arange(n), order_rng.integers(n)):
                if take_step(i1, i2):
                    return 1
        return 0

    changed, examine_all = 0, True
    while changed > 0 or examine_all:
        candidates = np.arange(n) if examine_all else np.flatnonzero((a > 0) & (a < C))
        changed = sum(examine(i) for i in candidates)
        if examine_all:
            examine_all = False
        elif changed == 0:
            examine_all = True
    return a, b, steps


alpha, b_smo, steps = smo(X_svm, y_svm, C)
w_smo = (alpha * y_svm) @ X_svm                          # stationarity: w = sum_i alpha_i y_i x_i
print(f"SMO: {steps} pair updates, w = {w_smo}, b = {b_smo:.6f}")

# %% [markdown] lang="zh"
# 与 scikit-learn（libsvm，同样是 SMO 类的分解算法）和 scipy 的通用约束优化器（SLSQP）对照：
# $\mathbf{w}$、$b$、支持向量集合、每个 $\alpha_i$ 都一致；对偶最优值等于原始最优值（强对偶）。

# %% [markdown] lang="en"
# Compared with scikit-learn (libsvm, also an SMO-type decomposition method) and with scipy's general constrained optimiser (SLSQP):
# $\mathbf{w}$, $b$, the set of support vectors and every $\alpha_i$ agree, and the dual optimum equals the primal optimum (strong duality).

# %%
clf = SVC(kernel="linear", C=C, tol=1e-10).fit(X_svm, y_svm)
alpha_sk = np.zeros(n_svm)
alpha_sk[clf.support_] = np.abs(clf.dual_coef_[0])       # dual_coef_ stores alpha_i y_i
print("sklearn: w =", clf.coef_[0], f" b = {clf.intercept_[0]:.6f}")
print(f"max |alpha_SMO - alpha_sklearn| = {np.abs(alpha - alpha_sk).max():.1e}")
assert np.allclose(w_smo, clf.coef_[0], atol=1e-6)
assert abs(b_smo - clf.intercept_[0]) < 1e-6
assert np.allclose(alpha, alpha_sk, atol=1e-6)
sv = 1e-8                                                 # numerical zero for alpha
assert set(np.flatnonzero(alpha > sv)) == set(clf.support_)

Q = (y_svm[:, None] * X_svm) @ (y_svm[:, None] * X_svm).T   # Q_ij = y_i y_j x_i^T x_j


def dual_objective(a):
    return a.sum() - 0.5 * a @ Q @ a                       # to be maximised


res = minimize(lambda a: -dual_objective(a), np.zeros(n_svm), jac=lambda a: Q @ a - 1,
               bounds=[(0, C)] * n_svm, method="SLSQP", options={"ftol": 1e-14, "maxiter": 1000},
               constraints=[{"type": "eq", "fun": lambda a: a @ y_svm, "jac": lambda a: y_svm}])
f_svm = X_svm @ w_smo + b_smo
xi = np.maximum(0.0, 1 - y_svm * f_svm)                    # optimal slack for the given (w, b)
primal = 0.5 * w_smo @ w_smo + C * xi.sum()
print(f"dual optimum: SMO {dual_objective(alpha):.8f}, SLSQP {-res.fun:.8f};  primal optimum {primal:.8f}")
assert abs(dual_objective(alpha) + res.fun) < 1e-6
assert abs(primal - dual_objective(alpha)) < 1e-6       # zero duality gap

# %% [markdown] lang="zh"
# ## KKT 条件逐条检查 {#svm-kkt}
#
# 页面列出的全部条件：原始可行（$y_if(\mathbf{x}_i)\ge1-\xi_i$，$\xi_i\ge0$）、对偶可行（$\alpha_i\ge0$，$\mu_i=C-\alpha_i\ge0$）、
# 两组互补松弛（$\alpha_i[y_if(\mathbf{x}_i)-1+\xi_i]=0$，$\mu_i\xi_i=0$）、三条平稳性条件（$\mathbf{w}=\sum_i\alpha_iy_i\mathbf{x}_i$，$\sum_i\alpha_iy_i=0$，$C-\alpha_i-\mu_i=0$）。

# %% [markdown] lang="en"
# ## Every KKT condition, one by one {#svm-kkt}
#
# All the conditions listed on the page: primal feasibility ($y_if(\mathbf{x}_i)\ge1-\xi_i$, $\xi_i\ge0$), dual feasibility ($\alpha_i\ge0$, $\mu_i=C-\alpha_i\ge0$),
# both complementary-slackness conditions ($\alpha_i[y_if(\mathbf{x}_i)-1+\xi_i]=0$, $\mu_i\xi_i=0$) and the three stationarity conditions ($\mathbf{w}=\sum_i\alpha_iy_i\mathbf{x}_i$, $\sum_i\alpha_iy_i=0$, $C-\alpha_i-\mu_i=0$).

# %%
mu = C - alpha                                            # from stationarity in xi_i
kkt = {
    "primal feasibility  y f >= 1 - xi": np.min(y_svm * f_svm - 1 + xi),
    "primal feasibility  xi >= 0": np.min(xi),
    "dual feasibility    alpha >= 0": np.min(alpha),
    "dual feasibility    mu >= 0": np.min(mu),
    "compl. slackness    max |alpha (y f - 1 + xi)|": np.max(np.abs(alpha * (y_svm * f_svm - 1 + xi))),
    "compl. slackness    max |mu xi|": np.max(np.abs(mu * xi)),
    "stationarity        |w - sum alpha y x|": np.linalg.norm(w_smo - (alpha * y_svm) @ X_svm),
    "stationarity        |sum alpha y|": abs(alpha @ y_svm),
}
for name, value in kkt.items():
    print(f"{name:<50s} {value: .1e}")
assert kkt["primal feasibility  y f >= 1 - xi"] >= -1e-9 and kkt["primal feasibility  xi >= 0"] >= 0
assert kkt["dual feasibility    alpha >= 0"] >= -1e-12 and kkt["dual feasibility    mu >= 0"] >= -1e-12
assert kkt["compl. slackness    max |alpha (y f - 1 + xi)|"] < 1e-8
assert kkt["compl. slackness    max |mu xi|"] < 1e-8
assert kkt["stationarity        |w - sum alpha y x|"] < 1e-12 and kkt["stationarity        |sum alpha y|"] < 1e-9

# %% [markdown] lang="zh"
# ## α 的三种取值与 b {#svm-alpha-ranges}
#
# 页面的结论：$\alpha_i=0\Rightarrow y_if_i\ge1$（间隔外或边界上）；$0<\alpha_i<C\Rightarrow y_if_i=1$，$\xi_i=0$（恰在间隔边界上）；$\alpha_i=C\Rightarrow y_if_i\le1$（间隔内或被误分）。
# $b$ 只能用 $0<\alpha_s<C$ 的**自由支持向量**算，$b=y_s-\mathbf{w}^\top\mathbf{x}_s$；用 $\alpha=C$ 的点算会出错。

# %% [markdown] lang="en"
# ## The three ranges of α, and b {#svm-alpha-ranges}
#
# The page's conclusions: $\alpha_i=0\Rightarrow y_if_i\ge1$ (outside the margin or on it); $0<\alpha_i<C\Rightarrow y_if_i=1$, $\xi_i=0$ (exactly on the margin); $\alpha_i=C\Rightarrow y_if_i\le1$ (inside the margin or misclassified).
# Only **free support vectors** ($0<\alpha_s<C$) give $b$, as $b=y_s-\mathbf{w}^\top\mathbf{x}_s$; a point with $\alpha=C$ gives a wrong value.

# %%
yf = y_svm * f_svm
zero, free, bound = alpha <= sv, (alpha > sv) & (alpha < C - sv), alpha >= C - sv
print(f"alpha = 0: {zero.sum()} samples, min y f = {yf[zero].min():.4f}")
print(f"0 < alpha < C: {free.sum()} samples, y f = {yf[free]}")
print(f"alpha = C: {bound.sum()} samples, max y f = {yf[bound].max():.4f}, "
      f"misclassified among them: {(yf[bound] < 0).sum()}")
assert (zero.sum(), free.sum(), bound.sum()) == (25, 3, 12)
assert np.all(yf[zero] >= 1 - 1e-8) and np.allclose(yf[free], 1, atol=1e-8) and np.all(yf[bound] <= 1 + 1e-8)
assert np.all(xi[zero | free] < 1e-8) and np.all(xi[bound] > 0)
assert (yf[bound] < 0).sum() == 6 and np.all(yf[bound][yf[bound] >= 0] > 0)   # 6 misclassified, 6 inside the margin
assert np.all(yf[bound] < 1 - 1e-6)                                            # all 12 strictly inside the margin (xi > 0)

b_free = y_svm[free] - X_svm[free] @ w_smo
b_bound = y_svm[bound] - X_svm[bound] @ w_smo
print("b from each free SV:", b_free, " mean:", round(b_free.mean(), 6))
print("b wrongly taken from alpha = C points ranges over", b_bound.min().round(3), "to", b_bound.max().round(3))
assert np.ptp(b_free) < 1e-8 and abs(b_free.mean() - clf.intercept_[0]) < 1e-6
assert np.abs(b_bound - b_free.mean()).min() > 0.05

# %% [markdown] lang="zh"
# ## 2. AdaBoost：从指数损失到训练误差上界 {#adaboost}
#
# 玩具数据：$[-1,1]^2$ 上均匀的 100 个点，圆 $x_1^2+x_2^2<0.5$ 内为 $+1$、外为 $-1$。弱学习器是决策树桩：遍历每个特征的每个切分点和两个方向，取**加权错误率最小**的那个（这正是推导中“固定 $\alpha$ 时最优的 $h$”）。
# 每一轮记下 $\varepsilon_t$、$\alpha_t=\frac{1}{2}\ln\frac{1-\varepsilon_t}{\varepsilon_t}$、实际的归一化因子 $Z_t=\sum_iw_{t,i}e^{-\alpha_ty_ih_t(\mathbf{x}_i)}$ 和更新后 $h_t$ 的加权错误率。

# %% [markdown] lang="en"
# ## 2. AdaBoost: from the exponential loss to the training-error bound {#adaboost}
#
# Toy data: 100 points uniform on $[-1,1]^2$, $+1$ inside the circle $x_1^2+x_2^2<0.5$ and $-1$ outside. The weak learner is a decision stump: over every threshold of every feature and both directions, take the one with the **smallest weighted error** (exactly "the best $h$ for a fixed $\alpha$" of the derivation).
# Each round records $\varepsilon_t$, $\alpha_t=\frac{1}{2}\ln\frac{1-\varepsilon_t}{\varepsilon_t}$, the actual normaliser $Z_t=\sum_iw_{t,i}e^{-\alpha_ty_ih_t(\mathbf{x}_i)}$ and the weighted error of $h_t$ after the update.

# %%
def circle_data(n=100, seed=0):
    r = np.random.default_rng(seed)
    X = r.uniform(-1, 1, size=(n, 2))
    return X, np.where(X[:, 0] ** 2 + X[:, 1] ** 2 < 0.5, 1, -1)


def fit_stump(X, y, w):
    """Stump (feature, threshold, sign) minimising the weighted error sum_i w_i 1[h(x_i) != y_i]."""
    best_err, best = np.inf, None
    for j in range(X.shape[1]):
        order = np.argsort(X[:, j], kind="stable")
        xs, ys, ws = X[order, j], y[order], w[order]
        pos_left = np.r_[0, np.cumsum(ws * (ys == 1))]
        neg_left = np.r_[0, np.cumsum(ws * (ys == -1))]
        err_up = pos_left + neg_left[-1] - neg_left       # predict +1 to the right of the split
        can_split = np.r_[True, xs[1:] != xs[:-1], True]
        for sign, err in ((1, err_up), (-1, w.sum() - err_up)):
            err = np.where(can_split, err, np.inf)
            k = int(np.argmin(err))
            if err[k] < best_err:
                thr = -np.inf if k == 0 else np.inf if k == len(xs) else (xs[k - 1] + xs[k]) / 2
                best_err, best = err[k], (j, thr, sign)
    return best


def stump_predict(stump, X):
    j, thr, sign = stump
    return np.where(X[:, j] > thr, sign, -sign)


def adaboost(X, y, T):
    n = len(y)
    w = np.full(n, 1 / n)
    F = np.zeros(n)
    log = {"eps": [], "alpha": [], "Z": [], "err_after": [], "train_err": [], "mean_exp_loss": [], "stumps": []}
    for _ in range(T):
        stump = fit_stump(X, y, w)
        h = stump_predict(stump, X)
        eps = w[h != y].sum()
        assert 0 < eps < 0.5
        a = 0.5 * np.log((1 - eps) / eps)
        u = w * np.exp(-a * y * h)
        Z = u.sum()
        w = u / Z
        F += a * h
        for key, value in (("eps", eps), ("alpha", a), ("Z", Z), ("err_after", w[h != y].sum()),
                           ("train_err", np.mean(np.sign(F) != y)), ("mean_exp_loss", np.mean(np.exp(-y * F))),
                           ("stumps", stump)):
            log[key].append(value)
    return {k: (v if k == "stumps" else np.array(v)) for k, v in log.items()}, w, F


X_ada, y_ada = circle_data()
T = 300
run, w_final, F_ada = adaboost(X_ada, y_ada, T)
print("first rounds: eps =", run["eps"][:5].round(4), " alpha =", run["alpha"][:5].round(4))

# %% [markdown] lang="zh"
# **$\alpha_t$ 是线搜索的解，$Z_t$ 有闭式。** 固定 $h_t$ 后，$\alpha$ 的目标是 $\sum_iw_{t,i}e^{-\alpha y_ih_t(\mathbf{x}_i)}=(1-\varepsilon_t)e^{-\alpha}+\varepsilon_te^{\alpha}$。
# 对前 20 轮用数值一维最小化求出最优 $\alpha$，与公式对照；所有 300 轮核对 $Z_t=2\sqrt{\varepsilon_t(1-\varepsilon_t)}$，
# 以及更新后 $h_t$ 在新权重下的加权错误率恰好是 $1/2$（所以下一轮不会立刻选回同一个树桩）。

# %% [markdown] lang="en"
# **$\alpha_t$ is the line-search solution, and $Z_t$ has a closed form.** With $h_t$ fixed, the objective in $\alpha$ is $\sum_iw_{t,i}e^{-\alpha y_ih_t(\mathbf{x}_i)}=(1-\varepsilon_t)e^{-\alpha}+\varepsilon_te^{\alpha}$.
# For the first 20 rounds a numerical 1-D minimisation finds the best $\alpha$, compared with the formula; for all 300 rounds we check $Z_t=2\sqrt{\varepsilon_t(1-\varepsilon_t)}$,
# and that after the update $h_t$ has weighted error exactly $1/2$ under the new weights (so the next round cannot pick the same stump straight away).

# %%
for eps, a in zip(run["eps"][:20], run["alpha"][:20]):
    best = minimize_scalar(lambda al, e=eps: (1 - e) * np.exp(-al) + e * np.exp(al), bounds=(0, 10),
                           method="bounded", options={"xatol": 1e-12}).x
    assert abs(best - a) < 1e-6
assert np.allclose(run["Z"], 2 * np.sqrt(run["eps"] * (1 - run["eps"])), rtol=1e-12)
assert np.allclose(run["err_after"], 0.5, atol=1e-12)
print("alpha_t = line-search minimiser (20 rounds), Z_t = 2 sqrt(eps(1-eps)) and error-after-update = 1/2 (300 rounds): ok")

# %% [markdown] lang="zh"
# **训练误差上界的每一步。** 展开权重得到 $\frac{1}{n}\sum_ie^{-y_iF_T(\mathbf{x}_i)}=\prod_tZ_t$（等式）；再由 $\mathbb{I}[yF\le0]\le e^{-yF}$ 和 $1-x\le e^{-x}$ 得到两个不等号。
# 每一轮都断言：训练误差 $\le$ 平均指数损失 $=\prod Z_t=\prod\sqrt{1-4\gamma_t^2}\le\exp(-2\sum\gamma_t^2)$，$\gamma_t=\frac{1}{2}-\varepsilon_t$。

# %% [markdown] lang="en"
# **Each step of the training-error bound.** Unrolling the weights gives $\frac{1}{n}\sum_ie^{-y_iF_T(\mathbf{x}_i)}=\prod_tZ_t$ (an equality); $\mathbb{I}[yF\le0]\le e^{-yF}$ and $1-x\le e^{-x}$ give the two inequalities.
# At every round we assert: training error $\le$ mean exponential loss $=\prod Z_t=\prod\sqrt{1-4\gamma_t^2}\le\exp(-2\sum\gamma_t^2)$, with $\gamma_t=\frac{1}{2}-\varepsilon_t$.

# %%
prod_Z = np.cumprod(run["Z"])
gamma = 0.5 - run["eps"]
exp_bound = np.exp(-2 * np.cumsum(gamma ** 2))
assert np.allclose(run["mean_exp_loss"], prod_Z, rtol=1e-10)
assert np.allclose(run["Z"], np.sqrt(1 - 4 * gamma ** 2), rtol=1e-12)
assert np.all(run["train_err"] <= prod_Z) and np.all(prod_Z <= exp_bound)
n_ada = len(y_ada)
zero_from = int(np.max(np.flatnonzero(run["train_err"] > 0))) + 2     # first round after the last error
forced = int(np.argmax(prod_Z < 1 / n_ada)) + 1
forced_loose = int(np.argmax(exp_bound < 1 / n_ada)) + 1
print(" round  eps_t   train err   prod Z_t   exp(-2 sum gamma^2)")
for t in (1, 2, 5, 10, 20, 50, 100, 200, 300):
    print(f"{t:6d}  {run['eps'][t - 1]:.3f}   {run['train_err'][t - 1]:.2f}       "
          f"{prod_Z[t - 1]:.4f}     {exp_bound[t - 1]:.4f}")
print(f"training error is 0 from round {zero_from} on; prod Z_t < 1/n from round {forced}, "
      f"exp bound < 1/n from round {forced_loose}")
assert (zero_from, forced, forced_loose) == (28, 147, 154)

# %% [markdown] lang="zh"
# **页面上的算例。** 每轮 $\varepsilon_t=0.3$（$\gamma_t=0.2$）：$\alpha_t=\frac{1}{2}\ln\frac{7}{3}$，$Z_t=2\sqrt{0.21}$，宽松上界每轮乘 $e^{-0.08}$。
# 对 $n=100$ 个样本，$\prod Z_t<1/n$ 即保证训练误差为 0；分别需要多少轮？

# %% [markdown] lang="en"
# **The worked example on the page.** With $\varepsilon_t=0.3$ every round ($\gamma_t=0.2$): $\alpha_t=\frac{1}{2}\ln\frac{7}{3}$, $Z_t=2\sqrt{0.21}$, and the loose bound shrinks by $e^{-0.08}$ per round.
# With $n=100$ samples, $\prod Z_t<1/n$ guarantees zero training error; how many rounds does each bound need?

# %%
eps_ex = 0.3
alpha_ex, Z_ex, loose_ex = 0.5 * np.log((1 - eps_ex) / eps_ex), 2 * np.sqrt(eps_ex * (1 - eps_ex)), np.exp(-2 * 0.2 ** 2)
rounds_Z = int(np.ceil(np.log(100) / -np.log(Z_ex) + 1e-12))
rounds_loose = int(np.ceil(np.log(100) / 0.08 + 1e-12))
print(f"alpha = {alpha_ex:.4f}, Z = {Z_ex:.4f}, exp(-0.08) = {loose_ex:.4f}; "
      f"rounds for Z^T < 1/100: {rounds_Z}, for exp(-0.08 T) < 1/100: {rounds_loose}")
assert (round(alpha_ex, 3), round(Z_ex, 3), round(loose_ex, 3)) == (0.424, 0.917, 0.923)
assert Z_ex ** rounds_Z < 0.01 <= Z_ex ** (rounds_Z - 1) and (rounds_Z, rounds_loose) == (53, 58)
# after one round the misclassified 30% carry half of the weight: each gets (1/2)/0.3 = 5/3 of its old weight
assert np.isclose(eps_ex * np.exp(alpha_ex) / Z_ex, 0.5) and np.isclose(np.exp(alpha_ex) / Z_ex, 5 / 3)

# %% [markdown] lang="zh"
# **与 scikit-learn 对照。** `AdaBoostClassifier` 只实现 SAMME：二分类时它的权重是 $\ln\frac{1-\varepsilon}{\varepsilon}$，恰好是 $2\alpha_t$，
# 样本权重更新归一化后与本页的公式相同，所以用**同一种**弱学习器（scikit-learn 的深度 1 决策树，按加权基尼指数选切分）时，每一轮的 $\varepsilon_t$ 相同、权重差 2 倍、预测完全一致。

# %% [markdown] lang="en"
# **Against scikit-learn.** `AdaBoostClassifier` implements only SAMME: for two classes its estimator weight is $\ln\frac{1-\varepsilon}{\varepsilon}$, exactly $2\alpha_t$,
# and its sample-weight update is the same as ours after normalisation. So with the **same** weak learner (scikit-learn's depth-1 tree, which splits by weighted Gini) every round has the same $\varepsilon_t$, the weights differ by a factor of 2, and the predictions agree exactly.

# %%
T_sk = 50
w = np.full(n_ada, 1 / n_ada)
F = np.zeros(n_ada)
eps_ours, alpha_ours = [], []
for _ in range(T_sk):
    tree = DecisionTreeClassifier(max_depth=1, random_state=0).fit(X_ada, y_ada, sample_weight=w)
    h = tree.predict(X_ada)
    eps = w[h != y_ada].sum()
    a = 0.5 * np.log((1 - eps) / eps)
    w = w * np.exp(-a * y_ada * h)
    w /= w.sum()
    F += a * h
    eps_ours.append(eps)
    alpha_ours.append(a)
ab = AdaBoostClassifier(estimator=DecisionTreeClassifier(max_depth=1), n_estimators=T_sk, random_state=0).fit(X_ada, y_ada)
print(f"max |estimator_errors_ - eps_t| = {np.abs(ab.estimator_errors_ - eps_ours).max():.1e}, "
      f"max |estimator_weights_ - 2 alpha_t| = {np.abs(ab.estimator_weights_ - 2 * np.array(alpha_ours)).max():.1e}")
assert len(ab.estimators_) == T_sk
assert np.allclose(ab.estimator_errors_, eps_ours, atol=1e-12)
assert np.allclose(ab.estimator_weights_, 2 * np.array(alpha_ours), atol=1e-10)
assert np.array_equal(ab.predict(X_ada), np.sign(F))
ratio = ab.decision_function(X_ada) / F
assert np.allclose(ratio, ratio[0]) and ratio[0] > 0                  # sklearn's score is a positive multiple of F

# %% [markdown] lang="zh"
# **对标签噪声敏感。** 把 5 个样本（5%）的标签翻转，再跑 AdaBoost：指数损失让这些“永远分不对”的点权重不断变大，100 轮后它们占了约五分之一的总权重；
# 到第 200 轮，集成已经按**错误的**标签把 5 个点全部“记住”了。

# %% [markdown] lang="en"
# **Sensitivity to label noise.** Flip the labels of 5 samples (5%) and run AdaBoost again: the exponential loss keeps growing the weight of these points that can never be right; after 100 rounds they hold about a fifth of the total weight,
# and by round 200 the ensemble has "memorised" all 5 of them with their **wrong** labels.

# %%
flipped = np.random.default_rng(1).choice(n_ada, 5, replace=False)
y_noisy = y_ada.copy()
y_noisy[flipped] *= -1
share = {}
for T_noise in (10, 100, 200):
    _, w_noisy, F_noisy = adaboost(X_ada, y_noisy, T_noise)
    share[T_noise] = w_noisy[flipped].sum()
    fitted = np.sum(np.sign(F_noisy[flipped]) == y_noisy[flipped])
    print(f"round {T_noise:3d}: the 5 flipped points hold {share[T_noise]:.1%} of the weight; "
          f"{fitted} of them are fitted to their wrong label")
assert round(share[100], 2) == 0.21 and share[10] < share[100]
assert fitted == 5

# %% [markdown] lang="zh"
# **间隔分布。** 归一化间隔 $y_iF(\mathbf{x}_i)/\sum_t\alpha_t\in[-1,1]$。训练误差在第 28 轮降为 0 之后，继续迭代仍在推高小间隔：
# 最小间隔和间隔 $\le0.1$ 的样本比例都在改善。这正是 Schapire 等（1998）间隔解释所依赖的量；他们的定理 5 给出
# $P_S[\text{margin}\le\theta]\le\prod_t2\sqrt{\varepsilon_t^{1-\theta}(1-\varepsilon_t)^{1+\theta}}$（$\theta=0$ 时就是上面的 $\prod Z_t$），下面也一并核对。
# 但在这个玩具集上，留出集误差**并没有**随之继续下降（它在 6% 附近持平、略有上升）：间隔理论给的是一个变好的上界，不是“测试误差一定下降”的保证。

# %% [markdown] lang="en"
# **The margin distribution.** The normalised margin is $y_iF(\mathbf{x}_i)/\sum_t\alpha_t\in[-1,1]$. After the training error reaches 0 at round 28, further rounds keep pushing the small margins up:
# both the minimum margin and the fraction of margins $\le0.1$ improve. These are the quantities behind the margin explanation of Schapire et al. (1998); their Theorem 5 gives
# $P_S[\text{margin}\le\theta]\le\prod_t2\sqrt{\varepsilon_t^{1-\theta}(1-\varepsilon_t)^{1+\theta}}$ ($\prod Z_t$ above when $\theta=0$), which we check as well.
# On this toy set, though, the held-out error does **not** keep falling (it stays near 6% and creeps up a little): margin theory gives an improving bound, not a guarantee that the test error falls.

# %%
X_test, y_test = circle_data(n=5000, seed=99)
alphas_all = run["alpha"]
rows = []
for T_m in (zero_from, 100, 300):
    F_T = sum(a * stump_predict(s, X_ada) for a, s in zip(alphas_all[:T_m], run["stumps"][:T_m]))
    F_test = sum(a * stump_predict(s, X_test) for a, s in zip(alphas_all[:T_m], run["stumps"][:T_m]))
    margins = y_ada * F_T / alphas_all[:T_m].sum()
    rows.append((T_m, margins.min(), np.mean(margins <= 0.1), np.mean(np.sign(F_test) != y_test)))
    e = run["eps"][:T_m]
    for theta in (0.0, 0.05, 0.1):
        assert np.mean(margins <= theta) <= np.prod(2 * np.sqrt(e ** (1 - theta) * (1 - e) ** (1 + theta)))
    print(f"round {T_m:3d}: min margin {margins.min():.4f}, share of margins <= 0.1: {np.mean(margins <= 0.1):.2f}, "
          f"held-out error {rows[-1][3]:.4f}")
assert rows[0][1] < rows[1][1] < rows[2][1] and rows[0][2] > rows[1][2] >= rows[2][2]
assert rows[2][3] >= rows[0][3]                             # no further fall of the test error here
assert (round(rows[0][1], 3), round(rows[2][1], 3)) == (0.031, 0.083)
assert (round(rows[0][3], 3), round(rows[2][3], 3)) == (0.058, 0.067)

# %% [markdown] lang="zh"
# ## 3. BatchNorm 的反向传播 {#bn-backward}
#
# 一个通道、批大小 $m$：$\hat{x}_i=(x_i-\mu)/s$，$s=\sqrt{\sigma^2+\epsilon}$，$y_i=\gamma\hat{x}_i+\beta$。取损失 $L=\sum_ig_iy_i$（$g$ 是固定的随机向量），于是 $\partial L/\partial y_i=g_i$。
# 页面推出的公式：
#
# $$
# \frac{\partial L}{\partial \gamma}=\sum_i g_i\hat{x}_i,\qquad \frac{\partial L}{\partial \beta}=\sum_i g_i,\qquad
# \frac{\partial L}{\partial x_i}=\frac{\gamma}{m s}\Big[m g_i-\sum_j g_j-\hat{x}_i\sum_j g_j\hat{x}_j\Big]
# $$
#
# 用中心差分（步长 $10^{-5}$，float64）核对，相对容差 $10^{-6}$。输入取 $(m,D)=(8,5)$，每列是一个特征，逐列计算。

# %% [markdown] lang="en"
# ## 3. The batch-norm backward pass {#bn-backward}
#
# One channel, batch size $m$: $\hat{x}_i=(x_i-\mu)/s$, $s=\sqrt{\sigma^2+\epsilon}$, $y_i=\gamma\hat{x}_i+\beta$. Take the loss $L=\sum_ig_iy_i$ (with $g$ a fixed random vector), so that $\partial L/\partial y_i=g_i$.
# The formulas derived on the page:
#
# $$
# \frac{\partial L}{\partial \gamma}=\sum_i g_i\hat{x}_i,\qquad \frac{\partial L}{\partial \beta}=\sum_i g_i,\qquad
# \frac{\partial L}{\partial x_i}=\frac{\gamma}{m s}\Big[m g_i-\sum_j g_j-\hat{x}_i\sum_j g_j\hat{x}_j\Big]
# $$
#
# Checked with central differences (step $10^{-5}$, float64) at relative tolerance $10^{-6}$. The input is $(m,D)=(8,5)$, one feature per column, computed column by column.

# %%
def bn_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=0)
    s = np.sqrt(x.var(axis=0) + eps)                      # biased variance, as in training-mode BN
    xhat = (x - mu) / s
    return gamma * xhat + beta, (xhat, s)


def bn_backward(g, gamma, cache):
    xhat, s = cache
    m = g.shape[0]
    dgamma = (g * xhat).sum(axis=0)
    dbeta = g.sum(axis=0)
    dx = gamma / (m * s) * (m * g - g.sum(axis=0) - xhat * (g * xhat).sum(axis=0))
    return dx, dgamma, dbeta


rng = np.random.default_rng(0)
m, D = 8, 5
x = rng.normal(2.0, 3.0, size=(m, D))
gamma_bn, beta_bn = rng.normal(size=D), rng.normal(size=D)
g = rng.normal(size=(m, D))
_, cache = bn_forward(x, gamma_bn, beta_bn)
dx, dgamma, dbeta = bn_backward(g, gamma_bn, cache)


def loss_bn():
    return np.sum(g * bn_forward(x, gamma_bn, beta_bn)[0])


for name, analytic, param in (("x", dx, x), ("gamma", dgamma, gamma_bn), ("beta", dbeta, beta_bn)):
    numeric = numeric_grad(loss_bn, param)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-9)
    print(f"dL/d{name}: max relative difference to finite differences "
          f"{np.max(np.abs(analytic - numeric) / np.maximum(np.abs(numeric), 1e-12)):.1e}")

# %% [markdown] lang="zh"
# **几何意义。** 每一列的 $\partial L/\partial\mathbf{x}$ 对 $\mathbf{1}$ 正交（和为 0，对任何 $\epsilon$ 精确成立）；对 $\hat{\mathbf{x}}$ 的内积等于 $\frac{\gamma}{s}\frac{\epsilon}{\sigma^2+\epsilon}\sum_jg_j\hat{x}_j$，只在 $\epsilon=0$ 时为 0。
# $\epsilon=0$ 时 $\partial L/\partial\mathbf{x}=\frac{\gamma}{s}P\mathbf{g}$，$P=I-\frac{1}{m}\mathbf{1}\mathbf{1}^\top-\frac{1}{m}\hat{\mathbf{x}}\hat{\mathbf{x}}^\top$ 是正交投影（对称、幂等、秩 $m-2$）。

# %% [markdown] lang="en"
# **The geometry.** In every column, $\partial L/\partial\mathbf{x}$ is orthogonal to $\mathbf{1}$ (it sums to 0, exactly, for any $\epsilon$); its inner product with $\hat{\mathbf{x}}$ is $\frac{\gamma}{s}\frac{\epsilon}{\sigma^2+\epsilon}\sum_jg_j\hat{x}_j$, zero only when $\epsilon=0$.
# With $\epsilon=0$, $\partial L/\partial\mathbf{x}=\frac{\gamma}{s}P\mathbf{g}$, where $P=I-\frac{1}{m}\mathbf{1}\mathbf{1}^\top-\frac{1}{m}\hat{\mathbf{x}}\hat{\mathbf{x}}^\top$ is an orthogonal projection (symmetric, idempotent, rank $m-2$).

# %%
xhat, s = cache
var = x.var(axis=0)
assert np.allclose(dx.sum(axis=0), 0, atol=1e-12)
assert np.allclose((xhat * dx).sum(axis=0), gamma_bn / s * 1e-5 / (var + 1e-5) * (g * xhat).sum(axis=0), rtol=1e-8)
_, cache0 = bn_forward(x, gamma_bn, beta_bn, eps=0.0)
dx0, _, _ = bn_backward(g, gamma_bn, cache0)
xh0 = cache0[0][:, 0]
P = np.eye(m) - np.ones((m, m)) / m - np.outer(xh0, xh0) / m
assert np.allclose(P, P.T) and np.allclose(P @ P, P) and np.linalg.matrix_rank(P) == m - 2
assert np.allclose(dx0[:, 0], gamma_bn[0] / cache0[1][0] * P @ g[:, 0])
assert np.allclose((cache0[0] * dx0).sum(axis=0), 0, atol=1e-12)
print(f"max |column sum of dL/dx| = {np.abs(dx.sum(axis=0)).max():.1e}")
print("with eps = 0: P is a projection of rank", np.linalg.matrix_rank(P), "and dL/dx = (gamma/s) P g")

# %% [markdown] lang="zh"
# **LayerNorm、RMSNorm 与推理模式。** LayerNorm 对每一行（一个样本的 $D$ 个特征）归一化，$\boldsymbol{\gamma}$ 按特征不同，所以把 $g$ 换成 $\hat{g}_d=\gamma_dg_d$、$m$ 换成 $D$ 即可；
# RMSNorm 没有减均值，只剩投影掉 $\hat{\mathbf{x}}$ 方向的一项；推理模式的 BN 用固定的滑动统计量 $\hat\mu,\hat\sigma^2$，梯度只有 $\gamma g_i/\sqrt{\hat\sigma^2+\epsilon}$。

# %% [markdown] lang="en"
# **LayerNorm, RMSNorm and inference mode.** LayerNorm normalises each row (the $D$ features of one sample) and $\boldsymbol{\gamma}$ varies by feature, so replace $g$ by $\hat{g}_d=\gamma_dg_d$ and $m$ by $D$;
# RMSNorm subtracts no mean, so only the term that projects out the $\hat{\mathbf{x}}$ direction remains; inference-mode BN uses fixed running statistics $\hat\mu,\hat\sigma^2$, and the gradient is just $\gamma g_i/\sqrt{\hat\sigma^2+\epsilon}$.

# %%
eps_n = 1e-5


def ln_forward(x, gamma, beta):
    mu = x.mean(axis=1, keepdims=True)
    s = np.sqrt(x.var(axis=1, keepdims=True) + eps_n)
    return gamma * (x - mu) / s + beta


def ln_backward(x, g, gamma):
    D = x.shape[1]
    s = np.sqrt(x.var(axis=1, keepdims=True) + eps_n)
    xhat = (x - x.mean(axis=1, keepdims=True)) / s
    gh = gamma * g                                         # g-hat = gamma (.) g
    return (D * gh - gh.sum(axis=1, keepdims=True) - xhat * (gh * xhat).sum(axis=1, keepdims=True)) / (D * s)


def rms_forward(x, gamma):
    return gamma * x / np.sqrt(np.mean(x ** 2, axis=1, keepdims=True) + eps_n)


def rms_backward(x, g, gamma):
    D = x.shape[1]
    r = np.sqrt(np.mean(x ** 2, axis=1, keepdims=True) + eps_n)
    xhat, gh = x / r, gamma * g
    return (gh - xhat * (gh * xhat).sum(axis=1, keepdims=True) / D) / r


run_mean, run_var = rng.normal(size=D), rng.uniform(0.5, 2.0, size=D)   # fixed running statistics


def bn_eval_forward(x, gamma, beta):
    return gamma * (x - run_mean) / np.sqrt(run_var + eps_n) + beta


checks = {
    "LayerNorm": (lambda: np.sum(g * ln_forward(x, gamma_bn, beta_bn)), ln_backward(x, g, gamma_bn)),
    "RMSNorm": (lambda: np.sum(g * rms_forward(x, gamma_bn)), rms_backward(x, g, gamma_bn)),
    "BN, inference mode": (lambda: np.sum(g * bn_eval_forward(x, gamma_bn, beta_bn)),
                           gamma_bn * g / np.sqrt(run_var + eps_n)),
}
for name, (loss, analytic) in checks.items():
    np.testing.assert_allclose(analytic, numeric_grad(loss, x), rtol=1e-6, atol=1e-9)
    print(f"{name}: analytic dL/dx matches finite differences")
assert np.allclose(ln_backward(x, g, gamma_bn).sum(axis=1), 0, atol=1e-12)   # LN: rows sum to 0

# %% [markdown] lang="zh"
# ## 4. CBOW 与层次 softmax 的梯度 {#hierarchical-softmax}
#
# 先用页面图中的 6 个词和词频（的 20、我 12、学习 8、喜欢 6、词向量 1、模型 3）建霍夫曼树：每次合并频数最小的两个节点，较小者记 0（向左）、较大者记 1（向右），与 word2vec 源码的约定相同。
# 核对编码与页面的图一致，按词频加权的平均路径长度为 2.24。

# %% [markdown] lang="en"
# ## 4. CBOW and hierarchical-softmax gradients {#hierarchical-softmax}
#
# First build the Huffman tree of the page's figure (6 words with counts 20, 12, 8, 6, 1, 3): repeatedly merge the two least frequent nodes, the smaller one coded 0 (left) and the larger 1 (right), the convention of the word2vec source code.
# We check that the codes match the figure and that the frequency-weighted mean path length is 2.24.

# %%
words = ["的", "我", "学习", "喜欢", "词向量", "模型"]
counts = np.array([20, 12, 8, 6, 1, 3])


def huffman(counts):
    """Codes and inner-node paths (root first) of every leaf; inner nodes are numbered 0..V-2."""
    V = len(counts)
    heap = [(c, i) for i, c in enumerate(counts)]
    heapq.heapify(heap)
    parent, next_id = {}, V
    while len(heap) > 1:
        c0, a = heapq.heappop(heap)
        c1, b = heapq.heappop(heap)
        parent[a], parent[b] = (next_id, 0), (next_id, 1)
        heapq.heappush(heap, (c0 + c1, next_id))
        next_id += 1
    codes, paths = [], []
    for leaf in range(V):
        code, path, node = [], [], leaf
        while node in parent:
            node, bit = parent[node]
            code.append(bit)
            path.append(node - V)
        codes.append(code[::-1])
        paths.append(path[::-1])
    return codes, paths


codes, paths = huffman(counts)
print({wd: "".join(map(str, c)) for wd, c in zip(words, codes)})
assert ["".join(map(str, c)) for c in codes] == ["0", "10", "110", "1111", "11100", "11101"]
mean_len = np.sum(counts * [len(c) for c in codes]) / counts.sum()
assert np.isclose(mean_len, 2.24)

# %% [markdown] lang="zh"
# **概率、损失与梯度。** 记 $t_j=1-d_j$（向左为 1），$\boldsymbol{\theta}_{n_j}$ 为路径上第 $j$ 个内部节点的向量。
# $p(w\mid\mathbf{h})=\prod_j\sigma\big((1-2d_j)\boldsymbol{\theta}_{n_j}^\top\mathbf{h}\big)$，$L=-\log p$，
# 页面推出 $\partial L/\partial\boldsymbol{\theta}_{n_j}=(\sigma(\boldsymbol{\theta}_{n_j}^\top\mathbf{h})-t_j)\mathbf{h}$，$\partial L/\partial\mathbf{h}=\sum_j(\sigma(\boldsymbol{\theta}_{n_j}^\top\mathbf{h})-t_j)\boldsymbol{\theta}_{n_j}$，
# 不在路径上的节点梯度为 0。CBOW 中 $\mathbf{h}$ 是 $2C$ 个上下文词输入向量的平均，所以每个上下文位置得到 $\frac{1}{2C}\partial L/\partial\mathbf{h}$（同一个词出现两次就累加两份）。
# 下面对整个模型（输入矩阵 $W$ 与节点矩阵 $\Theta$）做有限差分。

# %% [markdown] lang="en"
# **Probability, loss and gradients.** Let $t_j=1-d_j$ (1 for "left"), and $\boldsymbol{\theta}_{n_j}$ the vector of the $j$-th inner node on the path.
# $p(w\mid\mathbf{h})=\prod_j\sigma\big((1-2d_j)\boldsymbol{\theta}_{n_j}^\top\mathbf{h}\big)$ and $L=-\log p$;
# the page derives $\partial L/\partial\boldsymbol{\theta}_{n_j}=(\sigma(\boldsymbol{\theta}_{n_j}^\top\mathbf{h})-t_j)\mathbf{h}$ and $\partial L/\partial\mathbf{h}=\sum_j(\sigma(\boldsymbol{\theta}_{n_j}^\top\mathbf{h})-t_j)\boldsymbol{\theta}_{n_j}$,
# and nodes off the path get zero gradient. In CBOW, $\mathbf{h}$ is the mean of the $2C$ context input vectors, so each context position receives $\frac{1}{2C}\partial L/\partial\mathbf{h}$ (a word appearing twice accumulates two shares).
# Below, finite differences over the whole model (input matrix $W$ and node matrix $\Theta$).

# %%
V, d_emb = len(words), 4
W_in = rng.normal(scale=0.5, size=(V, d_emb))             # input vectors v_w (rows)
Theta = rng.normal(scale=0.5, size=(V - 1, d_emb))        # one vector per inner node
context = [1, 3, 1, 5]                                    # 2C = 4 context words, "我" twice
target = 2                                                # predict "学习": code 110, a path of 3 inner nodes


def hs_prob(word, h):
    s = 1 - 2 * np.array(codes[word])                     # +1 left, -1 right
    return np.prod(sigmoid(s * (Theta[paths[word]] @ h)))


def cbow_hs_loss():
    h = W_in[context].mean(axis=0)
    return -np.log(hs_prob(target, h))


h = W_in[context].mean(axis=0)
assert np.isclose(sum(hs_prob(wd, h) for wd in range(V)), 1.0)   # the tree normalises by itself
t = 1 - np.array(codes[target])
coef = sigmoid(Theta[paths[target]] @ h) - t              # sigma(theta^T h) - t_j, one per path node
dTheta = np.zeros_like(Theta)
dTheta[paths[target]] = coef[:, None] * h
dh = coef @ Theta[paths[target]]
dW = np.zeros_like(W_in)
for c in context:
    dW[c] += dh / len(context)                            # (1/2C) dL/dh per occurrence

np.testing.assert_allclose(dTheta, numeric_grad(cbow_hs_loss, Theta), rtol=1e-6, atol=1e-10)
np.testing.assert_allclose(dW, numeric_grad(cbow_hs_loss, W_in), rtol=1e-6, atol=1e-10)
print(f"path of '{words[target]}' has {len(paths[target])} nodes; {np.count_nonzero(dTheta.any(axis=1))} of "
      f"{V - 1} node vectors get a gradient; dW row of '我' = 2 x (1/4) dL/dh: {np.allclose(dW[1], dh / 2)}")
assert np.count_nonzero(dTheta.any(axis=1)) == len(paths[target]) == 3 and np.allclose(dW[1], dh / 2)

# %% [markdown] lang="zh"
# **对照：完整 softmax 与负采样。** 完整 softmax：$\partial L/\partial\mathbf{u}_j=(\hat{y}_j-\mathbb{I}[j=w_t])\mathbf{h}$，$\partial L/\partial\mathbf{h}=\sum_j(\hat{y}_j-\mathbb{I}[j=w_t])\mathbf{u}_j$，要碰全部 $V$ 个输出向量。
# 负采样：$\partial L/\partial\mathbf{u}_o=(\sigma(\mathbf{u}_o^\top\mathbf{h})-1)\mathbf{h}$，$\partial L/\partial\mathbf{u}_{w_k}=\sigma(\mathbf{u}_{w_k}^\top\mathbf{h})\mathbf{h}$，$\partial L/\partial\mathbf{h}$ 为页面上 $\partial\mathcal{L}/\partial\mathbf{v}_c$ 的同一形式。

# %% [markdown] lang="en"
# **For comparison: full softmax and negative sampling.** Full softmax: $\partial L/\partial\mathbf{u}_j=(\hat{y}_j-\mathbb{I}[j=w_t])\mathbf{h}$ and $\partial L/\partial\mathbf{h}=\sum_j(\hat{y}_j-\mathbb{I}[j=w_t])\mathbf{u}_j$, touching all $V$ output vectors.
# Negative sampling: $\partial L/\partial\mathbf{u}_o=(\sigma(\mathbf{u}_o^\top\mathbf{h})-1)\mathbf{h}$, $\partial L/\partial\mathbf{u}_{w_k}=\sigma(\mathbf{u}_{w_k}^\top\mathbf{h})\mathbf{h}$, and $\partial L/\partial\mathbf{h}$ has the same form as the page's $\partial\mathcal{L}/\partial\mathbf{v}_c$.

# %%
U = rng.normal(scale=0.5, size=(V, d_emb))                 # output vectors u_j (rows here)
negatives = [0, 5]                                         # K = 2 noise words (not the target)


def cbow_softmax_loss():
    h = W_in[context].mean(axis=0)
    scores = U @ h
    return -scores[target] + np.log(np.exp(scores).sum())


def cbow_ns_loss():
    h = W_in[context].mean(axis=0)
    return -np.log(sigmoid(U[target] @ h)) - np.sum(np.log(sigmoid(-U[negatives] @ h)))


h = W_in[context].mean(axis=0)
y_hat = np.exp(U @ h) / np.exp(U @ h).sum()
err = y_hat - np.eye(V)[target]
dU_full, dh_full = np.outer(err, h), err @ U
dU_ns = np.zeros_like(U)
dU_ns[target] = (sigmoid(U[target] @ h) - 1) * h
for k in negatives:
    dU_ns[k] += sigmoid(U[k] @ h) * h
dh_ns = (sigmoid(U[target] @ h) - 1) * U[target] + sigmoid(U[negatives] @ h) @ U[negatives]
for name, loss, dU_a, dh_a in (("full softmax", cbow_softmax_loss, dU_full, dh_full),
                               ("negative sampling", cbow_ns_loss, dU_ns, dh_ns)):
    np.testing.assert_allclose(dU_a, numeric_grad(loss, U), rtol=1e-6, atol=1e-10)
    dW_a = np.zeros_like(W_in)
    for c in context:
        dW_a[c] += dh_a / len(context)
    np.testing.assert_allclose(dW_a, numeric_grad(loss, W_in), rtol=1e-6, atol=1e-10)
    print(f"{name}: gradients match; output vectors touched: {np.count_nonzero(dU_a.any(axis=1))} of {V}")
assert np.count_nonzero(dU_full.any(axis=1)) == V and np.count_nonzero(dU_ns.any(axis=1)) == len(negatives) + 1

# %% [markdown] lang="zh"
# **复杂度。** 每次更新要做的点积数：完整 softmax 为 $V$，层次 softmax 为目标词的路径长度，负采样为 $K+1$。
# 对页面图中用过的 1 万词 Zipf 词表（词频 $\propto1/\text{rank}$），霍夫曼树按词频加权的平均路径长度只有约 9.56，低于 $\log_2V\approx13.29$，
# 并且满足霍夫曼编码的界 $H\le\bar{L}<H+1$（$H$ 为词频分布的熵，以 2 为底）。

# %% [markdown] lang="en"
# **Cost.** Dot products per update: $V$ for the full softmax, the target's path length for hierarchical softmax, $K+1$ for negative sampling.
# For the 10,000-word Zipf vocabulary used in the page's figure (frequency $\propto1/\text{rank}$), the Huffman tree's frequency-weighted mean path length is only about 9.56, below $\log_2V\approx13.29$,
# and it obeys the Huffman bound $H\le\bar{L}<H+1$ ($H$ the base-2 entropy of the word distribution).

# %%
zipf = 1.0 / np.arange(1, 10001)
zipf /= zipf.sum()
_, zipf_paths = huffman(zipf)
depth = np.array([len(p) for p in zipf_paths])
mean_depth = np.sum(zipf * depth)
entropy = -np.sum(zipf * np.log2(zipf))
print(f"V = 10000: mean path length {mean_depth:.2f}, entropy {entropy:.2f}, log2 V = {np.log2(10000):.2f}, "
      f"depth range {depth.min()}..{depth.max()}")
assert round(mean_depth, 2) == 9.56 and round(np.log2(10000), 2) == 13.29
assert entropy <= mean_depth < entropy + 1
