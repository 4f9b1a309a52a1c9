# %% [markdown] lang="zh"
# # 样本不均衡：交叉熵、类别加权与 Focal Loss
#
# 构造一个正类只占约 5% 的二分类数据，用同一个逻辑回归模型、同样的梯度下降，分别最小化
#
# - 普通交叉熵（CE）；
# - 类别加权交叉熵：正类权重 $\alpha$、负类 $1-\alpha$，取 $\frac{\alpha}{1-\alpha}=\frac{n_{\text{neg}}}{n_{\text{pos}}}$ 使两类总权重相等；
# - Focal Loss $\operatorname{FL}(p_t)=-\alpha_t(1-p_t)^\gamma\log p_t$，$\gamma=2$、$\alpha=0.25$（RetinaNet 论文的默认值），另加 $\alpha=0.75$ 作对照；
#
# 再在测试集上比较少数类（正类）的精确率、召回率与 F1。$p_t$ 是模型给真实类别的概率，$\alpha_t$ 在正类取 $\alpha$、负类取 $1-\alpha$。
# 讲解见[样本不均衡与 Focal Loss](../ml/class-imbalance.md)。

# %% [markdown] lang="en"
# # Class imbalance: cross-entropy, class weights and focal loss
#
# We build a binary classification dataset in which only about 5% of the examples are positive and, with the same
# logistic regression model and the same gradient descent, minimize
#
# - plain cross-entropy (CE);
# - class-weighted cross-entropy: weight $\alpha$ for positives and $1-\alpha$ for negatives, with
#   $\frac{\alpha}{1-\alpha}=\frac{n_{\text{neg}}}{n_{\text{pos}}}$ so that both classes carry the same total weight;
# - focal loss $\operatorname{FL}(p_t)=-\alpha_t(1-p_t)^\gamma\log p_t$ with $\gamma=2$, $\alpha=0.25$ (the defaults
#   of the RetinaNet paper), plus $\alpha=0.75$ for comparison;
#
# then compare the precision, recall and F1 of the minority (positive) class on a test set. $p_t$ is the probability
# the model gives the true class, and $\alpha_t$ is $\alpha$ for positives and $1-\alpha$ for negatives. The
# explanation is on [Class imbalance and focal loss](../ml/class-imbalance.md).

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support

rng = np.random.default_rng(0)

def make_data(n, pos_rate=0.05):
    y = (rng.random(n) < pos_rate).astype(float)
    X = rng.normal(size=(n, 2)) + np.outer(y, [1.5, 1.0])     # positives shifted, heavy overlap
    return X, y

X_train, y_train = make_data(4000)
X_test, y_test = make_data(4000)
print(f"train: {int(y_train.sum())} positives of {len(y_train)} ({y_train.mean():.1%});"
      f" test: {int(y_test.sum())} positives of {len(y_test)}")

# %% [markdown] lang="zh"
# ## 损失与对 logit 的梯度 {#gradients}
#
# 记 logit 为 $z$，令 $s=2y-1$，则 $p_t=\sigma(sz)$。对 $z_t=sz$ 求导（用 $\mathrm{d}p_t/\mathrm{d}z_t=p_t(1-p_t)$）得
#
# $$
# \frac{\partial\operatorname{FL}}{\partial z}=s\,\alpha_t\Big[\gamma\,(1-p_t)^{\gamma}\,p_t\log p_t-(1-p_t)^{\gamma+1}\Big]
# $$
#
# $\gamma=0$、$\alpha_t=1$ 时它化为 $s(p_t-1)=p-y$，正是交叉熵的梯度。先用有限差分核对，再核对 $\gamma=0$ 时损失与交叉熵完全相同。

# %% [markdown] lang="en"
# ## The losses and their gradients with respect to the logit {#gradients}
#
# Write the logit as $z$ and let $s=2y-1$, so that $p_t=\sigma(sz)$. Differentiating with respect to $z_t=sz$ (using
# $\mathrm{d}p_t/\mathrm{d}z_t=p_t(1-p_t)$) gives
#
# $$
# \frac{\partial\operatorname{FL}}{\partial z}=s\,\alpha_t\Big[\gamma\,(1-p_t)^{\gamma}\,p_t\log p_t-(1-p_t)^{\gamma+1}\Big]
# $$
#
# With $\gamma=0$ and $\alpha_t=1$ this reduces to $s(p_t-1)=p-y$, exactly the gradient of cross-entropy. We check the
# formula with finite differences, then check that with $\gamma=0$ the loss is identical to cross-entropy.

# %%
def log_sigmoid(z):
    return -np.logaddexp(0, -z)

