"""Local preview of both editions with live reload: rebuild on any source change.

Serves the site below the same path as the published one (site_url's path), so links that
work here work on the hosted site too."""
from __future__ import annotations

import argparse
import sys
from urllib.parse import urlsplit

import yaml
from mkdocs.livereload import LiveReloadServer

from site_tools.build import BuildError, build
from site_tools.paths import REPO_ROOT

WATCHED = ("docs", "figures_src", "notebooks", "overrides", "hooks", "site_tools", "mkdocs.yml", "mkdocs.en.yml")


def _site_path() -> str:
    text = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    site_url = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("site_url:"))
    return urlsplit(yaml.safe_load(site_url)).path or "/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve both editions with live reload.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    site_dir = REPO_ROOT / "site"

    def rebuild() -> None:
        try:
            build(site_dir)
        except BuildError as error:  # keep serving the last good site; the message says what broke
            print(f"BUILD FAILED: {error}", file=sys.stderr)

    rebuild()
    server = LiveReloadServer(builder=rebuild, host=args.host, port=args.port, root=str(site_dir),
                              mount_path=_site_path())
    for name in WATCHED:
        if (REPO_ROOT / name).exists():
            server.watch(str(REPO_ROOT / name))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
