"""Side-by-side measurements, each timing from one run (these machines are shared and noisy: read
the ratios, not the seconds); Lighthouse scores are the median of three runs per page.

    .venv/bin/python scripts/benchmark.py                 # math: one Node process vs one per formula
    .venv/bin/python scripts/benchmark.py --build         # + cold and warm build vs a bare Material build
    .venv/bin/python scripts/benchmark.py --pages         # + first-view bytes and Lighthouse (mobile)
    .venv/bin/python scripts/benchmark.py --build --pages --update BENCHMARKS.md   # what `make bench` runs

Math: the same formulas (taken from docs/) rendered by one long-lived KaTeX process, as the build
does, and by starting Node once per formula. Build: a full build with an empty cache directory,
a second one that reuses it, and a bare Material build of the same pages (same Markdown
extensions, none of our hooks), run the same way (both editions in parallel). Pages: the built
site served with gzip and keep-alive below site_url's path, as GitHub Pages serves it; first-view
bytes counted in Chromium on a phone-sized screen, and Lighthouse (pinned in package.json, Debian's
chromium, its default mobile profile, median of three runs) on a fixed list of pages.
Checks (--checks, and part of --build): what the hardening steps cost in a warm build of the
Chinese edition — CPU time with every hook vs without the content-policy hook or the CSP hook —
plus reading the page index and verifying the formula cache's checksums against plain reads.
"""
from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

INLINE = re.compile(r"(?<![\\$])\$(?!\s)([^$\n]+?)(?<!\s)\$(?!\$)")
PAGES = ["", "nlp/transformer/", "en/nlp/bert/", "ml/svm/", "notebooks/hmm-viterbi/", "questions/"]
LIGHTHOUSE = REPO / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BENCH_START, BENCH_END = "<!-- bench:start -->", "<!-- bench:end -->"


def sample_formulas(limit: int) -> list[str]:
    found = []
    for page in sorted((REPO / "docs" / "zh").rglob("*.md")):
        found += INLINE.findall(page.read_text(encoding="utf-8"))
    unique = list(dict.fromkeys(found))
    return unique[:limit]


def time_batch(formulas: list[str]) -> float:
    from site_tools import katex

    with tempfile.TemporaryDirectory() as empty_cache:
        os.environ["KB_CACHE_DIR"] = empty_cache
        import importlib

        import site_tools.cache
        importlib.reload(site_tools.cache)
        importlib.reload(katex)
        renderer = katex.KatexRenderer()
        started = time.perf_counter()
        renderer.render([katex.Formula(f, False) for f in formulas])
        elapsed = time.perf_counter() - started
        renderer.close()
    return elapsed


def time_per_process(formulas: list[str]) -> float:
    script = ("const k=require(process.argv[1]);"
              "k.renderToString(process.argv[2],{throwOnError:false,output:'htmlAndMathml'});")
    started = time.perf_counter()
    for formula in formulas:
        subprocess.run(["node", "-e", script, str(REPO / "node_modules" / "katex"), formula], check=True)
    return time.perf_counter() - started


