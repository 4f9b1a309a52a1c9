"""MkDocs adapter for site_tools.notebooks: a page whose front matter says
``notebook: name.py`` shows that notebook from notebooks/, executed (or from the cache)."""
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from site_tools import notebooks
from site_tools.cache import atomic_write, cache_dir, content_key
from site_tools.lint import front_matter
from site_tools.markdown_scan import page_title

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
    for file in list(files.documentation_pages()):
        meta = front_matter(file.content_string) or {}
        if "notebook" not in meta:
            continue
        if not page_title(file.content_string):
            raise PluginError(f"{file.src_uri}: a notebook page needs its title as a '# ' heading")
        source = folder / meta["notebook"]
        if not source.is_file():
            raise PluginError(f"{file.src_uri}: notebook {meta['notebook']!r} not found in notebooks/")
        stem = Path(file.src_uri).with_suffix("")
        try:
            execution = notebooks.execute(source)
            rendered = notebooks.render(source, lang, execution, stem.name, LABELS[lang])
        except notebooks.NotebookError as error:
            raise PluginError(str(error)) from None
        executed, reused = executed + (not execution["from_cache"]), reused + execution["from_cache"]
        outputs = cache_dir("notebook-pages")
        for name, data in {**rendered.images, f"{source.stem}.ipynb": rendered.ipynb.encode("utf-8")}.items():
            stored = outputs / f"{content_key(data)}{Path(name).suffix}"
            if not stored.exists():
                atomic_write(stored, data)
            files.append(File.generated(config, (stem.parent / name).as_posix(), abs_src_path=str(stored)))
        _pages[file.src_uri] = (source, rendered)
    log.info(f"notebooks: {executed} executed, {reused} reused from cache")
    return files


LIST_MARKER = "<!-- notebook-list -->"


def on_page_markdown(markdown, page, config, files):
    if LIST_MARKER in markdown:
        folder = Path(page.file.src_uri).parent
        pages = {f.src_uri: f for f in files.documentation_pages()}
        items = [f"- [{page_title(pages[uri].content_string)}]({Path(uri).relative_to(folder).as_posix()})"
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
