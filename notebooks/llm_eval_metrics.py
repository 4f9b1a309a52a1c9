# %% [markdown] lang="zh"
# # 大模型评估与检索的指标：pass@k、自一致性、困惑度、RRF 与检索指标
#
# 本实验把[检索增强生成](../llm/rag.md)、[提示与推理](../llm/prompting-reasoning.md)和[评估与幻觉](../llm/evaluation.md)三页里能算出来的数都算一遍，并用 `assert` 核对页面上写的数值：
#
# 1. pass@k 的无偏估计与朴素估计：用精确期望和固定种子的模拟展示朴素估计的偏差，并核对数值稳定的连乘形式等于组合数形式；
# 2. 自一致性（多数投票）的准确率随采样条数的变化：精确的二项 / 多项分布计算；错误答案各不相同时投票有效，错误答案集中时投票失效；
# 3. 由逐词元对数概率算困惑度，并换算成每字节比特数（bits-per-byte）；
# 4. 倒数排名融合（RRF）在一个玩具排序上的结果；
# 5. recall@k、MRR、nDCG 在一个玩具例子上的值；
# 6. 切块数量与向量索引的内存。
#
# 另外还核对了智能体误差累积 $q^n$ 和 Elo 分差对应的胜率。
#
# 只用 numpy 和 scipy。

# %% [markdown] lang="en"
# # Metrics for LLM evaluation and retrieval: pass@k, self-consistency, perplexity, RRF and retrieval metrics
#
# This notebook computes every number that can be computed on the pages [retrieval-augmented generation](../llm/rag.md), [prompting and reasoning](../llm/prompting-reasoning.md) and [evaluation and hallucination](../llm/evaluation.md), and checks the values those pages quote with `assert`:
#
# 1. the unbiased and the naive pass@k estimators: the bias of the naive one, shown by its exact expectation and by a fixed-seed simulation, and a check that the numerically stable product form equals the combinatorial form;
# 2. self-consistency (majority vote) accuracy as a function of the number of samples, computed exactly from the binomial / multinomial distribution: voting helps when wrong answers are all different and fails when they concentrate;
# 3. perplexity from per-token log-probabilities, and its conversion to bits per byte;
# 4. reciprocal rank fusion (RRF) on a toy ranking;
# 5. recall@k, MRR and nDCG on a toy example;
# 6. the number of chunks and the memory of a vector index.
#
# It also checks error accumulation $q^n$ in agents and the win probability implied by an Elo gap.
#
# numpy and scipy only.

# %%
from math import comb, exp, log

import numpy as np
from scipy.stats import binom

# %% [markdown] lang="zh"
# ## 1. pass@k：无偏估计与朴素估计 {#pass-at-k}
#
# 每道题采样 $n$ 个程序，其中 $c$ 个通过测试。无偏估计（Chen 等，2021）是
# $\widehat{\text{pass@}k}=1-\binom{n-c}{k}\big/\binom{n}{k}$；朴素估计把 $\hat p=c/n$ 代入 $1-(1-p)^k$。
# 组合数很大时直接算会溢出或损失精度，论文给出的实现用连乘 $1-\prod_{i=n-c+1}^{n}\left(1-k/i\right)$。先核对两种写法处处相等（组合数用 Python 的精确整数）：

# %% [markdown] lang="en"
# ## 1. pass@k: unbiased versus naive estimator {#pass-at-k}
#
# For each problem we sample $n$ programs, of which $c$ pass the tests. The unbiased estimator (Chen et al., 2021) is
# $\widehat{\text{pass@}k}=1-\binom{n-c}{k}\big/\binom{n}{k}$; the naive estimator plugs $\hat p=c/n$ into $1-(1-p)^k$.
# Binomial coefficients overflow or lose precision for large $n$, so the paper's implementation uses the product $1-\prod_{i=n-c+1}^{n}\left(1-k/i\right)$. First check that the two forms agree everywhere (exact Python integers for the binomials):

# %%
def pass_at_k_comb(n, c, k):
    return 1 - comb(n - c, k) / comb(n, k)          # comb(a, k) = 0 when a < k


def pass_at_k(n, c, k):
    """Numerically stable form used by Chen et al. (2021)."""
    if n - c < k:
        return 1.0
    return 1.0 - float(np.prod(1.0 - k / np.arange(n - c + 1, n + 1)))


