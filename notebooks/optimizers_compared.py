# %% [markdown] lang="zh"
# # SGD、Momentum、RMSprop 与 Adam 的对比
#
# 在同一个狭长的二维二次损失 $f(x,y)=\frac{1}{2}(x^2+100\,y^2)$ 上，用 numpy 实现四种优化器，从同一点出发各走 100 步，
# 画出轨迹、打印最终损失。条件数为 100：$y$ 方向很陡、$x$ 方向很平，正是普通梯度下降“谷底震荡、沿谷缓行”的典型场景。
# 最后单独验证 Adam 的偏差修正。公式与讨论见[优化器、学习率与 Warmup](../dl/optimizers.md)，记号与该页一致
# （Momentum 为 $\mathbf{v}_t=\beta\mathbf{v}_{t-1}+\mathbf{g}_t$，$\theta_t=\theta_{t-1}-\eta\mathbf{v}_t$）。
#
# 这里用的是精确梯度（没有小批量噪声），所以 “SGD” 就是普通梯度下降。

# %% [markdown] lang="en"
# # SGD, Momentum, RMSprop and Adam compared
#
# On a single elongated two-dimensional quadratic loss, $f(x,y)=\frac{1}{2}(x^2+100\,y^2)$, we implement four
# optimizers in numpy, take 100 steps with each from the same starting point, plot the trajectories and print the
# final losses. The condition number is 100: the loss is steep in $y$ and flat in $x$, the typical case in which plain
# gradient descent bounces across the valley and crawls along it. Finally we check Adam's bias correction on its own.
# The formulas and the discussion are on [Optimizers, learning rates and warmup](../dl/optimizers.md), and the
# notation is the same as there (Momentum: $\mathbf{v}_t=\beta\mathbf{v}_{t-1}+\mathbf{g}_t$,
# $\theta_t=\theta_{t-1}-\eta\mathbf{v}_t$).
#
# The gradients here are exact (no mini-batch noise), so "SGD" is plain gradient descent.

# %%
import matplotlib.pyplot as plt
import numpy as np

H = np.diag([1.0, 100.0])                     # Hessian of the quadratic

def loss(theta):
    return 0.5 * theta @ H @ theta

def grad(theta):
    return H @ theta

def sgd(theta, lr, steps):
    path = [theta.copy()]
    for _ in range(steps):
        theta = theta - lr * grad(theta)
        path.append(theta.copy())
    return np.array(path)

def momentum(theta, lr, steps, beta=0.9):
    v, path = np.zeros_like(theta), [theta.copy()]
    for _ in range(steps):
        v = beta * v + grad(theta)
        theta = theta - lr * v
        path.append(theta.copy())
    return np.array(path)

def rmsprop(theta, lr, steps, rho=0.9, eps=1e-8):
    s, path = np.zeros_like(theta), [theta.copy()]
    for _ in range(steps):
        g = grad(theta)
        s = rho * s + (1 - rho) * g ** 2
        theta = theta - lr * g / (np.sqrt(s) + eps)
        path.append(theta.copy())
    return np.array(path)

def adam(theta, lr, steps, beta1=0.9, beta2=0.999, eps=1e-8, bias_correction=True):
    m, v, path = np.zeros_like(theta), np.zeros_like(theta), [theta.copy()]
    for t in range(1, steps + 1):
        g = grad(theta)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g ** 2
        m_hat, v_hat = (m / (1 - beta1 ** t), v / (1 - beta2 ** t)) if bias_correction else (m, v)
        theta = theta - lr * m_hat / (np.sqrt(v_hat) + eps)
        path.append(theta.copy())
    return np.array(path)

start, steps = np.array([-4.5, 1.0]), 100
paths = {
    "SGD (lr 0.018)": sgd(start, 0.018, steps),
    "Momentum (lr 0.018, beta 0.9)": momentum(start, 0.018, steps),
    "RMSprop (lr 0.05)": rmsprop(start, 0.05, steps),
    "Adam (lr 0.2)": adam(start, 0.2, steps),
}
final = {name: loss(p[-1]) for name, p in paths.items()}
print(f"start loss = {loss(start):.3f}")
for name, value in final.items():
    print(f"{name:30s} final loss = {value:.2e}   final point = {paths[name][-1].round(4)}")
assert all(value < loss(start) * 1e-2 for value in final.values())
assert final["Momentum (lr 0.018, beta 0.9)"] < 1e-2 * final["SGD (lr 0.018)"]
assert all(final[k] < final["SGD (lr 0.018)"] for k in final if k != "SGD (lr 0.018)")

