"""Extract an article's main text from its HTML.

``extract_html_body`` returns one paragraph, heading or list item per line with
blank lines between them, the shape ``segment_text`` expects. The page is cut
into blocks (``html_features``), a small gradient-boosted model
(``htmlmodel``, trained by ``scripts/train_html_model.py``) keeps the article
blocks, and trafilatura is the fallback when the model is missing or keeps
(almost) nothing. Repeated long blocks are kept once.

>>> html = ("<html><head><title>Budget approved</title></head><body>"
...         "<nav><a href='/'>Home</a> <a href='/n'>News</a></nav>"
...         "<article><h1>Budget approved</h1>"
...         "<p>The council approved the new budget on Monday after a long debate.</p>"
...         "<p>Residents will see lower fees for waste collection from next year.</p></article>"
...         "<footer>Copyright 2024 Example</footer></body></html>")
>>> text = extract_html_body(html)
>>> "Home" in text, "Copyright" in text, "debate.\\n\\nResidents will see" in text
(False, False, True)
"""
from __future__ import annotations

import numpy as np

from .classify import fill_gaps
from .html_features import ANCESTOR_BITS, CONTEXT_FEATURES, FEATURES, context_features, layout_ids, page_blocks
from .htmlmodel import BlockModel, load_model
from .record import Block
from .repeats import MIN_WORDS

HEADING_LEVEL = {f"h{n}": n for n in range(1, 7)}

# Pages larger than this are cut before parsing: article text sits in the
# first megabytes, and a runaway page must not stall a batch.
MAX_HTML_CHARS = 5_000_000
# Repeated blocks at least this long are kept once (see ``compose``).
DEDUP_MIN_WORDS = MIN_WORDS
# The model missed the article (trafilatura is tried) when it kept fewer words
# than FALLBACK_NONE, or fewer than FALLBACK_FEW and FALLBACK_SHARE of the page's.
FALLBACK_NONE = 10
FALLBACK_FEW = 150
FALLBACK_SHARE = 0.1
# The rest of the main container's text is kept when the model kept under
# MAIN_KEPT_SHARE of its words (see _rest_of_main_text).
_IN_MAIN = FEATURES.index("in_main")
MAIN_MIN_WORDS = 300
MAIN_KEPT_SHARE = 0.3
MAIN_FLOOR_P = 0.2
# Repeats are dropped when they are at least this share of the other kept words.
REPEATED_SHARE = 0.1
_FIGURE = ANCESTOR_BITS["figure"]
_TABLE_OR_QUOTE = ANCESTOR_BITS["table"] | ANCESTOR_BITS["blockquote"]
_QUOTE = ANCESTOR_BITS["blockquote"]
_FOOTER = ANCESTOR_BITS["footer"]
_FORM = ANCESTOR_BITS["form"]
_NAV = ANCESTOR_BITS["nav"]
_ASIDE = ANCESTOR_BITS["aside"]
_HEADER = ANCESTOR_BITS["header"]
_LINK = ANCESTOR_BITS["a"]
_ARTICLE_OR_MAIN = ANCESTOR_BITS["article"] | ANCESTOR_BITS["main"]


def compose(texts) -> str:
    """Join kept block texts into blank-line separated lines, without their
    repeats when the page carries much of its text twice (``_drop_repeats``),
    as ``extract_html_blocks`` does.

    >>> compose(["One.", "Two.", "One."])
    'One.\\n\\nTwo.\\n\\nOne.'
    >>> long = "a b c d e f g h i"
    >>> compose([long, "x", long]) == long + "\\n\\nx"
    True
    """
    seen: dict[str, bool] = {}
    texts = [t for t in texts if t]
    repeat = [_is_repeat(t, seen) for t in texts]
    repeated = sum(len(t.split()) for t, r in zip(texts, repeat) if r)
    if not _carried_twice(repeated, sum(len(t.split()) for t in texts) - repeated):
        repeat = [False] * len(texts)
    return "\n\n".join(t for t, r in zip(texts, repeat) if not r)


