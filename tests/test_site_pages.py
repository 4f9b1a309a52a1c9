"""Every page of both editions, loaded in headless Chromium as a reader would."""
from __future__ import annotations

import re
import urllib.request

import pytest

from browser import SiteServer, open_page, visit_pages, wait_until
from site_map import edition_pages
from tour import page_check

pytestmark = pytest.mark.browser


def _fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url) as response:
        return response.status, response.read().decode("utf-8")


@page_check("language")
def _language_and_switcher(page, path: str):
    """The page's <html lang> and its language switcher's entries (on every page, by the tour)."""
    lang = page.evaluate("document.documentElement.lang")
    switch = page.eval_on_selector_all(
        "a.md-select__link", "links => links.map(a => [a.getAttribute('hreflang'), a.href])")
    return lang, switch


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_loads_cleanly_and_switches_language(lang, site_dir, server, tour):
    other = {"zh": "en", "en": "zh"}[lang]
    pages = edition_pages(site_dir, lang)
    assert len(pages) >= 4, pages
    visits = tour.visits("light")
    problems = []
    for path in pages:
        visit = visits[path]
        assert visit.report.url == tour.root + path
        problems += [f"{path}: {p}" for p in visit.report.problems()]
        page_lang, switch = visit.result("language")
        if page_lang != lang:
            problems.append(f"{path}: <html lang> is not {lang}")
        targets = dict(switch)
        if set(targets) != {"zh", "en"}:
            problems.append(f"{path}: language switcher lists {sorted(targets)}")
        elif targets[lang] != tour.root + path:
            problems.append(f"{path}: switcher entry for {lang} is {targets[lang]}, not this page")
        elif not targets[other].startswith(tour.root):
            problems.append(f"{path}: switcher target {targets[other]} is outside the site")
        else:  # from this process's server: under pytest-xdist, the tour's may have stopped
            status, html = _fetch(server.root + targets[other][len(tour.root):])
            if status != 200 or f'<html lang="{other}"' not in html:
                problems.append(f"{path}: switcher target {targets[other]} is not a {other} page ({status})")
    assert not problems, "\n".join(problems)


def test_switcher_keeps_the_page_when_it_is_translated(site_dir, server, context):
    zh_pages = {p for p in edition_pages(site_dir, "zh")}
    en_pages = {p[len("en/"):] for p in edition_pages(site_dir, "en")}
    translated = sorted(zh_pages & en_pages - {""})
    untranslated = sorted(zh_pages - en_pages)
    assert translated, "no page exists in both languages"
    page, _ = open_page(context, server.root + translated[0], server.origin)
    page.hover(".md-header .md-select")
    page.click("a.md-select__link[hreflang=en]")
    page.wait_for_load_state("load")
    assert page.url == server.root + "en/" + translated[0]
    assert page.evaluate("document.documentElement.lang") == "en"
    page.hover(".md-header .md-select")
    page.click("a.md-select__link[hreflang=zh]")
    page.wait_for_load_state("load")
    assert page.url == server.root + translated[0]
    if untranslated:  # falls back to the English home page
        page.goto(server.root + untranslated[0])
        page.hover(".md-header .md-select")
        page.click("a.md-select__link[hreflang=en]")
        page.wait_for_load_state("load")
        assert page.url == server.root + "en/"