def time_build(site: Path, cache: Path) -> float:
    env = dict(os.environ, KB_CACHE_DIR=str(cache))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "site_tools.build", "--site-dir", str(site)], cwd=REPO, env=env,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def _edition_cpu(config: Path, site: Path) -> float:
    """CPU seconds (user + system) of one `mkdocs build` of an edition."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)], cwd=REPO,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def time_checks(runs: int = 2) -> dict:
    """What the hardening checks cost: CPU seconds of the Chinese edition's build (warm cache)
    with every hook, and without the content-policy hook or the CSP hook (best of ``runs``);
    reading the page index; verifying formula cache entries against a plain read."""
    from site_tools import cache, pages

    hooks = re.findall(r"^  - (hooks/[\w.]+\.py)", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    variants = {"all_hooks": hooks,
                "without_content_policy": [h for h in hooks if h != "hooks/content_policy.py"],
                "without_csp": [h for h in hooks if h != "hooks/csp.py"]}
    configs = {}
    try:
        for name, listed in variants.items():  # next to mkdocs.yml: hooks find figures_src/, notebooks/
            configs[name] = REPO / f".bench-{os.getpid()}-{name}.yml"
            configs[name].write_text(json.dumps({"INHERIT": "mkdocs.yml", "hooks": listed}), encoding="utf-8")
        cpu = {name: [] for name in variants}
        with tempfile.TemporaryDirectory() as work:
            for _ in range(runs):
                for name, config in configs.items():
                    cpu[name].append(_edition_cpu(config, Path(work) / name))
    finally:
        for config in configs.values():
            config.unlink(missing_ok=True)
    best = {name: min(values) for name, values in cpu.items()}
    docs = [(page.relative_to(REPO / "docs"), page) for page in sorted((REPO / "docs").rglob("*.md"))]
    started = time.process_time()
    pages.load_index(docs)
    index_s = time.process_time() - started
    entries = [entry for entry in sorted(cache.cache_dir("katex").rglob("*.html"))  # not the unused,
               if entry.read_bytes().startswith(cache.HEADER_PREFIX)]              # older format
    started = time.process_time()
    for entry in entries:
        entry.read_bytes()
    plain = time.process_time() - started
    started = time.process_time()
    for entry in entries:
        cache.load(entry)
    verified = time.process_time() - started
    policy, csp = best["all_hooks"] - best["without_content_policy"], best["all_hooks"] - best["without_csp"]
    return {"zh_build_cpu_s": round(best["all_hooks"], 2),
            "content_policy_cpu_s": round(policy, 2), "share_content_policy": round(policy / best["all_hooks"], 3),
            "csp_cpu_s": round(csp, 2), "share_csp": round(csp / best["all_hooks"], 3),
            "page_index_all_pages_cpu_s": round(index_s, 3),
            "formula_cache_entries": len(entries), "verify_all_formula_entries_cpu_s": round(verified, 3),
            "ratio_verified_to_plain_cache_read": round(verified / plain, 1)}


def bare_material_configs(work: Path) -> list[Path]:
    """Plain Material configs for both editions: our pages, nav and Markdown extensions, and
    nothing of ours (no hooks, overrides, KaTeX, figures, notebooks or diagrams)."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"^hooks:\n(?:  - .*\n)+", "", text, flags=re.M)
    text = re.sub(r"^  custom_dir: .*\n", "", text, flags=re.M)
    text = re.sub(r"^extra_css:\n(?:  - .*\n)+", "", text, flags=re.M)
    text = re.sub(r"^strict: true\n", "strict: false\n", text, flags=re.M)
    configs = []
    for lang in ("zh", "en"):
        config = text.replace("docs_dir: docs/zh", f"docs_dir: {REPO / 'docs' / lang}")
        config = config.replace("site_dir: site", f"site_dir: {work / 'bare' / lang}")
        if lang == "en":
            config = config.replace("language: zh", "language: en").replace("lang: zh", "lang: en")
            config = re.sub(r"^nav:\n(?:[ -].*\n)+", "", config, flags=re.M)  # English nav is derived by our hook
        path = work / f"bare-{lang}.yml"
        path.write_text(config, encoding="utf-8")
        configs.append(path)
    return configs


def time_bare_build(work: Path) -> float:
    configs = bare_material_configs(work)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    jobs = [subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=REPO, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for config in configs]
    for job in jobs:
        if job.wait() != 0:
            raise RuntimeError(f"bare Material build failed: {job.args}")
    return time.perf_counter() - started


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site below site_url's path with gzip and persistent connections, like GitHub Pages."""
    protocol_version = "HTTP/1.1"  # keep-alive: HTTP/1.0 would cost Lighthouse a new connection per file
    prefix = "/ml-interview-kb/"
    compressible = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")

    def translate_path(self, path):
        route = path.split("?", 1)[0].split("#", 1)[0]
        if not route.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_site__")
        return super().translate_path("/" + route[len(self.prefix):])

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        body = path.read_bytes()
        zipped = path.suffix in self.compressible and "gzip" in self.headers.get("Accept-Encoding", "")
        if zipped:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        import io
        return io.BytesIO(body)

    def log_message(self, format, *args):
        pass


