"""Two elongated classes side by side: PCA's first direction runs along the long axis and mixes the classes,
Fisher LDA's direction S_W^{-1}(mu_1 - mu_0) separates them. Left: the data and both directions; right: histograms
of the projections onto each direction."""
import numpy as np

from style import color, new_figure, palette, pick


def _unit(v):
    v = v / np.linalg.norm(v)
    return v if v[0] + v[1] >= 0 else -v


def draw(lang):
    rng = np.random.default_rng(7)
    cov = np.array([[4.0, 1.7], [1.7, 1.0]])          # long axis roughly along (1, 0.45)
    X0 = rng.multivariate_normal([0.0, 0.0], cov, size=150)
    X1 = rng.multivariate_normal([-0.5, 1.1], cov, size=150)   # mean shift along the short axis
    X = np.vstack([X0, X1])
    mean = X.mean(axis=0)

    _, _, Vt = np.linalg.svd(X - mean, full_matrices=False)
    w_pca = _unit(Vt[0])
    mu0, mu1 = X0.mean(0), X1.mean(0)
    Sw = (X0 - mu0).T @ (X0 - mu0) + (X1 - mu1).T @ (X1 - mu1)
    w_lda = _unit(np.linalg.solve(Sw, mu1 - mu0))

    fig, axes = new_figure(8.4, 4.2, ncols=2, gridspec_kw={"width_ratios": [1.25, 1.0]})
    ax = axes[0]
    for k, (A, marker) in enumerate(((X0, "o"), (X1, "s"))):
        ax.scatter(A[:, 0], A[:, 1], s=12, marker=marker, color=color(k), alpha=0.55, linewidths=0,
                   label=pick(lang, f"类别 {k}", f"class {k}"))
    for w, c, name in ((w_pca, color(3), pick(lang, "PCA 第一方向", "PCA, first direction")),
                       (w_lda, color(2), pick(lang, "Fisher LDA 方向", "Fisher LDA direction"))):
        t = np.array([-4.5, 4.5])
        ax.plot(mean[0] + t * w[0], mean[1] + t * w[1], color=c, lw=2.2, label=name)
    ax.set_aspect("equal")
    ax.set_xlim(mean[0] - 5.5, mean[0] + 5.5)
    ax.set_ylim(mean[1] - 4.5, mean[1] + 4.5)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(pick(lang, "数据与两个方向", "Data and the two directions"))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=9)

    # right: projections, PCA on top (shifted up) and LDA below, as two rows of histograms
    hx = axes[1]
    rows = ((w_pca, pick(lang, "投影到 PCA 方向", "projected on PCA"), 1.0, color(3)),
            (w_lda, pick(lang, "投影到 LDA 方向", "projected on LDA"), 0.0, color(2)))
    for w, label, base, c in rows:
        z0, z1 = (X0 - mean) @ w, (X1 - mean) @ w
        z0, z1 = z0 / np.std(np.r_[z0, z1]), z1 / np.std(np.r_[z0, z1])   # same scale for both rows
        bins = np.linspace(-3.5, 3.5, 36)
        for k, z in enumerate((z0, z1)):
            h, edges = np.histogram(z, bins=bins)
            h = 0.8 * h / 40.0
            hx.bar(edges[:-1], h, width=np.diff(edges), bottom=base, align="edge", color=color(k), alpha=0.5,
                   linewidth=0)
        z, lab = np.r_[z0, z1], np.r_[np.zeros(len(z0)), np.ones(len(z1))]
        acc = max(max(np.mean((z > t) == lab), np.mean((z <= t) == lab)) for t in z)   # best single threshold
        hx.text(-3.4, base + 0.86, pick(lang, f"{label}：最佳阈值准确率 {acc:.0%}",
                                        f"{label}: best-threshold accuracy {acc:.0%}"), color=c, fontsize=10)
    hx.set_yticks([])
    hx.set_ylim(0, 2.05)
    hx.set_xlabel(pick(lang, "投影值（标准化）", "projection (standardised)"))
    hx.set_title(pick(lang, "两类在一维投影上的分布", "The two classes after projection"))
    hx.axhline(1.0, color=palette()["muted"], lw=0.8)
    hx.grid(False)
    return fig
