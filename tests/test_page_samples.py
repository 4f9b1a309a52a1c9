"""Code samples on pages that claim a printed result: run them and compare (beam search stops
early without returning an unfinished hypothesis)."""
from __future__ import annotations

import contextlib
import io
import re

import pytest

from site_tools.paths import REPO_ROOT

SAMPLE_WITH_OUTPUT = re.compile(r"```python\n(?P<code>.*?)```\n\n```text\n(?P<output>.*?)```", re.S)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_beam_search_sample_returns_only_finished_hypotheses(lang):
    page = REPO_ROOT / "docs" / lang / "nlp" / "decoding.md"
    samples = [m for m in SAMPLE_WITH_OUTPUT.finditer(page.read_text(encoding="utf-8"))
               if "def beam_search" in m.group("code")]
    assert len(samples) == 1, f"{page}: expected one beam-search sample followed by its output"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(samples[0].group("code"), str(page), "exec"), {})
    assert printed.getvalue() == samples[0].group("output")
