"""A few rounds of Lloyd's algorithm on three 2-D blobs from a poor start (all three initial centres
in one blob): points coloured by their current assignment, centres with the path they have moved
along, and the objective J after each round. Fixed seed."""
import numpy as np

from style import color, new_figure, palette, pick

MARKERS = ("o", "s", "^")


def lloyd_rounds(X, C0, rounds):
    """Centres and labels after each round (assignment to the current centres, then the mean update)."""
    C, states = C0.copy(), []
    for _ in range(rounds):
        labels = ((X[:, None, :] - C[None]) ** 2).sum(-1).argmin(1)
        C_new = np.array([X[labels == k].mean(0) for k in range(len(C))])
        states.append((C.copy(), labels, C_new, ((X - C_new[labels]) ** 2).sum()))
        C = C_new
    return states


def draw(lang):
    rng = np.random.default_rng(9)
    centres = np.array([[0.0, 0.0], [4.0, 0.6], [1.6, 3.6]])
    X = np.vstack([c + rng.normal(scale=0.75, size=(50, 2)) for c in centres])
    C0 = np.array([[-1.0, 0.3], [-0.2, 0.3], [0.6, 0.3]])       # a poor start: all inside the first blob
    states = lloyd_rounds(X, C0, 11)
    shown = (0, 5, 7, 9)
    # round 11 assigns exactly as round 10 did: the last panel shows the converged state
    assert np.array_equal(states[9][1], states[10][1]) and not np.array_equal(states[8][1], states[9][1])
    # the objective values quoted in the caption (rounds 1, 6, 7, 8, 9, 10)
    assert [round(states[r][3]) for r in (0, 5, 6, 7, 8, 9)] == [651, 491, 451, 331, 170, 160]

    fig, axes = new_figure(11.0, 3.5, ncols=4, sharex=True, sharey=True)
    for ax, r in zip(axes, shown):
        C_before, labels, C_after, J = states[r]
        for k in range(3):
            pts = X[labels == k]
            ax.scatter(pts[:, 0], pts[:, 1], s=14, color=color(k), marker=MARKERS[k], alpha=0.75, linewidths=0)
            path = np.array([C0[k]] + [states[t][2][k] for t in range(r + 1)])
            ax.plot(path[:, 0], path[:, 1], color=palette()["fg"], linewidth=1.0, linestyle="--", zorder=4)
            ax.scatter(*C_before[k], s=60, marker="X", facecolor="none", edgecolor=palette()["fg"],
                       linewidths=1.0, zorder=5)
            ax.scatter(*C_after[k], s=140, marker="X", color=color(k), edgecolor=palette()["fg"],
                       linewidths=1.2, zorder=6)
        title = pick(lang, f"第 {r + 1} 轮", f"round {r + 1}") if r < 9 else pick(lang, "第 10 轮：收敛", "round 10: converged")
        ax.set_title(f"{title}   J = {J:.0f}")
        ax.set_aspect("equal")
        ax.set_xlabel("$x_1$")
    axes[0].set_ylabel("$x_2$")
    fig.suptitle(pick(lang, "点的颜色 = 本轮分配；空心 ×：分配时用的中心；实心 ×：更新后的均值；虚线：中心走过的路径",
                      "colour = this round's assignment; hollow ×: centres used to assign; "
                      "filled ×: updated means; dashed: path of each centre"),
                 color=palette()["muted"], fontsize=10)
    return fig
