"""Tests for the HTML body extractor; synthetic fixtures only.

The dev-set smoke test reads ../shared and skips when it is absent.
"""
from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import numpy as np
import pytest

from pipeline.devset import default_gold_dir, load_pages
from pipeline.html_body import compose, extract_html_body
from pipeline.html_features import CONTEXT_FEATURES, FEATURES, context_features, layout_ids, page_blocks
from pipeline.htmlmodel import MODEL_PATH, BlockModel, TreeModel, load_model
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


@needs_model
def test_shipped_model_reads_every_context_feature():
    assert load_model().stage2.features == list(FEATURES) + CONTEXT_FEATURES


def test_look_alike_blocks_share_a_layout_and_see_each_others_scores():
    page = page_blocks("<body><div class='story'><p>One two three.</p><p>Four five six.</p></div>"
                       "<ul class='menu'><li>Home</li><li>News</li></ul></body>")
    ids = layout_ids(page.features)
    assert ids[0] == ids[1] and ids[2] == ids[3] and ids[0] != ids[2]
    rows = context_features([b.path for b in page.blocks], [3, 3, 1, 1], [0.9, 0.7, 0.1, 0.3], ids)
    assert all(len(r) == len(CONTEXT_FEATURES) for r in rows)
    same = [r[CONTEXT_FEATURES.index("p_same_layout")] for r in rows]
    assert same == pytest.approx([0.7, 0.9, 0.3, 0.1])


def keep_all_spec() -> dict:
    """A one-stage model that keeps every block (one leaf, large baseline)."""
    return {"baseline": 10.0, "threshold": 0.5, "features": list(FEATURES), "max_depth": 1,
            "trees": [{"feature": [0], "threshold": [0.0], "left": [0], "right": [0],
                       "leaf": [1], "value": [0.0]}]}


def test_load_model_reads_plain_and_gzip_json(tmp_path):
    raw = json.dumps(keep_all_spec()).encode()
    (tmp_path / "m.json").write_bytes(raw)
    (tmp_path / "m.json.gz").write_bytes(gzip.compress(raw))
    for name in ("m.json", "m.json.gz"):
        m = load_model(str(tmp_path / name))
        assert isinstance(m, BlockModel) and m.features == list(FEATURES)
        assert m.predict_proba([[0.0] * len(FEATURES)])[0] > 0.99
    assert load_model(str(tmp_path / "missing.json.gz")) is None
    (tmp_path / "bad.json.gz").write_bytes(b"\x1f\x8b not gzip")
    assert load_model(str(tmp_path / "bad.json.gz")) is None


def test_explicit_model_overrides_the_shipped_one():
    text = extract_html_body(article_page(), model=BlockModel(keep_all_spec()))
    # kept everything, chrome included (but what sits in <nav>, <footer> or <form>)
    assert "Share on Facebook" in text and "Council elects new mayor" in text and PARAS[0] in text


@needs_model
def test_default_model_is_the_shipped_file():
    page = article_page()
    assert extract_html_body(page) == extract_html_body(page, model=load_model(str(MODEL_PATH)))


CV_MODELS = Path(__file__).resolve().parent.parent / "bench" / "cv-models"


@pytest.mark.skipif(not (CV_MODELS / "html_model.fold0.json.gz").exists(),
                    reason="fold models not built (train_html_model.py --save-folds)")
def test_fold_model_loads_and_predicts():
    m = load_model(str(CV_MODELS / "html_model.fold0.json.gz"))
    assert isinstance(m, BlockModel) and m.stage2 is not None
    assert m.features == list(FEATURES)
    meta = json.loads((CV_MODELS / "folds.json").read_text("utf-8"))
    assert meta["k"] == 5 and meta["thresholds"]["stage2"] == m.threshold
    text = extract_html_body(article_page(), url="https://news.example/footbridge", model=m)
    p, r = shingle_pr(text, "\n\n".join(PARAS))
    assert r > 0.9 and p > 0.7, text


