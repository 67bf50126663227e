"""Decide, for every block of a scraped page, whether it is article text.

Three sources of evidence, in order of authority:

1. user rules (``userrules``): a matching ``keep`` rule keeps, a ``drop`` rule drops;
2. the phrase lexicon (``lexicon``): a short line carrying a boilerplate phrase
   ("Leave a Reply", "Support The Moscow Times!") is dropped whatever it looks like;
3. the learned model (``textmodel``): boosted trees over the block's features
   and its neighbourhood (``features``), then context repair (one-block gaps
   filled, lone blocks dropped), the end of the article ("Read more", "Leave a
   Reply" closes it) and the title line above the first paragraph.

Every dropped block gets a category and a reason a person can check:

>>> from pipeline.segment import segment_text
>>> blocks = segment_text("Leave a Reply\\n*")
>>> classify_blocks(blocks)
>>> [(b.keep, b.category, b.reason) for b in blocks]
[(False, 'comment', "lexicon: comment phrase 'leave a reply'"), (False, 'label', 'no words: an empty label or separator')]
"""
from __future__ import annotations

import re

import numpy as np

from . import features, kernels, lexicon
from .giveaways import COMMENT_HEAD, GIVEAWAY_NEEDLES, drop_giveaways, giveaway_rows, lines_with
from .record import Block
from .repeats import drop_repeats
from .textmodel import TextModel, default_model
from .userrules import Rule, match_rules, rules_for

_HAS_WORD = re.compile(r"\w")


GAP_P = 0.3        # a gap of one block inside kept text is filled down to this p(article)
ISOLATED_P = 0.6   # a lone kept block between dropped ones needs this p(article)


def _smooth(keep: np.ndarray, p: np.ndarray) -> np.ndarray:
    """jusText-style context repair on the model's decisions: fill one-block
    gaps in the text, drop lone blocks in the boilerplate.

    >>> _smooth(np.array([True, False, True, False, True, False]),
    ...         np.array([0.9, 0.35, 0.9, 0.1, 0.55, 0.1])).tolist()
    [True, True, True, False, False, False]
    """
    if len(keep) < 3:
        return keep
    lone = np.zeros_like(keep)
    lone[1:-1] = ~keep[:-2] & ~keep[2:] & keep[1:-1] & (p[1:-1] < ISOLATED_P)
    return fill_gaps(keep, p) & ~lone


def fill_gaps(keep: np.ndarray, p: np.ndarray, floor: float = GAP_P) -> np.ndarray:
    """``keep`` with each one-block gap between kept blocks filled when the
    block's p(article) is at least ``floor``: a short list item or a line
    between two paragraphs of the article is more likely the article's too.

    >>> fill_gaps(np.array([True, False, True, False, False]), np.array([0.9, 0.35, 0.9, 0.5, 0.1])).tolist()
    [True, True, True, False, False]
    """
    if len(keep) < 3:
        return keep
    fill = np.zeros_like(keep)
    fill[1:-1] = keep[:-2] & keep[2:] & ~keep[1:-1] & (p[1:-1] >= floor)
    return keep | fill


# More kept words than this above the line taken for the headline: that line is
# more likely a heading inside the article (HTML dev-0379), and nothing goes.
ABOVE_HEADLINE_WORDS = 150
# A line that flattens to no words: an image in markdown, or an empty label.
_IMAGE_LINE = ("caption", "an image (its alt text is no article text)")
_EMPTY_LINE = ("label", "no words: an empty label or separator")
# A phrase condemns its line whatever the model says, unless the line is prose
# the model is sure of ("Print off a sheet with the running order for the day,
# ..." opens with a share phrase): a line of this many words that ends a
# sentence stays at this p(article), from the text model or the HTML block
# model. ("Previous articleCritical Race Theory: ...", glued innerText, ends no
# sentence.)
PROSE_SURE_P = 0.8
PROSE_SURE_WORDS = 12
SANDWICH = frozenset({"donation", "disclaimer", "comment", "newsletter", "cookie", "legal"})


