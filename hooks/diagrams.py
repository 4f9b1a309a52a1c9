"""MkDocs adapter for site_tools.diagrams: each Mermaid fence becomes a light and a dark SVG image
(drawn at build time, cached), copied into the edition's diagrams/ folder."""
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from site_tools.diagrams import DiagramError, DiagramRenderer, publish, replace_in_page
from site_tools.paths import repo_relative

log = logging.getLogger("mkdocs.hooks.diagrams")
_state = {}


def on_pre_build(config):
    _state.update(renderer=DiagramRenderer(), used=[])


def on_page_content(html, page, config, files):
    path = page.file.abs_src_path
    source = (lambda: Path(path).read_text(encoding="utf-8")) if path else None
    root = get_relative_url(".", page.url)
    root_link = "" if root == "." else root + "/"
    try:
        html, used = replace_in_page(html, _state["renderer"], repo_relative(path or page.file.src_uri),
                                     config.extra["i18n"]["language"], root_link, source)
    except DiagramError as error:
        raise PluginError(str(error)) from None
    _state["used"] += used
    return html


def on_post_build(config):
    renderer = _state.pop("renderer")
    renderer.close()
    publish(_state["used"], Path(config.site_dir))
    log.info(f"diagrams: {renderer.rendered} rendered, {renderer.reused} reused from cache")


def on_build_error(error):
    if renderer := _state.pop("renderer", None):
        renderer.close()
