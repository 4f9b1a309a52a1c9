# %% [markdown] lang="zh"
# # k-means、高斯混合与 EM：从零实现并与 scikit-learn 对照
#
# 本实验把[聚类](../ml/clustering.md)和[高斯混合模型与 EM 算法](../ml/gmm-em.md)两页里能算的结论都算一遍，并用 `assert` 核对：
#
# 1. Lloyd 算法从零实现，与 scikit-learn 的 `KMeans` 用同一组初始中心，标签、中心和目标值（inertia）完全一致；目标函数在每个分配步和更新步都不增加；
# 2. k-means++ 的 $D^2$ 采样从零实现，与 scikit-learn 的 `kmeans_plusplus`（每步只抽一个候选）逐点一致；随机初始化与 k-means++ 陷入差局部最优的比例；
# 3. 轮廓系数从零实现，与 `silhouette_samples` / `silhouette_score` 一致，并用它选 $k$；
# 4. Ward 链接的合并代价与 SciPy 的树高之间的关系，以及层次聚类的 $O(n^2)$ 内存；
# 5. GMM 的 EM 从零实现，与 `GaussianMixture` 用同一初值，每一轮的对数似然、最终的均值、权重和协方差一致；对数似然单调不降；ELBO 分解；奇异性；BIC 选分量数；
# 6. $\sigma\to 0$ 极限：共享各向同性协方差的 GMM 的责任度趋于硬分配，EM 退化为 Lloyd；
# 7. DBSCAN 从零实现，与 scikit-learn 的 `DBSCAN` 标签一致，核心点、边界点、噪声点个数一致。
#
# 只用 numpy、scipy 和 scikit-learn。

# %% [markdown] lang="en"
# # k-means, Gaussian mixtures and EM: from scratch, checked against scikit-learn
#
# This notebook computes every claim that can be computed on the pages [clustering](../ml/clustering.md) and [Gaussian mixtures and the EM algorithm](../ml/gmm-em.md), and checks it with `assert`:
#
# 1. Lloyd's algorithm from scratch agrees with scikit-learn's `KMeans` started from the same centres: same labels, centres and objective (inertia); the objective never increases, neither in an assignment step nor in an update step;
# 2. k-means++ $D^2$ seeding from scratch picks exactly the same points as scikit-learn's `kmeans_plusplus` with one candidate per step; how often random and k-means++ seeding end in a poor local optimum;
# 3. the silhouette coefficient from scratch agrees with `silhouette_samples` / `silhouette_score`, and picks $k$;
# 4. Ward linkage's merge cost against SciPy's tree heights, and the $O(n^2)$ memory of hierarchical clustering;
# 5. EM for a GMM from scratch agrees with `GaussianMixture` from the same initial values: the log-likelihood at every iteration and the final means, weights and covariances; the log-likelihood never decreases; the ELBO decomposition; a singularity; choosing the number of components by BIC;
# 6. the $\sigma\to 0$ limit: with a shared isotropic covariance the responsibilities become hard assignments and EM turns into Lloyd;
# 7. DBSCAN from scratch gives the same labels as scikit-learn's `DBSCAN`, with the same numbers of core, border and noise points.
#
# numpy, scipy and scikit-learn only.

# %%
import warnings

import matplotlib.pyplot as plt
import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.special import logsumexp
from sklearn.cluster import DBSCAN, KMeans, kmeans_plusplus
from sklearn.datasets import make_moons
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import adjusted_rand_score, silhouette_samples, silhouette_score
from sklearn.mixture import GaussianMixture
from threadpoolctl import threadpool_limits                 # installed with scikit-learn

threadpool_limits(1)   # tiny data sets: one thread avoids OpenMP start-up costs on a shared machine

rng = np.random.default_rng(0)
centres_true = np.array([[0.0, 0.0], [4.0, 0.5], [1.5, 3.5]])
X = np.vstack([c + rng.normal(scale=0.8, size=(100, 2)) for c in centres_true])
y_true = np.repeat([0, 1, 2], 100)
n, d = X.shape
print(X.shape)

# %% [markdown] lang="zh"
# ## 1. Lloyd 算法与 scikit-learn 的 KMeans {#lloyd}
#
# 目标函数（簇内平方和，within-cluster sum of squares）$J=\sum_{i}\lVert\mathbf{x}_i-\boldsymbol{\mu}_{c_i}\rVert^2$。
# 每轮先做**分配步**（每个点归到最近的中心），再做**更新步**（中心取簇内均值）；分配不再变化时停止。
# 下面记录每一步之后的 $J$，检查它从不增加。初始中心故意取得很差（三个点都来自同一个簇），好让迭代多走几步。

# %% [markdown] lang="en"
# ## 1. Lloyd's algorithm against scikit-learn's KMeans {#lloyd}
#
# The objective (within-cluster sum of squares) is $J=\sum_{i}\lVert\mathbf{x}_i-\boldsymbol{\mu}_{c_i}\rVert^2$.
# Each round does an **assignment step** (every point goes to its nearest centre) and then an **update step** (each centre becomes the mean of its cluster); it stops when the assignment no longer changes.
# We record $J$ after every step and check that it never increases. The initial centres are deliberately poor (all three come from the same cluster), so that the iterations have some work to do.

# %%
def sq_dists(X, C):
    return ((X[:, None, :] - C[None, :, :]) ** 2).sum(-1)