def _sure_prose(text: str, p: float) -> bool:
    """A line of prose (``PROSE_SURE_WORDS`` words or more, ending a sentence)
    that a model gave at least ``PROSE_SURE_P``."""
    return p >= PROSE_SURE_P and text.count(" ") + 1 >= PROSE_SURE_WORDS and text.endswith(_SENTENCE_END)


def _sandwiched(before: lexicon.Hit | None, after: lexicon.Hit | None) -> bool:
    return (before is not None and after is not None and before.category == after.category
            and before.category in SANDWICH)


def decide(blocks: list[Block], p: np.ndarray, hits: list[list[lexicon.Hit]],
           threshold: float = 0.5, apply: bool = True, rules: list[Rule] | None = None,
           site: str | None = None, why=None, context: bool = False,
           confidence: np.ndarray | None = None) -> np.ndarray:
    """Keep mask of one document; with ``apply``, also set keep/category/reason.

    ``p`` is each block's p(article); ``why(i)`` returns (category, explanation)
    for a block the model drops. ``context`` adds the rules that only make
    sense on a whole page scored by the model: gap filling, the end of the
    article and its reference list, the paragraphs under a "Disclaimer" label,
    the title line. Without it (e.g. all ``p`` = 1 for text a
    main-content extractor chose) only user rules and the lexicon act, and
    ``confidence`` (the extractor's own p(article) of each block, if it has
    one) keeps the prose it was sure of from the lexicon, as ``p`` does with it.
    """
    keep_arr = p >= threshold
    if context:
        keep_arr = _smooth(keep_arr, p)
    keep = keep_arr.tolist()            # plain lists: this loop touches many blocks
    p_list = p.tolist()
    sure = p_list if context else confidence.tolist() if confidence is not None else None
    n = len(blocks)
    verdicts = [None] * n
    for i in [i for i, h in enumerate(hits) if h]:
        verdicts[i] = lexicon.verdict(blocks[i].text, hits[i]) or lexicon.link_to_one_story(blocks[i].text, hits[i])
    forced = [False] * n                # decided by a user rule: final
    last = n - 1
    lengths = np.fromiter((len(b.text) for b in blocks), np.int64, n)
    if rules:
        rows = range(n)
    else:
        # Without user rules only these rows can end up dropped: the model's
        # drops, short lines (perhaps wordless), lexicon lines and the line
        # after each (perhaps between two of them). The others stay kept.
        flagged = ~keep_arr | (lengths < 16)
        lexicon_rows = [i for i, v in enumerate(verdicts) if v is not None]
        flagged[lexicon_rows] = True
        flagged[[i + 1 for i in lexicon_rows if i < last]] = True
        rows = np.flatnonzero(flagged).tolist()
        if apply:
            for i in np.flatnonzero(~flagged).tolist():
                b = blocks[i]
                if not b.keep or b.category is not None or b.reason is not None:
                    b.keep, b.category, b.reason = True, None, None
    for i in rows:
        b = blocks[i]
        verdict = None
        text = b.text
        if rules:
            rule = match_rules(rules, text, site)
            if rule is not None:
                forced[i] = True
                keep[i] = rule.action == "keep"
                if apply:
                    if keep[i]:
                        b.keep, b.category, b.reason = True, None, None
                    else:
                        b.drop(rule.category, f"user rule: {rule.category} pattern {rule.source!r}")
                continue
        # Lines without a word are short; only those need the regex.
        if len(text) < 16 and not _HAS_WORD.search(text):
            keep[i] = False
            verdict = _IMAGE_LINE if b.raw.lstrip().startswith(("![", "[![")) else _EMPTY_LINE
        elif verdicts[i] is not None and not (sure is not None and _sure_prose(text, sure[i])):
            hit = verdicts[i]
            keep[i] = False
            verdict = (hit.category, f"lexicon: {hit.category} phrase '{hit.phrase}'")
        elif (0 < i < last and verdicts[i - 1] is not None
              and _sandwiched(verdicts[i - 1], verdicts[i + 1])):
            # A plea or notice often runs over several lines, only some of
            # which carry a telltale phrase.
            keep[i] = False
            cat = verdicts[i - 1].category
            verdict = (cat, f"lexicon: between two {cat} lines")
        elif not keep[i] and apply:
            category, explain = why(i) if why else ("boilerplate", "")
            reason = f"model: p(article)={p_list[i]:.2f}" + (f"; {explain}" if explain else "")
            verdict = (category, reason)
        if apply:
            if keep[i]:
                b.keep, b.category, b.reason = True, None, None
            else:
                b.drop(*verdict)
    if not context:
        return np.array(keep, np.bool_)
    marker = _end_marker(blocks, keep, verdicts)
    if marker is not None:
        closing = verdicts[marker]
        after = f"after the end of the article (marker line {marker + 1}: '{closing.phrase}')"
        # Below a comment heading come comments, below other markers teasers.
        below = "comment" if closing.category == "comment" else "related"
        # No article resumes under a count of its comments: long comments look like prose.
        resumes = not lexicon.is_comment_count(closing)
        resumed = _resumed_rows(blocks, p_list, marker + 1) if resumes else set()
        for i in range(marker + 1, n):
            if forced[i]:
                continue
            if keep[i] and i not in resumed:
                keep[i] = False
                if apply:
                    blocks[i].drop(below, after)
            elif (apply and not keep[i] and blocks[i].reason.startswith("model:")
                  and blocks[i].category in ("caption", "boilerplate", "navigation")):
                # What the model dropped down here are teasers, not captions.
                blocks[i].category = below
                blocks[i].reason += "; " + after
    refs = _reference_list(blocks, keep, np.flatnonzero(lengths <= _REFERENCE_LABEL_CHARS).tolist())
    if refs is not None:
        why_refs = f"a reference list (under '{blocks[refs].text.strip(' #*:')}', line {refs + 1})"
        for i in range(refs, len(blocks)):
            if keep[i] and not forced[i] and (i == refs or p_list[i] < REFERENCE_KEEP_P):
                keep[i] = False
                if apply:
                    blocks[i].drop("references", why_refs)
    for i, label in _under_label(blocks, verdicts):
        if keep[i] and not forced[i]:
            keep[i] = False
            if apply:
                cat = verdicts[label].category
                blocks[i].drop(cat, f"lexicon: under a '{blocks[label].text.strip()}' label (line {label + 1})")
    for i in _title_lines(blocks, keep):
        if forced[i]:
            continue
        keep[i] = False
        if apply:
            blocks[i].drop("metadata", "title: short unpunctuated line just before the article text")
    return np.array(keep, np.bool_)


