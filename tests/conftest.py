from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_tools.build import build
from site_tools.paths import REPO_ROOT

from browser import CHROMIUM, CHROMIUM_ARGS, SiteServer, new_context
from tour import Tour


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The real site, built once per test run exactly as `make build` does (strict)."""
    target = REPO_ROOT / "site"
    if os.environ.get("KB_REUSE_SITE") and (target / "index.html").exists():
        return target  # for iterating on tests only; `make test` always builds
    build(target)
    return target


@pytest.fixture(scope="session")
def server(site_dir):
    with SiteServer(site_dir) as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: run `make setup` (it installs Debian's chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def context(browser):
    context = new_context(browser, http_cache=True)
    yield context
    context.close()


@pytest.fixture(scope="session")
def tour(site_dir, server):
    """Every page some registered check applies to, loaded once (tests/tour.py)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: run `make setup` (it installs Debian's chromium)")
    visiting = Tour(site_dir, server)
    _TOURS.append(visiting)
    yield visiting
    visiting.close()


_TOURS: list[Tour] = []


def pytest_terminal_summary(terminalreporter):
    """How long the tour took in the background (its tests only read its results)."""
    for visited in _TOURS:
        if visited.timing and visited.timing[0]:
            pages, switched, seconds = visited.timing
            terminalreporter.write_line(f"tour: {pages} pages ({switched} seen in both colour schemes) "
                                        f"in {seconds:.0f} s, in the background")


def _uses_the_tour(item) -> bool:
    return "tour" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(items):
    """The tests that read the tour run last, so the tour (started with the session, below)
    loads the pages in the background while the other tests run. Before them come the slow
    tests, which build or render on their own and keep both cores busy; the tests that drive a
    browser and wait on it run first, while the tour fills the gaps they leave."""
    items.sort(key=lambda item: (_uses_the_tour(item), item.get_closest_marker("slow") is not None))


@pytest.fixture(scope="session", autouse=True)
def _start_the_tour(request):
    if any(_uses_the_tour(item) for item in request.session.items):
        request.getfixturevalue("tour").start()
