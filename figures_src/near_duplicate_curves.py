"""Probability that a pair is flagged as near-duplicate: MinHash LSH banding (b=20, r=5) against
Jaccard similarity, and 64-bit SimHash with Hamming distance <= 3 against cosine similarity."""
import numpy as np
from scipy.stats import binom

from style import color, new_figure, palette, pick


def draw(lang):
    fig, (left, right) = new_figure(8.0, 3.4, ncols=2)

    b, r = 20, 5
    s = np.linspace(0, 1, 401)
    left.plot(s, 1 - (1 - s ** r) ** b, color=color(0))
    threshold = (1 / b) ** (1 / r)
    left.axvline(threshold, linestyle="--", color=palette()["muted"], linewidth=1.2)
    left.text(threshold + 0.02, 0.08, f"$(1/b)^{{1/r}}\\approx{threshold:.2f}$", color=palette()["fg"], fontsize=10)
    left.set_xlabel(pick(lang, "Jaccard 相似度 $s$", "Jaccard similarity $s$"))
    left.set_ylabel(pick(lang, "成为候选对的概率", "probability of becoming a candidate"))
    left.set_title(pick(lang, "MinHash 分带，$b=20$，$r=5$", "MinHash banding, $b=20$, $r=5$"))
    left.set_xlim(0, 1)
    left.set_ylim(0, 1.02)

    cos = np.linspace(0.9, 1.0, 401)
    q = np.arccos(np.clip(cos, -1, 1)) / np.pi
    right.plot(cos, binom.cdf(3, 64, q), color=color(1))
    cos3 = np.cos(3 / 64 * np.pi)
    right.axvline(cos3, linestyle="--", color=palette()["muted"], linewidth=1.2)
    right.text(cos3 - 0.004, 0.08, pick(lang, f"$\\theta/\\pi=3/64$\n余弦 {cos3:.3f}", f"$\\theta/\\pi=3/64$\ncosine {cos3:.3f}"),
               color=palette()["fg"], fontsize=10, ha="right")
    right.set_xlabel(pick(lang, "余弦相似度", "cosine similarity"))
    right.set_ylabel(pick(lang, "汉明距离 $\\leq 3$ 的概率", "probability of Hamming distance $\\leq 3$"))
    right.set_title(pick(lang, "SimHash，64 位，$k=3$", "SimHash, 64 bits, $k=3$"))
    right.set_xlim(0.9, 1.0)
    right.set_ylim(0, 1.02)
    return fig
