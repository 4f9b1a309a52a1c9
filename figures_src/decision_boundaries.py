"""Decision regions of logistic regression, an RBF-kernel SVM and a decision tree on the same make_moons data."""
import numpy as np
from matplotlib.colors import ListedColormap
from sklearn.datasets import make_moons
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

from style import color, new_figure, palette, pick


def draw(lang):
    X, y = make_moons(n_samples=300, noise=0.25, random_state=0)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=0)
    models = [
        (pick(lang, "逻辑回归", "Logistic regression"), LogisticRegression()),
        (pick(lang, "RBF 核 SVM", "RBF-kernel SVM"), SVC(kernel="rbf", C=1.0, gamma=1.0)),
        (pick(lang, "决策树（深度 6）", "Decision tree (depth 6)"), DecisionTreeClassifier(max_depth=6, random_state=0)),
    ]
    x1 = np.linspace(X[:, 0].min() - 0.5, X[:, 0].max() + 0.5, 300)
    x2 = np.linspace(X[:, 1].min() - 0.5, X[:, 1].max() + 0.5, 300)
    g1, g2 = np.meshgrid(x1, x2)
    grid = np.c_[g1.ravel(), g2.ravel()]
    regions = ListedColormap([color(0), color(1)])

    fig, axes = new_figure(9.6, 3.6, ncols=3, sharey=True)
    for ax, (name, model) in zip(axes, models):
        model.fit(X_tr, y_tr)
        z = model.predict(grid).reshape(g1.shape)
        ax.contourf(g1, g2, z, levels=[-0.5, 0.5, 1.5], cmap=regions, alpha=0.25)
        ax.contour(g1, g2, z, levels=[0.5], colors=[palette()["fg"]], linewidths=1.0)
        for k, marker in ((0, "o"), (1, "s")):
            ax.scatter(X_tr[y_tr == k, 0], X_tr[y_tr == k, 1], color=color(k), marker=marker, s=12,
                       edgecolors="none")
        acc = model.score(X_te, y_te)
        ax.set_title(f"{name}\n" + pick(lang, f"测试准确率 {acc:.2f}", f"test accuracy {acc:.2f}"), fontsize=11)
        ax.set_xlabel("$x_1$")
        ax.grid(False)
    axes[0].set_ylabel("$x_2$")
    return fig
