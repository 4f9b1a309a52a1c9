# %% [markdown] lang="zh"
# # 逻辑回归：手写批量梯度下降 vs scikit-learn
#
# 本实验用 numpy 写出逻辑回归的交叉熵损失和梯度，用批量梯度下降（batch gradient descent）训练，
# 再与 scikit-learn 的 `LogisticRegression` 比较系数和准确率：
#
# 1. 不加正则（`C=np.inf`，即旧版的 `penalty=None`）；
# 2. 加 L2 正则，并把 scikit-learn 的 `C` 换算成我们损失里的正则系数。
#
# 原理见[逻辑回归](../ml/logistic-regression.md)。

# %% [markdown] lang="en"
# # Logistic regression: batch gradient descent by hand vs scikit-learn
#
# This notebook writes the cross-entropy loss of logistic regression and its gradient in numpy, trains the model with
# batch gradient descent, and compares the coefficients and accuracy with scikit-learn's `LogisticRegression`:
#
# 1. without regularization (`C=np.inf`, what older versions wrote as `penalty=None`);
# 2. with L2 regularization, converting scikit-learn's `C` into the regularization coefficient of our loss.
#
# The theory is on [Logistic regression](../ml/logistic-regression.md).

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.linear_model import LogisticRegression

rng = np.random.default_rng(0)
n, d = 600, 3
X = rng.normal(size=(n, d))
w_true, b_true = np.array([2.0, -1.0, 0.5]), -0.5
y = (rng.random(n) < 1 / (1 + np.exp(-(X @ w_true + b_true)))).astype(float)
print("positive rate:", y.mean())

# %% [markdown] lang="zh"
# ## 损失与梯度 {#loss-gradient}
#
# 记 $p_i=\sigma(\mathbf{w}^\top\mathbf{x}_i+b)$，平均交叉熵与 L2 正则（系数 $\lambda$，不正则化偏置 $b$）为
#
# $$
# J(\mathbf{w},b)=-\frac{1}{n}\sum_{i=1}^{n}\big[y_i\log p_i+(1-y_i)\log(1-p_i)\big]+\frac{\lambda}{2}\lVert\mathbf{w}\rVert^2
# $$
#
# 梯度非常简洁：$\nabla_{\mathbf{w}}J=\frac{1}{n}X^\top(\mathbf{p}-\mathbf{y})+\lambda\mathbf{w}$，$\partial J/\partial b=\frac{1}{n}\sum_i(p_i-y_i)$。
# 先用有限差分检查这个解析梯度。

# %% [markdown] lang="en"
# ## Loss and gradient {#loss-gradient}
#
# With $p_i=\sigma(\mathbf{w}^\top\mathbf{x}_i+b)$, the mean cross-entropy plus L2 regularization (coefficient
# $\lambda$; the bias $b$ is not regularized) is
#
# $$
# J(\mathbf{w},b)=-\frac{1}{n}\sum_{i=1}^{n}\big[y_i\log p_i+(1-y_i)\log(1-p_i)\big]+\frac{\lambda}{2}\lVert\mathbf{w}\rVert^2
# $$
#
# The gradient is remarkably simple: $\nabla_{\mathbf{w}}J=\frac{1}{n}X^\top(\mathbf{p}-\mathbf{y})+\lambda\mathbf{w}$
# and $\partial J/\partial b=\frac{1}{n}\sum_i(p_i-y_i)$. First we check this analytic gradient with finite
# differences.

# %%
def sigmoid(z):
    return 0.5 * (1 + np.tanh(0.5 * z))          # numerically safe form of 1 / (1 + exp(-z))

def loss_and_grad(w, b, X, y, lam=0.0):
    z = X @ w + b
    # log(1 + exp(z)) - y z is the cross-entropy written with the logit (stable via logaddexp)
    loss = np.mean(np.logaddexp(0, z) - y * z) + 0.5 * lam * w @ w
    r = sigmoid(z) - y
    return loss, X.T @ r / len(y) + lam * w, r.mean()

w0, b0, eps = rng.normal(size=d), 0.3, 1e-6
_, gw, gb = loss_and_grad(w0, b0, X, y, lam=0.1)
num_gw = np.array([(loss_and_grad(w0 + eps * e, b0, X, y, 0.1)[0]
                    - loss_and_grad(w0 - eps * e, b0, X, y, 0.1)[0]) / (2 * eps) for e in np.eye(d)])
num_gb = (loss_and_grad(w0, b0 + eps, X, y, 0.1)[0] - loss_and_grad(w0, b0 - eps, X, y, 0.1)[0]) / (2 * eps)
print("analytic grad :", gw.round(6), round(gb, 6))
print("numerical grad:", num_gw.round(6), round(num_gb, 6))
assert np.allclose(gw, num_gw, atol=1e-8) and np.isclose(gb, num_gb, atol=1e-8)

