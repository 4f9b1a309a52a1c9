"""MkDocs adapter for site_tools.navigation: the topic map on the home page."""
from site_tools.markdown_scan import short_title
from site_tools.navigation import TOPIC_MAP_MARKER, nav_groups, topic_map_markdown

_state = {}


def on_files(files, config):
    _state["titles"] = {f.src_uri: short_title(f.content_string) or f.src_uri for f in files.documentation_pages()}
    return files


def on_page_markdown(markdown, page, config, files):
    if TOPIC_MAP_MARKER in markdown:
        groups = [(label, uris) for label, uris in nav_groups(config.nav or []) if label]
        markdown = markdown.replace(TOPIC_MAP_MARKER, topic_map_markdown(groups, _state["titles"]))
    return markdown
