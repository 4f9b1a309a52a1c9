"""A reader who searches for an LLM term lands on the page that explains it (issue 11): the page is
among the first five pages of the results, in both editions."""
from __future__ import annotations

import pytest
from test_search import SearchBox

pytestmark = pytest.mark.browser

TERMS = [
    ("RLHF", "RLHF", "llm/alignment/"), ("PPO", "PPO", "llm/alignment/"), ("DPO", "DPO", "llm/alignment/"),
    ("MoE", "MoE", "llm/moe/"), ("ZeRO", "ZeRO", "llm/distributed-training/"),
    ("张量并行", "tensor parallelism", "llm/distributed-training/"), ("RAG", "RAG", "llm/rag/"),
    ("幻觉", "hallucination", "llm/evaluation/"), ("思维链", "chain-of-thought", "llm/prompting-reasoning/"),
    ("缩放定律", "scaling laws", "llm/pretraining/"), ("GQA", "GQA", "llm/efficient-attention/"),
    ("PagedAttention", "PagedAttention", "llm/inference/"),
]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_llm_terms_find_their_page_in_the_first_five_results(lang, server, context):
    prefix = {"zh": "", "en": "en/"}[lang]
    box = SearchBox(context, server, prefix)  # one page, one index, every term typed in turn
    misses = []
    for zh_query, en_query, page in TERMS:
        query = zh_query if lang == "zh" else en_query
        pages = [r.split("#")[0] for r in box.search(query)]
        top = list(dict.fromkeys(pages))[:5]  # the first five pages (a page's sections are grouped)
        if prefix + page not in top:
            misses.append(f"{query!r}: {top}")
    box.close()
    assert not misses, "\n".join(misses)
