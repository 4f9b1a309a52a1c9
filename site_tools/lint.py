"""House rules that MkDocs itself does not check (rule IDs as in CONTRIBUTING.md):

- S2 every page has front matter with a ``description`` (search snippet, meta description);
- S3 every ``##``/``###`` heading of a topic page has an explicit ASCII id ``{#like-this}``,
  shared by both editions so links survive translation;
- S4 every topic page ends with at least three interview questions;
- S6 every page in a section has a short ``title:`` (its navigation label) that fits on one line;
- W4 no page refers to "the notes" (原笔记…): the reader never saw them;
- S7 an English H1 carries no Chinese in brackets (the glossary and the switcher serve bilingual readers);
- S8 a list item that follows an indented paragraph or formula of the item before it has a blank line
  before it (Python-Markdown would glue it into that paragraph as plain text);
- I1 an English page has a Chinese original at the same path (the Chinese edition leads);
- I4 an English page records the version of the Chinese page it translates (site_tools.translation);
- N1 every text notebook in notebooks/ parses (jupytext) and its code cells are valid Python;
- C4 every topic page has an entry in the review log ``reviews.yml`` or is listed there as pending.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from site_tools import review_log, translation
from site_tools.markdown_scan import lines_outside_code
from site_tools.pages import PageError, read_page
from site_tools.paths import REPO_ROOT, TOPIC_FOLDERS, repo_relative
from site_tools.questions import find_questions

HEADING = re.compile(r"^(#{2,3})\s+(.*)$")
EXPLICIT_ID = re.compile(r"\{\s*#[a-z0-9]+(?:-[a-z0-9]+)*\s*\}\s*$")
MIN_QUESTIONS = 3
WIDE_CHARACTER = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
# W4: pages speak to the reader, who never saw the notes the site grew from.
NOTES_REFERENCE = {
    "zh": re.compile(r"(?<!课程)笔记(?!本)"),
    "en": re.compile(r"\b(?:the|these|those|original|source|some|my|our) notes?\b", re.I),
}
READER_FACING_EXEMPT = {"contributing.md"}  # the contributor guide may name coverage/ and its seed notes
LIST_ITEM = re.compile(r"^( *)(?:[-*+]|\d+[.)]) +\S")
MAX_LABEL_WIDTH = 30  # in Latin characters; a CJK character is as wide as 2.5 of them


def label_width(title: str) -> float:
    wide = len(WIDE_CHARACTER.findall(title))
    return wide * 2.5 + (len(title) - wide)


def check_page(path: Path, docs_root: Path) -> list[str]:
    relative = path.relative_to(docs_root)
    try:
        page = read_page(path, relative.as_posix())
    except PageError as error:
        return [str(error)]
    name = page.name
    problems = []
    if not str(page.meta.get("description", "")).strip():
        problems.append(f"{name}:1: S2 front matter needs a description")
    meta, text = page.meta, page.text
    title = str(meta.get("title") or "").strip()
    if not title and len(relative.parts) > 1:  # pages at the root have their label in nav:
        problems.append(f"{name}:1: S6 front matter needs a short navigation title (title: …)")
    elif label_width(title) > MAX_LABEL_WIDTH:
        problems.append(f"{name}:1: S6 title '{title}' is too long for one navigation line "
                        f"(at most ~12 CJK or ~30 Latin characters)")
    notes = NOTES_REFERENCE.get(docs_root.name)
    if notes and relative.as_posix() not in READER_FACING_EXEMPT:
        for number, line in lines_outside_code(text):
            if match := notes.search(line):
                problems.append(f"{name}:{number}: W4 '{match.group(0)}' refers to a source the reader never saw; "
                                "state the misconception itself (\"A common misstatement is …\")")
    if docs_root.name == "en" and not str(meta.get(translation.FIELD) or "").strip():
        problems.append(f"{name}:1: I4 record which Chinese version this translates: "
                        f"python -m site_tools.translation mark {name}")
    if docs_root.name == "en":
        h1 = page.title or ""
        if WIDE_CHARACTER.search(h1):
            problems.append(f"{name}: S7 the English H1 carries Chinese: {h1}")
    problems += _glued_list_items(page)
    is_topic = relative.parts[0] in TOPIC_FOLDERS
    if is_topic:
        for number, line in lines_outside_code(page.markdown):
            if (match := HEADING.match(line)) and not EXPLICIT_ID.search(match.group(2)):
                problems.append(f"{name}:{page.file_line(number)}: S3 heading needs an explicit id: "
                                f"{line.strip()} {{#some-id}}")
        if len(find_questions(page.text, name)) < MIN_QUESTIONS:
            problems.append(f"{name}: S4 a topic page needs at least {MIN_QUESTIONS} interview questions")
    return problems


def _glued_list_items(page) -> list[str]:
    """S8: `- item` right after an indented continuation line (no blank line) is lazy text of it."""
    lines, problems = page.markdown.split("\n"), []
    for number, line in lines_outside_code(page.markdown):
        item = LIST_ITEM.match(line)
        previous = lines[number - 2] if number > 1 else ""
        indent = len(previous) - len(previous.lstrip(" "))
        if item and previous.strip() and indent >= len(item.group(1)) + 4 and not LIST_ITEM.match(previous):
            problems.append(f"{page.name}:{page.file_line(number)}: S8 put a blank line before this list item, "
                            "or it is glued to the indented paragraph above as plain text")
    return problems


def check_docs(docs: Path = REPO_ROOT / "docs") -> list[str]:
    problems = []
    for lang_dir in sorted(p for p in docs.iterdir() if p.is_dir()):
        for page in sorted(lang_dir.rglob("*.md")):
            problems += check_page(page, lang_dir)
    zh, en = docs / "zh", docs / "en"
    for page in sorted(en.rglob("*.md")):
        if not (zh / page.relative_to(en)).is_file():
            problems.append(f"{repo_relative(page)}: I1 no Chinese original at docs/zh/{page.relative_to(en)}")
    return problems


def check_notebooks(folder: Path = REPO_ROOT / "notebooks") -> list[str]:
    from site_tools.notebooks import read

    problems = []
    for path in sorted(folder.glob("*.py")) if folder.is_dir() else []:
        name = repo_relative(path)
        try:
            notebook = read(path)
        except Exception as error:  # jupytext raises many kinds; any of them means "does not parse"
            problems.append(f"{name}: N1 not a valid jupytext notebook: {error}")
            continue
        for index, cell in enumerate(notebook.cells, start=1):
            if cell.cell_type == "code":
                try:
                    compile(cell.source, f"{name} cell {index}", "exec")
                except SyntaxError as error:
                    problems.append(f"{name}: N1 cell {index}: {error}")
    return problems


def topic_pages(docs_zh: Path = REPO_ROOT / "docs" / "zh") -> list[str]:
    return sorted(page.relative_to(docs_zh).as_posix() for folder in TOPIC_FOLDERS
                  for page in (docs_zh / folder).rglob("*.md"))


def reviewable_files() -> set[str]:
    """Files other than topic pages that a review entry may name: notebooks, figure scripts, the glossary."""
    return {p.relative_to(REPO_ROOT).as_posix() for folder in ("notebooks", "figures_src")
            for p in (REPO_ROOT / folder).glob("*.py")} | {"docs/glossary.yml"}


def main() -> int:
    problems = check_docs() + check_notebooks() + review_log.check(topic_pages(), other_files=reviewable_files())
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"page lint: {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
