"""What a contributed page may put into a reader's browser, checked at build time.

The check reads the HTML a page's Markdown renders to (so code blocks and inline code, which
Markdown escapes, are text and never flagged, while raw HTML and attribute lists are seen
exactly as the browser will see them), then points at the line of the source that holds the
offending text. Rules (CONTRIBUTING.md, "Content policy"):

- P1 no element that runs code, embeds another document or restyles the site: <script>,
  <style>, <iframe>, <frame>, <frameset>, <object>, <embed>, <applet>, <base>, <link>,
  <meta>, <form>;
- P2 no ``on*=`` event-handler attribute, and no ``javascript:``/``vbscript:`` URL anywhere;
- P3 no resource (image, audio, video, poster, subtitle track, SVG image, CSS ``url()``) from
  another host: resources are relative paths into the site (or ``data:`` images);
- P4 front matter values are plain text: no ``<``, ``>`` or ``"`` (the theme writes them into
  HTML attributes and the <title> without escaping them);
- P5 no file under docs/ that a browser would run as a document or script (.html, .svg, .js,
  ...): MkDocs would copy it into the site as it is, past every check above.

External links stay allowed; ``add_noopener`` gives each one ``rel="noopener"``.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from site_tools.markdown_scan import lines_outside_code

FORBIDDEN_ELEMENTS = frozenset({"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
                                "base", "link", "meta", "form"})
# attributes whose value is fetched by the browser as the page loads (href only off <a>/<area>)
RESOURCE_ATTRIBUTES = frozenset({"src", "srcset", "poster", "data", "background", "ping", "xlink:href", "href"})
LINK_ELEMENTS = frozenset({"a", "area"})
SCRIPT_SCHEMES = ("javascript:", "vbscript:")
CSS_URL = re.compile(r"url\(\s*(['\"]?)(?P<url>[^'\")]*)\1\s*\)", re.IGNORECASE)
INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1")
URL_NOISE = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL
ACTIVE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xht", ".xml", ".svg", ".svgz", ".js", ".mjs"})


class PolicyError(ValueError):
    """A page breaks the content policy; one line per problem, each naming the file and line."""


@dataclass(frozen=True)
class Violation:
    rule: str
    message: str
    needles: tuple[re.Pattern, ...]  # what to look for in the source to give the line, best first


@dataclass(frozen=True)
class Source:
    name: str  # docs/zh/ml/svm.md
    text: str


def _normalised(url: str) -> str:
    return URL_NOISE.sub("", url).strip(" \x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f").lower()


def is_external(url: str) -> bool:
    """An absolute URL (any scheme but data:) or a protocol-relative one: not a path in the site."""
    url = _normalised(url)
    if url.startswith("//"):
        return True
    scheme = urlsplit(url).scheme
    return bool(scheme) and scheme != "data"


def _srcset_urls(value: str) -> list[str]:
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.violations: list[Violation] = []

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _add(self, rule: str, message: str, *needles: str) -> None:
        self.violations.append(Violation(rule, message, tuple(re.compile(n, re.IGNORECASE) for n in needles)))

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_ELEMENTS:
            self._add("P1", f"<{tag}> is not allowed in a page: show it as code between backticks",
                      rf"<\s*{re.escape(tag)}\b")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self._add("P2", f"the {name}= attribute on <{tag}> is not allowed: event handlers run script "
                                "in readers' browsers", rf"\b{re.escape(name)}\s*=")
            if any(scheme in _normalised(value) for scheme in SCRIPT_SCHEMES):
                self._add("P2", f"a script URL in {name}= on <{tag}> is not allowed", r"(java|vb)script\s*:")
            urls = []
            if name in RESOURCE_ATTRIBUTES and not (name == "href" and tag in LINK_ELEMENTS):
                urls = _srcset_urls(value) if name == "srcset" else [value]
            elif name == "style":
                urls = [match.group("url") for match in CSS_URL.finditer(value)]
            for url in urls:
                if is_external(url):
                    host = urlsplit(_normalised(url)).hostname or url
                    self._add("P3", f"<{tag} {name}> loads {url} from another host: save the file in docs/ "
                                    "(or draw it in figures_src/) and use a relative path",
                              re.escape(url), re.escape(host))


def _code_free(line: str) -> str:
    return INLINE_CODE.sub(lambda match: " " * len(match.group(0)), line)


def _locate(needles: tuple[re.Pattern, ...], sources: list[Source]) -> tuple[str, int | None]:
    for needle in needles:
        for source in sources:
            for number, line in lines_outside_code(source.text):
                if needle.search(_code_free(line)):
                    return source.name, number
    return sources[0].name, None


def check_html(page_html: str, sources: Iterable[Source]) -> None:
    """Raise PolicyError listing every violation in ``page_html`` (a page's rendered Markdown),
    each with the file and line of ``sources`` (the page, then e.g. its notebook) that holds it."""
    sources = list(sources)
    scanner = _Scanner()
    scanner.feed(page_html)
    scanner.close()
    problems = []
    for violation in scanner.violations:
        name, line = _locate(violation.needles, sources)
        where = f"{name}:{line}" if line else name
        problem = f"{where}: {violation.rule} {violation.message}"
        if problem not in problems:
            problems.append(problem)
    if problems:
        raise PolicyError("\n".join(problems))


def check_front_matter(meta: dict, source: Source) -> None:
    """P4: every string in the front matter is plain text."""
    problems = []

    def visit(value, key: str) -> None:
        if isinstance(value, dict):
            for child_key, child in value.items():
                visit(child, f"{key}.{child_key}" if key else str(child_key))
        elif isinstance(value, list):
            for child in value:
                visit(child, key)
        elif isinstance(value, str) and (bad := sorted(set(value) & set('<>"'))):
            line = next((number for number, text in enumerate(source.text.split("\n"), start=1)
                         if text.lstrip().startswith(f"{key.split('.')[-1]}:")), 1)
            problems.append(f"{source.name}:{line}: P4 front matter '{key}' contains {' '.join(bad)}: "
                            "write plain text (use “curly quotes” or ' instead of \")")

    visit(meta, "")
    if problems:
        raise PolicyError("\n".join(problems))


def check_static_files(names: Iterable[str]) -> None:
    """P5: ``names`` are the files under docs/ that are not pages."""
    active = [name for name in names if any(name.lower().endswith(suffix) for suffix in ACTIVE_SUFFIXES)]
    if active:
        raise PolicyError("\n".join(
            f"{name}: P5 a browser would run this file as it is: pages are Markdown, figures are drawn "
            "from figures_src/, images are PNG, JPEG, GIF or WebP" for name in active))


ANCHOR_TAG = re.compile(r"<a\b(?P<attrs>[^>]*)>", re.IGNORECASE)
HREF = re.compile(r"""\shref\s*=\s*(?P<q>["'])(?P<url>.*?)(?P=q)""", re.IGNORECASE | re.DOTALL)
REL = re.compile(r"""\srel\s*=\s*(?P<q>["'])(?P<value>.*?)(?P=q)""", re.IGNORECASE | re.DOTALL)


def _opens_a_page_elsewhere(url: str) -> bool:
    url = _normalised(html.unescape(url))
    return url.startswith("//") or urlsplit(url).scheme in ("http", "https")


def add_noopener(page_html: str) -> str:
    """Give every link to another site rel="noopener" (kept alongside any rel it already has):
    a page it opens cannot reach back to this one through window.opener."""
    def rewrite(match: re.Match) -> str:
        attrs = match.group("attrs")
        href = HREF.search(attrs)
        if not href or not _opens_a_page_elsewhere(href.group("url")):
            return match.group(0)
        rel = REL.search(attrs)
        if rel is None:
            return f'<a{attrs} rel="noopener">'
        tokens = rel.group("value").split()
        if "noopener" in tokens:
            return match.group(0)
        quote = rel.group("q")
        return f"<a{attrs[:rel.start()]} rel={quote}{' '.join([*tokens, 'noopener'])}{quote}{attrs[rel.end():]}>"

    return ANCHOR_TAG.sub(rewrite, page_html)
