"""Python code samples on topic pages run in the build, and the output they show is checked.

Every ```python block on a topic page is one of:

- runnable (the default): it is executed, and an exception fails the build naming the page and
  the line (tracebacks carry the page's own line numbers);
- runnable with output: a ```text block right after it holds what it prints; the printed text
  must match (trailing spaces and blank lines aside), or the build fails with a diff;
- not run: its first line is a comment ``# not run: <reason>`` (``# 不运行：<原因>``), which the
  reader sees as part of the code.

The samples of one page run in order in one namespace, like notebook cells, so a later sample
may use what an earlier one defined. Each page runs in its own Python process with a time
limit; runs are cached by content (code, pinned dependencies), so a warm build runs nothing.
"""
from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from site_tools.cache import atomic_write, cache_dir, content_key
from site_tools.pages import PageError, read_page
from site_tools.paths import REPO_ROOT, TOPIC_FOLDERS, repo_relative

RUNNER_VERSION = "1"
PAGE_TIMEOUT_SECONDS = 120
OPEN_FENCE = re.compile(r"^(?P<indent>[ ]*)(?P<ticks>`{3,})(?P<info>[^`]*)$")
NOT_RUN = re.compile(r"^#\s*(?:not run|不运行)\s*[:：]\s*(?P<reason>\S.*)$", re.I)

# Runs in a fresh interpreter: reads the samples as JSON on stdin, runs them in one namespace,
# and reports one JSON line per event on the original stdout (samples print into a buffer).
RUNNER = r"""
import contextlib, io, json, linecache, sys, traceback
report = sys.stdout
samples = json.load(sys.stdin)
namespace = {"__name__": "__main__"}
for index, sample in enumerate(samples):
    print(json.dumps({"start": index}), file=report, flush=True)
    printed = io.StringIO()
    source = "\n" * (sample["line"] - 1) + sample["code"] + "\n"
    linecache.cache[sample["page"]] = (len(source), None, source.splitlines(True), sample["page"])
    try:
        with contextlib.redirect_stdout(printed):
            exec(compile(source, sample["page"], "exec"), namespace)
    except BaseException as error:
        trace = traceback.TracebackException.from_exception(error)
        trace.stack = traceback.StackSummary.from_list([f for f in trace.stack if f.filename != "<string>"])
        print(json.dumps({"error": index, "traceback": "".join(trace.format()).rstrip()}), file=report, flush=True)
        break
    print(json.dumps({"done": index, "stdout": printed.getvalue()}), file=report, flush=True)
"""


class SampleError(RuntimeError):
    """A sample raised, printed something other than its shown output, or hung."""


@dataclass(frozen=True)
class Sample:
    line: int  # line of the first code line on the page
    code: str
    expected: str | None  # the output block shown after it, if any
    not_run: str | None  # the reason shown in its first line, if it is not run


def _block_end(lines: list[str], start: int, indent: str, ticks: str) -> int:
    closing = re.compile(rf"^{indent}`{{{len(ticks)},}}\s*$")
    for index in range(start, len(lines)):
        if closing.match(lines[index]):
            return index
    return len(lines)


def _dedent(body: list[str], indent: str) -> str:
    return "\n".join(line[len(indent):] if line.startswith(indent) else line.lstrip() for line in body)


def find_samples(markdown: str) -> list[Sample]:
    lines = markdown.split("\n")
    samples, index = [], 0
    while index < len(lines):
        match = OPEN_FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        indent, ticks = match.group("indent"), match.group("ticks")
        end = _block_end(lines, index + 1, indent, ticks)
        if match.group("info").strip().split(" ")[0] != "python":
            index = end + 1
            continue
        code = _dedent(lines[index + 1:end], indent)
        after = end + 1
        while after < len(lines) and not lines[after].strip():
            after += 1
        expected = None
        if after < len(lines) and lines[after] == f"{indent}```text":
            output_end = _block_end(lines, after + 1, indent, "```")
            expected = _dedent(lines[after + 1:output_end], indent)
            end = output_end
        first = next((line.strip() for line in code.split("\n") if line.strip()), "")
        not_run = NOT_RUN.match(first)
        samples.append(Sample(index + 2, code, expected, not_run.group("reason") if not_run else None))
        index = end + 1
    return samples


def topic_pages(docs: Path = REPO_ROOT / "docs") -> list[Path]:
    return sorted(page for lang in sorted(p for p in docs.iterdir() if p.is_dir())
                  for folder in TOPIC_FOLDERS for page in (lang / folder).rglob("*.md"))


