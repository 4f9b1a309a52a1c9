# %% [markdown] lang="zh"
# # 训练显存计算器：模型状态、ZeRO、激活、流水线气泡与 MoE
#
# 本实验用 numpy 把分布式训练和混合专家模型里面试最常问的数字全部算一遍，并用 `assert` 锁住：
#
# 1. 混合精度 + Adam 每个参数 16 字节，以及 DP 与 ZeRO-1、ZeRO-2、ZeRO-3 的每卡模型状态显存（核对 ZeRO 论文图 1 的例子）；
# 2. ring all-reduce 的通信量 $2(N-1)/N$：在 numpy 里真的跑一遍 reduce-scatter + all-gather 并数发送量；
# 3. Korthikanti 等（2022）的每层激活显存公式，全量保存、选择性重计算、完全重计算三档；
# 4. 流水线气泡：按依赖关系模拟 GPipe 与 1F1B 的时间表，核对 $(p-1)/(m+p-1)$；
# 5. Switch Transformer 负载均衡损失在均匀、坍缩等玩具路由上的取值，容量与丢弃的词元数；
# 6. 按 Mixtral 8x7B 的配置数总参数与激活参数，与公开数字比较。
#
# 讲解见[分布式训练](../llm/distributed-training.md)和[混合专家模型](../llm/moe.md)。本页的 GB 指 $10^9$ 字节（与 ZeRO 论文一致）。

# %% [markdown] lang="en"
# # Training memory calculator: model states, ZeRO, activations, pipeline bubbles and MoE
#
# This notebook uses numpy to compute the numbers interviewers ask about most in distributed training and
# Mixture-of-Experts models, each pinned down with an `assert`:
#
# 1. 16 bytes per parameter for mixed-precision Adam, and the per-GPU model-state memory of DP and ZeRO-1, ZeRO-2 and ZeRO-3
#    (checked against the example in Figure 1 of the ZeRO paper);
# 2. the $2(N-1)/N$ traffic of ring all-reduce: we actually run reduce-scatter + all-gather in numpy and count what is sent;
# 3. the per-layer activation memory formula of Korthikanti et al. (2022) with full storage, selective and full recomputation;
# 4. pipeline bubbles: GPipe and 1F1B schedules simulated from their dependencies, checked against $(p-1)/(m+p-1)$;
# 5. the Switch Transformer load-balancing loss on uniform, collapsed and other toy routings, plus capacity and dropped tokens;
# 6. total and active parameters of a Mixtral 8x7B configuration, compared with the published figures.
#
# The explanations are on [distributed training](../llm/distributed-training.md) and [Mixture of Experts](../llm/moe.md).
# GB means $10^9$ bytes here, as in the ZeRO paper.

# %%
import numpy as np

GB = 1e9
rng = np.random.default_rng(0)

# %% [markdown] lang="zh"
# ## 每个参数多少字节 {#bytes-per-parameter}
#
# 混合精度 + Adam：fp16/bf16 权重 2 字节、fp16/bf16 梯度 2 字节，优化器状态 $K=12$ 字节（fp32 主权重、一阶矩 $m$、二阶矩 $v$ 各 4 字节）。
# 顺便看两个对照：纯 fp32 训练同样是 16 字节；梯度用 fp32 累加的实现是 18 字节。

# %% [markdown] lang="en"
# ## Bytes per parameter {#bytes-per-parameter}
#
# Mixed precision with Adam: fp16/bf16 weights 2 bytes, fp16/bf16 gradients 2 bytes, and $K=12$ bytes of optimizer state
# (fp32 master weights, first moment $m$ and second moment $v$, 4 bytes each). Two comparisons: pure fp32 training
# is also 16 bytes, and an implementation that accumulates gradients in fp32 needs 18.

# %%
mixed = {"bf16 weights": 2, "bf16 gradients": 2, "fp32 master weights": 4, "Adam m (fp32)": 4, "Adam v (fp32)": 4}
K = mixed["fp32 master weights"] + mixed["Adam m (fp32)"] + mixed["Adam v (fp32)"]
BYTES_PER_PARAM = sum(mixed.values())
fp32_adam = {"fp32 weights": 4, "fp32 gradients": 4, "Adam m": 4, "Adam v": 4}
for name, b in mixed.items():
    print(f"{name:22s}{b:3d} bytes")
print(f"{'total (2 + 2 + K)':22s}{BYTES_PER_PARAM:3d} bytes, K = {K}")
print("pure fp32 Adam:", sum(fp32_adam.values()), "bytes;  with fp32 gradient accumulation:", BYTES_PER_PARAM + 2, "bytes")
assert K == 12 and BYTES_PER_PARAM == 16 and sum(fp32_adam.values()) == 16

