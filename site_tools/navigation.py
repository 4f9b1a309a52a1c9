"""The navigation as data: reading-order groups of pages, and the topic map of the home page."""
from __future__ import annotations

TOPIC_MAP_MARKER = "<!-- topic-map -->"


def nav_groups(nav: list, trail: tuple[str, ...] = ()) -> list[tuple[str, list[str]]]:
    """Flatten a MkDocs nav into (section path, [page uri]) groups in reading order."""
    groups: list[tuple[str, list[str]]] = []
    loose: list[str] = []
    for item in nav:
        if isinstance(item, str):
            loose.append(item)
            continue
        (label, value), = item.items()
        if isinstance(value, list):
            groups += nav_groups(value, trail + (label,))
        else:
            loose.append(value)
    if loose and trail:
        groups.insert(0, (" · ".join(trail), loose))
    return groups


def topic_map_markdown(groups: list[tuple[str, list[str]]], titles: dict[str, str], prefix: str = "") -> str:
    """A grid of cards, one per nav group, each listing its pages (Material's card grid)."""
    out = ['<div class="grid cards" markdown>', ""]
    for label, uris in groups:
        pages = [uri for uri in uris if uri in titles]
        if not pages:
            continue
        out.append(f"-   __{label}__")
        out.append("")
        out.append("    ---")
        out.append("")
        out += [f"    - [{titles[uri]}]({prefix}{uri})" for uri in pages]
        out.append("")
    out.append("</div>")
    return "\n".join(out)
