"""MkDocs adapter for site_tools.search_index: glossary synonyms in the search index, written as
compact UTF-8 (Material's Chinese query segmenter is fixed in site_tools/material_patches.py).
Listed after the search plugin (hooks run after plugins), so the index exists by then."""
import logging
from pathlib import Path

from site_tools.search_index import rewrite

log = logging.getLogger("mkdocs.hooks.search_index")


def on_post_build(config):
    site_dir = Path(config.site_dir)
    before, after, pages = rewrite(site_dir / "search" / "search_index.json",
                                   config.extra["glossary_terms"], config.extra["i18n"]["language"])
    log.info(f"search index: {before // 1024} KiB -> {after // 1024} KiB (UTF-8), synonyms on {pages} pages")
