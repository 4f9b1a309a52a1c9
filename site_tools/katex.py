"""Math rendered by KaTeX at build time: find the formulas that pymdownx.arithmatex marks in a
page's HTML, render them in one long-lived Node process, cache the results by content.

A formula KaTeX rejects raises MathError naming the page, the formula, its line and KaTeX's
message; nothing is written for that page.
"""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from site_tools.cache import FORMAT, REPO_ROOT, cache_dir, content_key, load_text, store

NODE_MODULES = REPO_ROOT / "node_modules"
KATEX_DIR = NODE_MODULES / "katex"
MACROS_FILE = Path(__file__).with_name("katex_macros.json")
RENDER_SCRIPT = Path(__file__).with_name("katex_render.mjs")

# What pymdownx.arithmatex (generic mode) emits: the TeX is HTML-escaped inside \( \) or \[ \].
MATH_ELEMENT = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?P<open>\\\(|\\\[)(?P<tex>.*?)(?:\\\)|\\\])</(?P=tag)>',
    re.DOTALL,
)


class MathError(RuntimeError):
    """One or more formulas could not be rendered; the message says where and why."""


@dataclass
class Formula:
    tex: str
    display: bool


def katex_version() -> str:
    package = KATEX_DIR / "package.json"
    if not package.exists():
        raise MathError(f"KaTeX is not installed ({package} missing): run `make setup` (npm ci)")
    return json.loads(package.read_text())["version"]


def _formula(match: re.Match) -> Formula:
    return Formula(html.unescape(match.group("tex")).strip(), match.group("open") == "\\[")


def line_of(tex: str, markdown: str | None) -> int | None:
    """Line in the Markdown source where the formula starts, when it can be found."""
    if not markdown:
        return None
    probe = tex.strip().splitlines()[0].strip() if tex.strip() else ""
    index = markdown.find(probe) if probe else -1
    return markdown.count("\n", 0, index) + 1 if index >= 0 else None


@dataclass
class KatexRenderer:
    """Renders formulas with a cache in front of one Node process started on first use."""

    rendered: int = 0
    reused: int = 0
    _process: subprocess.Popen | None = field(default=None, repr=False)
    _settings_key: str = ""

    def __post_init__(self):
        self._settings_key = content_key(
            FORMAT, katex_version(), MACROS_FILE.read_bytes(), RENDER_SCRIPT.read_bytes()
        )
        self._cache = cache_dir("katex")

    def _cache_path(self, formula: Formula) -> Path:
        key = content_key(self._settings_key, formula.tex, "display" if formula.display else "inline")
        return self._cache / key[:2] / f"{key}.html"

    def _node(self) -> subprocess.Popen:
        if self._process is None:
            node = shutil.which("node")
            if node is None:
                raise MathError("Node.js is required to render math: install nodejs (apt-get install nodejs)")
            self._process = subprocess.Popen(
                [node, str(RENDER_SCRIPT), str(KATEX_DIR), str(MACROS_FILE)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1,
            )
        return self._process

    def _render_batch(self, formulas: list[Formula]) -> list[dict]:
        process = self._node()
        payload = "".join(json.dumps({"tex": f.tex, "display": f.display}) + "\n" for f in formulas)
        process.stdin.write(payload)
        process.stdin.flush()
        replies = []
        for _ in formulas:
            line = process.stdout.readline()
            if not line:
                raise MathError("the KaTeX renderer stopped unexpectedly")
            replies.append(json.loads(line))
        return replies

    def render(self, formulas: list[Formula]) -> tuple[list[str | None], list[str | None]]:
        """Return (html, error) lists aligned with ``formulas``; successes are cached."""
        results: list[str | None] = [None] * len(formulas)
        errors: list[str | None] = [None] * len(formulas)
        pending = []
        for index, formula in enumerate(formulas):
            cached = load_text(self._cache_path(formula))  # None when missing or damaged
            if cached is not None:
                results[index] = cached
                self.reused += 1
            else:
                pending.append(index)
        if pending:
            replies = self._render_batch([formulas[i] for i in pending])
            for index, reply in zip(pending, replies):
                if "error" in reply:
                    errors[index] = reply["error"]
                    continue
                results[index] = reply["html"]
                store(self._cache_path(formulas[index]), reply["html"])
                self.rendered += 1
        return results, errors

    def render_page(self, page_html: str, page_path: str, markdown=None) -> str:
        """Replace every arithmatex element of a page with KaTeX output, or raise MathError.

        ``markdown`` (the page source, or a function returning it) is only read to give the
        line of a formula that failed."""
        matches = list(MATH_ELEMENT.finditer(page_html))
        if not matches:
            return page_html
        formulas = [_formula(m) for m in matches]
        outputs, errors = self.render(formulas)
        failed = [(f, error) for f, error in zip(formulas, errors) if error]
        if failed:
            source = markdown() if callable(markdown) else markdown
            raise MathError("\n".join(
                f"{page_path}:{line_of(f.tex, source) or '?'}: KaTeX cannot render "
                f"{'$$' if f.display else '$'}{f.tex}{'$$' if f.display else '$'}\n    {error}"
                for f, error in failed))
        pieces, last = [], 0
        for match, output, formula in zip(matches, outputs, formulas):
            pieces.append(page_html[last:match.start()])
            if formula.display:
                pieces.append(f'<div class="math-display">{output}</div>')
            else:
                pieces.append(output)
            last = match.end()
        pieces.append(page_html[last:])
        return "".join(pieces)

    def close(self) -> None:
        if self._process is not None:
            self._process.stdin.close()
            self._process.wait(timeout=30)
            self._process = None

