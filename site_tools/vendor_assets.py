"""Third-party browser assets in the built site: KaTeX's stylesheet and fonts, copied from pinned
npm packages so that a page never asks another host for anything (Mermaid runs only at build
time, in site_tools/diagrams.py: readers get images), and one rule taken out of Material's palette
stylesheet (see trim_palette_switch_rule)."""
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


# Material's palette script sets `data-md-color-switching` on <body> when a page starts and takes it
# away a frame later; this rule makes each of those two changes restyle every element of the page.
# On a long math page (25,000 elements) that was about half of the bundle's start-up time (measured
# in BENCHMARKS.md). Without it, switching the theme fades colours instead of swapping them at once.
PALETTE_SWITCH_RULE = ("[data-md-color-switching] *,[data-md-color-switching] :after,"
                       "[data-md-color-switching] :before{transition-duration:0s!important}")


def trim_palette_switch_rule(site_dir: Path) -> Path:
    """Remove PALETTE_SWITCH_RULE from Material's palette stylesheet; return its path. A stylesheet
    that no longer has the rule as written (a Material update) stops the build, naming the file."""
    sheets = sorted((site_dir / "assets/stylesheets").glob("palette.*.min.css"))
    if len(sheets) != 1:
        raise VendorAssetError(f"{site_dir / 'assets/stylesheets'}: expected one palette.*.min.css from "
                               f"Material, found {len(sheets)}")
    sheet = sheets[0]
    css = sheet.read_text(encoding="utf-8")
    if css.count(PALETTE_SWITCH_RULE) == 1:
        atomic_write(sheet, css.replace(PALETTE_SWITCH_RULE, ""))
    elif "data-md-color-switching" in css:
        raise VendorAssetError(f"{sheet}: Material's data-md-color-switching rule changed; update "
                               "PALETTE_SWITCH_RULE in site_tools/vendor_assets.py")
    return sheet
