"""The page index (site_tools.pages): one read per page, bad pages named in one line."""
from __future__ import annotations

import pytest

from site_tools.pages import PageError, load_index, parse_page, read_page


def test_front_matter_body_and_title_are_split_as_mkdocs_renders_them():
    page = parse_page(b"---\ndescription: x\nnotebook: a.py\n---\n\n\n# Title\n\ntext\n", "a.md", "docs/zh/a.md")
    assert page.meta == {"description": "x", "notebook": "a.py"}
    assert page.markdown == "# Title\n\ntext\n"
    assert page.first_line == 7 and page.file_line(3) == 9
    assert page.title == "Title"
    assert page.mkdocs_source() == "---\n{}\n---\n# Title\n\ntext\n"


def test_a_page_without_front_matter_and_with_a_bom_and_crlf():
    page = parse_page("\ufeff# 标题\r\n\r\n正文\r\n".encode(), "a.md", "docs/zh/a.md")
    assert page.meta == {} and page.first_line == 1
    assert page.markdown == "# 标题\n\n正文\n" and page.title == "标题"


def test_a_yaml_comment_in_front_matter_is_not_the_title():
    page = parse_page(b"---\n# a comment\ndescription: x\n---\n# Real\n", "a.md", "a.md")
    assert page.title == "Real"


@pytest.mark.parametrize("data, message", [
    (b"---\ndescription: [oops\n---\n# T\n",
     r"^docs/zh/a\.md:3:1: front matter is not valid YAML: .*flow sequence on line 2"),
    (b"---\ndescription: x\n  bad: indent\n---\n# T\n", r"^docs/zh/a\.md:3:6: front matter is not valid YAML: "),
    (b"---\ntitle: a\ndescription: x\ndescription: y\n---\n# T\n",
     r"^docs/zh/a\.md:4:1: front matter is not valid YAML: key 'description' is given twice"),
    (b"---\n- a\n- b\n---\n# T\n", r"^docs/zh/a\.md:2: front matter must be 'key: value' lines, not a list$"),
    (b"---\ndescription: x\n# T\n", r"^docs/zh/a\.md:1: front matter opened with --- is never closed"),
    (b"# T\n\nok line\nbad \xff byte\n", r"^docs/zh/a\.md:4:5: not valid UTF-8 \(byte 0xff\)"),
    (b"", r"^docs/zh/a\.md: the page is empty"),
    (b"---\ndescription: x\n---\n\n  \n", r"^docs/zh/a\.md: the page is empty"),
])
def test_a_bad_page_is_one_line_naming_the_file_and_position(data, message):
    with pytest.raises(PageError, match=message) as raised:
        parse_page(data, "a.md", "docs/zh/a.md")
    assert "\n" not in str(raised.value)


def test_the_index_reports_every_bad_page_and_reads_each_once(tmp_path, monkeypatch):
    good, bad, empty = tmp_path / "good.md", tmp_path / "bad.md", tmp_path / "empty.md"
    good.write_text("# Good\n")
    bad.write_bytes(b"# Bad \xfe\n")
    empty.write_text("")
    with pytest.raises(PageError) as raised:
        load_index([("good.md", good), ("bad.md", bad), ("empty.md", empty)])
    lines = str(raised.value).splitlines()
    assert len(lines) == 2 and "bad.md:1:7" in lines[0] and "empty.md" in lines[1]

    reads = []
    original = type(good).read_bytes
    monkeypatch.setattr(type(good), "read_bytes", lambda self: reads.append(self.name) or original(self))
    index = load_index([("good.md", good)])
    assert index["good.md"].title == "Good" and reads == ["good.md"]
    assert read_page(good).uri == "good.md"
