# %% [markdown] lang="zh"
# # 多项式朴素贝叶斯文本分类：手算 vs scikit-learn
#
# 在一个自编的小语料（12 句英文短句，体育 / 科技两类）上，手写带拉普拉斯平滑的多项式朴素贝叶斯（multinomial naive Bayes），
# 与 scikit-learn 的 `CountVectorizer` + `MultinomialNB` 对照：先验、每类词概率、测试句的后验概率都应一致。
# 原理见[朴素贝叶斯](../ml/naive-bayes.md)。

# %% [markdown] lang="en"
# # Text classification with multinomial naive Bayes: by hand vs scikit-learn
#
# On a small hand-written corpus (12 short English sentences in two classes, sports and tech), we implement
# multinomial naive Bayes with Laplace smoothing by hand and compare it with scikit-learn's `CountVectorizer` +
# `MultinomialNB`: the priors, the per-class word probabilities and the posteriors of the test sentences should all
# agree. The theory is on [Naive Bayes](../ml/naive-bayes.md).

# %%
import numpy as np
from scipy.special import logsumexp
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.naive_bayes import MultinomialNB

train_docs = [
    ("the team won the football match", "sports"),
    ("a great goal in the last minute", "sports"),
    ("the coach praised the players after the game", "sports"),
    ("fans cheered as the team scored again", "sports"),
    ("the match ended with a late goal", "sports"),
    ("players trained hard before the final game", "sports"),
    ("the new phone has a faster chip", "tech"),
    ("this laptop runs the latest software", "tech"),
    ("the chip maker released a new processor", "tech"),
    ("software update makes the phone faster", "tech"),
    ("engineers tested the new laptop battery", "tech"),
    ("the app crashed after the software update", "tech"),
]
test_docs = ["the team bought a new phone", "a late goal in the final", "the laptop chip is fast",
             "great new game software"]
texts, labels = zip(*train_docs)
labels = np.array(labels)

vec = CountVectorizer()
X = vec.fit_transform(texts).toarray()           # (documents, vocabulary) word counts
vocab = vec.get_feature_names_out()
X_test = vec.transform(test_docs).toarray()      # unseen words (and one-letter words like 'a') are dropped
print("vocabulary size:", len(vocab), "  X:", X.shape)

# %% [markdown] lang="zh"
# ## 手算参数 {#by-hand}
#
# 类别 $c$ 的先验取训练集频率 $\hat{P}(c)=N_c/N$；词 $w$ 在类 $c$ 中的概率用加性平滑（$\lambda=1$ 即拉普拉斯平滑，$\lvert\mathcal{V}\rvert$ 为词表大小）：
#
# $$
# \hat{\theta}_{cw}=\frac{\text{count}(w,c)+\lambda}{\sum_{w'}\text{count}(w',c)+\lambda\lvert\mathcal{V}\rvert}
# $$
#
# 文档 $\mathbf{x}$（词频向量）的对数后验在归一化前为 $\log\hat{P}(c)+\sum_w x_w\log\hat{\theta}_{cw}$，再用 logsumexp 归一化。
#
# 注意：scikit-learn 的 `MultinomialNB` 不平滑先验，直接用类别频率；[朴素贝叶斯](../ml/naive-bayes.md)页的公式对先验也加了 $\lambda$。
# 本例两类各 6 句，两种先验相同。

# %% [markdown] lang="en"
# ## The parameters by hand {#by-hand}
#
# The prior of class $c$ is its frequency in the training set, $\hat{P}(c)=N_c/N$. The probability of word $w$ in
# class $c$ uses additive smoothing ($\lambda=1$ is Laplace smoothing; $\lvert\mathcal{V}\rvert$ is the vocabulary
# size):
#
# $$
# \hat{\theta}_{cw}=\frac{\text{count}(w,c)+\lambda}{\sum_{w'}\text{count}(w',c)+\lambda\lvert\mathcal{V}\rvert}
# $$
#
# The unnormalized log posterior of a document $\mathbf{x}$ (a vector of word counts) is
# $\log\hat{P}(c)+\sum_w x_w\log\hat{\theta}_{cw}$, which is then normalized with logsumexp.
#
# Note: scikit-learn's `MultinomialNB` does not smooth the prior and uses the class frequencies directly, whereas the
# formula on the [Naive Bayes](../ml/naive-bayes.md) page adds $\lambda$ to the prior as well. Here each class has 6
# sentences, so the two priors coincide.

