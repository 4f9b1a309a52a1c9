"""Reproducible builds: two clean builds of the same commit (empty caches, fresh site/) give
byte-identical sites. Files allowed to differ: ALLOWED_TO_DIFFER (documented in README)."""
from __future__ import annotations

import subprocess

import pytest

from support import make_project, run_build, tree

ALLOWED_TO_DIFFER: set[str] = set()  # none

PLOT_NOTEBOOK = ('# %% [markdown] lang="zh"\n# # 画图\n\n# %% [markdown] lang="en"\n# # Plot\n\n'
                 "# %%\nimport matplotlib.pyplot as plt\nimport numpy as np\n\n"
                 "rng = np.random.default_rng(0)\nplt.plot(rng.normal(size=20))\nplt.show()\nprint(rng.normal())\n")
LINE_FIGURE = ("from style import new_figure, pick\n\ndef draw(lang):\n    fig, ax = new_figure()\n"
               "    ax.plot([0, 1, 2], [0, 1, 4])\n    ax.set_title(pick(lang, '平方', 'Square'))\n    return fig\n")
QUESTION_BANK = "# 题库\n\n<!-- question-bank -->\n"
TOPIC = """---
description: 一页用到所有构建步骤的主题页。
---

# 主题

行内公式 $\\sigma(z) = \\frac{1}{1 + e^{-z}}$，[外部链接](https://example.com/)。

![平方](figures/square.svg)

/// caption
平方
///

```mermaid
graph LR
  A --> B
```

??? question "为什么可以复现？"
    因为构建不依赖时间和随机数。
"""


def _git(root, *args):
    dates = {"GIT_AUTHOR_DATE": "2026-01-02T03:04:05Z", "GIT_COMMITTER_DATE": "2026-01-02T03:04:05Z"}
    subprocess.run(["git", "-C", str(root), "-c", "user.name=Writer", "-c", "user.email=w@example.com", *args],
                   check=True, capture_output=True, env={"PATH": "/usr/bin:/bin", **dates})


@pytest.mark.slow
def test_two_clean_builds_of_one_commit_are_byte_identical(tmp_path):
    root = make_project(
        tmp_path / "p",
        {"index.md": "# 首页\n\n$$\nE = mc^2\n$$\n", "topic.md": TOPIC, "questions.md": QUESTION_BANK,
         "lab.md": "---\nnotebook: plot.py\n---\n# 画图\n"},
        en_pages={"index.md": "# Home\n", "topic.md": TOPIC.replace("# 主题", "# Topic")},
        figures={"square": LINE_FIGURE},
        config={"plugins": ["search", {"redirects": {"redirect_maps": {"old.md": "topic.md"}}}]})
    (root / "notebooks").mkdir()
    (root / "notebooks" / "plot.py").write_text(PLOT_NOTEBOOK, encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "fixture")

    first = run_build(root, cache_dir=tmp_path / "cache-1")
    assert first.returncode == 0, first.stderr[-3000:]
    (root / "site").rename(root / "site-1")
    second = run_build(root, cache_dir=tmp_path / "cache-2")
    assert second.returncode == 0, second.stderr[-3000:]

    one, two = tree(root / "site-1"), tree(root / "site")
    assert {"sitemap.xml.gz", "plot.ipynb", "lab-1.png", "figures/square.light.svg", "old/index.html",
            "en/topic/index.html", "questions/index.html", "search/search_index.json"} <= set(one)
    assert "2026-01-02" in (root / "site" / "sitemap.xml").read_text(encoding="utf-8")
    differing = sorted(name for name in set(one) | set(two) if one.get(name) != two.get(name))
    assert set(differing) <= ALLOWED_TO_DIFFER, f"differ between two clean builds: {differing}"
