"""MkDocs adapter for site_tools.glossary: the glossary page and jieba's search dictionary."""
from dataclasses import replace
from pathlib import Path

import jieba
from mkdocs.exceptions import PluginError

from site_tools.glossary import TABLE_MARKER, GlossaryError, chinese_words, load, table_markdown

_state = {}
TERMS = "glossary_terms"


def on_config(config):
    try:
        _state["terms"] = load(Path(config.config_file_path).resolve().parent / "docs" / "glossary.yml")
    except GlossaryError as error:
        raise PluginError(str(error)) from None
    config.extra[TERMS] = _state["terms"]  # for hooks/term_tooltips.py and hooks/search_index.py
    for word in chinese_words(_state["terms"]):
        jieba.add_word(word)  # the search plugin segments Chinese with jieba at build time
    return config


def on_page_markdown(markdown, page, config, files):
    if TABLE_MARKER in markdown:
        # link a term only to pages this edition has (the English edition may lag behind)
        existing = {file.src_uri for file in files.documentation_pages()}
        terms = [term if term.page in existing else replace(term, page=None) for term in _state["terms"]]
        markdown = markdown.replace(TABLE_MARKER, table_markdown(terms, config.extra["i18n"]["language"]))
    return markdown
