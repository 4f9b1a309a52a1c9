"""MkDocs adapter for site_tools.csp: the Content-Security-Policy of every page, computed from
its final HTML. Listed last among the hooks, so no hook changes a page after it is hashed."""
from pathlib import Path

from mkdocs.exceptions import PluginError

from site_tools.csp import CspError, add_policy, add_to_remaining_pages


def on_post_page(output, page, config):
    try:  # scripts in the page's own content (its Markdown) are never allowed
        return add_policy(output, untrusted_html=page.content or "")
    except CspError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


def on_post_build(config):
    try:  # the 404 page and redirect pages: after every plugin has written its files
        add_to_remaining_pages(Path(config.site_dir))
    except CspError as error:
        raise PluginError(str(error)) from None
