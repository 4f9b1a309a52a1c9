"""The search index as readers download it.

1. Compact: Material's search plugin writes every non-ASCII character as a \\uXXXX escape (six
   bytes for each Chinese character and for each of jieba's zero-width word breaks); written as
   UTF-8 it is the same JSON, 40 % smaller (11 % gzip).
2. Synonyms: a reader searches for 维特比 or "BP", but the page writes "Viterbi 算法" or
   "反向传播". Each glossary term's names and aliases go into an extra index field, `aliases`, of
   the page that explains the term: the glossary's `page`, else the topic page of this edition
   that uses the term most (a heading counts five times; found with the tooltips' matcher).
   Material's search worker builds one lunr field per entry of `config.fields`, so the field is
   searched with its own boost; results show only titles and text, so readers never see it.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from site_tools.cache import atomic_write
from site_tools.glossary import Term
from site_tools.paths import is_topic_page
from site_tools.term_tooltips import TooltipMatcher

ALIAS_FIELD = "aliases"
ALIAS_BOOST = 1e4  # above a title (1000): the explaining page outranks pages that only have the term in a heading
HEADING_WEIGHT = 5
WORD_BREAK = "\u200b"  # jieba's segmentation mark in the Chinese index


def compact(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text.replace(WORD_BREAK, ""))


def explaining_pages(docs: list[dict], terms: list[Term], lang: str) -> dict[str, str]:
    """Chinese name of each term -> location of the page that explains it in this edition."""
    pages = {doc["location"] for doc in docs if "#" not in doc["location"]}
    # the same term finder as the tooltips, over every term (a term without a tooltip still has synonyms)
    matcher = TooltipMatcher([replace(term, tooltip=True) for term in terms], lang)
    counts: dict[str, Counter] = {}
    for doc in docs:
        page = doc["location"].split("#")[0]
        if not is_topic_page(page.rstrip("/") + ".md"):
            continue  # the glossary and the question bank mention every term
        for field, weight in (("text", 1), ("title", HEADING_WEIGHT)):
            for match in matcher.pattern.finditer(_plain(doc.get(field, ""))) if matcher.pattern else ():
                term = matcher.term_for(match.group(0))
                if term:
                    counts.setdefault(term.zh, Counter())[page] += weight
    chosen = {}
    for term in terms:
        own = term.page.removesuffix(".md") + "/" if term.page else None
        if own in pages:
            chosen[term.zh] = own
        elif term.zh in counts:
            best = counts[term.zh]
            chosen[term.zh] = max(sorted(best), key=lambda page: best[page])
    return chosen


def word_forms(word: str) -> set[str]:
    """Inflected forms a reader may type for an English word of a term. Material's search puts a
    wildcard after each query word and so skips lunr's stemmer (the stemmer is off for English):
    "imbalance" is found by "imbal" but not by "imbalanced". Adding the forms to the synonym field
    lets the longer word match too. Rules, not a dictionary: a few forms too many cost nothing."""
    w = word.lower()
    if not w.isalpha() or not w.isascii() or len(w) < 4 or word.isupper():
        return set()
    forms = set()
    if w.endswith("ation"):  # normalization -> normalize, normalized, normalizing
        stem = w[:-5]
        forms |= {w + "s", stem + "e", stem + "ed", stem + "es", stem + "ing"}
    elif w.endswith("e"):  # imbalance -> imbalanced, imbalances; scale -> scaling
        forms |= {w + "d", w + "s", w[:-1] + "ing"}
    elif w.endswith("y") and w[-2] not in "aeiou":
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    elif w.endswith(("s", "x", "ch", "sh")):
        forms |= {w + "es"}
    else:
        forms |= {w + "s", w + "ed", w + "ing"}
    return forms - {w}


def _with_forms(names: list[str]) -> list[str]:
    words = [word for name in names for word in re.split(r"[\s\-]+", name)]
    return names + sorted({form for word in words for form in word_forms(word)})


def add_aliases(data: dict, terms: list[Term], lang: str) -> int:
    """Give each explaining page the names and aliases of its terms; return how many pages got some."""
    by_page: dict[str, list[str]] = {}
    chosen = explaining_pages(data["docs"], terms, lang)
    for term in terms:
        if term.zh in chosen:
            by_page.setdefault(chosen[term.zh], []).extend([term.zh, *term.en_names, *term.aliases])
    data["config"]["fields"][ALIAS_FIELD] = {"boost": ALIAS_BOOST}
    for doc in data["docs"]:
        if doc["location"] in by_page:
            names = list(dict.fromkeys(by_page[doc["location"]]))
            doc[ALIAS_FIELD] = " ".join(_with_forms(names) if lang == "en" else names)
    return len(by_page)


def rewrite(index: Path, terms: list[Term], lang: str) -> tuple[int, int, int]:
    """Add the synonyms and write the index as compact UTF-8; return size before, after, pages."""
    raw = index.read_bytes()
    data = json.loads(raw)
    pages = add_aliases(data, terms, lang)
    smaller = compact(data)
    atomic_write(index, smaller)
    return len(raw), len(smaller), pages
