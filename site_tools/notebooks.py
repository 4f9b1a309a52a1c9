"""Executed notebooks as pages.

A notebook is a jupytext percent-format ``.py`` file in ``notebooks/`` (readable diffs, no
outputs in git). Code cells are shared by both editions; Markdown cells carry ``lang="zh"`` or
``lang="en"`` (cells without it are shown in both). Execution goes through nbclient with
errors not allowed: a failing cell raises NotebookError naming the notebook, the cell, its
line range in the ``.py`` file, the exception and the traceback. Successful executions are
cached by content (code cells, kernel, pinned dependencies, imported local modules), so a warm
build executes nothing.
"""
from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from site_tools.cache import FORMAT, cache_dir, content_key, load_text, report_damaged, store
from site_tools.paths import REPO_ROOT, repo_relative

NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
KERNEL = "python3"
KERNELSPEC = {"name": KERNEL, "display_name": "Python 3", "language": "python"}
CELL_TIMEOUT_SECONDS = 120  # per cell; a notebook should finish well within a minute
NOTEBOOK_BUDGET_SECONDS = 300
EXECUTOR_VERSION = "1"
CELL_MARKER = re.compile(r"^# %%")
# CPython 3.11's ast.parse is not safe to call from several threads at once
# ("AST constructor recursion depth mismatch"); notebooks are executed two at a time.
_AST_LOCK = threading.Lock()


class NotebookError(RuntimeError):
    """A notebook is malformed, failed or ran too long; the message says where."""


@dataclass(frozen=True)
class CellSpan:
    first_line: int
    last_line: int


def read(path: Path):
    import jupytext

    return jupytext.read(path, fmt="py:percent")


