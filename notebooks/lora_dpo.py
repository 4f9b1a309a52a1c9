# %% [markdown] lang="zh"
# # LoRA 参数量与 DPO 损失：逐个数字核对
#
# 本实验用 numpy 核对[微调与参数高效微调](../llm/fine-tuning.md)和[对齐](../llm/alignment.md)两页给出的每个可计算的数字与推导：
#
# 1. LLaMA 式 7B 配置的总参数量，以及不同秩、不同目标矩阵下 LoRA 的可训练参数量 $r(d+k)$；
# 2. LoRA 的合并等价性、$\operatorname{rank}(\Delta W)\le r$、$B=0$ 初始化的含义；
# 3. 一对玩具偏好数据上的 DPO 损失与梯度（有限差分核对）；
# 4. KL 正则目标的闭式最优策略 $\pi^*\propto\pi_{\text{ref}}\exp(r/\beta)$，以及 $Z(x)$ 在 Bradley–Terry 中被消掉；
# 5. 小实验：softmax 策略用 DPO 训练，收敛到 $\pi^*$；确定性偏好下 DPO 的间隔无界增长而 IPO 停在 $1/(2\tau)$；
# 6. GRPO 的组内归一化优势与 KL 估计量的无偏性。

# %% [markdown] lang="en"
# # LoRA parameter counts and the DPO loss, number by number
#
# This notebook checks, with numpy, every computable number and derivation stated on the pages
# [Fine-tuning and PEFT](../llm/fine-tuning.md) and [Alignment](../llm/alignment.md):
#
# 1. the total parameter count of a LLaMA-style 7B configuration, and LoRA's trainable parameters $r(d+k)$ for several ranks and target matrices;
# 2. LoRA's merge equivalence, $\operatorname{rank}(\Delta W)\le r$, and what the $B=0$ initialisation means;
# 3. the DPO loss and its gradient on a toy preference pair (checked by finite differences);
# 4. the closed-form optimum $\pi^*\propto\pi_{\text{ref}}\exp(r/\beta)$ of the KL-regularised objective, and $Z(x)$ cancelling in Bradley–Terry;
# 5. a small experiment: a softmax policy trained by DPO converges to $\pi^*$; with a deterministic preference DPO's margin grows without bound while IPO stops at $1/(2\tau)$;
# 6. GRPO's group-normalised advantages and the unbiasedness of its KL estimator.

# %%
import numpy as np

np.set_printoptions(precision=4, suppress=True)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def log_sigmoid(z):
    return -np.logaddexp(0.0, -z)


# %% [markdown] lang="zh"
# ## LLaMA 式 7B 配置 {#llama-7b}
#
# 配置取自 LLaMA 官方实现（`dim=4096`，32 层，32 头，词表 32000，`multiple_of=256`）。FFN 宽度按官方代码的规则算出：
# 先取 $\lfloor \tfrac{2}{3}\cdot 4d\rfloor$，再向上取整到 256 的倍数。每层有 4 个 $d\times d$ 的注意力投影
# 和 3 个 SwiGLU 矩阵（gate、up：$d\to d_{ff}$；down：$d_{ff}\to d$），线性层都没有偏置；每层 2 个 RMSNorm，
# 输出层与词嵌入不共享。

# %% [markdown] lang="en"
# ## A LLaMA-style 7B configuration {#llama-7b}
#
# The configuration follows LLaMA's official implementation (`dim=4096`, 32 layers, 32 heads, vocabulary 32000,
# `multiple_of=256`). The FFN width follows the official code: take $\lfloor \tfrac{2}{3}\cdot 4d\rfloor$ and round
# up to a multiple of 256. Each layer has four $d\times d$ attention projections and three SwiGLU matrices (gate, up:
# $d\to d_{ff}$; down: $d_{ff}\to d$), none with a bias; two RMSNorms per layer; the output layer is not tied to the embeddings.

