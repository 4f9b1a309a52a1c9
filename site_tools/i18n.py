"""Two editions, one path scheme: ``docs/zh/x.md`` is served at ``/x/`` and ``docs/en/x.md`` at
``/en/x/``. Each edition is its own build (own search index, sitemap, 404 page and UI
language); this module answers the questions that link the two.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from site_tools.markdown_scan import lines_outside_code


class I18nError(ValueError):
    """The language set-up is inconsistent; the message says what to fix."""


@dataclass(frozen=True)
class Language:
    lang: str
    name: str
    docs_dir: str  # relative to the repository root
    path: str  # where the edition lives below the site root: "" or "en/"


def parse_languages(spec: list[dict]) -> list[Language]:
    languages = [Language(item["lang"], item["name"], item["docs_dir"], item.get("path", "")) for item in spec]
    if not languages or languages[0].path != "":
        raise I18nError("extra.i18n.languages: the first (default) language must have path ''")
    for language in languages[1:]:
        if not language.path.endswith("/"):
            raise I18nError(f"extra.i18n.languages: path of {language.lang!r} must end with '/'")
    return languages


def find_language(languages: list[Language], lang: str) -> Language:
    for language in languages:
        if language.lang == lang:
            return language
    raise I18nError(f"extra.i18n.language {lang!r} is not listed in extra.i18n.languages")


def _relative_dir_link(target: str, current_dir: str) -> str:
    """Relative link from one site directory to another, both given from the site root."""
    link = posixpath.relpath("/" + target, "/" + current_dir) if target != current_dir else "."
    return "./" if link == "." else link.rstrip("/") + "/"


def alternate_links(page_url: str, src_uri: str, current: Language, languages: list[Language],
                    repo_root: Path) -> list[dict]:
    """The switcher entries for one page: the same page in each language, else that home page.

    ``page_url`` is the page's URL inside its edition (``ml/svm/``), ``src_uri`` its source path
    inside the docs folder (``ml/svm.md``). Links are relative to the page itself, so they work
    wherever the site is hosted.
    """
    current_dir = current.path + page_url
    entries = []
    for language in languages:
        translated = (repo_root / language.docs_dir / src_uri).is_file()
        target = language.path + (page_url if translated else "")
        entries.append({
            "name": language.name,
            "lang": language.lang,
            "link": _relative_dir_link(target, current_dir),
            "translated": translated,
            "current": language.lang == current.lang,
        })
    return entries


def hreflang_links(site_url: str, page_url: str, src_uri: str, current: Language, languages: list[Language],
                   repo_root: Path) -> list[dict]:
    """``<link rel=alternate hreflang>`` entries for one page, for search engines: the absolute
    URL of the page in every language it exists in, and ``x-default`` (the default language's).
    Empty when the page exists in one language only."""
    if not site_url:
        return []
    base = site_url if site_url.endswith("/") else site_url + "/"
    if current.path and not base.endswith("/" + current.path):
        raise I18nError(f"site_url {site_url!r} of the {current.lang!r} edition must end with {current.path!r}")
    root = base[: len(base) - len(current.path)]
    links = [{"lang": language.lang, "href": root + language.path + page_url}
             for language in languages if (repo_root / language.docs_dir / src_uri).is_file()]
    if len(links) < 2:
        return []
    default = next((link for link in links if link["lang"] == languages[0].lang), links[0])
    return links + [{"lang": "x-default", "href": default["href"]}]


def edition_roots(site_url: str, current: Language, languages: list[Language]) -> list[dict]:
    """Absolute paths of every edition's root, from the current edition's ``site_url`` (the
    switcher's fallback and the 404 pages)."""
    path = urlsplit(site_url).path or "/"
    if not path.endswith("/" + current.path) and current.path:
        raise I18nError(f"site_url {site_url!r} of the {current.lang!r} edition must end with {current.path!r}")
    root = path[: len(path) - len(current.path)] if current.path else path
    return [{"name": language.name, "lang": language.lang, "link": root + language.path} for language in languages]


def translate_nav(nav: list, labels: dict[str, str], page_exists) -> list:
    """The default edition's nav for another edition: section labels translated through
    ``labels``, pages not translated yet left out, sections left empty dropped."""
    translated = []
    for item in nav:
        if isinstance(item, str):
            if page_exists(item):
                translated.append(item)
            continue
        (label, value), = item.items()
        if isinstance(value, list):
            children = translate_nav(value, labels, page_exists)
            if children:
                translated.append({_label(label, labels): children})
        elif page_exists(value):
            translated.append({_label(label, labels): value})
    return translated


def _label(label: str, labels: dict[str, str]) -> str:
    if label not in labels:
        raise I18nError(f"nav label {label!r} has no translation in extra.i18n.nav_labels")
    return labels[label]


# ---- links from a translated page to a page not translated yet ------------------------------

MARKDOWN_LINK = re.compile(r"(\]\()(?P<target>[^)\s#]+\.md)(?P<anchor>#[^)\s]*)?(?P<rest>[^)]*\))")
FALLBACK_SCHEME = "kb-default-edition:"
FALLBACK_HREF = re.compile(r'href="' + re.escape(FALLBACK_SCHEME) + r'(?P<url>[^"]*)"')


def _page_url(src_uri: str) -> str:
    """URL of a page inside its edition, with directory URLs (``ml/svm.md`` -> ``ml/svm/``)."""
    path = src_uri[: -len(".md")]
    if path == "index" or path.endswith("/index"):
        path = path[: -len("index")]
    return path + "/" if path and not path.endswith("/") else path


def mark_untranslated_links(markdown: str, src_uri: str, translated, original) -> str:
    """Point links to pages this edition lacks at the default edition's page instead.

    ``translated(uri)`` / ``original(uri)`` tell whether a page exists in this edition / in
    the default one. Such links get a private scheme that MkDocs leaves alone;
    ``resolve_untranslated_links`` turns them into real relative URLs after rendering.
    """
    folder = posixpath.dirname(src_uri)

    def rewrite(match):
        target = posixpath.normpath(posixpath.join(folder, match.group("target")))
        if translated(target) or not original(target):
            return match.group(0)
        anchor = match.group("anchor") or ""
        return f"{match.group(1)}{FALLBACK_SCHEME}{_page_url(target)}{anchor}{match.group('rest')}"

    lines = markdown.split("\n")
    for number, line in lines_outside_code(markdown):
        lines[number - 1] = MARKDOWN_LINK.sub(rewrite, line)
    return "\n".join(lines)


def resolve_untranslated_links(html: str, page_url: str, current: Language, default: Language) -> str:
    here = current.path + page_url

    def resolve(match):
        url, _, anchor = match.group("url").partition("#")
        link = _relative_dir_link(default.path + url, here)
        return f'href="{link}{"#" + anchor if anchor else ""}" hreflang="{default.lang}"'

    return FALLBACK_HREF.sub(resolve, html)
