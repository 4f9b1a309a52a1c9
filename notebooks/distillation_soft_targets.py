# %% [markdown] lang="zh"
# # 知识蒸馏的软标签与 T² 因子
#
# 记号与[知识蒸馏与温度系数](../dl/distillation.md)页一致：教师 logits $\mathbf{v}$，学生 logits $\mathbf{z}$，
# 教师软标签 $\mathbf{p}=\softmax(\mathbf{v}/T)$，学生软预测 $\mathbf{q}=\softmax(\mathbf{z}/T)$，总损失
#
# $$
# \mathcal{L}=\alpha\,T^{2}\,\KL(\mathbf{p}\,\Vert\,\mathbf{q})+(1-\alpha)\,\operatorname{CE}\big(\mathbf{y},\softmax(\mathbf{z})\big)
# $$
#
# 本实验验证：
#
# 1. 升高 $T$ 时软标签如何暴露“错误类别之间的相对相似度”（暗知识）；
# 2. 软损失对学生 logits 的梯度 $\frac{\partial\KL(\mathbf{p}\Vert\mathbf{q})}{\partial z_i}=\frac{1}{T}(q_i-p_i)$（有限差分核对）；
# 3. 高温下 $q_i-p_i\approx\frac{z_i-v_i}{nT}$（logits 零均值时），梯度量级按 $1/T^2$ 缩小，乘以 $T^2$ 后与 $T$ 基本无关。

# %% [markdown] lang="en"
# # Soft targets and the T² factor in knowledge distillation
#
# The notation follows the [Knowledge distillation and temperature](../dl/distillation.md) page: teacher logits
# $\mathbf{v}$, student logits $\mathbf{z}$, teacher soft targets $\mathbf{p}=\softmax(\mathbf{v}/T)$, student soft
# predictions $\mathbf{q}=\softmax(\mathbf{z}/T)$, and the total loss
#
# $$
# \mathcal{L}=\alpha\,T^{2}\,\KL(\mathbf{p}\,\Vert\,\mathbf{q})+(1-\alpha)\,\operatorname{CE}\big(\mathbf{y},\softmax(\mathbf{z})\big)
# $$
#
# This notebook checks:
#
# 1. how raising $T$ makes the soft targets reveal the relative similarity among the wrong classes (dark knowledge);
# 2. the gradient of the soft loss with respect to the student logits,
#    $\frac{\partial\KL(\mathbf{p}\Vert\mathbf{q})}{\partial z_i}=\frac{1}{T}(q_i-p_i)$ (against finite differences);
# 3. that at high temperature $q_i-p_i\approx\frac{z_i-v_i}{nT}$ (for zero-mean logits), so the gradient shrinks like
#    $1/T^2$, and multiplied by $T^2$ it hardly depends on $T$.

# %%
import matplotlib.pyplot as plt
import numpy as np

def softmax(x, T=1.0):
    x = np.asarray(x, float) / T
    e = np.exp(x - x.max())
    return e / e.sum()

def kl(p, q):
    return np.sum(p * (np.log(p) - np.log(q)))

classes = ["cat", "dog", "fox", "car", "truck"]
v = np.array([9.0, 5.0, 4.0, -1.0, -2.0])              # teacher logits: the image is a cat
for T in (1, 2, 5, 10):
    p = softmax(v, T)
    print(f"T = {T:2d}: " + "  ".join(f"{c} {x:.3f}" for c, x in zip(classes, p)))
p1, p5 = softmax(v, 1), softmax(v, 5)
# at T = 1 the wrong classes are nearly invisible; at T = 5 "dog is much more cat-like than truck" shows up
print(f"P(dog) / P(truck): T=1 -> {p1[1] / p1[4]:.0f},  T=5 -> {p5[1] / p5[4]:.2f}  (= exp((5 - (-2)) / T))")
assert np.isclose(p1[1] / p1[4], np.exp(7)) and np.isclose(p5[1] / p5[4], np.exp(7 / 5))
assert p1[1:].sum() < 0.03 and p5[1:].sum() > 0.4
assert np.all(np.argsort(p5) == np.argsort(v))         # the ranking is unchanged by T

