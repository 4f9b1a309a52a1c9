"""PCA on a correlated 2-D Gaussian cloud: the two principal axes drawn from the mean with lengths of two standard
deviations (2 sqrt(lambda_i)), and a few points projected orthogonally onto the first principal axis."""
import numpy as np

from style import color, new_figure, palette, pick


def draw(lang):
    rng = np.random.default_rng(3)
    cov = np.array([[3.0, 1.6], [1.6, 1.4]])
    X = rng.multivariate_normal([1.0, 0.5], cov, size=200)
    mean = X.mean(axis=0)
    Xc = X - mean
    _, sig, Vt = np.linalg.svd(Xc, full_matrices=False)
    lam = sig**2 / (len(X) - 1)                      # variances along the principal axes
    v1, v2 = Vt[0], Vt[1]
    if v1[0] < 0:
        v1 = -v1
    if v2[1] < 0:
        v2 = -v2

    fig, ax = new_figure(6.4, 5.4)
    ax.scatter(X[:, 0], X[:, 1], s=12, color=color(0), alpha=0.45, linewidths=0, zorder=2,
               label=pick(lang, "样本", "samples"))

    # the line of PC1 and the projections of a few points onto it
    t = np.linspace(-3.2, 3.2, 2) * np.sqrt(lam[0])
    ax.plot(mean[0] + t * v1[0], mean[1] + t * v1[1], color=palette()["muted"], lw=1.0, zorder=1)
    s1, s2 = Xc @ v1, Xc @ v2                        # PC1 and PC2 scores
    chosen = []
    for n, target in enumerate((-2.0, -0.7, 0.7, 2.0)):  # spread along PC1, alternating sides of the line
        near = np.flatnonzero(np.abs(s1 - target * np.sqrt(lam[0])) < 0.35 * np.sqrt(lam[0]))
        side = s2[near] * (1 if n % 2 == 0 else -1)
        chosen.append(int(near[np.argmax(side)]))
    for n, i in enumerate(chosen):
        p = X[i]
        q = mean + ((p - mean) @ v1) * v1              # orthogonal projection onto the PC1 line
        ax.plot([p[0], q[0]], [p[1], q[1]], linestyle="--", color=color(3), lw=1.2, zorder=3,
                label=pick(lang, "到 PC1 的正交投影", "orthogonal projection onto PC1") if n == 0 else None)
        ax.scatter(*p, s=34, color=color(3), zorder=4)
        ax.scatter(*q, s=34, facecolors=palette()["bg"], edgecolors=color(3), linewidths=1.5, zorder=4,
                   label=pick(lang, "投影点（PC1 得分）", "projected point (PC1 score)") if n == 0 else None)

    for k, (v, name) in enumerate(((v1, "PC1"), (v2, "PC2"))):
        end = mean + 2 * np.sqrt(lam[k]) * v
        ax.annotate("", xy=end, xytext=mean, zorder=5,
                    arrowprops={"arrowstyle": "-|>", "color": color(1 + k), "lw": 2.2, "mutation_scale": 14})
        share = lam[k] / lam.sum()
        label = pick(lang, f"{name}，长 $2\\sqrt{{\\lambda_{k + 1}}}$ = {2 * np.sqrt(lam[k]):.2f}，解释方差 {share:.1%}",
                     f"{name}, length $2\\sqrt{{\\lambda_{k + 1}}}$ = {2 * np.sqrt(lam[k]):.2f}, explains {share:.1%}")
        ax.plot([], [], color=color(1 + k), lw=2.2, label=label)     # legend entry for the arrow
    ax.scatter(*mean, s=40, marker="x", color=palette()["fg"], zorder=6, label=pick(lang, "均值", "mean"))

    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(pick(lang, "主成分方向：箭头长为两倍标准差", "Principal axes, arrows two standard deviations long"))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=9)
    return fig