def _is_repeat(text: str, seen: dict[str, bool], linked: bool = False) -> bool:
    """Whether ``text`` is a long block already in ``seen``; remembers it if
    not. A text ``linked`` is a link's; a plain text repeating a link (a table
    of contents' entry for it) is no repeat: ``_drop_contents_links`` drops
    the link instead.

    >>> seen = {}
    >>> long = "What to look for in a budget gaming laptop"
    >>> [_is_repeat(long, seen, linked) for linked in (True, False, False, True)]
    [False, False, True, True]
    """
    if text.count(" ") < DEDUP_MIN_WORDS - 1:
        return False
    if text not in seen or seen[text] and not linked:
        seen[text] = linked
        return False
    return True


def _drop_repeats(blocks: list[Block], repeats: list[Block]) -> None:
    """Drop the kept ``repeats`` of long blocks kept above when they add up to
    ``REPEATED_SHARE`` of the other kept words or more: such a page carries
    its article twice (mobile and desktop copies, sticky summaries), and the
    gold text has it once. A few repeats are the article's own (a question
    asked again in its FAQ, a key point restated), and stay. Site-CV F1 on
    the dev set 0.95445 -> 0.95482 (54 pages changed, every fold up), against
    dropping every repeat; a share from 0.08 to 0.15 scored the same."""
    repeated = sum(len(b.text.split()) for b in repeats)
    if _carried_twice(repeated, sum(len(b.text.split()) for b in blocks if b.keep) - repeated):
        for block in repeats:
            block.drop("duplicate", "a repeat of a long block kept above (the page carries its text twice)")


def _carried_twice(repeated: int, other: int) -> bool:
    """Whether ``repeated`` words of repeats beside ``other`` kept words mean
    the page carries its text twice."""
    return repeated > 0 and repeated >= REPEATED_SHARE * other


def _is_link(block) -> bool:
    """Whether links hold half the text of ``block`` (a ``Block`` or an
    ``html_features.RawBlock``) or more."""
    return block.link_chars * 2 >= len(block.text)


def _drop_contents_links(blocks: list[Block]) -> None:
    """Drop each kept link whose text the kept article repeats below it as
    plain text: a table of contents' entry for a heading. (Of three words or
    more: "Overview" may be a link to another page.) Site-CV F1 on the dev set
    0.95400 -> 0.95445: 53 pages changed (6 slightly worse), every fold up; from one word
    +0.00001 more, from five -0.00009."""
    below: set[str] = set()
    for block in reversed(blocks):
        if not block.keep:
            continue
        if not _is_link(block):
            below.add(block.text)
        elif block.text in below and block.text.count(" ") >= 2:
            block.drop("navigation", "a link to a heading repeated below it (a table of contents)")


def _trafilatura(html: str, url: str | None) -> str:
    try:
        import trafilatura
        text = trafilatura.extract(html, url=url, include_comments=False) or ""
    except Exception:  # broken markup must not stop a batch
        return ""
    # trafilatura separates paragraphs by single newlines; the segmenter wants
    # blank lines so every block starts a new paragraph.
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


# What a dropped block most likely is, read from the class/id words on it or
# its nearest ancestors (html_features.CLASS_GROUPS), then from its ancestor
# tags; the first that applies names the category.
_CLASS_CATEGORY = (
    ("cookie", "cookie"), ("comment", "comment"), ("share", "share"), ("newsletter", "newsletter"),
    ("ad", "advert"), ("caption", "caption"), ("bio", "bio"), ("note", "disclaimer"), ("related", "related"),
    ("nav", "navigation"), ("tag", "navigation"), ("meta", "metadata"), ("header", "metadata"),
    ("footer", "legal"), ("sidebar", "related"), ("card", "related"),
)
_TAG_CATEGORY = (("nav", "navigation"), ("footer", "navigation"), ("header", "navigation"),
                 ("aside", "related"), ("figure", "caption"), ("form", "navigation"))


def _why_dropped(block, p: float) -> tuple[str, str]:
    """Category and reason for a block the model left out."""
    from .html_features import ANCESTOR_BITS, CLASS_GROUPS

    where = f"<{block.tag}>"
    bits = block.own_bits | block.near_bits
    names = [name for i, (name, _) in enumerate(CLASS_GROUPS) if bits >> i & 1]
    for group, category in _CLASS_CATEGORY:
        if group in names:
            return category, f"html model: p(article)={p:.2f}; {where} marked '{group}' by its class/id"
    for tag, category in _TAG_CATEGORY:
        # A table or quotation set in a <figure> is no caption (see _figure_caption).
        if tag == "figure" and block.anc_bits & _TABLE_OR_QUOTE:
            continue
        if block.anc_bits & ANCESTOR_BITS.get(tag, 0):
            return category, f"html model: p(article)={p:.2f}; {where} inside <{tag}>"
    if block.n_links and _is_link(block):
        return "navigation", f"html model: p(article)={p:.2f}; link-heavy {where}"
    return "boilerplate", f"html model: p(article)={p:.2f}; {where} outside the article text"


