"""House rules of site_tools.lint that concern titles (S6, S7), on throw-away pages."""
from __future__ import annotations

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
