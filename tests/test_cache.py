"""Caches that heal (site_tools.cache and its users): a damaged entry is reported on one line,
treated as a miss, rebuilt and rewritten."""
from __future__ import annotations

import json
import os

import pytest

from site_tools import cache, figures, katex, notebooks
from site_tools.paths import REPO_ROOT


@pytest.fixture()
def private_cache(tmp_path, monkeypatch):
    root = tmp_path / "cache"
    monkeypatch.setattr(cache, "CACHE_ROOT", root)
    return root


def _warnings(capsys) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.startswith("WARNING - cache entry")]


@pytest.mark.parametrize("damage, reason", [
    (lambda raw: os.urandom(64), "no checksum header"),
    (lambda raw: raw[:-3], "checksum mismatch"),
    (lambda raw: raw.replace(b"formula", b"formulb"), "checksum mismatch"),
    (lambda raw: b"", "no checksum header"),
])
def test_a_damaged_entry_is_a_miss_with_one_warning_naming_it(tmp_path, capsys, damage, reason):
    entry = tmp_path / "entry.html"
    cache.store(entry, "<span>formula</span>")
    assert cache.load_text(entry) == "<span>formula</span>"
    entry.write_bytes(damage(entry.read_bytes()))
    assert cache.load(entry) is None
    assert _warnings(capsys) == [f"WARNING - cache entry {entry} is damaged ({reason}); rebuilding it"]
    assert cache.load(tmp_path / "absent") is None and _warnings(capsys) == []  # a plain miss is silent


def test_an_entry_named_after_its_content_is_rehashed(tmp_path, capsys):
    data = b"\x89PNG fake image"
    key = cache.content_key(data)
    entry = tmp_path / f"{key}.png"
    assert not cache.holds(entry, key)
    entry.write_bytes(data)
    assert cache.holds(entry, key)
    entry.write_bytes(data[:-1])
    assert not cache.holds(entry, key)
    assert len(_warnings(capsys)) == 1


def test_a_damaged_formula_is_rendered_again_and_rewritten(private_cache, capsys):
    renderer = katex.KatexRenderer()
    formula = katex.Formula(r"\frac{a}{b}", False)
    try:
        first, _ = renderer.render([formula])
        entry = renderer._cache_path(formula)
        entry.write_bytes(os.urandom(300))
        second, errors = renderer.render([formula])
        assert second == first and errors == [None]
        assert renderer.rendered == 2 and renderer.reused == 0
        assert _warnings(capsys) == [f"WARNING - cache entry {entry} is damaged (no checksum header); rebuilding it"]
        assert cache.load_text(entry) == first[0]  # rewritten: the next build reuses it
        renderer.render([formula])
        assert renderer.reused == 1 and _warnings(capsys) == []
    finally:
        renderer.close()


@pytest.mark.slow
def test_a_damaged_figure_variant_or_manifest_makes_the_figure_render_again(tmp_path, private_cache, capsys):
    (tmp_path / "style.py").write_text((REPO_ROOT / "figures_src/style.py").read_text())
    (tmp_path / "dot.py").write_text(
        "from style import new_figure\n\ndef draw(lang):\n    fig, ax = new_figure()\n    ax.plot([0], [0])\n"
        "    return fig\n")
    key = figures.render(["dot"], src_dir=tmp_path, jobs=1).keys["dot"]
    variant = figures.variant_path(key, "en", "dark")
    good = variant.read_bytes()
    for damage in (lambda: variant.write_bytes(good[: len(good) // 2]),
                   lambda: variant.unlink(),
                   lambda: (figures.output_dir(key) / figures.MANIFEST).write_bytes(os.urandom(40))):
        damage()
        assert figures.render(["dot"], src_dir=tmp_path, jobs=1).rendered == ["dot"]
        assert len(_warnings(capsys)) == 1
        assert variant.read_bytes() == good and figures.is_cached(key)
    assert _warnings(capsys) == []


def test_a_damaged_notebook_run_is_a_miss(tmp_path, capsys):
    source = tmp_path / "nb.py"
    source.write_text('# %% [markdown] lang="zh"\n# # 标题\n\n# %%\nx = 1\n\n# %%\nprint(x)\n')
    notebook = notebooks.read(source)
    entry = tmp_path / "run.json"
    cache.store(entry, json.dumps({"outputs": [[], []], "seconds": 0.1}))
    assert notebooks._cached_run(entry, notebook)["from_cache"] is True
    cache.store(entry, json.dumps({"outputs": [[]], "seconds": 0.1}))  # one code cell short
    assert notebooks._cached_run(entry, notebook) is None
    entry.write_bytes(os.urandom(100))
    assert notebooks._cached_run(entry, notebook) is None
    assert [line.split("(")[1].split(")")[0] for line in _warnings(capsys)] == [
        "outputs do not match the notebook's code cells", "no checksum header"]


def test_the_downloadable_notebook_is_the_same_bytes_every_time(tmp_path):
    source = tmp_path / "nb.py"
    source.write_text('# %% [markdown] lang="zh"\n# # 标题\n\n# %%\nx = 1\n')
    execution = {"outputs": [[]]}
    labels = {"figure": "图"}
    first = notebooks.render(source, "zh", execution, "nb", labels).ipynb
    assert first == notebooks.render(source, "zh", execution, "nb", labels).ipynb
    assert '"id": "cell-1"' in first