for name, n_params in {"7B": 7e9, "70B": 70e9, "175B": 175e9}.items():
    print(f"{name:>5s}: model states {BYTES_PER_PARAM * n_params / GB:8,.0f} GB")
assert BYTES_PER_PARAM * 7e9 / GB == 112 and BYTES_PER_PARAM * 175e9 / GB == 2800

# %% [markdown] lang="zh"
# ## DP 与 ZeRO-1、ZeRO-2、ZeRO-3 的每卡模型状态 {#zero}
#
# 设参数量 $\Psi$、数据并行度 $N_d$：
#
# | | 每卡显存 |
# | --- | --- |
# | DP | $(2+2+K)\Psi$ |
# | ZeRO-1（切优化器状态） | $2\Psi+2\Psi+K\Psi/N_d$ |
# | ZeRO-2（再切梯度） | $2\Psi+(2+K)\Psi/N_d$ |
# | ZeRO-3（再切参数） | $(2+2+K)\Psi/N_d$ |
#
# ZeRO 论文（Rajbhandari 等，2019）图 1 的例子：$\Psi=7.5\text{B}$、$N_d=64$、$K=12$，图中标注 120GB、31.4GB、16.6GB、1.9GB。
# 公式给出的精确值是 120、31.40625、16.640625、1.875 GB，四舍五入到一位小数正是图中的数。

# %% [markdown] lang="en"
# ## Per-GPU model states for DP and ZeRO-1, ZeRO-2 and ZeRO-3 {#zero}
#
# With $\Psi$ parameters and data-parallel degree $N_d$:
#
# | | memory per GPU |
# | --- | --- |
# | DP | $(2+2+K)\Psi$ |
# | ZeRO-1 (optimizer states sharded) | $2\Psi+2\Psi+K\Psi/N_d$ |
# | ZeRO-2 (gradients sharded too) | $2\Psi+(2+K)\Psi/N_d$ |
# | ZeRO-3 (parameters sharded too) | $(2+2+K)\Psi/N_d$ |
#
# The example in Figure 1 of the ZeRO paper (Rajbhandari et al., 2019): $\Psi=7.5\text{B}$, $N_d=64$, $K=12$, labelled
# 120GB, 31.4GB, 16.6GB and 1.9GB. The formulas give exactly 120, 31.40625, 16.640625 and 1.875 GB, which round to the
# figure's labels at one decimal.

# %%
def model_states_per_gpu(psi, nd, stage, k=12):
    """Bytes of parameters + gradients + optimizer states held by one GPU (ZeRO paper, Section 5)."""
    return {0: (2 + 2 + k) * psi,
            1: 2 * psi + 2 * psi + k * psi / nd,
            2: 2 * psi + (2 + k) * psi / nd,
            3: (2 + 2 + k) * psi / nd}[stage]

psi, nd = 7.5e9, 64
zero_gb = [model_states_per_gpu(psi, nd, s) / GB for s in range(4)]
for s, gb in enumerate(zero_gb):
    print(f"{'DP baseline' if s == 0 else f'ZeRO-{s}':12s}{gb:10.4f} GB")
assert zero_gb == [120.0, 31.40625, 16.640625, 1.875]
assert [round(x, 1) for x in zero_gb] == [120.0, 31.4, 16.6, 1.9]          # the labels in the paper's Figure 1

# the limits for large N_d: 4x, 8x and N_d-fold reductions
for nd_ in (1, 8, 64, 1024, 10**9):
    ratio = [model_states_per_gpu(psi, 1, 0) / model_states_per_gpu(psi, nd_, s) for s in (1, 2, 3)]
    print(f"N_d = {nd_:>10}: reduction ZeRO-1 {ratio[0]:5.2f}x  ZeRO-2 {ratio[1]:5.2f}x  ZeRO-3 {ratio[2]:12.0f}x")
assert abs(ratio[0] - 4) < 1e-6 and abs(ratio[1] - 8) < 1e-6

# a 7B model on one node of 8 GPUs
seven_b = [model_states_per_gpu(7e9, 8, s) / GB for s in range(4)]
print("7B on 8 GPUs:", [f"{x:.2f} GB" for x in seven_b])
assert seven_b == [112.0, 38.5, 26.25, 14.0]