@pytest.mark.skipif(default_gold_dir() is None, reason="dev set (../shared) not present")
def test_dev_set_smoke():
    pages = load_pages(default_gold_dir(), limit=40)
    prs = [shingle_pr(extract_html_body(p.read("html"), p.gold.get("url")), p.gold["body"]) for p in pages]
    P = sum(p for p, _ in prs) / len(prs)
    R = sum(r for _, r in prs) / len(prs)
    assert f1(P, R) > 0.85


def test_html_metadata_fields_are_repaired_like_the_body():
    from pipeline.clean import clean_document
    from pipeline.record import Document
    page = article_page().replace("By Jane Doe, 3 May 2024", "By Dariusz Jaro\u00c5\u0084, 3 May 2024")
    doc = clean_document(Document(source="a.html", content=page, format="html"))
    assert doc.meta.authors == ["Dariusz Jaro\u0144"]


@needs_model
def test_template_placeholder_text_is_dropped_from_html():
    from pipeline.clean import clean_document
    from pipeline.record import Document
    lorem = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut "
             "labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco.")
    doc = clean_document(Document(source="a.html", content=article_page(PARAS[:3] + [lorem] + PARAS[3:]),
                                  format="html"))
    assert lorem not in doc.body and all(p in doc.body for p in PARAS)
    assert [b.category for b in doc.blocks if b.text == lorem] == ["placeholder"]


@needs_model
def test_a_link_to_one_story_inside_the_html_article_is_dropped():
    from pipeline.clean import clean_document
    from pipeline.record import Document
    link = ('<p>Also read: <a href="/ferry">How a small team of engineers rebuilt the ferry service of a '
            'harbour town after the storms</a></p>')
    doc = clean_document(Document(source="a.html", format="html", content=article_page(extra_body=link)))
    assert "ferry service" not in doc.body and all(p in doc.body for p in PARAS)
    assert [b.category for b in doc.blocks if "ferry service" in b.text] == ["related"]


@needs_model
def test_a_comment_the_extractor_keeps_below_a_comment_count_is_dropped():
    from pipeline.clean import clean_document
    from pipeline.record import Document
    comment = ("I walked that crossing every morning for years and the new path will make the school run much "
               "safer, though I hope the council keeps the old benches by the mill.")
    doc = clean_document(Document(source="a.html", format="html", content=article_page(
        extra_body=f"<h3>2 Comments</h3><p>Sam Example</p><p>{comment}</p>")))
    assert all(p in doc.body for p in PARAS) and comment not in doc.body
    dropped = [b for b in doc.blocks if b.text == comment]
    assert dropped[0].category == "comment" and "below the comment count '2 Comments'" in dropped[0].reason


@needs_model
def test_an_advert_label_and_a_credit_the_extractor_keeps_are_dropped():
    from pipeline.clean import clean_document
    from pipeline.record import Document
    paras = PARAS[:2] + ["Advertisement", "Photo: Jane Doe for Town News"] + PARAS[2:]
    doc = clean_document(Document(source="a.html", format="html", content=article_page(paras)))
    assert all(p in doc.body for p in PARAS)
    assert "Advertisement" not in doc.body and "Photo: Jane Doe" not in doc.body


@needs_model
def test_a_slashdot_comment_thread_the_extractor_keeps_is_dropped():
    from pipeline.clean import clean_document
    from pipeline.record import Document
    comments = ["I walked that crossing every morning for years and the new path will make the school run "
                "much safer for everyone.", "The old benches by the mill should stay where they are, and the "
                "council should say so before the work starts."]
    thread = (f"<h4>Re: Footbridge (Score:3, Insightful)</h4><p>by millwalker ( 622387 ) writes:</p><p>{comments[0]}</p>"
              f"<h4>Re: Footbridge (Score:2)</h4><p>by Anonymous Coward writes:</p><p>{comments[1]}</p>")
    doc = clean_document(Document(source="a.html", format="html", content=article_page(extra_body=thread)))
    assert all(p in doc.body for p in PARAS) and not any(c in doc.body for c in comments)
    dropped = [b for b in doc.blocks if b.text == comments[0]]
    assert dropped[0].category == "comment" and "a comment thread" in dropped[0].reason