def lloyd(X, C0, max_iter=300):
    """Lloyd's algorithm; returns labels, centres, J after every step, number of rounds."""
    C = C0.astype(float).copy()
    labels, history = None, []
    for it in range(1, max_iter + 1):
        D = sq_dists(X, C)
        new = D.argmin(1)                                   # assignment step
        history.append(D[np.arange(len(X)), new].sum())
        if labels is not None and np.array_equal(new, labels):
            return labels, C, history, it
        labels = new
        C = np.array([X[labels == k].mean(0) for k in range(len(C))])   # update step
        history.append(((X - C[labels]) ** 2).sum())
    return labels, C, history, max_iter


C0 = X[[0, 1, 2]]                                           # three points of the first blob
labels, C, history, rounds = lloyd(X, C0)
km = KMeans(n_clusters=3, init=C0, n_init=1, algorithm="lloyd", tol=0.0, max_iter=300).fit(X)
print("rounds:", rounds, " sklearn n_iter_:", km.n_iter_)
print("J after each step:", np.round(history, 2))
print(f"inertia: ours {history[-1]:.6f}, sklearn {km.inertia_:.6f}")
assert np.array_equal(labels, km.labels_)
assert np.allclose(C, km.cluster_centers_, atol=1e-10)
assert np.isclose(history[-1], km.inertia_, rtol=1e-12)
assert np.all(np.diff(history) <= 1e-9 * history[0])       # never increases
assert history[0] > 2 * history[-1]                        # and the bad start did cost something

# %% [markdown] lang="zh"
# 页面上的恒等式：簇内平方和也等于每个簇内两两距离平方和除以 $2\lvert C_k\rvert$，所以 k-means 也在最小化簇内的两两距离。
# 另外，更新步之所以取均值，是因为 $\sum_{i\in C}\lVert\mathbf{x}_i-\mathbf{m}\rVert^2=\sum_{i\in C}\lVert\mathbf{x}_i-\bar{\mathbf{x}}\rVert^2+\lvert C\rvert\,\lVert\bar{\mathbf{x}}-\mathbf{m}\rVert^2$。

# %% [markdown] lang="en"
# The identity on the page: the within-cluster sum of squares also equals each cluster's sum of squared pairwise distances divided by $2\lvert C_k\rvert$, so k-means also minimises within-cluster pairwise distances.
# The update step takes the mean because $\sum_{i\in C}\lVert\mathbf{x}_i-\mathbf{m}\rVert^2=\sum_{i\in C}\lVert\mathbf{x}_i-\bar{\mathbf{x}}\rVert^2+\lvert C\rvert\,\lVert\bar{\mathbf{x}}-\mathbf{m}\rVert^2$.

# %%
pairwise_form = sum(sq_dists(X[labels == k], X[labels == k]).sum() / (2 * np.sum(labels == k)) for k in range(3))
assert np.isclose(pairwise_form, history[-1])
pts, m = X[labels == 0], np.array([0.3, -0.2])
lhs = ((pts - m) ** 2).sum()
rhs = ((pts - pts.mean(0)) ** 2).sum() + len(pts) * ((pts.mean(0) - m) ** 2).sum()
assert np.isclose(lhs, rhs)
print(f"pairwise form {pairwise_form:.6f} = J {history[-1]:.6f}")

# %% [markdown] lang="zh"
# ## 2. k-means++ 初始化 {#kmeans-plus-plus}
#
# 第一个中心均匀随机抽取；之后每个新中心按 $D(\mathbf{x})^2/\sum_{\mathbf{x}'}D(\mathbf{x}')^2$ 的概率抽取，$D(\mathbf{x})$ 是点到已选中心的最近距离。
# 用逆 CDF 抽样实现。scikit-learn 的 `kmeans_plusplus` 默认每步抽 $2+\lfloor\ln k\rfloor$ 个候选、贪心保留最好的一个（“贪心 k-means++”）；
# 取 `n_local_trials=1` 就是原始算法，随机数用法与下面的实现相同，所以选中的点应当逐个相同。

# %% [markdown] lang="en"
# ## 2. k-means++ seeding {#kmeans-plus-plus}
#
# The first centre is drawn uniformly; each further centre is drawn with probability $D(\mathbf{x})^2/\sum_{\mathbf{x}'}D(\mathbf{x}')^2$, where $D(\mathbf{x})$ is the distance from a point to the nearest centre chosen so far.
# We sample by inverting the CDF. scikit-learn's `kmeans_plusplus` draws $2+\lfloor\ln k\rfloor$ candidates per step by default and keeps the best one greedily ("greedy k-means++");
# with `n_local_trials=1` it is the original algorithm and uses its random numbers as the code below does, so the chosen points must be identical.

# %%
def kmeanspp(X, k, random_state):
    rs = np.random.RandomState(random_state)
    n = len(X)
    idx = [rs.choice(n, p=np.full(n, 1.0 / n))]            # first centre: uniform
    d2 = ((X - X[idx[0]]) ** 2).sum(1)
    for _ in range(1, k):
        u = rs.uniform() * d2.sum()                         # inverse CDF of D^2 / sum D^2
        j = int(np.searchsorted(np.cumsum(d2), u))
        idx.append(j)
        d2 = np.minimum(d2, ((X - X[j]) ** 2).sum(1))
    return X[idx], np.array(idx)


for seed in range(20):
    _, ours = kmeanspp(X, 3, seed)
    _, theirs = kmeans_plusplus(X, 3, random_state=seed, n_local_trials=1)
    assert np.array_equal(ours, theirs)
print("k-means++ picks the same points as sklearn (n_local_trials=1) for 20 seeds")

# %% [markdown] lang="zh"
# 再核对抽样分布本身：固定第一个中心，第二个中心被抽中的经验频率应当接近 $D^2$ 概率。

