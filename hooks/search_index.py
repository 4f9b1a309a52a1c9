"""MkDocs adapter for site_tools.search_index and site_tools.search_worker: glossary synonyms in
the search index, written as compact UTF-8, and Material's Chinese query segmenter fixed. Listed
after the search plugin (hooks run after plugins), so the index exists by then."""
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from site_tools.search_index import rewrite
from site_tools.search_worker import SearchWorkerError, patch_worker

log = logging.getLogger("mkdocs.hooks.search_index")


def on_post_build(config):
    site_dir = Path(config.site_dir)
    before, after, pages = rewrite(site_dir / "search" / "search_index.json",
                                   config.extra["glossary_terms"], config.extra["i18n"]["language"])
    log.info(f"search index: {before // 1024} KiB -> {after // 1024} KiB (UTF-8), synonyms on {pages} pages")
    try:
        patch_worker(site_dir)
    except SearchWorkerError as error:
        raise PluginError(str(error)) from None
