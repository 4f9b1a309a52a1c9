"""Nothing from the source notes is dropped: every section is mapped to a page and a heading
that exists in the built site (coverage/*.yml), and the list of sections is complete."""
from __future__ import annotations

from collections import Counter

import pytest
import yaml

from site_tools import seed_sections
from site_tools.paths import REPO_ROOT

from site_map import page_ids

COVERAGE_DIR = REPO_ROOT / "coverage"


def _sections() -> list[dict]:
    return yaml.safe_load(seed_sections.SECTIONS_FILE.read_text(encoding="utf-8"))


def _entries() -> list[dict]:
    entries = []
    for path in sorted(COVERAGE_DIR.glob("*.yml")):
        if path.name != seed_sections.SECTIONS_FILE.name:
            entries += [dict(e, _file=path.name) for e in yaml.safe_load(path.read_text(encoding="utf-8")) or []]
    return entries


def test_section_list_matches_the_source_notes():
    if not seed_sections.SEEDS_DIR.is_dir():
        pytest.skip(f"source notes not present at {seed_sections.SEEDS_DIR}")
    expected = yaml.safe_load(seed_sections.to_yaml(seed_sections.all_sections(seed_sections.SEEDS_DIR)))
    assert _sections() == expected


def test_every_section_is_mapped_once():
    sections = {(s["seed"], s["line"]) for s in _sections()}
    mapped = Counter((e["seed"], e["line"]) for e in _entries())
    unmapped = sorted(sections - set(mapped))
    unknown = sorted(set(mapped) - sections)
    assert not unmapped, f"{len(unmapped)} sections have no page yet, e.g. {unmapped[:10]}"
    assert not unknown, f"coverage lists sections that do not exist: {unknown[:10]}"


def test_every_mapped_anchor_exists_in_the_built_site(site_dir):
    problems = []
    for entry in _entries():
        page = entry["page"]
        path = "" if page == "index.md" else page.removesuffix(".md").removesuffix("index") + "/"
        path = path.replace("//", "/")
        if not (site_dir / path / "index.html").is_file():
            problems.append(f"{entry['_file']}: {entry['seed']}:{entry['line']} -> missing page {page}")
        elif entry.get("anchor") not in page_ids(site_dir, path):
            problems.append(f"{entry['_file']}: {entry['seed']}:{entry['line']} -> no #{entry.get('anchor')} on {page}")
    assert not problems, "\n".join(problems)
