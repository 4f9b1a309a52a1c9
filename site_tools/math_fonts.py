"""Early, low-priority requests for the KaTeX fonts a page's first screen uses.

The browser asks for a KaTeX font only once it lays out a formula that needs it, which on a
math page comes after the first paint: the formulas then widen and the text after them moves
(a layout shift of about 0.09 on ml/svm). A `<link rel="preload">` for those fonts starts them
with the page. At the default (high) priority they held the first paint back, so they are asked
for at low priority (measured in BENCHMARKS.md).

The first screen is the article's first FIRST_SCREEN_BLOCKS children: site.css lays out the
later ones only when they near the screen (`:nth-child(n+6)`), so their fonts are not needed
at first. Which font a formula needs follows from KaTeX's classes, as katex.min.css maps them.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from site_tools.term_tooltips import VOID

FIRST_SCREEN_BLOCKS = 5  # site.css: `.md-typeset > :nth-child(n+6)` are laid out lazily

# KaTeX class combinations (all classes of one element) -> font file, after katex.min.css.
FONT_OF_CLASSES = (
    ({"mathnormal"}, "KaTeX_Math-Italic"),
    ({"boldsymbol"}, "KaTeX_Math-BoldItalic"),
    ({"mathbf"}, "KaTeX_Main-Bold"),
    ({"textbf"}, "KaTeX_Main-Bold"),
    ({"mathit"}, "KaTeX_Main-Italic"),
    ({"amsrm"}, "KaTeX_AMS-Regular"),
    ({"mathbb"}, "KaTeX_AMS-Regular"),
    ({"mathcal"}, "KaTeX_Caligraphic-Regular"),
    ({"mathfrak"}, "KaTeX_Fraktur-Regular"),
    ({"mathscr"}, "KaTeX_Script-Regular"),
    ({"mathsf"}, "KaTeX_SansSerif-Regular"),
    ({"mathtt"}, "KaTeX_Typewriter-Regular"),
    ({"delimsizing", "size1"}, "KaTeX_Size1-Regular"),
    ({"delim-size1"}, "KaTeX_Size1-Regular"),
    ({"small-op"}, "KaTeX_Size1-Regular"),
    ({"delimsizing", "size2"}, "KaTeX_Size2-Regular"),
    ({"large-op"}, "KaTeX_Size2-Regular"),
    ({"delimsizing", "size3"}, "KaTeX_Size3-Regular"),
    ({"delimsizing", "size4"}, "KaTeX_Size4-Regular"),
    ({"delim-size4"}, "KaTeX_Size4-Regular"),
)
BASE_FONT = "KaTeX_Main-Regular"  # `.katex` itself: digits, operators, brackets

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">')
CLASS = re.compile(r'\bclass="([^"]*)"')
HEAD_END = "</head>"


class _FirstBlocks(HTMLParser):
    """Finds where the article's first ``count`` child elements end (an offset into the text)."""

    def __init__(self, count: int):
        super().__init__(convert_charrefs=False)
        self.count, self.depth, self.children, self.end = count, 0, 0, None

    def handle_starttag(self, tag, attrs):
        if self.end is not None:
            return
        if tag in VOID:
            if self.depth == 1:
                self._child_done()
            return
        self.depth += 1

    def handle_endtag(self, tag):
        if self.end is not None or tag in VOID:
            return
        self.depth -= 1
        if self.depth == 1:
            self._child_done()

    def _child_done(self):
        self.children += 1
        if self.children == self.count:
            line, column = self.getpos()
            self.end = (line, column)


def first_screen(html: str) -> str:
    """The HTML of the article's first FIRST_SCREEN_BLOCKS children, without closed <details>
    (their content is not laid out); "" for a page without an article."""
    match = ARTICLE.search(html)
    if not match:
        return ""
    begin, chunk = match.start(), 16_384
    parser = _FirstBlocks(FIRST_SCREEN_BLOCKS)
    for start in range(begin, len(html), chunk):  # a long page is read only as far as its first blocks
        parser.feed(html[start:start + chunk])
        if parser.end is not None:
            break
    if parser.end is None:
        blocks = html[begin:]
    else:
        line, column = parser.end  # counted from the article's start, lines from 1
        offset = begin
        for _ in range(line - 1):
            offset = html.index("\n", offset) + 1
        blocks = html[begin:offset + column]
    return re.sub(r"<details(?![^>]*\bopen\b)[^>]*>.*?</details>", "", blocks, flags=re.DOTALL)


def fonts_needed(html: str) -> list[str]:
    """The KaTeX font files (without extension) the first screen of a page uses, sorted."""
    blocks = first_screen(html)
    if 'class="katex"' not in blocks:
        return []
    fonts = {BASE_FONT}
    for classes in CLASS.findall(blocks):
        names = set(classes.split())
        fonts.update(font for needed, font in FONT_OF_CLASSES if needed <= names)
    return sorted(fonts)


def add_preloads(html: str, fonts_url: str) -> str:
    """Add a low-priority preload for each font of fonts_needed to the page's <head>;
    ``fonts_url`` is the relative URL of the fonts folder from the page."""
    fonts = fonts_needed(html)
    if not fonts or HEAD_END not in html:
        return html
    links = "".join(f'<link rel="preload" href="{fonts_url}/{font}.woff2" as="font" type="font/woff2" '
                    'crossorigin fetchpriority="low">' for font in fonts)
    return html.replace(HEAD_END, links + HEAD_END, 1)
