"""How PI, NTK-aware scaling and YaRN (NTK-by-parts ramp) rescale each RoPE frequency when the context grows
by s = 4 (L = 4096, d = 128, base 10000): theta'_i / theta_i against the pair's wavelength."""
import numpy as np

from style import color, new_figure, palette, pick

D_HEAD, BASE, L, S = 128, 10000.0, 4096, 4
ALPHA, BETA = 1.0, 32.0


def draw(lang):
    i = np.arange(D_HEAD // 2)
    theta = BASE ** (-2 * i / D_HEAD)
    lam = 2 * np.pi / theta
    pi_ratio = np.full_like(theta, 1 / S)
    ntk_ratio = (BASE * S ** (D_HEAD / (D_HEAD - 2))) ** (-2 * i / D_HEAD) / theta
    gamma = np.clip((L / lam - ALPHA) / (BETA - ALPHA), 0, 1)
    yarn_ratio = (1 - gamma) / S + gamma

    fig, ax = new_figure(6.8, 4.8)
    ax.semilogx(lam, np.ones_like(lam), color=palette()["muted"], lw=1.2, ls=":",
                label=pick(lang, "不缩放（直接外推）", "no scaling (plain extrapolation)"))
    ax.semilogx(lam, pi_ratio, color=color(0), lw=2, label=pick(lang, "位置插值 PI：全部 ÷s", "PI: all divided by s"))
    ax.semilogx(lam, ntk_ratio, color=color(1), lw=2,
                label=pick(lang, r"NTK-aware：$b'=b\,s^{d/(d-2)}$", r"NTK-aware: $b'=b\,s^{d/(d-2)}$"))
    ax.semilogx(lam, yarn_ratio, color=color(2), lw=2,
                label=pick(lang, r"YaRN（NTK-by-parts，$\alpha=1,\beta=32$）", r"YaRN (NTK-by-parts, $\alpha=1,\beta=32$)"))
    for x, text, ha, shift in ((L / BETA, r"$\lambda=L/\beta$", "right", 0.93), (L / ALPHA, r"$\lambda=L$", "left", 1.08)):
        ax.axvline(x, color=palette()["muted"], lw=1, ls="--")
        ax.text(x * shift, 0.9, text, color=palette()["muted"], fontsize=9, ha=ha)
    ax.set_xlabel(pick(lang, r"原波长 $\lambda_i$（位置数，对数轴；左高频、右低频）",
                       r"original wavelength $\lambda_i$ (positions, log axis; high frequency on the left)"))
    ax.set_ylabel(r"$\theta'_i/\theta_i$")
    ax.set_ylim(0, 1.08)
    ax.set_title(pick(lang, r"上下文扩大 $s=4$ 倍（$L=4096$，$d=128$，$b=10^4$）时各维度的频率缩放",
                      r"Per-pair frequency scaling for $s=4$ ($L=4096$, $d=128$, $b=10^4$)"))
    fig.legend(loc="outside lower center", ncol=2, fontsize=9)
    return fig
