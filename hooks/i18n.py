"""MkDocs adapter for site_tools.i18n: per-page language switcher, the translated nav, and a
notice on a translation whose original has changed since (site_tools.translation)."""
from pathlib import Path

from site_tools import translation
from site_tools.git_info import collect
from site_tools.i18n import (
    alternate_links,
    edition_roots,
    find_language,
    hreflang_links,
    mark_untranslated_links,
    parse_languages,
    resolve_untranslated_links,
    translate_nav,
)

_state = {}


def on_config(config):
    settings = config.extra["i18n"]
    languages = parse_languages(settings["languages"])
    current = find_language(languages, settings["language"])
    project = Path(config.config_file_path).resolve().parent
    _state.update(languages=languages, current=current, project=project)
    if current is not languages[0]:
        _state["original_history"] = collect(project, languages[0].docs_dir)
    config.extra["alternate"] = edition_roots(config.site_url, current, languages)
    if current is not languages[0] and config.nav:
        docs_dir = project / current.docs_dir
        config.nav = translate_nav(config.nav, settings.get("nav_labels", {}),
                                   lambda uri: (docs_dir / uri).is_file())
    return config


def on_page_context(context, page, config, nav):
    context["page_alternates"] = alternate_links(
        page.url, page.file.src_uri, _state["current"], _state["languages"], _state["project"])
    context["page_hreflang"] = hreflang_links(
        config.site_url, page.url, page.file.src_uri, _state["current"], _state["languages"], _state["project"])
    return context


def on_page_markdown(markdown, page, config, files):
    """On a translated page, a link to a page not translated yet leads to the original."""
    current, default = _state["current"], _state["languages"][0]
    if current is default:
        return markdown
    project = _state["project"]
    markdown = _freshness_notice(markdown, page, config.extra["page_index"], project, current, default)
    return mark_untranslated_links(
        markdown, page.file.src_uri,
        translated=lambda uri: (project / current.docs_dir / uri).is_file(),
        original=lambda uri: (project / default.docs_dir / uri).is_file())


def on_page_content(html, page, config, files):
    current, default = _state["current"], _state["languages"][0]
    if current is default:
        return html
    return resolve_untranslated_links(html, page.url, current, default)


def _freshness_notice(markdown, page, index, project, current, default):
    original = project / default.docs_dir / page.file.src_uri
    if not original.is_file():
        return markdown
    original_text = original.read_text(encoding="utf-8")
    source = index.get(page.file.src_uri)
    if source is None or not translation.is_stale(source.meta.get(translation.FIELD), original_text):
        return markdown
    alternates = alternate_links(page.url, page.file.src_uri, current, _state["languages"], project)
    link = next(a["link"] for a in alternates if a["lang"] == default.lang)
    history = _state["original_history"].get(f"{default.docs_dir}/{page.file.src_uri}")
    return translation.add_notice(markdown, current.lang, link, history.updated if history else None)
