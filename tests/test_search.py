"""Search through the real search box: each edition finds its own pages, and only those."""
from __future__ import annotations

import pytest

from browser import open_page

pytestmark = pytest.mark.browser


def search(context, server, edition_path: str, query: str) -> list[str]:
    page, report = open_page(context, server.root + edition_path, server.origin)
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material's search listens for key events, not for fill()
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    links = page.eval_on_selector_all(".md-search-result__item > a, .md-search-result__item a.md-search-result__link",
                                      "links => links.map(a => a.href.split('?')[0])")
    assert not report.problems(), report.problems()
    page.close()
    return [link[len(server.root):] for link in links]


def test_chinese_search_segments_words_inside_sentences(server, context):
    results = search(context, server, "", "交叉熵")
    assert any(r.startswith("ml/loss-functions/") for r in results), results
    assert not any(r.startswith("en/") for r in results), results


def test_chinese_search_finds_a_term_only_used_inside_running_text(server, context):
    results = search(context, server, "", "梯度消失")
    assert any(r.startswith("dl/gradient-problems/") for r in results), results


def test_english_search_returns_english_pages_only(server, context):
    results = search(context, server, "en/", "glossary")
    assert results and all(r.startswith("en/") for r in results), results
    assert any(r.startswith("en/glossary/") for r in results), results