# %% [markdown] lang="en"
# Then the sampling distribution itself: with the first centre fixed, the empirical frequency of each point being drawn as the second centre must approach its $D^2$ probability.

# %%
first = 0
d2 = ((X - X[first]) ** 2).sum(1)
p = d2 / d2.sum()
rs = np.random.RandomState(1)
draws = np.searchsorted(np.cumsum(d2), rs.uniform(size=200_000) * d2.sum())
freq = np.bincount(draws, minlength=n) / len(draws)
tv = 0.5 * np.abs(freq - p).sum()
print(f"P(second centre in the first blob) = {p[:100].sum():.4f};  total-variation distance to D^2 = {tv:.4f}")
assert freq[first] == 0 and tv < 0.02

# %% [markdown] lang="zh"
# 初始化的影响：在 6 个分得很开的簇上，比较“随机取 $k$ 个数据点”和 k-means++ 两种初始化，各跑 200 次 Lloyd。
# 以 200×2 次中最好的目标值作为参照，最终目标值超过它 1% 的算作“差的局部最优”（通常是两个中心挤在一个簇里、另一对簇共用一个中心）。
# 最后核对 Arthur 与 Vassilvitskii（2007）的界 $\E[J_{\text{seed}}]\le 8(\ln k+2)\,J_{\text{OPT}}$：我们不知道 $J_{\text{OPT}}$，但 $J_{\text{OPT}}\le J_{\text{best}}$，所以只能检查与界相容的较弱不等式 $\overline{J}_{\text{seed}}\le 8(\ln k+2)\,J_{\text{best}}$。

# %% [markdown] lang="en"
# The effect of initialisation: on 6 well-separated clusters, compare "k random data points" with k-means++ seeding, 200 Lloyd runs each.
# With the best objective of all 400 runs as reference, a final objective more than 1% above it counts as a "poor local optimum" (typically two centres share one cluster while two clusters share one centre).
# Finally the bound of Arthur and Vassilvitskii (2007), $\E[J_{\text{seed}}]\le 8(\ln k+2)\,J_{\text{OPT}}$: $J_{\text{OPT}}$ is unknown, but $J_{\text{OPT}}\le J_{\text{best}}$, so we can only check the weaker inequality consistent with the bound, $\overline{J}_{\text{seed}}\le 8(\ln k+2)\,J_{\text{best}}$.

# %%
rng6 = np.random.default_rng(6)
grid = np.array([[0, 0], [6, 0], [12, 0], [0, 6], [6, 6], [12, 6]], dtype=float)
X6 = np.vstack([c + rng6.normal(scale=1.0, size=(80, 2)) for c in grid])
k6 = 6
final = {"random": [], "k-means++": []}
seed_cost = {"random": [], "k-means++": []}
for seed in range(200):
    r = np.random.RandomState(seed)
    inits = {"random": X6[r.choice(len(X6), k6, replace=False)], "k-means++": kmeanspp(X6, k6, seed)[0]}
    for name, C_init in inits.items():
        seed_cost[name].append(sq_dists(X6, C_init).min(1).sum())
        final[name].append(lloyd(X6, C_init)[2][-1])
best = min(min(v) for v in final.values())
bad = {name: np.mean(np.array(v) > 1.01 * best) for name, v in final.items()}
for name in final:
    print(f"{name:>9}: poor local optimum in {bad[name]:.0%} of runs; mean seeding cost / best = "
          f"{np.mean(seed_cost[name]) / best:.2f}")
bound = 8 * (np.log(k6) + 2)
print(f"8(ln k + 2) = {bound:.1f}")
assert bad["k-means++"] < bad["random"]
assert round(100 * bad["random"]) == 41 and round(100 * bad["k-means++"]) == 16   # the numbers quoted on the page
assert np.mean(seed_cost["k-means++"]) < np.mean(seed_cost["random"])
assert np.mean(seed_cost["k-means++"]) <= bound * best

# %% [markdown] lang="zh"
# ## 3. 轮廓系数 {#silhouette}
#
# $a(i)$：点 $i$ 到同簇其他点的平均距离（分母是 $\lvert C_i\rvert-1$）；$b(i)$：到其他每个簇的平均距离中的最小值；
# $s(i)=\dfrac{b(i)-a(i)}{\max\{a(i),b(i)\}}$，单点簇约定 $s(i)=0$（Rousseeuw, 1987）。总分是所有点的平均。

# %% [markdown] lang="en"
# ## 3. Silhouette coefficient {#silhouette}
#
# $a(i)$: the mean distance from point $i$ to the other points of its cluster (denominator $\lvert C_i\rvert-1$); $b(i)$: the smallest, over the other clusters, of the mean distance to that cluster's points;
# $s(i)=\dfrac{b(i)-a(i)}{\max\{a(i),b(i)\}}$, with $s(i)=0$ by convention for a singleton cluster (Rousseeuw, 1987). The score is the mean over all points.

# %%
def silhouette(X, labels):
    D = np.sqrt(sq_dists(X, X))
    ks = np.unique(labels)
    s = np.zeros(len(X))
    for i in range(len(X)):
        own = labels == labels[i]
        if own.sum() == 1:
            continue                                        # singleton: s(i) = 0
        a = D[i, own].sum() / (own.sum() - 1)               # D[i, i] = 0 is in the sum, not in the count
        b = min(D[i, labels == k].mean() for k in ks if k != labels[i])
        s[i] = (b - a) / max(a, b)
    return s


