"""Render the matplotlib scripts in ``figures_src/`` to SVG: two themes x two languages.

Each script defines ``draw(lang) -> matplotlib.figure.Figure``. Rendering is cached by a hash of
the script, the shared style module and the library versions, runs in parallel across cores,
and writes every file atomically; a script that raises fails with its name and traceback.
A figure's cache entry is its four SVG files plus a manifest of their checksums, written last
and checked on every read: a damaged or missing variant makes the figure render again.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import io
import json
import os
import random
import re
import sys
import traceback
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from site_tools.cache import FORMAT, REPO_ROOT, atomic_write, cache_dir, content_key, load_text, report_damaged, store
from site_tools.markdown_scan import lines_outside_code

FIGURES_SRC = REPO_ROOT / "figures_src"
STYLE_MODULE = "style"
LANGS = ("zh", "en")
THEMES = ("light", "dark")
RENDERER_VERSION = "1"  # bump when the output format of this module changes
MANIFEST = "manifest"  # variant file name -> SHA-256, written after the variants
LIBRARIES = ("matplotlib", "numpy", "scipy", "scikit-learn")


class FigureError(RuntimeError):
    """A figure script is missing or failed; the message names the script."""


@dataclass(frozen=True)
class RenderReport:
    keys: dict[str, str]  # figure name -> cache key of its variants
    rendered: list[str]
    reused: list[str]


def discover(src_dir: Path = FIGURES_SRC) -> dict[str, Path]:
    """Figure name -> script. Files starting with ``_`` and the style module are not figures."""
    return {
        path.stem.replace("_", "-"): path
        for path in sorted(src_dir.glob("*.py"))
        if not path.stem.startswith("_") and path.stem != STYLE_MODULE
    }


def _library_versions() -> str:
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name}==absent")
    return ";".join(versions)


def figure_key(script: Path, src_dir: Path = FIGURES_SRC) -> str:
    style = src_dir / f"{STYLE_MODULE}.py"
    return content_key(FORMAT, RENDERER_VERSION, script.read_bytes(), style.read_bytes(), _library_versions())


def output_dir(key: str) -> Path:
    return cache_dir("figures") / key


def variant_path(key: str, lang: str, theme: str) -> Path:
    return output_dir(key) / f"{lang}.{theme}.svg"


def is_cached(key: str) -> bool:
    """Whether all variants of the figure are in the cache, each matching the manifest."""
    manifest_text = load_text(output_dir(key) / MANIFEST)
    if manifest_text is None:
        return False
    for name, digest in json.loads(manifest_text).items():
        variant = output_dir(key) / name
        try:
            data = variant.read_bytes()
        except FileNotFoundError:
            report_damaged(variant, "missing")
            return False
        if hashlib.sha256(data).hexdigest() != digest:
            report_damaged(variant, "checksum mismatch")
            return False
    return True


def _check_font(family: str) -> None:
    from matplotlib import font_manager

    try:
        font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    except ValueError:
        raise FigureError(
            f"font {family!r} not found: install Debian's fonts-noto-cjk "
            "(sudo apt-get install fonts-noto-cjk), then delete ~/.cache/matplotlib"
        ) from None


def _load_module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def draw_figure(script: Path, lang: str, theme: str, src_dir: Path = FIGURES_SRC):
    """Apply the theme, seed the random generators, run the script and return its Figure."""
    import matplotlib

    matplotlib.use("Agg")
    import numpy as np

    if str(src_dir) not in sys.path:
        sys.path.insert(0, str(src_dir))
    style = _load_module(STYLE_MODULE, src_dir / f"{STYLE_MODULE}.py")
    sys.modules[STYLE_MODULE] = style
    _check_font(style.FONT_FAMILY)
    style.apply(theme)
    random.seed(0)
    np.random.seed(0)
    module = _load_module(f"figure_{script.stem}", script)
    if not hasattr(module, "draw"):
        raise FigureError(f"{script.name}: defines no draw(lang) function")
    return module.draw(lang)


def render_svg(script: Path, lang: str, theme: str, src_dir: Path = FIGURES_SRC) -> bytes:
    """Run one script for one language and theme and return the SVG bytes."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=r".*missing from font.*")
            figure = draw_figure(script, lang, theme, src_dir)
            figure.savefig(buffer, format="svg", metadata={"Date": None})
    except UserWarning as warning:
        raise FigureError(f"{script.name} ({lang}, {theme}): {warning} — it would be drawn as a "
                          "tofu box; use characters the font has, or mathtext") from None
    finally:
        plt.close("all")
    return buffer.getvalue()


def _render_all_variants(script: str, key: str, src_dir: str) -> str | None:
    """Worker: render the four variants of one script into the cache; return a traceback on error."""
    try:
        manifest = {}
        for lang in LANGS:
            for theme in THEMES:
                svg = render_svg(Path(script), lang, theme, Path(src_dir))
                path = variant_path(key, lang, theme)
                atomic_write(path, svg)
                manifest[path.name] = hashlib.sha256(svg).hexdigest()
        store(output_dir(key) / MANIFEST, json.dumps(manifest, sort_keys=True))
        return None
    except Exception as error:
        return _script_traceback(error, Path(src_dir))


