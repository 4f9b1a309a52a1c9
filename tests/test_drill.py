"""The drill page (刷题) in Chromium, in both editions: cards, reveal, marks, filters, progress
kept in localStorage, export / reset / import, and the question bank's per-topic counts."""
from __future__ import annotations

import json

import pytest

from browser import open_page, wait_until

pytestmark = pytest.mark.browser

PREFIX = {"zh": "", "en": "en/"}
READY = '[data-drill="app"][data-ready="true"]'


def _data(site_dir, lang):
    return json.loads((site_dir / PREFIX[lang] / "drill" / "questions.json").read_text(encoding="utf-8"))


def _open(context, server, lang, query=""):
    page, report = open_page(context, f"{server.root}{PREFIX[lang]}drill/{query}", server.origin)
    page.wait_for_selector(READY)
    return page, report


def _stored(page, lang):
    return json.loads(page.evaluate(f"localStorage.getItem('mlkb-drill:{lang}')") or "{}").get("cards", {})


def _current(page):
    return page.get_attribute('[data-drill="card"]', "data-question")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_reveal_shows_the_rendered_answer_and_marks_survive_a_reload(lang, site_dir, server, context):
    data = _data(site_dir, lang)
    with_math = next(q for q in data["questions"] if 'class="katex"' in q["answer"])
    page, report = _open(context, server, lang, f"?topic={with_math['topic']}&question={with_math['id']}")
    assert _current(page) == with_math["id"]
    assert page.is_hidden('[data-drill="answer"]')
    page.keyboard.press(" ")
    assert page.is_visible('[data-drill="answer"] .katex')
    page.keyboard.press("2")  # known
    assert _current(page) != with_math["id"]
    assert _stored(page, lang)[with_math["id"]]["last"] == "known"
    page.click('[data-drill="reveal"]')
    missed = _current(page)
    page.click('[data-drill="missed"]')
    assert _stored(page, lang)[missed] == {"box": 1, "due": _stored(page, lang)[missed]["due"], "last": "missed"}
    page.reload()
    page.wait_for_selector(READY)
    cards = _stored(page, lang)
    assert set(cards) == {with_math["id"], missed}
    page.check('[data-drill="missed-only"]')
    assert _current(page) == missed
    assert page.inner_text('[data-drill="remaining"]').strip().startswith(("本轮还剩 1 张", "1 left"))
    assert report.problems() == []
    page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_topic_filter_limits_the_cards_to_that_topic(lang, site_dir, server, context):
    data = _data(site_dir, lang)
    topic = data["topics"][3]["key"]
    expected = [q["id"] for q in data["questions"] if q["topic"] == topic]
    page, report = _open(context, server, lang, f"?topic={topic}")
    drawn = []
    for _ in expected:
        drawn.append(_current(page))
        page.keyboard.press("n")  # skip: the card goes to the end of the round
    assert sorted(drawn) == sorted(expected)
    assert page.url.endswith(f"drill/?topic={topic}"), "n must not leave the page (Material's next-page key)"
    assert report.problems() == []
    page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_export_reset_and_import_restore_the_same_progress(lang, site_dir, server, context, tmp_path):
    page, _ = _open(context, server, lang)
    for key in ("2", "1", "2"):
        page.keyboard.press(" ")
        page.keyboard.press(key)
    before = _stored(page, lang)
    assert len(before) == 3
    with page.expect_download() as download:
        page.click('[data-drill="export"]')
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    page.click('[data-drill="reset"]')
    assert len(_stored(page, lang)) == 3, "one press only arms the reset"
    page.click('[data-drill="reset"]')
    assert _stored(page, lang) == {}
    page.set_input_files('[data-drill="import"]', str(exported))
    wait_until(page, f"JSON.parse(localStorage.getItem('mlkb-drill:{lang}')).cards && "
               f"Object.keys(JSON.parse(localStorage.getItem('mlkb-drill:{lang}')).cards).length === 3")
    assert _stored(page, lang) == before
    page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_stored_question_that_no_longer_exists_is_dropped(lang, site_dir, server, context):
    real = _data(site_dir, lang)["questions"][0]["id"]
    stored = {"format": "mlkb-drill-progress", "version": 1, "lang": lang, "cards": {
        "q-00000000": {"box": 3, "due": 0, "last": "known"},
        real: {"box": 2, "due": 0, "last": "known"}}}
    context.add_init_script(f"localStorage.setItem('mlkb-drill:{lang}', {json.dumps(json.dumps(stored))})")
    page, report = _open(context, server, lang)
    assert set(_stored(page, lang)) == {real}
    assert report.problems() == []
    page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_question_bank_shows_known_counts_and_links_to_a_filtered_drill(lang, site_dir, server, context):
    data = _data(site_dir, lang)
    first = data["questions"][0]
    page, _ = _open(context, server, lang, f"?topic={first['topic']}&question={first['id']}")
    page.keyboard.press(" ")
    page.keyboard.press("2")
    page.close()
    bank, report = open_page(context, f"{server.root}{PREFIX[lang]}questions/", server.origin)
    topic = bank.locator(f'[data-drill-topic="{first["topic"]}"]')
    total = sum(q["topic"] == first["topic"] for q in data["questions"])
    assert f"1 / {total}" in topic.inner_text()
    topic.locator("a").click()
    bank.wait_for_selector(READY)
    assert bank.url.endswith(f"drill/?topic={first['topic']}")
    assert report.problems() == []
    bank.close()
