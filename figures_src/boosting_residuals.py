"""Gradient boosting with squared loss on 1-D data: the fit F_m after 1, 3 and 10 stages (top) and, below,
the residuals y - F_{m-1} that stage m fits with a depth-2 regression tree."""
import numpy as np
from sklearn.tree import DecisionTreeRegressor

from style import color, new_figure, palette, pick


def draw(lang):
    rng = np.random.default_rng(0)
    x = np.sort(rng.uniform(0, 6, 80))
    y = np.sin(x) + 0.3 * x + rng.normal(0, 0.2, x.size)
    grid = np.linspace(0, 6, 400)
    X, G = x[:, None], grid[:, None]
    nu, stages, shown = 0.5, 10, (1, 3, 10)   # learning rate (shrinkage), number of trees

    F, F_grid = np.full(x.size, y.mean()), np.full(grid.size, y.mean())   # F_0 = mean of y
    snapshots = {}
    for m in range(1, stages + 1):
        residual = y - F                       # negative gradient of (y - F)^2 / 2
        tree = DecisionTreeRegressor(max_depth=2, random_state=0).fit(X, residual)
        if m in shown:
            snapshots[m] = (residual.copy(), tree.predict(G))
        F = F + nu * tree.predict(X)
        F_grid = F_grid + nu * tree.predict(G)
        if m in shown:
            snapshots[m] += (F_grid.copy(), np.mean((y - F) ** 2))

    fig, axes = new_figure(9.6, 5.6, nrows=2, ncols=3, sharex=True)
    for col, m in enumerate(shown):
        residual, h, F_m, mse = snapshots[m]
        top, bottom = axes[0, col], axes[1, col]
        top.scatter(x, y, s=10, color=palette()["muted"])
        top.plot(grid, F_m, color=color(0))
        top.set_title(pick(lang, f"第 {m} 轮后的 $F_{{{m}}}(x)$\n训练 MSE = {mse:.3f}",
                           f"$F_{{{m}}}(x)$ after {m} stage{'s' if m > 1 else ''}\ntraining MSE = {mse:.3f}"),
                      fontsize=10)
        bottom.axhline(0, color=palette()["muted"], linewidth=0.8)
        bottom.scatter(x, residual, s=10, color=color(1))
        bottom.plot(grid, h, color=color(2))
        bottom.set_title(pick(lang, f"第 {m} 轮拟合的残差 $y-F_{{{m - 1}}}$ 与树 $h_{{{m}}}$",
                              f"stage {m}: residuals $y-F_{{{m - 1}}}$ and tree $h_{{{m}}}$"), fontsize=10)
        bottom.set_xlabel("$x$")
        bottom.set_ylim(-1.1, 1.1)
    axes[0, 0].set_ylabel("$y$")
    axes[1, 0].set_ylabel(pick(lang, "残差", "residual"))
    return fig