LABELLED = frozenset({"disclaimer"})   # categories whose bare label heads a run of their text
LABEL_RUN = 3                          # paragraphs a label may head


def _under_label(blocks: list[Block], verdicts) -> list[tuple[int, int]]:
    """``(row, label row)`` for the paragraphs right under a bare category
    label: "Disclaimer:" / "As a service to our readers, ..." is a disclaimer
    though its own words name none.
    """
    out = []
    for i in [i for i, v in enumerate(verdicts) if v is not None and v.category in LABELLED]:
        if len(blocks[i].text.split()) > 3:
            continue
        for j in range(i + 1, min(len(blocks), i + 1 + LABEL_RUN)):
            b = blocks[j]
            if b.heading or len(b.text) < 40 or verdicts[j] is not None:
                break
            out.append((j, i))
    return out


END_MIN_WORDS = 80     # article words that must come before an end marker
END_MARKER_WORDS = 12  # a marker inside a longer line ("... Do you agree? Leave a comment.")
                       # closes its paragraph, not the article
END_KEEP_P = 0.8       # a block after the marker survives only in a run of blocks the model
                       # is this sure of, with two sentences in it (``_resumed_rows``)
REFERENCE_KEEP_P = 0.9 # a block after a reference list's label survives when the model is this sure
_SENTENCE_END = tuple('.!?"”»…)\'’')


