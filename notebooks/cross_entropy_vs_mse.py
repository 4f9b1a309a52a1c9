# %% [markdown] lang="zh"
# # 分类为什么用交叉熵而不用 MSE
#
# 二分类模型输出 logit $z$，概率 $p=\sigma(z)$，标签 $y\in\{0,1\}$。两种损失对 logit 的梯度：
#
# - 交叉熵 $\ell_{\text{CE}}=-y\log p-(1-y)\log(1-p)$：$\frac{\partial\ell_{\text{CE}}}{\partial z}=p-y$；
# - 均方误差 $\ell_{\text{MSE}}=\frac{1}{2}(p-y)^2$：$\frac{\partial\ell_{\text{MSE}}}{\partial z}=(p-y)\,p\,(1-p)$。
#
# MSE 多出的因子 $\sigma'(z)=p(1-p)$ 在 $p\to 0$ 或 $p\to 1$ 时趋于 0：模型“错得很自信”时梯度几乎消失。
# 下面先用有限差分验证两个解析梯度，再画出梯度随预测概率的变化，最后看一个自信地错了的样本要多少步才能纠正。
# 讲解见[损失函数 · 交叉熵 vs MSE](../ml/loss-functions.md)。

# %% [markdown] lang="en"
# # Why classification uses cross-entropy rather than MSE
#
# A binary classifier outputs a logit $z$; the probability is $p=\sigma(z)$ and the label $y\in\{0,1\}$. The gradients
# of the two losses with respect to the logit are:
#
# - cross-entropy $\ell_{\text{CE}}=-y\log p-(1-y)\log(1-p)$: $\frac{\partial\ell_{\text{CE}}}{\partial z}=p-y$;
# - mean squared error $\ell_{\text{MSE}}=\frac{1}{2}(p-y)^2$:
#   $\frac{\partial\ell_{\text{MSE}}}{\partial z}=(p-y)\,p\,(1-p)$.
#
# The extra factor in MSE, $\sigma'(z)=p(1-p)$, tends to 0 as $p\to 0$ or $p\to 1$: when the model is confidently
# wrong, the gradient almost vanishes. Below we first check both analytic gradients with finite differences, then plot
# the gradient against the predicted probability, and finally count how many steps it takes to correct a single
# confidently wrong example. The explanation is on [Loss functions · cross-entropy vs MSE](../ml/loss-functions.md).

# %%
import matplotlib.pyplot as plt
import numpy as np

def sigmoid(z):
    return 0.5 * (1 + np.tanh(0.5 * z))

def ce(z, y):
    return np.logaddexp(0, z) - y * z          # -y log p - (1-y) log(1-p), written with the logit

def mse(z, y):
    return 0.5 * (sigmoid(z) - y) ** 2

def ce_grad(z, y):
    return sigmoid(z) - y

def mse_grad(z, y):
    p = sigmoid(z)
    return (p - y) * p * (1 - p)

z = np.linspace(-8, 8, 33)
eps = 1e-6
for y in (0, 1):
    num_ce = (ce(z + eps, y) - ce(z - eps, y)) / (2 * eps)
    num_mse = (mse(z + eps, y) - mse(z - eps, y)) / (2 * eps)
    assert np.allclose(num_ce, ce_grad(z, y), atol=1e-8)
    assert np.allclose(num_mse, mse_grad(z, y), atol=1e-8)
    print(f"y={y}: max |analytic - finite difference|  CE {np.abs(num_ce - ce_grad(z, y)).max():.1e}"
          f"  MSE {np.abs(num_mse - mse_grad(z, y)).max():.1e}")

# %% [markdown] lang="zh"
# ## 梯度随预测概率的变化 {#gradient-vs-p}
#
# 取 $y=1$，横轴是模型给正类的概率 $p$。$p$ 越小表示错得越离谱：交叉熵梯度的绝对值 $1-p$ 趋于 1，
# 而 MSE 梯度的绝对值 $p(1-p)^2$ 趋于 0，它在 $p=1/3$ 处最大，最大值只有 $4/27\approx0.148$。

