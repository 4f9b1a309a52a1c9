"""The bad-input matrix: each kind of bad input a contributor can push fails the build with
exit status 1, a message naming the file (and line, formula or cell), no traceback from the
build's own code, and the previous site/ left exactly as it was. A damaged cache entry is
not the contributor's fault: that build succeeds, names the entries it rebuilt, and produces
the same site as before.

Every case is a tiny throw-away project (tests/support.py), not the real site."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest

from site_tools.paths import REPO_ROOT

from support import make_project, run_build, tree

pytestmark = pytest.mark.slow

HOME = "# 首页\n\n正文。\n"
BROKEN_FIGURE = "def draw(lang):\n    raise ValueError('no data for ' + lang)\n"
OUR_CODE_IN_A_TRACEBACK = re.compile(r'File "[^"]*/(site_tools|hooks|mkdocs|material|yaml)/')


def _bad_page(text: str) -> dict:
    return {"pages": {"bad.md": text}}


NOTEBOOK = '# %% [markdown] lang="zh"\n# # 小实验\n\n# %%\nprint(6 * 7)\n'
DOT_FIGURE = ("from style import new_figure\n\ndef draw(lang):\n    fig, ax = new_figure()\n"
              "    ax.plot([0, 1], [0, 1])\n    return fig\n")
CACHED_THINGS = {  # a page with a formula, a figure and a notebook: something in every cache
    "pages": {"cached.md": "# 缓存\n\n$a^2 + b^2 = c^2$\n\n![点](figures/dot.svg)\n",
              "lab.md": "---\nnotebook: lab.py\n---\n# 实验\n"},
    "figures": {"dot": DOT_FIGURE},
    "notebook_sources": {"lab.py": NOTEBOOK},
}


def _damage_one_entry_of_each_cache(root, cache_dir) -> list[str]:
    """Build once (the previous site), then overwrite one entry of each cache with random bytes;
    return the entries, which the next build must name."""
    assert run_build(root, cache_dir=cache_dir).returncode == 0
    entries = [next((cache_dir / "katex").rglob("*.html")),
               next((cache_dir / "figures").rglob("zh.light.svg")),
               next((cache_dir / "notebooks").glob("*.json")),
               next((cache_dir / "notebook-pages").glob("*.ipynb"))]
    for entry in entries:
        entry.write_bytes(os.urandom(256))
    return [f"WARNING - cache entry {entry} is damaged" for entry in entries]


CASES = {
    "bad formula": (_bad_page("# 坏公式\n\n第一行\n\n这里 $\\frac{1}{$ 写错了。\n"),
                    ["docs/zh/bad.md:5: KaTeX cannot render $\\frac{1}{$", "KaTeX parse error"]),
    "Chinese inside math": (_bad_page("# 中文\n\n$损失 = 1$\n"), ["docs/zh/bad.md:3", "unicodeTextInMathMode"]),
    "broken link": (_bad_page("# 坏链接\n\n[坏链接](missing.md)\n"), ["'bad.md'", "missing.md"]),
    "broken anchor": (_bad_page("# 坏锚点\n\n[坏锚点](index.md#no-such-heading)\n"), ["'bad.md'", "#no-such-heading"]),
    "missing image": (_bad_page("# 缺图\n\n![不存在的图](img/none.png)\n"), ["'bad.md'", "img/none.png"]),
    "unknown figure": (_bad_page("---\ndescription: x\n---\n# 未知图\n\n![未知图](figures/no-such-figure.svg)\n"),
                       ["docs/zh/bad.md:6: no figure script for 'no-such-figure'"]),
    "raising figure script": ({"pages": {"bad.md": "# 图\n\n![图](figures/broken-plot.svg)\n"},
                               "figures": {"broken_plot": BROKEN_FIGURE}},
                              ["figures_src/broken_plot.py", "ValueError: no data for"]),
    "failing notebook cell": ({"pages": {"lab.md": "---\nnotebook: failing_notebook.py\n---\n# 实验\n"},
                               "notebooks": ["failing_notebook.py"]},
                              ["failing_notebook.py: cell 4 (lines 10-13) failed", "NameError"]),
    "page missing from the navigation": ({"unlisted": {"orphan.md": "# 孤儿页\n"}}, ["orphan.md", '"nav"']),
    "duplicate question": (_bad_page('# 题\n\n??? question "同一个问题"\n    答\n\n'
                                     '??? question "同一个问题"\n    又答\n'),
                           ["docs/zh/bad.md:6", "already asked on line 3"]),
    "question without its question": (_bad_page("# 题\n\n??? question\n    答案\n"),
                                      ["docs/zh/bad.md:3: a question block needs its question as title"]),
    "bad front matter": (_bad_page("---\ndescription: [未闭合\n---\n# 坏\n"),
                         ["docs/zh/bad.md:3:1: front matter is not valid YAML"]),
    "invalid UTF-8": ({"raw": {"bad.md": "# 编码\n\n正文".encode() + b"\xff\xfe\n"}},
                      ["docs/zh/bad.md:3:7: not valid UTF-8 (byte 0xff)"]),
    "empty page": (_bad_page(""), ["docs/zh/bad.md: the page is empty"]),
    "raw script": (_bad_page("# 脚本\n\n正文\n\n<script>alert(1)</script>\n"), ["docs/zh/bad.md:5: P1 <script>"]),
    "on-handler attribute": (_bad_page('# 属性\n\n<img src="x.png" alt="x" onerror="alert(1)">\n'),
                             ["docs/zh/bad.md:3: P2 the onerror= attribute on <img>"]),
    "third-party resource": (_bad_page("# 外链图\n\n![图](https://example.com/a.png)\n"),
                             ["docs/zh/bad.md:3: P3 <img src> loads https://example.com/a.png from another host"]),
    "markup in front matter": (_bad_page("---\ndescription: 'x\" onfocus=\"alert(1)'\n---\n# 描述\n"),
                               ["docs/zh/bad.md:2: P4 front matter 'description' contains \""]),
    "HTML file under docs/": ({"raw": {"evil.html": b"<script>alert(1)</script>\n"}},
                              ["docs/zh/evil.html: P5 a browser would run this file"]),
    "corrupted cache entry": ({**CACHED_THINGS, "status": 0, "prepare": _damage_one_entry_of_each_cache}, []),
}


def _project(tmp_path, case: dict):
    root = make_project(tmp_path / "p", {"index.md": HOME, **case.get("pages", {})},
                        figures=case.get("figures"))
    for uri, text in case.get("unlisted", {}).items():
        (root / "docs" / "zh" / uri).write_text(text, encoding="utf-8")
    for uri, data in case.get("raw", {}).items():
        (root / "docs" / "zh" / uri).write_bytes(data)
    if case.get("notebooks") or case.get("notebook_sources"):
        (root / "notebooks").mkdir()
        for name in case.get("notebooks", []):
            shutil.copy(REPO_ROOT / "tests" / "fixtures" / name, root / "notebooks" / name)
        for name, text in case.get("notebook_sources", {}).items():
            (root / "notebooks" / name).write_text(text, encoding="utf-8")
    return root


def _previous_site(root):
    """A stand-in for the last good build: a failed build must leave it byte for byte."""
    site = root / "site"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>previous build</title>\n", encoding="utf-8")
    (site / "en" / "index.html").write_text("<!doctype html><title>previous build (en)</title>\n", encoding="utf-8")
    return site


@dataclass
class Outcome:
    expected: list[str]  # what the messages must contain
    result: subprocess.CompletedProcess
    before: dict[str, bytes]  # site/ before the build
    after: dict[str, bytes]  # and after it
    staging: list[str]  # .site* folders left in the project


def _run_case(tmp_path, case: dict, expected: list[str]) -> Outcome:
    root = _project(tmp_path, case)
    cache_dir = None
    if prepare := case.get("prepare"):
        cache_dir = tmp_path / "cache"
        expected = prepare(root, cache_dir)
        site = root / "site"
    else:
        site = _previous_site(root)
    before = tree(site)
    result = run_build(root, cache_dir=cache_dir)
    staging = sorted(p.name for p in root.iterdir() if p.name.startswith(".site"))
    return Outcome(expected, result, before, tree(site), staging)


@pytest.fixture(scope="module")
def outcome_of(request, tmp_path_factory):
    """Case name -> its Outcome. Every selected case is built when the first one runs, two
    builds at a time (each is a few short processes that leave a core idle much of the time);
    a test waits for its own case. Under pytest-xdist a worker is handed only some of the
    cases, and the other workers fill the idle core: each case is built when its test asks."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        yield lambda name: _run_case(tmp_path_factory.mktemp("bad"), *CASES[name])
        return
    selected = [item.callspec.params["name"] for item in request.session.items
                if item.originalname == "test_bad_input_fails_naming_the_file_and_leaves_the_site_alone"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        building = {name: pool.submit(_run_case, tmp_path_factory.mktemp("bad"), *CASES[name]) for name in selected}
        yield lambda name: building[name].result()


@pytest.mark.parametrize("name", CASES.keys())
def test_bad_input_fails_naming_the_file_and_leaves_the_site_alone(name, outcome_of):
    case = CASES[name][0]
    outcome = outcome_of(name)
    messages = outcome.result.stderr
    assert outcome.result.returncode == case.get("status", 1), messages[-3000:]
    for text in outcome.expected:
        assert text in messages, f"{text!r} not in:\n{messages[-3000:]}"
    assert not OUR_CODE_IN_A_TRACEBACK.search(messages), messages[-3000:]
    assert outcome.after == outcome.before, "a failed build changed site/"
    assert outcome.staging == [], "staging left behind"


def test_a_build_killed_mid_way_leaves_the_site_and_the_cache_usable(tmp_path):
    root = make_project(tmp_path / "p", {"index.md": HOME + "\n$x^2$\n"})
    cache_dir = tmp_path / "cache"
    assert run_build(root, cache_dir=cache_dir).returncode == 0
    before = tree(root / "site")
    (root / "docs" / "zh" / "index.md").write_text(HOME + "\n$x^3$ 与 $y^3$\n", encoding="utf-8")
    command = [sys.executable, "-m", "site_tools.build", "--project", str(root), "--site-dir", str(root / "site")]
    build = subprocess.Popen(command, cwd=REPO_ROOT, env=dict(os.environ, KB_CACHE_DIR=str(cache_dir)),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while not any(root.glob(".site.building-*/*")) and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert build.poll() is None, "the build finished before it could be killed"
    os.killpg(build.pid, signal.SIGKILL)  # the build and both MkDocs processes, mid-way
    build.wait()
    assert tree(root / "site") == before, "a killed build changed site/"

    result = run_build(root, cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "is damaged" not in result.stderr
    assert (root / "site" / "index.html").read_text(encoding="utf-8").count('class="katex"') == 2
    assert not any(root.glob(".site.*")), "the killed build's staging folder was left behind"
