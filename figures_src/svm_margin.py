"""Linear SVM on separable 2-D data: maximum-margin hyperplane, the two margin lines, support vectors circled."""
import numpy as np
from sklearn.datasets import make_blobs
from sklearn.svm import SVC

from style import color, new_figure, palette, pick


def draw(lang):
    X, y = make_blobs(n_samples=40, centers=[[-1.6, -1.2], [1.6, 1.2]], cluster_std=0.75, random_state=6)
    clf = SVC(kernel="linear", C=1e6).fit(X, y)   # a very large C behaves like a hard margin
    w, b = clf.coef_[0], clf.intercept_[0]
    assert np.all((2 * y - 1) * clf.decision_function(X) >= 1 - 1e-3), "data must be separable"

    fig, ax = new_figure(7.2, 4.4)
    for k, marker in ((0, "o"), (1, "s")):
        ax.scatter(X[y == k, 0], X[y == k, 1], color=color(k), marker=marker, s=30, zorder=3,
                   label=pick(lang, f"类别 {'-1' if k == 0 else '+1'}", f"class {'-1' if k == 0 else '+1'}"))
    ax.scatter(clf.support_vectors_[:, 0], clf.support_vectors_[:, 1], s=160, facecolors="none",
               edgecolors=palette()["fg"], linewidths=1.5, zorder=4,
               label=pick(lang, "支持向量", "support vectors"))

    xlim = np.array([X[:, 0].min() - 0.8, X[:, 0].max() + 0.8])
    ylim = np.array([X[:, 1].min() - 0.8, X[:, 1].max() + 0.8])
    xs = np.linspace(*xlim, 2)
    for level, style, label in ((0, "-", pick(lang, r"超平面 $\mathbf{w}^\top\mathbf{x}+b=0$",
                                                r"hyperplane $\mathbf{w}^\top\mathbf{x}+b=0$")),
                                (1, "--", pick(lang, r"间隔边界 $\mathbf{w}^\top\mathbf{x}+b=\pm 1$",
                                               r"margin $\mathbf{w}^\top\mathbf{x}+b=\pm 1$")),
                                (-1, "--", None)):
        ax.plot(xs, (level - b - w[0] * xs) / w[1], linestyle=style, color=palette()["fg"] if level == 0
                else palette()["muted"], linewidth=1.8 if level == 0 else 1.3, label=label)

    # arrow across the margin: from the -1 line to the +1 line along w
    x0 = np.array([0.0, -b / w[1]])                 # a point on the hyperplane
    u = w / np.linalg.norm(w)
    half = 1 / np.linalg.norm(w)
    p1, p2 = x0 - half * u, x0 + half * u
    ax.annotate("", xy=p2, xytext=p1, arrowprops={"arrowstyle": "<->", "color": color(3), "lw": 1.5})
    ax.text(*(x0 + 0.25 * np.array([1, -1]) + 0.05), r"$2/\Vert\mathbf{w}\Vert$", color=color(3))

    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(pick(lang, f"线性 SVM 的最大间隔（{len(clf.support_)} 个支持向量）",
                      f"Maximum margin of a linear SVM ({len(clf.support_)} support vectors)"))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9)
    return fig
