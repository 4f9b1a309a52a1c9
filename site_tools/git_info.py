"""Per-file history from git in one `git log` call: last-updated date and contributors.

Outside a git checkout (a build from a tarball) it returns nothing, and pages simply show
no date: the build does not fail for want of history."""
from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path


@dataclass
class FileHistory:
    updated: datetime | None = None
    authors: list[str] = field(default_factory=list)  # most commits first


def collect(repo_root: Path, pathspec: str = "docs") -> dict[str, FileHistory]:
    """Map repository-relative paths under ``pathspec`` to their history."""
    try:
        log = subprocess.run(
            ["git", "-C", str(repo_root), "log", "--no-renames", "--format=%x00%ct%x09%aN", "--name-only",
             "--", pathspec],
            capture_output=True, text=True, encoding="utf-8", check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    histories: dict[str, FileHistory] = {}
    counts: dict[str, dict[str, int]] = {}
    for record in log.split("\x00")[1:]:
        header, _, names = record.partition("\n")
        timestamp, _, author = header.partition("\t")
        when = datetime.fromtimestamp(int(timestamp), tz=UTC)
        for name in filter(None, (n.strip() for n in names.splitlines())):
            history = histories.setdefault(name, FileHistory())
            if history.updated is None or when > history.updated:
                history.updated = when
            per_author = counts.setdefault(name, {})
            per_author[author] = per_author.get(author, 0) + 1
    for name, per_author in counts.items():
        histories[name].authors = sorted(per_author, key=lambda a: (-per_author[a], a))
    return histories


def commit_time(repo_root: Path) -> int | None:
    """Seconds since the epoch of the checked-out commit; None outside a git checkout."""
    try:
        out = subprocess.run(["git", "-C", str(repo_root), "log", "-1", "--format=%ct"],
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return int(out) if out.isdigit() else None
