# %% [markdown] lang="zh"
# # 初始化与方差：深层 MLP 中激活和梯度的尺度
#
# 一个 50 层、每层 256 个单元的全连接网络（无偏置），输入是 512 个标准正态样本。比较三种初始化：
#
# | 名称 | 权重分布 |
# | --- | --- |
# | 朴素小初始化 | $\mathcal{N}(0,\ 0.01^2)$ |
# | Xavier | $\mathcal{N}\big(0,\ 2/(n_{\text{in}}+n_{\text{out}})\big)$ |
# | Kaiming | $\mathcal{N}(0,\ 2/n_{\text{in}})$ |
#
# 对 tanh 和 ReLU 两种激活，逐层记录前向激活的标准差，以及反向传播时传到每层输入的梯度标准差。
# 预期（推导见[参数初始化](../dl/initialization.md)）：每层激活方差约乘以 $n_{\text{in}}\Var(w)$ 再乘激活函数带来的因子（ReLU 为 $1/2$）。
# 朴素初始化下 $256\times10^{-4}\times\frac{1}{2}\approx0.013$，信号每层缩小到约 $1/9$，几层之后就消失；
# Kaiming 正好让 ReLU 网络的因子为 1；Xavier 在 ReLU 下每层缩小为 $1/\sqrt{2}$，50 层后约 $2^{-25}$。

# %% [markdown] lang="en"
# # Initialization and variance: the scale of activations and gradients in a deep MLP
#
# A fully connected network with 50 layers of 256 units each (no biases), fed 512 standard normal samples. Three
# initializations are compared:
#
# | name | weight distribution |
# | --- | --- |
# | naive small initialization | $\mathcal{N}(0,\ 0.01^2)$ |
# | Xavier | $\mathcal{N}\big(0,\ 2/(n_{\text{in}}+n_{\text{out}})\big)$ |
# | Kaiming | $\mathcal{N}(0,\ 2/n_{\text{in}})$ |
#
# For tanh and ReLU activations we record, layer by layer, the standard deviation of the forward activations and of
# the gradient that backpropagation delivers to each layer's input. What to expect (derivation on [Parameter
# initialization](../dl/initialization.md)): each layer multiplies the activation variance by about
# $n_{\text{in}}\Var(w)$ times a factor due to the activation function ($1/2$ for ReLU). With the naive initialization
# that is $256\times10^{-4}\times\frac{1}{2}\approx0.013$, so the signal's standard deviation shrinks to about $1/9$
# of its value per layer and vanishes within a few layers; Kaiming makes the factor exactly 1 for a ReLU network;
# Xavier under ReLU multiplies the standard deviation by $1/\sqrt{2}$ per layer, to about $2^{-25}$ after 50 layers.

# %%
import matplotlib.pyplot as plt
import numpy as np

depth, width, batch = 50, 256, 512
activations = {"tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
               "relu": (lambda z: np.maximum(z, 0), lambda z: (z > 0).astype(float))}
inits = {"naive N(0, 0.01^2)": lambda n_in, n_out: 0.01,
         "Xavier": lambda n_in, n_out: np.sqrt(2 / (n_in + n_out)),
         "Kaiming": lambda n_in, n_out: np.sqrt(2 / n_in)}

def run(act, init, seed=0):
    rng = np.random.default_rng(seed)
    f, df = activations[act]
    x = rng.normal(size=(batch, width))
    Ws, zs, act_std = [], [], []
    for _ in range(depth):
        W = rng.normal(scale=inits[init](width, width), size=(width, width))
        z = x @ W
        x = f(z)
        Ws.append(W)
        zs.append(z)
        act_std.append(x.std())
    # backward: start from a random upstream gradient dL/dx at the output and push it down
    g = rng.normal(size=(batch, width))
    grad_std = []
    for W, z in zip(reversed(Ws), reversed(zs)):
        g = (g * df(z)) @ W.T            # dL/d(input of this layer)
        grad_std.append(g.std())
    return np.array(act_std), np.array(grad_std[::-1])    # grad_std[l] = std of dL/d(input of layer l)

