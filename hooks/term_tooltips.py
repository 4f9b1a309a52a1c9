"""MkDocs adapter for site_tools.term_tooltips: glossary tooltips on topic pages. It runs in
on_page_context, after the search plugin has indexed the page, so tooltip text stays out of
the search index; the drill reads the final HTML and keeps the tooltips in its answers."""
import logging

from mkdocs.utils import get_relative_url

from site_tools.paths import is_topic_page
from site_tools.term_tooltips import TooltipMatcher, add_tooltips, tips_for_page

log = logging.getLogger("mkdocs.hooks.term_tooltips")
_state = {}
GLOSSARY_PAGE = "glossary.md"


def on_config(config):
    _state.clear()
    return config


def _terms(config):
    return config.extra["glossary_terms"]  # loaded once by hooks/glossary.py


def on_page_context(context, page, config, nav):
    if not is_topic_page(page.file.src_uri) or not page.content:
        return context
    lang = config.extra["i18n"]["language"]
    if "matcher" not in _state:
        _state["matcher"] = TooltipMatcher(_terms(config), lang)
    href = get_relative_url(GLOSSARY_PAGE.removesuffix(".md") + "/", page.url)
    tips = tips_for_page(_terms(config), lang, page.file.src_uri, href)
    page.content, _state[page.file.src_uri] = add_tooltips(page.content, _state["matcher"], tips)
    return context


def on_post_build(config):
    counts = [n for key, n in _state.items() if key != "matcher"]
    log.info(f"glossary tooltips: {sum(counts)} on {len(counts)} topic pages")
