"""The page index: every page's source read once per build, its front matter parsed once, its
title found once, shared by the hooks (navigation titles, notebook pages, question bank, math
error lines, content policy) and by the page lint.

A page that cannot be read fails with one line naming the file: invalid UTF-8 (with the line
and column of the first bad byte), front matter that is not YAML (with the YAML line and
column, counted in the file), front matter that is not a mapping, or an empty page.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from site_tools.markdown_scan import page_title
from site_tools.paths import repo_relative

# The same pattern MkDocs uses (mkdocs.utils.meta.YAML_RE), so both agree on where the front
# matter ends; MkDocs ignores front matter it cannot parse, we refuse it.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
OPENING = re.compile(r"^-{3}[ \t]*\n")


class PageError(ValueError):
    """A page cannot be read; the message is one line starting with the file (and line)."""


@dataclass(frozen=True)
class PageSource:
    uri: str  # path inside the docs folder: ml/svm.md
    name: str  # how messages name the file: docs/zh/ml/svm.md
    text: str  # the whole file, decoded, with \n line ends
    meta: dict = field(default_factory=dict)  # the front matter ({} when there is none)
    markdown: str = ""  # what MkDocs renders: the file after its front matter
    first_line: int = 1  # the line of the file where ``markdown`` starts
    title: str | None = None  # the first '# ' heading

    @property
    def short_title(self) -> str | None:
        """The navigation label: the front matter's ``title:``, else the H1."""
        title = self.meta.get("title")
        return str(title).strip() if title else self.title

    def file_line(self, markdown_line: int) -> int:
        """Line of the file for a line number counted in ``markdown``."""
        return markdown_line + self.first_line - 1

    def mkdocs_source(self) -> str:
        """The source to hand to MkDocs: the body behind an empty front-matter block, so that
        MkDocs neither parses the YAML a second time nor guesses MultiMarkdown metadata."""
        return "---\n{}\n---\n" + self.markdown


def _decode(data: bytes, name: str) -> str:
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark is dropped, as MkDocs does
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise PageError(f"{name}:{line}:{column}: not valid UTF-8 (byte 0x{data[error.start]:02x}); "
                        "save the file as UTF-8") from None
    return text.replace("\r\n", "\n")


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML keeps the last of two equal keys without a word; in front matter that hides a stale
    description or title, so a repeated key is an error."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"key '{key}' is given twice",
                                                        key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def _front_matter(text: str, name: str) -> tuple[dict, int]:
    """(front matter, offset of the body in ``text``)."""
    match = FRONT_MATTER.match(text)
    if not match:
        if OPENING.match(text):
            raise PageError(f"{name}:1: front matter opened with --- is never closed with ---")
        return {}, 0
    try:
        meta = yaml.load(match.group(1), Loader=_UniqueKeyLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{mark.line + 2}:{mark.column + 1}" if mark else "2"  # the YAML starts on line 2
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        context, opened = getattr(error, "context", None), getattr(error, "context_mark", None)
        if context and opened:
            problem += f" ({context} on line {opened.line + 2})"
        raise PageError(f"{name}:{where}: front matter is not valid YAML: {problem}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise PageError(f"{name}:2: front matter must be 'key: value' lines, not a {type(meta).__name__}")
    return meta, match.end()


def parse_page(data: bytes, uri: str, name: str) -> PageSource:
    text = _decode(data, name)
    meta, body_start = _front_matter(text, name)
    rest = text[body_start:]
    markdown = rest.lstrip("\n")  # as MkDocs does after the front matter
    first_line = text.count("\n", 0, body_start + len(rest) - len(markdown)) + 1
    if not markdown.strip():
        raise PageError(f"{name}: the page is empty: give it at least a '# ' title and some text")
    return PageSource(uri, name, text, meta, markdown, first_line, page_title(markdown))


def read_page(path: Path | str, uri: str | None = None) -> PageSource:
    path = Path(path)
    name = repo_relative(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PageError(f"{name}: cannot be read: {error.strerror}") from None
    return parse_page(data, uri or path.name, name)


def load_index(pages: Iterable[tuple[str, Path | str]]) -> dict[str, PageSource]:
    """Read (uri, path) pages into uri -> PageSource; every unreadable page is reported, one
    line each, in one PageError."""
    index, problems = {}, []
    for uri, path in pages:
        try:
            index[uri] = read_page(path, uri)
        except PageError as error:
            problems.append(str(error))
    if problems:
        raise PageError("\n".join(problems))
    return index
