"""Clipping a 2-D gradient by global norm (keeps the direction) versus by value (changes it)."""
import numpy as np

from style import color, new_figure, palette, pick


def draw(lang):
    c = 1.0                                   # threshold
    g = np.array([3.0, 0.9])                  # raw gradient, norm about 3.13
    by_norm = g * c / np.linalg.norm(g) if np.linalg.norm(g) > c else g
    by_value = np.clip(g, -c, c)
    fig, ax = new_figure(width=6.4, height=4.4)
    theta = np.linspace(0, 2 * np.pi, 300)
    ax.plot(c * np.cos(theta), c * np.sin(theta), color=color(0), linewidth=1.2,
            label=pick(lang, r"$\|\mathbf{g}\|_2=c$（按范数裁剪的边界）", r"$\|\mathbf{g}\|_2=c$ (norm-clipping boundary)"))
    ax.plot([-c, c, c, -c, -c], [-c, -c, c, c, -c], color=color(1), linewidth=1.2, linestyle="--",
            label=pick(lang, r"$|g_i|\leq c$（按值裁剪的边界）", r"$|g_i|\leq c$ (value-clipping boundary)"))
    arrow = {"length_includes_head": True, "head_width": 0.08, "head_length": 0.12, "linewidth": 1.8}
    ax.arrow(0, 0, *g, color=palette()["muted"], **arrow)
    ax.arrow(0, 0, *by_norm, color=color(0), **arrow)
    ax.arrow(0, 0, *by_value, color=color(1), **arrow)
    ax.annotate(pick(lang, f"原梯度 g = ({g[0]:.1f}, {g[1]:.1f})\n" + rf"$\|\mathbf{{g}}\|_2$ = {np.linalg.norm(g):.2f}",
                     f"raw g = ({g[0]:.1f}, {g[1]:.1f})\n" + rf"$\|\mathbf{{g}}\|_2$ = {np.linalg.norm(g):.2f}"),
                xy=g, xytext=(1.9, 1.25), color=palette()["fg"], fontsize=10)
    ax.annotate(pick(lang, f"按范数：({by_norm[0]:.2f}, {by_norm[1]:.2f})\n方向不变",
                     f"by norm: ({by_norm[0]:.2f}, {by_norm[1]:.2f})\nsame direction"),
                xy=by_norm, xytext=(0.9, -0.85), color=color(0), fontsize=10,
                arrowprops={"arrowstyle": "->", "color": color(0)})
    ax.annotate(pick(lang, f"按值：({by_value[0]:.1f}, {by_value[1]:.1f})\n方向改变",
                     f"by value: ({by_value[0]:.1f}, {by_value[1]:.1f})\ndirection changes"),
                xy=by_value, xytext=(-1.9, 1.25), color=color(1), fontsize=10,
                arrowprops={"arrowstyle": "->", "color": color(1)})
    ax.set_aspect("equal")
    ax.set_xlim(-2.1, 3.6)
    ax.set_ylim(-1.4, 2.0)
    ax.set_xlabel(r"$g_1$")
    ax.set_ylabel(r"$g_2$")
    ax.set_title(pick(lang, "梯度裁剪：阈值 c = 1", "Gradient clipping with threshold c = 1"))
    ax.legend(loc="lower right", fontsize=8.5)
    return fig
