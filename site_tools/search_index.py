"""The search index as readers download it: Material's search plugin writes every non-ASCII
character as a \\uXXXX escape (six bytes for each Chinese character and for each of jieba's
zero-width word breaks); written as UTF-8 it is the same JSON, 40 % smaller (11 % gzip)."""
from __future__ import annotations

import json
from pathlib import Path

from site_tools.cache import atomic_write


def compact(index: Path) -> tuple[int, int]:
    """Rewrite the index as compact UTF-8 JSON; return its size before and after, in bytes."""
    raw = index.read_bytes()
    data = json.loads(raw)
    smaller = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    atomic_write(index, smaller)
    return len(raw), len(smaller)
