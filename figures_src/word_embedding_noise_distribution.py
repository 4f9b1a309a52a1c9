"""Negative-sampling noise distribution: Zipf unigram frequencies vs the 3/4-power distribution."""
import numpy as np

from style import color, new_figure, palette, pick


def draw(lang):
    ranks = np.arange(1, 10001)
    counts = 1.0 / ranks  # Zipf's law: frequency proportional to 1/rank
    unigram = counts / counts.sum()
    smoothed = counts ** 0.75 / (counts ** 0.75).sum()
    fig, ax = new_figure()
    ax.loglog(ranks, unigram, color=color(0), label=pick(lang, r"一元分布 $U(w)$", r"unigram $U(w)$"))
    ax.loglog(ranks, smoothed, color=color(1),
              label=pick(lang, r"噪声分布 $P_n(w)\propto U(w)^{3/4}$", r"noise $P_n(w)\propto U(w)^{3/4}$"))
    for r in (1, 10000):
        ratio = smoothed[r - 1] / unigram[r - 1]
        ax.annotate(pick(lang, f"×{ratio:.2f}", f"×{ratio:.2f}"), xy=(r, smoothed[r - 1]),
                    xytext=(r * (1.6 if r == 1 else 0.18), smoothed[r - 1] * (0.35 if r == 1 else 3.0)),
                    color=palette()["fg"], arrowprops={"arrowstyle": "->", "color": palette()["muted"]})
    ax.set_xlabel(pick(lang, "词频排名（1 为最高频词）", "frequency rank (1 = most frequent word)"))
    ax.set_ylabel(pick(lang, "被采样为负例的概率", "probability of being drawn as a negative"))
    ax.set_title(pick(lang, "3/4 次方压低高频词、抬高低频词（Zipf 词表，1 万词）",
                      "The 3/4 power flattens a Zipf vocabulary (10k words)"))
    ax.legend(loc="lower left")
    return fig