def test_below_comment_count_needs_article_text_above_it():
    from pipeline.classify import drop_below_comment_count
    from pipeline.record import Block
    article = "The council approved the footbridge plan after a long debate about its cost and its route. " * 6
    comment = "Great news, I cross there every day and the old bridge felt unsafe for years."
    for above, dropped in ((article, True), ("Short intro.", False)):
        blocks = [Block(0, above, above), Block(1, "12 comments", "12 comments", keep=False),
                  Block(2, comment, comment)]
        drop_below_comment_count(blocks)
        assert (not blocks[2].keep) is dropped


def test_a_figures_caption_is_dropped_as_a_caption_but_a_figures_table_stays():
    from pipeline.html_body import extract_html_blocks

    figure = ('<figure><img src="bridge.jpg"><figcaption>The old footbridge near the mill, photographed '
              'last winter before the council closed it to walkers.</figcaption></figure>'
              '<figure class="wp-block-table"><table><tr><td>Cost of the new crossing</td>'
              '<td>4.2 million pounds</td></tr></table></figure>')
    blocks = extract_html_blocks(article_page(extra_body=figure))
    [caption] = [b for b in blocks if b.text.startswith("The old footbridge")]
    assert (caption.keep, caption.category) == (False, "caption") and "<figure>" in caption.reason
    assert all(b.keep or b.category != "caption" for b in blocks if "4.2 million" in b.text or "crossing" in b.text)


def test_a_byline_kept_with_the_article_is_metadata_not_body():
    from pipeline.clean import clean_document
    from pipeline.record import Document

    # No class names it a byline: the model keeps it with the article.
    page = article_page(["By Jane Doe, 3 May 2024"] + PARAS).replace(
        '<div class="byline">By Jane Doe, 3 May 2024</div>', "")
    doc = clean_document(Document(source="p.html", content=page, format="html"))
    assert "Jane Doe" not in doc.body and doc.meta.authors == ["Jane Doe"]
    [byline] = [b for b in doc.blocks if b.text.startswith("By Jane Doe")]
    assert (byline.keep, byline.category, byline.reason) == (False, "metadata", "byline")


def test_blocks_in_a_footer_or_form_are_overruled_unless_the_form_is_the_page():
    from types import SimpleNamespace

    from pipeline.html_body import _chrome_containers
    from pipeline.html_features import ANCESTOR_BITS

    def raw(*tags):
        return SimpleNamespace(anc_bits=sum(ANCESTOR_BITS[t] for t in tags))

    raws = [raw("article"), raw("article"), raw("article", "footer"), raw("form"),
            raw("article", "blockquote", "footer"), raw("footer")]
    found = _chrome_containers(raws, [50, 50, 8, 6, 5, 4], [True, True, True, True, True, False])
    # (A quotation's attribution is no page footer; a block the model dropped is left alone.)
    assert found == [None, None, "a <footer>", "a <form>", None, None]
    # ASP.NET wraps the whole page in a <form>: that form is the page, not furniture.
    assert _chrome_containers([raw("form", "article")] * 3, [50, 50, 8], [True] * 3) == [None] * 3


def test_an_aspnet_page_wrapped_in_a_form_keeps_its_article():
    page = article_page().replace("<main>", '<form id="aspnetForm" action="/a.aspx"><main>') \
                         .replace("</main>", "</main></form>")
    text = extract_html_body(page)
    p, r = shingle_pr(text, "\n\n".join(PARAS))
    assert r > 0.95, text