def _resumed_rows(blocks: list[Block], p: list[float], start: int) -> set[int]:
    """Rows from ``start`` on where the article resumes: runs of lines the
    model is sure of (p >= END_KEEP_P) holding at least two sentences' ends.
    One sure teaser, or a teaser's headline and blurb, is not the article.
    """
    rows: set[int] = set()
    run: list[int] = []
    for i in range(start, len(blocks) + 1):
        if i < len(blocks) and p[i] >= END_KEEP_P:
            run.append(i)
            continue
        if sum(blocks[j].text.rstrip().endswith(_SENTENCE_END) for j in run) >= 2:
            rows.update(run)
        run = []
    return rows


def _end_marker(blocks: list[Block], keep: list[bool], verdicts) -> int | None:
    """The first end-of-article marker line after enough article text.

    "Read more", "Related stories", "Leave a Reply" after the article close it:
    teaser headlines and blurbs below look like prose but are not the article.
    """
    return _after_article(blocks, keep, [i for i, v in enumerate(verdicts) if v is not None
                                         and lexicon.ends_article(v)
                                         and (v.at_line_start or blocks[i].text.count(" ") < END_MARKER_WORDS)
                                         and not lexicon.cross_link(blocks[i].text, v.phrase)])


def _after_article(blocks: list[Block], keep: list[bool], rows: list[int]) -> int | None:
    """The first of ``rows`` (ascending) with at least END_MIN_WORDS words of
    kept blocks before it."""
    words = 0
    counted = 0     # words of the kept blocks before this one
    for i in rows:
        words += sum(b.text.count(" ") + 1 for b, k in zip(blocks[counted:i], keep[counted:i]) if k)
        counted = i
        if words >= END_MIN_WORDS:
            return i
    return None


_REFERENCES = frozenset({"references", "reference list", "citations", "sources", "sources cited", "bibliography",
                         "works cited", "footnotes", "literature cited", "literatur", "quellen", "références",
                         "bibliographie", "referencias", "fuentes", "riferimenti", "fonti", "referências",
                         "fontes", "литература", "источники", "список литературы"})


_REFERENCE_LABEL_CHARS = 24


def _reference_list(blocks: list[Block], keep: list[bool], short: list[int]) -> int | None:
    """The line heading the article's reference list ("References",
    "Citations", "Sources"), after enough article text; None if there is none.
    ``short``: the rows of at most ``_REFERENCE_LABEL_CHARS`` characters.
    """
    return _after_article(blocks, keep, [i for i in short if blocks[i].text.strip(" #*:").lower() in _REFERENCES])


_NOT_TITLE_END = frozenset('.!?:;,…"”')
TITLE_WINDOW = 4


def _title_lines(blocks: list[Block], keep: list[bool]) -> list[int]:
    """Kept headline-like lines right before the first kept paragraph.

    The body starts with its first paragraph: a title (and a title-like deck)
    above it belongs to the metadata, even when the model liked it.
    """
    first = next((i for i, b in enumerate(blocks)
                  if keep[i] and b.text.count(" ") >= 9 and b.text[-1:] in _NOT_TITLE_END), None)
    if first is None:
        return []
    out = []
    for i in range(max(0, first - TITLE_WINDOW), first):
        b = blocks[i]
        n_words = b.text.count(" ") + 1
        if (keep[i] and 2 <= n_words <= 25 and b.text[-1:] not in _NOT_TITLE_END
                and not b.list_depth and b.link_chars * 2 < len(b.text)):
            out.append(i)
    return out


_WHERE = ("inside the main text", "before the main text", "after the main text")
_KIND = ("line", "heading", "list item")


def _explanation(rule: int, kind: str, where: int) -> tuple[str, str]:
    at = _WHERE[where]
    return [("metadata", f"short {kind} with a date {at}"),
            ("metadata", f"title {kind} {at}"),
            ("related" if where == 2 else "navigation", f"link-heavy {kind} {at}"),
            ("navigation", f"{kind} repeated elsewhere on the page"),
            ("related", f"{kind} {at}"),
            ("navigation", f"{kind} {at}"),
            ("caption", f"short unpunctuated {kind} {at}"),
            ("boilerplate", f"{kind} {at} worded like boilerplate (learned word score)"),
            ("boilerplate", f"{kind} {at}")][rule]