def pass_at_k_naive(n, c, k):
    return 1 - (1 - c / n) ** k


worst = max(abs(pass_at_k(n, c, k) - pass_at_k_comb(n, c, k))
            for n in range(1, 61) for c in range(n + 1) for k in range(1, n + 1))
print(f"largest difference between product and combinatorial form: {worst:.1e}")
assert worst < 1e-12
# pass@1 is exactly c/n for both estimators
assert all(abs(pass_at_k(n, c, 1) - c / n) < 1e-15 for n in range(1, 40) for c in range(n + 1))

# the example quoted on the evaluation page: n = 10 samples, c = 2 correct, k = 5
print(f"n=10, c=2, k=5: unbiased {pass_at_k(10, 2, 5):.4f}, naive {pass_at_k_naive(10, 2, 5):.4f}")
assert abs(pass_at_k(10, 2, 5) - 7 / 9) < 1e-12           # 1 - C(8,5)/C(10,5) = 1 - 56/252
assert round(pass_at_k_naive(10, 2, 5), 4) == 0.6723

# %% [markdown] lang="zh"
# 偏差：设一道题单次采样的通过率为 $p$，则真值 $\text{pass@}k=1-(1-p)^k$，而 $c\sim\operatorname{Binomial}(n,p)$。
# 对 $c$ 的分布精确求期望，再用固定种子模拟 20 万道“题”核对：无偏估计的期望等于真值，朴素估计系统性偏低
# （$x\mapsto(1-x)^k$ 是凸函数，由 Jensen 不等式 $\E[(1-\hat p)^k]\ge(1-p)^k$）。

# %% [markdown] lang="en"
# The bias: let the per-sample pass rate of a problem be $p$, so the true $\text{pass@}k=1-(1-p)^k$ while $c\sim\operatorname{Binomial}(n,p)$.
# Take the exact expectation over $c$, then check with a fixed-seed simulation of 200,000 "problems": the unbiased estimator's expectation equals the true value, the naive one is systematically low
# ($x\mapsto(1-x)^k$ is convex, so by Jensen's inequality $\E[(1-\hat p)^k]\ge(1-p)^k$).

# %%
def expected(estimator, n, p, k):
    cs = np.arange(n + 1)
    return float(sum(binom.pmf(c, n, p) * estimator(n, c, k) for c in cs))


n, p, k = 20, 0.05, 10
truth = 1 - (1 - p) ** k
e_unbiased, e_naive = expected(pass_at_k, n, p, k), expected(pass_at_k_naive, n, p, k)
print(f"n={n}, p={p}, k={k}: true {truth:.4f}   E[unbiased] {e_unbiased:.4f}   E[naive] {e_naive:.4f}")
assert abs(e_unbiased - truth) < 1e-12
assert round(truth, 4) == 0.4013 and round(e_naive, 4) == 0.3365

rng = np.random.default_rng(0)
c_sim = rng.binomial(n, p, size=200_000)
sim_unbiased = np.mean([pass_at_k(n, c, k) for c in c_sim])
sim_naive = np.mean(pass_at_k_naive(n, c_sim, k))
print(f"simulation (seed 0, 200k problems): unbiased {sim_unbiased:.4f}   naive {sim_naive:.4f}")
assert abs(sim_unbiased - truth) < 0.005 and sim_naive < truth - 0.05

# the naive estimator is low for every p and k > 1 (n = 20)
for p_ in (0.02, 0.1, 0.3, 0.6):
    for k_ in (2, 5, 10):
        assert expected(pass_at_k_naive, 20, p_, k_) < 1 - (1 - p_) ** k_ - 1e-6
        assert abs(expected(pass_at_k, 20, p_, k_) - (1 - (1 - p_) ** k_)) < 1e-12

# %% [markdown] lang="zh"
# ## 2. 自一致性：多数投票的准确率 {#self-consistency}
#
# 模型对一道题独立采样 $m$ 条推理路径，取出现最多的答案（平票时在并列答案里均匀随机选一个）。
# 设每条路径以概率 $p$ 给出正确答案，以概率 $w$ 给出**同一个**错误答案，其余概率 $1-p-w$ 给出**各不相同**的错误答案（彼此不会重合）。
# 对 $(c,v)$（正确票数、那个常见错误答案的票数）按多项分布精确求和：
#
# - $w=0$：错误答案各不相同；
# - $w=1-p$：所有错误都是同一个答案，退化为二项分布的“多数表决”（Condorcet 陪审团定理的情形）。

