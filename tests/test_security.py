"""What the built site lets a reader's browser do (rules P1-P5 of CONTRIBUTING.md and the
Content-Security-Policy), checked on the real site's files."""
from __future__ import annotations

import re

from site_tools.content_policy import add_noopener

EXTERNAL_ANCHOR = re.compile(r'<a\b[^>]*\shref="(?:https?:)?//[^"]*"[^>]*>')


def _html_files(site_dir):
    return sorted(site_dir.rglob("*.html"))


def test_every_external_link_has_noopener(site_dir):
    missing, seen = [], 0
    for path in _html_files(site_dir):
        for anchor in EXTERNAL_ANCHOR.findall(path.read_text(encoding="utf-8")):
            seen += 1
            if add_noopener(anchor) != anchor:  # it would still add the token
                missing.append(f"{path.relative_to(site_dir)}: {anchor}")
    assert seen > 500, "the site cites sources and links its repository: external links were expected"
    assert not missing, "\n".join(missing[:20])
