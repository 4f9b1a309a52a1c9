"""The drill (刷题): the question bank practised one card at a time in the reader's browser.

At build time every topic page's questions are taken from its final HTML (so math, figures and
code look exactly as on the page), their relative links are re-pointed from the topic page to
the drill page, and the whole set is written as one JSON file next to the drill page. The page
itself is a small static skeleton; ``assets/javascripts/drill.js`` does the rest (Leitner boxes,
filters, progress in localStorage, export and import).

A question's id is the anchor of its block on the topic page (a hash of the question's own
text), so it survives edits to other questions and the reordering of pages.
"""
from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass

DRILL_MARKER = "<!-- drill -->"
DATA_FILE = "questions.json"  # next to the drill page
FORMAT_VERSION = 1
QUESTION_BLOCK = re.compile(r'<details class="question" id="(?P<id>q-[0-9a-f]{8})">\s*'
                            r'<summary>(?P<title>.*?)</summary>(?P<answer>.*?)</details>', re.S)
URL_ATTRIBUTE = re.compile(r'(?P<name>\b(?:href|src|srcset))="(?P<url>[^"]*)"')
TAG = re.compile(r"<[^>]+>")

LABELS = {
    "zh": {
        "loading": "正在载入题目……", "section": "分类", "topic": "主题", "all": "全部",
        "missed_only": "只练不会的", "reveal": "显示答案", "missed": "不会", "known": "会",
        "next": "跳过", "remaining": "本轮还剩 {n} 张", "done": "这一轮做完了。",
        "restart": "再来一轮（含未到期的题）", "export": "导出进度", "import": "导入进度",
        "reset": "清空进度", "reset_confirm": "再按一次确认清空", "progress": "各分类进度（已掌握 / 总数）",
        "open": "在原页面查看", "keys": "快捷键：空格 显示答案 · 1 不会 · 2 会 · n 跳过",
        "imported": "已导入 {n} 道题的进度。", "import_failed": "无法导入：文件不是本站导出的进度。",
        "empty": "这个筛选下没有题目。", "noscript": "刷题需要浏览器启用 JavaScript；题目也可以在面试题库中逐题查看。",
        "bank_known": "已掌握 {known} / {total}", "bank_drill": "刷这一页的题",
    },
    "en": {
        "loading": "Loading the questions…", "section": "Section", "topic": "Topic", "all": "All",
        "missed_only": "Missed only", "reveal": "Show answer", "missed": "Missed", "known": "Knew it",
        "next": "Skip", "remaining": "{n} left in this round", "done": "This round is done.",
        "restart": "Another round (including cards not due yet)", "export": "Export progress",
        "import": "Import progress", "reset": "Reset progress", "reset_confirm": "Press again to reset",
        "progress": "Progress by section (known / total)", "open": "Open on its page",
        "keys": "Keys: space shows the answer · 1 missed · 2 knew it · n skip",
        "imported": "Imported progress for {n} questions.",
        "import_failed": "Cannot import: the file is not progress exported from this site.",
        "empty": "No questions match this filter.",
        "noscript": "The drill needs JavaScript; the question bank lists every question too.",
        "bank_known": "known {known} / {total}", "bank_drill": "Drill this page",
    },
}


class DrillError(ValueError):
    """The same question on two pages would share one progress entry."""


@dataclass(frozen=True)
class Topic:
    key: str  # page path without .md: ml/svm
    title: str
    section: str  # top-level navigation label
    url: str  # page URL relative to the site root: ml/svm/


def _relocate(url: str, page_url: str, drill_url: str) -> str:
    """A link or image URL written for ``page_url``, rewritten to work from ``drill_url``."""
    if not url or re.match(r"^[a-z][a-z0-9+.-]*:|^//|^/", url, re.I):
        return url
    if url.startswith("#"):
        target = page_url
        fragment = url
    else:
        target, hash_mark, fragment = url.partition("#")
        fragment = hash_mark + fragment
        target = posixpath.normpath(posixpath.join(page_url, target)) + ("/" if target.endswith("/") else "")
    relative = posixpath.relpath(target or ".", drill_url or ".")
    if target.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return ("" if relative == "./" else relative) + fragment


