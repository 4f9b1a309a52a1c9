"""Shared look of every figure: palette, fonts and sizes for the light and dark site themes.

A figure script imports this module, builds its figure in ``draw(lang)`` and returns it;
the renderer calls ``apply(theme)`` first, so colours always come from ``palette()``.
"""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

FONT_FAMILY = "Noto Sans CJK SC"  # from Debian's fonts-noto-cjk; covers Latin and Chinese

THEMES = {
    "light": {
        "fg": "#1f2328",
        "muted": "#6e7781",
        "grid": "#d0d7de",
        "bg": "#ffffff",
        "colors": ["#1f77b4", "#e8710a", "#2ca02c", "#d62728", "#7b4fb3", "#8c564b", "#0f9d9a"],
    },
    "dark": {
        "fg": "#e6edf3",
        "muted": "#9aa4b1",
        "grid": "#3d4450",
        "bg": "#1e2129",
        "colors": ["#58a6ff", "#ffa657", "#56d364", "#ff7b72", "#bc8cff", "#d2a679", "#39c5cf"],
    },
}

_current = {"theme": "light"}


def apply(theme: str) -> None:
    """Set matplotlib's defaults for one site theme (called by the renderer)."""
    spec = THEMES[theme]
    _current["theme"] = theme
    plt.rcdefaults()
    plt.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [FONT_FAMILY],
        "font.size": 11,
        "mathtext.fontset": "dejavusans",
        "axes.unicode_minus": False,
        "figure.figsize": (6.4, 4.0),
        "figure.dpi": 100,
        "figure.facecolor": "none",
        "savefig.facecolor": "none",
        "savefig.transparent": True,
        "axes.facecolor": "none",
        "axes.edgecolor": spec["muted"],
        "axes.labelcolor": spec["fg"],
        "axes.titlecolor": spec["fg"],
        "axes.titlesize": 12,
        "axes.grid": True,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.prop_cycle": matplotlib.cycler(color=spec["colors"]),
        "grid.color": spec["grid"],
        "grid.linewidth": 0.6,
        "text.color": spec["fg"],
        "xtick.color": spec["muted"],
        "ytick.color": spec["muted"],
        "xtick.labelcolor": spec["fg"],
        "ytick.labelcolor": spec["fg"],
        "legend.frameon": False,
        "legend.labelcolor": spec["fg"],
        "lines.linewidth": 2.0,
        "image.cmap": "viridis",
        "svg.fonttype": "path",
        "svg.hashsalt": "ml-interview-kb",
    })


def palette() -> dict:
    """Colours of the current theme: ``fg``, ``muted``, ``grid``, ``bg`` and ``colors`` (a list)."""
    return THEMES[_current["theme"]]


def color(index: int) -> str:
    """The index-th series colour of the current theme."""
    colors = palette()["colors"]
    return colors[index % len(colors)]


def pick(lang: str, zh: str, en: str) -> str:
    """The label for the page language."""
    return zh if lang == "zh" else en


def new_figure(width: float = 6.4, height: float = 4.0, **subplots):
    """A figure and its axes with the site's default size; passes ``subplots`` on."""
    return plt.subplots(figsize=(width, height), layout="constrained", **subplots)
