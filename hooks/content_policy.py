"""MkDocs adapter for site_tools.content_policy: a page that could run script or load a
third-party resource in a reader's browser fails the build, naming the file and line;
every external link on a page gets rel="noopener"."""
from pathlib import Path

from mkdocs.exceptions import PluginError

from site_tools.content_policy import (
    PolicyError,
    Source,
    add_noopener,
    check_front_matter,
    check_html,
    check_static_files,
)
from site_tools.paths import repo_relative


def on_files(files, config):
    docs_dir = Path(config.docs_dir).resolve()
    static = [Path(f.abs_src_path).resolve() for f in files if f.abs_src_path and not f.is_documentation_page()]
    ours = [repo_relative(path) for path in static if path.is_relative_to(docs_dir)]  # not the theme's
    try:
        check_static_files(ours)
        for page in config.extra["page_index"].values():
            check_front_matter(page.meta, Source(page.name, page.text))
    except PolicyError as error:
        raise PluginError(str(error)) from None
    return files


def on_page_content(html, page, config, files):
    source = config.extra["page_index"].get(page.file.src_uri)
    if source is None:
        return html
    sources = [Source(source.name, source.text)]
    if notebook := source.meta.get("notebook"):  # a notebook page shows the notebook's Markdown cells
        path = Path(config.config_file_path).resolve().parent / "notebooks" / str(notebook)
        if path.is_file():
            sources.append(Source(repo_relative(path), path.read_text(encoding="utf-8")))
    try:
        check_html(html, sources)
    except PolicyError as error:
        raise PluginError(str(error)) from None
    return html


def on_post_page(output, page, config):
    return add_noopener(output)  # the whole page: the theme's links (edit, repository) too