s_ours = silhouette(X, labels)
assert np.allclose(s_ours, silhouette_samples(X, labels))
assert np.isclose(s_ours.mean(), silhouette_score(X, labels))
lab_single = labels.copy()
lab_single[0] = 3                                           # make point 0 a cluster of its own
assert silhouette(X, lab_single)[0] == 0 and silhouette_samples(X, lab_single)[0] == 0
assert np.allclose(silhouette(X, lab_single), silhouette_samples(X, lab_single))
print(f"silhouette: ours {s_ours.mean():.6f}, sklearn {silhouette_score(X, labels):.6f}")

# %% [markdown] lang="zh"
# 用肘部法和轮廓系数选 $k$：目标值随 $k$ 单调下降（每个 $k$ 取 10 次重启中最好的），肘部在 $k=3$；平均轮廓系数在 $k=3$ 最大。

# %% [markdown] lang="en"
# Choosing $k$ by the elbow and by the silhouette: the objective falls as $k$ grows (best of 10 restarts for each $k$), with the elbow at $k=3$; the mean silhouette is largest at $k=3$.

# %%
inertias, sils = {}, {}
for k in range(1, 9):
    model = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
    inertias[k] = model.inertia_
    if k >= 2:
        sils[k] = silhouette_score(X, model.labels_)
print("k:          ", list(inertias))
print("inertia:    ", [round(v, 1) for v in inertias.values()])
print("silhouette: ", ["-"] + [round(v, 3) for v in sils.values()])
assert np.all(np.diff(list(inertias.values())) < 0)
assert max(sils, key=sils.get) == 3
drops = -np.diff(list(inertias.values()))                   # J(k-1) - J(k) for k = 2..8
assert drops[1] > 3 * drops[2]                              # the last big drop is the one to k = 3

# %% [markdown] lang="zh"
# ## 4. 层次聚类：Ward 链接与内存 {#ward}
#
# Ward 链接合并 $A$、$B$ 时簇内平方和的增量为 $\Delta(A,B)=\dfrac{\lvert A\rvert\lvert B\rvert}{\lvert A\rvert+\lvert B\rvert}\lVert\boldsymbol{\mu}_A-\boldsymbol{\mu}_B\rVert^2$。
# SciPy 的 `linkage(method="ward")` 在树中记录的高度是 $\sqrt{2\Delta}$（两个单点合并时就是它们的欧氏距离）。逐次合并核对这一点，
# 再检查：切成 $k$ 簇时，前 $n-k$ 次合并的 $\Delta$ 之和等于这 $k$ 个簇的簇内平方和；以及 Ward 链接的 Lance–Williams 递推公式。

# %% [markdown] lang="en"
# ## 4. Hierarchical clustering: Ward linkage and memory {#ward}
#
# Ward linkage merges $A$ and $B$ at the cost of an increase in the within-cluster sum of squares of $\Delta(A,B)=\dfrac{\lvert A\rvert\lvert B\rvert}{\lvert A\rvert+\lvert B\rvert}\lVert\boldsymbol{\mu}_A-\boldsymbol{\mu}_B\rVert^2$.
# SciPy's `linkage(method="ward")` records the height $\sqrt{2\Delta}$ in the tree (for two single points, their Euclidean distance). We check this merge by merge,
# and then that, when the tree is cut into $k$ clusters, the $\Delta$ of the first $n-k$ merges add up to the within-cluster sum of squares of those $k$ clusters; and the Lance–Williams update for Ward linkage.

# %%
Z = linkage(X, method="ward")
members = {i: [i] for i in range(n)}
deltas = []
for t, (a, b, height, size) in enumerate(Z):
    A, B = members.pop(int(a)), members.pop(int(b))
    muA, muB = X[A].mean(0), X[B].mean(0)
    delta = len(A) * len(B) / (len(A) + len(B)) * ((muA - muB) ** 2).sum()
    assert np.isclose(height, np.sqrt(2 * delta)) and size == len(A) + len(B)
    deltas.append(delta)
    members[n + t] = A + B
cut = fcluster(Z, t=3, criterion="maxclust")
wcss = sum(((X[cut == c] - X[cut == c].mean(0)) ** 2).sum() for c in np.unique(cut))
assert np.isclose(sum(deltas[: n - 3]), wcss)
print(f"Ward: heights = sqrt(2 * delta) for all {len(Z)} merges; WCSS of the 3-cluster cut = {wcss:.3f}"
      f" (k-means from the bad start: {history[-1]:.3f})")

# Lance-Williams update for Ward: Delta(A u B, C) from Delta(A, C), Delta(B, C), Delta(A, B)
def ward_delta(P, Q):
    return len(P) * len(Q) / (len(P) + len(Q)) * ((P.mean(0) - Q.mean(0)) ** 2).sum()


PA, PB, PC = X[:7], X[100:112], X[200:205]
nA, nB, nC = len(PA), len(PB), len(PC)
lw = ((nA + nC) * ward_delta(PA, PC) + (nB + nC) * ward_delta(PB, PC) - nC * ward_delta(PA, PB)) / (nA + nB + nC)
assert np.isclose(ward_delta(np.vstack([PA, PB]), PC), lw)

n_big = 100_000
bytes_condensed = 8 * n_big * (n_big - 1) // 2              # float64 upper triangle of the distance matrix
print(f"n = {n_big:,}: condensed distance matrix = {bytes_condensed / 1e9:.1f} GB")
assert round(bytes_condensed / 1e9) == 40

