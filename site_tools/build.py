"""Build both editions into one site: Chinese at the root, English under ``en/``.

Figures, notebooks and diagrams are rendered once first (the editions' builds then read them
from the cache) and the code samples on the pages are run; then the two MkDocs builds run in
parallel (one per core), each strict, each into its own staging folder; only when both succeed
is the result swapped into place in one step, so a failed or killed build never leaves a
half-written site behind.
"""
from __future__ import annotations

import argparse
import ctypes
import os
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from site_tools import figures, notebooks, samples
from site_tools.git_info import commit_time
from site_tools.paths import REPO_ROOT

EDITIONS = (("zh", "mkdocs.yml", ""), ("en", "mkdocs.en.yml", "en"))  # (lang, config, sub-folder)


class BuildError(RuntimeError):
    pass


def _stream(prefix: str, pipe) -> None:
    for line in pipe:
        sys.stderr.write(f"[{prefix}] {line}")


def _check_layout(repo_root: Path) -> None:
    for lang, _, _ in EDITIONS:
        for _, _, other in EDITIONS:
            if other and (repo_root / "docs" / lang / other).exists():
                raise BuildError(f"docs/{lang}/{other}/ would collide with the {other} edition's URL prefix")


def _swap(new: Path, target: Path) -> bool:
    """Exchange two directories in one step (Linux renameat2 RENAME_EXCHANGE); False where the
    system cannot. The standard library has no call for it, hence ctypes."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(new), at_fdcwd, os.fsencode(target), rename_exchange) == 0


def _put_in_place(new: Path, site_dir: Path) -> None:
    """Move the built site to ``site_dir``. An existing site is swapped with it atomically, so
    ``site_dir`` always holds a whole site, even if the build is killed right now."""
    if not site_dir.exists():
        new.rename(site_dir)
    elif _swap(new, site_dir):
        shutil.rmtree(new)  # now the previous site
    else:  # two renames: a moment without site_dir, on systems without renameat2
        previous = new.with_name(new.name + ".previous")
        site_dir.rename(previous)
        new.rename(site_dir)
        shutil.rmtree(previous)


def _remove_abandoned_staging(site_dir: Path) -> None:
    """Staging folders of builds that were killed (their process is gone)."""
    for folder in site_dir.parent.glob(f".{site_dir.name}.building-*"):
        pid = folder.name.rsplit("-", 1)[-1].split(".")[0]
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except (ValueError, PermissionError):
            pass


def build(site_dir: Path, repo_root: Path = REPO_ROOT, config_dir: Path | None = None,
          strict: bool = True) -> float:
    """Build into ``site_dir``; return the seconds it took. Raises BuildError on failure."""
    started = time.monotonic()
    config_dir = config_dir or repo_root
    _check_layout(config_dir)
    try:
        report = figures.render(src_dir=config_dir / "figures_src")
    except figures.FigureError as error:
        raise BuildError(str(error)) from None
    print(f"figures: {len(report.rendered)} rendered, {len(report.reused)} reused from cache", file=sys.stderr)
    # Notebooks and page samples run here, side by side, so the two editions' builds only read
    # the notebook cache.
    with ThreadPoolExecutor(max_workers=2) as pool:
        notebook_runs = pool.submit(notebooks.execute_all, config_dir / "notebooks")
        sample_runs = pool.submit(samples.check_all, samples.topic_pages(config_dir / "docs"))
        try:
            runs = notebook_runs.result()
        except notebooks.NotebookError as error:
            raise BuildError(str(error)) from None
        try:
            checked = sample_runs.result()
        except samples.SampleError as error:
            raise BuildError(str(error)) from None
    fresh = sum(not run["from_cache"] for run in runs.values())
    print(f"notebooks: {fresh} executed, {len(runs) - fresh} reused from cache", file=sys.stderr)
    ran = sum(result["run"] for result in checked.values())
    skipped = sum(result["not_run"] for result in checked.values())
    print(f"samples: {ran} checked on {len(checked)} pages, {skipped} marked not run", file=sys.stderr)
    # Every diagram of both editions in one browser; its own process, so that a caller that is
    # itself driving a browser through Playwright (the tests) can build too.
    drawn = subprocess.run([sys.executable, "-m", "site_tools.diagrams", str(config_dir / "docs")],
                           cwd=REPO_ROOT, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    if drawn.returncode != 0:
        raise BuildError(drawn.stderr.strip())
    print(drawn.stderr.strip(), file=sys.stderr)

    _remove_abandoned_staging(site_dir)
    staging = site_dir.parent / f".{site_dir.name}.building-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
    if "SOURCE_DATE_EPOCH" not in env and (committed := commit_time(config_dir)) is not None:
        # MkDocs dates the sitemap (and stamps its .gz) with this instead of today: the same
        # commit gives the same site, whatever the day of the build
        env["SOURCE_DATE_EPOCH"] = str(committed)
    jobs = []
    for lang, config_name, _ in EDITIONS:
        command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_dir / config_name),
                   "-d", str(staging / lang)]
        if strict:
            command.append("--strict")
        process = subprocess.Popen(command, cwd=config_dir, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8")
        reader = threading.Thread(target=_stream, args=(lang, process.stdout))
        reader.start()
        jobs.append((lang, config_name, process, reader))
    failed = []
    for lang, config_name, process, reader in jobs:
        process.wait()
        reader.join()
        if process.returncode != 0:
            failed.append(f"{config_name} ({lang}) failed with exit code {process.returncode}")
    if failed:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError("; ".join(failed) + " — see the messages above")

    root = staging / EDITIONS[0][0]
    for lang, _, folder in EDITIONS[1:]:
        (staging / lang).rename(root / folder)
    _put_in_place(root, site_dir)
    shutil.rmtree(staging, ignore_errors=True)
    return time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build both language editions into one site.")
    parser.add_argument("--site-dir", type=Path, default=REPO_ROOT / "site")
    parser.add_argument("--project", type=Path, default=REPO_ROOT,
                        help="folder with mkdocs.yml, docs/, figures_src/ and notebooks/ (default: this repository)")
    parser.add_argument("--no-strict", action="store_true", help="warnings do not fail the build")
    args = parser.parse_args(argv)
    try:
        seconds = build(args.site_dir.resolve(), config_dir=args.project.resolve(), strict=not args.no_strict)
    except BuildError as error:
        print(f"BUILD FAILED: {error}", file=sys.stderr)
        return 1
    print(f"built {args.site_dir} in {seconds:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
