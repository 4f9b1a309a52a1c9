"""Figures: drawn from code, deterministic, in both themes and languages, used by pages."""
from __future__ import annotations

import re

import pytest
from test_diagrams import diagram_problems

from site_tools import figures
from site_tools.paths import REPO_ROOT

from site_map import edition_pages
from tour import page_check

REFERENCE = re.compile(r"\.\./figures/([A-Za-z0-9_-]+)\.svg")


def referenced_figures() -> dict[str, list[str]]:
    used: dict[str, list[str]] = {}
    for page in sorted((REPO_ROOT / "docs").rglob("*.md")):
        for name in REFERENCE.findall(page.read_text(encoding="utf-8")):
            used.setdefault(name, []).append(page.relative_to(REPO_ROOT).as_posix())
    return used


def test_every_figure_script_is_used_by_a_page_and_every_reference_has_a_script():
    scripts = set(figures.discover())
    used = referenced_figures()
    assert scripts - set(used) == set(), f"scripts no page shows: {sorted(scripts - set(used))}"
    assert set(used) - scripts == set(), f"pages show figures with no script: {sorted(set(used) - scripts)}"
    assert len(scripts) >= 25


def test_rendering_is_byte_for_byte_deterministic():
    script = figures.discover()["sigmoid"]
    first = figures.render_svg(script, "zh", "dark")
    second = figures.render_svg(script, "zh", "dark")
    assert first == second
    key = figures.figure_key(script)
    figures.render(["sigmoid"])
    assert figures.variant_path(key, "zh", "dark").read_bytes() == first


def test_chinese_labels_are_drawn_with_the_cjk_font():
    svg = figures.render_svg(figures.discover()["sigmoid"], "zh", "light").decode("utf-8")
    assert "NotoSansCJK" in svg.replace(" ", "").replace("-", "")
    assert "<text" not in svg  # text is drawn as glyph outlines: no font needed in the browser


def test_a_glyph_missing_from_the_font_fails_instead_of_drawing_tofu(tmp_path):
    (tmp_path / "style.py").write_text((REPO_ROOT / "figures_src/style.py").read_text())
    (tmp_path / "tofu.py").write_text(
        "from style import new_figure\n\ndef draw(lang):\n    fig, ax = new_figure()\n"
        "    ax.set_title('\\U0001F600 smile')\n    return fig\n")
    with pytest.raises(figures.FigureError, match="tofu"):
        figures.render(["tofu"], src_dir=tmp_path)


def test_a_raising_script_fails_with_its_name_and_traceback(tmp_path):
    (tmp_path / "style.py").write_text((REPO_ROOT / "figures_src/style.py").read_text())
    (tmp_path / "broken_plot.py").write_text("def draw(lang):\n    raise ValueError('no data for ' + lang)\n")
    with pytest.raises(figures.FigureError) as raised:
        figures.render(["broken-plot"], src_dir=tmp_path)
    message = str(raised.value)
    assert "figures_src/broken_plot.py" in message and "ValueError: no data for zh" in message
    assert "Traceback" in message
    key = figures.figure_key(tmp_path / "broken_plot.py", tmp_path)
    assert not figures.is_cached(key)


FIGURE = re.compile(r'<img[^>]+src="[^"]*figures/')
DIAGRAM = 'class="diagram"'


def _figures_and_diagrams(scheme: str):
    """What the figure and the diagram checks find on a page shown in ``scheme``: run by the
    tour on each page with figures or diagrams (one visit per page for both kinds of image)."""
    def run(page, path: str) -> dict[str, list[str]]:
        return {"figures": _figure_problems(page, path, scheme), "diagrams": diagram_problems(page, path, scheme)}
    return run


def _has_figures_or_diagrams(path: str, html: str) -> bool:
    return bool(FIGURE.search(html)) or DIAGRAM in html


for _scheme in ("light", "dark"):
    page_check(f"figures and diagrams ({_scheme})", _scheme, _has_figures_or_diagrams)(_figures_and_diagrams(_scheme))


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_figures_and_diagrams_show_the_variant_of_the_reader_theme(scheme, site_dir, tour):
    """One visit per page and scheme for both kinds of image (tests/test_diagrams.py checks the
    rest of diagrams); the pages are loaded in the reader's scheme by the tour (tests/tour.py)."""
    html = {p: (site_dir / p / "index.html").read_text(encoding="utf-8")
            for lang in ("zh", "en") for p in edition_pages(site_dir, lang)}
    with_figures = {p for p, text in html.items() if FIGURE.search(text)}
    with_diagrams = {p for p, text in html.items() if DIAGRAM in text}
    assert with_figures and len(with_diagrams) >= 20
    pages = sorted(with_figures | with_diagrams)
    visits = tour.visits(scheme)
    problems = []
    for path in pages:
        visit = visits[path]
        assert visit.report.url == tour.root + path
        problems += [f"{path}: {p}" for p in visit.report.problems()]
        found = visit.result(f"figures and diagrams ({scheme})")
        if path in with_figures:
            problems += found["figures"]
        if path in with_diagrams:
            problems += found["diagrams"]
    assert not problems, "\n".join(problems)


def _figure_problems(page, path: str, scheme: str) -> list[str]:
    shown = page.eval_on_selector_all(
        "article img[src*='figures/']",
        "imgs => imgs.filter(i => i.offsetParent !== null)"
        ".map(i => [i.getAttribute('src'), i.naturalWidth, i.alt])")
    problems = [] if shown else [f"{path}: no figure visible"]
    for src, width, alt in shown:
        if f".{scheme}.svg" not in src or width == 0 or not alt:
            problems.append(f"{path}: visible figure {src} (width {width}, alt {alt!r}) in {scheme} mode")
    return problems