def test_each_edition_has_its_own_search_index_sitemap_and_404(site_dir):
    for prefix, lang in (("", "zh"), ("en/", "en")):
        assert (site_dir / prefix / "search/search_index.json").is_file()
        assert (site_dir / prefix / "sitemap.xml").is_file()
        not_found = (site_dir / prefix / "404.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in not_found
    zh_index = (site_dir / "search/search_index.json").read_text(encoding="utf-8")
    en_index = (site_dir / "en/search/search_index.json").read_text(encoding="utf-8")
    assert '"lang":["zh"]' in zh_index.replace(" ", "") and '"lang":["en"]' in en_index.replace(" ", "")


def test_pages_have_meta_description_edit_link_and_no_google_fonts(site_dir):
    problems = []
    for lang in ("zh", "en"):
        for path in edition_pages(site_dir, lang):
            html = (site_dir / path / "index.html").read_text(encoding="utf-8")
            if '<meta name="description"' not in html:
                problems.append(f"{path}: no meta description")
            if "fonts.googleapis.com" in html or "fonts.gstatic.com" in html:
                problems.append(f"{path}: links Google Fonts")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("missing, lang, heading", [
    ("no/such/page/", "zh", "页面不存在"),
    ("en/no/such/page/", "en", "Page not found"),
])
def test_a_missing_page_shows_the_404_page_of_its_language(server, context, missing, lang, heading):
    page = context.new_page()
    response = page.goto(server.root + missing)
    assert response.status == 404
    wait_until(page, f"document.documentElement.lang === '{lang}'")
    assert heading in page.locator("article h1").inner_text()
    page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_is_linked_from_its_home_page(site_dir, lang):
    """The home page's topic map reaches every topic in one click (the nav tabs in two)."""
    prefix = {"zh": "", "en": "en/"}[lang]
    home = (site_dir / prefix / "index.html").read_text(encoding="utf-8")
    article = home[home.index("<article"):home.index("</article>")]
    linked = {re.sub(r"^(\./)+", "", href).split("#")[0] for href in re.findall(r'href="([^"]+)"', article)}
    topics = [p[len(prefix):] for p in edition_pages(site_dir, lang)
              if p[len(prefix):].split("/")[0] in ("ml", "dl", "nlp", "llm", "practice", "notebooks")]
    assert topics
    missing = [t for t in topics if t not in linked]
    assert not missing, f"not linked from the {lang} home page: {missing}"


# One page of each kind, in both editions: they share every template and asset, so what they
# request is what any page requests.
PAGE_KINDS = ["", "nlp/transformer/", "ml/svm/", "notebooks/hmm-viterbi/", "questions/", "glossary/",
              "en/", "en/nlp/bert/", "en/ml/svm/", "en/questions/"]


@pytest.mark.parametrize("prefix", ["/", "/some/fork/"])
def test_pages_work_at_any_base_path(site_dir, context, prefix):
    """Served somewhere else than site_url's path (a fork's Pages, a custom domain, a local
    server), a page makes no request that fails and the switcher and search still work."""
    problems = []
    with SiteServer(site_dir, prefix=prefix) as elsewhere:
        urls = [elsewhere.root + path for path in PAGE_KINDS]
        for path, (_, report) in zip(PAGE_KINDS, visit_pages(context, urls, elsewhere.origin)):
            problems += [f"{prefix}{path}: {p}" for p in report.problems()]
        page, report = open_page(context, elsewhere.root + "ml/svm/", elsewhere.origin)
        page.hover(".md-header .md-select")
        page.click("a.md-select__link[hreflang=en]")
        page.wait_for_load_state("load")
        if page.url != elsewhere.root + "en/ml/svm/":
            problems.append(f"{prefix}: switcher went to {page.url}")
        box = page.locator("input.md-search__input")
        box.fill("kernel")
        box.press("End")
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        page.wait_for_load_state("networkidle")
        problems += [f"{prefix} switch + search: {p}" for p in report.problems()]
        page.close()
    assert not problems, "\n".join(problems)


def test_hreflang_links_give_the_absolute_url_of_the_page_in_each_language(site_dir):
    site_url = "https://mlkb-org.github.io/ml-interview-kb/"
    expected = {"zh": site_url + "ml/svm/", "en": site_url + "en/ml/svm/", "x-default": site_url + "ml/svm/"}
    for path in ("ml/svm/", "en/ml/svm/"):
        html = (site_dir / path / "index.html").read_text(encoding="utf-8")
        links = dict((lang, href) for href, lang in
                     re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', html))
        assert links == expected, (path, links)
    untranslated = sorted(set(edition_pages(site_dir, "zh")) - {p[3:] for p in edition_pages(site_dir, "en")})
    if untranslated:
        html = (site_dir / untranslated[0] / "index.html").read_text(encoding="utf-8")
        assert "hreflang" not in html.split("</head>")[0], untranslated[0]


def _top_level_rules(css: str) -> int:
    depth = rules = 0
    for char in re.sub(r"/\*.*?\*/", "", css, flags=re.S):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            rules += depth == 0
    return rules


def test_every_rule_of_the_site_stylesheet_reaches_the_browser(site_dir, server, context):
    """One missing brace once swallowed every rule after it (link underlines, diagram layout, the
    math layout budget) without a build error; the browser must parse as many rules as the file has."""
    expected = _top_level_rules((site_dir / "assets/stylesheets/site.css").read_text(encoding="utf-8"))
    page, report = open_page(context, server.root + "ml/svm/", server.origin)
    parsed = page.evaluate("[...document.styleSheets]"
                           ".find(s => (s.href || '').endsWith('/assets/stylesheets/site.css')).cssRules.length")
    assert parsed == expected, f"site.css has {expected} rules, the browser parsed {parsed}"
    underline = page.evaluate("getComputedStyle(document.querySelector('article p a[href]:not(.headerlink)'))"
                              ".textDecorationLine")
    assert underline == "underline", "links in running text are told apart by colour alone"
    assert not report.problems(), report.problems()
    page.close()
