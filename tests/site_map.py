"""What the built site contains, read from its files: pages per edition (from each edition's
own sitemap), and the ids present on a page."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
EDITIONS = {"zh": "", "en": "en/"}


def edition_pages(site_dir: Path, lang: str) -> list[str]:
    """Page paths relative to the site root (``ml/svm/``, ``en/ml/svm/``) from the sitemap."""
    prefix = EDITIONS[lang]
    tree = ET.parse(site_dir / prefix / "sitemap.xml")
    locs = [loc.text for loc in tree.getroot().iterfind("sm:url/sm:loc", SITEMAP_NS)]
    home = min(locs, key=len)  # the edition's home page has the shortest URL
    return [prefix + loc[len(home):] for loc in locs]


def page_ids(site_dir: Path, page_path: str) -> set[str]:
    html = (site_dir / page_path / "index.html").read_text(encoding="utf-8")
    return set(re.findall(r'\sid="([^"]+)"', html))
