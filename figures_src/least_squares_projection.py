"""Least squares as an orthogonal projection: y in R^3, the plane spanned by the columns x1, x2 of X,
the fitted vector y_hat = Hy in that plane and the residual e = y - y_hat perpendicular to it."""
import numpy as np

from style import color, new_figure, palette, pick

X = np.array([[1.0, 0.35], [0.0, 1.0], [0.0, 0.0]])   # columns x1, x2 span the plane x3 = 0
Y = np.array([1.15, 0.95, 0.9])


def draw(lang):
    H = X @ np.linalg.solve(X.T @ X, X.T)
    y_hat = H @ Y
    e = Y - y_hat
    assert np.allclose(X.T @ e, 0), "the residual must be orthogonal to the columns"

    fig, ax = new_figure(6.4, 4.6, subplot_kw={"projection": "3d"})
    ax.set_proj_type("ortho")
    ax.view_init(elev=26, azim=-62)

    # the column space: a patch of the plane spanned by x1 and x2
    s, t = np.meshgrid(np.linspace(-0.25, 1.25, 2), np.linspace(-0.25, 1.2, 2))
    plane = X[:, :1, None] * s + X[:, 1:, None] * t
    ax.plot_surface(plane[0], plane[1], plane[2], color=color(0), alpha=0.16, linewidth=0, shade=False)
    ax.text2D(0.03, 0.1, pick(lang, r"平面：列空间 $\operatorname{col}(X)$",
                              r"plane: column space $\operatorname{col}(X)$"),
              transform=ax.transAxes, color=color(0), fontsize=10)

    def arrow(v, start, col, width, label, offset):
        end = start + v
        ax.plot(*np.c_[start, end], color=col, linewidth=width)
        ax.quiver(*(end - 0.12 * v), *(0.12 * v), color=col, linewidth=width, arrow_length_ratio=1.0)
        ax.text(*(end + offset), label, color=col, fontsize=12)

    origin = np.zeros(3)
    arrow(X[:, 0], origin, palette()["muted"], 1.4, r"$\mathbf{x}_1$", np.array([0.02, -0.12, 0.0]))
    arrow(X[:, 1], origin, palette()["muted"], 1.4, r"$\mathbf{x}_2$", np.array([-0.05, 0.04, 0.03]))
    arrow(Y, origin, palette()["fg"], 2.0, r"$\mathbf{y}$", np.array([0.02, 0.0, 0.05]))
    arrow(y_hat, origin, color(2), 2.2, r"$\hat{\mathbf{y}}=H\mathbf{y}$", np.array([0.03, 0.0, -0.12]))
    arrow(e, y_hat, color(3), 2.0, "", np.zeros(3))
    ax.text(*(y_hat + 0.5 * e + np.array([0.05, 0.02, 0.0])),
            pick(lang, r"残差 $\mathbf{e}=\mathbf{y}-\hat{\mathbf{y}}$", r"residual $\mathbf{e}=\mathbf{y}-\hat{\mathbf{y}}$"),
            color=color(3), fontsize=11)

    # right-angle mark at y_hat between the residual and the plane (along y_hat's direction)
    u = -y_hat / np.linalg.norm(y_hat) * 0.09
    w = e / np.linalg.norm(e) * 0.09
    corner = np.c_[y_hat + u, y_hat + u + w, y_hat + w]
    ax.plot(*corner, color=color(3), linewidth=1.2)

    ax.set_xlim(-0.35, 1.7)
    ax.set_ylim(-0.3, 1.25)
    ax.set_zlim(0.0, 0.95)
    ax.set_box_aspect((1.6, 1.6, 1.1), zoom=1.2)
    ax.set_axis_off()
    ax.set_title(pick(lang, r"最小二乘 = 把 $\mathbf{y}$ 正交投影到 $X$ 的列空间",
                      r"Least squares projects $\mathbf{y}$ orthogonally onto the column space of $X$"))
    return fig
