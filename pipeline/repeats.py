"""Paragraphs a page carries twice, kept once.

Pages repeat a paragraph above the article as a teaser, a summary or a
sticky header, or carry the whole article twice (mobile and desktop copies);
readers, and the dev set's gold text on most pages, have it once. A
paragraph shown three or more times is the page's own structure (each
week's "Warm up" in a training plan) and stays.

The HTML path keeps its own rule (``html_body._is_repeat``: the first copy of
any repeat stays): this one in its place scored the same there (site-CV F1
+0.00002, two folds down), while on text it beat that rule by 0.0003.

>>> from pipeline.record import Block
>>> long = "The council approved the new budget on Monday night."
>>> blocks = [Block(0, long, long), Block(1, "x", "x"), Block(2, long, long)]
>>> drop_repeats(blocks)
>>> [(b.keep, b.category) for b in blocks]
[(False, 'duplicate'), (True, None), (True, None)]
"""
from __future__ import annotations

from collections import Counter

from .record import Block
from .userrules import Rule, match_rules

MIN_WORDS = 8       # shorter lines repeat for good reasons ("Read more", a product's name)


def drop_repeats(blocks: list[Block], rules: list[Rule] | None = None, site: str | None = None,
                 min_words: int = MIN_WORDS) -> None:
    """Drop the first of two kept copies of a long paragraph: the second
    stands in the article's flow, the first is the teaser or summary above
    it. A line a user rule matches is left as decided."""
    kept = [b for b in blocks if b.keep]
    texts = [b.text for b in kept]
    if len(set(texts)) == len(texts):       # most pages: nothing repeats
        return
    twice = {t for t, n in Counter(texts).items() if n == 2 and t.count(" ") >= min_words - 1}
    later: set[str] = set()
    for block in reversed(kept):
        if block.text in twice:
            if block.text in later and not (rules and match_rules(rules, block.text, site)):
                block.drop("duplicate", "a paragraph the page repeats below")
            later.add(block.text)
