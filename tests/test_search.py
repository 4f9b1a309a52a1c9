"""Search through the real search box: each edition finds its own pages, and only those."""
from __future__ import annotations

import pytest

from browser import open_page, wait_until

pytestmark = pytest.mark.browser


RESULT_LINKS = ".md-search-result__item > a, .md-search-result__item a.md-search-result__link"
# the same, among the results of the latest query only (SearchBox marks those of the previous one)
NEW_RESULT_LINKS = ", ".join(".md-search-result__item:not([data-previous-query])" + link.removeprefix(
    ".md-search-result__item") for link in RESULT_LINKS.split(", "))


class SearchBox:
    """The search box of one page of an edition, for one query after another, as a reader who
    searches again: the index is downloaded and built once for all of them."""

    def __init__(self, context, server, edition_path: str):
        self.server = server
        self.page, self.report = open_page(context, server.root + edition_path, server.origin)

    def search(self, query: str) -> list[str]:
        """Type ``query``; the result links (page paths with their #section), in order."""
        # the results of the previous query stay on screen until the new ones replace them
        self.page.evaluate("document.querySelectorAll('.md-search-result__item')"
                           ".forEach(item => item.dataset.previousQuery = 'true')")
        box = self.page.locator("input.md-search__input")
        box.fill(query)
        box.press("End")  # Material's search listens for key events, not for fill()
        self.page.wait_for_selector(".md-search-result__item:not([data-previous-query])", timeout=10_000)
        links = self.page.eval_on_selector_all(NEW_RESULT_LINKS, "links => links.map(a => a.href.split('?')[0])")
        assert not self.report.problems(), self.report.problems()
        return [link[len(self.server.root):] for link in links]

    def close(self):
        self.page.close()


def search(context, server, edition_path: str, query: str) -> list[str]:
    """One query typed into the search box of a freshly loaded page of the edition."""
    box = SearchBox(context, server, edition_path)
    results = box.search(query)
    box.close()
    return results


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


def _index_requests(page) -> list[str]:
    return page.evaluate("performance.getEntriesByType('resource').map(e => e.name)"
                         ".filter(name => name.includes('search_index'))")


@pytest.mark.parametrize("start", ["/", "s", "click"])
def test_the_index_is_downloaded_only_when_the_reader_starts_to_search(server, context, start):
    page, report = open_page(context, server.root + "ml/svm/", server.origin)
    page.wait_for_timeout(300)
    assert _index_requests(page) == [], "a page view downloaded the search index"
    if start == "click":
        page.click("input.md-search__input")
    else:
        page.keyboard.press(start)
    wait_until(page, "performance.getEntriesByType('resource').some(e => e.name.includes('search_index'))",
               timeout_ms=10_000)
    assert _index_requests(page) == [server.root + "search/search_index.json"]
    assert not report.problems(), report.problems()
    page.close()


def test_a_shared_search_link_runs_its_query(server, context):
    page, report = open_page(context, server.root + "?q=" + "交叉熵", server.origin)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert not report.problems(), report.problems()
    page.close()


def test_the_index_is_written_as_utf8(site_dir):
    for prefix in ("", "en/"):
        text = (site_dir / prefix / "search/search_index.json").read_text(encoding="utf-8")
        assert "\\u" not in text.replace("\\\\", ""), f"{prefix}search_index.json has \\u escapes"