# (rule, kind, where) -> (category, explanation), rule as in ``_explanation_codes``
_EXPLANATIONS = [_explanation(r, k, w) for r in range(9) for k in _KIND for w in range(3)]
# Below this word score (log odds) a line's words are ~20 times likelier around an
# article than in one.
_BOILERPLATE_WORDS = -3.0


def _explanation_codes(X: np.ndarray, names: list[str]) -> list[int]:
    """For each row, which ``_EXPLANATIONS`` entry names it should the model drop it:
    the first rule that fits, in this order: a short line with a date (not
    after the text), a title, link-heavy, repeated on the page, after the text,
    before it, short and unpunctuated, worded like boilerplate (a model with a
    word score), anything else."""
    def col(name):
        return X[:, names.index(name)]

    dist = col("region_dist")
    before, after = dist < 0, dist > 0
    where = np.where(before, 1, np.where(after, 2, 0))
    heading = col("heading")
    kind = np.where(heading > 0, 1, np.where(col("list_depth") > 0, 2, 0))
    chars = np.rint(np.expm1(col("log_chars")))   # log1p of a count: exact back
    worded = (col("word_score") < _BOILERPLATE_WORDS if "word_score" in names
              else np.zeros(len(X), bool))
    rule = np.select(
        [(col("has_date") > 0) & (chars < 120) & ~after,
         (heading == 1) | ((heading > 0) & before & (dist >= -3)),
         col("link_share") >= 0.5, col("repeat_count") > 0, after, before,
         (col("ends_terminal") == 0) & (chars < 200), worded],
        [0, 1, 2, 3, 4, 5, 6, 7], 8)
    return ((rule * 3 + kind) * 3 + where).tolist()


def _explainer(codes: list[int], hits):
    """A function naming the likeliest kind of boilerplate for a model drop."""
    def why(i: int) -> tuple[str, str]:
        if hits[i]:
            h = hits[i][0]
            return h.category, f"{h.category} phrase '{h.phrase}' in a non-article context"
        return _EXPLANATIONS[codes[i]]

    return why


CHUNK_ROWS = 4096   # blocks featurised together: numpy calls amortised, arrays still in cache


def classify_many(docs: list[list[Block]], rules: list[Rule] | None = None,
                  sites: list[str | None] | None = None, model: TextModel | None = None) -> None:
    """Classify the blocks of many documents in place.

    Documents are featurised and scored together, a few thousand blocks at a
    time; each gets the decisions it would get alone (``features.stage1_matrix``).
    """
    model = model or default_model()
    docs = list(docs)
    sites = sites or [None] * len(docs)
    lo = 0
    while lo < len(docs):
        hi, rows = lo, 0
        while hi < len(docs) and (hi == lo or rows + len(docs[hi]) <= CHUNK_ROWS):
            rows += len(docs[hi])
            hi += 1
        _classify_chunk(docs[lo:hi], rules, sites[lo:hi], model)
        lo = hi


def score_chunk(docs: list[list[Block]], model: TextModel):
    """The model's view of ``docs`` (one chunk): ``(batch, text, hits, X1, p)``,
    ``p`` being each block's p(article) and ``text`` the chunk's ``LineText``."""
    batch = features.Batch.of(docs)
    # One copy of the chunk's text (lower-cased, as code points) for the lexicon and the features.
    text = features.LineText.of(batch.blocks)
    hits = features.lexicon_hits(batch.blocks, text)
    X1, names1 = features.stage1_matrix(batch, hits, text, model.words)
    if names1 != model.names1:
        raise RuntimeError("text model does not match pipeline.features: retrain it "
                           "(scripts/train_text_model.py)")
    return batch, text, hits, X1, model.predict(batch, X1)