def _normalise(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").split("\n"))


def _run_key(page_name: str, runnable: list[Sample], requirements: Path) -> str:
    pinned = requirements.read_bytes() if requirements.exists() else b""
    code = json.dumps([[s.line, s.code] for s in runnable])
    return content_key(RUNNER_VERSION, sys.version, page_name, code, pinned)


def _read_cached(path: Path) -> list[str] | None:
    try:
        outputs = json.loads(path.read_text(encoding="utf-8"))["outputs"]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        print(f"samples: unreadable cache entry {repo_relative(path)}, running again", file=sys.stderr)
        return None
    return outputs if isinstance(outputs, list) and all(isinstance(o, str) for o in outputs) else None


def _execute(page_name: str, runnable: list[Sample], timeout: float) -> list[str]:
    payload = json.dumps([{"line": s.line, "code": s.code, "page": page_name} for s in runnable])
    env = dict(os.environ, PYTHONHASHSEED="0", MPLBACKEND="Agg", PYTHONDONTWRITEBYTECODE="1")
    with tempfile.TemporaryDirectory(prefix="kb-sample-") as workdir:
        try:
            finished = subprocess.run([sys.executable, "-c", RUNNER], input=payload, capture_output=True,
                                      text=True, encoding="utf-8", cwd=workdir, env=env, timeout=timeout)
            stdout, crashed = finished.stdout, finished.returncode != 0
        except subprocess.TimeoutExpired as expired:
            stdout = expired.stdout.decode("utf-8", "replace") if isinstance(expired.stdout, bytes) \
                else (expired.stdout or "")
            started = [json.loads(line)["start"] for line in stdout.splitlines() if line.startswith('{"start"')]
            sample = runnable[started[-1]] if started else runnable[0]
            raise SampleError(f"{page_name}:{sample.line}: sample did not finish within {timeout:.0f} s") from None
    outputs = []
    for line in stdout.splitlines():
        event = json.loads(line)
        if "error" in event:
            sample = runnable[event["error"]]
            raise SampleError(f"{page_name}:{sample.line}: sample raised\n{event['traceback']}")
        if "done" in event:
            outputs.append(event["stdout"])
    if crashed or len(outputs) != len(runnable):
        raise SampleError(f"{page_name}: the sample runner stopped early (exit {finished.returncode})\n"
                          f"{finished.stderr[-2000:]}")
    return outputs


def check_page(page: Path, timeout: float = PAGE_TIMEOUT_SECONDS,
               requirements: Path = REPO_ROOT / "requirements.txt") -> dict:
    """Run a page's samples (or reuse a cached run) and compare shown outputs."""
    try:  # an unreadable page is reported in one line, as the page index would
        source = read_page(page)
    except PageError as error:
        raise SampleError(str(error)) from None
    page_name = source.name
    samples = find_samples(source.text)
    runnable = [s for s in samples if s.not_run is None]
    result = {"samples": len(samples), "run": len(runnable), "not_run": len(samples) - len(runnable),
              "from_cache": True}
    if not runnable:
        return result
    cached = cache_dir("samples") / f"{_run_key(page_name, runnable, requirements)}.json"
    outputs = _read_cached(cached)
    if outputs is None or len(outputs) != len(runnable):
        outputs = _execute(page_name, runnable, timeout)
        atomic_write(cached, json.dumps({"outputs": outputs}, ensure_ascii=False))
        result["from_cache"] = False
    for sample, printed in zip(runnable, outputs):
        if sample.expected is not None and _normalise(printed) != _normalise(sample.expected):
            diff = "\n".join(difflib.unified_diff(_normalise(sample.expected).split("\n"),
                                                  _normalise(printed).split("\n"),
                                                  "shown on the page", "printed", lineterm=""))
            raise SampleError(f"{page_name}:{sample.line}: the output shown after the sample is not what it prints\n"
                              f"{diff}")
    return result


def check_all(pages: list[Path] | None = None, jobs: int = 2) -> dict[str, dict]:
    """Check the samples of every topic page, a few pages at a time; raise listing every failure."""
    pages = topic_pages() if pages is None else pages
    failures, results = [], {}

    def one(page: Path):
        try:
            return page, check_page(page), None
        except SampleError as error:
            return page, None, str(error)

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for page, result, failure in pool.map(one, pages):
            if failure:
                failures.append(failure)
            else:
                results[repo_relative(page)] = result
    if failures:
        raise SampleError("\n\n".join(failures))
    return results


def not_run_samples(pages: list[Path] | None = None) -> list[tuple[str, int, str]]:
    """(page, line, reason) of every sample marked not run."""
    return [(repo_relative(page), s.line, s.not_run) for page in (topic_pages() if pages is None else pages)
            for s in find_samples(read_page(page).text) if s.not_run]


def main() -> int:
    """Run every sample and report (`python -m site_tools.samples`)."""
    try:
        results = check_all()
    except SampleError as error:
        print(error, file=sys.stderr)
        return 1
    fresh = sum(not r["from_cache"] for r in results.values())
    total = sum(r["run"] for r in results.values())
    skipped = sum(r["not_run"] for r in results.values())
    print(f"samples: {total} run on {len(results)} pages ({fresh} pages executed, the rest from cache), "
          f"{skipped} marked not run", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
