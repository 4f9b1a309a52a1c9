"""MkDocs adapter for site_tools.questions: anchors on question blocks, the generated bank page."""
from mkdocs.exceptions import PluginError

from site_tools.drill import LABELS as DRILL_LABELS
from site_tools.navigation import nav_groups
from site_tools.paths import repo_relative
from site_tools.questions import (
    BANK_MARKER,
    BankPage,
    QuestionError,
    add_anchors,
    attach_anchors,
    bank_markdown,
    find_questions,
)

LABELS = {
    "zh": {"summary": "本页由构建自动生成：共收录 {count} 道面试题，按主题分组，点击题目即跳到答案。",
           "empty": "还没有页面收录面试题。"},
    "en": {"summary": "Generated at build time: {count} interview questions, grouped by topic; "
                      "each links to its answer.",
           "empty": "No topic page has been translated into English yet, so this list is empty for now. "
                    "The Chinese question bank has every question: use the language button in the header."},
}
_bank = {}


def on_files(files, config):
    pages = {}
    try:
        for uri, source in config.extra["page_index"].items():
            pages[uri] = BankPage(uri, source.short_title or uri, find_questions(source.text, source.name))
    except QuestionError as error:
        raise PluginError(str(error)) from None
    groups = [(label, [pages[uri] for uri in uris if uri in pages]) for label, uris in nav_groups(config.nav or [])]
    lang = config.extra["i18n"]["language"]
    labels = dict(LABELS[lang], drill=DRILL_LABELS[lang]["bank_drill"], drill_known=DRILL_LABELS[lang]["bank_known"]) \
        if files.get_file_from_path("drill.md") else LABELS[lang]
    _bank["markdown"] = bank_markdown(groups, labels)
    return files


def on_page_markdown(markdown, page, config, files):
    try:
        markdown = add_anchors(markdown, repo_relative(page.file.abs_src_path))
    except QuestionError as error:
        raise PluginError(str(error)) from None
    if BANK_MARKER in markdown:
        markdown = markdown.replace(BANK_MARKER, _bank["markdown"])
    return markdown


def on_page_content(html, page, config, files):
    return attach_anchors(html)
