"""The content policy (site_tools.content_policy) on Markdown rendered as the site renders it:
what must fail (with file and line), what must still build, and rel="noopener"."""
from __future__ import annotations

import markdown
import pytest

from site_tools.content_policy import (
    PolicyError,
    Source,
    add_noopener,
    check_front_matter,
    check_html,
    check_static_files,
)

EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "pymdownx.details", "pymdownx.superfences",
              "pymdownx.inlinehilite", "pymdownx.arithmatex"]
EXTENSION_CONFIGS = {"pymdownx.arithmatex": {"generic": True}}


def check(text: str, name: str = "docs/zh/p.md") -> None:
    html = markdown.markdown(text, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    check_html(html, [Source(name, text)])


def failure(text: str) -> str:
    with pytest.raises(PolicyError) as raised:
        check(text)
    return str(raised.value)


@pytest.mark.parametrize("text, expected", [
    ("# T\n\n<script>alert(1)</script>\n", "docs/zh/p.md:3: P1 <script>"),
    ("# T\n\ntext\n\n<ScRiPt\n>alert(1)</script>\n", "docs/zh/p.md:5: P1 <script>"),
    ("# T\n\n<style>body{display:none}</style>\n", "docs/zh/p.md:3: P1 <style>"),
    ('# T\n\n<iframe src="https://example.com"></iframe>\n', "docs/zh/p.md:3: P1 <iframe>"),
    ('# T\n\n<object data="x.swf"></object>\n', "docs/zh/p.md:3: P1 <object>"),
    ('# T\n\n<embed src="x.swf">\n', "docs/zh/p.md:3: P1 <embed>"),
    ('# T\n\n<meta http-equiv="refresh" content="0;url=https://example.com">\n', "docs/zh/p.md:3: P1 <meta>"),
    ('# T\n\n<img src="a.png" onerror="alert(1)">\n', "docs/zh/p.md:3: P2 the onerror= attribute on <img>"),
    ('# T\n\n<img/onerror=alert(1) src=x>\n', "docs/zh/p.md:3: P2 the onerror= attribute"),
    ("# T\n\n<svg onload=alert(1)></svg>\n", "docs/zh/p.md:3: P2 the onload= attribute on <svg>"),
    ("# T\n\n[link](x.md){ onclick=\"alert(1)\" }\n", "docs/zh/p.md:3: P2 the onclick= attribute on <a>"),
    ("# T\n\n[click](javascript:alert(1))\n", "docs/zh/p.md:3: P2 a script URL in href= on <a>"),
    ('# T\n\n<a href="jav&#x61;script:alert(1)">x</a>\n', "docs/zh/p.md: P2 a script URL in href="),
    ('# T\n\n<a href=" JAVA&#9;SCRIPT:alert(1)">x</a>\n', "P2 a script URL in href="),
    ("# T\n\n![x](https://example.com/a.png)\n", "docs/zh/p.md:3: P3 <img src> loads https://example.com/a.png"),
    ("# T\n\n![x](//example.com/a.png)\n", "docs/zh/p.md:3: P3 <img src> loads //example.com/a.png"),
    ('# T\n\n<video poster="https://cdn.example.com/p.jpg"></video>\n', "docs/zh/p.md:3: P3 <video poster>"),
    ('# T\n\n<img srcset="a.png 1x, https://example.com/b.png 2x" src="a.png">\n', "docs/zh/p.md:3: P3 <img srcset>"),
    ('# T\n\n<span style="background: url(\'https://example.com/t.gif\')">x</span>\n', "P3 <span style> loads"),
    ('# T\n\n<svg><image href="https://example.com/a.png"/></svg>\n', "docs/zh/p.md:3: P3 <image href>"),
    ('# T\n\n<a href="https://example.com/" ping="https://tracker.example/">x</a>\n', "P3 <a ping>"),
    ('# T\n\n??? note "n"\n    <script>alert(1)</script>\n', "docs/zh/p.md:4: P1 <script>"),
])
def test_what_could_run_script_or_reach_another_host_fails_with_file_and_line(text, expected):
    assert expected in failure(text)


def test_the_line_is_that_of_the_resource_not_of_a_link_to_the_same_host():
    message = failure("# T\n\n[home](https://example.com/)\n\n![x](https://example.com/a.png)\n")
    assert message.startswith("docs/zh/p.md:5: P3")


def test_every_problem_of_a_page_is_reported_once_per_line():
    message = failure("# T\n\n<script>a()</script>\n\n<script>b()</script>\n\n![x](https://example.com/a.png)\n")
    assert message.splitlines() == [
        "docs/zh/p.md:3: P1 <script> is not allowed in a page: show it as code between backticks",
        "docs/zh/p.md:7: P3 <img src> loads https://example.com/a.png from another host: save the file in "
        "docs/ (or draw it in figures_src/) and use a relative path",
    ]


def test_a_page_that_explains_script_in_code_still_builds_and_the_line_skips_code():
    check("# XSS\n\nNever write `<script>alert(1)</script>` or `onerror=` or `javascript:` in a page.\n\n"
          "```html\n<script src=\"https://cdn.example.com/x.js\"></script>\n<img src=x onerror=alert(1)>\n```\n\n"
          "    <iframe src=\"https://example.com\"></iframe>\n\n"
          "Links to [other sites](https://example.com/) and <https://example.org/> are fine, as are "
          "![local images](img/a.png), $x_{<t}$ and <span style=\"color: red\">styled text</span>.\n")
    message = failure("# T\n\n`<script>` is explained here\n\n```\n<script>\n```\n\n<script>x()</script>\n")
    assert message.startswith("docs/zh/p.md:9: P1 <script>")


def test_a_notebook_page_names_the_notebook_line():
    html = markdown.markdown("# Lab\n\n<iframe></iframe>\n")
    with pytest.raises(PolicyError, match=r"^notebooks/lab\.py:4: P1 <iframe>"):
        check_html(html, [Source("docs/zh/lab.md", "---\nnotebook: lab.py\n---\n# Lab\n"),
                          Source("notebooks/lab.py", "# %% [markdown]\n# # Lab\n#\n# <iframe></iframe>\n")])


def test_front_matter_must_be_plain_text():
    source = Source("docs/zh/p.md", '---\ndescription: \'x" onfocus="alert(1)\'\n---\n# T\n')
    with pytest.raises(PolicyError, match=r"^docs/zh/p\.md:2: P4 front matter 'description' contains \""):
        check_front_matter({"description": 'x" onfocus="alert(1)'}, source)
    with pytest.raises(PolicyError, match="'title' contains < >"):
        check_front_matter({"title": "</title><script>alert(1)</script>"}, Source("p.md", "---\ntitle: x\n---\n"))
    check_front_matter({"description": "“quoted” it's & fine", "hide": ["toc"], "notebook": "a.py"}, source)


def test_files_a_browser_would_run_are_refused():
    with pytest.raises(PolicyError) as raised:
        check_static_files(["docs/zh/img/a.png", "docs/zh/evil.html", "docs/zh/x.SVG", "docs/zh/a.js"])
    assert [line.split(":")[0] for line in str(raised.value).splitlines()] == \
        ["docs/zh/evil.html", "docs/zh/x.SVG", "docs/zh/a.js"]
    check_static_files(["docs/zh/img/a.png", "docs/zh/data.csv"])


@pytest.mark.parametrize("link, expected", [
    ('<a href="https://example.com/">x</a>', '<a href="https://example.com/" rel="noopener">x</a>'),
    ('<a href="//example.com/">x</a>', '<a href="//example.com/" rel="noopener">x</a>'),
    ('<a rel="edit" href="https://example.com/">x</a>', '<a rel="edit noopener" href="https://example.com/">x</a>'),
    ('<a href="https://example.com/" rel="noopener">x</a>', '<a href="https://example.com/" rel="noopener">x</a>'),
    ('<a href="../ml/svm/">x</a>', '<a href="../ml/svm/">x</a>'),
    ('<a href="#kernel">x</a>', '<a href="#kernel">x</a>'),
    ('<a href="mailto:a@example.com">x</a>', '<a href="mailto:a@example.com">x</a>'),
    ('<abbr title="https://example.com">x</abbr>', '<abbr title="https://example.com">x</abbr>'),
])
def test_external_links_get_noopener(link, expected):
    assert add_noopener(link) == expected