# %% [markdown] lang="zh"
# 通信量（以参数个数计，每卡发送量，忽略 $(N-1)/N$）：DP 的 all-reduce 为 $2\Psi$；ZeRO-1 和 ZeRO-2 用 reduce-scatter 梯度 $\Psi$ + all-gather 参数 $\Psi$，
# 仍是 $2\Psi$；ZeRO-3 前向、反向各 all-gather 一次参数，再 reduce-scatter 梯度，共 $3\Psi$，是 DP 的 1.5 倍。

# %% [markdown] lang="en"
# Communication volume (in parameters sent per GPU, ignoring the $(N-1)/N$ factor): DP's all-reduce is $2\Psi$;
# ZeRO-1 and ZeRO-2 reduce-scatter the gradients ($\Psi$) and all-gather the parameters ($\Psi$), still $2\Psi$; ZeRO-3 all-gathers
# the parameters once in the forward pass and once in the backward pass, then reduce-scatters the gradients, $3\Psi$ in
# total, 1.5 times DP.

# %%
comm = {"DP": 1 + 1, "ZeRO-1": 1 + 1, "ZeRO-2": 1 + 1, "ZeRO-3": 1 + 1 + 1}     # in units of Psi
print({k: f"{v} Psi = {v / comm['DP']:.1f}x DP" for k, v in comm.items()})
assert comm["ZeRO-3"] / comm["DP"] == 1.5

# %% [markdown] lang="zh"
# ## ring all-reduce 真的只发 2(N−1)/N 份数据 {#ring-all-reduce}
#
# $N$ 张“卡”排成环，每张卡的数据切成 $N$ 块。reduce-scatter 走 $N-1$ 步，每步每卡把一块发给下一张卡并累加；
# 之后第 $i$ 张卡持有第 $(i+1)\bmod N$ 块的全局和。all-gather 再走 $N-1$ 步把这些和传遍全环。下面逐步模拟，核对结果与发送量。

# %% [markdown] lang="en"
# ## Ring all-reduce really sends 2(N−1)/N of the data {#ring-all-reduce}
#
# $N$ "GPUs" form a ring and each splits its data into $N$ chunks. Reduce-scatter takes $N-1$ steps; in each step every GPU
# sends one chunk to its neighbour, which adds it to its own. Afterwards GPU $i$ holds the global sum of chunk $(i+1)\bmod N$.
# All-gather then takes another $N-1$ steps to pass these sums around the ring. We simulate it step by step and check
# both the result and the amount sent.

# %%
def ring_all_reduce(data):
    """data: (N, D) array, row r = GPU r's vector. Returns (result per GPU, elements sent per GPU)."""
    n, d = data.shape
    chunks = [np.array_split(row.astype(float), n) for row in data]
    sent = np.zeros(n)
    for step in range(n - 1):                          # reduce-scatter
        msgs = [(r, (r - step) % n, chunks[r][(r - step) % n].copy()) for r in range(n)]
        for r, c, payload in msgs:
            chunks[(r + 1) % n][c] += payload
            sent[r] += payload.size
    for step in range(n - 1):                          # all-gather
        msgs = [(r, (r + 1 - step) % n, chunks[r][(r + 1 - step) % n].copy()) for r in range(n)]
        for r, c, payload in msgs:
            chunks[(r + 1) % n][c] = payload
            sent[r] += payload.size
    return np.stack([np.concatenate(c) for c in chunks]), sent

for n in (2, 4, 8, 16):
    data = rng.normal(size=(n, 4800))
    result, sent = ring_all_reduce(data)
    assert np.allclose(result, data.sum(0))                      # every GPU ends with the full sum
    assert np.allclose(sent, 2 * (n - 1) / n * data.shape[1])    # and sent exactly 2(N-1)/N * D elements
    print(f"N = {n:2d}: each GPU sent {sent[0]:7.0f} elements = {sent[0] / data.shape[1]:.3f} x D"
          f"   (2(N-1)/N = {2 * (n - 1) / n:.3f})")

# %% [markdown] lang="zh"
# ## 每层激活显存 {#activations}
#
# Korthikanti 等（2022）第 4 节：16 位激活、dropout 掩码 1 字节、MLP 中间维 $4h$、显式保存注意力矩阵时，
# 每个 Transformer 层要为反向保存 $sbh(34+5as/h)$ 字节，其中注意力块 $11sbh+5as^2b$、MLP 块 $19sbh$、两个 LayerNorm $4sbh$。
# $s$ 序列长度、$b$ 微批大小、$h$ 隐藏维、$a$ 头数、$t$ 张量并行度。

