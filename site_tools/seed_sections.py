"""List the sections of the raw source notes, so the coverage checklist can prove none is dropped.

A "section" is what a reader of a note would call one: a Markdown heading (outside code
fences), a numbered item of the short-note file, or a bold title / numbered question of the
Q&A outline written in nested quotes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
NUMBERED = re.compile(r"^(\d+)\.\s+(.+?)\s*$")
QUOTED_BOLD_TITLE = re.compile(r"^(?:>\s*)+\*\*(.+?)\*\*")
QUOTED_NUMBERED = re.compile(r"^(?:>\s*)+(\d+)\.\s+(.+?)\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Section:
    seed: str
    line: int
    title: str


def _strip_markup(text: str) -> str:
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\s+", " ", text.replace("**", "")).strip()


def sections(path: Path) -> list[Section]:
    """Return the sections of one note, in file order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    quoted = sum(1 for line in lines if line.startswith(">")) > len(lines) / 3
    found: list[Section] = []
    in_fence = False
    for number, line in enumerate(lines, start=1):
        if FENCE.match(line.lstrip("> ")):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        title = None
        if match := HEADING.match(line):
            title = match.group(2)
        elif quoted and (match := QUOTED_BOLD_TITLE.match(line)):
            title = match.group(1)
        elif quoted and (match := QUOTED_NUMBERED.match(line)):
            title = f"{match.group(1)}. {match.group(2)}"
        elif not quoted and (match := NUMBERED.match(line)) and not line.startswith(" "):
            title = f"{match.group(1)}. {match.group(2)}"
        if title and _strip_markup(title):
            found.append(Section(path.name, number, _strip_markup(title)[:120]))
    return found


def all_sections(seed_dir: Path) -> list[Section]:
    return [s for path in sorted(seed_dir.glob("*.txt")) for s in sections(path)]
