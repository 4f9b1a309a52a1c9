"""Top-2 routing over 8 experts (left) and per-expert load before and after training a skewed toy router on the
Switch load-balancing loss alone (right, a numpy simulation with a fixed seed), with the expert capacity line."""
import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.patches import Rectangle

from style import color, new_figure, palette, pick

N_EXPERTS, TOP_K, N_TOKENS, DIM = 8, 2, 512, 16
CAPACITY_FACTOR = 1.25
SHOWN_TOKENS = 10


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def load(probs):
    """Token slots per expert under top-k routing."""
    top = np.argsort(-probs, axis=1)[:, :TOP_K]
    return np.bincount(top.ravel(), minlength=N_EXPERTS)


def simulate():
    """A router with a skewed bias, then gradient descent on alpha*N*sum(f_i P_i) (alpha = 1) w.r.t. W and b."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(N_TOKENS, DIM))
    w = rng.normal(scale=0.3, size=(DIM, N_EXPERTS))
    b = np.array([1.6, 1.0, 0.5, 0.1, -0.2, -0.6, -1.0, -1.4])
    before = softmax(x @ w + b)
    for _ in range(400):
        p = softmax(x @ w + b)
        f = load(p) / (TOP_K * N_TOKENS)                  # fraction of token slots; constant w.r.t. the logits
        grad_z = N_EXPERTS / N_TOKENS * p * (f[None, :] - (p @ f)[:, None])
        w -= 20.0 * x.T @ grad_z
        b -= 20.0 * grad_z.sum(axis=0)
    return before, softmax(x @ w + b)


def draw(lang):
    pal = palette()
    before, after = simulate()
    fig, (ax_map, ax_load) = new_figure(10.0, 4.3, ncols=2, gridspec_kw={"width_ratios": [1.0, 1.25]})

    probs = after[:SHOWN_TOKENS]
    cmap = LinearSegmentedColormap.from_list("gate", [pal["bg"], color(0)])
    image = ax_map.imshow(probs, cmap=cmap, vmin=0, vmax=probs.max(), aspect="auto")
    ax_map.grid(False)
    for r in range(SHOWN_TOKENS):
        top = np.argsort(-probs[r])[:TOP_K]
        for c in range(N_EXPERTS):
            ax_map.text(c, r, f"{probs[r, c]:.2f}".lstrip("0"), ha="center", va="center", fontsize=7,
                        color=pal["bg"] if probs[r, c] > 0.6 * probs.max() else pal["fg"])
        for c in top:
            ax_map.add_patch(Rectangle((c - 0.5, r - 0.5), 1, 1, fill=False, edgecolor=color(1), linewidth=2))
    ax_map.set_xticks(range(N_EXPERTS), [f"E{i + 1}" for i in range(N_EXPERTS)])
    ax_map.set_yticks(range(SHOWN_TOKENS), [pick(lang, f"词元 {i + 1}", f"token {i + 1}") for i in range(SHOWN_TOKENS)])
    ax_map.tick_params(length=0)
    for side in ("left", "bottom"):
        ax_map.spines[side].set_visible(False)
    ax_map.set_xlabel(pick(lang, "专家", "expert"))
    ax_map.set_title(pick(lang, "门控概率 softmax(路由 logits)；框 = top-2", "Gate probabilities; boxes = top-2 chosen"),
                     fontsize=11)
    bar = fig.colorbar(image, ax=ax_map, shrink=0.85, pad=0.02)
    bar.outline.set_visible(False)

    experts = np.arange(N_EXPERTS)
    width = 0.38
    ideal = TOP_K * N_TOKENS / N_EXPERTS
    capacity = CAPACITY_FACTOR * ideal
    ax_load.bar(experts - width / 2, load(before), width, color=color(3),
                label=pick(lang, "偏斜的路由（无均衡损失）", "skewed router (no balancing loss)"))
    ax_load.bar(experts + width / 2, load(after), width, color=color(2),
                label=pick(lang, "用均衡损失训练后", "after training on the balancing loss"))
    ax_load.axhline(capacity, color=pal["fg"], linestyle="--", linewidth=1.2)
    ax_load.text(N_EXPERTS - 0.5, capacity + 6, pick(lang, f"容量 C = 1.25·kT/N = {capacity:.0f}",
                                                     f"capacity C = 1.25·kT/N = {capacity:.0f}"),
                 ha="right", va="bottom", fontsize=9, color=pal["fg"])
    ax_load.axhline(ideal, color=pal["muted"], linestyle=":", linewidth=1.5,
                    label=pick(lang, f"均匀负载 kT/N = {ideal:.0f}", f"uniform load kT/N = {ideal:.0f}"))
    ax_load.set_xticks(experts, [f"E{i + 1}" for i in experts])
    ax_load.set_xlabel(pick(lang, "专家", "expert"))
    ax_load.set_ylabel(pick(lang, "分到的词元槽数（T=512，k=2）", "token slots received (T=512, k=2)"))
    ax_load.set_title(pick(lang, "每个专家的负载（numpy 模拟，固定种子）", "Load per expert (numpy simulation, fixed seed)"),
                      fontsize=11)
    ax_load.legend(loc="upper right", bbox_to_anchor=(1.0, 0.9))
    ax_load.grid(axis="x", visible=False)
    return fig
