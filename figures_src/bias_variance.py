"""Bias^2, variance and expected test error of k-nearest-neighbour regression as complexity (n/k) grows, simulated."""
import numpy as np

from style import color, new_figure, palette, pick


def knn_predict(x_train, y_train, x_eval, k):
    dist = np.abs(x_eval[:, None] - x_train[None, :])
    idx = np.argpartition(dist, k - 1, axis=1)[:, :k]
    return y_train[idx].mean(axis=1)


def draw(lang):
    rng = np.random.default_rng(0)
    truth = lambda t: np.sin(2 * np.pi * t)
    noise_sd, n, reps = 0.3, 80, 300
    x_eval = np.linspace(0.05, 0.95, 150)
    ks = np.array([60, 45, 35, 28, 22, 17, 13, 10, 8, 6, 5, 4, 3, 2, 1])
    bias2, var = [], []
    for k in ks:
        preds = np.empty((reps, x_eval.size))
        for r in range(reps):
            x = rng.uniform(0, 1, n)
            y = truth(x) + rng.normal(0, noise_sd, n)
            preds[r] = knn_predict(x, y, x_eval, k)
        bias2.append(np.mean((preds.mean(axis=0) - truth(x_eval)) ** 2))
        var.append(np.mean(preds.var(axis=0)))
    bias2, var = np.array(bias2), np.array(var)
    total = bias2 + var + noise_sd ** 2
    dof = n / ks  # effective degrees of freedom of k-NN regression
    fig, ax = new_figure(6.4, 4.0)
    ax.plot(dof, bias2, color=color(0), marker="o", markersize=3.5, label=pick(lang, r"偏差$^2$", r"bias$^2$"))
    ax.plot(dof, var, color=color(1), marker="o", markersize=3.5, label=pick(lang, "方差", "variance"))
    ax.axhline(noise_sd ** 2, color=palette()["muted"], linestyle=":",
               label=pick(lang, r"噪声 $\sigma^2$（不可约）", r"noise $\sigma^2$ (irreducible)"))
    ax.plot(dof, total, color=color(3), marker="o", markersize=3.5,
            label=pick(lang, "期望测试误差 = 三者之和", "expected test error = sum of the three"))
    b = int(np.argmin(total))
    ax.axvline(dof[b], color=palette()["muted"], linestyle="--", linewidth=1)
    ax.text(dof[b] * 1.08, 0.2, pick(lang, f"最佳复杂度\n(k = {ks[b]})", f"best complexity\n(k = {ks[b]})"),
            fontsize=9, color=palette()["fg"])
    ax.text(1.4, 0.46, pick(lang, "← 欠拟合：高偏差", "← underfitting: high bias"), fontsize=9, color=color(0))
    ax.text(22, 0.46, pick(lang, "过拟合：高方差 →", "overfitting: high variance →"), fontsize=9, color=color(1))
    ax.set_xscale("log")
    ax.minorticks_off()
    ax.set_xticks([1.5, 3, 10, 30, 80])
    ax.set_xticklabels(["1.5", "3", "10", "30", "80"])
    ax.set_ylim(0, 0.5)
    ax.set_xlabel(pick(lang, "模型复杂度：k 近邻回归的有效自由度 n/k",
                       "model complexity: effective degrees of freedom n/k of k-NN"))
    ax.set_ylabel(pick(lang, "误差（均方）", "error (mean squared)"))
    ax.set_title(pick(lang, "偏差–方差权衡（模拟：n = 80，300 次重复）",
                      "Bias-variance trade-off (simulated: n = 80, 300 repetitions)"))
    ax.legend(loc="upper right", bbox_to_anchor=(1.0, 0.88), fontsize=9)
    return fig