def focal(z, y, gamma, alpha=None):
    """Per-sample focal loss and its derivative w.r.t. the logit z. alpha=None means alpha_t = 1."""
    s = 2 * y - 1
    log_pt = log_sigmoid(s * z)
    pt = np.exp(log_pt)
    a_t = 1.0 if alpha is None else np.where(y == 1, alpha, 1 - alpha)
    loss = -a_t * (1 - pt) ** gamma * log_pt
    grad = s * a_t * (gamma * (1 - pt) ** gamma * pt * log_pt - (1 - pt) ** (gamma + 1))
    return loss, grad

def cross_entropy(z, y, w_pos=1.0, w_neg=1.0):
    w = np.where(y == 1, w_pos, w_neg)
    p = 1 / (1 + np.exp(-z))
    return w * (np.logaddexp(0, z) - y * z), w * (p - y)

z = np.linspace(-6, 6, 25)
for y in (0.0, 1.0):
    yy = np.full_like(z, y)
    for gamma, alpha in ((2, 0.25), (0.5, 0.75), (0, None)):
        l_plus, _ = focal(z + 1e-6, yy, gamma, alpha)
        l_minus, _ = focal(z - 1e-6, yy, gamma, alpha)
        assert np.allclose((l_plus - l_minus) / 2e-6, focal(z, yy, gamma, alpha)[1], atol=1e-8)
    fl0, g0 = focal(z, yy, gamma=0)
    ce, gce = cross_entropy(z, yy)
    assert np.allclose(fl0, ce, atol=1e-12) and np.allclose(g0, gce, atol=1e-12)
    # with gamma = 0 and alpha the focal loss is exactly the alpha-weighted cross-entropy
    assert np.allclose(focal(z, yy, 0, 0.25)[0], cross_entropy(z, yy, 0.25, 0.75)[0], atol=1e-12)
print("finite differences match the focal-loss gradient; gamma = 0 gives exactly (weighted) cross-entropy")
for pt in (0.9, 0.968):
    print(f"gamma = 2, p_t = {pt}: focal / CE = (1 - p_t)^2 = {(1 - pt) ** 2:.5f}")
assert np.isclose((1 - 0.9) ** 2, 1 / 100) and abs((1 - 0.968) ** 2 - 1e-3) < 3e-5

# %% [markdown] lang="zh"
# ## 用梯度下降训练同一个逻辑回归 {#training}

# %% [markdown] lang="en"
# ## Training the same logistic regression by gradient descent {#training}

# %%
def train(loss_fn, X, y, lr=0.5, steps=3000):
    Xb = np.c_[X, np.ones(len(X))]
    w = np.zeros(Xb.shape[1])
    for _ in range(steps):
        _, g = loss_fn(Xb @ w, y)
        w -= lr * Xb.T @ g / len(y)
    return w

def predict(w, X, threshold=0.5):
    return (np.c_[X, np.ones(len(X))] @ w > np.log(threshold / (1 - threshold))).astype(float)

n_pos, n_neg = y_train.sum(), len(y_train) - y_train.sum()
alpha_bal = n_neg / len(y_train)                        # alpha / (1 - alpha) = n_neg / n_pos
losses = {
    "cross-entropy": lambda z, y: cross_entropy(z, y),
    f"weighted CE (alpha={alpha_bal:.3f})": lambda z, y: cross_entropy(z, y, alpha_bal, 1 - alpha_bal),
    "focal (gamma=2, alpha=0.25)": lambda z, y: focal(z, y, 2, 0.25),
    "focal (gamma=2, alpha=0.75)": lambda z, y: focal(z, y, 2, 0.75),
}
weights, results = {}, {}
print(f"{'loss':32s} {'precision':>9s} {'recall':>7s} {'F1':>6s} {'predicted +':>11s}")
for name, fn in losses.items():
    w = weights[name] = train(fn, X_train, y_train)
    pred = predict(w, X_test)
    tp, fp, fn_ = np.sum((pred == 1) & (y_test == 1)), np.sum((pred == 1) & (y_test == 0)), np.sum((pred == 0) & (y_test == 1))
    prec, rec = tp / max(tp + fp, 1), tp / (tp + fn_)
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    sk = precision_recall_fscore_support(y_test, pred, average="binary", zero_division=0)[:3]
    assert np.allclose((prec, rec, f1), sk)             # hand-computed metrics = scikit-learn
    results[name] = (prec, rec, f1)
    print(f"{name:32s} {prec:9.3f} {rec:7.3f} {f1:6.3f} {int(pred.sum()):11d}")

