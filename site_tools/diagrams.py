"""Mermaid diagrams drawn at build time: every ```mermaid fence becomes two SVG images, one for
the light and one for the dark theme, so readers download no diagram JavaScript.

The pinned ``mermaid`` npm package lays the diagrams out in Debian's Chromium, driven by
Playwright (already the test driver): one browser serves every diagram of a build, started on
first use. Results are cached by content (source, Mermaid version, settings, this renderer), and
ids inside the SVG come from that key, so the same source always gives the same bytes. A diagram
Mermaid cannot parse raises DiagramError naming the page and line.

    python -m site_tools.diagrams [DOCS_DIR ...]   # render every diagram of the pages (cached)
"""
from __future__ import annotations

import argparse
import functools
import html
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from site_tools.cache import REPO_ROOT, atomic_write, cache_dir, content_key
from site_tools.pages import PageError, read_page

CHROMIUM = "/usr/bin/chromium"
MERMAID_DIR = REPO_ROOT / "node_modules" / "mermaid"
RENDER_SCRIPT = Path(__file__).with_name("mermaid_render.js")
RENDERER_VERSION = "1"  # bump when the SVG post-processing below changes
THEMES = {"light": "default", "dark": "dark"}  # our theme name -> Mermaid's
# Labels are measured at build time, so the font used here decides the box sizes. Liberation
# Sans has Arial's metrics (Arial or Helvetica on most readers' devices); CJK glyphs are one em
# wide in every CJK font, so Noto Sans CJK's measure holds for PingFang or YaHei too.
REQUIRED_FONTS = {"Liberation Sans": "fonts-liberation", "Noto Sans CJK SC": "fonts-noto-cjk"}
SETTINGS = {
    "fontFamily": '"Liberation Sans", Arial, Helvetica, "Noto Sans CJK SC", "PingFang SC", '
                  '"Microsoft YaHei", sans-serif',
    "htmlLabels": False,  # SVG text, not HTML in <foreignObject>: the SVG works as an <img>
    "flowchart": {"htmlLabels": False},
}
# Shown at 80 % of the laid-out size (16 px labels -> 12.8 px), never smaller on a phone: a wide
# diagram scrolls sideways there instead of shrinking its text out of legibility.
DISPLAY_SCALE = 0.8
ALT_PREFIX = {"zh": "示意图：", "en": "Diagram: "}
ALT_SEPARATOR = {"zh": "；", "en": "; "}
ALT_LIMIT = 300

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\s]*)")
# What pymdownx.superfences emits for a ``mermaid`` custom fence (fence_code_format).
DIAGRAM_ELEMENT = re.compile(r'<pre class="mermaid"><code>(?P<code>.*?)</code></pre>', re.DOTALL)
SVG_ROOT = re.compile(r"<svg\b[^>]*>")
ERROR_LINE = re.compile(r"on line (\d+)")


class DiagramError(RuntimeError):
    """A diagram cannot be drawn; the message names the page and line."""


@dataclass(frozen=True)
class Diagram:
    source: str
    page: str = "?"  # for messages: repo-relative path of the Markdown file
    line: int | None = None  # line of the opening fence

    @property
    def key(self) -> str:
        return diagram_key(self.source)


@dataclass(frozen=True)
class Drawing:
    """What a page needs to show a rendered diagram."""
    key: str
    width: int
    height: int
    title: str
    labels: list[str]

    def svg_path(self, theme: str) -> Path:
        return output_dir(self.key) / f"{theme}.svg"

    def alt(self, lang: str) -> str:
        if self.title:
            return self.title
        text = ALT_PREFIX.get(lang, ALT_PREFIX["en"]) + ALT_SEPARATOR.get(lang, "; ").join(self.labels)
        return text if len(text) <= ALT_LIMIT else text[: ALT_LIMIT - 1] + "…"


def normalise(source: str) -> str:
    return "\n".join(line.rstrip() for line in source.strip("\n").split("\n"))


def mermaid_version() -> str:
    package = MERMAID_DIR / "package.json"
    if not package.exists():
        raise DiagramError(f"Mermaid is not installed ({package} missing): run `make setup` (npm ci)")
    return json.loads(package.read_text())["version"]