# %% [markdown] lang="en"
# ## 2. Self-consistency: accuracy of the majority vote {#self-consistency}
#
# The model samples $m$ independent reasoning paths for a problem and returns the most frequent answer (ties broken uniformly at random among the tied answers).
# Each path gives the correct answer with probability $p$, **one particular** wrong answer with probability $w$, and with the remaining probability $1-p-w$ a wrong answer that is **different every time** (never repeated).
# Sum exactly over $(c, v)$, the votes for the correct answer and for the common wrong one, with the multinomial distribution:
#
# - $w=0$: all wrong answers are different;
# - $w=1-p$: every wrong path gives the same answer, the binomial majority vote (the setting of Condorcet's jury theorem).

# %%
def vote_accuracy(p, w, m):
    """P(plurality vote over m samples is correct); ties broken uniformly at random."""
    u = 1.0 - p - w
    total = 0.0
    for c in range(m + 1):
        for v in range(m - c + 1):
            r = m - c - v                        # samples with a never-repeated wrong answer
            if (w == 0 and v) or (u < 1e-15 and r):
                continue
            prob = comb(m, c) * comb(m - c, v) * p ** c * w ** v * u ** r
            top = max(c, v, 1 if r else 0)
            if c == top:
                tied = 1 + (v == top) + (r if top == 1 else 0)
                total += prob / tied
    return total


def binomial_majority(p, m):
    """Closed form for w = 1 - p: strict majority, plus half of an exact tie."""
    j = np.arange(m + 1)
    pmf = binom.pmf(j, m, p)
    return float(pmf[j > m / 2].sum() + 0.5 * pmf[j == m / 2].sum())


def distinct_closed_form(p, m):
    """Closed form for w = 0: correct wins with >= 2 votes, or with 1 vote by a tie among all m answers."""
    return 1 - (1 - p) ** m - (m - 1) * p * (1 - p) ** (m - 1)


ms = range(1, 42)
for p in (0.3, 0.45, 0.6, 0.8):
    assert all(abs(vote_accuracy(p, 1 - p, m) - binomial_majority(p, m)) < 1e-12 for m in ms)
    assert all(abs(vote_accuracy(p, 0.0, m) - distinct_closed_form(p, m)) < 1e-12 for m in ms)

for p in (0.3, 0.45, 0.6, 0.8):
    row_d = [vote_accuracy(p, 0.0, m) for m in (1, 3, 5, 10, 40)]
    row_c = [vote_accuracy(p, 1 - p, m) for m in (1, 3, 5, 10, 40)]
    print(f"p={p}: all wrong answers different {np.round(row_d, 4)}   all wrong answers identical {np.round(row_c, 4)}")

# %% [markdown] lang="zh"
# 核对页面上用到的结论：
#
# - 错误答案各不相同时，对 $p>0.5$（实际上对任意 $0<p<1$）准确率随 $m$ 单调不减、趋于 1；$m=2$ 与 $m=1$ 相同（两票不同时靠抛硬币）；
# - 错误答案全相同时，$p>0.5$ 才随 $m$ 增加，$p<0.5$ 反而随 $m$ 下降到 0；偶数 $m$ 与前一个奇数 $m-1$ 的准确率相等；
# - 部分集中：$p=0.4$、同一个错误答案占 $w=0.45$ 时，投票先略升后降，最终趋于 0；$w=0.3<p$ 时趋于 1。一般地，$m\to\infty$ 时投票正确当且仅当 $p$ 大于任何一个错误答案的概率。

# %% [markdown] lang="en"
# Check the statements the pages rely on:
#
# - with all wrong answers different, accuracy is non-decreasing in $m$ and tends to 1 for $p>0.5$ (in fact for any $0<p<1$); $m=2$ equals $m=1$ (two different votes are settled by a coin flip);
# - with all wrong answers identical, accuracy grows with $m$ only for $p>0.5$ and falls to 0 for $p<0.5$; an even $m$ has the same accuracy as the odd $m-1$ before it;
# - partial concentration: with $p=0.4$ and one wrong answer taking $w=0.45$, the vote first rises slightly, then falls towards 0; with $w=0.3<p$ it tends to 1. In general, as $m\to\infty$ the vote is correct if and only if $p$ exceeds the probability of every single wrong answer.

