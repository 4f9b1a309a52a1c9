"""Samples from a symmetric 3-topic Dirichlet for three concentration values, on the simplex."""
import numpy as np

from style import color, new_figure, palette, pick


def _to_xy(p):
    # barycentric coordinates -> 2D points of an equilateral triangle
    corners = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])
    return p @ corners


def draw(lang):
    rng = np.random.default_rng(0)
    fig, axes = new_figure(9.0, 3.4, ncols=3)
    corners = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2], [0.0, 0.0]])
    names = [pick(lang, "主题 1", "topic 1"), pick(lang, "主题 2", "topic 2"), pick(lang, "主题 3", "topic 3")]
    notes = {
        0.1: pick(lang, "稀疏：集中在顶点", "sparse: near corners"),
        1.0: pick(lang, "均匀铺满单纯形", "uniform on simplex"),
        10.0: pick(lang, "集中在中心", "concentrated at centre"),
    }
    for i, (ax, alpha) in enumerate(zip(axes, (0.1, 1.0, 10.0))):
        samples = rng.dirichlet([alpha] * 3, size=1500)
        xy = _to_xy(samples)
        ax.plot(corners[:, 0], corners[:, 1], color=palette()["muted"], linewidth=1)
        ax.scatter(xy[:, 0], xy[:, 1], s=4, alpha=0.5, color=color(i), linewidths=0)
        for (cx, cy), name, dy in zip(corners[:3], names, (-0.09, -0.09, 0.04)):
            ax.text(cx, cy + dy, name, ha="center", va="bottom" if dy > 0 else "top", fontsize=9)
        ax.set_title(rf"$\alpha={alpha:g}$" + "\n" + notes[alpha], fontsize=11)
        ax.set_xlim(-0.12, 1.12)
        ax.set_ylim(-0.2, 1.0)
        ax.set_aspect("equal")
        ax.axis("off")
    return fig