def serve(site: Path):
    handler = lambda *a, **k: GzipHandler(*a, directory=str(site), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{GzipHandler.prefix}"


def first_view(site: Path, root: str) -> dict[str, int]:
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM, CHROMIUM_ARGS, PHONE, first_view_bytes, new_context, open_pages

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = new_context(browser, **PHONE)
        origin = root.split("/ml-interview-kb/")[0]
        totals = {}
        for path, (page, report) in zip(PAGES, open_pages(context, [root + p for p in PAGES], origin, lazy=True)):
            totals[path or "/"] = sum(first_view_bytes(report, site, root).values())
            page.close()
        browser.close()
    return totals


# Runs of Lighthouse per page: its documentation finds the median of 5 runs twice as stable as one
# run; 3 keeps `make bench` near ten minutes. The median run is chosen by Lighthouse's own
# computeMedianRun (closest to the median FCP and TTI), as Lighthouse CI does.
LIGHTHOUSE_RUNS = 3
MEDIAN_RUN = REPO / "node_modules" / "lighthouse" / "core" / "lib" / "median-run.js"


def run_lighthouse(url: str, out: Path) -> None:
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} missing: run `make setup` (npm ci installs the pinned lighthouse)")
    env = dict(os.environ, CHROME_PATH="/usr/bin/chromium")
    subprocess.run(["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--only-categories={','.join(CATEGORIES)}",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu"], env=env, check=True)


def median_run(reports: list[Path]) -> int:
    """Index of the run Lighthouse's computeMedianRun picks."""
    script = (f"import {{computeMedianRun}} from {json.dumps(MEDIAN_RUN.as_uri())};"
              "import fs from 'node:fs';"
              "const runs = process.argv.slice(1).map(f => JSON.parse(fs.readFileSync(f, 'utf8')));"
              "console.log(runs.indexOf(computeMedianRun(runs)));")
    chosen = subprocess.run(["node", "--input-type=module", "-e", script, *map(str, reports)],
                            capture_output=True, text=True, check=True)
    return int(chosen.stdout)


def lighthouse(url: str, work: Path, runs: int = LIGHTHOUSE_RUNS) -> dict:
    reports = [work / f"lh-{run}.json" for run in range(runs)]
    for out in reports:
        run_lighthouse(url, out)
    every = [json.loads(out.read_text(encoding="utf-8")) for out in reports]
    report = every[median_run(reports)]
    audits = report["audits"]
    failed = sorted(name for name, audit in audits.items()
                    if audit.get("score") is not None and audit["score"] < 0.9
                    and audit.get("scoreDisplayMode") in ("binary", "metricSavings", "numeric"))
    return {
        **{name: round(100 * report["categories"][name]["score"]) for name in CATEGORIES},
        "performance_of_each_run": [round(100 * r["categories"]["performance"]["score"]) for r in every],
        "bytes_kib": round(audits["total-byte-weight"]["numericValue"] / 1024),
        "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 1),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "failing_audits": failed,
        "lighthouse": report["lighthouseVersion"],
        "benchmark_index": round(report["environment"]["benchmarkIndex"]),
    }


def pages_report(site: Path) -> dict:
    server, root = serve(site)
    try:
        bytes_on_first_view = first_view(site, root)
        with tempfile.TemporaryDirectory() as work:
            scores = {path or "/": lighthouse(root + path, Path(work)) for path in PAGES}
    finally:
        server.shutdown()
    return {"first_view_gzip_kb": {k: round(v / 1000) for k, v in bytes_on_first_view.items()},
            "lighthouse_mobile": scores}


def _cost(cpu_s: float, share: float) -> str:
    """A check's CPU cost, the difference of two builds' best times: at or below zero, it is lost in their noise."""
    return f"{cpu_s} s ({100 * share:.1f} %)" if cpu_s > 0 else "below the noise between builds"


def markdown(report: dict) -> str:
    lines = [f"Measured by `make bench` on {time.strftime('%Y-%m-%d')} (shared 2-core machine).", ""]
    if "lighthouse_mobile" in report:
        runs = len(next(iter(report["lighthouse_mobile"].values()))["performance_of_each_run"])
        lines += [f"Lighthouse mobile, the median of {runs} runs per page (Lighthouse's computeMedianRun); "
                  "performance of every run in brackets. Lighthouse simulates a phone from the main-thread work it "
                  "observes on this machine, so TBT scales with the machine's speed at the time: the last column is "
                  "Lighthouse's benchmarkIndex for the median run (higher is faster).", "",
                  "| page | performance | accessibility | best practices | SEO | bytes (Lighthouse) | LCP | TBT "
                  "| CLS | benchmarkIndex |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
        for page, s in report["lighthouse_mobile"].items():
            each = ", ".join(map(str, s["performance_of_each_run"]))
            lines.append(f"| {page} | {s['performance']} ({each}) | {s['accessibility']} | {s['best-practices']} "
                         f"| {s['seo']} | {s['bytes_kib']} KiB | {s['lcp_s']} s | {s['tbt_ms']} ms | {s['cls']} "
                         f"| {s['benchmark_index']} |")
        lines += ["", "First-view bytes counted in Chromium (phone screen, gzip -6): "
                  + ", ".join(f"{k} {v} KB" for k, v in report["first_view_gzip_kb"].items()) + ".", ""]
        failing = {p: s["failing_audits"] for p, s in report["lighthouse_mobile"].items() if s["failing_audits"]}
        if failing:
            lines += ["Audits below 0.9: " + "; ".join(f"{p}: {', '.join(a)}" for p, a in failing.items()), ""]
    if "cold_build_s" in report:
        lines += [f"Build: cold {report['cold_build_s']} s, warm {report['warm_build_s']} s, bare Material "
                  f"{report['bare_material_build_s']} s — cold/bare {report['ratio_cold_to_bare']}, "
                  f"warm/bare {report['ratio_warm_to_bare']}, cold/warm {report['ratio_cold_to_warm']}.", ""]
    if "checks" in report:
        c = report["checks"]
        lines += [f"Checks (warm build of the Chinese edition, {c['zh_build_cpu_s']} CPU s): content policy "
                  f"{_cost(c['content_policy_cpu_s'], c['share_content_policy'])}, Content-Security-Policy "
                  f"{_cost(c['csp_cpu_s'], c['share_csp'])}; page index of all pages "
                  f"{c['page_index_all_pages_cpu_s']} s; verifying {c['formula_cache_entries']} formula cache entries "
                  f"{c['verify_all_formula_entries_cpu_s']} s ({c['ratio_verified_to_plain_cache_read']} x a plain "
                  "read).", ""]
    lines += [f"Math: {report['formulas']} formulas in one KaTeX process {report['one_process_s']} s, one process "
              f"per formula {report['process_per_formula_s']} s (ratio "
              f"{report['ratio_process_per_formula_to_one_process']})."]
    return "\n".join(lines)


def update(document: Path, text: str) -> None:
    current = document.read_text(encoding="utf-8") if document.exists() else ""
    block = f"{BENCH_START}\n{text}\n{BENCH_END}"
    if BENCH_START in current:
        head, _, rest = current.partition(BENCH_START)
        current = head + block + rest.partition(BENCH_END)[2]
    else:
        current = current.rstrip("\n") + "\n\n## Latest `make bench`\n\n" + block + "\n"
    document.write_text(current, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--formulas", type=int, default=60, help="how many formulas to time (default 60)")
    parser.add_argument("--build", action="store_true", help="time a cold and a warm build and a bare Material build")
    parser.add_argument("--pages", action="store_true", help="first-view bytes and Lighthouse on the built site")
    parser.add_argument("--update", type=Path, help="write the results into this Markdown file (BENCHMARKS.md)")
    parser.add_argument("--checks", action="store_true", help="only time the hardening checks in a warm build")
    args = parser.parse_args()
    if args.checks:
        print(json.dumps(time_checks(), indent=2))
        return 0
    formulas = sample_formulas(args.formulas)
    per_process = time_per_process(formulas)
    batch = time_batch(formulas)
    report = {"formulas": len(formulas),
              "one_process_s": round(batch, 3), "process_per_formula_s": round(per_process, 3),
              "ratio_process_per_formula_to_one_process": round(per_process / batch, 1)}
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        site = work / "site"
        if args.build:
            cold = time_build(site, work / "cache")
            warm = time_build(site, work / "cache")
            bare = time_bare_build(work)
            report.update(cold_build_s=round(cold, 1), warm_build_s=round(warm, 1),
                          bare_material_build_s=round(bare, 1), ratio_cold_to_bare=round(cold / bare, 1),
                          ratio_warm_to_bare=round(warm / bare, 1), ratio_cold_to_warm=round(cold / warm, 1))
            report["checks"] = time_checks()
        if args.pages:
            if not site.exists():
                time_build(site, Path(os.environ.get("KB_CACHE_DIR", REPO / ".cache")))
            report.update(pages_report(site))
        shutil.rmtree(site, ignore_errors=True)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if args.update:
        update(args.update, markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
