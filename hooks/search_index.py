"""MkDocs adapter for site_tools.search_index: the search index written as compact UTF-8.
Listed after the search plugin (hooks run after plugins), so the index exists by then."""
import logging
from pathlib import Path

from site_tools.search_index import compact

log = logging.getLogger("mkdocs.hooks.search_index")


def on_post_build(config):
    before, after = compact(Path(config.site_dir) / "search" / "search_index.json")
    log.info(f"search index: {before // 1024} KiB -> {after // 1024} KiB (UTF-8)")