def relocate_urls(fragment: str, page_url: str, drill_url: str) -> str:
    def rewrite(match):
        name, url = match.group("name"), html.unescape(match.group("url"))
        if name == "srcset":
            parts = [p.strip().split(" ", 1) for p in url.split(",")]
            url = ", ".join(" ".join([_relocate(p[0], page_url, drill_url), *p[1:]]) for p in parts)
        else:
            url = _relocate(url, page_url, drill_url)
        return f'{name}="{html.escape(url, quote=True)}"'
    return URL_ATTRIBUTE.sub(rewrite, fragment)


def questions_from_page(page_html: str, topic: Topic, drill_url: str) -> list[dict]:
    """The questions of a topic page's final HTML, ready for the drill."""
    found = []
    for match in QUESTION_BLOCK.finditer(page_html):
        found.append({
            "id": match.group("id"),
            "topic": topic.key,
            "title": relocate_urls(match.group("title").strip(), topic.url, drill_url),
            "answer": relocate_urls(match.group("answer").strip(), topic.url, drill_url),
        })
    return found


def drill_data(lang: str, topics: list[Topic], questions_by_topic: dict[str, list[dict]], drill_url: str) -> dict:
    """The JSON the drill page loads: topics in navigation order, each with its questions."""
    seen: dict[str, str] = {}
    questions, used_topics = [], []
    for topic in topics:
        entries = questions_by_topic.get(topic.key, [])
        if not entries:
            continue
        used_topics.append({"key": topic.key, "title": topic.title, "section": topic.section,
                            "url": _relocate(topic.url, "", drill_url)})
        for entry in entries:
            if entry["id"] in seen:
                title = TAG.sub("", entry["title"])
                raise DrillError(f"docs/{lang}/{topic.key}.md: the question '{title}' is also asked on "
                                 f"docs/{lang}/{seen[entry['id']]}.md; keep it on one page and link to it")
            seen[entry["id"]] = topic.key
            questions.append(entry)
    return {"format": "mlkb-drill-questions", "version": FORMAT_VERSION, "lang": lang,
            "topics": used_topics, "questions": questions}


def data_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def app_html(lang: str) -> str:
    """The static skeleton of the drill page; drill.js fills it in."""
    labels = LABELS[lang]
    data = " ".join(f'data-label-{key.replace("_", "-")}="{html.escape(text, quote=True)}"'
                    for key, text in sorted(labels.items()))
    return f"""<div class="drill" data-drill="app" data-source="{DATA_FILE}" data-lang="{lang}" {data}>
<p class="drill__status" data-drill="status">{labels["loading"]}</p>
<noscript><p>{labels["noscript"]}</p></noscript>
<div class="drill__filters">
<label>{labels["section"]} <select data-drill="section"><option value="">{labels["all"]}</option></select></label>
<label>{labels["topic"]} <select data-drill="topic"><option value="">{labels["all"]}</option></select></label>
<label class="drill__check"><input type="checkbox" data-drill="missed-only"> {labels["missed_only"]}</label>
</div>
<p class="drill__remaining" data-drill="remaining" aria-live="polite"></p>
<article class="drill__card" data-drill="card" hidden>
<p class="drill__topic"><a data-drill="source" href="#"></a></p>
<div class="drill__question" data-drill="question"></div>
<div class="drill__answer" data-drill="answer" hidden></div>
<div class="drill__actions">
<button type="button" class="md-button md-button--primary" data-drill="reveal">{labels["reveal"]}</button>
<button type="button" class="md-button" data-drill="missed" hidden>{labels["missed"]} <kbd>1</kbd></button>
<button type="button" class="md-button md-button--primary" data-drill="known" hidden>
{labels["known"]} <kbd>2</kbd></button>
<button type="button" class="md-button" data-drill="next">{labels["next"]} <kbd>n</kbd></button>
</div>
</article>
<div class="drill__done" data-drill="done" hidden>
<p>{labels["done"]}</p>
<button type="button" class="md-button" data-drill="restart">{labels["restart"]}</button>
</div>
<p class="drill__keys">{labels["keys"]}</p>
<h2 id="drill-progress">{labels["progress"]}</h2>
<ul class="drill__progress" data-drill="progress"></ul>
<div class="drill__storage">
<button type="button" class="md-button" data-drill="export">{labels["export"]}</button>
<label class="md-button">{labels["import"]}
<input type="file" accept="application/json,.json" data-drill="import" hidden></label>
<button type="button" class="md-button" data-drill="reset">{labels["reset"]}</button>
</div>
<p class="drill__message" data-drill="message" role="status"></p>
</div>"""
