"""What keeps a math page steady and light on a phone (issue 14): nothing on the first screen moves
more than Core Web Vitals' "good" limit while the page and its KaTeX fonts load, and the fonts it
asks for early are fonts it uses; blocks below the first screen are laid out lazily, and a hovered
or focused block is laid out plainly (its glossary tooltip must not be clipped); Material's
start-up does not restyle the whole page for its palette or its tables."""
from __future__ import annotations

import pytest

from browser import PHONE, new_context, open_page

MATH_PAGES = ["ml/svm/", "en/ml/svm/", "nlp/transformer/", "notebooks/hmm-viterbi/", "en/nlp/bert/"]
# Core Web Vitals' limit for a "good" cumulative layout shift. A formula is laid out with fallback
# metrics until its KaTeX font arrives; the fonts of the first screen are asked for early, at low
# priority (site_tools/math_fonts.py), so a math page should hardly move, never more than this.
GOOD_LAYOUT_SHIFT = 0.1
# The KaTeX font files the page asked for early, and those it has used so far (file names).
PRELOADED_FONTS = """[...document.querySelectorAll("link[rel=preload][as=font]")]
  .map(link => link.href.split("/").pop().replace(".woff2", ""))"""
USED_FONTS = """async () => { await document.fonts.ready;
  const suffix = f => (f.weight === "700" ? "Bold" : "") + (f.style === "italic" ? "Italic" : "") || "Regular";
  return [...document.fonts].filter(f => f.status === "loaded" && f.family.startsWith("KaTeX"))
    .map(f => `${f.family}-${suffix(f)}`); }"""

RECORD_LAYOUT_SHIFTS = """window.__shifts = [];
new PerformanceObserver(list => { for (const entry of list.getEntries()) if (!entry.hadRecentInput)
  window.__shifts.push({value: entry.value, nodes: entry.sources.map(s => s.node ? s.node.nodeName : "?")}); })
  .observe({type: "layout-shift", buffered: true});"""


@pytest.mark.browser
@pytest.mark.parametrize("path", MATH_PAGES)
def test_a_math_page_moves_less_than_the_good_layout_shift_limit_while_it_loads(path, server, browser):
    context = new_context(browser, **PHONE)
    context.add_init_script(RECORD_LAYOUT_SHIFTS)
    page, report = open_page(context, server.root + path, server.origin)
    page.wait_for_timeout(500)  # a font swap lands after the load event; shifts are buffered
    shifts = page.evaluate("window.__shifts")
    assert sum(s["value"] for s in shifts) < GOOD_LAYOUT_SHIFT, f"layout shift while {path} loads: {shifts}"
    preloaded, used = page.evaluate(PRELOADED_FONTS), page.evaluate(USED_FONTS)
    if path.endswith("ml/svm/"):  # formulas from its first paragraph on (en/nlp/bert/ has none up there)
        assert preloaded, f"{path} asks for no KaTeX font early"
    assert set(preloaded) <= set(used), f"{path} asked early for fonts it does not use: {set(preloaded) - set(used)}"
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


SWITCHING_RULES = """() => { const all = rules => [...rules].flatMap(r => [r, ...(r.cssRules ? all(r.cssRules) : [])]);
  return [...document.styleSheets].flatMap(sheet => all(sheet.cssRules))
    .map(rule => rule.selectorText || "").filter(selector => selector.includes("data-md-color-switching")); }"""
DARK_FIGURE_SHOWN = """() => [...document.querySelectorAll("article img[src*='.dark.svg']")]
  .some(img => img.getBoundingClientRect().width > 0)"""
ROOT_SCHEME = "getComputedStyle(document.documentElement).colorScheme"


@pytest.mark.browser
def test_the_theme_switch_works_without_the_parts_of_material_that_restyle_every_element(server, browser):
    # Material marks <body> with data-md-color-switching as every page starts; a rule on
    # "[data-md-color-switching] *" made that restyle all 25,000 elements of ml/svm twice.
    # Its <meta name="color-scheme"> did the same twice more; site.css sets the root's scheme instead.
    context = new_context(browser, **PHONE, color_scheme="light")
    page, report = open_page(context, server.root + "ml/svm/", server.origin)
    assert page.evaluate(SWITCHING_RULES) == []
    assert page.locator("meta[name=color-scheme]").count() == 0
    assert page.evaluate(ROOT_SCHEME) == "light"
    assert not page.evaluate(DARK_FIGURE_SHOWN)
    for _ in range(3):
        if page.get_attribute("body", "data-md-color-scheme") == "slate":
            break
        page.locator("[data-md-component=palette] label:not([hidden])").click()
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    page.wait_for_timeout(400)  # colours now fade (Material's 125–250 ms transitions)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert sum(map(int, background[background.index("(") + 1:-1].split(",")[:3])) < 200, background
    assert page.evaluate(DARK_FIGURE_SHOWN), "the dark variant of the figures is not shown in dark mode"
    assert page.evaluate(ROOT_SCHEME) == "dark", "the page root (scrollbar, canvas) stayed light"
    assert not report.problems(), report.problems()
    context.close()


# Records every element inserted into the article once the page is parsed, from the first
# DOMContentLoaded listener on (installed before any script of the page, so before Material's).
RECORD_ARTICLE_INSERTIONS = """window.__inserted = [];
document.addEventListener("DOMContentLoaded", () => new MutationObserver(records => {
  for (const record of records) for (const node of record.addedNodes)
    if (node.nodeType === 1 && node.closest("article")) window.__inserted.push(node.className || node.tagName);
}).observe(document, {childList: true, subtree: true}));"""
TABLES = """() => [...document.querySelectorAll("article table:not([class])")].map(table =>
  table.parentElement.matches(".md-typeset__table")
  && table.parentElement.parentElement.matches(".md-typeset__scrollwrap")
  && !table.closest(".md-typeset__scrollwrap").parentElement.closest(".md-typeset__scrollwrap"))"""


@pytest.mark.browser
def test_tables_come_wrapped_from_the_build_and_materials_script_leaves_them_alone(server, browser):
    # Material's script wrapped each table as the page started, which restyled every block after it.
    context = new_context(browser, **PHONE)
    context.add_init_script(RECORD_ARTICLE_INSERTIONS)
    page, report = open_page(context, server.root + "ml/svm/", server.origin)
    wrapped = page.evaluate(TABLES)
    assert len(wrapped) >= 5 and all(wrapped), wrapped
    inserted = page.evaluate("window.__inserted.filter(name => /scrollwrap|md-typeset__table|TABLE/.test(name))")
    assert inserted == [], f"tables wrapped after the build: {inserted}"
    assert page.evaluate("document.querySelector('article table').getBoundingClientRect().width") > 0
    assert not report.problems(), report.problems()
    context.close()