# %% [markdown] lang="zh"
# 几点观察：
#
# - **SGD**：学习率受最陡方向限制（必须 $\eta<2/100$），于是在平缓的 $x$ 方向每步只缩小 $1-\eta=0.982$ 倍，100 步后仍离最优点较远；
#   $y$ 方向的因子是 $1-100\eta=-0.8$，符号交替，表现为来回震荡。
# - **Momentum**：同样的学习率，沿谷底方向的梯度一直同号、不断累加，稳态步长约放大 $1/(1-\beta)=10$ 倍；震荡方向的分量相互抵消。
# - **RMSprop / Adam**：按坐标除以梯度的均方根，两个方向的步长变得差不多，相当于自动把狭长的谷“变圆”。
#   这里的损失恰好与坐标轴对齐，是逐坐标自适应最有利的情形。学习率固定时两者的结局并不相同（见下一个单元）：
#   RMSprop 的 $\mathbf{s}$ 只记得最近约 $1/(1-\rho)=10$ 步的梯度，梯度变小时 $\mathbf{s}$ 也跟着变小，每步仍与 $\eta$ 同量级，
#   最后在最优点附近来回跳（跑到 400 步时每个坐标在 $\pm\eta/2$ 之间跳，每步恰为 $\eta$）；
#   Adam 的 $\beta_2=0.999$ 让 $\hat{\mathbf{v}}$ 长时间记着开头的大梯度，步长随梯度一起变小，本例中它一直在收敛，
#   最后 10 步每步都不到 $\eta/20$。

# %% [markdown] lang="en"
# A few observations:
#
# - **SGD**: the learning rate is limited by the steepest direction (it must satisfy $\eta<2/100$), so in the flat $x$
#   direction each step only shrinks the distance by a factor of $1-\eta=0.982$, and after 100 steps it is still far
#   from the optimum; in the $y$ direction the factor is $1-100\eta=-0.8$, which alternates in sign and shows up as
#   oscillation.
# - **Momentum**: with the same learning rate, the gradient along the valley floor keeps its sign and accumulates, so
#   the steady-state step is about $1/(1-\beta)=10$ times larger, while the components in the oscillating direction
#   cancel out.
# - **RMSprop / Adam**: dividing each coordinate by the root mean square of its gradients makes the steps in both
#   directions about the same size, in effect making the elongated valley round. This loss happens to be aligned with
#   the coordinate axes, the most favorable case for per-coordinate adaptation. With a fixed learning rate the two end
#   differently (see the next cell): RMSprop's $\mathbf{s}$ remembers only about the last $1/(1-\rho)=10$ gradients,
#   so as the gradients shrink $\mathbf{s}$ shrinks with them and the steps stay of the order of $\eta$; it ends up
#   hopping around the optimum (by step 400 each coordinate jumps between $\pm\eta/2$, every step exactly $\eta$).
#   Adam's $\beta_2=0.999$ makes $\hat{\mathbf{v}}$ remember the large early gradients for a long time, so its steps
#   shrink along with the gradients; here it keeps converging, and each of its last 10 steps is below $\eta/20$.

# %%
# the last 10 of the 100 steps; then RMSprop and Adam run for 400 steps
for name, lr in (("RMSprop (lr 0.05)", 0.05), ("Adam (lr 0.2)", 0.2)):
    last = np.abs(np.diff(paths[name], axis=0))[-10:].max()
    print(f"{name:18s} largest coordinate move in steps 91-100: {last:.4f} = {last / lr:.3f} lr")
grads = np.array([grad(p) for p in paths["Adam (lr 0.2)"][:-1]])          # g_1 ... g_100 as Adam saw them
decay = 0.999 ** np.arange(steps)[::-1]                                    # beta2^(100 - t)
v_hat = (1 - 0.999) * (decay[:, None] * grads ** 2).sum(0) / (1 - 0.999 ** steps)
print("Adam at step 100: |g| =", np.abs(grads[-1]).round(4), "  sqrt(v_hat) =", np.sqrt(v_hat).round(3))
rms_long, adam_long = rmsprop(start, 0.05, 400), adam(start, 0.2, 400)
print("RMSprop, steps 398-400:", rms_long[-3:].round(4).tolist())
print(f"Adam after 400 steps: loss {loss(adam_long[-1]):.1e}")
assert np.allclose(np.abs(np.diff(rms_long[-10:], axis=0)), 0.05, atol=1e-3)   # each coordinate moves by lr per step
assert np.allclose(np.abs(rms_long[-10:]), 0.025, atol=1e-3)                    # hopping between -lr/2 and +lr/2
assert np.abs(np.diff(paths["Adam (lr 0.2)"], axis=0))[-10:].max() < 0.2 / 20
assert np.all(np.sqrt(v_hat) > 10 * np.abs(grads[-1]))                          # v_hat still dominated by early gradients
assert loss(adam_long[-1]) < 1e-10

