"""Glossary tooltips (issue 16): the first occurrence of a glossary term on a topic page shows the
term in the other language, its definition and a link to the glossary entry, on hover, on focus
and on a tap; never inside code, math, headings or links; both editions."""
from __future__ import annotations

import re

import pytest

from site_tools.glossary import load
from site_tools.paths import TOPIC_FOLDERS
from site_tools.term_tooltips import TooltipMatcher, add_tooltips, tips_for_page

from browser import open_page

# (edition prefix, page, the term as the page writes it, the term in the other language)
SAMPLE = [
    ("", "nlp/hmm/", "马尔可夫链", "Markov chain"),
    ("", "ml/svm/", "拉格朗日乘子", "Lagrange multiplier"),
    ("", "llm/inference/", "量化", "quantization"),
    ("en/", "nlp/hmm/", "Markov chain", "马尔可夫链"),
    ("en/", "ml/svm/", "Lagrange multiplier", "拉格朗日乘子"),
    ("en/", "dl/dropout/", "overfitting", "过拟合"),
]


def _term(page, text: str):
    return page.locator(".kb-term", has_text=re.compile("^" + re.escape(text))).first


@pytest.mark.parametrize(("prefix", "path", "text", "other"), SAMPLE)
def test_a_term_shows_its_tooltip_on_hover_and_links_to_the_glossary(prefix, path, text, other, server, context):
    page, report = open_page(context, server.root + prefix + path, server.origin)
    term = _term(page, text)
    tip = term.locator(".kb-term__tip")
    assert not tip.is_visible(), "the tooltip shows before the reader asks for it"
    term.scroll_into_view_if_needed()
    term.hover()
    assert tip.is_visible()
    assert tip.locator(".kb-term__name").inner_text() == other
    assert len(tip.locator(".kb-term__def").inner_text()) > 5, "no definition in the tooltip"
    link = tip.locator("a.kb-term__more")
    href = link.get_attribute("href")
    assert re.fullmatch(r"(\.\./)+glossary/#term-[a-z0-9-]+", href), href
    link.click()
    page.wait_for_url(re.compile(r"/glossary/#term-"))
    anchor = href.split("#")[1]
    assert page.locator(f"#{anchor}").count() == 1, f"the glossary has no entry {anchor}"
    row = page.locator(f"tr:has(#{anchor})")
    assert other in row.inner_text() or text.split()[0].lower() in row.inner_text().lower()
    assert not report.problems(), report.problems()
    page.close()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_tap_or_keyboard_focus_shows_the_tooltip_on_a_phone(prefix, server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)
    page, report = open_page(context, server.root + prefix + "nlp/hmm/", server.origin)
    term = page.locator("article .kb-term").first
    term.scroll_into_view_if_needed()
    term.tap()
    tip = term.locator(".kb-term__tip")
    assert tip.is_visible()
    box, viewport = tip.bounding_box(), page.viewport_size
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], "the tooltip runs off the screen"
    page.keyboard.press("Tab")  # focus moves into the tooltip's glossary link, the tooltip stays
    assert tip.is_visible()
    assert not report.problems(), report.problems()
    context.close()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_terms_are_marked_once_and_never_in_code_math_headings_or_links(prefix, site_dir):
    forbidden = re.compile(r"<(code|pre|h[1-6]|a|summary)\b[^>]*>(?:(?!</\1>).)*class=\"kb-term\"", re.S)
    for html_file in sorted((site_dir / prefix).glob("*/*/index.html")):
        if html_file.parts[-3] not in TOPIC_FOLDERS:
            continue
        text = html_file.read_text(encoding="utf-8")
        article = text[text.index("<article"):text.index("</article>")]
        names = re.findall(r'<span class="kb-term__name" lang="\w+">([^<]*)</span>', article)
        assert len(names) == len(set(names)), f"{html_file}: a term is marked twice"
        assert not forbidden.search(article), f"{html_file}: a tooltip inside code, a heading, a link or a summary"


def test_the_matcher_finds_chinese_terms_without_spaces_and_skips_code_math_and_links():
    terms = load()
    matcher = TooltipMatcher(terms, "zh")
    html = ('<p>使用逻辑回归和逻辑回归。<code>逻辑回归</code><a href="x">过拟合</a>'
            '<span class="arithmatex">\\(过拟合\\)</span>防止过拟合</p><h2>支持向量机</h2><p>支持向量机</p>')
    out, count = add_tooltips(html, matcher, tips_for_page(terms, "zh", "nlp/hmm.md", "../../glossary/"))
    assert count == 3
    assert out.count('class="kb-term"') == 3
    assert "<code>逻辑回归</code>" in out and '<a href="x">过拟合</a>' in out and "<h2>支持向量机</h2>" in out
    assert "\\(过拟合\\)" in out
    assert re.search(r'<span class="kb-term"[^>]*>逻辑回归<span', out)  # the longest term, not 回归


def test_the_matcher_finds_english_terms_as_whole_words_with_plurals_and_capitals():
    terms = load()
    matcher = TooltipMatcher(terms, "en")
    html = "<p>Overfitting hurts. Lagrange multipliers help. <code>dropout</code> overfittingly</p>"
    out, count = add_tooltips(html, matcher, tips_for_page(terms, "en", "ml/svm-not.md", "../../glossary/"))
    marked = re.findall(r'<span class="kb-term"[^>]*>([^<]*)<', out)
    assert "Overfitting" in marked and "Lagrange multipliers" in marked
    assert count == 2 and "<code>dropout</code>" in out
    assert "overfittingly" in out and out.count('class="kb-term"') == 2
