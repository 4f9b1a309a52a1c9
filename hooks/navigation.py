"""MkDocs adapter for site_tools.navigation: the topic map on the home page."""
from site_tools.navigation import TOPIC_MAP_MARKER, nav_groups, topic_map_markdown


def on_page_markdown(markdown, page, config, files):
    if TOPIC_MAP_MARKER in markdown:
        titles = {uri: source.short_title or uri for uri, source in config.extra["page_index"].items()}
        groups = [(label, uris) for label, uris in nav_groups(config.nav or []) if label]
        markdown = markdown.replace(TOPIC_MAP_MARKER, topic_map_markdown(groups, titles))
    return markdown
