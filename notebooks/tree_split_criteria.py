# %% [markdown] lang="zh"
# # 决策树划分准则：熵、信息增益、增益率与基尼
#
# 用经典的“是否打网球”（play tennis）数据：14 个样本、4 个离散特征。先手算每个特征的信息增益（ID3）、
# 信息增益率（C4.5）和基尼指数（CART），再与 scikit-learn `DecisionTreeClassifier` 在根节点选出的划分和不纯度对照。
# 公式与 ID3/C4.5/CART 的区别见[决策树](../ml/decision-tree.md)。熵用以 2 为底的对数（单位 bit）。

# %% [markdown] lang="en"
# # Split criteria for decision trees: entropy, information gain, gain ratio and Gini
#
# We use the classic "play tennis" dataset: 14 samples with 4 categorical features. First we compute by hand the
# information gain (ID3), the gain ratio (C4.5) and the Gini index (CART) of each feature, then compare them with the
# split and the impurities that scikit-learn's `DecisionTreeClassifier` chooses at the root. The formulas and the
# differences between ID3, C4.5 and CART are on [Decision trees](../ml/decision-tree.md). Entropies use base-2
# logarithms (in bits).

# %%
from collections import Counter

import numpy as np
from sklearn.tree import DecisionTreeClassifier

columns = ["outlook", "temperature", "humidity", "windy"]
rows = [  # outlook, temperature, humidity, windy, play
    ("sunny", "hot", "high", "false", "no"), ("sunny", "hot", "high", "true", "no"),
    ("overcast", "hot", "high", "false", "yes"), ("rainy", "mild", "high", "false", "yes"),
    ("rainy", "cool", "normal", "false", "yes"), ("rainy", "cool", "normal", "true", "no"),
    ("overcast", "cool", "normal", "true", "yes"), ("sunny", "mild", "high", "false", "no"),
    ("sunny", "cool", "normal", "false", "yes"), ("rainy", "mild", "normal", "false", "yes"),
    ("sunny", "mild", "normal", "true", "yes"), ("overcast", "mild", "high", "true", "yes"),
    ("overcast", "hot", "normal", "false", "yes"), ("rainy", "mild", "high", "true", "no"),
]
data = {c: np.array([r[i] for r in rows]) for i, c in enumerate(columns)}
y = np.array([r[-1] for r in rows])
print(dict(Counter(y.tolist())))

# %% [markdown] lang="zh"
# ## 手算 {#by-hand}
#
# 设数据集 $D$ 有 $K$ 类，第 $k$ 类占比 $p_k$；特征 $A$ 把 $D$ 分成子集 $D_1,\dots,D_V$。
#
# $$
# \begin{aligned}
# H(D)&=-\sum_{k=1}^{K}p_k\log_2 p_k, \qquad H(D\mid A)=\sum_{v=1}^{V}\frac{\lvert D_v\rvert}{\lvert D\rvert}H(D_v),\qquad g(D,A)=H(D)-H(D\mid A)\\
# g_R(D,A)&=\frac{g(D,A)}{H_A(D)},\qquad H_A(D)=-\sum_{v=1}^{V}\frac{\lvert D_v\rvert}{\lvert D\rvert}\log_2\frac{\lvert D_v\rvert}{\lvert D\rvert}\\
# \operatorname{Gini}(D)&=1-\sum_{k=1}^{K}p_k^2,\qquad \operatorname{Gini}(D,A)=\sum_{v=1}^{V}\frac{\lvert D_v\rvert}{\lvert D\rvert}\operatorname{Gini}(D_v)
# \end{aligned}
# $$

# %% [markdown] lang="en"
# ## By hand {#by-hand}
#
# Let the dataset $D$ have $K$ classes, with class $k$ making up a fraction $p_k$, and let feature $A$ split $D$ into
# the subsets $D_1,\dots,D_V$.
#
# $$
# \begin{aligned}
# H(D)&=-\sum_{k=1}^{K}p_k\log_2 p_k, \qquad H(D\mid A)=\sum_{v=1}^{V}\frac{\lvert D_v\rvert}{\lvert D\rvert}H(D_v),\qquad g(D,A)=H(D)-H(D\mid A)\\
# g_R(D,A)&=\frac{g(D,A)}{H_A(D)},\qquad H_A(D)=-\sum_{v=1}^{V}\frac{\lvert D_v\rvert}{\lvert D\rvert}\log_2\frac{\lvert D_v\rvert}{\lvert D\rvert}\\
# \operatorname{Gini}(D)&=1-\sum_{k=1}^{K}p_k^2,\qquad \operatorname{Gini}(D,A)=\sum_{v=1}^{V}\frac{\lvert D_v\rvert}{\lvert D\rvert}\operatorname{Gini}(D_v)
# \end{aligned}
# $$

# %%
def entropy(labels):
    p = np.array(list(Counter(labels).values())) / len(labels)
    return 0.0 - np.sum(p * np.log2(p))            # 0.0 - ... avoids printing -0.0

def gini(labels):
    p = np.array(list(Counter(labels).values())) / len(labels)
    return 1 - np.sum(p ** 2)

def weighted(impurity, feature, labels):
    return sum(np.mean(feature == v) * impurity(labels[feature == v]) for v in np.unique(feature))

H_D = entropy(y)
table = {}
for c in columns:
    gain = H_D - weighted(entropy, data[c], y)
    split_info = entropy(data[c])                 # H_A(D): entropy of the feature's own values
    table[c] = dict(gain=gain, split_info=split_info, gain_ratio=gain / split_info, gini=weighted(gini, data[c], y))
