"""MkDocs adapter for site_tools.katex (every formula becomes KaTeX HTML at build time) and
site_tools.math_fonts (early requests for the fonts of a page's first formulas)."""
import logging

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from site_tools.katex import KatexRenderer, MathError
from site_tools.math_fonts import add_preloads
from site_tools.paths import repo_relative

log = logging.getLogger("mkdocs.hooks.math")
_state = {}


def on_pre_build(config):
    try:
        _state["renderer"] = KatexRenderer()
    except MathError as error:
        raise PluginError(str(error)) from None


def on_post_page(output, page, config):
    source = config.extra["page_index"].get(page.file.src_uri)
    name = source.name if source else repo_relative(page.file.abs_src_path or page.file.src_uri)
    try:  # the source only serves to give the line of a formula KaTeX rejects
        output = _state["renderer"].render_page(output, name, source.text if source else None)
    except MathError as error:
        raise PluginError(str(error)) from None
    return add_preloads(output, get_relative_url("assets/katex/fonts", page.url))


def on_post_build(config):
    renderer = _state.pop("renderer")
    renderer.close()
    log.info(f"math: {renderer.rendered} formulas rendered, {renderer.reused} reused from cache")


def on_build_error(error):
    if renderer := _state.pop("renderer", None):
        renderer.close()
