"""What keeps a math page steady and light on a phone (issue 14): the first screen's KaTeX fonts
are preloaded, so no formula is redrawn wider once its font arrives and nothing moves while the
page loads; blocks below the first screen are laid out lazily, and a hovered or focused block is
laid out plainly (its glossary tooltip must not be clipped)."""
from __future__ import annotations

import re

import pytest

from site_tools import math_fonts
from site_tools.katex import KATEX_DIR
from site_tools.math_fonts import FIRST_SCREEN_BLOCKS, Face, MathFontError, add_preloads, read_stylesheet
from site_tools.paths import REPO_ROOT

from browser import PHONE, new_context, open_page

KATEX_CSS = (KATEX_DIR / "dist" / "katex.min.css").read_text(encoding="utf-8")
# Math pages, and whether their first screen shows a formula (then its fonts are preloaded)
MATH_PAGES = [("ml/svm/", True), ("en/ml/svm/", True), ("nlp/transformer/", True),
              ("notebooks/hmm-viterbi/", True), ("en/nlp/bert/", False)]

RECORD_LAYOUT_SHIFTS = """window.__shifts = [];
new PerformanceObserver(list => { for (const entry of list.getEntries()) if (!entry.hadRecentInput)
  window.__shifts.push({value: entry.value, nodes: entry.sources.map(s => s.node ? s.node.nodeName : "?")}); })
  .observe({type: "layout-shift", buffered: true});"""


def _page(*blocks: str) -> str:
    return ('<html><head><link rel="stylesheet" href="../../assets/katex/katex.min.css"></head><body>'
            '<article class="md-content__inner md-typeset">' + "".join(blocks) + "</article></body></html>")


def test_the_font_of_each_katex_class_is_read_from_katexs_own_stylesheet():
    rules, files = read_stylesheet(KATEX_CSS)
    table = {selector: face for selector, face in rules}
    assert table[frozenset({"mathnormal"})] == Face("KaTeX_Math", italic=True)
    assert table[frozenset({"mathbf"})] == Face("KaTeX_Main", bold=True)
    assert table[frozenset({"delimsizing", "size1"})] == Face("KaTeX_Size1")
    assert table[frozenset({"mathbb"})] == Face("KaTeX_AMS")
    assert files[Face("KaTeX_Main")] == "fonts/KaTeX_Main-Regular.woff2"
    assert files[Face("KaTeX_Math", bold=True, italic=True)] == "fonts/KaTeX_Math-BoldItalic.woff2"
    for file in files.values():
        assert (KATEX_DIR / "dist" / file).is_file(), file


def test_a_stylesheet_without_katex_fonts_is_refused_with_a_one_line_error():
    with pytest.raises(MathFontError, match=r"^katex\.min\.css: no KaTeX @font-face"):
        read_stylesheet(".katex{color:red}")


def test_only_the_fonts_of_the_first_blocks_are_preloaded():
    rules, files = read_stylesheet(KATEX_CSS)
    plain = '<p><span class="katex"><span class="mord mathnormal">x</span></span></p>'
    bold = '<p><span class="katex"><span class="mord mathbf">w</span><img src="a.svg"/><br></span></p>'
    first = add_preloads(_page(bold, *[plain] * (FIRST_SCREEN_BLOCKS - 1)), rules, files)
    later = add_preloads(_page(*[plain] * FIRST_SCREEN_BLOCKS, bold), rules, files)
    href = re.compile(r'<link rel="preload" href="\.\./\.\./assets/katex/fonts/KaTeX_([\w-]+)\.woff2" as="font" '
                      r'type="font/woff2" crossorigin>')
    assert href.findall(first) == ["Main-Regular", "Main-Bold", "Math-Italic"]
    assert href.findall(later) == ["Main-Regular", "Math-Italic"]
    assert first.index("KaTeX_Main-Regular") < first.index("katex.min.css"), "preloads come before the stylesheet"
    no_math = _page("<p>text</p>" * FIRST_SCREEN_BLOCKS, plain)
    assert add_preloads(no_math, rules, files) == no_math, "math below the first screen preloads nothing"


