"""Navigation labels are short titles that fit on one line at desktop width, in both editions."""
from __future__ import annotations

import pytest

from site_map import edition_pages
from tour import page_check

pytestmark = pytest.mark.browser

# Lines each visible label of the sidebar and the tabs takes (Material lets long labels wrap).
LABEL_LINES = """() => Array.from(document.querySelectorAll(
    '.md-sidebar--primary .md-nav__link .md-ellipsis, .md-tabs__link'))
  .filter(label => label.offsetParent !== null && label.textContent.trim())
  .map(label => {
    const style = getComputedStyle(label);
    const line = parseFloat(style.lineHeight) || 1.2 * parseFloat(style.fontSize);
    return [label.textContent.trim(), Math.round(label.getBoundingClientRect().height / line)];
  })"""


def _in_a_section(path: str, html: str = "") -> bool:
    """A page below a top-level section (``ml/svm/``, ``en/ml/svm/``): its sidebar shows the
    section's whole tree."""
    return path.removeprefix("en/").count("/") >= 2


@page_check("navigation labels", applies=_in_a_section)
def _label_lines(page, path: str):
    return page.viewport_size, page.evaluate(LABEL_LINES)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_navigation_label_fits_on_one_line(lang, site_dir, tour):
    pages = edition_pages(site_dir, lang)
    prefix = {"zh": "", "en": "en/"}[lang]
    # one page per top-level section shows that section's whole tree in the sidebar
    first_of_section = {}
    for path in pages:
        section = path[len(prefix):].split("/")[0]
        if path[len(prefix):].count("/") >= 2:
            first_of_section.setdefault(section, path)
    assert len(first_of_section) >= 4, first_of_section
    visits = tour.visits("light")
    problems, labels_seen = [], 0
    for path in first_of_section.values():
        visit = visits[path]
        assert visit.report.url == tour.root + path
        viewport, labels = visit.result("navigation labels")
        assert viewport == {"width": 1280, "height": 900}, viewport  # desktop (tests/tour.py)
        labels_seen += len(labels)
        problems += [f"{path}: '{text}' takes {lines} lines" for text, lines in labels if lines != 1]
    assert labels_seen > 30, labels_seen
    assert not problems, "\n".join(problems)
