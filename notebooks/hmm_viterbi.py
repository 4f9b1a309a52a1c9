# %% [markdown] lang="zh"
# # HMM 前向算法与 Viterbi 解码
#
# 本实验在对数域从零实现隐马尔可夫模型（HMM）的前向算法、后向算法与 Viterbi 解码，
# 并在一个小例子（$N=3$ 个隐状态、$M=4$ 种观测、序列长 $T=5$）上与暴力枚举全部 $N^T=243$ 条状态路径的结果逐一对照：
#
# - 前向算法算出的 $P(O \mid \lambda)$ 等于对所有路径求和 $\sum_I P(O,I \mid \lambda)$；
# - Viterbi 找到的路径就是使 $P(O,I \mid \lambda)$ 最大的那条路径，最大概率也相同。
#
# 记号与推导见[隐马尔可夫模型](../nlp/hmm.md)：参数 $\lambda=(A,B,\boldsymbol{\pi})$，
# $a_{ij}$ 为状态 $i$ 转到 $j$ 的概率，$b_j(o)$ 为状态 $j$ 发出观测 $o$ 的概率。

# %% [markdown] lang="en"
# # HMM forward algorithm and Viterbi decoding
#
# This notebook implements the forward algorithm, the backward algorithm and Viterbi decoding of a hidden Markov model
# (HMM) from scratch in log space, and checks them one by one on a small example ($N=3$ hidden states, $M=4$
# observation symbols, sequence length $T=5$) against brute-force enumeration of all $N^T=243$ state paths:
#
# - the $P(O \mid \lambda)$ computed by the forward algorithm equals the sum over all paths
#   $\sum_I P(O,I \mid \lambda)$;
# - the path Viterbi finds is the path that maximizes $P(O,I \mid \lambda)$, with the same maximum probability.
#
# Notation and derivations are on [Hidden Markov models](../nlp/hmm.md): the parameters are
# $\lambda=(A,B,\boldsymbol{\pi})$, $a_{ij}$ is the probability of moving from state $i$ to state $j$, and $b_j(o)$ is
# the probability that state $j$ emits observation $o$.

# %%
import itertools

import numpy as np
from scipy.special import logsumexp

rng = np.random.default_rng(0)
N, M, T = 3, 4, 5                                  # states, observation symbols, sequence length
pi = rng.dirichlet(np.ones(N))                     # initial distribution, shape (N,)
A = rng.dirichlet(np.ones(N), size=N)              # A[i, j] = P(next = j | current = i)
B = rng.dirichlet(np.ones(M), size=N)              # B[j, o] = P(obs = o | state = j)
obs = rng.integers(0, M, size=T)
assert np.allclose(A.sum(1), 1) and np.allclose(B.sum(1), 1) and np.isclose(pi.sum(), 1)
print("pi =", pi.round(3))
print("A =\n", A.round(3))
print("B =\n", B.round(3))
print("observations:", obs)

# %% [markdown] lang="zh"
# ## 对数域的前向、后向与 Viterbi {#log-space}
#
# 前向变量 $\alpha_t(j)=P(o_1,\dots,o_t,i_t=q_j \mid \lambda)$ 的递推
# $\alpha_{t+1}(j)=\big[\sum_i \alpha_t(i)a_{ij}\big]b_j(o_{t+1})$ 在对数域变成
# $\log\alpha_{t+1}(j)=\operatorname{logsumexp}_i\big(\log\alpha_t(i)+\log a_{ij}\big)+\log b_j(o_{t+1})$；
# Viterbi 只是把求和换成取最大，并记下回溯指针 $\psi_t(j)$。