# %% [markdown] lang="zh"
# ## 5. GMM 的 EM 与 GaussianMixture {#gmm-em}
#
# 数据：三个形状、大小、方向都不同的二维高斯。E 步算责任度 $\gamma_{nk}$（在对数域用 logsumexp），M 步按
# $N_k=\sum_n\gamma_{nk}$、$\boldsymbol{\mu}_k=\frac{1}{N_k}\sum_n\gamma_{nk}\mathbf{x}_n$、
# $\Sigma_k=\frac{1}{N_k}\sum_n\gamma_{nk}(\mathbf{x}_n-\boldsymbol{\mu}_k)(\mathbf{x}_n-\boldsymbol{\mu}_k)^\top$、$\pi_k=N_k/N$ 更新。
# scikit-learn 用同样的初值（`weights_init`、`means_init`、`precisions_init`），`reg_covar=0`（不给协方差加正则），`tol=0` 使它正好跑 `max_iter` 轮。
# `lower_bounds_` 记录的是每轮 M 步之前参数下的平均对数似然，应当与我们的逐轮值一致。

# %% [markdown] lang="en"
# ## 5. EM for a GMM against GaussianMixture {#gmm-em}
#
# Data: three 2-D Gaussians of different shapes, sizes and orientations. The E-step computes the responsibilities $\gamma_{nk}$ (in the log domain, with logsumexp); the M-step updates
# $N_k=\sum_n\gamma_{nk}$, $\boldsymbol{\mu}_k=\frac{1}{N_k}\sum_n\gamma_{nk}\mathbf{x}_n$,
# $\Sigma_k=\frac{1}{N_k}\sum_n\gamma_{nk}(\mathbf{x}_n-\boldsymbol{\mu}_k)(\mathbf{x}_n-\boldsymbol{\mu}_k)^\top$, $\pi_k=N_k/N$.
# scikit-learn starts from the same values (`weights_init`, `means_init`, `precisions_init`), with `reg_covar=0` (no regularisation added to the covariances) and `tol=0`, so that it runs exactly `max_iter` iterations.
# `lower_bounds_` holds the mean log-likelihood under the parameters before each M-step, which must match our values iteration by iteration.

# %%
rng_g = np.random.default_rng(1)
means_true = np.array([[0.0, 0.0], [5.0, 1.0], [2.0, 5.0]])
covs_true = np.array([[[2.0, 1.2], [1.2, 1.0]], [[0.4, 0.0], [0.0, 0.4]], [[1.5, -0.7], [-0.7, 0.8]]])
sizes = [250, 100, 150]
XG = np.vstack([rng_g.multivariate_normal(m, S, size=s) for m, S, s in zip(means_true, covs_true, sizes)])
N = len(XG)


def log_gauss(X, mu, Sigma):
    """log N(x | mu, Sigma) for every row of X, via the Cholesky factor of Sigma."""
    L = np.linalg.cholesky(Sigma)
    z = np.linalg.solve(L, (X - mu).T)                     # L z = x - mu
    return -0.5 * (z ** 2).sum(0) - np.log(np.diag(L)).sum() - 0.5 * X.shape[1] * np.log(2 * np.pi)


def log_joint(X, w, mu, Sigma):
    """log pi_k + log N(x_n | mu_k, Sigma_k), shape (N, K)."""
    return np.column_stack([np.log(w[k]) + log_gauss(X, mu[k], Sigma[k]) for k in range(len(w))])


def em_step(X, w, mu, Sigma):
    lj = log_joint(X, w, mu, Sigma)
    ll = logsumexp(lj, axis=1)                              # log p(x_n | theta)
    R = np.exp(lj - ll[:, None])                            # E-step: responsibilities gamma_nk
    Nk = R.sum(0)                                           # M-step
    mu = (R.T @ X) / Nk[:, None]
    Sigma = np.array([(R[:, k, None] * (X - mu[k])).T @ (X - mu[k]) / Nk[k] for k in range(len(w))])
    return Nk / len(X), mu, Sigma, ll.sum(), R


w0 = np.full(3, 1 / 3)
mu0 = XG[[0, 1, 2]].copy()                                 # three points of the first component
Sigma0 = np.array([np.eye(2)] * 3)
T = 60
w, mu, Sigma = w0, mu0, Sigma0
loglik = []
for _ in range(T):
    w, mu, Sigma, ll, R = em_step(XG, w, mu, Sigma)
    loglik.append(ll)
loglik = np.array(loglik)

with warnings.catch_warnings():
    warnings.simplefilter("ignore", ConvergenceWarning)   # tol=0 never "converges": that is the point
    gm = GaussianMixture(3, covariance_type="full", reg_covar=0.0, tol=0.0, max_iter=T,
                         weights_init=w0, means_init=mu0, precisions_init=np.linalg.inv(Sigma0)).fit(XG)
final_ll = logsumexp(log_joint(XG, w, mu, Sigma), axis=1).sum()
print("log-likelihood, first 6 iterations:", np.round(loglik[:6], 2))
print(f"final: ours {final_ll:.6f}, sklearn {gm.score(XG) * N:.6f}")
print("weights:", np.round(w, 4), " sklearn:", np.round(gm.weights_, 4))
assert gm.n_iter_ == T and np.allclose(np.array(gm.lower_bounds_) * N, loglik, rtol=1e-10)
assert np.allclose(w, gm.weights_, atol=1e-8) and np.allclose(mu, gm.means_, atol=1e-7)
assert np.allclose(Sigma, gm.covariances_, atol=1e-7)
assert np.isclose(final_ll, gm.score(XG) * N, rtol=1e-10)
assert np.all(np.diff(loglik) >= -1e-9)                    # monotone: EM never decreases the likelihood
assert loglik[-1] - loglik[0] > 100

