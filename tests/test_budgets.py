"""Byte budgets: what a reader downloads on the first view of each kind of page (gzip, as static
hosts serve it), measured in Chromium on a phone-sized screen; and no script bigger than
Material's own bundle. Deterministic, so they are tests; timings live in `make bench`."""
from __future__ import annotations

import re

import pytest

from browser import PHONE, first_view_bytes, gzip_size, new_context, open_pages
from site_map import edition_pages

pytestmark = pytest.mark.browser

KB = 1000
HOME_BUDGET = 120 * KB
PAGE_BUDGET = 300 * KB  # any other page, the heaviest math page included


def page_kinds(site_dir) -> dict[str, str]:
    """Name -> page path: fixed kinds, plus the pages with the most formulas and diagrams."""
    def count(path, pattern):
        return len(re.findall(pattern, (site_dir / path / "index.html").read_text(encoding="utf-8")))

    pages = edition_pages(site_dir, "zh") + edition_pages(site_dir, "en")
    return {
        "home": "", "home (en)": "en/",
        "diagrams and math (nlp/transformer)": "nlp/transformer/", "en/nlp/bert": "en/nlp/bert/",
        "math and figures (ml/svm)": "ml/svm/", "notebook": "notebooks/hmm-viterbi/",
        "question bank": "questions/", "glossary": "glossary/",
        "most formulas": max(pages, key=lambda p: count(p, r'class="katex"')),
        "most diagrams": max(pages, key=lambda p: count(p, r'class="diagram"')),
    }


def test_first_view_bytes_stay_within_budget(site_dir, server, browser):
    kinds = page_kinds(site_dir)
    context = new_context(browser, **PHONE)
    over, seen = [], {}
    urls = [server.root + path for path in kinds.values()]
    for (kind, path), (page, report) in zip(kinds.items(), open_pages(context, urls, server.origin, lazy=True)):
        assert not report.problems(), (path, report.problems())
        files = first_view_bytes(report, site_dir, server.root)
        total = sum(files.values())
        seen[f"{kind} ({path or '/'})"] = total
        budget = HOME_BUDGET if kind.startswith("home") else PAGE_BUDGET
        if total > budget:
            heaviest = sorted(files.items(), key=lambda item: -item[1])[:5]
            over.append(f"{kind} /{path}: {total / KB:.0f} KB gzip > {budget / KB:.0f} KB; heaviest: {heaviest}")
        page.close()
    context.close()
    print("first view (gzip KB):", {kind: round(total / KB) for kind, total in seen.items()})
    assert not over, "\n".join(over)


def test_no_script_a_reader_loads_is_bigger_than_materials_bundle(site_dir, server, browser):
    bundle = next((site_dir / "assets/javascripts").glob("bundle.*.min.js"))
    limit = gzip_size(bundle)
    context = new_context(browser, **PHONE)
    scripts: dict[str, int] = {}
    for edition, query in (("", "交叉熵"), ("en/", "kernel")):
        urls = [server.root + edition + path for path in ("", "ml/svm/", "nlp/transformer/")]
        for index, (page, report) in enumerate(open_pages(context, urls, server.origin)):
            if index == 0:  # the search worker and index are the same for every page of an edition
                page.locator("input.md-search__input").fill(query)
                page.locator("input.md-search__input").press("End")
                page.wait_for_selector(".md-search-result__item", timeout=10_000)
                page.wait_for_load_state("networkidle")
            files = first_view_bytes(report, site_dir, server.root)
            scripts.update({name: size for name, size in files.items() if name.endswith(".js")})
            page.close()
    context.close()
    assert any("workers/search" in name for name in scripts), sorted(scripts)
    too_big = {name: size for name, size in scripts.items() if size > limit}
    assert not too_big, f"scripts bigger than Material's bundle ({limit} B gzip): {too_big}"