# %% [markdown] lang="en"
# ## Forward, backward and Viterbi in log space {#log-space}
#
# The recursion for the forward variable $\alpha_t(j)=P(o_1,\dots,o_t,i_t=q_j \mid \lambda)$,
# $\alpha_{t+1}(j)=\big[\sum_i \alpha_t(i)a_{ij}\big]b_j(o_{t+1})$, becomes in log space
# $\log\alpha_{t+1}(j)=\operatorname{logsumexp}_i\big(\log\alpha_t(i)+\log a_{ij}\big)+\log b_j(o_{t+1})$. Viterbi
# simply replaces the sum with a maximum and records the back-pointers $\psi_t(j)$.

# %%
logpi, logA, logB = np.log(pi), np.log(A), np.log(B)

def forward_log(obs):
    """log alpha, shape (T, N), and log P(O | lambda)."""
    la = np.empty((len(obs), N))
    la[0] = logpi + logB[:, obs[0]]
    for t in range(1, len(obs)):
        la[t] = logsumexp(la[t - 1][:, None] + logA, axis=0) + logB[:, obs[t]]
    return la, logsumexp(la[-1])

def backward_log(obs):
    """log beta, shape (T, N); beta_T = 1."""
    lb = np.zeros((len(obs), N))
    for t in range(len(obs) - 2, -1, -1):
        lb[t] = logsumexp(logA + logB[:, obs[t + 1]] + lb[t + 1], axis=1)
    return lb

def viterbi_log(obs):
    """Most probable state path and its log joint probability log P(O, I*)."""
    delta = logpi + logB[:, obs[0]]
    back = []
    for t in range(1, len(obs)):
        scores = delta[:, None] + logA              # scores[i, j]: best path ending i -> j
        back.append(scores.argmax(axis=0))
        delta = scores.max(axis=0) + logB[:, obs[t]]
    path = [int(delta.argmax())]
    for psi in reversed(back):                      # follow the back-pointers
        path.append(int(psi[path[-1]]))
    return tuple(reversed(path)), delta.max()

log_alpha, log_p_forward = forward_log(obs)
path_viterbi, log_p_viterbi = viterbi_log(obs)
print("log P(O) forward  :", log_p_forward)
print("Viterbi path      :", path_viterbi, " log P(O, I*) =", log_p_viterbi)

# %% [markdown] lang="zh"
# ## 与暴力枚举对照 {#brute-force}
#
# 直接按 $P(O,I \mid \lambda)=\pi_{i_1}b_{i_1}(o_1)\prod_{t=2}^{T}a_{i_{t-1}i_t}b_{i_t}(o_t)$ 枚举所有 $N^T$ 条路径。

# %% [markdown] lang="en"
# ## Checking against brute force {#brute-force}
#
# Enumerate all $N^T$ paths directly with
# $P(O,I \mid \lambda)=\pi_{i_1}b_{i_1}(o_1)\prod_{t=2}^{T}a_{i_{t-1}i_t}b_{i_t}(o_t)$.

# %%
def log_joint(path, obs):
    s = logpi[path[0]] + logB[path[0], obs[0]]
    for t in range(1, len(obs)):
        s += logA[path[t - 1], path[t]] + logB[path[t], obs[t]]
    return s

paths = list(itertools.product(range(N), repeat=T))
joint = np.array([log_joint(p, obs) for p in paths])
log_p_brute = logsumexp(joint)
best = paths[int(joint.argmax())]
print("number of paths   :", len(paths))
print("log P(O) brute    :", log_p_brute, "  P(O) =", np.exp(log_p_brute))
print("best path (brute) :", best, " log P =", joint.max())

assert len(paths) == N ** T == 243
assert np.isclose(log_p_forward, log_p_brute, rtol=0, atol=1e-12)
assert best == path_viterbi and np.isclose(joint.max(), log_p_viterbi, rtol=0, atol=1e-12)
# the backward algorithm gives the same P(O)
log_beta = backward_log(obs)
log_p_backward = logsumexp(logpi + logB[:, obs[0]] + log_beta[0])
assert np.isclose(log_p_backward, log_p_forward, atol=1e-12)
# alpha_t(i) * beta_t(i) summed over i equals P(O) at every t
assert np.allclose(logsumexp(log_alpha + log_beta, axis=1), log_p_forward, atol=1e-12)
print("forward = backward = brute force; Viterbi = brute-force argmax: OK")

