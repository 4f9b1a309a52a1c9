"""Activation std per layer of a deep tanh / ReLU MLP under naive, Xavier and Kaiming initialisation."""
import numpy as np

from style import color, new_figure, pick

WIDTH, DEPTH, BATCH = 256, 15, 512


def simulate(act, weight_std, seed=0):
    """Return per-layer std of activations and the fraction of saturated tanh units."""
    rng = np.random.default_rng(seed)
    h = rng.standard_normal((BATCH, WIDTH))
    stds, saturated = [], []
    for _ in range(DEPTH):
        w = rng.standard_normal((WIDTH, WIDTH)) * weight_std
        z = h @ w
        h = np.tanh(z) if act == "tanh" else np.maximum(z, 0.0)
        stds.append(h.std())
        saturated.append(np.mean(np.abs(h) > 0.99))
    return np.array(stds), np.array(saturated)


def draw(lang):
    n = WIDTH
    inits = [
        ("N(0, 1)", 1.0),
        (pick(lang, "N(0, 0.01²) 小常数", "N(0, 0.01²) small"), 0.01),
        ("Xavier  Var = 1/n", np.sqrt(1 / n)),
        ("Kaiming  Var = 2/n", np.sqrt(2 / n)),
    ]
    layers = np.arange(1, DEPTH + 1)
    fig, axes = new_figure(width=8.4, height=3.9, ncols=2, sharey=True)
    for ax, act in zip(axes, ("tanh", "relu")):
        for i, (name, std) in enumerate(inits):
            stds, sat = simulate(act, std)
            label = name
            if act == "tanh" and std == 1.0:
                label += pick(lang, f"（{sat[-1]:.0%} 单元饱和）", f" ({sat[-1]:.0%} units saturated)")
            ax.plot(layers, stds, color=color(i), marker="o", markersize=3, label=label)
        ax.set_yscale("log")
        ax.set_ylim(1e-9, 1e9)
        ax.set_xlabel(pick(lang, "层号", "layer"))
        ax.set_title(pick(lang, f"{act} 网络（宽 {n}）", f"{act} network (width {n})"))
        ax.legend(loc="upper left", fontsize=8)
    axes[0].set_ylabel(pick(lang, "激活值标准差（对数轴）", "activation std (log scale)"))
    return fig
