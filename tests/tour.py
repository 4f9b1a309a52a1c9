"""One visit per page, shared by the browser tests that inspect many pages.

Loading a page in Chromium costs about a CPU second, and the tests that look at every page,
every page with figures or diagrams, every notebook page and one page per section used to load
them each on their own. Instead, a test module registers what it wants to know about a page
with ``@page_check`` (a function of the open page, run while it is open, in the light or the
dark colour scheme), and the session's ``tour`` fixture loads every page some registered check
applies to once and keeps what the checks returned next to the page's PageReport. A page with
checks in both schemes is switched from one to the other while open (see Tour). Each test then
asserts on the visits of its own pages exactly as it did on pages it loaded itself.

The tour runs in a background thread with its own Playwright and Chromium, started with the
session (conftest.py), while the other tests run; the tests that read it run last. Running a
single test module registers only that module's checks, so the tour then loads only the pages
those checks apply to. Under pytest-xdist one worker makes the tour and leaves the visits in a
file (Tour(publish_to=...)); the other workers read that file (PublishedTour).
"""
from __future__ import annotations

import pickle
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from browser import CHROMIUM, CHROMIUM_ARGS, PageReport, new_context, visit_pages, wait_until
from site_map import edition_pages

# Desktop size: the navigation-label check measures the sidebar at this width.
DESKTOP = {"width": 1280, "height": 900}
SCHEMES = ("light", "dark")


@dataclass(frozen=True)
class Check:
    name: str
    scheme: str
    applies: Callable[[str, str], bool]  # (page path, built HTML) -> whether to run on that page
    run: Callable[[Any, str], Any]  # (Playwright page, page path) -> what the test asserts on


CHECKS: dict[tuple[str, str], Check] = {}


def page_check(name: str, scheme: str = "light", applies: Callable[[str, str], bool] = lambda path, html: True):
    """Register ``run(page, path)`` to be called on each page of the site it ``applies`` to,
    loaded in the ``scheme`` colour scheme; its return value is kept as visit.result(name)."""
    assert scheme in SCHEMES, scheme

    def register(run):
        key = (scheme, name)
        if key in CHECKS:  # the same module imported again is fine, another check of that name is not
            registered = CHECKS[key].run
            assert (registered.__module__, registered.__qualname__) == (run.__module__, run.__qualname__), key
        CHECKS[key] = Check(name, scheme, applies, run)
        return run
    return register


@dataclass
class Visit:
    path: str
    report: PageReport
    results: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def result(self, name: str) -> Any:
        """What check ``name`` returned on this page; a check that raised fails the test that
        asks for its result (and only that one), with the error."""
        if name in self.errors:
            raise AssertionError(f"{self.path}: check {name!r} raised {self.errors[name]}")
        if name not in self.results:
            raise AssertionError(f"{self.path}: check {name!r} did not run on this page")
        return self.results[name]


