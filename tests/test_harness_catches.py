"""The checks can fail: broken links and anchors, missing images and figures, and third-party
requests are each caught (in throw-away projects, never in docs/)."""
from __future__ import annotations

import pytest

from site_tools.build import BuildError

from browser import SiteServer, new_context, open_page
from support import build_project, make_project


@pytest.mark.parametrize("body, expected", [
    ("[坏链接](missing.md)", "missing.md"),
    ("[坏锚点](index.md#no-such-heading)", "no-such-heading"),
    ("![不存在的图](img/none.png)", "img/none.png"),
    ("![未知图](figures/no-such-figure.svg)", "no figure script for 'no-such-figure'"),
])
def test_broken_references_fail_the_build_naming_the_file(tmp_path, capfd, body, expected):
    root = make_project(tmp_path / "p", {"index.md": "# 首页\n", "broken.md": f"# 坏页\n\n{body}\n"})
    with pytest.raises(BuildError):
        build_project(root)
    output = capfd.readouterr().err
    assert "broken.md" in output and expected in output, output[-2000:]


def test_a_question_block_without_title_fails_the_build(tmp_path, capfd):
    root = make_project(tmp_path / "p", {"index.md": "# 首页\n\n??? question\n    答案\n"})
    with pytest.raises(BuildError):
        build_project(root)
    assert "docs/zh/index.md:3" in capfd.readouterr().err


@pytest.mark.browser
def test_a_script_from_a_cdn_is_reported_as_a_third_party_request(tmp_path, browser):
    page_text = '# CDN\n\n<script src="https://cdn.jsdelivr.net/npm/katex/dist/katex.min.js"></script>\n'
    root = make_project(tmp_path / "p", {"index.md": "# 首页\n", "cdn.md": page_text})
    site = build_project(root)
    context = new_context(browser)
    with SiteServer(site) as server:
        _, report = open_page(context, server.root + "cdn/", server.origin)
        assert any("cdn.jsdelivr.net" in r for r in report.foreign_requests)
        assert any("another host" in p for p in report.problems())
        _, clean = open_page(context, server.root, server.origin)
        assert clean.problems() == []
    context.close()


@pytest.mark.browser
def test_a_missing_image_is_reported_by_the_browser_check(tmp_path, browser):
    page_text = '# 图\n\n<img src="nowhere.png" alt="x">\n'
    root = make_project(tmp_path / "p", {"index.md": "# 首页\n", "img.md": page_text})
    site = build_project(root)
    context = new_context(browser)
    with SiteServer(site) as server:
        _, report = open_page(context, server.root + "img/", server.origin)
        assert any("nowhere.png" in i for i in report.broken_images)
        assert any("404" in r for r in report.error_responses)
    context.close()
