"""A Content-Security-Policy on every page, as ``<meta http-equiv>``: GitHub Pages cannot send
headers. Everything comes from the site itself; the theme's inline scripts are allowed one by
one by the SHA-256 of their text, computed from the final HTML of each page; nothing else runs.

Inline scripts that come from the page's own content (its Markdown) are never hashed, so a
script that slipped past the content policy is still refused by the browser. Styles: see
``policy``.
"""
from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from site_tools.cache import atomic_write

META_NAME = "Content-Security-Policy"
SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
SRC_ATTRIBUTE = re.compile(r"\ssrc\s*=", re.IGNORECASE)
TYPE_ATTRIBUTE = re.compile(r"""\stype\s*=\s*["']?(?P<type>[^"'\s>]*)""", re.IGNORECASE)
# <script type=...> values a browser runs (anything else, e.g. application/json, is data)
SCRIPT_TYPES = frozenset({"", "module", "text/javascript", "application/javascript", "text/ecmascript",
                          "application/ecmascript", "text/jscript", "text/livescript"})
HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
CHARSET = re.compile(r"<meta\s+charset\s*=\s*[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)
EXISTING_POLICY = re.compile(r"<meta\s+http-equiv=\"Content-Security-Policy\"", re.IGNORECASE)
MERMAID = 'class="mermaid"'


class CspError(ValueError):
    pass


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run, in document order."""
    scripts = []
    for match in SCRIPT.finditer(html):
        attrs = match.group("attrs")
        kind = TYPE_ATTRIBUTE.search(attrs)
        if SRC_ATTRIBUTE.search(attrs) or (kind and kind.group("type").lower() not in SCRIPT_TYPES):
            continue
        scripts.append(match.group("body"))
    return scripts


def source_hash(script: str) -> str:
    """The CSP source expression for an inline script: the browser hashes its exact text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(script_hashes: Iterable[str], style_elements: bool = False) -> str:
    """The policy of one page.

    Styles: KaTeX's HTML positions glyphs with inline ``style`` attributes, so
    ``style-src-attr 'unsafe-inline'`` (a style attribute can restyle its own element, but
    cannot run script or select other elements). ``<style>`` elements stay refused
    (``style-src-elem 'self'``) except on pages that draw Mermaid diagrams, whose SVG carries
    its own <style> until diagrams are rendered at build time. ``style-src`` with
    'unsafe-inline' is only the fallback of browsers that predate the -elem/-attr directives
    (they would otherwise drop KaTeX's layout). ``data:`` images: Material's icons are CSS
    masks with data: URLs.
    """
    scripts = " ".join(["'self'", *sorted(set(script_hashes))])
    elements = "'self' 'unsafe-inline'" if style_elements else "'self'"
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'",
        f"style-src-elem {elements}",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "frame-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def add_policy(page_html: str, untrusted_html: str = "") -> str:
    """Put the policy first in <head> (before any script), hashing every inline script of
    ``page_html`` except those that also appear in ``untrusted_html`` (the page's content)."""
    if EXISTING_POLICY.search(page_html):
        raise CspError("the page already has a Content-Security-Policy")
    scripts = Counter(inline_scripts(page_html))
    scripts.subtract(Counter(inline_scripts(untrusted_html)))
    trusted = [source_hash(script) for script, count in scripts.items() if count > 0]
    meta = f'<meta http-equiv="{META_NAME}" content="{policy(trusted, MERMAID in page_html)}">'
    anchor = CHARSET.search(page_html) or HEAD.search(page_html)
    if anchor is None:
        raise CspError("no <head> to put the Content-Security-Policy in")
    return page_html[:anchor.end()] + meta + page_html[anchor.end():]


def has_policy(page_html: str) -> bool:
    return bool(EXISTING_POLICY.search(page_html))


def add_to_remaining_pages(site_dir: Path) -> list[Path]:
    """Give the policy to every HTML file of a built edition that has none yet: the pages the
    theme and plugins write themselves (404 page, redirects). Their scripts are all theirs."""
    changed = []
    for path in sorted(site_dir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if not has_policy(text):
            atomic_write(path, add_policy(text))
            changed.append(path)
    return changed
