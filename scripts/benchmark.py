"""Side-by-side timings, measured in one run (these machines are noisy: read the ratios).

    .venv/bin/python scripts/benchmark.py            # math: one Node process vs one per formula
    .venv/bin/python scripts/benchmark.py --build    # also: cold vs warm full build

Math: the same formulas (taken from docs/) are rendered by one long-lived KaTeX process, as
the build does, and by starting Node once per formula, the naive alternative. Build: a full
build with an empty cache directory vs a second build that reuses it.
"""
from __future__ import annotations

import argparse
import json
import os
import re
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--formulas", type=int, default=60, help="how many formulas to time (default 60)")
    parser.add_argument("--build", action="store_true", help="also time a cold and a warm full build")
    args = parser.parse_args()
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
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
