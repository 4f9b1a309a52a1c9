"""MkDocs adapter for site_tools.notebooks: a page whose front matter says
``notebook: name.py`` shows that notebook from notebooks/, executed (or from the cache)."""
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from site_tools import notebooks
from site_tools.cache import atomic_write, cache_dir, content_key, holds

log = logging.getLogger("mkdocs.hooks.notebooks")
LABELS = {
    "zh": {"figure": "代码输出的图", "download": "下载 .ipynb", "source": "查看源文件"},
    "en": {"figure": "Figure produced by the code", "download": "Download .ipynb", "source": "View source"},
}
_pages = {}


def on_files(files, config):
    lang = config.extra["i18n"]["language"]
    folder = Path(config.config_file_path).resolve().parent / "notebooks"
    _pages.clear()
    executed = reused = 0
    for page in config.extra["page_index"].values():
        if "notebook" not in page.meta:
            continue
        if not page.title:
            raise PluginError(f"{page.name}: a notebook page needs its title as a '# ' heading")
        source = folder / str(page.meta["notebook"])
        if not source.is_file():
            raise PluginError(f"{page.name}: notebook {page.meta['notebook']!r} not found in notebooks/")
        stem = Path(page.uri).with_suffix("")
        try:
            execution = notebooks.execute(source)
            rendered = notebooks.render(source, lang, execution, stem.name, LABELS[lang])
        except notebooks.NotebookError as error:
            raise PluginError(str(error)) from None
        executed, reused = executed + (not execution["from_cache"]), reused + execution["from_cache"]
        outputs = cache_dir("notebook-pages")
        for name, data in {**rendered.images, f"{source.stem}.ipynb": rendered.ipynb.encode("utf-8")}.items():
            key = content_key(data)
            stored = outputs / f"{key}{Path(name).suffix}"
            if not holds(stored, key):  # missing, or damaged: (re)written
                atomic_write(stored, data)
            files.append(File.generated(config, (stem.parent / name).as_posix(), abs_src_path=str(stored)))
        _pages[page.uri] = (source, rendered)
    log.info(f"notebooks: {executed} executed, {reused} reused from cache")
    return files


LIST_MARKER = "<!-- notebook-list -->"


def on_page_markdown(markdown, page, config, files):
    if LIST_MARKER in markdown:
        folder = Path(page.file.src_uri).parent
        index = config.extra["page_index"]
        items = [f"- [{index[uri].title}]({Path(uri).relative_to(folder).as_posix()})"
                 for uri in sorted(_pages) if Path(uri).parent == folder]
        return markdown.replace(LIST_MARKER, "\n".join(items))
    if page.file.src_uri not in _pages:
        return markdown
    source, rendered = _pages[page.file.src_uri]
    labels = LABELS[config.extra["i18n"]["language"]]
    repo_file = f"{config.repo_url.rstrip('/')}/blob/main/notebooks/{source.name}"
    page.edit_url = f"{config.repo_url.rstrip('/')}/edit/main/notebooks/{source.name}"
    # the page's own H1 (in the stub) is the title; the notebook's first heading is dropped
    title, _, intro = markdown.strip().partition("\n")
    first, _, body = rendered.markdown.partition("\n")
    if not first.startswith("# "):
        body = rendered.markdown
    actions = (f'[:material-download: {labels["download"]}]({source.stem}.ipynb){{ .md-button download }} '
               f'[:material-github: {labels["source"]}]({repo_file}){{ .md-button }}')
    return "\n\n".join(part for part in (title, actions, intro.strip(), body) if part)
