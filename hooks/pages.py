"""MkDocs adapter for site_tools.pages: read every page once, before any other hook needs it.

The index is kept in ``config.extra["page_index"]`` (src_uri -> PageSource) for the other
hooks, and MkDocs renders each page from it instead of reading the file again."""
from mkdocs.exceptions import PluginError

from site_tools.pages import PageError, load_index

INDEX = "page_index"


def on_files(files, config):
    pages = {f.src_uri: f for f in files.documentation_pages() if f.abs_src_path}
    try:
        index = load_index((uri, file.abs_src_path) for uri, file in pages.items())
    except PageError as error:
        raise PluginError(str(error)) from None
    for uri, file in pages.items():
        path = file.abs_src_path
        file.content_string = index[uri].mkdocs_source()
        file.abs_src_path = path  # the content setter forgets it; edit links and messages need it
    config.extra[INDEX] = index
    return files


def on_page_markdown(markdown, page, config, files):
    if source := config.extra[INDEX].get(page.file.src_uri):
        page.meta = dict(source.meta)  # parsed once by the index (MkDocs only saw an empty block)
    return markdown
