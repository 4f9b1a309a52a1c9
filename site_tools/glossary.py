"""One glossary of Chinese/English term pairs (docs/glossary.yml), used three ways: the
glossary page of each edition, jieba's dictionary for Chinese search, and term checks."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from site_tools.paths import REPO_ROOT

GLOSSARY_FILE = REPO_ROOT / "docs" / "glossary.yml"
TABLE_MARKER = "<!-- glossary-table -->"


class GlossaryError(ValueError):
    pass


@dataclass(frozen=True)
class Term:
    zh: str
    en: str
    page: str | None = None  # the page that explains the term, relative to the docs folder


def load(path: Path = GLOSSARY_FILE) -> list[Term]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    terms, seen = [], {}
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not entry.get("zh") or not entry.get("en"):
            raise GlossaryError(f"{path.name}: entry {index} needs both 'zh' and 'en'")
        term = Term(str(entry["zh"]).strip(), str(entry["en"]).strip(), entry.get("page"))
        if term.zh in seen:
            raise GlossaryError(f"{path.name}: '{term.zh}' is listed twice (entries {seen[term.zh]} and {index})")
        seen[term.zh] = index
        terms.append(term)
    return terms


def table_markdown(terms: list[Term], lang: str, link_prefix: str = "") -> str:
    """A two-column table, sorted in the reader's language, linking to explaining pages."""
    def cell(text: str, term: Term) -> str:
        return f"[{text}]({link_prefix}{term.page})" if term.page else text

    if lang == "zh":
        header = "| 中文 | English |\n| --- | --- |"
        rows = [f"| {cell(t.zh, t)} | {t.en} |" for t in sorted(terms, key=lambda t: t.en.lower())]
    else:
        header = "| English | 中文 |\n| --- | --- |"
        rows = [f"| {cell(t.en, t)} | {t.zh} |" for t in sorted(terms, key=lambda t: t.en.lower())]
    return "\n".join([header, *rows])


def chinese_words(terms: list[Term]) -> list[str]:
    """Chinese terms for the search segmenter (jieba), so a term is one search token."""
    return sorted({t.zh for t in terms if any("\u4e00" <= ch <= "\u9fff" for ch in t.zh)})
