"""A learned score of a block's words: naive Bayes over hashed words and word pairs.

The phrase lexicon knows a few hundred boilerplate phrases by heart; this
score knows every word and word pair of the training pages, by how much
likelier it is in article text than around it ("share this", "read more",
"cookies" low; "said", "percent", "however" high). A block's score is the log
odds of multinomial naive Bayes over its distinct terms (``kernels.hashed_terms``,
``2 ** BITS`` hashed slots), clipped to ``[-CLIP, CLIP]``. The text model reads
it, and its neighbours', as features (``features.WORD_NAMES``); training
(``scripts/train_text_model.py``) cross-fits it, so the trees learn how far to
trust it on pages it has not seen.

>>> import numpy as np
>>> lines = ["share this story", "the mayor said on monday", "share this"]
>>> indptr, terms = term_lists("\\n".join(lines), 3)
>>> ws = WordScore.fit(indptr, terms, np.array([0, 1, 0]), np.arange(3))
>>> [round(s, 2) for s in ws.score(indptr, terms).tolist()]
[-5.38, 5.55, -3.99]
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import kernels

BITS = 18
CLIP = 14.0    # |log odds| beyond this is certainty either way: one long block must not swamp a window
ALPHA = 1.0    # Laplace smoothing of the term counts


def term_lists(low: str | np.ndarray, n_lines: int) -> tuple[np.ndarray, np.ndarray]:
    """(indptr, terms) of ``n_lines`` lower-cased texts joined with newlines
    (a string, or its code points as ``features.LineText.low_cp``)."""
    cp = kernels.codepoints(low) if isinstance(low, str) else low
    return kernels.hashed_terms(cp, kernels.word_chars(), n_lines, BITS)


@dataclass
class WordScore:
    """``weight``: log(p(term | article) / p(term | other)) of each hashed term;
    ``bias``: log of the article rows' odds in training."""

    weight: np.ndarray
    bias: float

    def __post_init__(self) -> None:
        # float32, as stored: the kernel's random reads then stay in 1 MB of cache
        self.weight = np.ascontiguousarray(self.weight, np.float32)

    def score(self, indptr: np.ndarray, terms: np.ndarray) -> np.ndarray:
        """The clipped log odds of each line of ``term_lists``."""
        return np.clip(self.bias + kernels.term_sums(self.weight, indptr, terms), -CLIP, CLIP)

    @classmethod
    def fit(cls, indptr: np.ndarray, terms: np.ndarray, y: np.ndarray,
            rows: np.ndarray) -> "WordScore":
        """Multinomial naive Bayes on the lines ``rows`` (indices) with labels ``y``
        (1 article, 0 not), each line's distinct terms counted once. The weights
        are rounded to float32, as they are stored, before anything scores with them."""
        chosen = np.zeros(len(indptr) - 1, bool)
        chosen[rows] = True
        row_of = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
        logs = []
        for label in (0, 1):
            mine = chosen & (y == label)
            counts = np.bincount(terms[mine[row_of]], minlength=2 ** BITS).astype(np.float64)
            logs.append(np.log(counts + ALPHA) - np.log(counts.sum() + ALPHA * 2 ** BITS))
        n_article = int((chosen & (y == 1)).sum())
        n_other = int(chosen.sum()) - n_article
        bias = float(np.log(max(n_article, 1) / max(n_other, 1)))
        return cls((logs[1] - logs[0]).astype(np.float32), bias)

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {f"{prefix}weight": self.weight,   # float32 already
                f"{prefix}bias": np.array([self.bias])}

    @classmethod
    def from_arrays(cls, arrays, prefix: str) -> "WordScore":
        return cls(arrays[f"{prefix}weight"], float(arrays[f"{prefix}bias"][0]))