# %%
d, n_layers, vocab, multiple_of = 4096, 32, 32000, 256
d_ff = int(2 * 4 * d / 3)
d_ff = multiple_of * ((d_ff + multiple_of - 1) // multiple_of)

# (out_features, in_features) of every linear layer in one block
linear = {"q_proj": (d, d), "k_proj": (d, d), "v_proj": (d, d), "o_proj": (d, d),
          "gate_proj": (d_ff, d), "up_proj": (d_ff, d), "down_proj": (d, d_ff)}
per_layer = sum(o * i for o, i in linear.values()) + 2 * d          # + two RMSNorm weight vectors
total = 2 * vocab * d + n_layers * per_layer + d                     # embeddings + LM head + layers + final norm
print(f"d_ff = {d_ff},  parameters per layer = {per_layer:,},  total = {total:,}")
assert d_ff == 11008
assert total == 6_738_415_616


# %% [markdown] lang="zh"
# ## LoRA 可训练参数量 {#lora-counts}
#
# 一个 $d\times k$ 的矩阵配一对 $B\in\R^{d\times r}$、$A\in\R^{r\times k}$，可训练参数为 $r(d+k)$。
# 下面对三组目标矩阵（只 $W_q,W_v$；全部注意力投影；全部 7 个线性层）和多个秩计算总数与占比。

# %% [markdown] lang="en"
# ## LoRA trainable parameters {#lora-counts}
#
# A $d\times k$ matrix gets a pair $B\in\R^{d\times r}$, $A\in\R^{r\times k}$: $r(d+k)$ trainable parameters.
# Below: totals and fractions for three target sets (only $W_q,W_v$; all attention projections; all 7 linear layers)
# and several ranks.

# %%
targets = {"q,v": ("q_proj", "v_proj"),
           "q,k,v,o": ("q_proj", "k_proj", "v_proj", "o_proj"),
           "all linear": tuple(linear)}


def lora_params(rank, names, layers=n_layers):
    return layers * sum(rank * (linear[n][0] + linear[n][1]) for n in names)


print(f"{'rank':>5} " + " ".join(f"{t:>24}" for t in targets))
for r in (4, 8, 16, 64):
    cells = [f"{lora_params(r, names):>13,} ({lora_params(r, names) / total:6.3%})" for names in targets.values()]
    print(f"{r:>5} " + " ".join(f"{c:>24}" for c in cells))

# the numbers stated on the fine-tuning page
assert 8 * (d + d) == 65_536 and d * d == 16_777_216                 # one W_q at r = 8
assert round(8 * (d + d) / (d * d), 4) == 0.0039
assert lora_params(8, targets["q,v"]) == 4_194_304
assert lora_params(8, targets["q,k,v,o"]) == 8_388_608
assert lora_params(8, targets["all linear"]) == 19_988_480
assert lora_params(16, targets["all linear"]) == 39_976_960
assert lora_params(64, targets["all linear"]) == 159_907_840
assert round(100 * lora_params(8, targets["q,v"]) / total, 3) == 0.062
assert round(100 * lora_params(8, targets["all linear"]) / total, 2) == 0.30
assert round(100 * lora_params(64, targets["all linear"]) / total, 2) == 2.37
# every count in the page's table (r = 8, 16, 64 by three target sets)
page_counts = {(8, "q,v"): 4_194_304, (8, "q,k,v,o"): 8_388_608, (8, "all linear"): 19_988_480,
               (16, "q,v"): 8_388_608, (16, "q,k,v,o"): 16_777_216, (16, "all linear"): 39_976_960,
               (64, "q,v"): 33_554_432, (64, "q,k,v,o"): 67_108_864, (64, "all linear"): 159_907_840}
for (r, t), count in page_counts.items():
    assert lora_params(r, targets[t]) == count, (r, t)
# the percentages in the page's table (r = 8, 16, 64 by three target sets)
page_pct = {(8, "q,k,v,o"): "0.124", (16, "q,v"): "0.124", (16, "q,k,v,o"): "0.25", (16, "all linear"): "0.59",
            (64, "q,v"): "0.50", (64, "q,k,v,o"): "1.0"}
for (r, t), pct in page_pct.items():
    decimals = len(pct.split(".")[1])
    assert f"{100 * lora_params(r, targets[t]) / total:.{decimals}f}" == pct, (r, t)
# storage: one r = 8 all-linear LoRA in bf16 is about 40 MB, a full 7B bf16 checkpoint about 13.5 GB
assert round(2 * lora_params(8, targets["all linear"]) / 1e6) == 40 and round(2 * total / 1e9, 1) == 13.5
# the per-layer coefficient: 4 * 2d + 3 * (d + d_ff) = 78,080 parameters per unit of rank per layer
assert 4 * 2 * d + 3 * (d + d_ff) == 78_080

# LoRA paper, Section 7.1 / Table 5: an 18M budget on GPT-3 175B (96 layers, d_model = 12288) is r = 4 on W_q and W_v
gpt3 = 96 * 2 * 4 * (12288 + 12288)
print(f"GPT-3, r = 4 on W_q and W_v: {gpt3:,}")
assert gpt3 == 18_874_368 and gpt3 == 96 * 1 * 8 * (12288 + 12288)   # same budget as r = 8 on one matrix type

# %% [markdown] lang="zh"
# 其他 PEFT 方法的参数量（同一 7B 配置，或 BERT-base）：
#
# - Houlsby 适配器：每个适配器下投影 $d\times m$ + 偏置 $m$，上投影 $m\times d$ + 偏置 $d$，共 $2md+d+m$；每层插两个。
# - 前缀微调（不计训练时的 MLP 重参数化）：每层 $l$ 个键前缀和 $l$ 个值前缀，各 $d$ 维，共 $2lLd$。
# - 提示微调：只在输入端加 $l$ 个 $d$ 维向量，共 $ld$。

# %% [markdown] lang="en"
# Other PEFT methods (the same 7B configuration, or BERT-base):
#
# - Houlsby adapter: down-projection $d\times m$ + bias $m$, up-projection $m\times d$ + bias $d$, i.e. $2md+d+m$; two per layer.
# - Prefix tuning (without the training-time MLP reparameterisation): $l$ key and $l$ value prefixes of width $d$ per layer, $2lLd$ in all.
# - Prompt tuning: only $l$ vectors of width $d$ at the input, $ld$ in all.

# %%
def adapter_params(d_model, m):
    return (d_model * m + m) + (m * d_model + d_model)


bert_adapter = adapter_params(768, 64)
bert_adapters = 12 * 2 * bert_adapter
print(f"one adapter (d = 768, m = 64): {bert_adapter:,};  BERT-base, 2 per layer x 12 layers: {bert_adapters:,}"
      f"  ({bert_adapters / 109_482_240:.1%} of BERT-base)")
assert bert_adapter == 2 * 64 * 768 + 768 + 64 == 99_136
assert bert_adapters == 2_379_264 and round(100 * bert_adapters / 109_482_240, 1) == 2.2

prefix = 2 * 10 * n_layers * d            # prefix length l = 10
prompt = 20 * d                           # soft prompt of 20 tokens
print(f"prefix tuning, l = 10: {prefix:,};  prompt tuning, l = 20: {prompt:,}")
assert prefix == 2_621_440 and prompt == 81_920

# %% [markdown] lang="zh"
# ## 显存：全量微调、LoRA 与 QLoRA {#memory}
#
# 只算权重、梯度和 Adam 状态（不含激活）。混合精度 + Adam 的全量微调每个参数约 16 字节：
# bf16 权重 2 + bf16 梯度 2 + fp32 主权重 4 + 一阶矩 4 + 二阶矩 4。LoRA 冻结的权重只需 bf16 的 2 字节。
# QLoRA 的 NF4 以 64 个权重为一块、每块一个 fp32 缩放常数（$32/64=0.5$ bit/参数）；双重量化把常数量化成 8 bit，
# 并以 256 个常数为一块再存一个 fp32 常数：$8/64+32/(64\cdot256)\approx0.127$ bit/参数。

# %% [markdown] lang="en"
# ## Memory: full fine-tuning, LoRA and QLoRA {#memory}
#
# Weights, gradients and Adam states only (no activations). Mixed-precision full fine-tuning with Adam needs about
# 16 bytes per parameter: bf16 weight 2 + bf16 gradient 2 + fp32 master weight 4 + first moment 4 + second moment 4.
# LoRA's frozen weights need only the 2 bytes of bf16. QLoRA's NF4 uses blocks of 64 weights with one fp32 scale each
# ($32/64=0.5$ bit per parameter); double quantization stores those scales in 8 bits, with one fp32 constant per
# 256 scales: $8/64+32/(64\cdot256)\approx0.127$ bit per parameter.

# %%
GB = 1e9
full_ft = 16 * total / GB
lora_frozen = 2 * total / GB
lora_trainable = 16 * lora_params(8, targets["all linear"]) / GB
print(f"7B full fine-tuning (weights + grads + Adam): {full_ft:.1f} GB")
print(f"7B LoRA: frozen bf16 weights {lora_frozen:.1f} GB + adapter weights/grads/Adam {lora_trainable:.2f} GB")
assert round(full_ft, 1) == 107.8 and round(lora_frozen, 1) == 13.5 and round(lora_trainable, 2) == 0.32

const_plain = 32 / 64
const_dq = 8 / 64 + 32 / (64 * 256)
print(f"quantization constants: {const_plain} -> {const_dq:.3f} bit/param, saving {const_plain - const_dq:.3f}")
assert round(const_dq, 3) == 0.127 and round(const_plain - const_dq, 3) == 0.373
n65 = 65e9
print(f"65B: saving {n65 * (const_plain - const_dq) / 8 / GB:.2f} GB;"
      f" NF4 weights + constants {n65 * (4 + const_dq) / 8 / GB:.1f} GB; bf16 weights {2 * n65 / GB:.0f} GB;"
      f" 16-byte full fine-tuning {16 * n65 / GB:.0f} GB")
assert round(n65 * (const_plain - const_dq) / 8 / GB, 1) == 3.0
assert round(n65 * (4 + const_dq) / 8 / GB, 1) == 33.5
assert 2 * n65 / GB == 130 and 16 * n65 / GB == 1040

# %% [markdown] lang="zh"
# ## LoRA 的机制 {#lora-mechanics}
#
# 列向量约定：$\mathbf{h}=W_0\mathbf{x}+\frac{\alpha}{r}BA\mathbf{x}$，$W_0\in\R^{d\times k}$。核对：
# (1) 合并后 $W_0+\frac{\alpha}{r}BA$ 的输出与“旁路”计算一致；(2) $\operatorname{rank}(\Delta W)\le r$；
# (3) $B=0$ 时输出与原模型完全相同，且第一步只有 $B$ 有梯度；(4) $A$、$B$ 都为零时两者梯度都为零，训练卡死；
# (5) DoRA（每个输出特征、即 $W$ 的每一行一个幅度）在 $B=0$ 时等于 $W_0$，且合并后每行的范数正好是 $\mathbf{m}$。

# %% [markdown] lang="en"
# ## How LoRA works {#lora-mechanics}
#
# Column-vector convention: $\mathbf{h}=W_0\mathbf{x}+\frac{\alpha}{r}BA\mathbf{x}$ with $W_0\in\R^{d\times k}$. Checks:
# (1) the merged weight $W_0+\frac{\alpha}{r}BA$ gives the same output as the side branch; (2) $\operatorname{rank}(\Delta W)\le r$;
# (3) with $B=0$ the output equals the base model's and only $B$ gets a gradient at the first step;
# (4) with both $A$ and $B$ zero, both gradients vanish and training is stuck;
# (5) DoRA (one magnitude per output feature, i.e. per row of $W$) equals $W_0$ at $B=0$, and the merged rows have norms exactly $\mathbf{m}$.

# %%
rng = np.random.default_rng(0)
d_out, d_in, r, alpha = 64, 48, 4, 8
W0 = rng.normal(size=(d_out, d_in)) / np.sqrt(d_in)
A = rng.normal(size=(r, d_in)) / np.sqrt(d_in)
B = rng.normal(size=(d_out, r)) * 0.1                      # pretend B has been trained
X = rng.normal(size=(d_in, 10))                             # 10 input columns
scale = alpha / r

side_branch = W0 @ X + scale * (B @ (A @ X))
merged = (W0 + scale * B @ A) @ X
assert np.allclose(side_branch, merged)
assert np.allclose(merged - scale * (B @ A) @ X, W0 @ X)    # un-merging restores the base model exactly
assert np.linalg.matrix_rank(scale * B @ A) == r <= min(d_out, d_in)
print("merged == side branch; rank(dW) =", np.linalg.matrix_rank(scale * B @ A))


def lora_grads(A, B, x, g):
    """Gradients of L = g . h with h = W0 x + scale * B A x (g = dL/dh)."""
    return scale * B.T @ np.outer(g, x), scale * np.outer(g, A @ x)    # dL/dA, dL/dB


x, g = X[:, 0], rng.normal(size=d_out)
B_zero = np.zeros((d_out, r))
assert np.allclose(W0 @ x + scale * B_zero @ A @ x, W0 @ x)          # Delta W = 0 at the start
gA, gB = lora_grads(A, B_zero, x, g)
assert np.allclose(gA, 0) and not np.allclose(gB, 0)                  # first step: only B moves
gA, gB = lora_grads(np.zeros((r, d_in)), B_zero, x, g)
assert np.allclose(gA, 0) and np.allclose(gB, 0)                      # both zero: stuck
print("B = 0: dL/dA = 0, dL/dB != 0;  A = B = 0: both gradients are 0")

# DoRA with one magnitude per output feature (row of W in h = W x): at B = 0 it reproduces W0 exactly,
# and after any update the rows of the merged weight have exactly the norms m
m0 = np.linalg.norm(W0, axis=1)                                       # m starts at the row norms of W0


def dora_weight(m, B, A):
    V = W0 + scale * B @ A
    return m[:, None] * V / np.linalg.norm(V, axis=1, keepdims=True)


assert np.allclose(dora_weight(m0, B_zero, A), W0)
m1 = m0 * (1 + 0.1 * rng.normal(size=d_out))
assert np.allclose(np.linalg.norm(dora_weight(m1, B, A), axis=1), m1)

# %% [markdown] lang="zh"
# ## 玩具偏好对上的 DPO 损失 {#dpo-toy}
#
# 记 $\hat r_w=\beta\log\frac{\pi_\theta(y_w\mid x)}{\pi_{\text{ref}}(y_w\mid x)}$、$\hat r_l$ 同理，
# $\mathcal{L}=-\log\sigma(\hat r_w-\hat r_l)$。取序列对数概率 $\log\pi_\theta(y_w)=-12.0$、$\log\pi_\theta(y_l)=-11.0$，
# $\log\pi_{\text{ref}}(y_w)=-12.5$、$\log\pi_{\text{ref}}(y_l)=-10.5$，$\beta=0.1$。
# 对两个对数概率的梯度为 $\mp\beta\,\sigma(\hat r_l-\hat r_w)$，用有限差分核对。

# %% [markdown] lang="en"
# ## The DPO loss on a toy preference pair {#dpo-toy}
#
# Write $\hat r_w=\beta\log\frac{\pi_\theta(y_w\mid x)}{\pi_{\text{ref}}(y_w\mid x)}$, $\hat r_l$ likewise, and
# $\mathcal{L}=-\log\sigma(\hat r_w-\hat r_l)$. Take sequence log-probabilities $\log\pi_\theta(y_w)=-12.0$,
# $\log\pi_\theta(y_l)=-11.0$, $\log\pi_{\text{ref}}(y_w)=-12.5$, $\log\pi_{\text{ref}}(y_l)=-10.5$ and $\beta=0.1$.
# The gradients with respect to the two log-probabilities are $\mp\beta\,\sigma(\hat r_l-\hat r_w)$, checked by finite differences.

# %%
beta = 0.1
ref_w, ref_l = -12.5, -10.5


def dpo_loss(logp_w, logp_l, ref_w=ref_w, ref_l=ref_l, beta=beta):
    return -log_sigmoid(beta * (logp_w - ref_w) - beta * (logp_l - ref_l))


lw, ll = -12.0, -11.0
rw, rl = beta * (lw - ref_w), beta * (ll - ref_l)
loss = dpo_loss(lw, ll)
weight = sigmoid(rl - rw)
grad = np.array([-beta * weight, beta * weight])
eps = 1e-6
numeric = np.array([(dpo_loss(lw + eps, ll) - dpo_loss(lw - eps, ll)) / (2 * eps),
                    (dpo_loss(lw, ll + eps) - dpo_loss(lw, ll - eps)) / (2 * eps)])
print(f"r_w = {rw:.3f}, r_l = {rl:.3f}, margin = {rw - rl:.3f}, loss = {loss:.4f}")
print(f"weight sigma(r_l - r_w) = {weight:.4f}; gradient {grad} ; finite differences {numeric}")
assert np.isclose(rw, 0.05) and np.isclose(rl, -0.05)
assert round(loss, 4) == 0.6444 and round(np.log(2), 4) == 0.6931      # the loss at a zero margin is log 2
assert round(weight, 4) == 0.4750 and np.allclose(np.round(grad, 4), [-0.0475, 0.0475])
assert np.allclose(grad, numeric, atol=1e-8)
# a policy equal to the reference has zero margin whatever the data: the loss starts at log 2
assert np.isclose(dpo_loss(ref_w, ref_l), np.log(2))

# %% [markdown] lang="zh"
# ## 闭式最优策略 {#optimal-policy}
#
# 对一个提示 $x$ 与 $K$ 个候选回答，目标 $J(\pi)=\E_{y\sim\pi}[r(y)]-\beta\,\KL(\pi\Vert\pi_{\text{ref}})$。
# 推导给出 $\pi^*(y)=\pi_{\text{ref}}(y)e^{r(y)/\beta}/Z$，$Z=\sum_y\pi_{\text{ref}}(y)e^{r(y)/\beta}$，且最优值 $J(\pi^*)=\beta\log Z$。
# 下面与 20000 个随机策略比较；再验证把 $r=\beta\log\frac{\pi^*}{\pi_{\text{ref}}}+\beta\log Z$ 代入 Bradley–Terry 时 $Z$ 被消掉。

# %% [markdown] lang="en"
# ## The closed-form optimal policy {#optimal-policy}
#
# For one prompt $x$ with $K$ candidate responses, the objective is $J(\pi)=\E_{y\sim\pi}[r(y)]-\beta\,\KL(\pi\Vert\pi_{\text{ref}})$.
# The derivation gives $\pi^*(y)=\pi_{\text{ref}}(y)e^{r(y)/\beta}/Z$ with $Z=\sum_y\pi_{\text{ref}}(y)e^{r(y)/\beta}$, and the optimal
# value $J(\pi^*)=\beta\log Z$. Below it is compared with 20000 random policies; then we check that substituting
# $r=\beta\log\frac{\pi^*}{\pi_{\text{ref}}}+\beta\log Z$ into Bradley–Terry makes $Z$ cancel.

# %%
def objective(pi, reward, pi_ref, beta):
    return pi @ reward - beta * np.sum(pi * (np.log(pi) - np.log(pi_ref)))


K, beta_opt = 6, 0.5
pi_ref = rng.dirichlet(np.ones(K))
reward = rng.normal(size=K)
Z = np.sum(pi_ref * np.exp(reward / beta_opt))
pi_star = pi_ref * np.exp(reward / beta_opt) / Z
best = objective(pi_star, reward, pi_ref, beta_opt)
others = np.array([objective(p, reward, pi_ref, beta_opt) for p in rng.dirichlet(np.ones(K) * 0.5, size=20_000)])
print(f"J(pi*) = {best:.5f} = beta log Z = {beta_opt * np.log(Z):.5f};  best random policy {others.max():.5f}")
assert np.isclose(best, beta_opt * np.log(Z)) and best > others.max()
# small perturbations of pi* inside the simplex also lower J
for _ in range(200):
    p = pi_star * np.exp(1e-3 * rng.normal(size=K))
    assert objective(p / p.sum(), reward, pi_ref, beta_opt) <= best + 1e-12

# Z cancels: the Bradley-Terry probability from the implicit reward needs no partition function
implicit = beta_opt * np.log(pi_star / pi_ref)           # = reward - beta log Z
assert np.allclose(implicit + beta_opt * np.log(Z), reward)
i, j = 0, 1
assert np.isclose(sigmoid(reward[i] - reward[j]), sigmoid(implicit[i] - implicit[j]))
# beta -> 0 concentrates pi* on the best response; beta -> infinity returns pi_ref
for b, target in ((1e-3, np.eye(K)[reward.argmax()]), (1e3, pi_ref)):
    w = np.log(pi_ref) + reward / b
    p = np.exp(w - w.max())
    assert np.allclose(p / p.sum(), target, atol=1e-2)

# %% [markdown] lang="zh"
# ## 小实验：用 DPO 训练一个 softmax 策略 {#dpo-experiment}
#
# 一个提示、$K=4$ 个候选回答，策略 $\pi_\theta=\softmax(\boldsymbol{\theta})$，从 $\pi_{\text{ref}}$ 出发。
# 偏好由“真实”奖励 $r$ 按 Bradley–Terry 产生：$y_i\succ y_j$ 的概率为 $\sigma(r_i-r_j)$。
# 用全部有序对的**期望** DPO 损失做梯度下降（相当于无限数据）。理论上最优解正是 $\pi^*\propto\pi_{\text{ref}}e^{r/\beta}$。
# 对 softmax 策略 $\nabla_{\boldsymbol{\theta}}\log\pi_\theta(y)=\mathbf{e}_y-\boldsymbol{\pi}_\theta$。

# %% [markdown] lang="en"
# ## A small experiment: training a softmax policy with DPO {#dpo-experiment}
#
# One prompt, $K=4$ candidate responses, policy $\pi_\theta=\softmax(\boldsymbol{\theta})$ starting from $\pi_{\text{ref}}$.
# Preferences come from a "true" reward $r$ through Bradley–Terry: $y_i\succ y_j$ with probability $\sigma(r_i-r_j)$.
# Gradient descent runs on the **expected** DPO loss over all ordered pairs (as if data were unlimited). In theory the
# optimum is exactly $\pi^*\propto\pi_{\text{ref}}e^{r/\beta}$. For a softmax policy, $\nabla_{\boldsymbol{\theta}}\log\pi_\theta(y)=\mathbf{e}_y-\boldsymbol{\pi}_\theta$.

# %%
def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


K, beta_exp = 4, 0.5
r_true = np.array([1.0, 0.2, -0.3, -1.0])
theta_ref = np.array([-0.5, 0.8, 0.3, 0.0])               # the reference prefers response 1, not 0
log_ref = np.log(softmax(theta_ref))
pairs = [(i, j, sigmoid(r_true[i] - r_true[j])) for i in range(K) for j in range(K) if i != j]


def expected_dpo(theta, beta):
    """Expected DPO loss over ordered pairs (i preferred to j with probability p_ij) and its gradient."""
    logp = np.log(softmax(theta))
    rhat = beta * (logp - log_ref)                       # implicit rewards
    pi = softmax(theta)
    loss, grad = 0.0, np.zeros_like(theta)
    for i, j, p in pairs:
        margin = rhat[i] - rhat[j]
        loss -= p * log_sigmoid(margin)
        grad -= p * beta * sigmoid(-margin) * ((np.eye(K)[i] - pi) - (np.eye(K)[j] - pi))
    return loss, grad


theta = theta_ref.copy()
print("start:", softmax(theta))
for step in range(20_000):
    loss, grad = expected_dpo(theta, beta_exp)
    theta -= 2.0 * grad
pi_dpo = softmax(theta)
pi_star = softmax(log_ref + r_true / beta_exp)
print("DPO:  ", pi_dpo, "\npi*:  ", pi_star)
assert np.allclose(pi_dpo, pi_star, atol=1e-4)
assert pi_dpo.argmax() == 0 and softmax(theta_ref).argmax() == 1     # moved to the preferred response

# finite-difference check of the gradient used above
t0 = rng.normal(size=K)
num = np.array([(expected_dpo(t0 + eps * e, beta_exp)[0] - expected_dpo(t0 - eps * e, beta_exp)[0]) / (2 * eps)
                for e in np.eye(K)])
assert np.allclose(num, expected_dpo(t0, beta_exp)[1], atol=1e-7)

# implicit reward margin = beta * difference of log-ratios, and it recovers the true reward differences
rhat = beta_exp * (np.log(pi_dpo) - log_ref)
margin_01 = beta_exp * ((np.log(pi_dpo[0]) - log_ref[0]) - (np.log(pi_dpo[1]) - log_ref[1]))
assert np.isclose(rhat[0] - rhat[1], margin_01)
assert np.allclose(rhat - rhat[0], r_true - r_true[0], atol=1e-3)
print(f"implicit reward differences {rhat - rhat[0]} vs true {r_true - r_true[0]}")

# %% [markdown] lang="zh"
# **确定性偏好下的过拟合**：只有一对数据 $y_0\succ y_1$，概率为 1。DPO 的损失只在间隔 $\to\infty$ 时才趋于 0，
# 于是 $\pi(y_1)$ 被一直压向 0，$\beta$ 的 KL 约束形同虚设；IPO 的平方损失 $\big(h-\frac{1}{2\tau}\big)^2$
# （$h$ 为两个对数比之差）让 $h$ 停在 $1/(2\tau)$。

# %% [markdown] lang="en"
# **Over-fitting a deterministic preference**: a single pair $y_0\succ y_1$ with probability 1. DPO's loss reaches 0
# only as the margin goes to infinity, so $\pi(y_1)$ keeps being pushed to 0 and the KL constraint through $\beta$ has
# no effect; IPO's squared loss $\big(h-\frac{1}{2\tau}\big)^2$ (where $h$ is the difference of the two log-ratios) stops $h$ at $1/(2\tau)$.

# %%
def log_ratio_gap(theta):
    logp = np.log(softmax(theta))
    return (logp[0] - log_ref[0]) - (logp[1] - log_ref[1])


grad_gap = np.eye(K)[0] - np.eye(K)[1]        # d h / d theta for a softmax policy (the pi terms cancel)
tau = beta_exp
theta_dpo, theta_ipo, gaps = theta_ref.copy(), theta_ref.copy(), []
for step in range(1, 20_001):
    h = log_ratio_gap(theta_dpo)
    theta_dpo -= 1.0 * (-beta_exp * sigmoid(-beta_exp * h)) * grad_gap
    h_ipo = log_ratio_gap(theta_ipo)
    theta_ipo -= 0.05 * 2 * (h_ipo - 1 / (2 * tau)) * grad_gap
    if step in (100, 1_000, 20_000):
        gaps.append(log_ratio_gap(theta_dpo))
        print(f"step {step:>6}: DPO gap h = {gaps[-1]:6.2f}, pi(y_1) = {softmax(theta_dpo)[1]:.2e};"
              f"  IPO gap h = {log_ratio_gap(theta_ipo):.4f}")
assert gaps[0] < gaps[1] < gaps[2] and round(gaps[2]) == 18 and softmax(theta_dpo)[1] < 1e-4
assert np.isclose(log_ratio_gap(theta_ipo), 1 / (2 * tau), atol=1e-6)

# %% [markdown] lang="zh"
# ## GRPO：组内归一化优势与 KL 估计 {#grpo}
#
# 同一提示采样 $G$ 个回答，奖励 $r_1,\dots,r_G$，优势 $\hat A_i=(r_i-\operatorname{mean}(\mathbf{r}))/\operatorname{std}(\mathbf{r})$。
# KL 项用逐 token 的估计量 $\frac{\pi_{\text{ref}}}{\pi_\theta}-\log\frac{\pi_{\text{ref}}}{\pi_\theta}-1$：它总是非负，
# 且在 $y\sim\pi_\theta$ 下期望恰为 $\KL(\pi_\theta\Vert\pi_{\text{ref}})$，因为 $\E_{\pi_\theta}[\pi_{\text{ref}}/\pi_\theta]=1$。

# %% [markdown] lang="en"
# ## GRPO: group-normalised advantages and the KL estimate {#grpo}
#
# Sample $G$ responses for one prompt with rewards $r_1,\dots,r_G$; the advantage is $\hat A_i=(r_i-\operatorname{mean}(\mathbf{r}))/\operatorname{std}(\mathbf{r})$.
# The KL term uses the per-token estimator $\frac{\pi_{\text{ref}}}{\pi_\theta}-\log\frac{\pi_{\text{ref}}}{\pi_\theta}-1$: it is never
# negative, and its expectation under $y\sim\pi_\theta$ is exactly $\KL(\pi_\theta\Vert\pi_{\text{ref}})$, because $\E_{\pi_\theta}[\pi_{\text{ref}}/\pi_\theta]=1$.

# %%
rewards = np.array([1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0])   # G = 8 answers, 3 correct
adv = (rewards - rewards.mean()) / rewards.std()
print("advantages:", adv)
assert np.isclose(adv.sum(), 0) and np.allclose(adv[rewards == 1], np.sqrt(5 / 3))
assert np.allclose(adv[rewards == 0], -np.sqrt(3 / 5))
same = np.ones(8)                                     # all answers right (or all wrong): std = 0
assert np.allclose((same - same.mean()) / (same.std() + 1e-4), 0)   # with the usual epsilon: no learning signal

p_theta, p_ref = rng.dirichlet(np.ones(10)), rng.dirichlet(np.ones(10))
ratio = p_ref / p_theta
k3 = ratio - np.log(ratio) - 1
exact_kl = np.sum(p_theta * np.log(p_theta / p_ref))
assert np.all(k3 >= 0) and np.isclose(p_theta @ k3, exact_kl)
samples = rng.choice(10, size=200_000, p=p_theta)
print(f"KL = {exact_kl:.4f};  E[k3] = {p_theta @ k3:.4f};  Monte Carlo {k3[samples].mean():.4f}")
assert abs(k3[samples].mean() - exact_kl) < 0.01
