"""What the built site lets a reader's browser do: the Content-Security-Policy on every HTML
file (computed from its final HTML, enforced by Chromium) and rel="noopener" on external
links. Content policy rules P1-P5 themselves: tests/test_content_policy.py, test_bad_input.py."""
from __future__ import annotations

import re

import pytest

from site_tools import csp
from site_tools.content_policy import add_noopener

from browser import SiteServer, new_context, open_page, wait_until
from support import build_project, hooks_without, make_project

EXTERNAL_ANCHOR = re.compile(r'<a\b[^>]*\shref="(?:https?:)?//[^"]*"[^>]*>')
POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def _html_files(site_dir):
    return sorted(site_dir.rglob("*.html"))


def _directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in policy.split(";"))}


def policy_problems(html: str) -> list[str]:
    """Everything wrong with the policy of one HTML file ([] when it is right)."""
    policies = POLICY.findall(html)
    if len(policies) != 1:
        return [f"{len(policies)} Content-Security-Policy meta elements"]
    problems = []
    if html.find("<meta http-equiv=\"Content-Security-Policy\"") > html.find("<script"):
        problems.append("the policy comes after a script")
    directives = _directives(policies[0])
    script_src = directives.get("script-src", [])
    if directives.get("default-src") != ["'self'"] or directives.get("object-src") != ["'none'"]:
        problems.append(f"default-src/object-src: {policies[0]}")
    if script_src[:1] != ["'self'"] or any(not value.startswith("'sha256-") for value in script_src[1:]):
        problems.append(f"script-src allows more than the site and hashes: {script_src}")
    expected = {csp.source_hash(script) for script in csp.inline_scripts(html)}
    if set(script_src[1:]) != expected:
        problems.append(f"script-src hashes {sorted(script_src[1:])} are not those of the inline scripts "
                        f"{sorted(expected)}")
    return problems


def test_every_html_file_carries_a_policy_that_allows_exactly_its_own_inline_scripts(site_dir):
    problems, kinds = [], set()
    for path in _html_files(site_dir):
        relative = path.relative_to(site_dir).as_posix()
        kinds.add(relative.split("/")[0] if "/" in relative else relative)
        problems += [f"{relative}: {problem}" for problem in policy_problems(path.read_text(encoding="utf-8"))]
    assert {"404.html", "en", "notebooks", "questions"} <= kinds
    assert not problems, "\n".join(problems[:20])


def test_policy_problems_are_found():
    """The check above can fail: a page without policy, an extra script, a too-open policy."""
    page = '<html><head><meta charset="utf-8"><script>var a = 1;</script></head><body></body></html>'
    good = csp.add_policy(page)
    assert policy_problems(good) == []
    assert policy_problems(page) == ["0 Content-Security-Policy meta elements"]
    assert "are not those" in policy_problems(good.replace("</body>", "<script>evil()</script></body>"))[0]
    assert "allows more" in policy_problems(good.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"))[0]
    content = "<p>x</p><script>evil()</script>"
    with_content = page.replace("</body>", content + "</body>")
    assert csp.source_hash("evil()") in csp.add_policy(with_content)
    assert csp.source_hash("evil()") not in csp.add_policy(with_content, untrusted_html=content)


def test_every_external_link_has_noopener(site_dir):
    missing, seen = [], 0
    for path in _html_files(site_dir):
        for anchor in EXTERNAL_ANCHOR.findall(path.read_text(encoding="utf-8")):
            seen += 1
            if add_noopener(anchor) != anchor:  # it would still add the token
                missing.append(f"{path.relative_to(site_dir)}: {anchor}")
    assert seen > 500, "the site cites sources and links its repository: external links were expected"
    assert not missing, "\n".join(missing[:20])


# ---- in the browser, on a throw-away site -------------------------------------------------

SLIPPED = "# 漏网\n\n<script>window.slipped = true;</script>\n\n公式 $a^2$。\n"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    """A small site built without the content-policy hook, as if a script had slipped past it,
    with a redirect (old.md -> index.md) and a formula (KaTeX's inline styles)."""
    root = make_project(tmp_path_factory.mktemp("csp") / "p",
                        {"index.md": "# 首页\n\n$\\frac{1}{2}$\n", "slipped.md": SLIPPED},
                        config={"hooks": hooks_without("content_policy"),
                                "plugins": ["search", {"redirects": {"redirect_maps": {"old.md": "index.md"}}}]})
    return build_project(root)


@pytest.mark.browser
def test_a_script_that_slipped_into_a_page_does_not_run(fixture_site, browser):
    context = new_context(browser)
    with SiteServer(fixture_site) as server:
        page, report = open_page(context, server.root + "slipped/", server.origin)
        assert page.evaluate("window.slipped") is None
        assert page.evaluate("typeof __md_scope") == "object", "Material's own inline scripts must still run"
        assert page.locator("article .katex").count() == 1
        assert [v for v in report.csp_violations if v.startswith("script-src-elem blocked inline")], report
        assert len(report.csp_violations) == 1, report.csp_violations
    context.close()


@pytest.mark.browser
def test_scripts_injected_after_the_build_do_not_run(fixture_site, browser):
    built = fixture_site / "index.html"
    html = built.read_text(encoding="utf-8")
    built.write_text(html.replace("</article>", '<script>window.injected = true;</script>'
                                  '<img src="nowhere.png" onerror="window.handler = true">'
                                  '<a id="trap" href="javascript:window.link = true">x</a></article>'),
                     encoding="utf-8")
    context = new_context(browser)
    try:
        with SiteServer(fixture_site) as server:
            page, report = open_page(context, server.root, server.origin)
            page.click("#trap")
            wait_until(page, "window.__cspViolations.length >= 3")  # the script, the handler, the link
            assert page.evaluate("[window.injected, window.handler, window.link]") == [None, None, None]
            violations = page.evaluate("window.__cspViolations")
            assert {v.split()[0] for v in violations} == {"script-src-elem", "script-src-attr"}, violations
            assert len(violations) == 3, violations
    finally:
        built.write_text(html, encoding="utf-8")
        context.close()


@pytest.mark.browser
def test_redirect_and_404_pages_carry_the_policy_and_work_under_it(fixture_site, browser):
    for name in ("old/index.html", "404.html", "en/404.html"):
        assert policy_problems((fixture_site / name).read_text(encoding="utf-8")) == [], name
    context = new_context(browser)
    with SiteServer(fixture_site) as server:
        page, report = open_page(context, server.root + "old/", server.origin)
        page.wait_for_url(server.root)  # the redirect page's inline script (allowed by its hash) ran
        assert report.csp_violations == []
        page = context.new_page()
        page.goto(server.root + "en/no/such/page/")
        page.wait_for_url(server.root + "en/404.html")  # the root 404 page's script sent us on
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__cspViolations") == []
    context.close()
