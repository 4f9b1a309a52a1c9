"""Code samples on the pages: they run in the build, their shown output is compared, and a
sample that raises, prints something else or hangs fails with the page and line."""
from __future__ import annotations

import pytest

from site_tools import samples
from site_tools.build import BuildError

from support import build_project, make_project

PAGE = """# 页

```python
x = 2
print(x * 21)
```

```text
42
```

!!! tip "缩进的样例"

    ```python
    y = x + 1          # 同一页的样例共享一个命名空间
    assert y == 3
    ```

```python
# 不运行：需要 GPU
import nothing_here
```

```text
不是输出：上面的样例不运行
```
"""


def _page(tmp_path, text, name="page.md"):
    path = tmp_path / "docs" / "zh" / "ml" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_samples_outputs_and_not_run_markers_are_found():
    found = samples.find_samples(PAGE)
    assert [s.line for s in found] == [4, 15, 20]
    assert found[0].expected == "42"
    assert found[1].code.startswith("y = x + 1") and found[1].expected is None
    assert found[2].not_run == "需要 GPU"


def test_a_page_runs_in_one_namespace_then_comes_from_the_cache(tmp_path):
    page = _page(tmp_path, PAGE)
    first = samples.check_page(page)
    assert first == {"samples": 3, "run": 2, "not_run": 1, "from_cache": False}
    assert samples.check_page(page)["from_cache"] is True


def test_a_raising_sample_names_the_page_and_its_line(tmp_path):
    page = _page(tmp_path, "# 页\n\ntext\n\n```python\nimport math\n\nmath.sqrt(-1)\n```\n")
    with pytest.raises(samples.SampleError) as caught:
        samples.check_page(page)
    message = str(caught.value)
    assert message.startswith(f"{page}:6: sample raised")
    assert f'File "{page}", line 8' in message and "ValueError: math domain error" in message


def test_a_wrong_shown_output_fails_with_a_diff(tmp_path):
    page = _page(tmp_path, "# 页\n\n```python\nprint(1 + 1)\n```\n\n```text\n3\n```\n")
    with pytest.raises(samples.SampleError) as caught:
        samples.check_page(page)
    assert f"{page}:4: the output shown" in str(caught.value)
    assert "-3\n+2" in str(caught.value)


def test_a_hanging_sample_times_out_naming_its_line(tmp_path):
    page = _page(tmp_path, "# 页\n\n```python\nx = 1\n```\n\n```python\nwhile True:\n    pass\n```\n")
    with pytest.raises(samples.SampleError) as caught:
        samples.check_page(page, timeout=3)
    assert str(caught.value) == f"{page}:8: sample did not finish within 3 s"


def test_an_unreadable_cache_entry_is_run_again(tmp_path, capfd):
    page = _page(tmp_path, "# 页\n\n```python\nprint('ok')\n```\n\n```text\nok\n```\n")
    samples.check_page(page)
    runnable = samples.find_samples(page.read_text(encoding="utf-8"))
    key = samples._run_key(samples.repo_relative(page), runnable, samples.REPO_ROOT / "requirements.txt")
    entry = samples.cache_dir("samples") / f"{key}.json"
    entry.write_bytes(b"\xff\xfe not json")
    assert samples.check_page(page)["from_cache"] is False
    assert "unreadable cache entry" in capfd.readouterr().err


@pytest.mark.parametrize("sample, expected", [
    ("```python\nraise RuntimeError('boom')\n```\n", "ml/bad.md:4: sample raised"),
    ("```python\nprint('actual')\n```\n\n```text\nshown\n```\n", "ml/bad.md:4: the output shown"),
])
def test_a_broken_sample_fails_the_build(tmp_path, capfd, sample, expected):
    root = make_project(tmp_path / "p", {"index.md": "# 首页\n", "ml/bad.md": f"# 坏样例\n\n{sample}"})
    with pytest.raises(BuildError) as caught:
        build_project(root)
    assert expected in str(caught.value)
    assert not (root / "site").exists()


def test_the_readme_lists_every_sample_that_is_not_run():
    """README's table: one row per page (both editions), with how many samples are not run."""
    readme = (samples.REPO_ROOT / "README.md").read_text(encoding="utf-8")
    listed = {cells[1].strip("` "): int(cells[2]) for cells in
              (line.split("|") for line in readme.splitlines() if line.startswith("| `") and ".md`" in line)}
    counts: dict[tuple[str, str], int] = {}
    for page, _, _ in samples.not_run_samples():
        lang, uri = page.split("/", 2)[1:]
        counts[(lang, uri)] = counts.get((lang, uri), 0) + 1
    for lang in ("zh", "en"):
        marked = {uri: n for (edition, uri), n in counts.items() if edition == lang}
        assert marked == listed, f"README's list of samples that are not run differs from docs/{lang}/"
