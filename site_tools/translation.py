"""Translation freshness: each English page records which version of its Chinese original it
translates (``translation_of:`` in its front matter, a hash of the Chinese file). When the
Chinese page changes afterwards, the English page is *stale*: the build shows readers a notice
and ``make i18n-status`` lists it. ``python -m site_tools.translation mark docs/en/…`` records
the current version once the translation has caught up.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from site_tools.paths import REPO_ROOT, repo_relative

FIELD = "translation_of"
FIELD_LINE = re.compile(rf"^{FIELD}:.*$", re.M)

NOTICE = {
    "en": ('!!! warning "This translation may be out of date"\n'
           '    The <a href="{link}">Chinese original</a> of this page was changed{when} after this '
           'translation was made, so some details here may lag behind it.\n'),
}


def source_version(text: str) -> str:
    """A short hash of a Chinese page's text (line endings normalised)."""
    return hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()[:12]


def recorded_version(text: str) -> str | None:
    if not text.startswith("---\n"):
        return None
    head = text[4:text.find("\n---\n", 4)]
    match = FIELD_LINE.search(head)
    return match.group(0).split(":", 1)[1].strip().strip("'\"") if match else None


@dataclass(frozen=True)
class Entry:
    page: str  # path below docs/<lang>/
    state: str  # current | stale | unmarked | missing


def status(docs: Path = REPO_ROOT / "docs", original: str = "zh", translation: str = "en") -> list[Entry]:
    zh_root, en_root = docs / original, docs / translation
    entries = []
    for source in sorted(zh_root.rglob("*.md")):
        page = source.relative_to(zh_root).as_posix()
        target = en_root / page
        if not target.is_file():
            entries.append(Entry(page, "missing"))
            continue
        recorded = recorded_version(target.read_text(encoding="utf-8"))
        if recorded is None:
            entries.append(Entry(page, "unmarked"))
        elif recorded != source_version(source.read_text(encoding="utf-8")):
            entries.append(Entry(page, "stale"))
        else:
            entries.append(Entry(page, "current"))
    return entries


def is_stale(recorded: str | None, original_text: str) -> bool:
    """A translation that records a version of its original other than the current one."""
    return recorded is not None and str(recorded) != source_version(original_text)


def add_notice(markdown: str, lang: str, link: str, changed: datetime | None) -> str:
    """The page's Markdown with the stale-translation notice right below its H1."""
    box = NOTICE[lang].format(link=link, when=f" on {changed:%Y-%m-%d}" if changed else "")
    lines = markdown.split("\n")
    at = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
    return "\n".join(lines[:at] + ["", box] + lines[at:])


def mark(target: Path, docs: Path = REPO_ROOT / "docs", original: str = "zh") -> str:
    """Record in ``target`` (an English page) the current version of its Chinese original."""
    lang_root = next(p for p in (docs / "en", docs / "zh") if p in target.resolve().parents)
    source = docs / original / target.resolve().relative_to(lang_root.resolve())
    if not source.is_file():
        raise ValueError(f"{repo_relative(target)}: no Chinese original at {repo_relative(source)}")
    version = source_version(source.read_text(encoding="utf-8"))
    text = target.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise ValueError(f"{repo_relative(target)}: needs front matter to record {FIELD}")
    end = text.find("\n---\n", 4)
    head = text[4:end]
    line = f'{FIELD}: "{version}"'  # quoted: an all-digit hash would otherwise be read as a number
    head = FIELD_LINE.sub(line, head) if FIELD_LINE.search(head) else f"{head}\n{line}"
    target.write_text("---\n" + head + text[end:], encoding="utf-8")
    return version


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Translation freshness of the English edition.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("status", help="list stale, unmarked and missing translations")
    marking = sub.add_parser("mark", help="record that these English pages translate the current Chinese pages")
    marking.add_argument("pages", nargs="+", type=Path)
    args = parser.parse_args(argv)
    if args.command == "mark":
        for page in args.pages:
            try:
                print(f"{repo_relative(page)}: {FIELD} {mark(page)}")
            except ValueError as error:
                print(error, file=sys.stderr)
                return 1
        return 0
    entries = status()
    for state in ("stale", "unmarked", "missing"):
        pages = [e.page for e in entries if e.state == state]
        print(f"{state}: {len(pages)}")
        for page in pages:
            print(f"  docs/en/{page}")
    current = sum(e.state == "current" for e in entries)
    print(f"current: {current} of {len(entries)} Chinese pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
