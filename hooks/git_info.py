"""MkDocs adapter for site_tools.git_info: last-updated date and contributors on every page."""
from pathlib import Path

from site_tools.git_info import collect

_history = {}
_project = {}


def on_config(config):
    project = Path(config.config_file_path).resolve().parent
    _project["root"] = project
    _history.clear()
    _history.update(collect(project, "docs"))
    return config


def on_page_context(context, page, config, nav):
    source = Path(page.file.abs_src_path or "")
    try:
        key = source.resolve().relative_to(_project["root"]).as_posix()
    except ValueError:
        return context
    if history := _history.get(key):
        context["page_updated"] = history.updated.strftime("%Y-%m-%d")
        context["page_authors"] = history.authors
    return context
