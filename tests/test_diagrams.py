"""Diagrams: every ```mermaid fence is drawn at build time into a light and a dark SVG image;
no page ships Mermaid, a diagram that does not parse fails the build at its line, and the same
source gives the same bytes."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from site_tools import diagrams
from site_tools.build import BuildError
from site_tools.paths import REPO_ROOT

from support import build_project, make_project

PAGE = """# 图

说明。

!!! note "框里的图"

    ```mermaid
    flowchart LR
        A["输入 x"] --> B["输出 y"]
    ```

````markdown
```mermaid
flowchart LR
    X --> Y
```
````

```mermaid
sequenceDiagram
    Alice->>Bob: 你好
```
"""


def test_fences_are_found_with_their_lines_also_indented_but_not_inside_examples():
    found = diagrams.find_diagrams(PAGE, "p.md")
    assert [(d.line, d.source.splitlines()[0]) for d in found] == [(7, "flowchart LR"), (19, "sequenceDiagram")]
    assert found[0].source == 'flowchart LR\n    A["输入 x"] --> B["输出 y"]'


def test_source_pages_have_diagrams():
    assert len(diagrams.scan([REPO_ROOT / "docs"])) >= 40


def _render_cli(folder, cache):
    env = dict(os.environ, KB_CACHE_DIR=str(cache))
    return subprocess.run([sys.executable, "-m", "site_tools.diagrams", str(folder)], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True)


@pytest.mark.slow
def test_the_same_source_gives_the_same_bytes_and_a_warm_run_draws_nothing(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "p.md").write_text(PAGE, encoding="utf-8")
    first, second = tmp_path / "cache1", tmp_path / "cache2"
    for cache in (first, second):
        result = _render_cli(tmp_path / "docs", cache)
        assert result.returncode == 0, result.stderr
        assert "diagrams: 2 rendered, 0 reused" in result.stderr
    files = sorted(p.relative_to(first) for p in first.rglob("*.svg"))
    assert len(files) == 4
    for relative in files:
        assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative
    svg = (first / files[0]).read_text(encoding="utf-8")
    assert 'width="' in svg.split(">", 1)[0] and "<script" not in svg
    warm = _render_cli(tmp_path / "docs", first)
    assert "diagrams: 0 rendered, 2 reused" in warm.stderr


@pytest.mark.slow
def test_a_diagram_that_does_not_parse_fails_the_build_naming_file_and_line(tmp_path, capfd):
    bad = "# 坏图\n\n文字\n\n```mermaid\nflowchart LR\n    A --> B\n    B --> [[C\n```\n"
    root = make_project(tmp_path / "p", {"index.md": "# 首页\n", "bad.md": bad})
    with pytest.raises(BuildError) as raised:
        build_project(root)
    message = str(raised.value)
    assert "docs/zh/bad.md:8: Mermaid cannot draw this diagram" in message, message
    assert "Traceback" not in message
    assert not (root / "site").exists(), "a failed build must not leave a site behind"


def test_no_page_ships_mermaid(site_dir):
    scripts = [p for p in site_dir.rglob("*.js") if "mermaid" in p.name.lower()]
    assert not scripts, scripts
    leftovers = [p for p in site_dir.rglob("*.html") if 'class="mermaid"' in p.read_text(encoding="utf-8")]
    assert not leftovers, f"diagram source left for the browser on {leftovers}"


def diagram_problems(page, path: str, scheme: str) -> list[str]:
    """What is wrong with the diagrams of a loaded page in the given colour scheme (run by the
    theme test in tests/test_figures.py, which visits every page with figures or diagrams once)."""
    problems = []
    shown = page.eval_on_selector_all(
        "article figure.diagram img",
        "imgs => imgs.filter(i => i.offsetParent !== null)"
        ".map(i => [i.getAttribute('src'), i.naturalWidth, i.alt])")
    hidden = page.eval_on_selector_all("article figure.diagram img", "imgs => imgs.length") - len(shown)
    if not shown or hidden != len(shown):
        problems.append(f"{path}: {len(shown)} diagram images visible, {hidden} hidden (want one per theme)")
    for src, width, alt in shown:
        if not re.search(rf"diagrams/[0-9a-f]{{16}}\.{scheme}\.svg", src) or width == 0 or not alt:
            problems.append(f"{path}: visible diagram {src} (width {width}, alt {alt!r}) in {scheme} mode")
    requested = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    if any("mermaid" in url for url in requested):
        problems.append(f"{path}: requested Mermaid")
    return problems