def test_a_block_kept_inside_a_nav_is_navigation():
    from types import SimpleNamespace

    from pipeline.html_body import _chrome_containers
    from pipeline.html_features import ANCESTOR_BITS

    raws = [SimpleNamespace(anc_bits=ANCESTOR_BITS["article"]), SimpleNamespace(anc_bits=ANCESTOR_BITS["nav"])]
    assert _chrome_containers(raws, [80, 12], [True, True]) == [None, "a <nav>"]


def test_a_one_block_gap_in_the_kept_html_text_is_filled():
    from types import SimpleNamespace

    import numpy as np

    from pipeline.html_body import _with_gaps_filled

    raws = [SimpleNamespace(text=t) for t in ("Para one.", "A list item", "", "Para two.", "Menu", "Footer")]
    proba = np.array([0.9, 0.4, 0.0, 0.9, 0.1, 0.2])
    # The empty block between does not break the run; a p of 0.1 is no gap to fill.
    assert _with_gaps_filled(raws, proba, 0.55).tolist() == [True, True, False, True, False, False]


def test_blocks_in_an_aside_header_or_link_outside_the_article_are_overruled():
    from types import SimpleNamespace

    from pipeline.html_body import _chrome_containers
    from pipeline.html_features import ANCESTOR_BITS

    def raw(*tags):
        return SimpleNamespace(anc_bits=sum(ANCESTOR_BITS[t] for t in tags))

    raws = [raw("main"), raw("main"), raw("aside"), raw("header"), raw("a"),
            raw("article", "aside"), raw("main", "header"), raw("main", "a")]
    found = _chrome_containers(raws, [50, 50, 8, 6, 6, 5, 4, 4], [True] * 8)
    # (Inside the article or main column they are the story's: a pull quote, its headline, a link.)
    assert found == [None, None, "an <aside>", "a <header>", "a link", None, None, None]


def _linked(text: str, link: bool) -> "Block":
    from pipeline.record import Block
    return Block(index=0, raw=text, text=text, link_chars=len(text) if link else 0, n_links=int(link))


def test_a_table_of_contents_link_gives_way_to_the_heading_it_repeats():
    from pipeline.html_body import _drop_contents_links
    blocks = [_linked("How to pick the right tent", True), _linked("Overview", True),
              _linked("Our guide to camping gear", True), _linked("Overview", False),
              _linked("How to pick the right tent", False), _linked(PARAS[0], False)]
    _drop_contents_links(blocks)
    assert [b.keep for b in blocks] == [False, True, True, True, True, True]
    assert (blocks[0].category, blocks[0].reason) == (
        "navigation", "a link to a heading repeated below it (a table of contents)")


def test_repeats_go_only_when_the_page_carries_much_of_its_text_twice():
    from pipeline.html_body import _drop_repeats
    story = [_linked(f"{text} ({k})", False) for k in range(3) for text in PARAS]
    # A key point restated once: the article's own.
    again = _linked(story[2].text, False)
    blocks = story + [again]
    _drop_repeats(blocks, [again])
    assert all(b.keep for b in blocks)
    # The article twice (a mobile and a desktop copy): the second copy goes.
    copy = [_linked(b.text, False) for b in story[:6]]
    blocks = story + copy
    _drop_repeats(blocks, copy)
    assert [b.keep for b in blocks] == [True] * len(story) + [False] * 6
    assert copy[0].category == "duplicate"


class _KeepsFirstBlocks:
    """A stand-in block model that keeps only the page's first ``n`` blocks."""
    threshold = 0.5

    def __init__(self, n: int):
        self.n = n

    def predict_proba(self, X, context=None):
        return np.array([1.0 if i < self.n else 0.0 for i in range(len(X))])


def test_trafilatura_stands_in_when_the_model_kept_a_sliver_of_a_long_page():
    from pipeline.html_body import extract_html_blocks
    intro = "<p>A short standfirst of the story, twelve words long and no more than that.</p>"
    story = "".join(f"<p>{text} ({k})</p>" for k in range(4) for text in PARAS)
    html = f"<html><body><article>{intro}{story}</article></body></html>"
    kept = [b.text for b in extract_html_blocks(html, model=_KeepsFirstBlocks(1)) if b.keep]
    assert len(kept) > 20 and PARAS[3] + " (2)" in kept
    # A model keeping most of the page stands.
    kept = [b.text for b in extract_html_blocks(html, model=_KeepsFirstBlocks(20)) if b.keep]
    assert len(kept) == 20