@functools.cache
def _settings_key() -> str:
    return content_key(RENDERER_VERSION, mermaid_version(), RENDER_SCRIPT.read_bytes(),
                       json.dumps(SETTINGS, sort_keys=True), json.dumps(THEMES))


def diagram_key(source: str) -> str:
    return content_key(_settings_key(), normalise(source))


def output_dir(key: str) -> Path:
    return cache_dir("diagrams") / key


def find_diagrams(markdown: str, page: str = "?") -> list[Diagram]:
    """Every ```mermaid fence of a Markdown page (also indented, inside admonitions or tabs);
    fences nested in other code blocks are examples and are skipped."""
    lines = markdown.split("\n")
    found, index = [], 0
    while index < len(lines):
        match = FENCE_OPEN.match(lines[index])
        if not match:
            index += 1
            continue
        indent, fence = match.group("indent"), match.group("fence")
        close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = index + 1
        while end < len(lines) and not close.match(lines[end]):
            end += 1
        if match.group("info").lower() == "mermaid":
            body = [line[len(indent):] if line.startswith(indent) else line.lstrip() for line in lines[index + 1:end]]
            found.append(Diagram(normalise("\n".join(body)), page, index + 1))
        index = end + 1
    return found


def _check_fonts() -> None:
    for family, package in REQUIRED_FONTS.items():
        listed = subprocess.run(["fc-list", family], capture_output=True, text=True).stdout
        if not listed.strip():
            raise DiagramError(f"font {family!r} not found: diagrams are laid out with it; install Debian's "
                               f"{package} (sudo apt-get install {package})")


def _standalone(svg: str, width: int, height: int) -> str:
    """Mermaid sizes its SVG for inline use (width 100%, max-width style); as an image file it
    needs its own size, which the page scales down with CSS on narrow screens."""
    def resize(match):
        tag = re.sub(r'\s(?:width|height|style)="[^"]*"', "", match.group(0))
        return tag.replace("<svg", f'<svg width="{width}" height="{height}"', 1)
    return SVG_ROOT.sub(resize, svg, count=1)


def _describe(error: str, diagram: Diagram) -> str:
    parts = [part.strip() for part in error.splitlines() if part.strip() and not re.fullmatch(r"-*\^", part.strip())]
    line = diagram.line
    if line is not None and (number := ERROR_LINE.search(error)):
        body_lines = diagram.source.count("\n") + 1
        line += min(int(number.group(1)), body_lines)
    return f"{diagram.page}:{line or '?'}: Mermaid cannot draw this diagram: {' '.join(parts)}"


