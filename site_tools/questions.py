"""Interview questions: every ``??? question "..."`` block on a page gets a stable anchor, and
the question bank page lists them all, grouped like the navigation, each linking to its answer.
The bank is generated at build time, so it cannot drift from the pages."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from site_tools.markdown_scan import lines_outside_code

QUESTION_BLOCK = re.compile(r'^(?P<indent>\s*)\?\?\?\+?\s+question\b(?:\s+"(?P<title>.*)")?\s*$')
BANK_MARKER = "<!-- question-bank -->"
ANCHOR_PARAGRAPH = re.compile(
    r'<p><a class="question-anchor" id="(?P<id>q-[0-9a-f]{8})"></a></p>\s*<details class="question"'
)


class QuestionError(ValueError):
    """A question block is malformed or duplicated; the message names the page and line."""


@dataclass(frozen=True)
class Question:
    title: str
    line: int
    anchor: str


def anchor_for(title: str) -> str:
    """Stable id derived from the question text: links survive reordering of a page."""
    return "q-" + hashlib.sha1(title.strip().encode("utf-8")).hexdigest()[:8]


def find_questions(markdown: str, page: str) -> list[Question]:
    questions, seen = [], {}
    for number, line in lines_outside_code(markdown):
        match = QUESTION_BLOCK.match(line)
        if not match:
            continue
        title = (match.group("title") or "").strip()
        if not title:
            raise QuestionError(f'{page}:{number}: a question block needs its question as title: ??? question "…"')
        anchor = anchor_for(title)
        if anchor in seen:
            raise QuestionError(f"{page}:{number}: the same question is already asked on line {seen[anchor]}")
        seen[anchor] = number
        questions.append(Question(title, number, anchor))
    return questions


def add_anchors(markdown: str, page: str) -> str:
    """Insert an anchor before each question block (moved onto the block by ``attach_anchors``)."""
    by_line = {q.line: q for q in find_questions(markdown, page)}
    lines = markdown.split("\n")
    for number in sorted(by_line, reverse=True):
        indent = QUESTION_BLOCK.match(lines[number - 1]).group("indent")
        anchor = f'{indent}<a class="question-anchor" id="{by_line[number].anchor}"></a>'
        lines[number - 1:number - 1] = [anchor, ""]
    return "\n".join(lines)


def attach_anchors(page_html: str) -> str:
    """Move each inserted anchor's id onto its <details> element, dropping the empty paragraph."""
    return ANCHOR_PARAGRAPH.sub(lambda m: f'<details class="question" id="{m.group("id")}"', page_html)


@dataclass(frozen=True)
class BankPage:
    uri: str  # source path inside the docs folder
    title: str
    questions: list[Question]


def bank_markdown(groups: list[tuple[str, list[BankPage]]], labels: dict[str, str]) -> str:
    """Markdown of the bank: a section per nav group, a list per page, a link per question."""
    total = sum(len(p.questions) for _, pages in groups for p in pages)
    if total == 0:
        return labels["empty"]
    out = [labels["summary"].format(count=total), ""]
    for group, pages in groups:
        pages = [p for p in pages if p.questions]
        if not pages:
            continue
        out += [f"## {group}", ""]
        for page in pages:
            out += [f"### [{page.title}]({page.uri})", ""]
            if "drill" in labels:  # a link to drill this page, and how many the reader knows (drill.js)
                topic = page.uri.removesuffix(".md")
                ids = " ".join(q.anchor for q in page.questions)
                out += [f'<p class="drill-topic" data-drill-topic="{topic}" data-drill-ids="{ids}" '
                        f'data-label-known="{labels["drill_known"]}">'
                        f'<a href="../drill/?topic={topic}">{labels["drill"]}</a> '
                        f'<span data-drill-known></span></p>', ""]
            out += [f"1. [{q.title}]({page.uri}#{q.anchor})" for q in page.questions]
            out.append("")
    return "\n".join(out)

