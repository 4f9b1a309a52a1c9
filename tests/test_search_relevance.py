"""Search relevance (issue 16): realistic queries, each with the page that should be among the first
three pages of the results, typed into the real search box of each edition. The set covers
synonyms from the glossary (维特比 for "Viterbi 算法", BP for 反向传播), Chinese queries in English
terms (BERT, dropout) and English queries with inflections (imbalanced, normalizing)."""
from __future__ import annotations

import pytest

from browser import open_page, wait_until

pytestmark = pytest.mark.browser

ZH_QUERIES = [
    ("维特比", "nlp/hmm/"), ("维特比算法", "nlp/hmm/"), ("逻辑斯谛回归", "ml/logistic-regression/"),
    ("逻辑回归", "ml/logistic-regression/"), ("反向传播", "dl/nn-basics/"), ("BP", "dl/nn-basics/"),
    ("BERT", "nlp/bert/"), ("dropout", "dl/dropout/"), ("交叉熵", "ml/loss-functions/"),
    ("梯度消失", "dl/gradient-problems/"), ("过拟合", "ml/overfitting/"), ("支持向量机", "ml/svm/"),
    ("SVM", "ml/svm/"), ("随机森林", "ml/ensemble/"), ("XGBoost", "ml/xgboost/"),
    ("决策树", "ml/decision-tree/"), ("朴素贝叶斯", "ml/naive-bayes/"), ("类别不平衡", "ml/class-imbalance/"),
    ("样本不均衡", "ml/class-imbalance/"), ("AUC", "ml/metrics/"), ("批归一化", "dl/normalization/"),
    ("layer norm", "dl/normalization/"), ("Adam", "dl/optimizers/"), ("位置编码", "nlp/positional-encoding/"),
    ("word2vec", "nlp/word-embeddings/"), ("条件随机场", "nlp/crf/"), ("beam search", "nlp/decoding/"),
    ("知识蒸馏", "dl/distillation/"), ("LoRA", "llm/fine-tuning/"), ("KV cache", "llm/inference/"),
    ("主成分分析", "ml/dimensionality-reduction/"), ("PCA", "ml/dimensionality-reduction/"),
    ("k-means", "ml/clustering/"), ("EM 算法", "ml/gmm-em/"), ("线性回归", "ml/linear-regression/"),
    ("KNN", "ml/knn/"), ("因子分解机", "ml/factorization-machines/"), ("LSTM", "nlp/rnn/"),
    ("MapReduce", "practice/hadoop-mapreduce/"), ("RLHF", "llm/alignment/"),
]

EN_QUERIES = [
    ("imbalanced data", "ml/class-imbalance/"), ("imbalanced classes", "ml/class-imbalance/"),
    ("normalizing features", "ml/feature-scaling/"), ("batch normalization", "dl/normalization/"),
    ("Viterbi", "nlp/hmm/"), ("backpropagation", "dl/nn-basics/"), ("logistic regression", "ml/logistic-regression/"),
    ("cross-entropy loss", "ml/loss-functions/"), ("vanishing gradients", "dl/gradient-problems/"),
    ("overfitting", "ml/overfitting/"), ("support vector machines", "ml/svm/"), ("kernel trick", "ml/svm/"),
    ("random forests", "ml/ensemble/"), ("XGBoost", "ml/xgboost/"), ("decision trees", "ml/decision-tree/"),
    ("naive Bayes", "ml/naive-bayes/"), ("precision recall", "ml/metrics/"), ("dropout", "dl/dropout/"),
    ("Adam optimizer", "dl/optimizers/"), ("positional encodings", "nlp/positional-encoding/"),
    ("word embeddings", "nlp/word-embeddings/"), ("conditional random fields", "nlp/crf/"),
    ("beam search", "nlp/decoding/"), ("knowledge distillation", "dl/distillation/"), ("LoRA", "llm/fine-tuning/"),
    ("KV cache", "llm/inference/"), ("principal component analysis", "ml/dimensionality-reduction/"),
    ("k-means clustering", "ml/clustering/"), ("expectation maximization", "ml/gmm-em/"),
    ("linear regression", "ml/linear-regression/"), ("nearest neighbors", "ml/knn/"),
    ("factorization machines", "ml/factorization-machines/"), ("LSTM", "nlp/rnn/"),
    ("hyperparameter tuning", "practice/hyperparameter-tuning/"), ("MapReduce", "practice/hadoop-mapreduce/"),
    ("BERT", "nlp/bert/"),
]

RESULT_LINKS = ".md-search-result__item > a"  # one per page: a page's sections are nested below it


META = "document.querySelector('.md-search-result__meta').textContent.trim()"
PLACEHOLDER = {"zh": "键入以开始搜索", "en": "Type to start searching"}  # Material's search.result.placeholder


def top_pages(page, prefix_url: str, query: str, placeholder: str, count: int = 3) -> list[str]:
    """The first pages of the results; the result line leaves the placeholder text once the
    worker has answered, with results or with 'no matching documents'."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("Backspace")
    wait_until(page, f"{META} === {placeholder!r}")
    box.fill(query)
    box.press("End")  # Material's search listens for key events, not for fill()
    wait_until(page, f"{META} !== {placeholder!r}")
    links = page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.href.split('#')[0].split('?')[0])")
    return list(dict.fromkeys(link[len(prefix_url):] for link in links))[:count]


@pytest.mark.parametrize(("lang", "queries"), [("zh", ZH_QUERIES), ("en", EN_QUERIES)])
def test_each_query_finds_its_page_in_the_first_three(lang, queries, server, context):
    assert len(queries) >= 30
    prefix = "" if lang == "zh" else "en/"
    page, report = open_page(context, server.root + prefix, server.origin)
    page.click("input.md-search__input")
    placeholder = PLACEHOLDER[lang]
    misses = []
    for query, expected in queries:
        top = top_pages(page, server.root + prefix, query, placeholder)
        if expected not in top:
            misses.append(f"{query!r} -> {top} (expected {expected})")
    assert not report.problems(), report.problems()
    page.close()
    assert not misses, f"{len(misses)} of {len(queries)} queries miss their page:\n" + "\n".join(misses)