# %% [markdown] lang="zh"
# **ELBO 分解**：对任意分布 $q$（这里取一组随机的“责任度”），$\log p(X\mid\theta)=\mathcal{L}(q,\theta)+\KL(q\,\Vert\,p(Z\mid X,\theta))$，
# 且 $\mathcal{L}(q,\theta)=\E_q[\log p(X,Z\mid\theta)]+H(q)\le\log p(X\mid\theta)$；$q$ 取后验时等号成立。

# %% [markdown] lang="en"
# **The ELBO decomposition**: for any distribution $q$ (here a random set of "responsibilities"), $\log p(X\mid\theta)=\mathcal{L}(q,\theta)+\KL(q\,\Vert\,p(Z\mid X,\theta))$,
# and $\mathcal{L}(q,\theta)=\E_q[\log p(X,Z\mid\theta)]+H(q)\le\log p(X\mid\theta)$, with equality when $q$ is the posterior.

# %%
lj = log_joint(XG, w, mu, Sigma)
ll_total = logsumexp(lj, axis=1).sum()
post = np.exp(lj - logsumexp(lj, axis=1, keepdims=True))


def elbo(q):
    return (q * lj).sum() - (q * np.log(q)).sum()          # E_q[log p(x, z)] + H(q)


def kl_to_posterior(q):
    return (q * (np.log(q) - np.log(post))).sum()


q = np.random.default_rng(2).dirichlet(np.ones(3), size=N)
assert np.isclose(elbo(q) + kl_to_posterior(q), ll_total)
assert elbo(q) < ll_total and np.isclose(elbo(post), ll_total)
print(f"log p = {ll_total:.3f};  ELBO(random q) = {elbo(q):.3f};  KL = {kl_to_posterior(q):.3f};  ELBO(posterior) = {elbo(post):.3f}")

# %% [markdown] lang="zh"
# **奇异性**：在拟合好的三个分量之外加第四个分量，权重 $0.01$（其余权重乘以 $0.99$），均值放在某个数据点上、协方差取 $\sigma^2 I$，令 $\sigma\to 0$：
# 对数似然没有上界（$\sigma$ 每缩小 10 倍约增加 $d\ln 10\approx 4.6$），因为其余点仍由原来的三个分量覆盖，只有那一个点的密度趋于无穷。
# 这就是 GMM 的最大似然估计不存在、需要给协方差加正则的原因。

# %% [markdown] lang="en"
# **A singularity**: add a fourth component to the three fitted ones, with weight $0.01$ (the other weights multiplied by $0.99$), its mean on a data point and covariance $\sigma^2 I$, and let $\sigma\to 0$:
# the log-likelihood has no upper bound (it grows by about $d\ln 10\approx 4.6$ for every factor of 10 in $\sigma$), because the other points are still covered by the three fitted components while the density at that one point goes to infinity.
# This is why the maximum-likelihood estimate of a GMM does not exist and the covariances need regularising.

# %%
sigmas = [1e-1, 1e-2, 1e-3, 1e-4, 1e-6]
lls = []
for s in sigmas:
    w4 = np.append(0.99 * w, 0.01)
    mu4 = np.vstack([mu, XG[0]])
    Sigma4 = np.concatenate([Sigma, [s ** 2 * np.eye(2)]])
    lls.append(logsumexp(log_joint(XG, w4, mu4, Sigma4), axis=1).sum())
print("sigma:", sigmas)
print("log-likelihood:", np.round(lls, 1), " fitted 3-component model:", round(final_ll, 1))
steps = np.diff(lls) / -np.diff(np.log10(sigmas))          # gain per factor of 10 in sigma
assert np.allclose(steps[1:], 2 * np.log(10), atol=0.01) and lls[-1] > final_ll

# %% [markdown] lang="zh"
# **BIC 选分量数**：$\text{BIC}=-2\ln\hat{L}+p\ln N$，全协方差 GMM 的参数个数
# $p=Kd+K\frac{d(d+1)}{2}+(K-1)$；$K=3$、$d=2$ 时 $p=17$。自己算的 BIC、AIC 与 `GaussianMixture.bic`、`aic` 一致，两者的最小值都在 $K=3$。

# %% [markdown] lang="en"
# **Choosing the number of components by BIC**: $\text{BIC}=-2\ln\hat{L}+p\ln N$, where a full-covariance GMM has
# $p=Kd+K\frac{d(d+1)}{2}+(K-1)$ parameters; for $K=3$, $d=2$ that is $p=17$. Our BIC and AIC agree with `GaussianMixture.bic` and `aic`, and both are smallest at $K=3$.

# %%
def n_params(K, d):
    return K * d + K * d * (d + 1) // 2 + (K - 1)


bics, aics = {}, {}
for K in range(1, 7):
    g = GaussianMixture(K, covariance_type="full", n_init=5, random_state=0).fit(XG)
    lnL = g.score(XG) * N
    bics[K] = -2 * lnL + n_params(K, 2) * np.log(N)
    aics[K] = -2 * lnL + 2 * n_params(K, 2)
    assert np.isclose(bics[K], g.bic(XG)) and np.isclose(aics[K], g.aic(XG))
print("BIC:", {K: round(float(v), 1) for K, v in bics.items()})
print("AIC:", {K: round(float(v), 1) for K, v in aics.items()})
assert n_params(3, 2) == 17 and min(bics, key=bics.get) == 3 and min(aics, key=aics.get) == 3

# %% [markdown] lang="zh"
# **仿射等变性**：全协方差 GMM 的似然在可逆仿射变换 $\mathbf{x}\mapsto A\mathbf{x}+\mathbf{b}$ 下只差一个常数 $-N\ln\lvert\det A\rvert$，
# 所以（初值同样变换、不加正则时）EM 得到的责任度完全相同；k-means 则不然，把一个特征放大 10 倍会改变划分。