# %%
def nondecreasing(xs):
    return all(b >= a - 1e-12 for a, b in zip(xs, xs[1:]))


for p in (0.55, 0.6, 0.7, 0.8, 0.9):
    acc = [vote_accuracy(p, 0.0, m) for m in ms]
    assert nondecreasing(acc) and acc[-1] > 0.999 and abs(acc[1] - acc[0]) < 1e-12
    acc = [binomial_majority(p, m) for m in ms]
    assert nondecreasing(acc) and acc[-1] > acc[0]
for p in (0.1, 0.3, 0.45):                    # different wrong answers: voting helps even below 0.5
    acc = [vote_accuracy(p, 0.0, m) for m in ms]
    assert nondecreasing(acc) and acc[-1] > p
    acc = [binomial_majority(p, m) for m in ms]   # identical wrong answers: voting hurts
    assert all(b <= a + 1e-12 for a, b in zip(acc, acc[1:])) and acc[-1] < p
for p in (0.3, 0.6, 0.8):
    assert all(abs(binomial_majority(p, 2 * j) - binomial_majority(p, 2 * j - 1)) < 1e-12 for j in range(1, 20))

# numbers quoted on the prompting page
assert round(binomial_majority(0.6, 5), 4) == 0.6826 and round(binomial_majority(0.6, 41), 4) == 0.9035
assert round(binomial_majority(0.3, 5), 4) == 0.1631
assert round(vote_accuracy(0.3, 0.0, 5), 4) == 0.5438 and round(vote_accuracy(0.3, 0.0, 10), 4) == 0.8628
mixed = [vote_accuracy(0.4, 0.45, m) for m in (1, 5, 20, 80)]
print("p=0.4, w=0.45:", np.round(mixed, 4))
assert round(mixed[1], 4) == 0.447 and mixed[3] < 0.32
# "rises slightly, then falls towards 0": the peak is at m = 5, and m = 200 is well below p
peak = [vote_accuracy(0.4, 0.45, m) for m in range(1, 12)]
assert max(range(11), key=peak.__getitem__) + 1 == 5 and vote_accuracy(0.4, 0.45, 200) < 0.25
assert vote_accuracy(0.4, 0.3, 80) > 0.85

# %% [markdown] lang="zh"
# 二项情形的一个上界：$p>1/2$、$m$ 为奇数时，错误率 $1-P_m\le\exp\!\big(-2m(p-\tfrac12)^2\big)$（Hoeffding 不等式）。数值核对：

# %% [markdown] lang="en"
# A bound for the binomial case: for $p>1/2$ and odd $m$, the error $1-P_m\le\exp\!\big(-2m(p-\tfrac12)^2\big)$ (Hoeffding's inequality). Numerical check:

# %%
for p in (0.55, 0.6, 0.8):
    for m in range(1, 80, 2):
        assert 1 - binomial_majority(p, m) <= exp(-2 * m * (p - 0.5) ** 2) + 1e-12

# %% [markdown] lang="zh"
# 智能体的误差累积用同一种独立性模型估算：每一步独立地以概率 $q$ 成功、任何一步失败整体就失败时，$n$ 步全部成功的概率是 $q^n$。

# %% [markdown] lang="en"
# Error accumulation in agents under the same independence model: if each step succeeds independently with probability $q$ and any failed step fails the task, all $n$ steps succeed with probability $q^n$.

# %%
for q, steps in ((0.95, 10), (0.95, 20), (0.99, 20)):
    print(f"q={q}, n={steps}: {q ** steps:.4f}")
assert round(0.95 ** 10, 4) == 0.5987 and round(0.95 ** 20, 4) == 0.3585 and round(0.99 ** 20, 4) == 0.8179
assert round(0.95 ** 10, 3) == 0.599 and round(0.95 ** 20, 3) == 0.358      # as quoted on the prompting page

