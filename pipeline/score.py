"""Body scoring as the public extraction benchmarks do it.

Word 4-gram shingles (lower-cased ``\\w+`` tokens, counted with multiplicity),
precision and recall per page; the caller averages over pages and takes F1 of
the averages.

>>> p, r = shingle_pr("the cat sat on the mat", "the cat sat on the mat today")
>>> round(p, 2), round(r, 2)
(1.0, 0.75)
"""
from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    words = _WORD.findall(text.lower())
    if len(words) < n:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(zip(*(words[i:] for i in range(n))))


def shingle_pr(predicted: str, gold: str) -> tuple[float, float]:
    """Precision and recall of ``predicted`` against ``gold``.

    An empty prediction of a non-empty gold scores 0 recall and 0 precision;
    both empty is a perfect score.
    """
    p, g = shingles(predicted), shingles(gold)
    if not p and not g:
        return 1.0, 1.0
    common = sum((p & g).values())
    precision = common / sum(p.values()) if p else 0.0
    recall = common / sum(g.values()) if g else 0.0
    return precision, recall


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