# %% [markdown] lang="en"
# ## The gradient as a function of the predicted probability {#gradient-vs-p}
#
# Take $y=1$; the horizontal axis is the probability $p$ the model gives the positive class, and the smaller $p$, the
# more wrong the model. The absolute gradient of cross-entropy, $1-p$, tends to 1, while that of MSE, $p(1-p)^2$,
# tends to 0; the latter peaks at $p=1/3$, where it is only $4/27\approx0.148$.

# %%
p = np.linspace(1e-4, 1 - 1e-4, 2001)
zp = np.log(p / (1 - p))
g_ce, g_mse = np.abs(ce_grad(zp, 1)), np.abs(mse_grad(zp, 1))
i_max = g_mse.argmax()
print(f"max |MSE grad| = {g_mse[i_max]:.4f} at p = {p[i_max]:.3f}   (4/27 = {4 / 27:.4f})")
assert abs(p[i_max] - 1 / 3) < 1e-3 and np.isclose(g_mse.max(), 4 / 27, atol=1e-6)
for pv in (0.5, 0.1, 0.01, 0.001):
    zv = np.log(pv / (1 - pv))
    print(f"p = {pv:<6}  |CE grad| = {abs(ce_grad(zv, 1)):.4f}   |MSE grad| = {abs(mse_grad(zv, 1)):.6f}")
zv = np.log(0.001 / 0.999)
assert abs(ce_grad(zv, 1)) > 0.99 and abs(mse_grad(zv, 1)) < 1e-3

fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(p, g_ce, label="cross-entropy: 1 - p")
ax.plot(p, g_mse, label="MSE: p (1 - p)^2")
ax.axvline(1 / 3, color="gray", lw=0.8, ls=":")
ax.set_xlabel("predicted probability p of the true class (y = 1)")
ax.set_ylabel("|dL / dz|")
ax.legend()
plt.show()

# %% [markdown] lang="zh"
# ## 凸性 {#convexity}
#
# 把单个样本（$x=1$，$y=1$）的损失看作权重 $w$（即 logit）的函数：交叉熵的二阶导处处非负，
# MSE 的二阶导在 $\sigma(w)<1/3$（$w<-\ln 2$）时为负，所以 MSE 加 sigmoid 是非凸的。

# %% [markdown] lang="en"
# ## Convexity {#convexity}
#
# View the loss of a single example ($x=1$, $y=1$) as a function of the weight $w$ (which is then the logit): the
# second derivative of cross-entropy is nonnegative everywhere, while that of MSE is negative for $\sigma(w)<1/3$
# ($w<-\ln 2$), so MSE on top of a sigmoid is non-convex.

# %%
w = np.linspace(-8, 8, 1601)
h = w[1] - w[0]
second = lambda f: (f(w[2:]) - 2 * f(w[1:-1]) + f(w[:-2])) / h ** 2
d2_ce, d2_mse = second(lambda v: ce(v, 1)), second(lambda v: mse(v, 1))
concave = w[1:-1][d2_mse < 0]
print("CE:  min second derivative =", d2_ce.min().round(6))
print(f"MSE: second derivative < 0 for w in [{concave.min():.2f}, {concave.max():.2f}],  -ln 2 = {-np.log(2):.4f}")
assert d2_ce.min() > 0
assert abs(concave.max() - (-np.log(2))) < 2 * h

# %% [markdown] lang="zh"
# ## 一个自信地错了的样本要多久才能纠正 {#recovery}
#
# 只训练这个样本的 logit $z$：初始 $z=-8$（$p\approx0.0003$，真实标签 $y=1$），学习率 1，数一数要多少步才能让 $p>0.5$。

# %% [markdown] lang="en"
# ## How long a confidently wrong example takes to fix {#recovery}
#
# Train only this example's logit $z$: start at $z=-8$ ($p\approx0.0003$, true label $y=1$), use a learning rate of 1,
# and count the steps until $p>0.5$.

# %%
def steps_to_fix(grad, z=-8.0, lr=1.0, max_steps=100_000):
    for step in range(1, max_steps + 1):
        z -= lr * grad(z, 1)
        if z > 0:
            return step
    return None

n_ce, n_mse = steps_to_fix(ce_grad), steps_to_fix(mse_grad)
print("steps until p > 0.5:  cross-entropy", n_ce, "  MSE", n_mse)
assert n_ce <= 10 and n_mse > 100 * n_ce
