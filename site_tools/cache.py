"""A content-keyed cache in one ignored folder, written atomically."""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from site_tools.paths import REPO_ROOT

CACHE_ROOT = Path(os.environ.get("KB_CACHE_DIR", REPO_ROOT / ".cache"))


def content_key(*parts: str | bytes) -> str:
    """Hash of the given parts; each part is length-prefixed so ("ab","c") != ("a","bc")."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write a file so that readers see either the old content or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; the site is served to everyone
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cache_dir(concern: str) -> Path:
    path = CACHE_ROOT / concern
    path.mkdir(parents=True, exist_ok=True)
    return path