# %% [markdown] lang="zh"
# ## 3. 困惑度与每字节比特数 {#perplexity}
#
# 同一句话 “大语言模型的评估”（8 个汉字，UTF-8 编码 24 字节）用两种分词方式：A 切成 4 个词元，B 每个字一个词元。
# 假设两个模型给整句的总对数似然相同（都是 $-12$ nats），只是分摊到的词元数不同：
# 困惑度 $\operatorname{PPL}=\exp(\text{平均每词元负对数似然})$ 差别很大，而每字节比特数
# $\text{BPB}=\dfrac{\text{总负对数似然（nats）}}{\ln 2\cdot\text{字节数}}$ 相同。

# %% [markdown] lang="en"
# ## 3. Perplexity and bits per byte {#perplexity}
#
# The same phrase "大语言模型的评估" (8 Chinese characters, 24 bytes in UTF-8) under two tokenizers: A splits it into 4 tokens, B into one token per character.
# Suppose both models give the whole phrase the same total log-likelihood ($-12$ nats), spread over different numbers of tokens:
# perplexity $\operatorname{PPL}=\exp(\text{mean negative log-likelihood per token})$ differs a lot, while bits per byte
# $\text{BPB}=\dfrac{\text{total negative log-likelihood (nats)}}{\ln 2\cdot\text{number of bytes}}$ is the same.

# %%
text = "大语言模型的评估"
n_bytes = len(text.encode("utf-8"))
logp = {"A": np.array([-4.0, -3.5, -1.5, -3.0]),                              # 大语言 / 模型 / 的 / 评估
        "B": np.array([-2.2, -1.3, -1.0, -1.9, -1.1, -1.5, -1.6, -1.4])}      # one token per character


def perplexity(token_logprobs):
    return float(np.exp(-np.mean(token_logprobs)))


def bits_per_token(token_logprobs):
    return float(-np.mean(token_logprobs) / np.log(2))


def bits_per_byte(token_logprobs, n_bytes):
    return float(-np.sum(token_logprobs) / (np.log(2) * n_bytes))


for name, lp in logp.items():
    print(f"tokenizer {name}: {len(lp)} tokens, total NLL {-lp.sum():.1f} nats, "
          f"PPL {perplexity(lp):.2f}, bits/token {bits_per_token(lp):.3f}, BPB {bits_per_byte(lp, n_bytes):.4f}")
assert n_bytes == 24
assert abs(logp["A"].sum() - logp["B"].sum()) < 1e-12
assert round(perplexity(logp["A"]), 2) == 20.09 and round(perplexity(logp["B"]), 2) == 4.48
assert perplexity(logp["A"]) / perplexity(logp["B"]) > 4                # "a factor of more than 4"
assert abs(bits_per_byte(logp["A"], n_bytes) - bits_per_byte(logp["B"], n_bytes)) < 1e-12
assert round(bits_per_byte(logp["A"], n_bytes), 4) == 0.7213
# PPL = 2 ** (bits per token), and a uniform distribution over V tokens has PPL = V
assert abs(perplexity(logp["A"]) - 2 ** bits_per_token(logp["A"])) < 1e-9
V = 50_000
assert abs(perplexity(np.full(7, -log(V))) - V) < 1e-6

# %% [markdown] lang="zh"
# Chatbot Arena 的 Bradley–Terry 分数按 Elo 的刻度显示：评分差 $\Delta R$ 对应的胜率为 $1/(1+10^{-\Delta R/400})$，等价于 $\sigma(\beta_i-\beta_j)$，其中 $\beta=R\ln 10/400$。

# %% [markdown] lang="en"
# Chatbot Arena shows Bradley–Terry scores on the Elo scale: a rating gap $\Delta R$ means a win probability of $1/(1+10^{-\Delta R/400})$, the same as $\sigma(\beta_i-\beta_j)$ with $\beta=R\ln 10/400$.

# %%
def elo_win(delta):
    return 1 / (1 + 10 ** (-delta / 400))


beta_gap = 100 * log(10) / 400
assert abs(elo_win(100) - 1 / (1 + exp(-beta_gap))) < 1e-12
print(f"100 Elo points: win probability {elo_win(100):.3f}; 400 points: {elo_win(400):.3f}")
assert round(elo_win(100), 3) == 0.640 and round(elo_win(400), 3) == 0.909

# %% [markdown] lang="zh"
# ## 4. 倒数排名融合（RRF） {#rrf}
#
# $\operatorname{RRF}(d)=\sum_{r}\dfrac{1}{k+\operatorname{rank}_r(d)}$，排名从 1 开始，不在某个列表里的文档在该列表上不得分；Cormack 等（2009）取 $k=60$。
# 下面是 BM25 和稠密检索各返回 5 篇文档的玩具例子：