print(f"H(D) = {H_D:.4f} bits,  Gini(D) = {gini(y):.4f}")
print(f"{'feature':12s} {'gain':>6s} {'H_A(D)':>7s} {'ratio':>6s} {'Gini(D,A)':>9s}")
for c, t in table.items():
    print(f"{c:12s} {t['gain']:6.3f} {t['split_info']:7.3f} {t['gain_ratio']:6.3f} {t['gini']:9.3f}")

# the classic textbook values (many books print 0.157 for outlook: 0.247 / 1.577 computed from the rounded gain)
expected = {"outlook": (0.247, 0.156, 0.343), "temperature": (0.029, 0.019, 0.440),
            "humidity": (0.152, 0.152, 0.367), "windy": (0.048, 0.049, 0.429)}
assert round(H_D, 3) == 0.940 and round(gini(y), 3) == 0.459
for c, (g, gr, gi) in expected.items():
    assert (round(table[c]["gain"], 3), round(table[c]["gain_ratio"], 3), round(table[c]["gini"], 3)) == (g, gr, gi)
assert max(table, key=lambda c: table[c]["gain"]) == "outlook"          # ID3 root
assert max(table, key=lambda c: table[c]["gain_ratio"]) == "outlook"    # C4.5 root (0.156 vs humidity 0.152)
assert min(table, key=lambda c: table[c]["gini"]) == "outlook"          # multiway Gini also picks outlook

# %% [markdown] lang="zh"
# ## 信息增益偏向取值多的特征 {#id-feature}
#
# 加一个每行取值都不同的“编号”特征：每个子集只有一个样本，条件熵为 0，信息增益达到最大值 $H(D)$。
# 增益率除以 $H_A(D)=\log_2 14$ 把它压低了，但在这个小数据上仍高于 outlook。
# C4.5 的启发式（先筛出信息增益高于平均的特征，再从中选增益率最高的）在这里也挡不住它：
# 编号特征是唯一一个信息增益高于平均值的特征。实践中这类特征应直接去掉。

# %% [markdown] lang="en"
# ## Information gain favors features with many values {#id-feature}
#
# Add an "ID" feature that takes a different value on every row: each subset then holds a single sample, the
# conditional entropy is 0, and the information gain reaches its maximum, $H(D)$. The gain ratio divides it by
# $H_A(D)=\log_2 14$ and pulls it down, but on this small dataset it is still above that of outlook. C4.5's heuristic
# (first keep the features whose information gain is above average, then pick the one with the highest gain ratio
# among them) does not stop it here either: the ID feature is the only feature whose information gain is above
# average. In practice such features should simply be dropped.

# %%
row_id = np.arange(len(y)).astype(str)
gain_id = H_D - weighted(entropy, row_id, y)
ratio_id = gain_id / entropy(row_id)
print(f"row id: gain = {gain_id:.3f} (= H(D)), H_A(D) = log2(14) = {np.log2(14):.3f}, gain ratio = {ratio_id:.3f}")
assert np.isclose(gain_id, H_D) and np.isclose(entropy(row_id), np.log2(14))
assert ratio_id > table["outlook"]["gain_ratio"]
mean_gain = np.mean([t["gain"] for t in table.values()] + [gain_id])
assert [c for c in columns if table[c]["gain"] >= mean_gain] == []

# %% [markdown] lang="zh"
# ## 与 scikit-learn 对照 {#sklearn}
#
# scikit-learn 实现的是 CART：只做**二叉**划分，特征必须是数值。把每个离散特征做 one-hot 编码后，
# 每个候选划分就是“某特征等于某值 / 不等于某值”。对这些二叉划分手算熵与基尼的下降，取最大者，应与树在根节点的选择一致；
# 树记录的根节点及两个子节点的不纯度也应与手算相同。

# %% [markdown] lang="en"
# ## Compared with scikit-learn {#sklearn}
#
# scikit-learn implements CART: it makes only **binary** splits, and features must be numeric. After one-hot encoding
# every categorical feature, each candidate split is "feature equals value / does not equal value". Computing by hand
# the decrease in entropy and in Gini of all these binary splits and taking the largest should agree with the tree's
# choice at the root, and the impurities the tree records for the root and its two children should match the hand
# computation too.

# %%
names, cols = [], []
for c in columns:
    for v in np.unique(data[c]):
        names.append(f"{c}={v}")
        cols.append((data[c] == v).astype(float))
X = np.array(cols).T
y01 = (y == "yes").astype(int)

for criterion, impurity in (("entropy", entropy), ("gini", gini)):
    drops = {n: impurity(y) - weighted(impurity, X[:, j], y) for j, n in enumerate(names)}
    best = max(drops.values())
    tree = DecisionTreeClassifier(criterion=criterion, max_depth=1, random_state=0).fit(X, y01)
    root, left, right = 0, tree.tree_.children_left[0], tree.tree_.children_right[0]
    chosen = names[tree.tree_.feature[root]]
    mask = X[:, tree.tree_.feature[root]] <= tree.tree_.threshold[root]
    print(f"{criterion}: best binary split by hand = "
          f"{[n for n, d in drops.items() if np.isclose(d, best)]} (decrease {best:.4f}); sklearn root = {chosen}")
    print(f"   impurity root / left / right: sklearn {tree.tree_.impurity[[root, left, right]].round(4)}"
          f"   by hand {np.round([impurity(y), impurity(y[mask]), impurity(y[~mask])], 4)}")
    assert np.isclose(drops[chosen], best)
    assert np.allclose(tree.tree_.impurity[[root, left, right]], [impurity(y), impurity(y[mask]), impurity(y[~mask])])
    assert chosen == "outlook=overcast"
assert np.isclose(entropy(y) - weighted(entropy, data["outlook"] == "overcast", y), 0.940 - 10 / 14, atol=1e-3)