# %% [markdown] lang="en"
# **Affine equivariance**: the likelihood of a full-covariance GMM changes only by the constant $-N\ln\lvert\det A\rvert$ under an invertible affine map $\mathbf{x}\mapsto A\mathbf{x}+\mathbf{b}$,
# so EM (with the initial values mapped the same way and no regularisation) gives exactly the same responsibilities; k-means does not: stretching one feature by 10 changes the partition.

# %%
A = np.array([[10.0, 0.0], [0.0, 1.0]])
b = np.array([3.0, -1.0])
XA = XG @ A.T + b
wA, muA, SigmaA = w0, mu0 @ A.T + b, np.array([A @ S @ A.T for S in Sigma0])
w, mu, Sigma = w0, mu0, Sigma0
for _ in range(T):
    w, mu, Sigma, ll, R = em_step(XG, w, mu, Sigma)
    wA, muA, SigmaA, llA, RA = em_step(XA, wA, muA, SigmaA)
assert np.allclose(R, RA, atol=1e-8) and np.isclose(llA, ll - N * np.log(abs(np.linalg.det(A))))
km_raw = KMeans(3, n_init=10, random_state=0).fit(XG).labels_
km_stretched = KMeans(3, n_init=10, random_state=0).fit(XA).labels_
ari_scale = adjusted_rand_score(km_raw, km_stretched)
print(f"GMM: same responsibilities after x -> Ax + b;  k-means before/after stretching: ARI = {ari_scale:.3f}")
assert ari_scale < 0.9

# %% [markdown] lang="zh"
# ## 6. σ→0：k-means 是 GMM 的极限 {#sigma-limit}
#
# 各分量协方差固定为 $\sigma^2 I$、权重相等时，
# $\gamma_{nk}=\dfrac{\exp(-\lVert\mathbf{x}_n-\boldsymbol{\mu}_k\rVert^2/2\sigma^2)}{\sum_j\exp(-\lVert\mathbf{x}_n-\boldsymbol{\mu}_j\rVert^2/2\sigma^2)}$。
# $\sigma$ 越小，每个点的责任度越集中在最近的中心上；用很小的 $\sigma$ 跑只更新均值的 EM，结果与同一初值的 Lloyd 相同。

# %% [markdown] lang="en"
# ## 6. σ→0: k-means as the limit of a GMM {#sigma-limit}
#
# With every covariance fixed at $\sigma^2 I$ and equal weights,
# $\gamma_{nk}=\dfrac{\exp(-\lVert\mathbf{x}_n-\boldsymbol{\mu}_k\rVert^2/2\sigma^2)}{\sum_j\exp(-\lVert\mathbf{x}_n-\boldsymbol{\mu}_j\rVert^2/2\sigma^2)}$.
# The smaller $\sigma$, the more each point's responsibility concentrates on its nearest centre; EM that only updates the means, run with a very small $\sigma$, ends where Lloyd ends from the same start.

# %%
def iso_resp(X, M, sigma):
    logits = -sq_dists(X, M) / (2 * sigma ** 2)
    return np.exp(logits - logsumexp(logits, axis=1, keepdims=True))


M = C0 + np.array([[0.0, 0.0], [1.5, 0.0], [0.0, 1.5]])    # some centres, not yet converged
nearest = sq_dists(X, M).argmin(1)
softness, hard = [], []
for sigma in [2.0, 1.0, 0.5, 0.1, 0.02]:
    Rs = iso_resp(X, M, sigma)
    softness.append(np.mean(1 - Rs.max(1)))
    hard.append(np.mean(Rs.max(1) > 1 - 1e-6))
    assert np.array_equal(Rs.argmax(1), nearest)           # the largest responsibility is always the nearest centre
    print(f"sigma = {sigma:<4}: mean (1 - max_k gamma_nk) = {softness[-1]:.1e};  "
          f"max_k gamma_nk > 1 - 1e-6 for {hard[-1]:.1%} of points")
assert np.all(np.diff(softness) < 0) and softness[-1] < 1e-3 and hard[-1] > 0.99


def hard_limit_em(X, M0, sigma, iters=100):
    M = M0.copy()
    for _ in range(iters):
        Rs = iso_resp(X, M, sigma)
        M = (Rs.T @ X) / Rs.sum(0)[:, None]
    return Rs.argmax(1), M


lab_em, M_em = hard_limit_em(X, C0, sigma=0.01)
assert np.array_equal(lab_em, labels) and np.allclose(M_em, C, atol=1e-8)
lab_soft, M_soft = hard_limit_em(X, C0, sigma=1.5)
print("sigma = 0.01: EM means = Lloyd centres;  sigma = 1.5: max |difference| =",
      round(float(np.abs(M_soft - C).max()), 3))
assert np.abs(M_soft - C).max() > 0.05

# %% [markdown] lang="zh"
# ## 7. DBSCAN {#dbscan}
#
# 数据：两个月牙加 20 个均匀噪声点。$\varepsilon$-邻域 $N_\varepsilon(p)=\{q:d(p,q)\le\varepsilon\}$ 包含 $p$ 自己
# （scikit-learn 的 `min_samples` 也把自己算在内）；$\lvert N_\varepsilon(p)\rvert\ge$ `min_samples` 的是核心点；
# 不是核心点、但落在某个核心点邻域内的是边界点；其余是噪声。从每个尚未标记的核心点出发做一次图搜索，只从核心点向外扩展。
# 最后两个观察：$\varepsilon$ 从 0.18 稍微降到 0.15，一个月牙就被拆成两个簇；在不含噪声的两个月牙上，
# 轮廓系数给 k-means 的直线切分打分反而比真实的月牙划分更高（轮廓系数偏好凸的簇）。

