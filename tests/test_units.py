"""The plain modules behind the hooks, tested without MkDocs."""
from __future__ import annotations

import subprocess
from pathlib import Path

import material
import pytest

from site_tools import cache, glossary, i18n, material_patches, math_fonts, navigation, questions, search_index
from site_tools.git_info import collect, commit_time
from site_tools.paths import REPO_ROOT

LANGS = i18n.parse_languages([
    {"lang": "zh", "name": "中文", "docs_dir": "docs/zh", "path": ""},
    {"lang": "en", "name": "English", "docs_dir": "docs/en", "path": "en/"},
])


def _docs(tmp_path: Path, zh: list[str], en: list[str]) -> Path:
    for lang, uris in (("zh", zh), ("en", en)):
        for uri in uris:
            path = tmp_path / "docs" / lang / uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("# x\n")
    return tmp_path


def test_switcher_links_point_to_the_same_page_or_the_other_home(tmp_path):
    root = _docs(tmp_path, ["ml/svm.md", "ml/lr.md", "index.md"], ["ml/svm.md", "index.md"])
    zh, en = LANGS
    links = {a["lang"]: a["link"] for a in i18n.alternate_links("ml/svm/", "ml/svm.md", zh, LANGS, root)}
    assert links == {"zh": "./", "en": "../../en/ml/svm/"}
    links = {a["lang"]: a["link"] for a in i18n.alternate_links("ml/lr/", "ml/lr.md", zh, LANGS, root)}
    assert links["en"] == "../../en/"
    links = {a["lang"]: a["link"] for a in i18n.alternate_links("ml/svm/", "ml/svm.md", en, LANGS, root)}
    assert links == {"zh": "../../../ml/svm/", "en": "./"}
    links = {a["lang"]: a["link"] for a in i18n.alternate_links("", "index.md", en, LANGS, root)}
    assert links == {"zh": "../", "en": "./"}


def test_links_to_untranslated_pages_lead_to_the_original():
    zh, en = LANGS
    markdown = "[SVM](../ml/svm.md#kernel) [LR](../ml/lr.md) [x](../ml/none.md)\n```\n[c](../ml/svm.md)\n```"
    marked = i18n.mark_untranslated_links(markdown, "nlp/bert.md", translated={"ml/lr.md"}.__contains__,
                                          original={"ml/svm.md", "ml/lr.md"}.__contains__)
    assert "[SVM](kb-default-edition:ml/svm/#kernel)" in marked
    assert "[LR](../ml/lr.md)" in marked and "[x](../ml/none.md)" in marked  # left for MkDocs to check
    assert "[c](../ml/svm.md)" in marked  # code stays as written
    html = '<a href="kb-default-edition:ml/svm/#kernel">SVM</a>'
    assert i18n.resolve_untranslated_links(html, "nlp/bert/", en, zh) == \
        '<a href="../../../ml/svm/#kernel" hreflang="zh">SVM</a>'


def test_edition_roots_come_from_site_url():
    zh, en = LANGS
    roots = i18n.edition_roots("https://x.github.io/kb/en/", en, LANGS)
    assert [r["link"] for r in roots] == ["/kb/", "/kb/en/"]
    with pytest.raises(i18n.I18nError):
        i18n.edition_roots("https://x.github.io/kb/", en, LANGS)


def test_translated_nav_keeps_structure_and_drops_missing_pages():
    nav = [{"首页": "index.md"}, {"机器学习": [{"基础": ["ml/a.md", "ml/b.md"]}, "ml/c.md"]}, {"空": ["x.md"]}]
    labels = {"首页": "Home", "机器学习": "ML", "基础": "Basics", "空": "Empty"}
    exists = {"index.md", "ml/b.md"}.__contains__
    assert i18n.translate_nav(nav, labels, exists) == [{"Home": "index.md"}, {"ML": [{"Basics": ["ml/b.md"]}]}]
    with pytest.raises(i18n.I18nError, match="基础"):
        i18n.translate_nav(nav, {"首页": "Home", "机器学习": "ML"}, lambda uri: True)


