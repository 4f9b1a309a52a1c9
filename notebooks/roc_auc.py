# %% [markdown] lang="zh"
# # ROC 曲线与 AUC：手算与 scikit-learn 对照
#
# 本实验手写三种 AUC 的算法，并与 `sklearn.metrics.roc_curve` / `roc_auc_score` 对照：
#
# 1. **扫阈值 + 梯形法**：阈值从 $+\infty$ 降到最小分数，得到一串 (FPR, TPR)，用梯形公式求曲线下面积；
# 2. **成对比较**：AUC 等于随机取一个正样本和一个负样本、正样本分数更高的概率（分数相等记 0.5）；
# 3. **秩公式（Mann-Whitney U）**：$\text{AUC}=\big(\sum_{i\in\text{pos}}\text{rank}_i-\frac{M(M+1)}{2}\big)/(MN)$，$M$、$N$ 为正、负样本数，并列取平均名次。
#
# 分数特意保留一位小数，制造大量并列，检验并列的处理。讲解见[评估指标 · ROC 与 AUC](../ml/metrics.md)。

# %% [markdown] lang="en"
# # ROC curve and AUC: by hand vs scikit-learn
#
# This notebook implements three ways of computing the AUC by hand and compares them with `sklearn.metrics.roc_curve`
# / `roc_auc_score`:
#
# 1. **Threshold sweep + trapezoidal rule**: lower the threshold from $+\infty$ to the smallest score, collect the
#    resulting (FPR, TPR) points and compute the area under the curve with the trapezoidal rule;
# 2. **Pairwise comparison**: the AUC equals the probability that a randomly chosen positive scores higher than a
#    randomly chosen negative (ties count 0.5);
# 3. **Rank formula (Mann-Whitney U)**:
#    $\text{AUC}=\big(\sum_{i\in\text{pos}}\text{rank}_i-\frac{M(M+1)}{2}\big)/(MN)$, where $M$ and $N$ are the
#    numbers of positives and negatives and tied scores get their average rank.
#
# The scores are deliberately rounded to one decimal to create many ties and test how ties are handled. The
# explanation is on [Evaluation metrics · ROC and AUC](../ml/metrics.md).

# %%
import matplotlib.pyplot as plt
import numpy as np
from scipy.stats import mannwhitneyu, rankdata
from sklearn.metrics import roc_auc_score, roc_curve

rng = np.random.default_rng(0)
M, N = 60, 140                                              # positives, negatives
scores = np.round(np.concatenate([rng.normal(1.0, 1.0, M), rng.normal(0.0, 1.0, N)]), 1)
y = np.concatenate([np.ones(M, int), np.zeros(N, int)])
print("samples:", len(y), " distinct scores:", len(np.unique(scores)))

# %% [markdown] lang="zh"
# ## 1. 扫阈值与梯形法 {#threshold-sweep}
#
# 规则：分数 $\ge$ 阈值判为正。阈值取每个不同的分数（从大到小），再在最前面加上 $+\infty$（全判负，对应点 $(0,0)$）。
# 并列的样本在同一个阈值下一起越过，曲线走一段斜线，梯形法正好把这段斜线下的面积算成“并列记 0.5”。

# %% [markdown] lang="en"
# ## 1. Threshold sweep and the trapezoidal rule {#threshold-sweep}
#
# Rule: a score $\ge$ the threshold is predicted positive. The thresholds are the distinct scores (from high to low),
# preceded by $+\infty$ (everything predicted negative, the point $(0,0)$). Tied samples cross the same threshold
# together, so the curve moves along a diagonal segment, and the trapezoidal rule computes the area under that segment
# exactly as "ties count 0.5".

# %%
def roc_by_hand(y, s):
    thresholds = np.concatenate([[np.inf], np.unique(s)[::-1]])
    tpr = np.array([np.mean(s[y == 1] >= t) for t in thresholds])
    fpr = np.array([np.mean(s[y == 0] >= t) for t in thresholds])
    return fpr, tpr, thresholds

