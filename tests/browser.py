"""The reader's view: a local web server for a built site, headless Chromium through
Playwright, and one function that loads a page and reports everything a reader would hit."""
from __future__ import annotations

import functools
import gzip
import http.server
import socket
import threading
import weakref
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
# Chromium's own background traffic would fail on a machine without outside network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-extensions"]
SITE_PATH = "/ml-interview-kb/"  # the path of site_url: the site is served where it will be hosted


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves like GitHub Pages: a missing path gets the site's root 404.html with status 404."""

    def __init__(self, *args, prefix: str = SITE_PATH, **kwargs):
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def translate_path(self, path):
        route = urlsplit(path).path
        if not route.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_site__")
        return super().translate_path("/" + route[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass


class SiteServer:
    """Serves a built site on a free loopback port below ``prefix`` (by default SITE_PATH, where
    it will be hosted), in a background thread."""

    def __init__(self, site_dir: Path, prefix: str = SITE_PATH):
        handler = functools.partial(_Handler, directory=str(site_dir), prefix=prefix)
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.root = self.origin + prefix
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()


@dataclass
class PageReport:
    url: str
    status: int | None = None
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    error_responses: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    broken_images: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    downloaded: list[str] = field(default_factory=list)  # URLs answered 2xx, workers' included

    def problems(self) -> list[str]:
        found = []
        if self.status != 200:
            found.append(f"HTTP status {self.status}")
        found += [f"console error: {e}" for e in self.console_errors]
        found += [f"request failed: {r}" for r in self.failed_requests]
        found += [f"error response: {r}" for r in self.error_responses]
        found += [f"request to another host: {r}" for r in self.foreign_requests]
        found += [f"image did not load: {i}" for i in self.broken_images]
        found += [f"Content-Security-Policy violation: {v}" for v in self.csp_violations]
        return found


# Installed in every page before its own scripts: the browser reports each thing the page's
# Content-Security-Policy blocked (also from Mermaid's shadow DOM: the event is composed).
RECORD_CSP_VIOLATIONS = """window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", event => window.__cspViolations.push(
  `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`
), true);"""


LOAD_ALL_IMAGES = """async () => {
  const images = Array.from(document.images);
  for (const image of images) image.loading = "eager";   // lazy and hidden-theme images too
  await Promise.all(images.map(image => image.complete ? null :
    new Promise(done => { image.addEventListener("load", done); image.addEventListener("error", done); })));
  return images.filter(image => image.naturalWidth === 0).map(image => image.currentSrc || image.src);
}"""


def open_page(context, url: str, origin: str):
    """Load ``url`` in a new tab and return (page, report); requests to other hosts are blocked.
    Every image is loaded and checked, the lazy ones and those of the hidden theme too."""
    return _finish(*_start(context, url, origin))


# Tabs loading at once in open_pages: the browser lays out several pages while the test
# inspects another (measured on 2 cores: see BENCHMARKS.md).
TABS_AT_ONCE = 4


def open_pages(context, urls, origin: str, tabs: int = TABS_AT_ONCE, lazy: bool = False):
    """Yield (page, report) for each url, in order, like open_page; up to ``tabs`` pages load
    in the background meanwhile. The caller closes each page. ``lazy``: leave lazy images
    alone (what a first view downloads) instead of loading and checking every image."""
    loading = deque()
    for url in urls:
        loading.append(_start(context, url, origin))
        if len(loading) >= tabs:
            yield _finish(*loading.popleft(), lazy=lazy)
    while loading:
        yield _finish(*loading.popleft(), lazy=lazy)


def visit_pages(context, urls, origin: str, tabs: int = TABS_AT_ONCE, lazy: bool = False, schemes=None):
    """Like open_pages, but ``tabs`` tabs are reused, each loading one page after another, and
    the caller must not close the page it is given: it is navigated to a later url as soon as
    the caller asks for the next one. Cheaper than a new tab (and renderer process) per page.
    ``schemes``: the colour scheme ("light" or "dark") the reader prefers for each url."""
    idle, loading = deque(), deque()
    for index, url in enumerate(urls):
        if len(loading) >= tabs:
            tab = loading.popleft()
            yield _finish(tab.page, tab.report, lazy=lazy)
            idle.append(tab)
        tab = idle.popleft() if idle else _Tab(context, origin)
        if schemes is not None:
            tab.page.emulate_media(color_scheme=schemes[index])
        tab.load(url)
        loading.append(tab)
    while loading:
        tab = loading.popleft()
        yield _finish(tab.page, tab.report, lazy=lazy)
        idle.append(tab)
    for tab in idle:
        tab.page.close()


class _Tab:
    """A tab and the report of the page it shows. What happens is filed under the page that
    caused it: a request (and its response or failure) under the page that made it, even if it
    ends after the tab has moved on to another page."""

    def __init__(self, context, origin: str):
        self.page = context.new_page()
        self.report: PageReport | None = None
        made_by = weakref.WeakKeyDictionary()  # request -> report of the page that made it

        def on_request(request):
            made_by[request] = self.report
            if not request.url.startswith(origin) and not request.url.startswith("data:"):
                self.report.foreign_requests.append(request.url)

        def on_request_failed(request):
            if request.url.startswith(origin):
                made_by.get(request, self.report).failed_requests.append(f"{request.url} ({request.failure})")

        def on_response(response):
            report = made_by.get(response.request, self.report)
            if response.status >= 400:
                report.error_responses.append(f"{response.status} {response.url}")
            if 200 <= response.status < 300:
                report.downloaded.append(response.url)

        self.page.on("request", on_request)
        self.page.on("console", lambda message: message.type == "error"
                     and self.report.console_errors.append(message.text))
        self.page.on("pageerror", lambda error: self.report.console_errors.append(str(error)))
        self.page.on("requestfailed", on_request_failed)
        self.page.on("response", on_response)

    def load(self, url: str) -> None:
        """Start loading ``url`` (returns when the response has arrived)."""
        self.report = PageReport(url)
        response = self.page.goto(url, wait_until="commit")
        self.report.status = response.status if response else None


def _start(context, url: str, origin: str):
    """Open a tab and start loading ``url`` (returns when the response has arrived)."""
    tab = _Tab(context, origin)
    tab.load(url)
    return tab.page, tab.report


def _finish(page, report, lazy: bool = False):
    page.wait_for_load_state("load")
    if not lazy:
        report.broken_images = page.evaluate(LOAD_ALL_IMAGES)
    page.wait_for_load_state("networkidle")
    report.csp_violations = page.evaluate("window.__cspViolations || []")
    return page, report


# Lighthouse's mobile profile (Moto G Power): what most readers hold.
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True,
         "has_touch": True}


def gzip_size(path: Path) -> int:
    """Bytes on the wire from a static host that compresses (GitHub Pages: gzip)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def first_view_bytes(report: PageReport, site_dir: Path, root: str) -> dict[str, int]:
    """Gzip size of every file of the site the page has downloaded so far (site path -> bytes)."""
    sizes = {}
    for url in report.downloaded:
        if not url.startswith(root):
            continue
        path = urlsplit(url).path[len(urlsplit(root).path):]
        target = site_dir / path
        if path == "" or path.endswith("/"):
            target = target / "index.html"
        if target.is_file():
            sizes[path or "/"] = gzip_size(target)
    return sizes


_DEAD_END = socket.socket()  # bound, never listening: a connection to it is refused at once
_DEAD_END.bind(("127.0.0.1", 0))
# Every request to a host other than 127.0.0.1 goes to that port (localhost too: <-loopback>)
# and fails there, without leaving the machine, not even for a DNS lookup.
NO_OUTSIDE = {"server": f"http://127.0.0.1:{_DEAD_END.getsockname()[1]}", "bypass": "<-loopback>,127.0.0.1"}


def new_context(browser, http_cache: bool = False, **options):
    """A browser context that never reaches the outside (requests to other hosts fail, and
    PageReport records them) and records Content-Security-Policy violations.

    ``http_cache=False`` (the default) also aborts foreign requests through Playwright's
    request interception, which turns the browser's HTTP cache off: every page is a first view,
    as the byte budgets need. ``http_cache=True`` keeps the cache, as a reader browsing the site
    has it: pages after the first reuse the theme's scripts, styles and fonts (Playwright still
    reports each as a 200 response), which saves the browser and the test server a large share
    of the work of loading hundreds of pages."""
    context = browser.new_context(proxy=NO_OUTSIDE, **options)
    if not http_cache:
        context.route(lambda url: not url.startswith("http://127.0.0.1"), lambda route: route.abort())
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    return context


def wait_until(page, expression: str, timeout_ms: int = 10_000, interval_ms: int = 50):
    """Polls a JavaScript expression until it is truthy. Playwright's wait_for_function compiles
    its predicate with eval in the page, which the site's Content-Security-Policy forbids;
    page.evaluate goes through the DevTools protocol and is not subject to it."""
    waited = 0
    while not page.evaluate(expression):
        if waited >= timeout_ms:
            raise AssertionError(f"still false after {timeout_ms} ms: {expression}")
        page.wait_for_timeout(interval_ms)
        waited += interval_ms