def extract_html_blocks(html: str, url: str | None = None, model: BlockModel | None = None) -> list[Block]:
    """Every text block of ``html`` with the model's decision; dropped ones say why.

    ``model`` overrides the shipped block model (e.g. a cross-validation fold
    model from ``load_model(path)``). When the model is missing or keeps
    (almost) nothing, trafilatura's extraction stands in, as kept blocks.

    >>> blocks = extract_html_blocks("<body><nav><a href='/'>Home</a></nav><article>"
    ...     "<p>The council approved the new budget on Monday after a long debate.</p>"
    ...     "<p>Residents will see lower fees for waste collection from next year.</p></article></body>")
    >>> [(b.keep, b.category) for b in blocks][-2:]
    [(True, None), (True, None)]
    """
    if not html or not html.strip():
        return []
    if len(html) > MAX_HTML_CHARS:
        html = html[:MAX_HTML_CHARS]
    if model is None:
        model = load_model()
    if model is None:
        return _as_blocks(_trafilatura(html, url))
    try:
        page = page_blocks(html)
    except Exception:  # selectolax copes with nearly anything; be safe anyway
        return _as_blocks(_trafilatura(html, url))
    if not page.blocks:
        return []
    _check_features(model)
    paths = [b.path for b in page.blocks]
    words = [len(b.text.split()) for b in page.blocks]
    X = np.asarray(page.features)
    layouts = layout_ids(X)
    proba = model.predict_proba(X, lambda p: context_features(paths, words, p, layouts))
    keep = _with_gaps_filled(page.blocks, proba, model.threshold)
    keep |= _rest_of_main_text(X[:, _IN_MAIN] > 0.5, np.asarray(words), proba, keep)
    chrome = _chrome_containers(page.blocks, words, keep)
    blocks: list[Block] = []
    raws = []                       # each block's element, for the fallback's reasons
    seen: dict[str, bool] = {}      # long kept texts: whether their copy is a link
    repeats: list[Block] = []
    for raw, p, kept, container in zip(page.blocks, proba, keep, chrome):
        if not raw.text:
            continue
        block = Block(index=len(blocks), raw=raw.text, text=raw.text, heading=HEADING_LEVEL.get(raw.tag, 0),
                      list_depth=1 if raw.tag == "li" else 0, link_chars=raw.link_chars, n_links=raw.n_links,
                      p=float(p))
        if not kept:
            block.drop(*_why_dropped(raw, float(p)))
        elif container:
            block.drop(_why_dropped(raw, float(p))[0],
                       f"in {container}, which holds no article text (the model gave p(article)={p:.2f})")
        elif _figure_caption(raw):
            block.drop("caption", f"a figure's caption (<{raw.tag}> in a <figure>)")
        elif _is_repeat(raw.text, seen, _is_link(block)):
            repeats.append(block)
        blocks.append(block)
        raws.append(raw)
    _drop_repeats(blocks, repeats)
    _drop_contents_links(blocks)
    kept_words = sum(len(b.text.split()) for b in blocks if b.keep)
    if _missed_article(kept_words, sum(words)):
        # The model found no article; trafilatura's heuristics may still.
        alt = _trafilatura(html, url)
        if len(alt) > len("\n\n".join(b.text for b in blocks if b.keep)):
            kinds = [_why_dropped(raw, block.p)[0] for raw, block in zip(raws, blocks)]
            return _trafilatura_stands_in(alt, blocks, kinds,
                                          f"the model kept {kept_words} of the page's {sum(words)} words")
    return blocks


