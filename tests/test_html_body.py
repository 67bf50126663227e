"""Tests for the HTML body extractor; synthetic fixtures only.

The dev-set smoke test reads ../shared and skips when it is absent.
"""
from __future__ import annotations

import time

import pytest

from pipeline.devset import default_gold_dir, load_pages
from pipeline.html_body import compose, extract_html_body
from pipeline.html_features import FEATURES, page_blocks
from pipeline.htmlmodel import TreeModel, load_model
from pipeline.score import f1, shingle_pr
from pipeline.segment import segment_text

PARAS = [
    "The river council met on Tuesday evening to discuss the plan for the new footbridge near the old mill.",
    "Engineers told members that the current crossing had reached the end of its safe working life last winter.",
    "Residents who attended the meeting asked whether the path would stay open while the work went ahead.",
    "The council said a temporary crossing would be built upstream before any demolition began in the spring.",
    "Funding for the project comes from a regional grant and a small share of the parking revenue of the town.",
    "A final decision on the design is expected next month after a public consultation closes at the end of May.",
]


def article_page(paras=PARAS, extra_body: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return f"""<!DOCTYPE html><html><head><title>Footbridge plan approved | Town News</title></head>
<body>
<header class="site-header"><nav class="main-nav"><ul>
  <li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
  <li><a href="/contact">Contact us</a></li></ul></nav></header>
<main><article class="post">
  <h1 class="entry-title">Footbridge plan approved</h1>
  <div class="byline">By Jane Doe, 3 May 2024</div>
  <div class="entry-content">{body}{extra_body}</div>
  <div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
</article>
<aside class="related-posts"><h3>Related stories</h3><ul>
  <li><a href="/a">Council elects new mayor in close vote</a></li>
  <li><a href="/b">Market square to get new lighting</a></li>
  <li><a href="/c">School holiday dates announced for next year</a></li></ul></aside>
</main>
<footer class="site-footer"><p>Copyright 2024 Town News. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms</a></li></ul></footer>
</body></html>"""


needs_model = pytest.mark.skipif(load_model() is None, reason="no trained model shipped")


def test_empty_and_blank_pages_give_empty_text():
    assert extract_html_body("") == ""
    assert extract_html_body("   \n ") == ""
    assert extract_html_body("<html><body></body></html>") == ""


def test_broken_markup_does_not_raise():
    for html in ["<p>unclosed <b>bold <i>mix</p></div></span>", "<<<>>>", "<html><body><p",
                 "\x00\x01<p>nul bytes</p>", "<table><td>cell<tr>row</table></p></p>"]:
        assert isinstance(extract_html_body(html), str)


def test_deep_nesting_and_huge_pages_do_not_crash():
    deep = "<div>" * 5000 + "<p>" + PARAS[0] + "</p>" + "</div>" * 5000
    assert isinstance(extract_html_body(deep), str)
    big = article_page(PARAS * 2000)
    t = time.perf_counter()
    assert isinstance(extract_html_body(big), str)
    assert time.perf_counter() - t < 60


@needs_model
def test_keeps_article_paragraphs_and_drops_chrome():
    text = extract_html_body(article_page(), url="https://news.example/footbridge")
    p, r = shingle_pr(text, "\n\n".join(PARAS))
    assert r > 0.95 and p > 0.8, text
    for junk in ("Contact us", "Share on Facebook", "All rights reserved", "Privacy policy"):
        assert junk not in text


def test_output_is_one_block_per_line_with_blank_lines():
    text = extract_html_body(article_page())
    assert "\n\n" in text
    lines = [ln for ln in text.split("\n") if ln]
    assert len(segment_text(text)) == len(lines)
    assert all(ln == ln.strip() for ln in lines)
    assert "[" not in text  # plain text, no markdown links


def test_blocks_split_at_block_tags_and_keep_inline_text_together():
    page = page_blocks("<body><div>Intro <a href='/x'>linked words</a> end.<p>Para <b>bold</b> text.</p>"
                       "<ul><li>One</li><li>Two</li></ul></div></body>")
    assert [b.text for b in page.blocks] == ["Intro linked words end.", "Para bold text.", "One", "Two"]
    assert page.blocks[0].link_chars == len("linked words")
    assert all(len(row) == len(FEATURES) for row in page.features)


def test_scripts_styles_and_comments_are_not_text():
    page = page_blocks("<body><script>var a = 'hidden script';</script><style>p{}</style>"
                       "<!-- comment --><p>Visible.</p></body>")
    assert [b.text for b in page.blocks] == ["Visible."]


def test_compose_drops_repeated_long_blocks_only():
    long = "this sentence is long enough to count as a repeat"
    assert compose([long, "Share", long, "Share"]) == f"{long}\n\nShare\n\nShare"


def test_tree_model_runtime_walks_all_trees():
    spec = {"baseline": 0.5, "threshold": 0.5, "features": ["a", "b"], "max_depth": 3,
            "trees": [{"feature": [0, 0, 0], "threshold": [1.0, 0, 0], "left": [1, 0, 0],
                       "right": [2, 0, 0], "leaf": [0, 1, 1], "value": [0, -1.0, 1.0]},
                      {"feature": [1, 0, 0], "threshold": [0.0, 0, 0], "left": [1, 0, 0],
                       "right": [2, 0, 0], "leaf": [0, 1, 1], "value": [0, -0.5, 0.5]}]}
    m = TreeModel(spec)
    d = m.decision([[0.0, 0.0], [2.0, 1.0], [2.0, -1.0]])
    assert list(d) == [-1.0, 2.0, 1.0]


@needs_model
def test_shipped_model_matches_feature_list():
    assert load_model().features == list(FEATURES)


@pytest.mark.skipif(default_gold_dir() is None, reason="dev set (../shared) not present")
def test_dev_set_smoke():
    pages = load_pages(default_gold_dir(), limit=40)
    prs = [shingle_pr(extract_html_body(p.read("html"), p.gold.get("url")), p.gold["body"]) for p in pages]
    P = sum(p for p, _ in prs) / len(prs)
    R = sum(r for _, r in prs) / len(prs)
    assert f1(P, R) > 0.85
