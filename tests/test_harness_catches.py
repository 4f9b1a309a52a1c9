"""The browser checks can fail: a third-party request and a missing image are each caught (in
throw-away projects, never in docs/). What the build itself refuses (broken links and anchors,
missing images and figures, bad formulas, ...) is the bad-input matrix, tests/test_bad_input.py.
A tour made by another pytest-xdist worker reaches the tests as it was, failures included."""
from __future__ import annotations

import re

import pytest

from browser import PageReport, SiteServer, new_context, open_page, visit_pages
from support import build_project, make_project
from tour import PublishedTour, Visit, _publish

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')


def _reports(tmp_path, browser, pages: dict[str, str], injected: dict[str, str] | None = None) -> dict:
    """Build a throw-away project with ``pages`` and load each in Chromium: (context kind, path)
    -> report, for both kinds of context the tests use: without the HTTP cache (request
    interception, the default) and with it (tests/tour.py, the ``context`` fixture), whose
    pages load one after another in one reused tab (visit_pages), as the tour loads them.
    ``injected`` (page path -> HTML) is added to the built page's <head>, past the build's
    checks, and that page's Content-Security-Policy is removed (it would block the snippet)."""
    site = build_project(make_project(tmp_path / "p", {"index.md": "# 首页\n", **pages}))
    for path, snippet in (injected or {}).items():
        built = site / path / "index.html"
        html = POLICY.sub("", built.read_text(encoding="utf-8")).replace("</head>", snippet + "</head>", 1)
        built.write_text(html, encoding="utf-8")
    reports = {}
    with SiteServer(site) as server:
        paths = [""] + [uri.removesuffix(".md") + "/" for uri in pages]
        context = new_context(browser)
        reports |= {("fresh", path): open_page(context, server.root + path, server.origin)[1] for path in paths}
        context.close()
        context = new_context(browser, http_cache=True)
        urls = [server.root + path for path in paths]
        visits = visit_pages(context, urls, server.origin, tabs=1)  # one tab, reused for every page
        reports |= {("cached", path): report for path, (_, report) in zip(paths, visits)}
        context.close()
    return reports


@pytest.mark.browser
@pytest.mark.slow
def test_a_script_from_a_cdn_is_reported_as_a_third_party_request(tmp_path, browser):
    # the build refuses <script> in a page (tests/test_bad_input.py) and the page's policy would
    # block it (tests/test_security.py): put it in after the build, on a page without policy
    cdn = '<script src="https://cdn.jsdelivr.net/npm/katex/dist/katex.min.js"></script>'
    reports = _reports(tmp_path, browser, {"cdn.md": "# CDN\n"}, injected={"cdn/": cdn})
    for kind in ("fresh", "cached"):
        assert any("cdn.jsdelivr.net" in r for r in reports[kind, "cdn/"].foreign_requests), kind
        assert any("another host" in p for p in reports[kind, "cdn/"].problems()), kind
        assert reports[kind, ""].problems() == [], kind


@pytest.mark.browser
@pytest.mark.slow
def test_a_missing_image_is_reported_by_the_browser_check(tmp_path, browser):
    reports = _reports(tmp_path, browser, {"img.md": '# 图\n\n<img src="nowhere.png" alt="x">\n'})
    for kind in ("fresh", "cached"):
        assert any("nowhere.png" in i for i in reports[kind, "img/"].broken_images), kind
        assert any("404" in r for r in reports[kind, "img/"].error_responses), kind


def test_a_tour_from_another_worker_reads_back_as_made_and_a_failed_or_missing_one_fails(tmp_path):
    visit = Visit("ml/svm/", PageReport("http://127.0.0.1:1/kb/ml/svm/", status=200), {"language": ("zh", [])},
                  {"notebook": "ValueError: no output"})
    _publish(tmp_path / "made.pickle", {"root": "http://127.0.0.1:1/kb/", "visits": {"light": {"ml/svm/": visit},
                                        "dark": {}}, "timing": (1, 0, 1.0), "error": None})
    made = PublishedTour(tmp_path / "made.pickle")
    assert made.root == "http://127.0.0.1:1/kb/"
    read = made.visits("light")["ml/svm/"]
    assert read.result("language") == ("zh", []) and read.report.problems() == []
    with pytest.raises(AssertionError, match="no output"):
        read.result("notebook")
    _publish(tmp_path / "failed.pickle", {"root": "http://127.0.0.1:1/kb/", "visits": {}, "timing": None,
                                          "error": "RuntimeError('chromium crashed')"})
    with pytest.raises(RuntimeError, match="chromium crashed"):
        PublishedTour(tmp_path / "failed.pickle").visits()
    with pytest.raises(RuntimeError, match="is missing"):
        PublishedTour(tmp_path / "never.pickle", timeout_s=0.5).visits()