# %%
xs, ys = np.meshgrid(np.linspace(-5, 1, 200), np.linspace(-1.5, 1.5, 200))
zs = 0.5 * (xs ** 2 + 100 * ys ** 2)
fig, ax = plt.subplots(figsize=(6.5, 3.5))
ax.contour(xs, ys, zs, levels=np.logspace(-2, 2.2, 12), colors="lightgray", linewidths=0.8)
for name, p in paths.items():
    ax.plot(p[:, 0], p[:, 1], marker=".", ms=3, lw=1, label=name)
ax.plot(0, 0, "k*", ms=10)
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.legend(fontsize=7, loc="lower right")
plt.show()

# %% [markdown] lang="zh"
# ## Adam 的偏差修正 {#bias-correction}
#
# $\mathbf{m}_0=\mathbf{v}_0=\mathbf{0}$，所以在梯度恒定为 $\mathbf{g}$ 时 $\mathbf{m}_t=(1-\beta_1^t)\mathbf{g}$、$\mathbf{v}_t=(1-\beta_2^t)\mathbf{g}^2$，都偏向 0；
# 除以 $1-\beta^t$ 后 $\hat{\mathbf{m}}_t=\mathbf{g}$、$\hat{\mathbf{v}}_t=\mathbf{g}^2$ 恰好无偏。
# 后果体现在第一步：修正后第一步每个坐标恰好移动 $\eta$（$\hat{m}_1/\sqrt{\hat{v}_1}=g/\lvert g\rvert$）；
# 不修正则为 $\eta(1-\beta_1)/\sqrt{1-\beta_2}\approx3.16\eta$，因为 $\beta_2=0.999$ 时 $\mathbf{v}$ 的偏差比 $\mathbf{m}$ 严重得多。

# %% [markdown] lang="en"
# ## Adam's bias correction {#bias-correction}
#
# $\mathbf{m}_0=\mathbf{v}_0=\mathbf{0}$, so under a constant gradient $\mathbf{g}$ we get
# $\mathbf{m}_t=(1-\beta_1^t)\mathbf{g}$ and $\mathbf{v}_t=(1-\beta_2^t)\mathbf{g}^2$, both biased towards 0; dividing
# by $1-\beta^t$ gives exactly unbiased $\hat{\mathbf{m}}_t=\mathbf{g}$ and $\hat{\mathbf{v}}_t=\mathbf{g}^2$. The
# consequence shows in the first step: with the correction, every coordinate moves by exactly $\eta$
# ($\hat{m}_1/\sqrt{\hat{v}_1}=g/\lvert g\rvert$); without it, the step is
# $\eta(1-\beta_1)/\sqrt{1-\beta_2}\approx3.16\eta$, because with $\beta_2=0.999$ the bias of $\mathbf{v}$ is much
# stronger than that of $\mathbf{m}$.

# %%
beta1, beta2, g = 0.9, 0.999, np.array([0.5, -2.0])
m = v = np.zeros(2)
for t in range(1, 51):
    m, v = beta1 * m + (1 - beta1) * g, beta2 * v + (1 - beta2) * g ** 2
    assert np.allclose(m, (1 - beta1 ** t) * g) and np.allclose(v, (1 - beta2 ** t) * g ** 2)
    assert np.allclose(m / (1 - beta1 ** t), g) and np.allclose(v / (1 - beta2 ** t), g ** 2)
    if t in (1, 10, 50):
        print(f"t = {t:2d}: m_t = {m.round(4)}  v_t = {v.round(5)}   m_hat = {(m / (1 - beta1 ** t)).round(4)}"
              f"  v_hat = {(v / (1 - beta2 ** t)).round(4)}")

lr = 0.2
step_corrected = adam(start, lr, 1)[1] - start
step_raw = adam(start, lr, 1, bias_correction=False)[1] - start
ratio = (1 - beta1) / np.sqrt(1 - beta2)
print(f"first step with correction   : {step_corrected.round(4)}  (|step| = lr = {lr} per coordinate)")
print(f"first step without correction: {step_raw.round(4)}  (= lr * {ratio:.3f})")
assert np.allclose(np.abs(step_corrected), lr) and np.allclose(np.abs(step_raw), lr * ratio)
