"""L1 diamond vs L2 disc constraint regions with the contours of a quadratic loss: L1's optimum lands on an axis."""
import numpy as np

from style import color, new_figure, palette, pick

CENTER = np.array([1.0, 2.1])                    # unconstrained optimum of the loss
A = np.array([[1.0, 0.6], [0.6, 1.4]])         # positive definite Hessian of the loss
RADIUS = 1.0                                     # size of both constraint regions


def loss(w1, w2):
    d1, d2 = w1 - CENTER[0], w2 - CENTER[1]
    return A[0, 0] * d1 ** 2 + 2 * A[0, 1] * d1 * d2 + A[1, 1] * d2 ** 2


def boundary(kind, n=20000):
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    c, s = np.cos(t), np.sin(t)
    if kind == "l1":
        r = RADIUS / (np.abs(c) + np.abs(s))
    else:
        r = np.full_like(t, RADIUS)
    return r * c, r * s


def draw(lang):
    fig, axes = new_figure(8.0, 4.6, ncols=2)
    g = np.linspace(-1.6, 3.2, 400)
    W1, W2 = np.meshgrid(g, g)
    Z = loss(W1, W2)
    titles = {"l1": pick(lang, r"L1：$|w_1|+|w_2|\leq t$", r"L1: $|w_1|+|w_2|\leq t$"),
              "l2": pick(lang, r"L2：$w_1^2+w_2^2\leq t^2$", r"L2: $w_1^2+w_2^2\leq t^2$")}
    for ax, kind, ci in zip(axes, ("l1", "l2"), (0, 2)):
        bx, by = boundary(kind)
        ax.fill(bx, by, color=color(ci), alpha=0.25, linewidth=1.5, edgecolor=color(ci))
        vals = loss(bx, by)
        k = int(np.argmin(vals))
        best = vals[k]
        levels = best * np.array([0.15, 0.45, 1.0, 1.8])
        ax.contour(W1, W2, Z, levels=levels, colors=[palette()["muted"]], linewidths=1.0)
        ax.contour(W1, W2, Z, levels=[best], colors=[color(3)], linewidths=1.8)
        ax.scatter([CENTER[0]], [CENTER[1]], color=color(1), zorder=4, s=25)
        ax.annotate(pick(lang, "无约束最优", "unconstrained optimum"), xy=CENTER, xytext=(1.5, 2.85),
                    color=palette()["fg"], fontsize=9,
                    arrowprops={"arrowstyle": "->", "color": palette()["muted"]})
        ax.scatter([bx[k]], [by[k]], color=color(3), zorder=5, s=40)
        label = pick(lang, f"约束最优 ({bx[k]:.2f}, {by[k]:.2f})", f"constrained optimum ({bx[k]:.2f}, {by[k]:.2f})")
        ax.annotate(label, xy=(bx[k], by[k]), xytext=(-1.5, -1.35), color=color(3), fontsize=9,
                    arrowprops={"arrowstyle": "->", "color": color(3)})
        ax.axhline(0, color=palette()["fg"], linewidth=0.8)
        ax.axvline(0, color=palette()["fg"], linewidth=0.8)
        ax.set_xlim(-1.6, 3.2)
        ax.set_ylim(-1.6, 3.2)
        ax.set_aspect("equal")
        ax.set_xlabel(r"$w_1$")
        ax.set_ylabel(r"$w_2$")
        ax.set_title(titles[kind])
    return fig
