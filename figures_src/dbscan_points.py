"""DBSCAN on a small 2-D set (two moons plus uniform noise): core points (filled, with their
eps-circle), border points (hollow, coloured by the cluster that reached them) and noise (grey x).
One border point and one noise point have their eps-circle drawn to show why. Fixed seeds."""
import numpy as np
from matplotlib.patches import Circle
from sklearn.cluster import DBSCAN
from sklearn.datasets import make_moons

from style import color, new_figure, palette, pick

EPS, MIN_SAMPLES = 0.3, 5


def data():
    X, _ = make_moons(n_samples=70, noise=0.08, random_state=3)
    noise = np.random.default_rng(7).uniform([-1.3, -0.9], [2.3, 1.4], size=(8, 2))
    return np.vstack([X, noise])


def draw(lang):
    X = data()
    model = DBSCAN(eps=EPS, min_samples=MIN_SAMPLES).fit(X)
    labels = model.labels_
    core = np.zeros(len(X), bool)
    core[model.core_sample_indices_] = True
    border = (labels != -1) & ~core
    noise = labels == -1
    assert labels.max() == 1 and border.sum() >= 3 and noise.sum() >= 3, "want 2 clusters, some border and noise"

    fig, ax = new_figure(7.6, 4.8)
    muted = palette()["muted"]
    for i in np.flatnonzero(core):
        ax.add_patch(Circle(X[i], EPS, facecolor=color(labels[i]), edgecolor="none", alpha=0.07, zorder=1))
    for k in range(labels.max() + 1):
        sel = core & (labels == k)
        ax.scatter(X[sel, 0], X[sel, 1], s=34, color=color(k), zorder=3,
                   label=pick(lang, f"核心点（簇 {k + 1}）", f"core point (cluster {k + 1})"))
        sel = border & (labels == k)
        ax.scatter(X[sel, 0], X[sel, 1], s=46, facecolor="none", edgecolor=color(k), linewidths=1.6, zorder=3,
                   label=pick(lang, f"边界点（簇 {k + 1}）", f"border point (cluster {k + 1})"))
    ax.scatter(X[noise, 0], X[noise, 1], s=40, marker="x", color=muted, linewidths=1.6, zorder=3,
               label=pick(lang, "噪声点", "noise"))

    # explain one border point and one noise point with their own eps-circles
    b = np.flatnonzero(border)[np.argmin(X[border, 1])]
    z = np.flatnonzero(noise)[np.argmin(np.linalg.norm(X[noise] - X.mean(0), axis=1))]   # the most central noise point
    for i, style in ((b, "--"), (z, ":")):
        ax.add_patch(Circle(X[i], EPS, facecolor="none", edgecolor=palette()["fg"], linestyle=style,
                            linewidth=1.2, zorder=2))
    n_b = int(np.sum(np.linalg.norm(X - X[b], axis=1) <= EPS))
    n_z = int(np.sum(np.linalg.norm(X - X[z], axis=1) <= EPS))
    assert n_b < MIN_SAMPLES and n_z < MIN_SAMPLES
    assert n_b == 3, "the caption says the border point has 3 points in its neighbourhood"
    ax.annotate(pick(lang, f"边界点：ε-邻域内 {n_b} 个点（含自身）< {MIN_SAMPLES}，\n但它在某个核心点的 ε-邻域内",
                     f"border: {n_b} points within ε (itself included) < {MIN_SAMPLES},\nbut it lies within ε of a core point"),
                xy=X[b] + EPS * np.array([0.6, -0.8]), xytext=(1.1, -1.42), fontsize=9,
                color=palette()["fg"], arrowprops={"arrowstyle": "->", "color": muted}, ha="center")
    zh_count = "只有它自己" if n_z == 1 else f"{n_z} 个点（含自身）"
    en_count = "only itself" if n_z == 1 else f"{n_z} points (itself included)"
    ax.annotate(pick(lang, f"噪声：ε-邻域内{zh_count}，\n且不在任何核心点的 ε-邻域内",
                     f"noise: {en_count} within ε,\nand no core point within ε"),
                xy=X[z] + EPS * np.array([-0.6, -0.8]), xytext=(-0.75, -0.98), fontsize=9,
                color=palette()["fg"], arrowprops={"arrowstyle": "->", "color": muted}, ha="center")

    ax.set_aspect("equal")
    ax.set_xlim(-1.6, 2.6)
    ax.set_ylim(-1.65, 1.9)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(pick(lang, f"DBSCAN（ε = {EPS}，MinPts = {MIN_SAMPLES}）：{core.sum()} 个核心点、"
                      f"{border.sum()} 个边界点、{noise.sum()} 个噪声点",
                      f"DBSCAN (ε = {EPS}, MinPts = {MIN_SAMPLES}): {core.sum()} core, "
                      f"{border.sum()} border, {noise.sum()} noise"))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9)
    return fig
