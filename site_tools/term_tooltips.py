"""Glossary tooltips: the first occurrence of each glossary term in a topic page's text becomes a
focusable term with a tooltip (the term in the other language, a one-line definition and a link
to the glossary entry). Chinese has no spaces between words, so terms are found by a longest-first
match over the text rather than by word boundaries; English terms need a word boundary on each
side. Code, math, headings, links and question titles are never touched.

The tooltip is plain HTML and CSS (shown on hover and on focus, which a tap gives on a phone), so
it needs no script and survives a strict Content-Security-Policy.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from site_tools.glossary import Term

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIP_TAGS = {"a", "abbr", "button", "code", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "label",
             "math", "option", "pre", "script", "select", "style", "summary", "svg", "textarea", "title"}
SKIP_CLASSES = {"arithmatex", "katex", "katex-display", "admonition-title", "headerlink", "kb-term", "mermaid",
                "md-source-file", "kb-notice"}
LABELS = {"zh": {"more": "术语表"}, "en": {"more": "Glossary"}}


@dataclass(frozen=True)
class TermTip:
    term: Term
    other_name: str   # the term in the other language
    definition: str   # in the page's language
    href: str         # the glossary entry, relative to the page


def _trie_regex(names: list[str]) -> str:
    """A regex matching any of the names, written as a character trie: far faster than a flat
    alternation of a thousand names, and greedy, so the longest name at a position wins."""
    trie: dict = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            body = ("(?:" + body + ")?") if len(branches) == 1 else body + "?"
        return body

    return build(trie)


def _pattern(names: list[str], lang: str) -> re.Pattern | None:
    names = [name for name in names if len(name) > 1]  # '值' or 'C' alone would match everywhere
    if not names:
        return None
    if lang == "en":  # 'dropout' also at the start of a sentence; a plural s; whole words only
        variants = {variant for name in names
                    for variant in ((name, name[0].upper() + name[1:]) if name[:1].islower() else (name,))}
        return re.compile(rf"(?<![\w-]){_trie_regex(sorted(variants))}(?:e?s)?(?!\w)")
    return re.compile(_trie_regex(sorted(names)))


class TooltipMatcher:
    """Finds glossary terms in the text of pages of one language."""

    def __init__(self, terms: list[Term], lang: str):
        self.lang = lang
        self.by_name: dict[str, Term] = {}
        for term in terms:
            if not term.tooltip:
                continue
            names = (term.zh,) if lang == "zh" else term.en_names
            for name in names:
                self.by_name.setdefault(name, term)
        self.pattern = _pattern(list(self.by_name), lang)

    def term_for(self, matched: str) -> Term | None:
        if matched in self.by_name:
            return self.by_name[matched]
        for candidate in (matched[0].lower() + matched[1:], re.sub(r"e?s$", "", matched),
                          re.sub(r"e?s$", "", matched[0].lower() + matched[1:]), matched.removesuffix("s")):
            if candidate in self.by_name:
                return self.by_name[candidate]
        return None


def tip_html(tip: TermTip, text: str, lang: str, index: int) -> str:
    other_lang = "en" if lang == "zh" else "zh"
    tip_id = f"kb-tip-{index}"
    definition = f"<span class=\"kb-term__def\">{html.escape(tip.definition)}</span>" if tip.definition else ""
    return (f'<span class="kb-term" tabindex="0" aria-describedby="{tip_id}">{text}'
            f'<span class="kb-term__tip" role="tooltip" id="{tip_id}">'
            f'<span class="kb-term__name" lang="{other_lang}">{html.escape(tip.other_name)}</span>'
            f'{definition}'
            f'<a class="kb-term__more" href="{html.escape(tip.href)}">{LABELS[lang]["more"]} →</a>'
            f'</span></span>')


class _Rewriter(HTMLParser):
    def __init__(self, matcher: TooltipMatcher, tips: dict[str, TermTip], lang: str):
        super().__init__(convert_charrefs=False)
        self.matcher, self.tips, self.lang = matcher, tips, lang
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, skip this subtree)
        self.used: set[str] = set()

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        skip = self.skipping or tag in SKIP_TAGS or bool(classes & SKIP_CLASSES)
        self.stack.append((tag, skip))

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data):
        if self.skipping or self.matcher.pattern is None:
            self.out.append(data)
            return
        self.out.append(self.matcher.pattern.sub(self._replace, data))

    def _replace(self, match: re.Match) -> str:
        text = match.group(0)
        term = self.matcher.term_for(text)
        if term is None or term.zh in self.used or term.zh not in self.tips:
            return text
        self.used.add(term.zh)
        return tip_html(self.tips[term.zh], text, self.lang, len(self.used))

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")


def add_tooltips(content_html: str, matcher: TooltipMatcher, tips: dict[str, TermTip]) -> tuple[str, int]:
    """The page's content HTML with the first occurrence of each term wrapped; and how many."""
    rewriter = _Rewriter(matcher, tips, matcher.lang)
    rewriter.feed(content_html)
    rewriter.close()
    return "".join(rewriter.out), len(rewriter.used)


def tips_for_page(terms: list[Term], lang: str, page_uri: str, glossary_href: str) -> dict[str, TermTip]:
    """Tooltips for one page, keyed by the Chinese name; a term's own explaining page gets none."""
    tips = {}
    for term in terms:
        if term.page == page_uri:
            continue
        other = term.en if lang == "zh" else term.zh
        tips[term.zh] = TermTip(term, other, term.definition(lang), f"{glossary_href}#{term.anchor}")
    return tips
