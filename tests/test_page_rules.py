"""House rules of site_tools.lint that concern titles (S6, S7), notes (W4) and lists (S8), checked on
throw-away pages; and S8 once more on the built site, as a reader sees it."""
from __future__ import annotations

import re

from site_tools import lint

PAGE = "---\n{front}description: x\n---\n\n# {h1}\n"


def _problems(tmp_path, lang, front, h1):
    page = tmp_path / lang / "practice" / "page.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(PAGE.format(front=front, h1=h1), encoding="utf-8")
    return [p for p in lint.check_page(page, tmp_path / lang) if " S6 " in p or " S7 " in p]


def test_short_titles_pass(tmp_path):
    assert _problems(tmp_path, "zh", "title: 支持向量机\n", "支持向量机与核函数（Support Vector Machine）") == []
    assert _problems(tmp_path, "en", "title: Support vector machines\n", "Support Vector Machines and Kernels") == []


def test_missing_or_long_titles_fail(tmp_path):
    assert "S6 front matter needs a short navigation title" in _problems(tmp_path, "zh", "", "x")[0]
    assert "too long" in _problems(tmp_path, "zh", "title: 生成模型与判别模型以及参数模型\n", "x")[0]
    assert "too long" in _problems(tmp_path, "en", "title: Generative versus discriminative models\n", "x")[0]


def test_english_h1_with_chinese_fails(tmp_path):
    problems = _problems(tmp_path, "en", "title: Naive Bayes\n", "Naive Bayes（朴素贝叶斯）")
    assert problems and "S7 the English H1 carries Chinese" in problems[0]


def _notes_problems(tmp_path, lang, body, name="page.md"):
    page = tmp_path / lang / "ml" / name
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(PAGE.format(front="title: x\n", h1="x") + body, encoding="utf-8")
    return [p for p in lint.check_page(page, tmp_path / lang) if " W4 " in p]


def test_references_to_the_notes_fail_with_file_and_line(tmp_path):
    problems = _notes_problems(tmp_path, "zh", "\n原笔记写“tanh 的值域是 (0,1)”。\n")
    assert len(problems) == 1 and ":8: W4" in problems[0]
    assert _notes_problems(tmp_path, "en", "\nThe original notes say so.\n")
    assert _notes_problems(tmp_path, "en", "\nAs some notes claim, it is so.\n")


def test_misconceptions_notebooks_and_course_notes_pass(tmp_path):
    assert not _notes_problems(tmp_path, "zh", "\n一个常见的错误说法是……见[笔记本](../notebooks/x.md)。\n")
    assert not _notes_problems(tmp_path, "zh", "\nCS231n 课程笔记。\n")
    assert not _notes_problems(tmp_path, "en", "\nA common misstatement is … See the notebook. Notes:\n")
    assert not _notes_problems(tmp_path, "zh", "\n```text\n原笔记\n```\n")


def _list_problems(tmp_path, body):
    page = tmp_path / "zh" / "ml" / "lists.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(PAGE.format(front="title: x\n", h1="x") + body, encoding="utf-8")
    return [p for p in lint.check_page(page, tmp_path / "zh") if " S8 " in p]


def test_a_list_item_glued_to_an_indented_paragraph_fails_with_its_line(tmp_path):
    glued = "\n- 解析解：\n\n    $$\n    x=1\n    $$\n\n    所以可逆。\n- 偏差–方差：引入少量偏差。\n"
    problems = _list_problems(tmp_path, glued)
    assert len(problems) == 1 and "lists.md:15: S8 put a blank line before this list item" in problems[0]
    assert _list_problems(tmp_path, "\n1. 第一步\n\n    $$\n    x\n    $$\n2. 第二步\n")


def test_blank_lines_nested_lists_and_code_pass(tmp_path):
    assert not _list_problems(tmp_path, "\n- a\n\n    继续。\n\n- b\n")
    assert not _list_problems(tmp_path, "\n- a\n    - nested\n- b\n")
    assert not _list_problems(tmp_path, "\n```text\n- a\n\n    indented\n- b\n```\n")


def test_no_built_page_shows_a_list_item_as_plain_text_inside_a_paragraph(site_dir):
    glued = re.compile(r"<p>(?:(?!</p>).)*\n(?:- |\d+\. )", re.S)
    pages = sorted(site_dir.rglob("index.html"))
    assert len(pages) > 100
    found = [str(p.relative_to(site_dir)) for p in pages if glued.search(p.read_text(encoding="utf-8"))]
    assert not found, f"a list item rendered as text of the paragraph before it (rule S8): {found}"
