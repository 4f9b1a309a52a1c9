"""Viterbi trellis for a 2-state HMM (hot/cold, ice creams 3-1-3): delta values, back-pointers, best path."""
import numpy as np

from style import color, new_figure, palette, pick

PI = np.array([0.6, 0.4])
A = np.array([[0.7, 0.3], [0.4, 0.6]])
B = np.array([[0.1, 0.4, 0.5], [0.5, 0.4, 0.1]])
OBS = [2, 0, 2]  # 3, 1, 3 ice creams (column index = count - 1)


def viterbi():
    delta = [PI * B[:, OBS[0]]]
    psi = [None]
    for t in range(1, len(OBS)):
        scores = delta[-1][:, None] * A
        psi.append(scores.argmax(axis=0))
        delta.append(scores.max(axis=0) * B[:, OBS[t]])
    path = [int(delta[-1].argmax())]
    for t in range(len(OBS) - 1, 0, -1):
        path.insert(0, int(psi[t][path[0]]))
    return delta, psi, path


def draw(lang):
    delta, psi, path = viterbi()
    fig, ax = new_figure(6.4, 3.8)
    ys = {0: 1.0, 1: 0.0}
    muted = palette()["muted"]
    steps = len(OBS)
    for t in range(1, steps):
        for i in range(2):
            for j in range(2):
                ax.plot([t - 1, t], [ys[i], ys[j]], color=muted, lw=0.8, alpha=0.5, zorder=1)
            k = int(psi[t][i])
            ax.annotate("", xy=(t - 1 + 0.12, ys[k] + (ys[i] - ys[k]) * 0.12),
                        xytext=(t - 0.12, ys[i] - (ys[i] - ys[k]) * 0.12),
                        arrowprops={"arrowstyle": "->", "color": color(0), "lw": 1.4,
                                    "linestyle": "--"}, zorder=5)
    ax.plot(range(steps), [ys[s] for s in path], color=color(1), lw=4, alpha=0.85, zorder=3,
            label=pick(lang, "最优路径 热→冷→热", "best path hot→cold→hot"))
    ax.plot([], [], color=color(0), lw=1.4, ls="--", label=pick(lang, "回溯指针 ψ", "back-pointer ψ"))
    for t in range(steps):
        for i in range(2):
            on_path = path[t] == i
            ax.scatter([t], [ys[i]], s=520, color=color(1) if on_path else palette()["bg"],
                       edgecolors=color(1) if on_path else muted, linewidths=1.5, zorder=4)
            ax.text(t, ys[i] + 0.2, f"δ={delta[t][i]:.4g}", ha="center", va="bottom", fontsize=10)
    ax.set_xticks(range(steps))
    ax.set_xticklabels([pick(lang, f"t={t + 1}\n观测 {OBS[t] + 1} 个", f"t={t + 1}\nobs {OBS[t] + 1}")
                        for t in range(steps)])
    ax.set_yticks([ys[0], ys[1]])
    ax.set_yticklabels([pick(lang, "热 H", "hot H"), pick(lang, "冷 C", "cold C")])
    ax.set_xlim(-0.4, steps - 0.6)
    ax.set_ylim(-0.45, 1.6)
    ax.grid(False)
    ax.set_title(pick(lang, "Viterbi 网格：每个节点保留最大路径概率 δ", "Viterbi trellis: each node keeps the best path probability δ"))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
    return fig