def test_questions_get_stable_anchors_and_feed_the_bank():
    page = ('# T\n\n??? question "为什么？"\n    因为。\n\n```markdown\n??? question "示例"\n```\n\n'
            '???+ question "再问"\n    答\n')
    found = questions.find_questions(page, "t.md")
    assert [q.title for q in found] == ["为什么？", "再问"]
    assert found[0].anchor == questions.anchor_for("为什么？") and found[0].anchor.startswith("q-")
    anchored = questions.add_anchors(page, "t.md")
    assert f'<a class="question-anchor" id="{found[0].anchor}"></a>' in anchored
    html = f'<p><a class="question-anchor" id="{found[0].anchor}"></a></p>\n<details class="question">'
    assert questions.attach_anchors(html) == f'<details class="question" id="{found[0].anchor}">'
    labels = {"summary": "{count} 题", "empty": "无"}
    bank = questions.bank_markdown([("ML", [questions.BankPage("t.md", "T", found)])], labels)
    assert "2 题" in bank and f"(t.md#{found[0].anchor})" in bank
    assert questions.bank_markdown([("ML", [questions.BankPage("t.md", "T", [])])], labels) == "无"


def test_duplicate_questions_on_a_page_are_an_error():
    with pytest.raises(questions.QuestionError, match="t.md:4"):
        questions.find_questions('??? question "A"\n    x\n\n??? question "A"\n    y\n', "t.md")


def test_nav_groups_follow_reading_order():
    nav = [{"首页": "index.md"}, {"ML": [{"基础": ["a.md"]}, {"模型": ["b.md", {"C": "c.md"}]}]}]
    assert navigation.nav_groups(nav) == [("ML · 基础", ["a.md"]), ("ML · 模型", ["b.md", "c.md"])]


def _entry(zh: str, en: str, extra: str = "") -> str:
    return f"- {{zh: {zh}, en: {en}, zh_def: 定义{zh}, en_def: defines {en}{extra}}}\n"


def test_glossary_rejects_duplicates_and_feeds_jieba(tmp_path):
    path = tmp_path / "g.yml"
    path.write_text(_entry("交叉熵", "cross-entropy", ", page: ml/loss.md, aliases: [CE 损失]") + _entry("SVM", "SVM"))
    terms = glossary.load(path)
    assert glossary.chinese_words(terms) == ["CE 损失", "交叉熵"]
    table = glossary.table_markdown(terms, "zh")
    assert '<span id="term-cross-entropy"></span>[交叉熵](ml/loss.md) | cross-entropy | 定义交叉熵 |' in table
    path.write_text(_entry("交叉熵", "a") + _entry("交叉熵", "b"))
    with pytest.raises(glossary.GlossaryError, match="twice"):
        glossary.load(path)


@pytest.mark.parametrize(("entries", "message"), [
    (_entry("甲", "a", ", aliases: [X]") + _entry("乙", "b", ", aliases: [x]"), "alias 'x' also names '甲'"),
    (_entry("甲", "lost in the middle") + _entry("乙", "Lost in the middle"), "same anchor"),
    ("- {zh: 甲, en: a, zh_def: '<b>粗</b>', en_def: b}\n", "entry 1 .甲. zh_def contains"),
    ("- {zh: 甲, en: a, zh_def: 定义, en_def: b, colour: red}\n", "unknown field.*colour"),
    ("- {zh: 甲, en: a, zh_def: 定义}\n", "entry 1 .甲. needs a one-line definition in both languages"),
    ("- {zh: 甲, en: [a\n", r"g\.yml line \d+: not valid YAML"),
])
def test_a_bad_glossary_entry_is_one_line_naming_the_entry(tmp_path, entries, message):
    path = tmp_path / "g.yml"
    path.write_text(entries, encoding="utf-8")
    with pytest.raises(glossary.GlossaryError, match=message) as raised:
        glossary.load(path)
    assert "\n" not in str(raised.value)


def test_glossary_table_keeps_markdown_characters_as_text(tmp_path):
    path = tmp_path / "g.yml"
    path.write_text("- {zh: 条件概率, en: conditional probability, zh_def: 'P(y|x) 与 a_b', en_def: 'P(y|x)'}\n")
    row = glossary.table_markdown(glossary.load(path), "zh").splitlines()[-1]
    assert r"P(y\|x) 与 a\_b" in row


def test_english_names_of_a_term():
    assert glossary.Term("甲", "k-nearest neighbors (KNN)").en_names == ("k-nearest neighbors", "KNN")
    assert glossary.Term("乙", "bias (term)").en_names == ()
    assert glossary.Term("丙", "dropout").en_names == ("dropout",)


