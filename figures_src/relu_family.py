"""ReLU, Leaky ReLU, ELU, GELU and SiLU (left) and their derivatives (right)."""
import numpy as np
from scipy.special import erf

from style import color, new_figure, palette, pick

ALPHA_LEAKY = 0.1  # drawn larger than the usual 0.01 so the slope is visible


def _curves(x):
    phi = 0.5 * (1 + erf(x / np.sqrt(2)))            # standard normal CDF
    pdf = np.exp(-x**2 / 2) / np.sqrt(2 * np.pi)
    sig = 1 / (1 + np.exp(-x))
    return [
        ("ReLU", np.maximum(0, x), (x > 0).astype(float)),
        (rf"Leaky ReLU ($\alpha$={ALPHA_LEAKY})", np.where(x > 0, x, ALPHA_LEAKY * x),
         np.where(x > 0, 1.0, ALPHA_LEAKY)),
        (r"ELU ($\alpha$=1)", np.where(x > 0, x, np.expm1(x)), np.where(x > 0, 1.0, np.exp(x))),
        (r"GELU $x\Phi(x)$", x * phi, phi + x * pdf),
        (r"SiLU / Swish $x\sigma(x)$", x * sig, sig * (1 + x * (1 - sig))),
    ]


def draw(lang):
    x = np.linspace(-4, 3, 701)
    fig, (left, right) = new_figure(width=8.4, height=3.8, ncols=2)
    styles = ["-", "--", "-.", "-", ":"]
    for i, (name, f, df) in enumerate(_curves(x)):
        left.plot(x, f, color=color(i), linestyle=styles[i], label=name)
        # draw the ReLU family's jump at 0 as two pieces, not a vertical line
        if i in (0, 1):
            for mask in (x < 0, x > 0):
                right.plot(x[mask], df[mask], color=color(i), linestyle=styles[i])
        else:
            right.plot(x, df, color=color(i), linestyle=styles[i])
    for ax in (left, right):
        ax.axhline(0, color=palette()["muted"], linewidth=0.8)
        ax.axvline(0, color=palette()["muted"], linewidth=0.8)
        ax.set_xlabel("x")
    left.set_ylim(-1.5, 3)
    right.set_ylim(-0.25, 1.25)
    left.set_title(pick(lang, "函数", "Functions"))
    right.set_title(pick(lang, "导数", "Derivatives"))
    left.legend(loc="upper left", fontsize=8.5)
    return fig