# %% [markdown] lang="en"
# ## Activation memory per layer {#activations}
#
# Korthikanti et al. (2022), Section 4: with 16-bit activations, 1-byte dropout masks, a $4h$ MLP and an explicitly
# stored attention matrix, each Transformer layer keeps $sbh(34+5as/h)$ bytes for the backward pass: $11sbh+5as^2b$ in
# the attention block, $19sbh$ in the MLP block and $4sbh$ for the two LayerNorms. $s$ is the sequence length, $b$ the
# micro-batch size, $h$ the hidden size, $a$ the number of heads and $t$ the tensor-parallel degree.

# %%
def attention_block(s, b, h, a):
    qkv_input, q_and_k, softmax_out, softmax_mask = 2 * s * b * h, 4 * s * b * h, 2 * a * s * s * b, a * s * s * b
    dropout_out, v, proj_input, proj_mask = 2 * a * s * s * b, 2 * s * b * h, 2 * s * b * h, s * b * h
    return qkv_input + q_and_k + softmax_out + softmax_mask + dropout_out + v + proj_input + proj_mask

def mlp_block(s, b, h):
    return 2 * s * b * h + 8 * s * b * h + 8 * s * b * h + s * b * h   # fc1 input, GeLU input, fc2 input, mask

def act_per_layer(s, b, h, a, t=1, sp=False, recompute="none"):
    """Bytes per layer: Korthikanti et al. (2022) eqs. (1)-(2), sequence parallelism and recomputation."""
    sbh = s * b * h
    if recompute == "full":
        return 2 * sbh                                   # only the layer input is kept
    attn_core = 0 if recompute == "selective" else 5 * a * s / h
    if t == 1:
        return sbh * (34 + attn_core)
    return sbh * (34 / t + attn_core / t) if sp else sbh * (10 + 24 / t + attn_core / t)

s, b, h, a = 2048, 1, 12288, 96                           # GPT-3 175B: s = 2048, h = 12288, a = 96, 96 layers
assert attention_block(s, b, h, a) + mlp_block(s, b, h) + 4 * s * b * h == act_per_layer(s, b, h, a)
print("GPT-3: 5as/h =", 5 * a * s / h, " share of the attention-matrix term:", f"{80 / 114:.1%}")
assert 5 * a * s / h == 80 and round(80 / 114, 3) == 0.702

rows = [("no parallelism", dict()), ("TP t=8", dict(t=8)), ("TP t=8 + SP", dict(t=8, sp=True)),
        ("TP t=8 + SP + selective", dict(t=8, sp=True, recompute="selective")), ("full recomputation", dict(recompute="full"))]
gpt3 = {name: 96 * act_per_layer(s, b, h, a, **kw) / GB for name, kw in rows}
for name, gb in gpt3.items():
    print(f"  GPT-3, b=1, 96 layers, {name:26s}{gb:8.1f} GB")
assert round(gpt3["no parallelism"]) == 275 and round(gpt3["TP t=8 + SP"], 1) == 34.4
assert round(gpt3["TP t=8 + SP + selective"], 1) == 10.3

# a 7B-scale GPT-style configuration (h = 4096, a = 32, 32 layers) at s = 4096, b = 1
s7, h7, a7, L7 = 4096, 4096, 32, 32
full, sel, rec = (L7 * act_per_layer(s7, 1, h7, a7, recompute=r) / GB for r in ("none", "selective", "full"))
print(f"7B-scale, s=4096: 5as/h = {5 * a7 * s7 / h7:.0f}; store all {full:.1f} GB, selective {sel:.1f} GB, full recompute {rec:.2f} GB")
assert 5 * a7 * s7 / h7 == 160 and round(full, 1) == 104.2 and round(sel, 1) == 18.3 and round(rec, 2) == 1.07
# about as much as the 112 GB of model states of a 7B model; doubling s to 8192 gives more than three times that
full_8k = L7 * act_per_layer(2 * s7, 1, h7, a7) / GB
print(f"7B-scale, s=8192: store all {full_8k:.1f} GB = {full_8k / 112:.1f} x the 112 GB of model states")
assert round(full_8k) == 380 and full_8k > 3 * BYTES_PER_PARAM * 7e9 / GB

# %% [markdown] lang="zh"
# **检查点分段**：$n$ 层，每 $k$ 层存一个检查点，反向时逐段重算，峰值约 $n/k+k$ 层的激活，在 $k=\sqrt{n}$ 时最小为 $2\sqrt{n}$。

# %% [markdown] lang="en"
# **Checkpoint segments**: with $n$ layers and a checkpoint every $k$ layers, the backward pass recomputes one segment at
# a time and peaks at about $n/k+k$ layers of activations, minimised at $k=\sqrt{n}$ with $2\sqrt{n}$.

