"""Small, throw-away MkDocs projects built with the real configuration, hooks and templates,
for tests that need pages that must never be in docs/ (broken links, bad formulas, ...)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

from site_tools.build import build
from site_tools.paths import REPO_ROOT

SHARED = ("hooks", "overrides")


def make_project(root: Path, zh_pages: dict[str, str], en_pages: dict[str, str] | None = None,
                 figures: dict[str, str] | None = None, glossary: str = "[]\n", config: dict | None = None) -> Path:
    """Write a project that inherits mkdocs.yml / mkdocs.en.yml; nav lists the given pages;
    ``config`` adds or replaces settings in both editions (a list replaces the inherited one)."""
    root.mkdir(parents=True, exist_ok=True)
    for name in SHARED:
        (root / name).symlink_to(REPO_ROOT / name)
    (root / "figures_src").mkdir()
    shutil.copy(REPO_ROOT / "figures_src" / "style.py", root / "figures_src" / "style.py")
    for name, code in (figures or {}).items():
        (root / "figures_src" / f"{name}.py").write_text(textwrap.dedent(code), encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "glossary.yml").write_text(glossary, encoding="utf-8")
    editions = {"zh": ("mkdocs.yml", zh_pages), "en": ("mkdocs.en.yml", en_pages or {"index.md": "# Home\n"})}
    for lang, (config_name, pages) in editions.items():
        for uri, text in pages.items():
            path = root / "docs" / lang / uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        # both editions share the Chinese nav; the English one drops pages it does not have
        settings = {"INHERIT": str(REPO_ROOT / config_name), "nav": sorted(zh_pages), **(config or {})}
        (root / config_name).write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return root


def hooks_without(*names: str) -> list[str]:
    """The hooks of mkdocs.yml, in order, without the named ones (to build past a check)."""
    listed = re.findall(r"^  - (hooks/[\w.]+\.py)", (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert all(f"hooks/{name}.py" in listed for name in names), listed
    return [hook for hook in listed if hook not in {f"hooks/{name}.py" for name in names}]


def build_project(root: Path, site_dir: Path | None = None) -> Path:
    site_dir = site_dir or root / "site"
    build(site_dir, config_dir=root)
    return site_dir


def run_build(root: Path, site_dir: Path | None = None, cache_dir: Path | None = None) -> subprocess.CompletedProcess:
    """`python -m site_tools.build` on a throw-away project, as `make build` runs it: gives the
    exit status and the messages a contributor would see. ``cache_dir`` replaces .cache/."""
    env = dict(os.environ)
    if cache_dir is not None:
        env["KB_CACHE_DIR"] = str(cache_dir)
    command = [sys.executable, "-m", "site_tools.build", "--project", str(root),
               "--site-dir", str(site_dir or root / "site")]
    return subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, encoding="utf-8")


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (relative path -> bytes), to compare two builds or a site
    before and after a failed build."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}
