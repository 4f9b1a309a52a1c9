from __future__ import annotations

import os
from pathlib import Path

import pytest
from filelock import FileLock

from site_tools.build import build
from site_tools.paths import REPO_ROOT

from browser import CHROMIUM, CHROMIUM_ARGS, SiteServer, new_context
from tour import PublishedTour, Tour

# Set in the processes of pytest-xdist (`make test` runs one per core), not in a plain run.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER")
TOUR_WORKER = "gw0"  # under pytest-xdist, the worker that makes the tour


def _shared_between_workers(tmp_path_factory) -> Path:
    """A folder all pytest-xdist workers of this run see (pytest-xdist's documented way)."""
    return tmp_path_factory.getbasetemp().parent


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The real site, built once per test run exactly as `make build` does (strict)."""
    target = REPO_ROOT / "site"
    if os.environ.get("KB_REUSE_SITE") and (target / "index.html").exists():
        return target  # for iterating on tests only; `make test` always builds
    if not XDIST_WORKER:
        build(target)
        return target
    # Several workers: the first to get here builds, the others wait for it and share its outcome.
    outcome = _shared_between_workers(tmp_path_factory) / "site-build-outcome"
    with FileLock(f"{outcome}.lock"):
        if not outcome.exists():
            try:
                build(target)
            except BaseException as error:
                outcome.write_text(f"{type(error).__name__}: {error}", encoding="utf-8")
                raise
            outcome.write_text("built", encoding="utf-8")
        elif outcome.read_text(encoding="utf-8") != "built":
            pytest.fail(f"the site build failed (in another worker): {outcome.read_text(encoding='utf-8')}")
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
def tour(request, tmp_path_factory):
    """Every page some registered check applies to, loaded once (tests/tour.py). Under
    pytest-xdist one worker (TOUR_WORKER) makes the tour and the others read what it left."""
    published = _shared_between_workers(tmp_path_factory) / "tour.pickle" if XDIST_WORKER else None
    if XDIST_WORKER and XDIST_WORKER != TOUR_WORKER:
        yield PublishedTour(published)
        return
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: run `make setup` (it installs Debian's chromium)")
    visiting = Tour(request.getfixturevalue("site_dir"), request.getfixturevalue("server"), publish_to=published)
    yield visiting
    if published is not None:
        visiting.wait()  # this worker may run out of tests while another still needs the tour
    visiting.close()
    if visiting.timing and visiting.timing[0]:
        _TOUR_TIMINGS.append(visiting.timing)
        if hasattr(request.config, "workeroutput"):  # a pytest-xdist worker: tell the main process
            request.config.workeroutput["tour timing"] = visiting.timing


_TOUR_TIMINGS: list[tuple[int, int, float]] = []  # (pages, of them switched, seconds)


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hook: `-p no:xdist` still works
def pytest_testnodedown(node, error):
    """A pytest-xdist worker finished (a hook of pytest-xdist's, run in the main process)."""
    if "tour timing" in getattr(node, "workeroutput", {}):
        _TOUR_TIMINGS.append(tuple(node.workeroutput["tour timing"]))


def pytest_terminal_summary(terminalreporter):
    """How long the tour took in the background (its tests only read its results)."""
    for pages, switched, seconds in _TOUR_TIMINGS:
        terminalreporter.write_line(f"tour: {pages} pages ({switched} seen in both colour schemes) "
                                    f"in {seconds:.0f} s, in the background")


def _uses_the_tour(item) -> bool:
    return "tour" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(items):
    """The tests that read the tour run last, so the tour (started with the session, below)
    loads the pages in the background while the other tests run (under pytest-xdist, in one
    worker, while all workers run them). Before them come the slow tests, which build or
    render on their own and keep both cores busy; the tests that drive a browser and wait on it
    run first, while the tour fills the gaps they leave."""
    items.sort(key=lambda item: (_uses_the_tour(item), item.get_closest_marker("slow") is not None))


@pytest.fixture(scope="session", autouse=True)
def _start_the_tour(request):
    if XDIST_WORKER in (None, TOUR_WORKER) and any(_uses_the_tour(item) for item in request.session.items):
        request.getfixturevalue("tour").start()
