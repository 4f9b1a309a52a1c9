"""Formulas: rendered by KaTeX at build time, validated, cached. (A formula KaTeX rejects, and
Chinese outside \\text{}, are cases of the bad-input matrix, tests/test_bad_input.py.)"""
from __future__ import annotations

import pytest

from browser import SiteServer, new_context, open_page
from support import build_project, make_project

FORMULAS_PAGE = r"""
# 公式测试

行内公式 $\mathbf{x}^\top \mathbf{w} + b$ 与 $\argmax_i p_i$。

$$
\begin{aligned}
\mathcal{L} &= -\sum_i y_i \log \hat{y}_i \\
&= \text{交叉熵}
\end{aligned}
$$

$$
f(x) = \begin{cases} x & x > 0 \\ 0 & \text{否则} \end{cases}
\qquad
\mathbf{W} = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}
$$

!!! note "提示框"
    框内公式 $\sigma(z) = \frac{1}{1+e^{-z}}$。

??? question "折叠块里的公式？"
    $$
    \E[X] = \sum_x x\,p(x)
    $$

| 名称 | 公式 |
| --- | --- |
| 方差 | $\Var(X)$ |

- 列表里 $\KL(P \| Q)$

=== "标签一"
    标签页里 $\sqrt{d_k}$

=== "标签二"
    另一个 $\softmax(\mathbf{z})$
"""


@pytest.mark.slow
def test_formulas_render_everywhere_without_raw_tex(tmp_path, browser):
    root = make_project(tmp_path / "p", {"index.md": "# 首页\n", "math.md": FORMULAS_PAGE})
    site = build_project(root)
    context = new_context(browser)
    with SiteServer(site) as server:
        page, report = open_page(context, server.root + "math/", server.origin)
        assert not report.problems(), report.problems()
        for details in page.locator("details").all():
            details.evaluate("d => d.open = true")
        assert page.locator("article .katex").count() == 10
        assert page.locator("article .katex-display").count() == 3
        assert page.locator(".katex-error").count() == 0
        text = page.locator("article").inner_text()
        for raw in ("$", "\\(", "\\[", "\\begin", "\\frac"):
            assert raw not in text, f"raw TeX {raw!r} visible"
        fonts = page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)"
                              ".filter(n => n.endsWith('.woff2'))")
        assert fonts and all(f.startswith(server.root + "assets/katex/fonts/") for f in fonts), fonts
        assert not page.locator("script[src*='katex'], script[src*='mathjax']").count()
    context.close()


@pytest.mark.slow
def test_a_warm_rebuild_renders_no_formula(tmp_path, capfd):
    root = make_project(tmp_path / "p", {"index.md": "# 首页\n\n$a^2+b^2=c^2$ 与 $e^{i\\pi}+1=0$\n"})
    build_project(root)
    capfd.readouterr()
    build_project(root)
    output = capfd.readouterr().err
    assert "math: 0 formulas rendered, 2 reused from cache" in output
