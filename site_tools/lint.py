"""House rules that MkDocs itself does not check (rule IDs as in CONTRIBUTING.md):

- S2 every page has front matter with a ``description`` (search snippet, meta description);
- S3 every ``##``/``###`` heading of a topic page has an explicit ASCII id ``{#like-this}``,
  shared by both editions so links survive translation;
- S4 every topic page ends with at least three interview questions;
- I1 an English page has a Chinese original at the same path (the Chinese edition leads);
- N1 every text notebook in notebooks/ parses (jupytext) and its code cells are valid Python.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from site_tools.markdown_scan import lines_outside_code
from site_tools.pages import PageError, read_page
from site_tools.paths import REPO_ROOT, repo_relative
from site_tools.questions import find_questions

TOPIC_FOLDERS = ("ml", "dl", "nlp", "practice")
HEADING = re.compile(r"^(#{2,3})\s+(.*)$")
EXPLICIT_ID = re.compile(r"\{\s*#[a-z0-9]+(?:-[a-z0-9]+)*\s*\}\s*$")
MIN_QUESTIONS = 3


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
    is_topic = relative.parts[0] in TOPIC_FOLDERS
    if is_topic:
        for number, line in lines_outside_code(page.markdown):
            if (match := HEADING.match(line)) and not EXPLICIT_ID.search(match.group(2)):
                problems.append(f"{name}:{page.file_line(number)}: S3 heading needs an explicit id: "
                                f"{line.strip()} {{#some-id}}")
        if len(find_questions(page.text, name)) < MIN_QUESTIONS:
            problems.append(f"{name}: S4 a topic page needs at least {MIN_QUESTIONS} interview questions")
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


def main() -> int:
    problems = check_docs() + check_notebooks()
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"page lint: {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
