"""Line-level scanning of Markdown that skips fenced code blocks (examples of syntax in code
must not be treated as the real thing)."""
from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def lines_outside_code(markdown: str) -> Iterator[tuple[int, str]]:
    """Yield (1-based line number, line) for lines that are not inside a fenced code block."""
    fence = None
    for number, line in enumerate(markdown.split("\n"), start=1):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * len(match.group(1))
            continue
        if fence is not None:
            if match and match.group(1).startswith(fence):
                fence = None
            continue
        yield number, line


def front_matter(markdown: str) -> dict:
    """The YAML front matter as a dict ({} when the page has none)."""
    if not markdown.startswith("---\n"):
        return {}
    end = markdown.find("\n---\n", 4)
    meta = yaml.safe_load(markdown[4:end]) if end > 0 else None
    return meta if isinstance(meta, dict) else {}


def short_title(markdown: str) -> str | None:
    """The navigation label: the front matter's ``title:`` if the page has one, else its H1."""
    title = front_matter(markdown).get("title")
    return str(title).strip() if title else page_title(markdown)


def page_title(markdown: str) -> str | None:
    """The text of the first level-one heading."""
    for _, line in lines_outside_code(markdown):
        if line.startswith("# "):
            return line[2:].strip()
    return None
