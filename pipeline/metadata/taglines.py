"""Section and tags from the lines of scraped text that state them.

A blog post's text carries "Category: [Gardening](/category/gardening/)",
"Filed under: A, B" or "Tags: [rust](/tags/rust) [computing](/tags/computing)";
the values go to the record's ``section`` and ``tags`` and the line is metadata.

>>> from pipeline.segment import segment_text
>>> blocks = segment_text("Story text here.\\nTags: [rust](/t/rust) [computing](/t/c)\\nCategory: Tech matters")
>>> tag_lines(blocks)
('Tech matters', ['rust', 'computing'], {1: 'tags line', 2: 'section line'})
"""
from __future__ import annotations

import re

from ..record import Block

_TAG_LABELS = r"tags?|tagged(?:\s{1,3}with)?|topics?|keywords|schlagw(?:ö|oe)rter|étiquettes|etiquetas|теги|метки"
_SECTION_LABELS = r"categor(?:y|ies)|section|filed\s{1,3}under|posted\s{1,3}in|rubrik|kategorie|catégorie|categoría|categoria|рубрика"
# "Tags: a, b" (a colon), or "Posted in [A](...)" (no colon, but links).
_LINE = re.compile(rf"^\W{{0,3}}(?:(?P<tags>{_TAG_LABELS})|(?P<section>{_SECTION_LABELS}))\b\s{{0,3}}(?P<colon>:?)\s{{0,3}}(?=\S)",
                   re.IGNORECASE)
_LABEL_WORDS = ("tags", "tagged", "topics", "keywords", "schlagwörter", "étiquettes", "etiquetas", "теги", "метки",
                "categories", "section", "filed", "posted", "rubrik", "kategorie", "catégorie", "categoría", "рубрика")
_OPENINGS = frozenset(v[:2] for w in _LABEL_WORDS for v in (w, w.capitalize(), w.upper()))
_MARKS = frozenset("#*-•·|[(>")       # what \W{0,3} lets a label follow
_LINK_LABEL = re.compile(r"\[([^\[\]]{1,80})\]\(")
_SPLIT = re.compile(r"\s{0,3}[,;|•·/]\s{0,3}")
MAX_LINE = 400
MAX_VALUE = 60
MAX_TAGS = 30


def tag_lines(blocks: list[Block], texts: list[str] | None = None) -> tuple[str | None, list[str], dict[int, str]]:
    """``(section, tags, lines)``: the first section line's first value, the
    first tags line's values, and those lines by block index (``texts``: the
    blocks' texts, if the caller has them listed)."""
    section, tags, lines = None, [], {}
    texts = texts if texts is not None else [b.text for b in blocks]
    # Lines are passed over by their first two characters: a regex only for the few that may hold a label.
    for i in [i for i, t in enumerate(texts) if t[:2] in _OPENINGS or t[:1] in _MARKS]:
        b = blocks[i]
        text = b.text
        if len(text) > MAX_LINE:
            continue
        m = _LINE.match(text)
        # Without a colon only linked values count, and never under "Section"
        # ("Section 3 - [Click here](...)" heads a part of the page).
        if not m or not (m.group("colon") or b.n_links and not text.lower().startswith("section")):
            continue
        values = _values(b, text[m.end():])
        if not values:
            continue
        if m.group("tags") and not tags:
            tags = values[:MAX_TAGS]
            lines[b.index] = "tags line"
        elif m.group("section") and section is None:
            section = values[0]
            lines[b.index] = "section line"
        if section is not None and tags:
            break
    return section, tags, lines


def _values(b: Block, rest: str) -> list[str]:
    """The line's values: its link labels if it links them, else its list items."""
    if b.n_links:
        found = _LINK_LABEL.findall(b.raw)
        # Every value a link: a line of prose that links one word is no tag line.
        if sum(len(v) for v in found) < 0.6 * len(rest):
            return []
    else:
        found = _SPLIT.split(rest)
    values = [v.strip(" .#") for v in found]
    values = [v for v in values if v and len(v) <= MAX_VALUE]
    # A sentence is not a list of tags.
    if not values or any(len(v.split()) > 6 for v in values):
        return []
    return list(dict.fromkeys(values))