results = {(a, i): run(a, i) for a in activations for i in inits}
print(f"{'activation':10s} {'init':20s} {'act std L1':>11s} {'L10':>9s} {'L50':>9s} {'grad std L1':>12s} {'L50':>9s}")
for (a, i), (s, g) in results.items():
    print(f"{a:10s} {i:20s} {s[0]:11.3g} {s[9]:9.3g} {s[-1]:9.3g} {g[0]:12.3g} {g[-1]:9.3g}")

# %% [markdown] lang="zh"
# ## 检验 {#checks}

# %% [markdown] lang="en"
# ## Checks {#checks}

# %%
s_k, g_k = results[("relu", "Kaiming")]
s_n, g_n = results[("relu", "naive N(0, 0.01^2)")]
s_x, _ = results[("relu", "Xavier")]
# Kaiming + ReLU: the pre-activation variance stays ~2, so the post-ReLU std stays ~sqrt(1 - 1/pi) = 0.83
print(f"Kaiming/ReLU activation std over 50 layers: min {s_k.min():.3f}, max {s_k.max():.3f};"
      f"  theory sqrt(1 - 1/pi) = {np.sqrt(1 - 1 / np.pi):.3f}")
assert 0.4 < s_k.min() and s_k.max() < 2.0
assert 0.2 < g_k.min() and g_k.max() < 5.0 and 0.2 < g_k[0] / g_k[-1] < 5     # gradients also O(1)
# naive init collapses: each layer multiplies the std by about sqrt(256 * 1e-4 / 2) = 0.113
print(f"naive/ReLU: std after 1, 5, 50 layers = {s_n[0]:.2e}, {s_n[4]:.2e}, {s_n[-1]:.2e}")
per_layer = np.exp(np.mean(np.diff(np.log(s_n))))
print(f"naive/ReLU: average per-layer factor = {per_layer:.4f}  (theory {np.sqrt(256 * 1e-4 / 2):.4f})")
assert s_n[-1] < 1e-40 and abs(per_layer - np.sqrt(256e-4 / 2)) < 0.01
assert g_n[0] < 1e-40                                                          # and so do the gradients
# Xavier + ReLU: factor 1/sqrt(2) per layer -> about 2^(-25) after 50 layers (relative to layer 1)
print(f"Xavier/ReLU: std(L50) / std(L1) = {s_x[-1] / s_x[0]:.2e}   2^(-49/2) = {2 ** -24.5:.2e}")
assert 0.2 < (s_x[-1] / s_x[0]) / 2 ** -24.5 < 5
# tanh: Xavier keeps the signal alive (it decays only slowly); the naive init kills it as well
s_tx, _ = results[("tanh", "Xavier")]
s_tn, _ = results[("tanh", "naive N(0, 0.01^2)")]
print(f"tanh: Xavier std at layer 50 = {s_tx[-1]:.3f},  naive = {s_tn[-1]:.1e}")
assert s_tx[-1] > 0.05 and s_tn[-1] < 1e-20
# tanh + Kaiming: the gain is too large for tanh; activations saturate and gradients grow on the way back
_, g_tk = results[("tanh", "Kaiming")]
print(f"tanh/Kaiming: gradient std grows from {g_tk[-1]:.2f} (layer 50) to {g_tk[0]:.2f} (layer 1)")
assert g_tk[0] / g_tk[-1] > 3

# %% [markdown] lang="zh"
# 最后一项说明初始化要和激活函数配套：tanh 在 0 附近斜率为 1，Xavier（或 LeCun）的方差正合适；
# 给 tanh 用 Kaiming 的 $2/n_{\text{in}}$，预激活偏大，前向激活趋于饱和，反向梯度则逐层放大。

# %% [markdown] lang="en"
# The last check shows that the initialization has to match the activation function: tanh has slope 1 around 0, so the
# variance of Xavier (or LeCun) initialization is just right; with Kaiming's $2/n_{\text{in}}$ for tanh the
# pre-activations are too large, the forward activations drift toward saturation, and the backward gradients grow
# layer by layer.

# %%
fig, axes = plt.subplots(1, 2, figsize=(8, 3.2), sharey=True)
for ax, a in zip(axes, activations):
    for i in inits:
        ax.plot(np.arange(1, depth + 1), results[(a, i)][0], label=i)
    ax.set_yscale("log")
    ax.set_title(a)
    ax.set_xlabel("layer")
axes[0].set_ylabel("activation std")
axes[1].legend(fontsize=8)
plt.show()