class Tour:
    """The visits, made in a background thread with its own Playwright and Chromium as soon as
    start() is called (conftest.py calls it when the session starts), so the browser work
    overlaps with the tests that build throw-away projects; visits() waits for them.

    Each page is loaded once. A page that checks of both colour schemes apply to is loaded in
    one scheme and then switched to the other, as a reader's system setting would switch it
    (Material's palette follows prefers-color-scheme); such pages take turns at which scheme they
    load in, so both are seen at load time and after a switch."""

    def __init__(self, site_dir: Path, server, publish_to: Path | None = None):
        self.site_dir, self.server = site_dir, server
        self.publish_to = publish_to  # where to leave the outcome for other processes (PublishedTour)
        self._visits: dict[str, dict[str, Visit]] = {}
        self._finished = threading.Event()
        self._stop = threading.Event()
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        self.timing: tuple[int, int, float] | None = None  # (pages loaded, of them also switched, seconds)

    @property
    def root(self) -> str:
        """The visits' URLs start with it."""
        return self.server.root

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="tour", daemon=True)
            self._thread.start()

    def visits(self, scheme: str = "light") -> dict[str, Visit]:
        """Page path -> Visit, for every page a check of ``scheme`` applies to."""
        self.start()
        self.wait()
        if not self._visits:
            raise RuntimeError(f"the tour of the site failed: {self._error!r}") from self._error
        return self._visits[scheme]

    def wait(self) -> None:
        """Until the visits are done (or have failed), if they have started."""
        if self._thread is not None:
            self._finished.wait()

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        from playwright.sync_api import sync_playwright  # one Playwright per thread

        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    started = time.monotonic()
                    self._visits = self._visit_all(browser)
                    loaded = set().union(*self._visits.values())
                    switched = set.intersection(*(set(visits) for visits in self._visits.values()))
                    self.timing = (len(loaded), len(switched), time.monotonic() - started)
                finally:
                    browser.close()
        except BaseException as error:  # noqa: BLE001 - handed to the tests by visits()
            self._error = error
        finally:
            if self.publish_to is not None:
                _publish(self.publish_to, {"root": self.root, "visits": self._visits, "timing": self.timing,
                                           "error": repr(self._error) if self._error else None})
            self._finished.set()

    def _visit_all(self, browser) -> dict[str, dict[str, Visit]]:
        planned = []  # (path, scheme -> checks that apply, schemes in the order the page shows them)
        both = 0
        for lang in ("zh", "en"):
            for path in edition_pages(self.site_dir, lang):
                html = (self.site_dir / path / "index.html").read_text(encoding="utf-8")
                applicable = {scheme: [c for c in CHECKS.values() if c.scheme == scheme and c.applies(path, html)]
                              for scheme in SCHEMES}
                order = [scheme for scheme in SCHEMES if applicable[scheme]]
                if len(order) == 2:
                    order = order if both % 2 == 0 else order[::-1]
                    both += 1
                if order:
                    planned.append((path, applicable, order))
        visits: dict[str, dict[str, Visit]] = {scheme: {} for scheme in SCHEMES}
        if not planned:
            return visits
        context = new_context(browser, http_cache=True, viewport=DESKTOP)
        urls = [self.server.root + path for path, _, _ in planned]
        loaded_in = [order[0] for _, _, order in planned]
        try:
            pages = visit_pages(context, urls, self.server.origin, schemes=loaded_in)
            for (path, applicable, order), (page, report) in zip(planned, pages):
                if self._stop.is_set():
                    raise RuntimeError("the test session ended before the tour")
                for scheme in order:
                    visit = Visit(path, report)
                    try:
                        if scheme != order[0]:
                            _switch(page, scheme)
                        for c in applicable[scheme]:
                            try:
                                visit.results[c.name] = c.run(page, path)
                            except Exception as error:  # noqa: BLE001 - reported by the test that reads it
                                visit.errors[c.name] = f"{type(error).__name__}: {error}"
                    except Exception as error:  # noqa: BLE001 - the switch failed: every check of the scheme says so
                        visit.errors.update({c.name: f"switching to {scheme}: {error}" for c in applicable[scheme]})
                    visits[scheme][path] = visit
        finally:
            context.close()
        return visits


def _publish(path: Path, outcome: dict) -> None:
    """Write in one step (a reader never sees half a file)."""
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(pickle.dumps(outcome))
    partial.rename(path)


class PublishedTour:
    """The tour another pytest-xdist worker makes, read from the file it leaves (Tour's
    ``publish_to``). It has Tour's interface; start() and close() do nothing here."""

    def __init__(self, path: Path, timeout_s: float = 1800):
        self.path, self.timeout_s = path, timeout_s
        self._outcome: dict | None = None
        self.timing = None

    @property
    def root(self) -> str:
        return self._read()["root"]

    def start(self) -> None:
        pass

    def close(self) -> None:
        pass

    def visits(self, scheme: str = "light") -> dict[str, Visit]:
        outcome = self._read()
        if not outcome["visits"]:
            raise RuntimeError(f"the tour of the site failed (in another worker): {outcome['error']}")
        return outcome["visits"][scheme]

    def _read(self) -> dict:
        waited = 0.0
        while self._outcome is None:
            if self.path.exists():
                self._outcome = pickle.loads(self.path.read_bytes())
            elif waited > self.timeout_s:
                raise RuntimeError(f"no tour from the worker that makes it after {self.timeout_s:.0f} s: "
                                   f"{self.path} is missing")
            else:
                time.sleep(0.5)
                waited += 0.5
        return self._outcome


# The body's data-md-color-scheme in each scheme (mkdocs.yml's palette).
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}


def _switch(page, scheme: str) -> None:
    """Change the reader's preferred scheme on the open page and wait for Material to follow."""
    page.bring_to_front()  # Material follows on an animation frame, which a tab behind the others waits ~2 s for
    page.emulate_media(color_scheme=scheme)
    wait_until(page, f"document.body.getAttribute('data-md-color-scheme') === '{MATERIAL_SCHEME[scheme]}'",
               timeout_ms=5_000)
