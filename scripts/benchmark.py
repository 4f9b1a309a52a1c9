"""Side-by-side timings, measured in one run (these machines are noisy: read the ratios).

    .venv/bin/python scripts/benchmark.py            # math: one Node process vs one per formula
    .venv/bin/python scripts/benchmark.py --build    # also: cold vs warm full build

Math: the same formulas (taken from docs/) are rendered by one long-lived KaTeX process, as
the build does, and by starting Node once per formula, the naive alternative. Build: a full
build with an empty cache directory vs a second build that reuses it. Checks (--checks, and
part of --build): what the hardening steps cost in a warm build of the Chinese edition — CPU
time with every hook vs without the content-policy hook or the CSP hook — plus reading the
page index and verifying the formula cache's checksums against plain reads.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

INLINE = re.compile(r"(?<![\\$])\$(?!\s)([^$\n]+?)(?<!\s)\$(?!\$)")


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--formulas", type=int, default=60, help="how many formulas to time (default 60)")
    parser.add_argument("--build", action="store_true", help="also time a cold and a warm full build")
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
    if args.build:
        with tempfile.TemporaryDirectory() as work:
            cache, site = Path(work) / "cache", Path(work) / "site"
            cold = time_build(site, cache)
            warm = time_build(site, cache)
            shutil.rmtree(site, ignore_errors=True)
        report.update(cold_build_s=round(cold, 1), warm_build_s=round(warm, 1),
                      ratio_cold_to_warm=round(cold / warm, 1))
        report["checks"] = time_checks()
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