def _script_traceback(error: Exception, src_dir: Path) -> str:
    """The traceback of a failing script, keeping only its own frames (and the style module's):
    the contributor needs the line of their script, not this module's."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__)
              if Path(frame.filename).resolve().parent == src_dir.resolve()]
    return "".join(["Traceback (most recent call last):\n", *traceback.format_list(frames),
                    *traceback.format_exception_only(error)])


def render(names: list[str] | None = None, src_dir: Path = FIGURES_SRC, jobs: int | None = None) -> RenderReport:
    """Render what is not cached yet; report the cache key of every requested figure."""
    scripts = discover(src_dir)
    wanted = sorted(scripts) if names is None else names
    unknown = [name for name in wanted if name not in scripts]
    if unknown:
        raise FigureError(f"no figure script for {', '.join(unknown)} in {src_dir}")
    keys = {name: figure_key(scripts[name], src_dir) for name in wanted}
    missing = [name for name in wanted if not is_cached(keys[name])]
    failures = {}
    if missing:
        workers = min(len(missing), jobs or os.cpu_count() or 1)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {
                name: pool.submit(_render_all_variants, str(scripts[name]), keys[name], str(src_dir))
                for name in missing
            }
            for name, future in futures.items():
                if (error := future.result()) is not None:
                    failures[name] = error
    if failures:
        details = "\n".join(
            f"--- figures_src/{scripts[name].name} raised:\n{error}" for name, error in failures.items()
        )
        raise FigureError(f"{len(failures)} figure script(s) failed:\n{details}")
    return RenderReport(keys=keys, rendered=missing, reused=[n for n in wanted if n not in missing])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render figures from figures_src/ (cached).")
    parser.add_argument("names", nargs="*", help="figure names (default: all)")
    parser.add_argument("--png", type=Path, help="also write PNG previews into this folder")
    args = parser.parse_args(argv)
    try:
        report = render(args.names or None)
    except FigureError as error:
        print(error, file=sys.stderr)
        return 1
    keys = report.keys
    print(f"figures: {len(report.rendered)} rendered, {len(report.reused)} reused from cache")
    for key in keys.values():
        for lang in LANGS:
            for theme in THEMES:
                print(variant_path(key, lang, theme))
    if args.png:
        _write_previews(keys, args.png)
    return 0


def _write_previews(keys: dict[str, str], folder: Path) -> None:
    """PNG copies on the theme's page colour, for looking at a figure while writing it."""
    import matplotlib.pyplot as plt

    scripts = discover()
    folder.mkdir(parents=True, exist_ok=True)
    for name in keys:
        for lang in LANGS:
            for theme in THEMES:
                figure = draw_figure(scripts[name], lang, theme)
                background = sys.modules[STYLE_MODULE].THEMES[theme]["bg"]
                target = folder / f"{name}.{lang}.{theme}.png"
                figure.savefig(target, format="png", facecolor=background, transparent=False)
                plt.close("all")
                print(target)



FIGURE_REFERENCE = re.compile(
    r"!\[(?P<alt>[^\]]*)\]\((?P<prefix>(?:\.\./)*)figures/(?P<name>[A-Za-z0-9_-]+)\.svg\)"
)


SVG_SIZE = re.compile(r'<svg\b[^>]*?\swidth="(?P<width>[\d.]+)pt"\s+height="(?P<height>[\d.]+)pt"')


def svg_size(path: Path) -> tuple[int, int]:
    """Size in CSS pixels of an SVG matplotlib wrote (it gives points: 1 pt = 4/3 px)."""
    match = SVG_SIZE.search(path.read_text(encoding="utf-8")[:2000])
    if not match:
        raise FigureError(f"{path}: no width/height in pt on the <svg> element")
    return round(float(match.group("width")) * 4 / 3), round(float(match.group("height")) * 4 / 3)


def expand_references(markdown: str, known: set[str] | dict[str, tuple[int, int]], page: str,
                      first_line: int = 1) -> str:
    """Turn ``![alt](../figures/NAME.svg)`` into a light and a dark image of that figure.

    ``known`` names the figures, or maps each name to its size (width, height) in pixels, which
    the images then carry so the page does not shift as they load. An unknown NAME raises
    FigureError naming the page and line (``first_line``: the line of the file where
    ``markdown`` starts, after the front matter); references inside code blocks stay as written.
    """
    lines = markdown.split("\n")
    problems = []
    for index, line in lines_outside_code(markdown):
        def expand(match, number=index + first_line - 1):
            name, alt, prefix = match.group("name"), match.group("alt"), match.group("prefix")
            if name not in known:
                problems.append(f"{page}:{number}: no figure script for '{name}' "
                                f"(expected figures_src/{name.replace('-', '_')}.py)")
                return match.group(0)
            if not alt.strip():
                problems.append(f"{page}:{number}: figure '{name}' needs alt text: ![description](...)")
            size = f' width="{known[name][0]}" height="{known[name][1]}"' if isinstance(known, dict) else ""
            return "".join(
                f"![{alt}]({prefix}figures/{name}.{theme}.svg#only-{theme}){{ loading=lazy{size} }}"
                for theme in THEMES
            )
        lines[index - 1] = FIGURE_REFERENCE.sub(expand, line)
    if problems:
        raise FigureError("\n".join(problems))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
