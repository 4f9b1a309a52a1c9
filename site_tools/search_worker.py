"""A one-character fix to Material's search worker (mkdocs-material 9.8.1, pinned).

In the browser, Material splits a Chinese query into words of the index's vocabulary. Its loop
only tries slices that end *before* the query's last character, so a query that is itself a
word is never looked up whole: 交叉熵 is searched as 交叉*, which also matches 交叉验证 and
交叉编码器, and 过拟合 ranks pages about 拟合 first. Letting the slice reach the end of the query
fixes it. The build fails, naming the file, if the expected code is not found (a new Material
release), so the fix is never silently lost or applied to code it was not written for.
"""
from __future__ import annotations

from pathlib import Path

from site_tools.cache import atomic_write

BUGGY = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e"
FIXED = "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"


class SearchWorkerError(ValueError):
    pass


def patch_worker(site_dir: Path) -> list[Path]:
    """Fix the query segmenter in the worker(s) under site_dir; return the files changed."""
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    changed = []
    for worker in workers:
        code = worker.read_text(encoding="utf-8")
        if FIXED in code:
            continue
        if code.count(BUGGY) != 1:
            raise SearchWorkerError(f"{worker.name}: Material's Chinese query segmenter changed; "
                                    "review site_tools/search_worker.py for this Material release")
        atomic_write(worker, code.replace(BUGGY, FIXED).encode("utf-8"))
        changed.append(worker)
    return changed