def _classify_chunk(docs: list[list[Block]], rules, sites, model: TextModel) -> None:
    if not any(docs):
        return
    batch, text, hits, X1, p2 = score_chunk(docs, model)
    codes = _explanation_codes(X1, model.names1)
    # Rows the patterns applied after the model may drop, found for the whole chunk at once.
    held = _needle_lines(text)
    suspects = giveaway_rows(text, held)
    comment_rows = lines_with(held, COMMENT_NEEDLES)
    start = 0
    for blocks, site in zip(docs, sites):
        end = start + len(blocks)
        why = _explainer(codes[start:end], hits[start:end])
        # Only the rules for this page's site: with none, decide takes its fast path.
        site_rules = rules_for(rules, site)
        decide(blocks, p2[start:end], hits[start:end], model.threshold, True, site_rules, site, why,
               context=True)
        drop_giveaways([batch.blocks[r] for r in suspects if start <= r < end], site_rules, site)
        drop_repeats(blocks, site_rules, site)
        mine = [r - start for r in comment_rows if start <= r < end]
        if len(mine) >= THREAD_MIN_HEADERS:
            drop_comment_thread(blocks, mine, site_rules, site)
        start = end


def _needle_lines(text: features.LineText) -> dict[str, np.ndarray]:
    """For each of ``_SIFT_NEEDLES``, which lines of the chunk hold it (one compiled pass)."""
    return dict(zip(_SIFT_NEEDLES, kernels.lines_holding(text.low_cp, _SIFT_NEEDLES)))


def drop_above_headline(blocks: list[Block], headline: int, rules: list[Rule] | None = None,
                        site: str | None = None) -> None:
    """Drop what the model kept above the page's headline (block ``headline``):
    menu items, teasers and promos the model took for prose; the article starts
    at its headline. When that would be a quarter of the kept words or more
    than ``ABOVE_HEADLINE_WORDS``, the line taken for the headline is more
    likely a heading inside the article, and nothing goes. A line a user rule
    matches is left as decided.
    """
    above = [b for b in blocks[:headline] if b.keep]
    if not above:
        return
    words = sum(len(b.text.split()) for b in above)
    if words * 4 >= sum(len(b.text.split()) for b in blocks if b.keep) or words > ABOVE_HEADLINE_WORDS:
        return
    _drop_kept(above, "navigation", "above the headline", rules, site)


def drop_below_comment_count(blocks: list[Block], rules: list[Rule] | None = None,
                             site: str | None = None) -> None:
    """Drop the kept blocks below a count of the page's comments ("10 comments:",
    "6 thoughts on “Title”") that comes after END_MIN_WORDS words of kept text:
    a main-content extractor keeps a long comment now and then. A line a user
    rule matches is left as decided.
    """
    counts = [i for i, hs in enumerate(features.lexicon_hits(blocks))
              if hs and (hit := lexicon.verdict(blocks[i].text, hs)) is not None and lexicon.is_comment_count(hit)]
    at = _after_article(blocks, [b.keep for b in blocks], counts) if counts else None
    if at is None:
        return
    _drop_kept(blocks[at + 1:], "comment", f"below the comment count '{blocks[at].text.strip(' #*')}' (block {at + 1})",
               rules, site)


# A comment's header: its poster, on a line of their own ("Kathy Owen says:",
# "Balu says: December 19, 2025"; ``giveaways.COMMENT_HEAD``), as Slashdot writes them
# ("by Zuck Enabler ( 10503068 ) writes:") or a scored reply's title
# ("Re: What could go wrong? (Score:3, Interesting)").
_COMMENT_WRITES = re.compile(r"^[Bb]y \S[^()\n]{0,60}?(?: \( ?\d{1,10} ?\))? writes:(?:$| on )")
_COMMENT_SCORE = re.compile(r"\(Score:\s?-?\d(?:, [A-Z][a-z]+)?\)$")
COMMENT_NEEDLES = (" says:", " writes:", "(score:")
_SIFT_NEEDLES = tuple(dict.fromkeys(GIVEAWAY_NEEDLES + COMMENT_NEEDLES))
THREAD_MIN_HEADERS = 2      # one "<name> says:" line may quote a source; a thread has more


