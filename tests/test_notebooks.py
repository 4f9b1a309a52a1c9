"""Notebooks: executed at build time, shown with their outputs, failing loudly, cached."""
from __future__ import annotations

import pytest

from site_tools import notebooks
from site_tools.paths import REPO_ROOT

from site_map import edition_pages
from tour import page_check

FAILING = REPO_ROOT / "tests" / "fixtures" / "failing_notebook.py"


@pytest.mark.slow
def test_a_failing_cell_is_named_with_its_lines_and_traceback():
    with pytest.raises(notebooks.NotebookError) as raised:
        notebooks.execute(FAILING)
    message = str(raised.value)
    assert "tests/fixtures/failing_notebook.py" in message
    assert "cell 4 (lines 10-13)" in message
    assert "NameError" in message and "missing_name_on_purpose" in message
    key = notebooks.execution_key(FAILING, notebooks.read(FAILING))
    assert not (notebooks.cache_dir("notebooks") / f"{key}.json").exists(), "a failed run must not be cached"


def test_the_cache_key_follows_code_not_prose(tmp_path):
    source = tmp_path / "nb.py"
    source.write_text('# %% [markdown] lang="zh"\n# # 标题\n\n# %%\nx = 1\n')
    key = notebooks.execution_key(source, notebooks.read(source))
    source.write_text('# %% [markdown] lang="zh"\n# # 新标题，新的说明\n\n# %%\nx = 1\n')
    assert notebooks.execution_key(source, notebooks.read(source)) == key
    source.write_text('# %% [markdown] lang="zh"\n# # 标题\n\n# %%\nx = 2\n')
    assert notebooks.execution_key(source, notebooks.read(source)) != key


def test_every_notebook_has_a_page_and_a_warm_run_executes_nothing(site_dir):
    results = notebooks.execute_all()
    assert len(results) >= 12
    assert all(result["from_cache"] for result in results.values())
    pages = {p for p in edition_pages(site_dir, "zh") if p.startswith("notebooks/") and p != "notebooks/"}
    assert len(pages) == len(results)


def _is_notebook_page(path: str, html: str = "") -> bool:
    return path.startswith("notebooks/") and path != "notebooks/"


@page_check("notebook", applies=_is_notebook_page)
def _notebook_problems(page, path: str) -> list[str]:
    problems = []
    if page.locator(".nb-output").count() == 0:
        problems.append(f"{path}: no output shown")
    if page.locator("a[download][href$='.ipynb']").count() != 1:
        problems.append(f"{path}: no .ipynb download link")
    if page.locator(".katex-error").count():
        problems.append(f"{path}: KaTeX error")
    text = page.locator("article").inner_text()
    if "Traceback" in text or "Error:" in text:
        problems.append(f"{path}: error output on the page")
    return problems


@pytest.mark.browser
def test_notebook_pages_show_outputs_images_and_a_download(site_dir, tour):
    pages = [p for p in edition_pages(site_dir, "zh") if _is_notebook_page(p)]
    visits = tour.visits("light")
    problems = []
    for path in pages:
        visit = visits[path]
        assert visit.report.url == tour.root + path
        problems += [f"{path}: {p}" for p in visit.report.problems()]
        problems += visit.result("notebook")
    assert not problems, "\n".join(problems)