@dataclass
class DiagramRenderer:
    """Cache in front of one headless Chromium, started on first use."""

    rendered: int = 0
    reused: int = 0
    _playwright: object = field(default=None, repr=False)
    _browser: object = field(default=None, repr=False)
    _page: object = field(default=None, repr=False)

    def _open(self):
        if self._page is None:
            from playwright.sync_api import sync_playwright

            if not Path(CHROMIUM).exists():
                raise DiagramError(f"{CHROMIUM} not found: run `make setup` (it installs Debian's chromium)")
            _check_fonts()
            script = MERMAID_DIR / "dist" / "mermaid.min.js"
            if not script.exists():
                raise DiagramError(f"{script} is missing: run `make setup` (npm ci)")
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"])
            self._page = self._browser.new_page()
            self._page.set_content('<!doctype html><html lang="en"><meta charset="utf-8"><body></body></html>')
            self._page.add_script_tag(path=str(script))
            self._page.add_script_tag(path=str(RENDER_SCRIPT))
        return self._page

    def render(self, diagrams: list[Diagram]) -> dict[str, Drawing]:
        """Drawings for every diagram (key -> Drawing); raises DiagramError naming each failure."""
        drawings: dict[str, Drawing] = {}
        pending: dict[str, list[Diagram]] = {}
        for diagram in diagrams:
            key = diagram.key
            if key in drawings or key in pending:
                pending.get(key, []).append(diagram)
                continue
            meta = output_dir(key) / "meta.json"
            if meta.exists():
                drawings[key] = Drawing(key=key, **json.loads(meta.read_text(encoding="utf-8")))
                self.reused += 1
            else:
                pending[key] = [diagram]
        if pending:
            drawings.update(self._render_pending(pending))
        return drawings

    def _render_pending(self, pending: dict[str, list[Diagram]]) -> dict[str, Drawing]:
        jobs = [{"id": f"d{key[:12]}-{theme}", "code": found[0].source, "theme": mermaid_theme}
                for key, found in pending.items() for theme, mermaid_theme in THEMES.items()]
        replies = iter(self._open().evaluate("([jobs, settings]) => renderDiagrams(jobs, settings)",
                                             [jobs, SETTINGS]))
        problems, drawings = [], {}
        for key, found in pending.items():
            by_theme = {theme: next(replies) for theme in THEMES}
            errors = [reply["error"] for reply in by_theme.values() if "error" in reply]
            if errors:
                problems += [_describe(errors[0], diagram) for diagram in found]
                continue
            light = by_theme["light"]
            drawing = Drawing(key=key, width=light["width"], height=light["height"],
                              title=light["title"], labels=light["labels"])
            for theme, reply in by_theme.items():
                atomic_write(drawing.svg_path(theme), _standalone(reply["svg"], reply["width"], reply["height"]))
            meta = {"width": drawing.width, "height": drawing.height, "title": drawing.title,
                    "labels": drawing.labels}
            atomic_write(output_dir(key) / "meta.json", json.dumps(meta, ensure_ascii=False, indent=1))
            drawings[key] = drawing
            self.rendered += 1
        if problems:
            raise DiagramError("\n".join(sorted(problems)))
        return drawings

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._playwright.stop()
        self._playwright = self._browser = self._page = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def scan(folders: list[Path]) -> list[Diagram]:
    """Every diagram in the Markdown files below the given folders."""
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*.md")):
            try:  # an unreadable page is reported in one line, as the page index would
                source = read_page(path)
            except PageError as error:
                raise DiagramError(str(error)) from None
            found += find_diagrams(source.text, source.name)
    return found


def replace_in_page(page_html: str, renderer: DiagramRenderer, page: str, lang: str, root_link: str,
                    markdown=None) -> tuple[str, list[Drawing]]:
    """Swap each Mermaid block of a page's HTML for its light and dark images.

    ``root_link`` is the relative link from the page to its edition's root (``../../``);
    ``markdown`` (the source, or a function returning it) is read only to name the line of a
    diagram that fails."""
    matches = list(DIAGRAM_ELEMENT.finditer(page_html))
    if not matches:
        return page_html, []
    sources = [normalise(html.unescape(match.group("code"))) for match in matches]
    text = markdown() if callable(markdown) else markdown
    located = {d.source: d for d in find_diagrams(text or "", page)}
    drawings = renderer.render([located.get(source, Diagram(source, page)) for source in sources])
    pieces, last = [], 0
    used = []
    for match, source in zip(matches, sources):
        drawing = drawings[diagram_key(source)]
        used.append(drawing)
        alt = html.escape(drawing.alt(lang), quote=True)
        width, height = round(drawing.width * DISPLAY_SCALE), round(drawing.height * DISPLAY_SCALE)
        images = "".join(
            f'<img src="{root_link}diagrams/{drawing.key[:16]}.{theme}.svg#only-{theme}" alt="{alt}" '
            f'width="{width}" height="{height}" loading="lazy" decoding="async">'
            for theme in THEMES)
        pieces += [page_html[last:match.start()], f'<figure class="diagram">{images}</figure>']
        last = match.end()
    pieces.append(page_html[last:])
    return "".join(pieces), used


def publish(drawings: list[Drawing], site_dir: Path) -> None:
    """Copy the SVG files of the given drawings into ``site_dir/diagrams/``."""
    for drawing in {d.key: d for d in drawings}.values():
        for theme in THEMES:
            target = site_dir / "diagrams" / f"{drawing.key[:16]}.{theme}.svg"
            atomic_write(target, drawing.svg_path(theme).read_bytes())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render the Mermaid diagrams of Markdown pages (cached).")
    parser.add_argument("folders", nargs="*", type=Path, default=[REPO_ROOT / "docs"])
    args = parser.parse_args(argv)
    try:
        with DiagramRenderer() as renderer:
            renderer.render(scan(args.folders))
    except DiagramError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"diagrams: {renderer.rendered} rendered, {renderer.reused} reused from cache", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
