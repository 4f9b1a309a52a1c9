"""One glossary of Chinese/English term pairs (docs/glossary.yml), used four ways: the glossary
page of each edition, the term tooltips on topic pages (site_tools.term_tooltips), jieba's
dictionary and the synonym field of the search index (site_tools.search_index)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from site_tools.paths import REPO_ROOT

GLOSSARY_FILE = REPO_ROOT / "docs" / "glossary.yml"
TABLE_MARKER = "<!-- glossary-table -->"
FIELDS = {"zh", "en", "page", "aliases", "zh_def", "en_def", "tooltip"}
# tooltips and the glossary table are plain text: nothing a browser could read as markup
UNSAFE_TEXT = re.compile(r'[<>"$`]')
# "k-nearest neighbors (KNN)": a parenthetical without spaces holding a capital is another name
# for the term; "bias (term)" or "alignment (of LLMs)" is a qualifier
PARENTHETICAL = re.compile(r"^(?P<name>.*?)\s*\((?P<inner>[^()]*)\)$")


class GlossaryError(ValueError):
    pass


@dataclass(frozen=True)
class Term:
    zh: str
    en: str
    page: str | None = None  # the page that explains the term, relative to the docs folder
    aliases: tuple[str, ...] = ()  # other names readers type into the search box
    zh_def: str = ""
    en_def: str = ""
    tooltip: bool = True  # false for a word the pages also use in an everyday sense (解码, stride)

    def definition(self, lang: str) -> str:
        return self.zh_def if lang == "zh" else self.en_def

    @property
    def en_names(self) -> tuple[str, ...]:
        """How English text writes the term: 'k-nearest neighbors (KNN)' -> the name and 'KNN';
        a qualified name such as 'bias (term)' is too ambiguous to spot in running text."""
        match = PARENTHETICAL.match(self.en)
        if not match:
            return (self.en,)
        inner = match["inner"]
        if " " not in inner and any(ch.isupper() for ch in inner):
            return (match["name"], inner)
        return ()

    @property
    def anchor(self) -> str:
        return "term-" + (re.sub(r"[^a-z0-9]+", "-", self.en.lower()).strip("-") or "x")


def _text(value, where: str) -> str:
    text = str(value).strip()
    if UNSAFE_TEXT.search(text):
        raise GlossaryError(f"{where} contains one of < > \" $ ` (glossary text is shown as plain text)")
    return text


def load(path: Path = GLOSSARY_FILE) -> list[Term]:
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark else ""
        raise GlossaryError(f"{path.name}{line}: not valid YAML ({getattr(error, 'problem', error)})") from None
    terms, seen, aliases_seen, anchors = [], {}, {}, {}
    for index, entry in enumerate(entries, start=1):
        where = f"{path.name}: entry {index}"
        if not isinstance(entry, dict) or not entry.get("zh") or not entry.get("en"):
            raise GlossaryError(f"{where} needs both 'zh' and 'en'")
        where = f"{path.name}: entry {index} ({entry['zh']})"
        unknown = set(entry) - FIELDS
        if unknown:
            raise GlossaryError(f"{where} has unknown field(s) {', '.join(sorted(unknown))}")
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list):
            raise GlossaryError(f"{where}: 'aliases' must be a list")
        term = Term(_text(entry["zh"], where), _text(entry["en"], where), entry.get("page"),
                    tuple(_text(alias, f"{where} alias") for alias in aliases),
                    _text(entry.get("zh_def") or "", f"{where} zh_def"),
                    _text(entry.get("en_def") or "", f"{where} en_def"), entry.get("tooltip", True) is not False)
        if not term.zh_def or not term.en_def:
            raise GlossaryError(f"{where} needs a one-line definition in both languages (zh_def, en_def): "
                                "readers see it in the term's tooltip")
        if term.zh in seen:
            raise GlossaryError(f"{path.name}: '{term.zh}' is listed twice (entries {seen[term.zh]} and {index})")
        seen[term.zh] = index
        for alias in term.aliases:
            key = alias.casefold()
            if key in aliases_seen and aliases_seen[key] != term.zh:
                raise GlossaryError(f"{where}: alias '{alias}' also names '{aliases_seen[key]}' "
                                    "(an alias must point at one concept)")
            aliases_seen[key] = term.zh
        if term.anchor in anchors:
            raise GlossaryError(f"{where}: English name '{term.en}' gives the same anchor as "
                                f"'{anchors[term.anchor]}'; make the English names distinct")
        anchors[term.anchor] = term.zh
        terms.append(term)
    return terms


MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def _cell_text(text: str) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)  # a definition such as P(y|x) stays text in the table


def table_markdown(terms: list[Term], lang: str, link_prefix: str = "") -> str:
    """A table sorted by the English name: the term (linking to its explaining page, with an
    anchor the tooltips link to), the other language and the definition in the reader's language."""
    def cell(text: str, term: Term) -> str:
        name = f"[{_cell_text(text)}]({link_prefix}{term.page})" if term.page else _cell_text(text)
        return f'<span id="{term.anchor}"></span>{name}'

    by_english = sorted(terms, key=lambda t: t.en.lower())
    if lang == "zh":
        header = "| 中文 | English | 释义 |\n| --- | --- | --- |"
        rows = [f"| {cell(t.zh, t)} | {_cell_text(t.en)} | {_cell_text(t.zh_def)} |" for t in by_english]
    else:
        header = "| English | 中文 | Definition |\n| --- | --- | --- |"
        rows = [f"| {cell(t.en, t)} | {_cell_text(t.zh)} | {_cell_text(t.en_def)} |" for t in by_english]
    return "\n".join([header, *rows])


def chinese_words(terms: list[Term]) -> list[str]:
    """Chinese terms and aliases for the search segmenter (jieba), so each is one search token."""
    words = {word for t in terms for word in (t.zh, *t.aliases)}
    return sorted(w for w in words if any("\u4e00" <= ch <= "\u9fff" for ch in w))