def _trafilatura_stands_in(text: str, blocks: list[Block], kinds: list[str], why: str) -> list[Block]:
    """trafilatura's paragraphs as the kept blocks, and every block of the
    page that its extraction left out as a removed one that says so, so that
    a page it stood in for still explains every removal. Its paragraphs take
    the place of the first page block they cover (the rules after the model
    read block order: the headline, the bylines above the first paragraph).
    ``kinds`` gives each block's category, read from its markup, for the
    blocks the model had kept.

    >>> page = [Block(index=0, raw=t, text=t, p=0.6) for t in ("Home", "First para.")]
    >>> out = _trafilatura_stands_in("First para.\\n\\nSecond para.", page, ["navigation", "boilerplate"],
    ...                              "the model kept 4 of 300 words")
    >>> [(b.text, b.keep) for b in out]
    [('Home', False), ('First para.', True), ('Second para.', True)]
    >>> out[0].reason
    'left out by trafilatura, which stood in because the model kept 4 of 300 words (the model gave p(article)=0.60)'
    """
    paragraphs = {" ".join(line.split()) for line in text.split("\n\n")}
    covered_text = f" {' '.join(text.split())} "
    out: list[Block] = []
    placed = False
    for block, kind in zip(blocks, kinds):
        words = " ".join(block.text.split())
        # A short block ("Share", "Home") is covered only as a paragraph of its
        # own: as a substring it would match the article's words by chance.
        if words in paragraphs or len(words.split()) >= 3 and f" {words} " in covered_text:
            if not placed:
                out += _as_blocks(text)
                placed = True
            continue
        if block.keep:
            block.drop(kind, f"left out by trafilatura, which stood in because {why} "
                                      f"(the model gave p(article)={block.p:.2f})")
        else:
            block.reason = f"{block.reason}; trafilatura, which stood in because {why}, left it out too"
        out.append(block)
    if not placed:
        out += _as_blocks(text)
    for i, block in enumerate(out):
        block.index = i
    return out


def _check_features(model: BlockModel) -> None:
    """Refuse a model trained on other features than ``html_features`` computes:
    its trees would read the wrong columns without a word. (A stand-in that
    names no features, as tests use, is taken as it is.)"""
    stage1 = getattr(model, "features", None)
    stage2 = getattr(model, "stage2", None)
    if (stage1 is not None and stage1 != list(FEATURES)
            or stage2 is not None and stage2.features != list(FEATURES) + CONTEXT_FEATURES):
        raise RuntimeError("html model does not match pipeline.html_features: retrain it "
                           "(scripts/train_html_model.py)")


def _missed_article(kept: int, total: int) -> bool:
    """Whether ``kept`` words out of a page's ``total`` say the model found no
    article: under ``FALLBACK_NONE`` words, or under ``FALLBACK_FEW`` words
    and ``FALLBACK_SHARE`` of the page (a layout it does not know: the story's
    paragraphs in "card" or list markup). Then trafilatura's heuristics are
    tried. The second case gained site-CV F1 0.95482 -> 0.95531 on the dev
    set (3 pages, none worse; 150 to 300 words and a share of 0.10 to 0.15
    chose the same pages).

    >>> _missed_article(5, 900), _missed_article(56, 576), _missed_article(56, 300)
    (True, True, False)
    """
    return kept < FALLBACK_NONE or kept < FALLBACK_FEW and kept < FALLBACK_SHARE * total


def _rest_of_main_text(in_main: np.ndarray, words: np.ndarray, proba: np.ndarray,
                       keep: np.ndarray) -> np.ndarray:
    """The blocks to keep as well when the model kept under ``MAIN_KEPT_SHARE``
    of the words of the page's main container (the element with the most
    prose below it, ``html_features``) and that holds ``MAIN_MIN_WORDS`` or
    more: it misjudged the layout, and the container's blocks of 8 words or
    more with p(article) >= ``MAIN_FLOOR_P`` are the rest of the article. Site-CV
    F1 on the dev set 0.95531 -> 0.95591 (2 pages, dev-4068 recall 0.19 ->
    0.74; none worse); a share of 0.2 to 0.3, a floor of 0.2 or 0.3 and a
    container of 300 to 1000 words changed the same pages.

    >>> m = np.array([True] * 4 + [False])
    >>> w = np.array([200, 200, 200, 200, 50])
    >>> _rest_of_main_text(m, w, np.array([0.9, 0.4, 0.1, 0.3, 0.4]), np.array([True] + [False] * 4)).tolist()
    [False, True, False, True, False]
    """
    main_words = words[in_main].sum()
    if main_words < MAIN_MIN_WORDS or words[in_main & keep].sum() >= MAIN_KEPT_SHARE * main_words:
        return np.zeros_like(keep)
    return in_main & ~keep & (proba >= MAIN_FLOOR_P) & (words >= 8)


