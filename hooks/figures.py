"""MkDocs adapter for site_tools.figures: render figures before the pages, serve the variants
for this edition's language, and expand each figure reference into light and dark images."""
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from site_tools.figures import THEMES, FigureError, expand_references, render, svg_size, variant_path
from site_tools.paths import repo_relative

log = logging.getLogger("mkdocs.hooks.figures")
_state = {}


def on_files(files, config):
    try:
        report = render(src_dir=Path(config.config_file_path).resolve().parent / "figures_src")
    except FigureError as error:
        raise PluginError(str(error)) from None
    log.info(f"figures: {len(report.rendered)} rendered, {len(report.reused)} reused from cache")
    lang = config.extra["i18n"]["language"]
    for name, key in report.keys.items():
        for theme in THEMES:
            files.append(File.generated(config, f"figures/{name}.{theme}.svg",
                                        abs_src_path=str(variant_path(key, lang, theme))))
    try:
        _state["sizes"] = {name: svg_size(variant_path(key, lang, "light")) for name, key in report.keys.items()}
    except FigureError as error:
        raise PluginError(str(error)) from None
    return files


def on_page_markdown(markdown, page, config, files):
    source = config.extra["page_index"].get(page.file.src_uri)
    name, first_line = (source.name, source.first_line) if source else (repo_relative(page.file.abs_src_path), 1)
    try:
        return expand_references(markdown, _state["sizes"], name, first_line)
    except FigureError as error:
        raise PluginError(str(error)) from None
