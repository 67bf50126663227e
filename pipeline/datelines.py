"""Which short lines state a date ("May 12, 2021", "12.05.2021", "3 hours ago").

``DATE`` is the rule. Searching every short line with it cost more than any
other per-line feature, though few lines hold a date, so a compiled pass
first keeps only the lines where one is possible (``kernels.date_possible``):
every way ``DATE`` can match needs one of

- a digit, one of ``./-:``, a digit (12.05.2021, 2021-05-12, 10:30);
- a digit, perhaps a dot, spaces, then two letters that start a short month
  name (12 May, 12. März);
- a word at a word boundary whose first three letters start a month name,
  perhaps a dot, spaces, a digit (May 12, Sept. 3);
- spaces, then "ago";

and ``DATE`` decides the lines that pass. The pass only ever lets too many
lines through, never too few; tests/test_datelines.py checks the result
against ``DATE`` on thousands of generated lines.

>>> has_date("posted may 12, 2021\\npage 2 of 7\\n10:30 am\\n3 hours ago").tolist()
[1.0, 0.0, 1.0, 1.0]
"""
from __future__ import annotations

import re

import numpy as np

from . import kernels
from .lexicon import _trie_pattern

MONTHS = ("jan feb mar apr may jun jul aug sep oct nov dec januar februar märz mai juni juli "
          "oktober dezember janv févr mars avr juil août sept déc enero febrero marzo abril "
          "mayo junio julio agosto septiembre octubre noviembre diciembre gennaio febbraio "
          "aprile maggio giugno luglio settembre ottobre dicembre janeiro fevereiro março maio "
          "junho julho setembro outubro novembro dezembro января февраля марта апреля мая "
          "июня июля августа сентября октября ноября декабря").split()
MONTH_PREFIXES = ("jan feb mar apr may jun jul aug sep oct nov dec янв фев мар апр ма июн июл авг "
                  "сен окт ноя дек").split()
# Month names as character tries (``lexicon._trie_pattern``): one branch per
# letter instead of trying ~80 names in turn at every word start.
DATE = re.compile(
    r"\b(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    + _trie_pattern(sorted(set(MONTHS))) + r"[a-zéû]*\.?\s+\d{1,2}|\d{1,2}\.?\s+"
    + _trie_pattern(sorted(set(MONTH_PREFIXES))) + r"\w*|\d{1,2}:\d{2}|"
    r"\b(?:\d+|an?|one)\s+(?:hours?|minutes?|days?|weeks?|months?)\s+ago)",
)


def _key(chars: str) -> int:
    """Two or three BMP characters as one integer."""
    key = 0
    for c in chars:
        key = (key << 16) | ord(c)
    return key


def _char_table() -> np.ndarray:
    """``kernels.DATE_*`` bits of every BMP code point, as the regex engine
    reads ``\\d``, ``\\s`` and ``\\w`` (the line break excluded: lines are
    searched one at a time)."""
    table = np.zeros(0x10000, np.uint8)
    table[kernels.flags(str.isdecimal)] |= kernels.DATE_DIGIT
    table[kernels.flags(str.isspace)] |= kernels.DATE_SPACE
    table[kernels.word_chars()] |= kernels.DATE_WORD
    table[kernels.flags(str.isalpha)] |= kernels.DATE_ALPHA
    table[ord("\n")] = 0
    return table


_TABLE = _char_table()
_MONTH_STARTS = np.array(sorted({_key(m[:3]) for m in MONTHS}), np.int64)
_PREFIX_STARTS = np.array(sorted({_key(m[:2]) for m in MONTH_PREFIXES}), np.int64)
assert min(map(len, MONTHS)) >= 3 and min(map(len, MONTH_PREFIXES)) >= 2


def has_date(low: str, low_cp: np.ndarray | None = None,
             lines: np.ndarray | None = None) -> np.ndarray:
    """1.0 for each line of ``low`` (lower-cased lines joined with newlines)
    where ``DATE`` matches, else 0.0.

    ``low_cp``: ``kernels.codepoints(low)``, if the caller has it; ``lines``: a
    mask of the lines worth searching at all (the others get 0).
    """
    if low_cp is None:
        low_cp = kernels.codepoints(low)
    breaks = kernels.line_breaks(low_cp)
    n_lines = len(breaks) + 1
    possible = kernels.date_possible(low_cp, _TABLE, _MONTH_STARTS, _PREFIX_STARTS, n_lines)
    if lines is not None:
        possible &= lines
    out = np.zeros(n_lines)
    starts = np.concatenate([[0], breaks + 1]).tolist()
    ends = breaks.tolist() + [len(low_cp)]
    for i in np.flatnonzero(possible).tolist():
        out[i] = DATE.search(low, starts[i], ends[i]) is not None
    return out
