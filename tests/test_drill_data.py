"""site_tools.drill without a browser: answers taken from final HTML, links re-pointed to work
from the drill page, one question on two pages refused."""
from __future__ import annotations

import pytest

from site_tools import drill

TOPIC = drill.Topic("ml/svm", "支持向量机", "机器学习", "ml/svm/")
PAGE = """<p>x</p>
<details class="question" id="q-0123abcd">
<summary>为什么 <span class="katex">k</span>？</summary>
<p>见<a href="#kernel">核技巧</a>、<a href="../regularization/#l2">正则化</a>和
<a href="https://example.org/paper">论文</a>。</p>
<p><img src="../../figures/svm-light.svg" alt="图"></p>
</details>"""


def test_answers_keep_their_html_and_links_work_from_the_drill_page():
    [question] = drill.questions_from_page(PAGE, TOPIC, "drill/")
    assert question["id"] == "q-0123abcd" and question["topic"] == "ml/svm"
    assert '<span class="katex">k</span>' in question["title"]
    answer = question["answer"]
    assert 'href="../ml/svm/#kernel"' in answer
    assert 'href="../ml/regularization/#l2"' in answer
    assert 'href="https://example.org/paper"' in answer
    assert 'src="../figures/svm-light.svg"' in answer


def test_the_same_question_on_two_pages_is_an_error_naming_both():
    other = drill.Topic("ml/lr", "逻辑回归", "机器学习", "ml/lr/")
    by_topic = {t.key: drill.questions_from_page(PAGE, t, "drill/") for t in (TOPIC, other)}
    with pytest.raises(drill.DrillError, match=r"docs/zh/ml/lr\.md: .* also asked on docs/zh/ml/svm\.md"):
        drill.drill_data("zh", [TOPIC, other], by_topic, "drill/")


def test_topics_keep_navigation_order_and_relative_urls():
    data = drill.drill_data("zh", [TOPIC], {"ml/svm": drill.questions_from_page(PAGE, TOPIC, "drill/")}, "drill/")
    assert data["topics"] == [{"key": "ml/svm", "title": "支持向量机", "section": "机器学习", "url": "../ml/svm/"}]