# %% [markdown] lang="zh"
# ## 后验解码与 Viterbi 不一定相同 {#posterior-decoding}
#
# 逐位置取 $\gamma_t(i)=P(i_t=q_i \mid O,\lambda)$ 最大的状态（后验解码）最大化的是期望的逐位置正确数，
# 而 Viterbi 最大化整条路径的联合概率；两者可能不同，而且后验解码的路径可能包含概率为 0 的转移。
# 下面用暴力枚举的路径后验验证 $\gamma_t$，并打印两种解码结果。

# %% [markdown] lang="en"
# ## Posterior decoding and Viterbi can differ {#posterior-decoding}
#
# Picking at each position the state with the largest $\gamma_t(i)=P(i_t=q_i \mid O,\lambda)$ (posterior decoding)
# maximizes the expected number of correct positions, whereas Viterbi maximizes the joint probability of the whole
# path. The two can differ, and the posterior-decoding path may even contain a transition of probability 0. Below we
# check $\gamma_t$ against the path posteriors from brute-force enumeration and print both decodings.

# %%
gamma = np.exp(log_alpha + log_beta - log_p_forward)           # (T, N)
post = np.exp(joint - log_p_brute)                             # P(I | O) for every path
gamma_brute = np.zeros((T, N))
for p, w in zip(paths, post):
    gamma_brute[np.arange(T), p] += w
assert np.allclose(gamma, gamma_brute, atol=1e-12) and np.allclose(gamma.sum(1), 1)
print("gamma =\n", gamma.round(3))
print("posterior decoding:", tuple(int(i) for i in gamma.argmax(1)))
print("Viterbi decoding  :", path_viterbi)

# %% [markdown] lang="zh"
# 本例中两者恰好一致。把全部 $M^T=1024$ 种观测序列都试一遍，统计两种解码不一致的比例：

# %% [markdown] lang="en"
# In this example the two happen to agree. Trying all $M^T=1024$ observation sequences, we count how often the two
# decodings differ:

# %%
differ = 0
for o in itertools.product(range(M), repeat=T):
    o = np.array(o)
    la, lp = forward_log(o)
    posterior_path = tuple(int(i) for i in (la + backward_log(o)).argmax(1))
    differ += posterior_path != viterbi_log(o)[0]
print(f"posterior decoding != Viterbi for {differ} of {M ** T} observation sequences")
assert 0 < differ < M ** T

# %% [markdown] lang="zh"
# ## 为什么要在对数域计算 {#underflow}
#
# 序列一长，$\alpha_t$ 在概率域会下溢为 0：每步大约乘上一个小于 1 的数，$T=2000$ 时早已低于 float64 能表示的最小正数
# （最小正规数约 $2.2\times10^{-308}$，次正规数也只到约 $4.9\times10^{-324}$）。
# 对数域（或逐步归一化）则没有这个问题。

# %% [markdown] lang="en"
# ## Why compute in log space {#underflow}
#
# For a long sequence, $\alpha_t$ underflows to 0 in probability space: each step multiplies it by a number that is
# roughly below 1, and at $T=2000$ it has long fallen below the smallest positive number a float64 can represent (the
# smallest normal number is about $2.2\times10^{-308}$, and subnormal numbers only reach about $4.9\times10^{-324}$).
# Log space (or normalizing at every step) has no such problem.

# %%
long_obs = rng.integers(0, M, size=2000)
alpha = pi * B[:, long_obs[0]]
for o in long_obs[1:]:
    alpha = (alpha @ A) * B[:, o]
naive = alpha.sum()
_, log_p_long = forward_log(long_obs)
print("probability-space P(O):", naive)
print("log-space log P(O)    :", log_p_long)
assert naive == 0.0 and np.isfinite(log_p_long)
