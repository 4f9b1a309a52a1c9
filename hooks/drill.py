"""MkDocs adapter for site_tools.drill: the drill page's skeleton and its question data."""
from pathlib import Path

from mkdocs.exceptions import PluginError

from site_tools.cache import atomic_write
from site_tools.drill import (
    DATA_FILE,
    DRILL_MARKER,
    DrillError,
    Topic,
    app_html,
    data_json,
    drill_data,
    questions_from_page,
)
from site_tools.navigation import nav_groups

DRILL_PAGE = "drill.md"
_state = {}


def on_files(files, config):
    titles = {uri: source.short_title or uri for uri, source in config.extra["page_index"].items()}
    topics = []
    for label, uris in nav_groups(config.nav or []):
        section = label.split(" · ")[0]
        for uri in uris:
            if uri in titles and uri != DRILL_PAGE and "/" in uri:
                topics.append(Topic(uri.removesuffix(".md"), titles[uri], section, uri.removesuffix(".md") + "/"))
    _state.update(topics=topics, by_uri={t.key + ".md": t for t in topics}, questions={},
                  has_drill=files.get_file_from_path(DRILL_PAGE) is not None)
    return files


def on_page_markdown(markdown, page, config, files):
    if DRILL_MARKER in markdown:
        markdown = markdown.replace(DRILL_MARKER, app_html(config.extra["i18n"]["language"]))
    return markdown


def on_post_page(output, page, config):
    topic = _state["by_uri"].get(page.file.src_uri)
    if topic:
        _state["questions"][topic.key] = questions_from_page(output, topic, "drill/")
    return output


def on_post_build(config):
    if not _state.get("has_drill"):
        return
    lang = config.extra["i18n"]["language"]
    try:
        data = drill_data(lang, _state["topics"], _state["questions"], "drill/")
    except DrillError as error:
        raise PluginError(str(error)) from None
    atomic_write(Path(config.site_dir) / "drill" / DATA_FILE, data_json(data))
