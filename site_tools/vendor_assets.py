"""Third-party browser assets in the built site: KaTeX's stylesheet and fonts, copied from pinned
npm packages so that a page never asks another host for anything (Mermaid runs only at build
time, in site_tools/diagrams.py: readers get images)."""
from __future__ import annotations

from pathlib import Path

from site_tools.cache import REPO_ROOT, atomic_write

NODE_MODULES = REPO_ROOT / "node_modules"


class VendorAssetError(FileNotFoundError):
    pass


def _source(relative: str) -> Path:
    path = NODE_MODULES / relative
    if not path.exists():
        raise VendorAssetError(f"{path} is missing: run `make setup` (npm ci installs the pinned packages)")
    return path


def copy_into(site_dir: Path) -> list[Path]:
    """Copy the assets; return the written paths."""
    plan = {site_dir / "assets/katex/katex.min.css": _source("katex/dist/katex.min.css")}
    for font in sorted(_source("katex/dist/fonts").glob("*.woff2")):
        plan[site_dir / "assets/katex/fonts" / font.name] = font
    for target, source in plan.items():
        atomic_write(target, source.read_bytes())
    return list(plan)
