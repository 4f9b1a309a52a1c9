"""Small edits to Material's built assets (mkdocs-material 9.8.1, pinned), applied after each
edition's build, and the page HTML one of them expects (wrap_tables).

Each edit replaces one exact piece of Material's minified code. If a Material release changes
that code, the build stops and names the file, so an edit is never silently lost or applied to
code it was not written for. An edit that is already in place (`mkdocs serve` rebuilding into
the same folder) is left alone. The costs and gains are measured in BENCHMARKS.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from site_tools.cache import atomic_write


class MaterialPatchError(ValueError):
    pass


@dataclass(frozen=True)
class Patch:
    name: str  # what the edit does, for messages
    asset: str  # glob below the site folder; it must match exactly one file
    before: str  # Material's code, found exactly once
    after: str  # the replacement; must not occur in Material's code, so it shows the edit was made


PATCHES = (
    # In the browser, Material splits a Chinese query into words of the index's vocabulary. Its
    # loop only tries slices that end *before* the query's last character, so a query that is
    # itself a word is never looked up whole: 交叉熵 is searched as 交叉*, which also matches
    # 交叉验证, and 过拟合 ranks pages about 拟合 first. The slice may now reach the query's end.
    Patch("the Chinese query segmenter of the search worker", "assets/javascripts/workers/search.*.min.js",
          "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e",
          "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"),
    # The palette script sets `data-md-color-switching` on <body> as each page starts and removes
    # it a frame later; this rule made each of the two changes restyle every element of the page.
    # Without it, switching the theme fades colours over Material's transitions.
    Patch("the data-md-color-switching rule of the palette stylesheet", "assets/stylesheets/palette.*.min.css",
          "[data-md-color-switching] *,[data-md-color-switching] :after,"
          "[data-md-color-switching] :before{transition-duration:0s!important}",
          "/* data-md-color-switching rule removed: site_tools/material_patches.py */"),
    # The palette script adds <meta name="color-scheme"> to the head as each page starts and sets
    # its content a moment later. Chromium treats each change of that meta as a change of the
    # system colours and restyles every element, twice per page view. The meta only tells the
    # browser which scheme the page root uses (the viewport's scrollbar, the canvas); site.css
    # says the same with `color-scheme` on :root, at no cost at start-up.
    Patch("the color-scheme meta of the palette script", "assets/javascripts/bundle.*.min.js",
          'let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);',
          'let o=x("meta",{name:"color-scheme"});/* not added: site_tools/material_patches.py */'),
    # As each page starts, the content script moves every table without a class into two <div>s,
    # so that a wide table scrolls on its own. Those insertions into the article made the browser
    # restyle every block after them (site.css counts the article's children). The build writes
    # the same wrappers (wrap_tables) and the script leaves a wrapped table alone.
    Patch("the table wrapper of the content script", "assets/javascripts/bundle.*.min.js",
          'M("table:not([class])",e).map(i=>ti(i))',
          'M("table:not([class]):not(.md-typeset__table > table)",e).map(i=>ti(i))'),
)

# What Material's content script would wrap a table in (its function for data tables).
TABLE_WRAPPER = ('<div class="md-typeset__scrollwrap"><div class="md-typeset__table">', "</div></div>")
PLAIN_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)  # Markdown tables: no attributes, never nested


def wrap_tables(html: str) -> str:
    """Wrap every table without attributes in a page's HTML as Material's script would."""
    opening, closing = TABLE_WRAPPER
    return PLAIN_TABLE.sub(lambda table: opening + table.group(0) + closing, html)


def apply(site_dir: Path, patch: Patch) -> Path | None:
    """Make ``patch`` in the site under ``site_dir``; return the file it changed (None if the
    edit was already there)."""
    found = sorted(site_dir.glob(patch.asset))
    if len(found) != 1:
        raise MaterialPatchError(f"{site_dir / patch.asset}: expected one file from Material for "
                                 f"{patch.name}, found {len(found)}")
    asset = found[0]
    code = asset.read_text(encoding="utf-8")
    if code.count(patch.before) == 1:
        atomic_write(asset, code.replace(patch.before, patch.after).encode("utf-8"))
        return asset
    if patch.after in code and patch.before not in code:
        return None
    raise MaterialPatchError(f"{asset}: Material's code for {patch.name} changed; review "
                             "site_tools/material_patches.py for this Material release")


def apply_all(site_dir: Path) -> list[Path]:
    """Make every edit of PATCHES; return the files changed."""
    return [changed for patch in PATCHES if (changed := apply(site_dir, patch)) is not None]
