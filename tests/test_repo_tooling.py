"""Contribution tooling: workflows, edit links, the guide's commands, URL stability."""
from __future__ import annotations

import re
import subprocess

import pytest
import yaml

from site_tools.paths import REPO_ROOT

from site_map import edition_pages

PUBLISHED = REPO_ROOT / "tests" / "published_urls.txt"


def test_workflows_validate_against_the_github_schema():
    workflows = sorted((REPO_ROOT / ".github/workflows").glob("*.yml"))
    assert workflows
    result = subprocess.run(
        [str(REPO_ROOT / ".venv/bin/check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
         *map(str, workflows)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pin_actions_limit_permissions_and_serialise_deploys():
    for path in (REPO_ROOT / ".github/workflows").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        for ref in re.findall(r"uses:\s*([^\s#]+)", text):
            if not ref.startswith("./"):
                assert re.search(r"@[0-9a-f]{40}$", ref), f"{path.name}: {ref} is not pinned to a commit"
        workflow = yaml.safe_load(text)
        assert workflow["permissions"] == {"contents": "read"}, path.name
    deploy = yaml.safe_load((REPO_ROOT / ".github/workflows/deploy.yml").read_text())
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert deploy["jobs"]["deploy"]["needs"] == "test"
    ci = (REPO_ROOT / ".github/workflows/ci.yml").read_text()
    assert "make test" in ci


@pytest.mark.parametrize("page, source", [
    ("index.html", "docs/zh/index.md"),
    ("en/index.html", "docs/en/index.md"),
    ("contributing/index.html", "docs/zh/contributing.md"),
    ("en/contributing/index.html", "docs/en/contributing.md"),
])
def test_edit_link_points_to_the_page_source_in_its_language(site_dir, page, source):
    html = (site_dir / page).read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"[^>]*class="md-content__button md-icon"', html) or \
        re.findall(r'class="md-content__button md-icon"[^>]*href="([^"]+)"', html)
    edit = [link for link in links if "/edit/" in link]
    assert edit and edit[0].endswith("/edit/main/" + source), links


def test_every_make_command_in_the_guides_exists():
    targets = set(re.findall(r"^([a-z][a-z-]*):", (REPO_ROOT / "Makefile").read_text(), re.M))
    for guide in ("README.md", "CONTRIBUTING.md", "docs/zh/contributing.md"):
        mentioned = set(re.findall(r"`make ([a-z][a-z-]*)`", (REPO_ROOT / guide).read_text(encoding="utf-8")))
        mentioned |= set(re.findall(r"^make ([a-z][a-z-]*)", (REPO_ROOT / guide).read_text(encoding="utf-8"), re.M))
        assert mentioned, guide
        assert mentioned <= targets, f"{guide} mentions missing targets {sorted(mentioned - targets)}"


def test_no_published_page_disappears_without_a_redirect(site_dir):
    published = [line.strip().lstrip("/") for line in PUBLISHED.read_text().splitlines()
                 if line.strip() and not line.startswith("#")]
    missing = [url for url in published if not (site_dir / url / "index.html").is_file()]
    assert not missing, f"pages gone without a redirect (add one in redirect_maps): {missing}"
    current = set(edition_pages(site_dir, "zh")) | set(edition_pages(site_dir, "en"))
    unlisted = sorted("/" + url for url in current - set(published))
    assert not unlisted, f"new pages: add them to tests/published_urls.txt: {unlisted}"
