"""The review log rule (C4): a topic page without a review entry or a pending mark fails lint."""
from __future__ import annotations

from site_tools import lint, review_log

PAGES = ["ml/svm.md", "llm/moe.md"]
ENTRY = "  - {page: %s, date: 2026-12-04, checked: recomputed the example, fixed: nothing}\n"


def _log(tmp_path, text):
    path = tmp_path / "reviews.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_reviewed_and_pending_pages_pass(tmp_path):
    log = _log(tmp_path, "reviews:\n" + ENTRY % "llm/moe.md" + "pending:\n  - ml/svm.md\n")
    assert review_log.check(PAGES, log) == []


def test_a_page_in_neither_list_fails_and_is_named(tmp_path):
    log = _log(tmp_path, "reviews:\n" + ENTRY % "llm/moe.md")
    assert review_log.check(PAGES, log) == [
        f"{log}: C4 docs/zh/ml/svm.md has no review entry (add one after an independent review)"]


def test_reviewed_page_left_in_pending_unknown_pages_and_bad_entries_fail(tmp_path):
    log = _log(tmp_path, "reviews:\n" + ENTRY % "llm/moe.md" + ENTRY % "ml/gone.md"
               + "  - {page: ml/svm.md, date: yesterday, checked: '', fixed: x}\n"
               + "pending:\n  - llm/moe.md\n  - nlp/gone.md\n")
    problems = "\n".join(review_log.check(PAGES, log))
    assert "llm/moe.md has a review: remove it from pending" in problems
    assert "no topic page docs/zh/ml/gone.md" in problems
    notebook_only = _log(tmp_path, "reviews:\n" + ENTRY % "notebooks/x.py" + "pending: [ml/svm.md, llm/moe.md]\n")
    assert review_log.check(PAGES, notebook_only, other_files={"notebooks/x.py"}) == []
    assert "pending page docs/zh/nlp/gone.md does not exist" in problems
    assert "(ml/svm.md): C4 missing checked" in problems
    assert "(ml/svm.md): C4 date must be YYYY-MM-DD" in problems


def test_unreadable_log_is_one_line_naming_the_file(tmp_path):
    log = _log(tmp_path, "reviews: [\n")
    problems = review_log.check(PAGES, log)
    assert len(problems) == 1 and problems[0].startswith(f"{log}: cannot be read")


def test_the_repository_log_covers_every_topic_page():
    assert review_log.check(lint.topic_pages(), other_files=lint.reviewable_files()) == []