def test_synonyms_go_to_the_explaining_page_with_english_word_forms():
    docs = [{"location": "ml/a/", "title": "A", "text": "class imbalance, class imbalance"},
            {"location": "ml/b/", "title": "B", "text": "class imbalance"},
            {"location": "glossary/", "title": "G", "text": "class imbalance " * 9}]
    data = {"config": {"fields": {}}, "docs": docs}
    terms = [glossary.Term("类别不平衡", "class imbalance", None, ("imbalanced data",), tooltip=False)]
    assert search_index.add_aliases(data, terms, "en") == 1
    assert data["config"]["fields"]["aliases"]["boost"] == search_index.ALIAS_BOOST
    assert "imbalanced" in docs[0]["aliases"].split() and "aliases" not in docs[1] and "aliases" not in docs[2]
    assert search_index.word_forms("normalization") >= {"normalizing", "normalized", "normalize"}


def test_atomic_write_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "out.svg"
    cache.atomic_write(target, "old")

    def explode(*args):
        raise OSError("disk full")

    monkeypatch.setattr(cache.os, "replace", explode)
    with pytest.raises(OSError):
        cache.atomic_write(target, "new")
    assert target.read_text() == "old"
    assert list(tmp_path.iterdir()) == [target]


def test_content_key_separates_parts():
    assert cache.content_key("ab", "c") != cache.content_key("a", "bc")


def test_git_history_gives_dates_and_authors(tmp_path):
    def git(*args, author="A"):
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True,
                       env={"GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "a@x", "GIT_COMMITTER_NAME": author,
                            "GIT_COMMITTER_EMAIL": "a@x", "GIT_AUTHOR_DATE": "2026-01-02T00:00:00Z",
                            "GIT_COMMITTER_DATE": "2026-01-02T00:00:00Z", "PATH": "/usr/bin:/bin"})

    git("init", "-q")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("1")
    git("add", ".")
    git("commit", "-qm", "one", author="Alice")
    (tmp_path / "docs" / "a.md").write_text("2")
    git("commit", "-qam", "two", author="Bob")
    git("commit", "-q", "--allow-empty", "-m", "three", author="Bob")
    history = collect(tmp_path)
    assert history["docs/a.md"].updated.strftime("%Y-%m-%d") == "2026-01-02"
    assert set(history["docs/a.md"].authors) == {"Alice", "Bob"}
    assert collect(tmp_path / "not-a-repo") == {}
    assert commit_time(tmp_path) == 1767312000  # 2026-01-02T00:00:00Z: what SOURCE_DATE_EPOCH gets
    assert commit_time(tmp_path / "not-a-repo") is None


def test_hreflang_links_are_absolute_and_only_for_translated_pages(tmp_path):
    root = _docs(tmp_path, ["ml/svm.md", "ml/lr.md"], ["ml/svm.md"])
    zh, en = LANGS
    links = i18n.hreflang_links("https://x.io/kb/en/", "ml/svm/", "ml/svm.md", en, LANGS, root)
    assert links == [{"lang": "zh", "href": "https://x.io/kb/ml/svm/"}, {"lang": "en", "href": "https://x.io/kb/en/ml/svm/"},
                     {"lang": "x-default", "href": "https://x.io/kb/ml/svm/"}]
    assert i18n.hreflang_links("https://x.io/kb/", "ml/lr/", "ml/lr.md", zh, LANGS, root) == []


@pytest.mark.parametrize("patch", material_patches.PATCHES, ids=lambda patch: patch.name)
def test_a_material_patch_applies_once_and_a_changed_asset_stops_the_build(patch, tmp_path):
    asset = tmp_path / patch.asset.replace("*", "abc")
    asset.parent.mkdir(parents=True)
    asset.write_text("x;" + patch.before + ";y", encoding="utf-8")
    assert material_patches.apply(tmp_path, patch) == asset
    assert asset.read_text(encoding="utf-8") == "x;" + patch.after + ";y"
    assert material_patches.apply(tmp_path, patch) is None  # already made (mkdocs serve): left alone
    assert asset.read_text(encoding="utf-8") == "x;" + patch.after + ";y"
    asset.write_text("a new Material release", encoding="utf-8")
    with pytest.raises(material_patches.MaterialPatchError, match=f"{asset.name}: Material's code for {patch.name}"):
        material_patches.apply(tmp_path, patch)
    (asset.parent / patch.asset.replace("*", "def").rsplit("/", 1)[-1]).write_text("", encoding="utf-8")
    with pytest.raises(material_patches.MaterialPatchError, match="expected one file from Material"):
        material_patches.apply(tmp_path, patch)