def test_the_lazy_layout_rule_starts_where_the_preloaded_first_screen_ends():
    css = (REPO_ROOT / "overrides/assets/stylesheets/site.css").read_text(encoding="utf-8")
    rule = re.search(r"\.md-typeset > :nth-child\(n\+(\d+)\)[^{]*\{\s*content-visibility: auto;", css)
    assert rule, "site.css has no content-visibility rule for the article's blocks"
    assert int(rule.group(1)) == FIRST_SCREEN_BLOCKS + 1, (rule.group(0), math_fonts.__file__)


@pytest.mark.browser
@pytest.mark.parametrize(("path", "math_on_first_screen"), MATH_PAGES)
def test_a_math_page_does_not_move_while_it_loads_and_uses_every_font_it_preloads(path, math_on_first_screen,
                                                                                  server, browser):
    context = new_context(browser, **PHONE)
    context.add_init_script(RECORD_LAYOUT_SHIFTS)
    warnings = []
    context.on("console", lambda message: message.type in ("warning", "error") and warnings.append(message.text))
    page, report = open_page(context, server.root + path, server.origin)
    page.wait_for_timeout(500)  # a font swap lands after the load event; shifts are buffered
    shifts = page.evaluate("window.__shifts")
    assert sum(s["value"] for s in shifts) < 0.01, f"layout shift while {path} loads: {shifts}"
    preloaded = page.eval_on_selector_all('link[rel="preload"][as="font"]', "links => links.map(l => l.href)")
    assert bool(preloaded) == math_on_first_screen, f"{path} preloads {preloaded}"
    used = page.evaluate("""() => performance.getEntriesByType("resource")
        .filter(entry => entry.initiatorType === "link" && entry.name.endsWith(".woff2")).map(entry => entry.name)""")
    assert sorted(used) == sorted(preloaded), (used, preloaded)
    assert not [w for w in warnings if "preload" in w], warnings  # "preloaded but not used"
    assert not report.problems(), report.problems()
    context.close()


HIT_TEST_THE_TIP_EDGES = """tip => { const box = tip.getBoundingClientRect();
  const points = [[box.left + box.width / 2, box.top + 3], [box.left + box.width / 2, box.bottom - 3]];
  return points.every(([x, y]) => tip.contains(document.elementFromPoint(x, y))); }"""


@pytest.mark.browser
def test_blocks_below_the_first_screen_are_laid_out_lazily_and_plainly_when_hovered(server, browser):
    context = new_context(browser, viewport={"width": 1280, "height": 800})
    page, report = open_page(context, server.root + "ml/svm/", server.origin)
    visibility = page.eval_on_selector_all(
        "article.md-typeset > p", "blocks => blocks.map(b => getComputedStyle(b).contentVisibility)")
    assert visibility[0] == "visible" and visibility.count("auto") > 10, visibility
    overflowing = 0  # tooltips that reach beyond their paragraph: containment would clip those
    terms = page.locator("article.md-typeset > p:nth-child(n+8) .kb-term")
    for index in range(min(terms.count(), 12)):
        term = terms.nth(index)
        block = term.locator("xpath=ancestor::p[parent::article]")
        term.scroll_into_view_if_needed()
        page.mouse.move(0, 0)
        assert block.evaluate("b => getComputedStyle(b).contentVisibility") == "auto"
        term.hover()
        assert block.evaluate("b => getComputedStyle(b).contentVisibility") == "visible"
        tip = term.locator(".kb-term__tip")
        assert tip.is_visible()
        assert tip.evaluate(HIT_TEST_THE_TIP_EDGES), f"tooltip {index} is clipped or covered"
        box, paragraph = tip.bounding_box(), block.bounding_box()
        overflowing += box["y"] < paragraph["y"] or box["y"] + box["height"] > paragraph["y"] + paragraph["height"]
    assert overflowing, "no sampled tooltip reaches beyond its paragraph: the clipping check checked nothing"
    assert not report.problems(), report.problems()
    context.close()