# %% [markdown] lang="en"
# ## 7. DBSCAN {#dbscan}
#
# Data: two moons plus 20 uniform noise points. The $\varepsilon$-neighbourhood $N_\varepsilon(p)=\{q:d(p,q)\le\varepsilon\}$ contains $p$ itself
# (scikit-learn's `min_samples` counts the point itself too); a point with $\lvert N_\varepsilon(p)\rvert\ge$ `min_samples` is a core point;
# a point that is not core but lies in some core point's neighbourhood is a border point; the rest is noise. A graph search starts from every core point not yet labelled and expands only from core points.
# Two observations at the end: lowering $\varepsilon$ slightly, from 0.18 to 0.15, splits one moon into two clusters; and on the two moons without the noise,
# the silhouette scores k-means' straight cut higher than the true moons (the silhouette prefers convex clusters).

# %%
XM, y_moon = make_moons(n_samples=200, noise=0.07, random_state=3)
XM = np.vstack([XM, np.random.default_rng(4).uniform([-1.5, -1.0], [2.5, 1.5], size=(20, 2))])
eps, min_samples = 0.18, 5


def dbscan(X, eps, min_samples):
    D = np.sqrt(sq_dists(X, X))
    neighbours = [np.flatnonzero(row <= eps) for row in D]  # includes the point itself
    core = np.array([len(nb) >= min_samples for nb in neighbours])
    labels = np.full(len(X), -1)
    cluster = 0
    for i in range(len(X)):
        if labels[i] != -1 or not core[i]:
            continue
        labels[i] = cluster
        stack = [i]
        while stack:                                        # expand from core points only
            p = stack.pop()
            for q in neighbours[p]:
                if labels[q] == -1:
                    labels[q] = cluster                     # a border point keeps its first cluster
                    if core[q]:
                        stack.append(q)
        cluster += 1
    return labels, core


lab_db, core = dbscan(XM, eps, min_samples)
sk = DBSCAN(eps=eps, min_samples=min_samples).fit(XM)
sk_core = np.zeros(len(XM), bool)
sk_core[sk.core_sample_indices_] = True
counts = {"core": int(core.sum()), "border": int(((lab_db != -1) & ~core).sum()), "noise": int((lab_db == -1).sum())}
sk_counts = {"core": int(sk_core.sum()), "border": int(((sk.labels_ != -1) & ~sk_core).sum()),
             "noise": int((sk.labels_ == -1).sum())}
print("clusters:", lab_db.max() + 1, " ours:", counts, " sklearn:", sk_counts)
assert np.array_equal(lab_db, sk.labels_) and np.array_equal(core, sk_core)
assert counts == sk_counts and counts["border"] > 0 and counts["noise"] > 0
assert sum(counts.values()) == len(XM) and lab_db.max() + 1 == 2
smaller = DBSCAN(eps=0.15, min_samples=min_samples).fit(XM).labels_
print("eps = 0.15 instead of 0.18:", smaller.max() + 1, "clusters")
assert smaller.max() + 1 == 3                              # a slightly smaller eps already splits a moon:
moon_of = {c: set(y_moon[smaller[:200] == c]) for c in range(3)}
assert sorted(map(len, moon_of.values())) == [1, 1, 1] and len({m for v in moon_of.values() for m in v}) == 2

# the silhouette prefers k-means' straight cut through the moons to the true moons
km_moons = KMeans(2, n_init=10, random_state=0).fit(XM[:200]).labels_
s_true, s_km = silhouette_score(XM[:200], y_moon), silhouette_score(XM[:200], km_moons)
print(f"silhouette on the moons: true moons {s_true:.3f}, k-means cut {s_km:.3f}")
assert s_km > s_true
assert (round(s_km, 3), round(s_true, 3)) == (0.486, 0.325)   # the numbers quoted on the page

# %% [markdown] lang="zh"
# **k-距离**：一个点是核心点，当且仅当它到第 `min_samples`$-1$ 个最近的**其他**点的距离不超过 $\varepsilon$。
# 把所有点的这个距离从大到小排序画出来（k-距离图），拐点处的值就是 $\varepsilon$ 的一个合理取值。

# %% [markdown] lang="en"
# **k-distance**: a point is a core point exactly when its distance to the (`min_samples`$-1$)-th nearest **other** point is at most $\varepsilon$.
# Sorting these distances over all points in decreasing order gives the k-distance plot; the value at its knee is a reasonable $\varepsilon$.

# %%
D_m = np.sort(np.sqrt(sq_dists(XM, XM)), axis=1)           # column 0 is the point itself (distance 0)
kdist = D_m[:, min_samples - 1]
assert np.array_equal(kdist <= eps, core)
fig, axes = plt.subplots(1, 2, figsize=(9, 3.2))
axes[0].plot(np.sort(kdist)[::-1])
axes[0].axhline(eps, color="gray", ls="--")
axes[0].set_xlabel("points sorted by k-distance")
axes[0].set_ylabel(f"distance to neighbour {min_samples - 1}")
for lab in np.unique(lab_db):
    sel = lab_db == lab
    axes[1].scatter(XM[sel, 0], XM[sel, 1], s=np.where(core[sel], 18, 8), c="gray" if lab == -1 else None)
axes[1].set_title("DBSCAN: large = core, small = border, gray = noise")
plt.show()
