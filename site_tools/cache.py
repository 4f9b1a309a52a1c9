"""A content-keyed cache in one ignored folder (.cache/, or $KB_CACHE_DIR), that heals.

Every entry is checked when it is read: an entry written by ``store`` carries the SHA-256 of
its payload in a one-line header, a file named after its own content key is re-hashed
(``holds``). An entry that fails the check (random bytes, a truncated write after a crash, a
half-restored CI cache) is reported on one warning line and treated as a miss, so the caller
renders it again and rewrites it. Writes are atomic (a temporary file renamed into place), so
a build killed mid-way leaves either the old entry or the whole new one.
"""
from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

from site_tools.paths import REPO_ROOT, repo_relative

CACHE_ROOT = Path(os.environ.get("KB_CACHE_DIR", REPO_ROOT / ".cache"))
FORMAT = "2"  # part of every cache key: bump when the layout of entries changes
HEADER_PREFIX = b"kb-cache sha256="


def content_key(*parts: str | bytes) -> str:
    """Hash of the given parts; each part is length-prefixed so ("ab","c") != ("a","bc")."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write a file so that readers see either the old content or the whole new one.

    No fsync: after a power cut the file may be empty or garbled, which the checks on reading
    catch, so the cache heals instead of paying for a flush on every entry."""
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


def report_damaged(path: Path, reason: str) -> None:
    """One warning line naming the entry. Not through MkDocs' logger: a strict build would
    count it as a failure, and a damaged cache is not the contributor's fault."""
    print(f"WARNING - cache entry {repo_relative(path)} is damaged ({reason}); rebuilding it",
          file=sys.stderr, flush=True)


def store(path: Path, data: bytes | str) -> None:
    """Write an entry that ``load`` can verify: a header line with the payload's SHA-256."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    atomic_write(path, HEADER_PREFIX + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload)


def load(path: Path) -> bytes | None:
    """The payload of an entry written by ``store``; None when it is missing or damaged."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    header, newline, payload = raw.partition(b"\n")
    if not newline or not header.startswith(HEADER_PREFIX):
        report_damaged(path, "no checksum header")
        return None
    if hashlib.sha256(payload).hexdigest().encode("ascii") != header[len(HEADER_PREFIX):]:
        report_damaged(path, "checksum mismatch")
        return None
    return payload


def load_text(path: Path) -> str | None:
    payload = load(path)
    if payload is None:
        return None
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:  # only if it was stored that way: the checksum matched
        report_damaged(path, "not UTF-8")
        return None


def holds(path: Path, key: str) -> bool:
    """Whether ``path`` exists and its bytes have the content key ``key`` (for entries named
    after their own content); a file that exists with other bytes is reported as damaged."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return False
    if content_key(data) != key:
        report_damaged(path, "content does not match its name")
        return False
    return True
