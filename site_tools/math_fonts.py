"""Preload the KaTeX fonts that a page's first screen draws with.

A formula is first laid out with fallback metrics; when its KaTeX font arrives the formula
changes width and the text around it moves (Lighthouse counts this as layout shift, 0.08 on
ml/svm). A `<link rel="preload">` for each font the first blocks use starts those downloads
with the stylesheets instead of after the first layout. Which class draws with which font is
read from KaTeX's own stylesheet, so a KaTeX upgrade cannot leave the table stale."""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Blocks of the article always laid out; site.css skips the ones after them
# (`content-visibility`, rule `:nth-child(n+6)`), and tests check that the two agree.
FIRST_SCREEN_BLOCKS = 5

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">')
KATEX_STYLESHEET = re.compile(r'<link rel="stylesheet" href="(?P<base>[^"]*?)katex\.min\.css">')
_RULE = re.compile(r"(?P<selectors>[^{}@]+)\{(?P<body>[^{}]*)\}")
_FONT_FACE = re.compile(r"@font-face\{(?P<body>[^{}]*)\}")
_DECLARATION = re.compile(r"(?P<name>font-family|font-style|font-weight):(?P<value>[^;}]+)")
_WOFF2 = re.compile(r'url\((?P<url>[^)]+\.woff2)\)')
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class MathFontError(ValueError):
    pass


@dataclass(frozen=True)
class Face:
    family: str
    bold: bool = False
    italic: bool = False


def _declarations(body: str) -> dict[str, str]:
    return {m["name"]: m["value"].strip() for m in _DECLARATION.finditer(body)}


def _face(declarations: dict[str, str]) -> Face | None:
    family = declarations.get("font-family", "").split(",")[0].strip()
    if not family.startswith("KaTeX_"):
        return None
    return Face(family, declarations.get("font-weight") in ("700", "bold"), declarations.get("font-style") == "italic")


def read_stylesheet(css: str) -> tuple[list[tuple[frozenset[str], Face]], dict[Face, str]]:
    """(class sets inside `.katex` with the face they select, woff2 file of each face)."""
    files = {}
    for match in _FONT_FACE.finditer(css):
        declarations = _declarations(match["body"])
        face, woff2 = _face(declarations), _WOFF2.search(match["body"])
        if face and woff2:
            files[face] = woff2["url"].strip("'\"")
    rules = []
    for match in _RULE.finditer(css.replace("\n", "")):
        face = _face(_declarations(match["body"]))
        if face is None:
            continue
        for selector in match["selectors"].split(","):
            parts = selector.strip().split()
            if len(parts) == 2 and parts[0] == ".katex" and re.fullmatch(r"(\.[\w-]+)+", parts[1]):
                rules.append((frozenset(parts[1].lstrip(".").split(".")), face))
    base = _face({"font-family": "KaTeX_Main"})
    if base not in files or not rules:
        raise MathFontError("katex.min.css: no KaTeX @font-face or font rules found (has its format changed?)")
    return rules, files


class _FirstBlocks(HTMLParser):
    """Collects the class sets of elements in the first FIRST_SCREEN_BLOCKS children of the article."""

    class Done(Exception):
        pass

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.depth, self.blocks, self.classes = 0, 0, []

    def handle_starttag(self, tag, attrs):
        if value := dict(attrs).get("class"):
            self.classes.append(frozenset(value.split()))
        if tag not in _VOID:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        if value := dict(attrs).get("class"):
            self.classes.append(frozenset(value.split()))

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        self.depth -= 1
        if self.depth == 1:
            self.blocks += 1
            if self.blocks == FIRST_SCREEN_BLOCKS:
                raise self.Done
        elif self.depth < 1:  # the article closed before that many blocks
            raise self.Done


def first_screen_classes(page_html: str) -> list[frozenset[str]]:
    start = ARTICLE.search(page_html)
    if start is None:
        return []
    parser = _FirstBlocks()
    try:
        for offset in range(start.start(), len(page_html), 16384):
            parser.feed(page_html[offset:offset + 16384])
    except _FirstBlocks.Done:
        pass
    return parser.classes


def first_screen_faces(page_html: str, rules: list[tuple[frozenset[str], Face]]) -> list[Face]:
    classes = first_screen_classes(page_html)
    if not any("katex" in c for c in classes):
        return []
    faces = {Face("KaTeX_Main")}  # the face of every formula's plain text
    for element in classes:
        faces.update(face for selector, face in rules if selector <= element)
    return sorted(faces, key=lambda f: (f.family, f.bold, f.italic))


def add_preloads(page_html: str, rules, files: dict[Face, str]) -> str:
    """Insert a font preload for each face the first screen uses, next to the KaTeX stylesheet."""
    stylesheet = KATEX_STYLESHEET.search(page_html)
    faces = first_screen_faces(page_html, rules)
    if stylesheet is None or not faces:
        return page_html
    links = "".join(
        f'<link rel="preload" href="{stylesheet["base"]}{files[face]}" as="font" type="font/woff2" crossorigin>'
        for face in faces if face in files)
    return page_html[:stylesheet.start()] + links + page_html[stylesheet.start():]