r = list(results.values())
assert r[1][1] > r[0][1] and r[1][0] < r[0][0]          # class weights: recall up, precision down
assert r[2][1] < r[0][1]                                 # alpha = 0.25 down-weights the rare positives even more
assert r[3][1] > r[2][1] and r[3][2] == max(x[2] for x in r)

# %% [markdown] lang="zh"
# 结果的读法：
#
# - 普通交叉熵被 95% 的负类主导，阈值 0.5 下很少预测正类：精确率高、召回率低；
# - 类别加权让两类总权重相等，召回率大幅上升，但误报猛增、精确率大跌，阈值 0.5 下 F1 反而更低；
# - Focal Loss 的 $\gamma$ 压低了大量易分负样本的损失，但 $\alpha=0.25$ 给正类的权重比负类还低，
#   在这个数据上净效果是更少预测正类，召回率最低。$\alpha=0.25$ 是 RetinaNet 在检测任务上调出来的值，
#   换个任务要重新调；这里 $\alpha=0.75$ 的 F1 最好。
#
# 线性模型的决策边界是一条直线，几种损失主要改变的是这条线的位置，效果接近于移动阈值。
# 用每个模型在测试集上的最佳阈值来看（仅作分析，实际应在验证集上选阈值），几个模型的 F1 上限相差不大：

# %% [markdown] lang="en"
# How to read the results:
#
# - Plain cross-entropy is dominated by the 95% of negatives and rarely predicts the positive class at threshold 0.5:
#   high precision, low recall.
# - Class weights give both classes the same total weight. Recall rises sharply, but false positives soar and
#   precision collapses, so at threshold 0.5 the F1 is actually lower.
# - The $\gamma$ of focal loss shrinks the loss of the many easy negatives, but $\alpha=0.25$ gives the positives even
#   less weight than the negatives; on this data the net effect is fewer positive predictions and the lowest recall.
#   $\alpha=0.25$ is the value tuned for RetinaNet on object detection and must be tuned again for another task; here
#   $\alpha=0.75$ gives the best F1.
#
# A linear model's decision boundary is a straight line, and the losses mainly change where that line lies, which is
# close to moving the threshold. At each model's best threshold on the test set (for analysis only; in practice the
# threshold is chosen on a validation set), the models' best achievable F1 scores are close to each other:

# %%
from sklearn.metrics import precision_recall_curve

best_f1 = {}
for name, w in weights.items():
    prec_c, rec_c, _ = precision_recall_curve(y_test, np.c_[X_test, np.ones(len(X_test))] @ w)
    best_f1[name] = np.max(2 * prec_c * rec_c / np.maximum(prec_c + rec_c, 1e-12))
    print(f"{name:32s} F1 at 0.5: {results[name][2]:.3f}   best F1 over thresholds: {best_f1[name]:.3f}")
assert max(best_f1.values()) - min(best_f1.values()) < 0.01

# %% [markdown] lang="zh"
# 最后检验类别加权交叉熵的实现：梯度下降跑到收敛后，应与 scikit-learn 的 `class_weight` 给出相同的系数。

# %% [markdown] lang="en"
# Finally, a check of the class-weighted cross-entropy implementation: run to convergence, gradient descent should
# give the same coefficients as scikit-learn's `class_weight`.

# %%
name = list(losses)[1]
sk = LogisticRegression(C=np.inf, class_weight={1: alpha_bal, 0: 1 - alpha_bal}, tol=1e-10, max_iter=10_000)
sk.fit(X_train, y_train)
w_long = train(losses[name], X_train, y_train, lr=4.0, steps=8000)      # run GD to convergence
print("GD      :", w_long.round(4))
print("sklearn :", np.r_[sk.coef_[0], sk.intercept_].round(4))
assert np.allclose(w_long, np.r_[sk.coef_[0], sk.intercept_], atol=1e-3)

# %%
fig, ax = plt.subplots(figsize=(6, 3.5))
neg, pos = y_test == 0, y_test == 1
ax.scatter(*X_test[neg].T, s=3, alpha=0.3, color="gray", label="negative")
ax.scatter(*X_test[pos].T, s=8, color="C3", label="positive")
xs = np.linspace(-4, 5, 2)
for i, (name, w) in enumerate(weights.items()):
    ax.plot(xs, -(w[0] * xs + w[2]) / w[1], color=f"C{i}", label=name)
ax.set_xlim(-4, 5)
ax.set_ylim(-4, 4.5)
ax.legend(fontsize=7, loc="lower left")
ax.set_title("decision boundaries at p = 0.5")
plt.show()
