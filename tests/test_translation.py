"""Translation freshness: an English page whose Chinese original changed shows a notice until
it is marked current; `make i18n-status` lists stale, unmarked and missing translations."""
from __future__ import annotations

import subprocess

import pytest

from site_tools import translation

from support import build_project, make_project

ZH = "---\ndescription: x\n---\n\n# 支持向量机\n\n正文。\n"
EN = "---\ndescription: x\n---\n\n# Support vector machines\n\nBody.\n"
NOTICE = "This translation may be out of date"


def _docs(tmp_path, pages):
    for path, text in pages.items():
        target = tmp_path / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return tmp_path / "docs"


def test_status_tells_current_stale_unmarked_and_missing(tmp_path):
    docs = _docs(tmp_path, {"zh/a.md": ZH, "en/a.md": EN, "zh/b.md": ZH, "en/b.md": EN, "zh/c.md": ZH})
    translation.mark(docs / "en" / "a.md", docs)
    translation.mark(docs / "en" / "b.md", docs)
    (docs / "zh" / "b.md").write_text(ZH + "\n新增一段。\n", encoding="utf-8")
    (docs / "zh" / "d.md").write_text(ZH, encoding="utf-8")
    (docs / "en" / "d.md").write_text(EN, encoding="utf-8")
    states = {e.page: e.state for e in translation.status(docs)}
    assert states == {"a.md": "current", "b.md": "stale", "c.md": "missing", "d.md": "unmarked"}
    translation.mark(docs / "en" / "b.md", docs)
    assert translation.recorded_version((docs / "en" / "b.md").read_text(encoding="utf-8")) == \
        translation.source_version((docs / "zh" / "b.md").read_text(encoding="utf-8"))


def _git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@x", "GIT_AUTHOR_DATE": "2026-11-02T10:00:00Z",
                        "GIT_COMMITTER_DATE": "2026-11-02T10:00:00Z", "PATH": "/usr/bin:/bin"})


@pytest.mark.slow
def test_the_notice_appears_after_a_source_change_and_goes_once_marked(tmp_path):
    root = make_project(tmp_path / "p", {"index.md": "# 首页\n", "ml/svm.md": ZH},
                        en_pages={"index.md": "# Home\n", "ml/svm.md": EN})
    english = root / "docs" / "en" / "ml" / "svm.md"
    translation.mark(english, root / "docs")
    html = (build_project(root) / "en" / "ml" / "svm" / "index.html").read_text(encoding="utf-8")
    assert NOTICE not in html

    (root / "docs" / "zh" / "ml" / "svm.md").write_text(ZH + "\n新的一节。\n", encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "change the Chinese page")
    html = (build_project(root) / "en" / "ml" / "svm" / "index.html").read_text(encoding="utf-8")
    assert NOTICE in html
    assert "changed on 2026-11-02" in html
    assert 'href="../../../ml/svm/">Chinese original</a>' in html

    translation.mark(english, root / "docs")
    html = (build_project(root) / "en" / "ml" / "svm" / "index.html").read_text(encoding="utf-8")
    assert NOTICE not in html

