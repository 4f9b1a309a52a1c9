"""The review log (``reviews.yml``): every topic page is read by someone who did not write it,
as a strict interviewer would, and the log keeps what was checked and fixed (rule C4).

A topic page is either reviewed (at least one entry) or listed under ``pending`` (the pages an
open review pass still has to reach). A page in neither list, or in both, is a problem.
"""
from __future__ import annotations

import datetime
from pathlib import Path

import yaml

from site_tools.paths import REPO_ROOT, repo_relative

LOG = REPO_ROOT / "reviews.yml"
ENTRY_FIELDS = ("page", "date", "checked", "fixed")


def load(path: Path = LOG) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ValueError(f"{repo_relative(path)}: cannot be read: {str(error).splitlines()[0]}") from None
    if not isinstance(data, dict) or not isinstance(data.get("reviews"), list):
        raise ValueError(f"{repo_relative(path)}: needs a 'reviews:' list (and optionally 'pending:')")
    return data


def check(topic_pages: list[str], path: Path = LOG, other_files: set[str] = frozenset()) -> list[str]:
    """Problems with the log, given the topic pages (paths relative to docs/zh/); an entry may
    also name a notebook or figure script reviewed with its page (a path in ``other_files``)."""
    name = repo_relative(path)
    try:
        data = load(path)
    except ValueError as error:
        return [str(error)]
    problems, reviewed = [], set()
    for number, entry in enumerate(data["reviews"], start=1):
        where = f"{name}: review {number}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: C4 an entry is a mapping with {', '.join(ENTRY_FIELDS)}")
            continue
        missing = [field for field in ENTRY_FIELDS if not str(entry.get(field) or "").strip()]
        if missing:
            problems.append(f"{where} ({entry.get('page', '?')}): C4 missing {', '.join(missing)}")
        if not isinstance(entry.get("date"), datetime.date):
            problems.append(f"{where} ({entry.get('page', '?')}): C4 date must be YYYY-MM-DD")
        page = entry.get("page")
        if page and page not in topic_pages and page not in other_files:
            problems.append(f"{where}: C4 no topic page docs/zh/{page} (nor notebook or figure script {page})")
        reviewed.add(page)
    pending = data.get("pending") or []
    for page in pending:
        if page in reviewed:
            problems.append(f"{name}: C4 {page} has a review: remove it from pending")
        elif page not in topic_pages:
            problems.append(f"{name}: C4 pending page docs/zh/{page} does not exist")
    for page in topic_pages:
        if page not in reviewed and page not in pending:
            problems.append(f"{name}: C4 docs/zh/{page} has no review entry (add one after an independent review)")
    return problems
