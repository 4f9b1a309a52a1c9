"""AdaBoost with decision stumps on the notebook's toy set (derivations_check.py): training error
against the bounds prod Z_t and exp(-2 sum gamma_t^2), log scale."""
import numpy as np

from style import color, new_figure, palette, pick


def _circle_data(n=100, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(n, 2))
    return X, np.where(X[:, 0] ** 2 + X[:, 1] ** 2 < 0.5, 1, -1)


def _fit_stump(X, y, w):
    """Stump (feature, threshold, sign) with the smallest weighted error."""
    best_err, best = np.inf, None
    for j in range(X.shape[1]):
        order = np.argsort(X[:, j], kind="stable")
        xs, ys, ws = X[order, j], y[order], w[order]
        pos_left = np.r_[0, np.cumsum(ws * (ys == 1))]
        neg_left = np.r_[0, np.cumsum(ws * (ys == -1))]
        err_up = pos_left + neg_left[-1] - neg_left
        can_split = np.r_[True, xs[1:] != xs[:-1], True]
        for sign, err in ((1, err_up), (-1, w.sum() - err_up)):
            err = np.where(can_split, err, np.inf)
            k = int(np.argmin(err))
            if err[k] < best_err:
                thr = -np.inf if k == 0 else np.inf if k == len(xs) else (xs[k - 1] + xs[k]) / 2
                best_err, best = err[k], (j, thr, sign)
    return best


def _adaboost(X, y, T):
    n = len(y)
    w, F = np.full(n, 1 / n), np.zeros(n)
    eps_all, train_err = [], []
    for _ in range(T):
        j, thr, sign = _fit_stump(X, y, w)
        h = np.where(X[:, j] > thr, sign, -sign)
        eps = w[h != y].sum()
        a = 0.5 * np.log((1 - eps) / eps)
        w = w * np.exp(-a * y * h)
        w /= w.sum()
        F += a * h
        eps_all.append(eps)
        train_err.append(np.mean(np.sign(F) != y))
    return np.array(eps_all), np.array(train_err)


def draw(lang):
    X, y = _circle_data()
    T = 300
    eps, train_err = _adaboost(X, y, T)
    prod_z = np.cumprod(2 * np.sqrt(eps * (1 - eps)))
    loose = np.exp(-2 * np.cumsum((0.5 - eps) ** 2))
    rounds = np.arange(1, T + 1)
    assert np.all(train_err <= prod_z) and np.all(prod_z <= loose)
    forced = int(np.argmax(prod_z < 1 / len(y))) + 1
    zero_from = int(np.max(np.flatnonzero(train_err > 0))) + 2

    fig, ax = new_figure(7.2, 4.2)
    shown = np.where(train_err > 0, train_err, np.nan)    # zero cannot be drawn on a log axis
    ax.step(rounds, shown, where="post", color=color(0), lw=1.8,
            label=pick(lang, "训练误差", "training error"))
    ax.plot(rounds, prod_z, color=color(1), lw=2.0,
            label=pick(lang, r"$Z_1Z_2\cdots Z_t$，$Z_t=2\sqrt{\varepsilon_t(1-\varepsilon_t)}$",
                       r"$Z_1Z_2\cdots Z_t$, $Z_t=2\sqrt{\varepsilon_t(1-\varepsilon_t)}$"))
    ax.plot(rounds, loose, color=color(3), lw=1.6, linestyle="--",
            label=pick(lang, r"$\exp(-2(\gamma_1^2+\cdots+\gamma_t^2))$，$\gamma_t=1/2-\varepsilon_t$",
                       r"$\exp(-2(\gamma_1^2+\cdots+\gamma_t^2))$, $\gamma_t=1/2-\varepsilon_t$"))
    ax.axhline(1 / len(y), color=palette()["muted"], lw=1.0, linestyle=":")
    ax.text(T, 1 / len(y) * 1.25, pick(lang, "1/n：上界低于它，训练误差必为 0", "1/n: below it, training error must be 0"),
            ha="right", va="bottom", fontsize=9, color=palette()["muted"])
    ax.axvline(zero_from, color=color(0), lw=1.0, linestyle=":")
    ax.annotate(pick(lang, f"第 {zero_from} 轮起训练误差为 0", f"training error 0 from round {zero_from}"),
                xy=(zero_from, 0.01), xytext=(zero_from + 15, 0.0025), fontsize=9, color=palette()["fg"],
                arrowprops={"arrowstyle": "->", "color": palette()["muted"]})
    ax.annotate(pick(lang, f"第 {forced} 轮上界 < 1/n", f"bound < 1/n at round {forced}"),
                xy=(forced, prod_z[forced - 1]), xytext=(forced + 25, 0.05), fontsize=9, color=palette()["fg"],
                arrowprops={"arrowstyle": "->", "color": palette()["muted"]})
    ax.set_yscale("log")
    ax.set_xlim(0, T)
    ax.set_ylim(1e-4, 1.2)
    ax.set_xlabel(pick(lang, "轮数 t", "round t"))
    ax.set_ylabel(pick(lang, "训练误差 / 上界（对数坐标）", "training error / bound (log scale)"))
    ax.set_title(pick(lang, "AdaBoost（决策树桩，100 个点）：训练误差与两个上界",
                      "AdaBoost (stumps, 100 points): training error and two bounds"))
    ax.legend(loc="lower left", fontsize=9)
    return fig