def test_a_page_trafilatura_stood_in_for_still_explains_every_removal():
    from pipeline.html_body import extract_html_blocks
    nav = "<nav><a href='/'>Home</a> <a href='/world'>World news</a> <a href='/sport'>Sport</a></nav>"
    intro = "<p>A short standfirst of the story, twelve words long and no more than that.</p>"
    story = "".join(f"<p>{text} ({k})</p>" for k in range(4) for text in PARAS)
    footer = "<footer><p>Copyright 2024 Example Media. All rights reserved.</p></footer>"
    html = f"<html><body>{nav}<article>{intro}{story}</article>{footer}</body></html>"
    blocks = extract_html_blocks(html, model=_KeepsFirstBlocks(1))
    kept = [b.text for b in blocks if b.keep]
    removed = {b.text: b for b in blocks if not b.keep}
    assert len(kept) > 20 and PARAS[3] + " (2)" in kept
    assert any("Copyright" in text for text in removed)
    assert [b.category for t, b in removed.items() if t.startswith("Home")] == ["navigation"]
    for block in removed.values():
        assert block.category and "trafilatura" in block.reason
    # Each removed block is listed once, and the blocks are numbered in order.
    assert [b.index for b in blocks] == list(range(len(blocks)))


class _Scores:
    """A stand-in block model: p(article) ``first`` for the page's first
    ``n`` blocks, ``rest`` for the others."""
    threshold = 0.5

    def __init__(self, n: int, first: float, rest: float):
        self.n, self.first, self.rest = n, first, rest

    def predict_proba(self, X, context=None):
        return np.array([self.first if i < self.n else self.rest for i in range(len(X))])


def test_the_rest_of_the_main_text_when_the_model_kept_little_of_it():
    from pipeline.html_body import extract_html_blocks
    story = "".join(f"<p>{text} ({k})</p>" for k in range(7) for text in PARAS)
    html = f"<html><body><article>{story}</article></body></html>"
    # 8 paragraphs of 42 kept (too many for trafilatura to stand in), the
    # others unsure (p 0.3): they are the rest of the main text.
    kept = [b.text for b in extract_html_blocks(html, model=_Scores(8, 1.0, 0.3)) if b.keep]
    assert len(kept) == 42
    # p 0.1 is too low for the rule.
    from pipeline.html_body import _rest_of_main_text
    words = np.array([20] * 24)
    in_main = np.ones(24, dtype=bool)
    keep = np.array([True] + [False] * 23)
    assert not _rest_of_main_text(in_main, words, np.array([1.0] + [0.1] * 23), keep).any()


def test_a_table_set_in_a_figure_is_no_caption_when_the_model_drops_it():
    from pipeline.html_body import _why_dropped

    page = page_blocks("<body><figure><table><tr><td>Cost of the crossing</td></tr></table></figure>"
                       "<figure><figcaption>The old bridge.</figcaption></figure></body>")
    assert [_why_dropped(b, 0.1)[0] for b in page.blocks] == ["boilerplate", "caption"]


def test_a_model_trained_on_other_features_is_refused():
    stale = dict(keep_all_spec(), features=list(FEATURES)[:-1])
    with pytest.raises(RuntimeError, match="retrain"):
        extract_html_body(article_page(), model=BlockModel(stale))
    old_stage2 = {"stage1": keep_all_spec(), "stage2": dict(keep_all_spec(), features=list(FEATURES) + CONTEXT_FEATURES[:-2])}
    with pytest.raises(RuntimeError, match="retrain"):
        extract_html_body(article_page(), model=BlockModel(old_stage2))