# %%
for n_layers in (16, 64, 100):
    cost = {k: -(-n_layers // k) + k for k in range(1, n_layers + 1)}
    best = min(cost, key=cost.get)
    print(f"n = {n_layers:3d}: best segment length k = {best}, peak {cost[best]} layers (2 sqrt(n) = {2 * n_layers ** 0.5:.0f})")
    assert best == round(n_layers ** 0.5) and cost[best] == 2 * round(n_layers ** 0.5)

# %% [markdown] lang="zh"
# ## 流水线气泡 {#pipeline-bubble}
#
# $p$ 个阶段、$m$ 个微批，每个阶段每个微批前向耗时 $t_f$、反向 $t_b$。按依赖关系（前向等上一阶段，反向等下一阶段）逐个安排操作，
# 得到总时长，空闲占比应为 $(p-1)/(m+p-1)$。1F1B 的气泡相同，但同时在途（已前向未反向）的微批最多 $p$ 个而不是 $m$ 个。

# %% [markdown] lang="en"
# ## Pipeline bubble {#pipeline-bubble}
#
# $p$ stages, $m$ micro-batches; a forward of one micro-batch on one stage takes $t_f$, a backward $t_b$. Each operation
# is scheduled as soon as its dependencies allow (a forward waits for the previous stage, a backward for the next stage).
# The idle fraction should be $(p-1)/(m+p-1)$. 1F1B has the same bubble, but at most $p$ micro-batches are in flight
# (forward done, backward not yet) instead of $m$.

# %%
def simulate(p, m, schedule, tf=1.0, tb=2.0):
    """Event simulation of a synchronous pipeline. Returns (makespan, idle fraction, max in-flight micro-batches)."""
    order = []
    for i in range(p):
        if schedule == "gpipe":
            ops = [("F", j) for j in range(m)] + [("B", j) for j in range(m)]
        else:                                             # 1F1B (PipeDream-Flush)
            warm = min(p - 1 - i, m)
            ops = [("F", j) for j in range(warm)]
            for j in range(m - warm):
                ops += [("F", warm + j), ("B", j)]
            ops += [("B", j) for j in range(m - warm, m)]
        order.append(ops)
    end, free, pos = {}, [0.0] * p, [0] * p
    while any(pos[i] < len(order[i]) for i in range(p)):
        for i in range(p):
            while pos[i] < len(order[i]):
                kind, j = order[i][pos[i]]
                dep = (("F", i - 1, j) if i > 0 else None) if kind == "F" else (("B", i + 1, j) if i < p - 1 else ("F", i, j))
                if dep is not None and dep not in end:
                    break
                start = max(free[i], end[dep] if dep else 0.0)
                end[(kind, i, j)] = free[i] = start + (tf if kind == "F" else tb)
                pos[i] += 1
    makespan = max(free)
    inflight = max(max(np.cumsum([1 if k == "F" else -1 for k, _ in ops])) for ops in order)
    return makespan, 1 - m * (tf + tb) / makespan, inflight

for p, m in ((4, 4), (4, 16), (8, 32)):
    for sched in ("gpipe", "1f1b"):
        makespan, idle, inflight = simulate(p, m, sched)
        print(f"p={p}, m={m:2d}, {sched:5s}: makespan {makespan:5.0f}, bubble {idle:.3f}"
              f" (formula {(p - 1) / (m + p - 1):.3f}), max in flight {inflight}")
        assert np.isclose(makespan, (m + p - 1) * 3.0) and np.isclose(idle, (p - 1) / (m + p - 1))
        assert inflight == (m if sched == "gpipe" else min(p, m))

bubble_total = {m: (8 - 1) / (m + 8 - 1) for m in (8, 32)}
bubble_megatron = {m: (8 - 1) / m for m in (8, 32)}                 # bubble time / ideal time (Narayanan et al., 2021)
print("p = 8: share of total time", {m: f"{v:.1%}" for m, v in bubble_total.items()},
      "  bubble / ideal time", {m: f"{v:.1%}" for m, v in bubble_megatron.items()},
      "  interleaved v=2:", f"{7 / (2 * 32):.1%}")
assert round(bubble_total[32], 3) == 0.179 and round(bubble_megatron[32], 3) == 0.219 and round(7 / 64, 3) == 0.109

# %% [markdown] lang="zh"
# ## Switch 负载均衡损失 {#load-balancing}
#
# $\mathcal{L}_{\text{aux}}=\alpha N\sum_i f_iP_i$，$f_i$ 是 argmax 落在专家 $i$ 的词元比例，$P_i$ 是路由概率在专家 $i$ 上的平均值。
# 完全均匀时等于 $\alpha$；全部坍缩到一个专家、概率趋于 1 时趋于 $\alpha N$。$f$ 与 $P$ 不一致的人造例子可以低于 $\alpha$（$N=8$ 时可接近 $0.4\alpha$），
# 所以“最小值是 $\alpha$”只在 $f\approx P$ 时成立。

# %% [markdown] lang="en"
# ## Switch load-balancing loss {#load-balancing}
#
# $\mathcal{L}_{\text{aux}}=\alpha N\sum_i f_iP_i$, where $f_i$ is the fraction of tokens whose argmax is expert $i$ and
# $P_i$ the mean router probability of expert $i$. It equals $\alpha$ for perfectly uniform routing and tends to
# $\alpha N$ when everything collapses onto one expert with probability close to 1. A contrived case where $f$ and $P$
# disagree can go below $\alpha$ (close to $0.4\alpha$ for $N=8$), so "the minimum is $\alpha$" holds only when $f\approx P$.

# %%
def softmax(z, axis=-1):
    z = z - z.max(axis=axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)

def switch_aux_loss(probs, alpha=0.01):
    T, N = probs.shape
    f = np.bincount(probs.argmax(1), minlength=N) / T
    P = probs.mean(0)
    return alpha * N * np.sum(f * P), f, P

alpha, N, T = 0.01, 8, 1024
uniform = np.full((T, N), 0.3 / (N - 1))
uniform[np.arange(T), np.arange(T) % N] = 0.7                     # each expert wins T/N tokens, P_i = 1/N
collapsed = np.full((T, N), 0.1 / (N - 1))
collapsed[:, 0] = 0.9                                             # every token prefers expert 0
random_router = softmax(rng.normal(size=(T, N)) * 2.0 + rng.normal(size=N) * 1.5)
for name, probs in (("uniform", uniform), ("collapsed (p=0.9)", collapsed), ("random skewed", random_router)):
    loss, f, P = switch_aux_loss(probs, alpha)
    print(f"{name:18s} loss = {loss:.4f} = {loss / alpha:.2f} alpha   f = {np.round(f, 3)}")
assert np.isclose(switch_aux_loss(uniform, alpha)[0], alpha)
assert np.isclose(switch_aux_loss(collapsed, alpha)[0], alpha * N * 0.9)
assert alpha < switch_aux_loss(random_router, alpha)[0] < alpha * N

odd = np.array([[0.51, 0.0, 0.49]] * 50 + [[0.0, 0.51, 0.49]] * 50)   # f = (.5,.5,0) but P = (.255,.255,.49)
assert np.isclose(switch_aux_loss(odd, alpha)[0], 0.765 * alpha)

# N = 8: tokens split evenly over experts 0-3, each giving its chosen expert q = 0.21 and the four never-chosen experts
# (1 - q) / 4 = 0.1975 each, so the chosen one still wins. Loss = alpha * N * q / 4, which tends to 0.4 alpha as q -> 1/5.
q = 0.21
odd8 = np.zeros((T, N))
odd8[:, 4:] = (1 - q) / 4
odd8[np.arange(T), np.arange(T) % 4] = q
loss8 = switch_aux_loss(odd8, alpha)[0]
print(f"f and P disagreeing: 3 experts {switch_aux_loss(odd, alpha)[0] / alpha:.3f} alpha;  8 experts {loss8 / alpha:.3f} alpha")
assert np.allclose(odd8.sum(1), 1) and (odd8.argmax(1) < 4).all() and np.isclose(loss8, N * q / 4 * alpha)
assert np.isclose(loss8, 0.42 * alpha) and loss8 < 0.5 * alpha

# f is a count of argmaxes: piecewise constant, zero gradient. The gradient reaches the router only through P:
# dL/dz_t = (alpha N / T) * p_t * (f - p_t . f). Over-loaded experts get their logits pushed down.
loss, f, P = switch_aux_loss(random_router, alpha)
grad_z = alpha * N / T * random_router * (f[None, :] - (random_router @ f)[:, None])
mean_grad = grad_z.sum(0)
print("load f       :", np.round(f, 3))
print("sum_t dL/dz_t:", np.round(mean_grad * 1e3, 3), "x 1e-3")
assert mean_grad[f.argmax()] > 0 and mean_grad[f.argmin()] < 0     # gradient descent lowers the busiest, raises the idlest

# finite-difference check of that gradient, holding the (non-differentiable) f fixed
z0, f0 = rng.normal(size=(6, 4)), np.array([0.5, 0.25, 0.25, 0.0])
def loss_fixed_f(z):
    return alpha * 4 * np.sum(f0 * softmax(z).mean(0))
numeric = np.zeros_like(z0)
for idx in np.ndindex(z0.shape):
    step = np.zeros_like(z0)
    step[idx] = 1e-6
    numeric[idx] = (loss_fixed_f(z0 + step) - loss_fixed_f(z0 - step)) / 2e-6
p0 = softmax(z0)
assert np.allclose(numeric, alpha * 4 / 6 * p0 * (f0[None, :] - (p0 @ f0)[:, None]), atol=1e-10)

# %% [markdown] lang="zh"
# **路由 z-loss**（ST-MoE）：$\frac{1}{B}\sum_t\big(\log\sum_j e^{z_{tj}}\big)^2$，随 logits 的尺度平方增长；
# 它对 $z_{tj}$ 的梯度是 $\frac{2}{B}\operatorname{lse}_t\,p_{tj}$，用有限差分核对。

# %% [markdown] lang="en"
# **Router z-loss** (ST-MoE): $\frac{1}{B}\sum_t\big(\log\sum_j e^{z_{tj}}\big)^2$, which grows with the square of the logit scale;
# its gradient with respect to $z_{tj}$ is $\frac{2}{B}\operatorname{lse}_t\,p_{tj}$, checked by finite differences.

# %%
def z_loss(logits):
    m = logits.max(1, keepdims=True)
    lse = (m + np.log(np.exp(logits - m).sum(1, keepdims=True)))[:, 0]
    return np.mean(lse ** 2)

base = rng.normal(size=(T, N))
zs = [z_loss(scale * base) for scale in (1, 4, 16)]
print("z-loss at logit scale 1, 4, 16:", np.round(zs, 2))
assert zs[0] < zs[1] < zs[2]
# its minimum is lse_t = 0: shifting each token's logits by -lse_t (same softmax) makes it exactly 0
shifted = base - np.log(np.exp(base).sum(1, keepdims=True))
assert np.isclose(z_loss(shifted), 0) and np.allclose(softmax(shifted), softmax(base))

# its gradient: d L_z / d z_tj = (2 / B) * lse_t * p_tj  (finite-difference check on 4 tokens)
z4 = rng.normal(size=(4, N))
numeric = np.zeros_like(z4)
for idx in np.ndindex(z4.shape):
    step = np.zeros_like(z4)
    step[idx] = 1e-6
    numeric[idx] = (z_loss(z4 + step) - z_loss(z4 - step)) / 2e-6
lse4 = np.log(np.exp(z4).sum(1, keepdims=True))
assert np.allclose(numeric, 2 / 4 * lse4 * softmax(z4), atol=1e-8)

# %% [markdown] lang="zh"
# **容量与丢弃**：专家容量 $C=\text{CF}\cdot kT/N$（Switch 中 $k=1$）。超出容量的词元不经过该专家，只走残差连接。

# %% [markdown] lang="en"
# **Capacity and dropping**: expert capacity is $C=\text{CF}\cdot kT/N$ ($k=1$ in Switch). Tokens beyond an expert's
# capacity skip it and pass through the residual connection only.

# %%
def dropped(assign, n_experts, capacity):
    counts = np.bincount(assign.ravel(), minlength=n_experts)
    return counts, int(np.maximum(counts - capacity, 0).sum())

for cf in (1.0, 1.25, 2.0):
    cap = int(cf * 1 * T / N)
    counts, lost = dropped(random_router.argmax(1), N, cap)
    _, lost_u = dropped(uniform.argmax(1), N, cap)
    print(f"CF = {cf:4.2f}: capacity {cap:3d};  skewed router drops {lost:3d} of {T} tokens, uniform router drops {lost_u}")
    assert lost_u == 0
assert int(1.25 * T / N) == 160 and int(1.25 * 2 * T / N) == 320

# %% [markdown] lang="zh"
# ## Mixtral 8x7B 的总参数与激活参数 {#mixtral}
#
# Mixtral 论文表 1：$d=4096$、32 层、头维 128、32 个查询头、8 个 KV 头、FFN 中间维 14336、词表 32000、8 个专家、每词元 2 个。
# 专家是 SwiGLU（三个 $d\times d_{ff}$ 矩阵），注意力和线性层无偏置，每层两个 RMSNorm，输入嵌入与输出头不共享。
# 论文摘要给出约 47B 总参数、13B 激活参数；Mistral 的发布说明给出 46.7B 与 12.9B。
# 最后顺带算一下 DeepSeekMoE 细粒度切分后可选的专家组合数，以及全部权重与每词元读到的权重在 bf16 下各占多少显存。

# %% [markdown] lang="en"
# ## Total and active parameters of Mixtral 8x7B {#mixtral}
#
# Table 1 of the Mixtral paper: $d=4096$, 32 layers, head dimension 128, 32 query heads, 8 KV heads, FFN hidden size
# 14336, vocabulary 32000, 8 experts, 2 per token. The experts are SwiGLU (three $d\times d_{ff}$ matrices), attention and
# linear layers have no biases, each layer has two RMSNorms, and input embedding and output head are not tied. The paper's
# abstract gives about 47B total and 13B active parameters; Mistral's release announcement gives 46.7B and 12.9B.
# At the end we also count the expert combinations after DeepSeekMoE's fine-grained segmentation, and the bf16 memory of
# all weights versus the weights one token reads.

# %%
d, L, E, k, d_ff, n_heads, n_kv, V = 4096, 32, 8, 2, 14336, 32, 8, 32000
head_dim = d // n_heads
attn = d * n_heads * head_dim + 2 * d * n_kv * head_dim + n_heads * head_dim * d     # W_Q, W_K, W_V, W_O
expert = 3 * d * d_ff                                                               # SwiGLU: gate, up, down
router = d * E
norms = 2 * d
embed_and_head = 2 * V * d + d                                                      # untied, plus the final norm

total = L * (attn + E * expert + router + norms) + embed_and_head
active = L * (attn + k * expert + router + norms) + embed_and_head
dense_7b = L * (attn + expert + norms) + embed_and_head                             # the same model with one FFN
print(f"attention per layer {attn:,}, one expert {expert:,}, router {router:,}")
print(f"total  {total:,}  = {total / 1e9:.2f} B")
print(f"active {active:,}  = {active / 1e9:.2f} B   ({active / total:.1%} of total)")
print(f"one-expert dense model {dense_7b / 1e9:.2f} B;  8 x that = {8 * dense_7b / 1e9:.1f} B (not the total)")
print(f"expert weights: {L * E * expert / total:.1%} of all parameters")
assert attn == 41_943_040 and expert == 176_160_768
assert total == 46_702_792_704 and active == 12_879_925_248
assert round(total / 1e9, 1) == 46.7 and round(active / 1e9, 1) == 12.9      # Mistral announcement
assert round(total / 1e9) == 47 and round(active / 1e9) == 13                  # Mixtral paper, abstract
assert round(dense_7b / 1e9, 2) == 7.24
assert round(L * E * expert / total, 3) == 0.966                           # "96.6% of all parameters"

# DeepSeekMoE's fine-grained segmentation: 16 experts top-2 vs the same experts split in 4 (64 experts, top-8)
from math import comb
print(f"routing combinations: C(16, 2) = {comb(16, 2):,};  C(64, 8) = {comb(64, 8):,}")
assert comb(16, 2) == 120 and comb(64, 8) == 4_426_165_368

bf16 = 2
print(f"bf16 weights to hold in memory: {total * bf16 / GB:.1f} GB;  weights touched per token: {active * bf16 / GB:.1f} GB")
assert round(total * bf16 / GB, 1) == 93.4 and round(active * bf16 / GB, 1) == 25.8

# %% [markdown] lang="zh"
# **推理时一个 batch 会碰到几个专家**：若每个词元独立、均匀地选 $k$ 个不同专家，$B$ 个词元在某一层碰到的不同专家数期望为
# $N\big(1-(1-k/N)^B\big)$。$N=8,k=2$ 时，batch 为 8 就已经要读入约 7.2 个专家的权重，所以解码时“只读激活参数”的优势只在很小的 batch 下成立。

# %% [markdown] lang="en"
# **How many experts a batch touches at inference**: if each token independently picks $k$ distinct experts uniformly,
# $B$ tokens touch $N\big(1-(1-k/N)^B\big)$ distinct experts of a layer on average. With $N=8,k=2$ a batch of 8 already
# reads about 7.2 experts' weights, so "decoding only reads the active parameters" holds only at very small batch sizes.

# %%
def expected_distinct(batch, n=8, k=2):
    return n * (1 - (1 - k / n) ** batch)

for batch in (1, 2, 4, 8, 16, 64):
    picks = np.array([np.unique(np.concatenate([rng.choice(8, 2, replace=False) for _ in range(batch)])).size
                      for _ in range(4000)])                     # 4000 simulated decode steps
    print(f"batch {batch:3d}: expected {expected_distinct(batch):.2f} distinct experts, simulated {picks.mean():.2f}")
    assert abs(picks.mean() - expected_distinct(batch)) < 0.05
assert expected_distinct(1) == 2 and round(expected_distinct(8), 1) == 7.2