# %% [markdown] lang="en"
# ## 4. Reciprocal rank fusion (RRF) {#rrf}
#
# $\operatorname{RRF}(d)=\sum_{r}\dfrac{1}{k+\operatorname{rank}_r(d)}$, ranks starting at 1, with no contribution from a list the document is absent from; Cormack et al. (2009) use $k=60$.
# A toy example where BM25 and a dense retriever each return 5 documents:

# %%
def rrf(rankings, k=60):
    scores = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking, start=1):
            scores[doc] = scores.get(doc, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


bm25 = ["d1", "d2", "d3", "d4", "d5"]
dense = ["d3", "d1", "d6", "d2", "d7"]
fused = rrf([bm25, dense])
for doc, score in fused:
    print(f"{doc}: {score:.5f}")
assert [doc for doc, _ in fused[:4]] == ["d1", "d3", "d2", "d6"]
assert round(dict(fused)["d1"], 5) == round(1 / 61 + 1 / 62, 5) == 0.03252
assert round(dict(fused)["d3"], 5) == 0.03227 and round(dict(fused)["d2"], 5) == 0.03175

# the constant k trades "first in one list" against "agreement between lists":
# x is first in BM25 only, y is third in both lists
for k, expected_winner in ((0, "x"), (60, "y")):
    scores = dict(rrf([["x", "a", "y"], ["b", "c", "y"]], k=k))
    print(f"k={k}: x {scores['x']:.4f}, y {scores['y']:.4f}")
    assert max(("x", "y"), key=scores.get) == expected_winner
    assert abs(scores["x"] - 1 / (k + 1)) < 1e-12 and abs(scores["y"] - 2 / (k + 3)) < 1e-12
assert abs(dict(rrf([["x", "a", "y"], ["b", "c", "y"]], k=1))["x"] - 0.5) < 1e-12   # k = 1: a tie, 1/2 = 2/4

# %% [markdown] lang="zh"
# ## 5. recall@k、MRR 与 nDCG {#retrieval-metrics}
#
# 两个查询。查询 1 的相关文档及其分级相关度为 d1=3、d2=2、d5=1（d5 没有被检索到）；查询 2 为 d4=2、d6=1。
# nDCG 用线性增益 $\text{DCG@}k=\sum_{i=1}^{k}\dfrac{rel_i}{\log_2(i+1)}$，理想排序 IDCG 用**全部**相关文档计算（包括没检索到的 d5）。

# %% [markdown] lang="en"
# ## 5. recall@k, MRR and nDCG {#retrieval-metrics}
#
# Two queries. Query 1 has relevant documents with graded relevance d1=3, d2=2, d5=1 (d5 is never retrieved); query 2 has d4=2, d6=1.
# nDCG uses linear gain, $\text{DCG@}k=\sum_{i=1}^{k}\dfrac{rel_i}{\log_2(i+1)}$, and the ideal IDCG is computed from **all** relevant documents (including the unretrieved d5).

# %%
queries = {
    "q1": {"ranking": ["d3", "d7", "d1", "d9", "d2"], "rel": {"d1": 3, "d2": 2, "d5": 1}},
    "q2": {"ranking": ["d4", "d8", "d10", "d6", "d11"], "rel": {"d4": 2, "d6": 1}},
}


def recall_at_k(ranking, rel, k):
    return len(set(ranking[:k]) & set(rel)) / len(rel)


def reciprocal_rank(ranking, rel):
    return next((1 / i for i, d in enumerate(ranking, start=1) if d in rel), 0.0)


def dcg(gains, k, exponential=False):
    g = np.asarray(gains[:k], dtype=float)
    g = 2 ** g - 1 if exponential else g
    return float(np.sum(g / np.log2(np.arange(2, len(g) + 2))))


def ndcg_at_k(ranking, rel, k, exponential=False):
    gains = [rel.get(d, 0) for d in ranking]
    ideal = sorted(rel.values(), reverse=True)
    return dcg(gains, k, exponential) / dcg(ideal, k, exponential)


for q, data in queries.items():
    r, rel = data["ranking"], data["rel"]
    print(f"{q}: recall@3 {recall_at_k(r, rel, 3):.3f}  recall@5 {recall_at_k(r, rel, 5):.3f}  "
          f"RR {reciprocal_rank(r, rel):.3f}  nDCG@5 {ndcg_at_k(r, rel, 5):.4f}  "
          f"(exponential gain {ndcg_at_k(r, rel, 5, exponential=True):.4f})")
mrr = np.mean([reciprocal_rank(d["ranking"], d["rel"]) for d in queries.values()])
print(f"MRR = {mrr:.4f}")

q1 = queries["q1"]
assert recall_at_k(q1["ranking"], q1["rel"], 3) == 1 / 3 and recall_at_k(q1["ranking"], q1["rel"], 5) == 2 / 3
assert abs(mrr - 2 / 3) < 1e-12
assert round(dcg([0, 0, 3, 0, 2], 5), 4) == 2.2737 and round(dcg([3, 2, 1], 5), 4) == 4.7619
assert round(ndcg_at_k(q1["ranking"], q1["rel"], 5), 4) == 0.4775
# re-sorting only the retrieved documents (a common mistake) forgets d5 and overstates nDCG
wrong_idcg = dcg(sorted([q1["rel"].get(d, 0) for d in q1["ranking"]], reverse=True), 5)
print(f"q1 nDCG@5 with the wrong IDCG: {dcg([0, 0, 3, 0, 2], 5) / wrong_idcg:.4f}")
assert dcg([0, 0, 3, 0, 2], 5) / wrong_idcg > ndcg_at_k(q1["ranking"], q1["rel"], 5)
assert round(dcg([0, 0, 3, 0, 2], 5) / wrong_idcg, 4) == 0.5335
assert round(ndcg_at_k(queries["q2"]["ranking"], queries["q2"]["rel"], 5), 4) == 0.9239

# %% [markdown] lang="zh"
# ## 6. 切块数量与向量索引的内存 {#index-size}
#
# 长 $N$ 个词元的文档按块长 $s$、重叠 $o$ 切块（步长 $s-o$），块数为 $\lceil (N-o)/(s-o)\rceil$（$N>s$ 时），存储的词元总数约为原文的 $s/(s-o)$ 倍。
# 向量索引的原始内存是 块数 × 维度 × 每个数的字节数；乘积量化（PQ）把每个向量压成 $M$ 个子向量各 8 比特的码，即 $M$ 字节（不含码本）。

# %% [markdown] lang="en"
# ## 6. Number of chunks and vector-index memory {#index-size}
#
# A document of $N$ tokens split into chunks of length $s$ with overlap $o$ (stride $s-o$) gives $\lceil (N-o)/(s-o)\rceil$ chunks (for $N>s$), and stores about $s/(s-o)$ times the original number of tokens.
# The raw memory of a vector index is chunks × dimension × bytes per number; product quantization (PQ) compresses each vector into $M$ sub-vector codes of 8 bits, i.e. $M$ bytes (codebooks not included).

# %%
def chunk(tokens, size, overlap):
    step = size - overlap
    starts = range(0, max(len(tokens) - overlap, 1), step)
    return [tokens[i:i + size] for i in starts]


doc = list(range(10_000))
chunks = chunk(doc, 512, 64)
print(f"{len(chunks)} chunks, last chunk {len(chunks[-1])} tokens, stored/original = {sum(map(len, chunks)) / len(doc):.3f}")
assert len(chunks) == -(-(10_000 - 64) // (512 - 64)) == 23
assert all(a[-64:] == b[:64] for a, b in zip(chunks, chunks[1:]))   # consecutive chunks share 64 tokens
assert chunks[-1][-1] == doc[-1]                                   # nothing is lost at the end
assert round(512 / 448, 3) == 1.143

n_vectors, dim = 10_000_000, 1024
fp32_bytes, fp16_bytes, pq_bytes = n_vectors * dim * 4, n_vectors * dim * 2, n_vectors * 64
print(f"fp32 {fp32_bytes / 1e9:.2f} GB, fp16 {fp16_bytes / 1e9:.2f} GB, PQ with 64 one-byte codes {pq_bytes / 1e9:.2f} GB")
assert fp32_bytes == 40_960_000_000 and pq_bytes == 640_000_000 and fp32_bytes // pq_bytes == 64
assert round(fp32_bytes / 1e9) == 41                                 # "about 41 GB"
