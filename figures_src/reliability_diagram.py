"""Reliability diagrams of an overconfident logistic regression before and after temperature scaling
(the example on the metrics page): accuracy per confidence bin against the diagonal."""
import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import expit
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from style import color, new_figure, palette, pick


def _bins(y, p1, edges):
    conf = np.maximum(p1, 1 - p1)
    correct = (p1 >= 0.5) == (y == 1)
    idx = np.clip(np.digitize(conf, edges) - 1, 0, len(edges) - 2)
    acc, mean_conf, frac = [], [], []
    for m in range(len(edges) - 1):
        sel = idx == m
        acc.append(correct[sel].mean() if sel.any() else np.nan)
        mean_conf.append(conf[sel].mean() if sel.any() else np.nan)
        frac.append(sel.mean())
    acc, mean_conf, frac = map(np.array, (acc, mean_conf, frac))
    ece = np.nansum(frac * np.abs(acc - mean_conf))
    return acc, mean_conf, ece


def draw(lang):
    X, y = make_classification(n_samples=2300, n_features=60, n_informative=5, flip_y=0.1, random_state=0)
    clf = LogisticRegression(C=1e4, max_iter=10_000).fit(X[:300], y[:300])
    z_va, z_te, y_va, y_te = clf.decision_function(X[300:1300]), clf.decision_function(X[1300:]), y[300:1300], y[1300:]
    t = minimize_scalar(lambda s: log_loss(y_va, expit(z_va / np.exp(s))), bounds=(-3, 3), method="bounded").x
    T = float(np.exp(t))

    edges = np.linspace(0.5, 1.0, 11)
    centers = (edges[:-1] + edges[1:]) / 2
    width = edges[1] - edges[0]
    fig, axes = new_figure(8.0, 3.6, ncols=2, sharey=True)
    panels = ((expit(z_te), pick(lang, "校准前", "before")),
              (expit(z_te / T), pick(lang, f"温度缩放后（T = {T:.2f}）", f"after temperature scaling (T = {T:.2f})")))
    for ax, (p, title) in zip(axes, panels):
        acc, mean_conf, ece = _bins(y_te, p, edges)
        ok = ~np.isnan(acc)
        ax.bar(centers[ok], acc[ok], width=width * 0.9, color=color(0), alpha=0.85,
               label=pick(lang, "每箱准确率", "accuracy per bin"))
        ax.bar(centers[ok], mean_conf[ok] - acc[ok], bottom=acc[ok], width=width * 0.9, color=color(3), alpha=0.35,
               label=pick(lang, "与平均置信度之差", "gap to mean confidence"))
        ax.plot([0.5, 1.0], [0.5, 1.0], linestyle="--", color=palette()["muted"], linewidth=1.3,
                label=pick(lang, "完美校准", "perfect calibration"))
        ax.set_xlim(0.5, 1.0)
        ax.set_ylim(0.0, 1.02)
        ax.set_xlabel(pick(lang, "置信度（预测类别的概率）", "confidence (probability of the predicted class)"))
        ax.set_title(f"{title}，ECE = {ece:.3f}" if lang == "zh" else f"{title}, ECE = {ece:.3f}", fontsize=11)
    axes[0].set_ylabel(pick(lang, "准确率", "accuracy"))
    axes[0].legend(loc="upper left", fontsize=9)
    return fig