def _with_gaps_filled(raws, proba: np.ndarray, threshold: float) -> np.ndarray:
    """The model's keep mask with one-block gaps in the kept text filled, as on
    the text path (``classify.fill_gaps``), over the blocks that hold text: a
    list item or short line between two kept ones, with p(article) at least
    ``GAP_P``, is the article's. Site-CV F1 +0.0013 on the dev set (recall
    +0.003, precision -0.0004), every fold up; a floor of 0.2 to 0.7 times the
    threshold scored within 0.0003 of that."""
    keep = proba >= threshold
    texty = np.array([i for i, raw in enumerate(raws) if raw.text], dtype=np.int64)
    if len(texty) >= 3:
        keep[texty] = fill_gaps(keep[texty], proba[texty])
    return keep


def _chrome_container(raw) -> str | None:
    """The page furniture ``raw`` sits in: a ``<footer>`` (not a quotation's
    attribution), a ``<form>`` or a ``<nav>``, or an ``<aside>``, a
    ``<header>`` or a link outside the ``<article>`` and ``<main>``; else None. (Class
    names are no such proof: the comment group's fragments match
    "commentary" and "responsive".) Outside the ``<article>`` and ``<main>``,
    an ``<aside>``, a ``<header>`` and a link (a teaser card) gained site-CV
    F1 +0.00003, +0.00002 and +0.00002 (29 pages changed, none worse); an
    ``<aside>`` anywhere +0.00001 with a fold down, and a link anywhere (an
    earlier measurement) +0.00015 with 3 pages worse."""
    if raw.anc_bits & _FOOTER and not raw.anc_bits & _QUOTE:
        return "a <footer>"
    if raw.anc_bits & _FORM:
        return "a <form>"
    if raw.anc_bits & _NAV:
        return "a <nav>"
    if not raw.anc_bits & _ARTICLE_OR_MAIN:
        # Outside the page's <article> and <main>: a sidebar, the site's header,
        # a teaser card (a block inside a link).
        if raw.anc_bits & _ASIDE:
            return "an <aside>"
        if raw.anc_bits & _HEADER:
            return "a <header>"
        if raw.anc_bits & _LINK:
            return "a link"
    return None


def _chrome_containers(raws, words: list[int], kept) -> list[str | None]:
    """For each block the model kept, the furniture it sits in (None for the
    others). Of the 2,264 such blocks the fold models kept on the dev set,
    1,945 are not gold text or too short to score (under four words). When
    they would take half the kept words, the "furniture" is the page itself
    (ASP.NET wraps whole pages in a <form>) and nothing is overruled."""
    found = [_chrome_container(raw) if keep else None for raw, keep in zip(raws, kept)]
    chrome_words = sum(n for n, container in zip(words, found) if container)
    if chrome_words and chrome_words * 2 >= sum(n for n, keep in zip(words, kept) if keep):
        return [None] * len(found)
    return found


def _figure_caption(raw) -> bool:
    """True for a figure's caption: a ``<figcaption>``, or a paragraph inside a
    ``<figure>`` that holds no table or quotation (WordPress wraps those in
    figures too). The dev set's gold leaves out nine captions in ten, and the
    model keeps some of them when they read like prose."""
    if raw.tag == "figcaption":
        return True
    return bool(raw.anc_bits & _FIGURE) and raw.tag in ("p", "div", "span") and not raw.anc_bits & _TABLE_OR_QUOTE


def _as_blocks(text: str) -> list[Block]:
    return [Block(index=i, raw=line, text=line) for i, line in enumerate(text.split("\n\n")) if line]


def extract_html_body(html: str, url: str | None = None, model: BlockModel | None = None) -> str:
    """Return the main text of ``html`` as blank-line separated lines, or ""."""
    return "\n\n".join(b.text for b in extract_html_blocks(html, url, model) if b.keep)
