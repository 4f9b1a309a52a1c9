"""EM for a 3-component Gaussian mixture on 2-D data: the components' 1- and 2-sigma ellipses at the
start and after a few iterations, points coloured by their largest responsibility (faded where the
assignment is uncertain), and the log-likelihood in each title. Fixed seed, full covariances."""
import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.patches import Ellipse
from scipy.special import logsumexp
from scipy.stats import multivariate_normal

from style import color, new_figure, palette, pick

SHOWN = (0, 1, 5, 30)


def sample():
    rng = np.random.default_rng(3)
    means = np.array([[0.0, 0.0], [4.0, 1.0], [1.5, 4.0]])
    covs = np.array([[[1.6, 0.9], [0.9, 0.9]], [[0.3, 0.0], [0.0, 0.6]], [[1.0, -0.5], [-0.5, 0.5]]])
    return np.vstack([rng.multivariate_normal(m, c, size=s) for m, c, s in zip(means, covs, (160, 70, 90))])


def em(X, w, mu, Sigma, iterations):
    """Parameters and log-likelihood after 0, 1, ..., iterations EM steps (the log-likelihood of each state)."""
    states = []
    for _ in range(iterations + 1):
        lj = np.column_stack([np.log(w[k]) + multivariate_normal(mu[k], Sigma[k]).logpdf(X) for k in range(len(w))])
        ll = logsumexp(lj, axis=1)
        R = np.exp(lj - ll[:, None])
        states.append((w, mu, Sigma, R, ll.sum()))
        Nk = R.sum(0)
        w, mu = Nk / len(X), (R.T @ X) / Nk[:, None]
        Sigma = np.array([(R[:, k, None] * (X - mu[k])).T @ (X - mu[k]) / Nk[k] for k in range(len(w))])
    return states


def ellipse(ax, mean, cov, n_sigma, col, style):
    values, vectors = np.linalg.eigh(cov)
    angle = np.degrees(np.arctan2(vectors[1, 1], vectors[0, 1]))
    width, height = 2 * n_sigma * np.sqrt(values[1]), 2 * n_sigma * np.sqrt(values[0])
    ax.add_patch(Ellipse(mean, width, height, angle=angle, facecolor="none", edgecolor=col,
                         linestyle=style, linewidth=1.8 if style == "-" else 1.1, zorder=4))


def draw(lang):
    X = sample()
    w0 = np.full(3, 1 / 3)
    mu0 = np.array([[0.0, 2.0], [2.0, 2.0], [4.0, 2.0]])        # a poor start: three centres on a horizontal line
    Sigma0 = np.array([np.eye(2)] * 3)
    states = em(X, w0, mu0, Sigma0, max(SHOWN))
    lls = np.array([s[4] for s in states])
    assert np.all(np.diff(lls) >= -1e-9), "EM never decreases the log-likelihood"
    assert [round(lls[t]) for t in SHOWN] == [-1650, -1217, -1106, -1053], "the values quoted in the caption"
    assert abs(lls[SHOWN[-1]] - lls[SHOWN[-1] - 1]) < 1e-6, "converged by the last panel, as the caption says"

    fig, axes = new_figure(11.0, 3.6, ncols=4, sharex=True, sharey=True)
    for ax, t in zip(axes, SHOWN):
        w, mu, Sigma, R, ll = states[t]
        hard, conf = R.argmax(1), R.max(1)
        for k in range(3):
            sel = hard == k
            rgba = np.tile(to_rgba(color(k)), (sel.sum(), 1))
            rgba[:, 3] = 0.15 + 0.75 * (conf[sel] - 1 / 3) / (2 / 3)
            ax.scatter(X[sel, 0], X[sel, 1], s=10, c=rgba, linewidths=0, zorder=2)
            ellipse(ax, mu[k], Sigma[k], 1, color(k), "-")
            ellipse(ax, mu[k], Sigma[k], 2, color(k), "--")
            ax.scatter(*mu[k], s=50, marker="+", color=palette()["fg"], zorder=5)
        title = pick(lang, "初始值" if t == 0 else f"第 {t} 轮后", "start" if t == 0 else f"after {t} iteration"
                     + ("" if t == 1 else "s"))
        ax.set_title(f"{title}\nlog L = {ll:.0f}", fontsize=11)
        ax.set_aspect("equal")
        ax.set_xlabel("$x_1$")
    axes[0].set_ylabel("$x_2$")
    axes[0].set_xlim(-4.5, 6.5)
    axes[0].set_ylim(-3.5, 6.5)
    fig.suptitle(pick(lang, "实线 / 虚线：各分量的 1σ / 2σ 椭圆；点按最大责任度着色，颜色越淡越不确定",
                      "solid / dashed: 1σ / 2σ ellipse of each component; points coloured by their largest "
                      "responsibility, fainter = less certain"),
                 color=palette()["muted"], fontsize=10)
    return fig
