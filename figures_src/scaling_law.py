"""Chinchilla's parametric loss L(N, D) = E + A/N^alpha + B/D^beta (Hoffmann et al. 2022, Approach 3) along
iso-FLOP lines D = C / (6N), with the closed-form compute-optimal N marked on each curve."""
import numpy as np

from style import color, new_figure, palette, pick

E, A, B, ALPHA, BETA = 1.69, 406.4, 410.7, 0.34, 0.28
BUDGETS = (1e19, 1e20, 1e21, 1e22, 1e23, 1e24)
G = (ALPHA * A / (BETA * B)) ** (1 / (ALPHA + BETA))


def loss(n, d):
    return E + A / n**ALPHA + B / d**BETA


def optimum(c):
    n = G * (c / 6) ** (BETA / (ALPHA + BETA))
    return n, c / (6 * n)


def draw(lang):
    fig, ax = new_figure()
    best_n, best_l = [], []
    for k, c in enumerate(BUDGETS):
        n_opt, d_opt = optimum(c)
        n = np.logspace(np.log10(n_opt) - 1.1, np.log10(n_opt) + 1.1, 300)
        ax.plot(n, loss(n, c / (6 * n)), color=color(k), label=f"C = $10^{{{int(np.log10(c))}}}$ FLOPs")
        ax.plot([n_opt], [loss(n_opt, d_opt)], "o", color=color(k), markersize=6)
        ax.annotate(f"{d_opt / n_opt:.0f}", (n_opt, loss(n_opt, d_opt)), xytext=(-7, -12),
                    textcoords="offset points", ha="right", fontsize=8, color=palette()["fg"])
        best_n.append(n_opt)
        best_l.append(loss(n_opt, d_opt))
    ax.plot(best_n, best_l, color=palette()["muted"], linestyle="--", linewidth=1,
            label=pick(lang, "最优点（数字 = D/N）", "optimum (number = D/N)"))
    ax.set_xscale("log")
    ax.set_ylim(1.8, 3.7)
    ax.set_xlabel(pick(lang, "参数量 N", "parameters N"))
    ax.set_ylabel(pick(lang, "拟合的损失 L(N, D)", "fitted loss L(N, D)"))
    ax.set_title(pick(lang, "Chinchilla 拟合的等算力曲线（D = C / 6N）",
                      "Iso-FLOP curves of the Chinchilla fit (D = C / 6N)"))
    ax.legend(loc="lower left", fontsize=8)                 # the lower left is empty; upper right hides the 1e19 curve
    return fig