def test_tables_are_wrapped_as_materials_script_would_and_only_plain_ones():
    opening, closing = material_patches.TABLE_WRAPPER
    html = ('<p>a</p><table>\n<tr><td>1</td></tr>\n</table><table class="dataframe"><tr><td>2</td></tr></table>'
            "<details><table><tr><td>3</td></tr></table></details>")
    wrapped = material_patches.wrap_tables(html)
    assert wrapped == ("<p>a</p>" + opening + "<table>\n<tr><td>1</td></tr>\n</table>" + closing
                       + '<table class="dataframe"><tr><td>2</td></tr></table>'
                       + "<details>" + opening + "<table><tr><td>3</td></tr></table>" + closing + "</details>")


def test_every_material_patch_fits_the_pinned_material():
    """Each edit's code occurs once in the theme as installed, so a Material upgrade that moves
    it fails here as well as in the build."""
    theme = Path(material.__file__).parent / "templates"
    for patch in material_patches.PATCHES:
        found = sorted(theme.glob(patch.asset))
        assert len(found) == 1, (patch.name, found)
        assert found[0].read_text(encoding="utf-8").count(patch.before) == 1, patch.name
        assert patch.after not in patch.before, patch.name


def _page_with_blocks(*blocks: str) -> str:
    return ('<html><head><title>t</title></head><body><article class="md-content__inner md-typeset">'
            '<a class="md-content__button" href="e">edit</a>' + "".join(blocks) + "</article></body></html>")


def test_the_first_screen_fonts_follow_katex_classes_in_the_first_blocks_only():
    formula = '<span class="katex"><span class="katex-html"><span class="mord mathnormal">x</span>{}</span></span>'
    bold = formula.format('<span class="mord mathbf">w</span>')
    big = formula.format('<span class="delimsizing size2">(</span><span class="sizing reset-size6 size3">2</span>')
    page = _page_with_blocks("<h1>t</h1>", f"<p>{bold}</p>", "<hr>", f"<p>{big}</p>", f"<p>{formula.format('')}</p>")
    # the edit link, h1, p, hr and p are the first five children; the last formula comes later
    assert math_fonts.fonts_needed(page) == ["KaTeX_Main-Bold", "KaTeX_Main-Regular", "KaTeX_Math-Italic",
                                             "KaTeX_Size2-Regular"]
    closed = _page_with_blocks(f'<details class="question"><summary>q</summary><p>{bold}</p></details>')
    assert math_fonts.fonts_needed(closed) == []  # a closed question's answer is not laid out
    later = _page_with_blocks("<h1>t</h1>", "<p>a</p>", "<p>b</p>", "<p>c</p>", f"<p>{bold}</p>")
    assert math_fonts.fonts_needed(later) == []
    with_links = math_fonts.add_preloads(page, "../assets/katex/fonts")
    assert with_links.count('rel="preload"') == 4 and 'fetchpriority="low"' in with_links
    assert '<link rel="preload" href="../assets/katex/fonts/KaTeX_Size2-Regular.woff2"' in with_links
    assert with_links.index("KaTeX_Size2") < with_links.index("</head>")
    assert math_fonts.add_preloads(later, "x") == later


def test_every_first_screen_font_exists_in_katex():
    fonts = REPO_ROOT / "node_modules/katex/dist/fonts"
    for font in {font for _, font in math_fonts.FONT_OF_CLASSES} | {math_fonts.BASE_FONT}:
        assert (fonts / f"{font}.woff2").is_file(), font
    css = (REPO_ROOT / "node_modules/katex/dist/katex.min.css").read_text(encoding="utf-8")
    for classes, _ in math_fonts.FONT_OF_CLASSES:
        assert all(f".{name}" in css for name in classes), classes
    site_css = (REPO_ROOT / "overrides/assets/stylesheets/site.css").read_text(encoding="utf-8")
    assert f":nth-child(n+{math_fonts.FIRST_SCREEN_BLOCKS + 1})" in site_css