# %% [markdown] lang="zh"
# ## 软损失的梯度 {#gradient}
#
# $\KL(\mathbf{p}\Vert\mathbf{q})=\sum_i p_i\log p_i-\sum_i p_i\log q_i$，第一项与学生无关；
# $\log q_i=z_i/T-\log\sum_j e^{z_j/T}$，求导得 $\frac{\partial\KL}{\partial z_i}=\frac{1}{T}(q_i-p_i)$。
# 所以用 KL 还是用软交叉熵 $\operatorname{CE}(\mathbf{p},\mathbf{q})=H(\mathbf{p})+\KL(\mathbf{p}\Vert\mathbf{q})$，梯度完全相同。

# %% [markdown] lang="en"
# ## The gradient of the soft loss {#gradient}
#
# $\KL(\mathbf{p}\Vert\mathbf{q})=\sum_i p_i\log p_i-\sum_i p_i\log q_i$, and the first term does not depend on the
# student. With $\log q_i=z_i/T-\log\sum_j e^{z_j/T}$, differentiating gives
# $\frac{\partial\KL}{\partial z_i}=\frac{1}{T}(q_i-p_i)$. So the KL divergence and the soft cross-entropy
# $\operatorname{CE}(\mathbf{p},\mathbf{q})=H(\mathbf{p})+\KL(\mathbf{p}\Vert\mathbf{q})$ have exactly the same
# gradient.

# %%
rng = np.random.default_rng(0)
z = rng.normal(scale=3.0, size=5)                      # student logits
eps = 1e-6
for T in (1, 2, 5, 20):
    p, q = softmax(v, T), softmax(z, T)
    analytic = (q - p) / T
    numeric = np.array([(kl(p, softmax(z + eps * e, T)) - kl(p, softmax(z - eps * e, T))) / (2 * eps) for e in np.eye(5)])
    ce_numeric = np.array([(-p @ np.log(softmax(z + eps * e, T)) + p @ np.log(softmax(z - eps * e, T))) / (2 * eps)
                           for e in np.eye(5)])
    assert np.allclose(numeric, analytic, atol=1e-8) and np.allclose(ce_numeric, analytic, atol=1e-8)
    print(f"T = {T:2d}: dKL/dz = {analytic.round(5)}  (finite differences agree)")

# %% [markdown] lang="zh"
# ## 高温近似与 T² 因子 {#t-squared}
#
# $T$ 很大时 $e^{x/T}\approx 1+x/T$，若 $\sum_j z_j=\sum_j v_j=0$，则 $q_i\approx\frac{1+z_i/T}{n}$、$p_i\approx\frac{1+v_i/T}{n}$，
#
# $$
# \frac{\partial\KL}{\partial z_i}=\frac{1}{T}(q_i-p_i)\approx\frac{z_i-v_i}{nT^{2}}
# $$
#
# 即梯度量级按 $1/T^2$ 缩小；乘以 $T^2$ 后趋于常数 $(z_i-v_i)/n$，这时蒸馏等价于让学生 logits 去匹配教师 logits。
# 下面把 logits 中心化后，比较不同 $T$ 下软损失梯度的范数（不乘 / 乘 $T^2$）和硬损失梯度的范数。

# %% [markdown] lang="en"
# ## The high-temperature approximation and the T² factor {#t-squared}
#
# For large $T$, $e^{x/T}\approx 1+x/T$. If $\sum_j z_j=\sum_j v_j=0$, then $q_i\approx\frac{1+z_i/T}{n}$ and
# $p_i\approx\frac{1+v_i/T}{n}$, so
#
# $$
# \frac{\partial\KL}{\partial z_i}=\frac{1}{T}(q_i-p_i)\approx\frac{z_i-v_i}{nT^{2}}
# $$
#
# The gradient shrinks like $1/T^2$; multiplied by $T^2$ it tends to the constant $(z_i-v_i)/n$, and distillation then
# amounts to making the student logits match the teacher logits. Below, with centered logits, we compare the norm of
# the soft-loss gradient at several $T$ (without and with the factor $T^2$) with the norm of the hard-loss gradient.