# %%
classes = np.unique(labels)
lam = 1.0
log_prior = np.log(np.array([np.mean(labels == c) for c in classes]))
counts = np.array([X[labels == c].sum(axis=0) for c in classes])            # (classes, vocabulary)
log_theta = np.log((counts + lam) / (counts.sum(axis=1, keepdims=True) + lam * len(vocab)))

def predict_log_proba(Xc, log_prior, log_theta):
    joint = log_prior + Xc @ log_theta.T                                     # log P(c) + sum_w x_w log theta_cw
    return joint - logsumexp(joint, axis=1, keepdims=True)

proba_hand = np.exp(predict_log_proba(X_test, log_prior, log_theta))

nb = MultinomialNB(alpha=lam).fit(X, labels)
proba_sk = nb.predict_proba(X_test)
assert list(nb.classes_) == list(classes)
assert np.allclose(nb.class_log_prior_, log_prior)
assert np.allclose(nb.feature_log_prob_, log_theta)
assert np.allclose(proba_hand, proba_sk, atol=1e-12)
for doc, ph, ps in zip(test_docs, proba_hand, proba_sk):
    print(f"{doc:32s} P(sports), P(tech): by hand {ph.round(4)}   sklearn {ps.round(4)}   -> {classes[ph.argmax()]}")
# smoothed prior as on the topic page: (N_c + lambda) / (N + K lambda), identical here because the classes are balanced
smoothed_prior = np.log((np.array([np.sum(labels == c) for c in classes]) + lam) / (len(labels) + len(classes) * lam))
assert np.allclose(smoothed_prior, log_prior)

# %% [markdown] lang="zh"
# ## 为什么需要平滑 {#why-smoothing}
#
# 不平滑（$\lambda=0$）时，只要测试句里有一个词在某类训练文本中从没出现过，该类的 $\hat{\theta}_{cw}=0$，整类后验被清零，
# 其他词提供的证据全部作废。“the team bought a new phone” 同时含有只在体育类出现的 team 和只在科技类出现的 new、phone：

# %% [markdown] lang="en"
# ## Why smoothing is needed {#why-smoothing}
#
# Without smoothing ($\lambda=0$), a single test word that never occurs in a class's training text gives
# $\hat{\theta}_{cw}=0$ and wipes out that class's posterior, throwing away all the evidence from the other words.
# "the team bought a new phone" contains team, which occurs only in sports, as well as new and phone, which occur only
# in tech:

# %%
with np.errstate(divide="ignore", invalid="ignore"):
    log_theta0 = np.log(counts / counts.sum(axis=1, keepdims=True))
    joint0 = log_prior + np.where(X_test[:1] > 0, X_test[:1] * log_theta0, 0).sum(axis=1)  # avoid 0 * (-inf)
print("lambda = 0: log joint per class for the first test sentence:", joint0)
assert np.all(np.isneginf(joint0))              # both classes get probability 0 -> no prediction possible
for w in ("team", "new", "phone"):
    j = list(vocab).index(w)
    print(f"  count('{w}') in sports = {counts[0, j]}, in tech = {counts[1, j]}")
print("lambda = 1 keeps every probability positive:", proba_hand[0].round(4))
assert np.all(proba_hand > 0)

# %% [markdown] lang="zh"
# ## 朴素贝叶斯是一个线性分类器 {#linear}
#
# 两类时，对数后验比 $\log\frac{P(\text{tech}\mid\mathbf{x})}{P(\text{sports}\mid\mathbf{x})}=b+\sum_w x_w\,(\log\hat{\theta}_{\text{tech},w}-\log\hat{\theta}_{\text{sports},w})$
# 是词频的线性函数，和[逻辑回归](../ml/logistic-regression.md)同一形式，只是参数由计数直接得到而不是由梯度下降学出。

# %% [markdown] lang="en"
# ## Naive Bayes is a linear classifier {#linear}
#
# With two classes, the log posterior ratio
# $\log\frac{P(\text{tech}\mid\mathbf{x})}{P(\text{sports}\mid\mathbf{x})}=b+\sum_w x_w\,(\log\hat{\theta}_{\text{tech},w}-\log\hat{\theta}_{\text{sports},w})$
# is a linear function of the word counts, the same form as [logistic regression](../ml/logistic-regression.md),
# except that the parameters come straight from counts instead of being learned by gradient descent.

# %%
w_lin = log_theta[1] - log_theta[0]
b_lin = log_prior[1] - log_prior[0]
log_odds = np.log(proba_sk[:, 1] / proba_sk[:, 0])
assert np.allclose(log_odds, b_lin + X_test @ w_lin)
top = np.argsort(w_lin)
print("most 'sports' words:", list(vocab[top[:5]]))
print("most 'tech' words  :", list(vocab[top[-5:]]))