# %% [markdown] lang="zh"
# ## 批量梯度下降 {#batch-gd}
#
# 交叉熵下逻辑回归的损失是凸的。两类数据相互重叠、任何超平面都分不开时（这里正是如此），只要特征连同常数项线性无关，
# 最优解就存在且唯一，学习率足够小的固定步长梯度下降会收敛到它；数据线性可分时（哪怕只是非严格可分，有样本恰好落在分界面上），
# 不加正则的损失没有有限的最小值点，$\lVert\mathbf{w}\rVert$ 会一直增大。

# %% [markdown] lang="en"
# ## Batch gradient descent {#batch-gd}
#
# With cross-entropy, the loss of logistic regression is convex. When the two classes overlap so that no hyperplane
# separates them (as here), and the features together with the constant term are linearly independent, the minimum
# exists and is unique, and gradient descent with a fixed, small enough learning rate converges to it; when the data
# are linearly separable (even only weakly, with some samples lying exactly on the boundary), the unregularized loss
# has no finite minimizer and $\lVert\mathbf{w}\rVert$ keeps growing.

# %%
def fit_gd(X, y, lam=0.0, lr=1.0, steps=5000):
    w, b, history = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        loss, gw, gb = loss_and_grad(w, b, X, y, lam)
        w, b = w - lr * gw, b - lr * gb
        history.append(loss)
    return w, b, np.array(history)

w_gd, b_gd, hist = fit_gd(X, y)
print("GD  w =", w_gd.round(5), " b =", round(b_gd, 5), " final loss =", round(hist[-1], 6))
assert np.all(np.diff(hist) <= 1e-12)           # the loss never increases
assert np.abs(loss_and_grad(w_gd, b_gd, X, y)[1]).max() < 1e-8   # gradient is ~0 at the end

fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(hist)
ax.set_xscale("log")
ax.set_xlabel("step")
ax.set_ylabel("mean cross-entropy")
ax.set_title("Batch gradient descent")
plt.show()

# %% [markdown] lang="zh"
# ## 与 scikit-learn 对照（不加正则） {#sklearn-no-penalty}

# %% [markdown] lang="en"
# ## Compared with scikit-learn (no regularization) {#sklearn-no-penalty}

# %%
sk = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X, y)
print("sklearn w =", sk.coef_[0].round(5), " b =", sk.intercept_[0].round(5))
acc_gd = np.mean((X @ w_gd + b_gd > 0) == y)
acc_sk = sk.score(X, y)
print("accuracy: GD", acc_gd, " sklearn", acc_sk)
print("max |coef difference|:", np.abs(w_gd - sk.coef_[0]).max())
assert np.allclose(w_gd, sk.coef_[0], atol=1e-5) and np.isclose(b_gd, sk.intercept_[0], atol=1e-5)
assert acc_gd == acc_sk

# %% [markdown] lang="zh"
# ## 加 L2 正则时如何对齐 `C` {#sklearn-l2}
#
# scikit-learn 最小化的是 $C\sum_i \ell_i+\frac{1}{2}\lVert\mathbf{w}\rVert^2$（$\ell_i$ 为单个样本的交叉熵），
# 两边除以 $Cn$ 就是上面的 $J$，所以 $\lambda=\frac{1}{Cn}$。`C` 越小，正则越强。

# %% [markdown] lang="en"
# ## Matching `C` with L2 regularization {#sklearn-l2}
#
# scikit-learn minimizes $C\sum_i \ell_i+\frac{1}{2}\lVert\mathbf{w}\rVert^2$ (with $\ell_i$ the cross-entropy of one
# sample); dividing by $Cn$ gives the $J$ above, so $\lambda=\frac{1}{Cn}$. The smaller `C`, the stronger the
# regularization.

# %%
C = 0.05
lam = 1 / (C * n)
w_l2, b_l2, _ = fit_gd(X, y, lam=lam)
sk_l2 = LogisticRegression(C=C, tol=1e-12, max_iter=10_000).fit(X, y)
print(f"C = {C}  ->  lambda = 1/(C n) = {lam:.5f}")
print("GD      w =", w_l2.round(5), " b =", round(b_l2, 5))
print("sklearn w =", sk_l2.coef_[0].round(5), " b =", sk_l2.intercept_[0].round(5))
assert np.allclose(w_l2, sk_l2.coef_[0], atol=1e-5) and np.isclose(b_l2, sk_l2.intercept_[0], atol=1e-5)
assert np.linalg.norm(w_l2) < np.linalg.norm(w_gd)     # L2 shrinks the weights
print("|w| without / with L2:", np.linalg.norm(w_gd).round(4), np.linalg.norm(w_l2).round(4))