# %%
vc, zc = v - v.mean(), z - z.mean()
n = len(v)
y = np.eye(n)[0]
hard_grad = np.linalg.norm(softmax(zc) - y)           # CE(y, softmax(z)) gradient: softmax(z) - y, independent of T
limit = (zc - vc) / n
Ts = np.array([1, 2, 5, 10, 20, 50, 100])
raw, scaled = [], []
for T in Ts:
    g = (softmax(zc, T) - softmax(vc, T)) / T
    raw.append(np.linalg.norm(g))
    scaled.append(np.linalg.norm(T ** 2 * g))
    print(f"T = {T:3d}: |grad soft| = {raw[-1]:.2e}   |T^2 grad soft| = {scaled[-1]:.3f}"
          f"   rel. error of (z - v)/(n T^2) = {np.linalg.norm(T ** 2 * g - limit) / np.linalg.norm(limit):.3f}")
raw, scaled = np.array(raw), np.array(scaled)
print(f"|grad hard| = {hard_grad:.3f} for every T;   limit |(z - v)/n| = {np.linalg.norm(limit):.3f}")
# the T^2-scaled gradient converges to (z - v)/n, the unscaled one falls like 1/T^2
assert np.linalg.norm(T ** 2 * g - limit) / np.linalg.norm(limit) < 0.03            # T = 100
assert scaled[Ts >= 5].max() / scaled[Ts >= 5].min() < 1.05     # T^2 * gradient is ~constant from T = 5 on
assert np.all(np.abs(scaled[Ts >= 20] / np.linalg.norm(limit) - 1) < 0.1)
assert np.allclose(raw[Ts >= 20] * Ts[Ts >= 20] ** 2, scaled[Ts >= 20])
assert raw[-1] / raw[Ts == 10][0] < 0.011                                          # 10x T -> ~100x smaller

# %% [markdown] lang="zh"
# ## 完整的蒸馏损失 {#kd-loss}
#
# 最后把两项拼起来并核对总梯度：$\frac{\partial\mathcal{L}}{\partial\mathbf{z}}=\alpha T(\mathbf{q}-\mathbf{p})+(1-\alpha)(\softmax(\mathbf{z})-\mathbf{y})$。

# %% [markdown] lang="en"
# ## The full distillation loss {#kd-loss}
#
# Finally, put the two terms together and check the total gradient:
# $\frac{\partial\mathcal{L}}{\partial\mathbf{z}}=\alpha T(\mathbf{q}-\mathbf{p})+(1-\alpha)(\softmax(\mathbf{z})-\mathbf{y})$.

# %%
def kd_loss(z, v, y, T, alpha):
    return alpha * T ** 2 * kl(softmax(v, T), softmax(z, T)) - (1 - alpha) * y @ np.log(softmax(z))

T, alpha = 4.0, 0.7
analytic = alpha * T * (softmax(z, T) - softmax(v, T)) + (1 - alpha) * (softmax(z) - y)
numeric = np.array([(kd_loss(z + eps * e, v, y, T, alpha) - kd_loss(z - eps * e, v, y, T, alpha)) / (2 * eps)
                    for e in np.eye(n)])
print(f"KD loss (T = {T}, alpha = {alpha}) = {kd_loss(z, v, y, T, alpha):.4f}")
print("gradient:", analytic.round(5))
assert np.allclose(numeric, analytic, atol=1e-7)
assert np.isclose(kd_loss(v, v, y, T, 1.0), 0)          # a student equal to the teacher has zero soft loss

# %%
fig, axes = plt.subplots(1, 2, figsize=(8, 3.2))
for T in (1, 2, 5, 10):
    axes[0].plot(classes, softmax(v, T), marker="o", label=f"T = {T}")
axes[0].set_title("teacher soft targets")
axes[0].legend(fontsize=8)
axes[1].loglog(Ts, raw, marker="o", label="|grad of KL|")
axes[1].loglog(Ts, scaled, marker="s", label="|T^2 * grad of KL|")
axes[1].axhline(hard_grad, color="gray", ls=":", label="|grad of hard CE|")
axes[1].set_xlabel("T")
axes[1].legend(fontsize=8)
plt.show()