def cell_spans(path: Path) -> list[CellSpan]:
    """Line range of every cell in the text file, in cell order (text before the first
    marker is a cell of its own when jupytext makes one of it)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    starts = [number for number, line in enumerate(lines, start=1) if CELL_MARKER.match(line)]
    if starts and len(read(path).cells) == len(starts) + 1:
        starts.insert(0, 1)
    ends = [start - 1 for start in starts[1:]] + [len(lines)]
    spans = []
    for start, end in zip(starts, ends):
        while end > start and not lines[end - 1].strip():
            end -= 1
        spans.append(CellSpan(start, end))
    return spans


def local_imports(notebook, folder: Path) -> list[Path]:
    """Modules next to the notebook that it imports: their code is part of the cache key."""
    found = set()
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        try:
            with _AST_LOCK:
                tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            for name in names:
                candidate = folder / f"{name.split('.')[0]}.py"
                if candidate.is_file():
                    found.add(candidate)
    return sorted(found)


def execution_key(path: Path, notebook, requirements: Path = REPO_ROOT / "requirements.txt") -> str:
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    modules = [m.read_bytes() for m in local_imports(notebook, path.parent)]
    pinned = requirements.read_bytes() if requirements.exists() else b""
    return content_key(FORMAT, EXECUTOR_VERSION, KERNEL, json.dumps(code), pinned, *modules)


def _cache_file(key: str) -> Path:
    return cache_dir("notebooks") / f"{key}.json"


ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def _describe_failure(path: Path, index: int, spans: list[CellSpan], detail: str) -> str:
    where = f"cell {index + 1}"
    if index < len(spans):
        where += f" (lines {spans[index].first_line}-{spans[index].last_line})"
    return f"{repo_relative(path)}: {where} failed\n{ANSI_ESCAPE.sub('', detail)}"


def _cached_run(cached: Path, notebook) -> dict | None:
    """A stored run, or None when there is none or it is damaged (then it is executed again)."""
    text = load_text(cached)
    if text is None:
        return None
    try:
        result = json.loads(text)
    except json.JSONDecodeError:
        report_damaged(cached, "not JSON")
        return None
    code_cells = sum(cell.cell_type == "code" for cell in notebook.cells)
    if not isinstance(result, dict) or len(result.get("outputs", ())) != code_cells:
        report_damaged(cached, "outputs do not match the notebook's code cells")
        return None
    result["from_cache"] = True
    return result


def execute(path: Path) -> dict:
    """Execute a notebook (or reuse a cached run); return {"outputs": [...per code cell], ...}."""
    notebook = read(path)
    key = execution_key(path, notebook)
    cached = _cache_file(key)
    if (result := _cached_run(cached, notebook)) is not None:
        return result
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    client = NotebookClient(notebook, timeout=CELL_TIMEOUT_SECONDS, kernel_name=KERNEL, allow_errors=False,
                            resources={"metadata": {"path": str(path.parent)}})
    started = time.monotonic()
    # the kernel's own stderr only carries start-up chatter; cell errors arrive as messages
    with client.setup_kernel(stderr=subprocess.DEVNULL):
        for index, cell in enumerate(notebook.cells):
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as error:
                raise NotebookError(_describe_failure(path, index, cell_spans(path), str(error))) from None
            except (CellTimeoutError, DeadKernelError) as error:
                detail = f"{type(error).__name__}: {error}"
                raise NotebookError(_describe_failure(path, index, cell_spans(path), detail)) from None
    seconds = time.monotonic() - started
    if seconds > NOTEBOOK_BUDGET_SECONDS:
        raise NotebookError(f"{path.name}: took {seconds:.0f} s, over the {NOTEBOOK_BUDGET_SECONDS} s budget")
    result = {"outputs": [cell.get("outputs", []) for cell in notebook.cells if cell.cell_type == "code"],
              "seconds": round(seconds, 2)}
    store(cached, json.dumps(result, ensure_ascii=False))
    result["from_cache"] = False
    return result


def execute_all(folder: Path = NOTEBOOKS_DIR, jobs: int = 2) -> dict[str, dict]:
    """Execute every notebook of the folder, a few at a time; raise on the first failure."""
    paths = sorted(p for p in folder.glob("*.py") if not p.name.startswith("_")) if folder.is_dir() else []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = dict(zip((p.stem for p in paths), pool.map(execute, paths)))
    return results


# ---- rendering an executed notebook as a Markdown page -------------------------------------

@dataclass
class RenderedNotebook:
    markdown: str
    images: dict[str, bytes]  # file name -> PNG bytes, placed next to the page
    ipynb: str  # the executed notebook with this language's Markdown cells, for download


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _fence(text: str, language: str = "text") -> str:
    ticks = "````" if "```" in text else "```"
    return f"{ticks}{language}\n{text.rstrip()}\n{ticks}"


def render(path: Path, lang: str, execution: dict, image_prefix: str, labels: dict[str, str]) -> RenderedNotebook:
    """Markdown for one edition: its Markdown cells, every code cell and its outputs."""
    import base64

    import nbformat

    notebook = read(path)
    cells = [c for c in notebook.cells if c.cell_type != "markdown" or c.metadata.get("lang", lang) == lang]
    if not any(c.cell_type == "markdown" and c.metadata.get("lang") == lang for c in cells):
        raise NotebookError(f"{path.name}: has no Markdown cells with lang=\"{lang}\"")
    outputs = iter(execution["outputs"])
    parts, images = [], {}
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = [nbformat.from_dict(output) for output in next(outputs)]
            cell.execution_count = None
    for cell in cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source)
            continue
        parts.append(_fence(cell.source, "python"))
        rendered_outputs = []
        for output in cell.outputs:
            kind = output.get("output_type")
            if kind == "stream":
                rendered_outputs.append(_fence(_text(output["text"])))
            elif kind in ("execute_result", "display_data"):
                data = output.get("data", {})
                if "image/png" in data:
                    name = f"{image_prefix}-{len(images) + 1}.png"
                    images[name] = base64.b64decode(_text(data["image/png"]))
                    rendered_outputs.append(f"![{labels['figure']}]({name})")
                elif "text/plain" in data:
                    rendered_outputs.append(_fence(_text(data["text/plain"])))
        if rendered_outputs:
            parts.append('<div class="nb-output" markdown>\n\n' + "\n\n".join(rendered_outputs) + "\n\n</div>")
    shown = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": dict(KERNELSPEC)})
    for number, cell in enumerate(shown.cells, start=1):
        cell.metadata.pop("lang", None)
        cell.id = f"cell-{number}"  # nbformat draws random ids: the download would differ per build
    return RenderedNotebook("\n\n".join(parts) + "\n", images, nbformat.writes(shown))


def main() -> int:
    """Execute every notebook and report (`python -m site_tools.notebooks`)."""
    try:
        results = execute_all()
    except NotebookError as error:
        print(error, file=sys.stderr)
        return 1
    for name, result in results.items():
        origin = "cache" if result["from_cache"] else f"executed in {result['seconds']} s"
        print(f"{name}: {origin}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