def is_comment_header(text: str) -> bool:
    """Whether the line heads one comment of a thread.

    >>> [is_comment_header(t) for t in ("Kathy Owen says:", "by phantomfive ( 622387 ) writes:",
    ...  "Re: What could go wrong? (Score:3, Interesting)", "The mayor says: the bridge opens in May.")]
    [True, True, True, False]
    """
    return bool(COMMENT_HEAD.match(text) or _COMMENT_WRITES.match(text) or _COMMENT_SCORE.search(text))


def drop_comment_thread(blocks: list[Block], rows: list[int] | None = None,
                        rules: list[Rule] | None = None, site: str | None = None) -> None:
    """Drop the kept blocks from a comment thread on: from the first of at
    least ``THREAD_MIN_HEADERS`` comment headers (``is_comment_header``) after
    END_MIN_WORDS words of kept text. Long comments read like prose, so no
    article resumes below. ``rows``: the only blocks that may be headers (a
    sift for ``COMMENT_NEEDLES``), if the caller has them. A line a user rule
    matches is left as decided.
    """
    if rows is None:
        rows = [i for i, low in enumerate(b.text.lower() for b in blocks) if any(n in low for n in COMMENT_NEEDLES)]
    headers = [i for i in rows if is_comment_header(blocks[i].text)]
    if len(headers) < THREAD_MIN_HEADERS:
        return
    at = _after_article(blocks, [b.keep for b in blocks], headers)
    if at is None or len(headers) - headers.index(at) < THREAD_MIN_HEADERS:
        return
    _drop_kept(blocks[at:], "comment",
               f"a comment thread (from its first header, block {at + 1}: '{blocks[at].text.strip()[:60]}')",
               rules, site)


def _drop_kept(blocks: list[Block], category: str, why: str, rules: list[Rule] | None, site: str | None) -> None:
    """Drop the kept ones of ``blocks``; a line a user rule matches is left as decided."""
    for b in blocks:
        if b.keep and not (rules and match_rules(rules, b.text, site)):
            b.drop(category, why)


def classify_blocks(blocks: list[Block], rules: list[Rule] | None = None,
                    site: str | None = None, model: TextModel | None = None) -> None:
    """Set ``keep``, ``category`` and ``reason`` on each block of one document.

    ``site`` (a host name from the document's hints) selects site-specific user rules.
    """
    classify_many([blocks], rules, [site], model)


# On extracted HTML only phrases that are boilerplate wherever they stand act:
# the DOM model already judged layout (menus, teasers, bylines) better than a
# line-start phrase can, and measured on wcxb-dev the layout categories cost
# recall there. A "related" label that introduces one story ("Also read: <a
# headline>", ``lexicon.link_to_one_story``) is boilerplate wherever it stands too.
# Adverts, captions and author-box labels joined once prose the block model is
# sure of was safe from phrases (``_sure_prose``): HTML site-CV F1 +0.00015.
HTML_PHRASE_CATEGORIES = frozenset({"donation", "disclaimer", "comment", "cookie", "legal", "newsletter",
                                    "share", "advert", "caption", "bio"})


def drop_boilerplate_phrases(blocks, rules=None, site: str | None = None,
                             categories: frozenset = HTML_PHRASE_CATEGORIES) -> None:
    """User rules and the phrase lexicon's ``categories``, for text a main-content
    extractor chose; a block's ``p`` (the extractor's p(article)) keeps prose it was sure of."""
    hits = [[h for h in line if h.category in categories
             or (h.category == "related" and lexicon.link_to_one_story(b.text, [h]) is not None)]
            for b, line in zip(blocks, features.lexicon_hits(blocks))]
    decide(blocks, np.ones(len(blocks)), hits, rules=rules, site=site,
           confidence=np.array([0.0 if b.p is None else b.p for b in blocks]))
