"""Where things are, and how to name a file in a message."""
from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
TOPIC_FOLDERS = ("ml", "dl", "nlp", "llm", "practice")  # docs/<lang>/<folder>/*.md are topic pages


def is_topic_page(uri: str) -> bool:
    """``ml/svm.md`` is a topic page; the home page, glossary, notebooks and drill are not."""
    return uri.split("/", 1)[0] in TOPIC_FOLDERS and "/" in uri


def repo_relative(path: str | Path) -> str:
    """``docs/zh/ml/svm.md`` rather than an absolute path, when the file is in the repository."""
    try:
        return Path(path).resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return str(path)