def trapezoid_auc(fpr, tpr):
    return np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2)

fpr, tpr, thr = roc_by_hand(y, scores)
auc_trapezoid = trapezoid_auc(fpr, tpr)

fpr_sk, tpr_sk, thr_sk = roc_curve(y, scores, drop_intermediate=False)
print("number of ROC points: by hand", len(fpr), " sklearn", len(fpr_sk))
assert np.allclose(fpr, fpr_sk) and np.allclose(tpr, tpr_sk) and np.allclose(thr[1:], thr_sk[1:])
assert fpr[0] == tpr[0] == 0 and fpr[-1] == tpr[-1] == 1

# %% [markdown] lang="zh"
# ## 2. 成对比较与 3. 秩公式 {#pairs-and-ranks}

# %% [markdown] lang="en"
# ## 2. Pairwise comparison and 3. the rank formula {#pairs-and-ranks}

# %%
pos, neg = scores[y == 1], scores[y == 0]
diff = pos[:, None] - neg[None, :]                           # all M x N pairs
auc_pairs = np.mean((diff > 0) + 0.5 * (diff == 0))

ranks = rankdata(scores)                                     # ascending ranks, ties get the average rank
auc_ranks = (ranks[y == 1].sum() - M * (M + 1) / 2) / (M * N)

u_stat = mannwhitneyu(pos, neg).statistic                    # U statistic of the positives
auc_sklearn = roc_auc_score(y, scores)

print(f"pairs with tied scores: {np.mean(diff == 0):.3%}")
print(f"AUC trapezoid   = {auc_trapezoid:.6f}")
print(f"AUC pairs       = {auc_pairs:.6f}")
print(f"AUC ranks       = {auc_ranks:.6f}")
print(f"U / (M N)       = {u_stat / (M * N):.6f}")
print(f"roc_auc_score   = {auc_sklearn:.6f}")
for value in (auc_pairs, auc_ranks, u_stat / (M * N), auc_sklearn):
    assert np.isclose(auc_trapezoid, value, rtol=0, atol=1e-12)

# %% [markdown] lang="zh"
# ## AUC 只看排序 {#rank-only}
#
# 对分数做严格单调递增的变换，排序不变，AUC 不变；把负样本整体复制 5 份（改变类别比例、不改变类内分布），AUC 也不变。
# 把分数取反，AUC 变成 $1-\text{AUC}$。

# %% [markdown] lang="en"
# ## AUC depends only on the ranking {#rank-only}
#
# A strictly increasing transformation of the scores keeps their order, and so the AUC; making 5 copies of every
# negative (which changes the class ratio but not the distribution within each class) leaves the AUC unchanged as
# well. Negating the scores turns the AUC into $1-\text{AUC}$.

# %%
auc_exp = roc_auc_score(y, np.exp(3 * scores))
auc_dup = roc_auc_score(np.concatenate([y, np.zeros(4 * N, int)]), np.concatenate([scores, np.tile(neg, 4)]))
auc_neg = roc_auc_score(y, -scores)
print(f"AUC of exp(3 s) = {auc_exp:.6f},  with 5x negatives = {auc_dup:.6f},  of -s = {auc_neg:.6f}")
assert np.isclose(auc_exp, auc_sklearn) and np.isclose(auc_dup, auc_sklearn)
assert np.isclose(auc_neg, 1 - auc_sklearn)

# %%
fig, ax = plt.subplots(figsize=(4.5, 4))
ax.plot(fpr, tpr, marker=".", ms=3, label=f"AUC = {auc_trapezoid:.3f}")
ax.fill_between(fpr, tpr, alpha=0.2)
ax.plot([0, 1], [0, 1], "--", color="gray", lw=1, label="random (0.5)")
ax.set_xlabel("FPR")
ax.set_ylabel("TPR")
ax.set_aspect("equal")
ax.legend(loc="lower right")
plt.show()
