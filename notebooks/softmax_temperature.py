# %% [markdown] lang="zh"
# # Softmax 温度与 logsumexp
#
# 温度 $T$ 把 logits 除以 $T$ 再做 softmax：$T$ 越大分布越平，$T \to 0$ 趋向 one-hot。
# 对应讲解见[知识蒸馏](../dl/distillation.md)。

# %%
import numpy as np

def softmax(z, T=1.0):
    z = np.asarray(z, dtype=float) / T
    z = z - z.max()  # subtracting the max keeps exp() from overflowing
    e = np.exp(z)
    return e / e.sum()

logits = np.array([4.0, 2.0, 1.0, 0.5])
for T in (0.5, 1, 2, 5):
    print(T, np.round(softmax(logits, T), 3))

# %% [markdown] lang="zh"
# logsumexp 满足 $\max_i z_i \le \log\sum_i e^{z_i} \le \max_i z_i + \log n$：

# %%
from scipy.special import logsumexp
lse = logsumexp(logits)
assert logits.max() <= lse <= logits.max() + np.log(len(logits))
print(round(lse, 4))

# %%
import matplotlib.pyplot as plt
fig, ax = plt.subplots(figsize=(5, 3))
ax.bar(range(4), softmax(logits, 2))
ax.set_title("T = 2")
plt.show()
