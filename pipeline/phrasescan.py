"""The phrase lexicon's two scans over a page, compiled: one pass over its code points.

``lexicon`` looks for two kinds of phrase in a page's lower-cased lines:

- line-start phrases ("read more", "by ", "©"), after at most three non-word
  characters at the start of a line ("» Read more", "_Disclaimer"). Like the
  regex ``^(?:[^\\w\\n]|_){0,3}(phrase|...)`` they had been: the most
  punctuation first, then less; at a place, the longest phrase;
- phrases anywhere ("leave a reply"): every occurrence, overlapping ones
  too, as an Aho-Corasick automaton reports them. Which of them count (word
  boundaries, leftmost-longest) ``lexicon`` decides on these few candidates.

Both run over the code points of the whole page at once (``scan``); per line,
or as a regex tried at every position, they cost more than any other step of
the text path. Letters outside every phrase are one "other" letter, so the
automaton's tables stay small. tests/test_phrasescan.py checks both scans
against a plain-Python statement of them.

>>> s = Scanner(["read more", "read"], ["leave a reply"])
>>> low = "» read more\\nplease leave a reply"
>>> starts, found = s.scan(low)
>>> [(line, at, s.start_phrases[p]) for line, _, at, p in starts.tolist()]
[(0, 2, 'read more')]
>>> [(line, line_at, end, s.phrases[p]) for line, line_at, end, p in found.tolist()]
[(1, 12, 31, 'leave a reply')]
"""
from __future__ import annotations

import numpy as np
from numba import njit

from .kernels import codepoints, word_chars

# ``starts`` rows of a line whose first characters lie beyond the BMP: the
# caller decides that line with the regex (whether such a character is a
# word character is not in the table).
UNSURE = -2
_NEWLINE = 10
_UNDERSCORE = 95


class Scanner:
    """Compiled tables for a set of line-start phrases and anywhere-phrases.

    ``start_phrases`` and ``phrases`` are the two lists, indexed by the ids
    ``scan`` returns. Phrases must not hold a line break.
    """

    def __init__(self, start_phrases: list[str], phrases: list[str]):
        self.start_phrases = list(start_phrases)
        self.phrases = list(phrases)
        if any("\n" in p for p in self.start_phrases + self.phrases) or not all(self.start_phrases + self.phrases):
            raise ValueError("phrases must be non-empty and hold no line break")
        letters = sorted({c for p in self.start_phrases + self.phrases for c in p})
        place = {c: i for i, c in enumerate(letters, 1)}     # 0: any other character
        self.letter_of = np.zeros(max(map(ord, letters), default=0) + 1, np.int32)
        self.letter_of[[ord(c) for c in letters]] = list(place.values())
        self.trie, self.trie_phrase, _ = _trie(self.start_phrases, place)
        self.goto, self.out_start, self.out = _automaton(self.phrases, place)
        self.word = word_chars()

    def scan(self, low: str | np.ndarray):
        """Scan a lower-cased text (or its UTF-32 code points).

        Returns ``starts``: (line, offset of the line, offset of the phrase,
        start-phrase id) of each line where a line-start phrase matched (id
        ``UNSURE``: decide that line with the regex), and ``found``: (line,
        offset of the line, offset of the phrase's last character, phrase id)
        of every occurrence of an anywhere-phrase. Offsets are in the text.
        """
        if isinstance(low, str):
            low = codepoints(low)
        return _scan(low, self.letter_of, self.word, self.trie, self.trie_phrase,
                     self.goto, self.out_start, self.out)


def _trie(phrases: list[str], place: dict[str, int]):
    """A goto trie: ``trie[state, letter]`` is the next state or -1;
    ``phrase[state]`` the id of the phrase ending there or -1; and each
    state's children as {letter: state}."""
    children: list[dict[int, int]] = [{}]
    ends = [-1]
    for pid, p in enumerate(phrases):
        state = 0
        for c in p:
            letter = place[c]
            nxt = children[state].get(letter)
            if nxt is None:
                nxt = children[state][letter] = len(children)
                children.append({})
                ends.append(-1)
            state = nxt
        if ends[state] < 0:
            ends[state] = pid
    trie = np.full((len(children), len(place) + 1), -1, np.int32)
    for state, kids in enumerate(children):
        if kids:
            trie[state, list(kids)] = list(kids.values())
    return trie, np.array(ends, np.int32), children


def _automaton(phrases: list[str], place: dict[str, int]):
    """Aho-Corasick as a full transition table: ``goto[state, letter]`` is
    the next state whatever the letter; ``out[out_start[s]:out_start[s + 1]]``
    the ids of every phrase ending at state ``s`` (its own and its suffixes')."""
    trie, ends, children = _trie(phrases, place)
    n_states = len(trie)
    goto = np.zeros_like(trie)
    fail = [0] * n_states
    outputs: list[list[int]] = [[pid] if pid >= 0 else [] for pid in ends.tolist()]
    # Breadth first: a state's failure state is shallower, so already complete.
    goto[0, list(children[0])] = list(children[0].values())
    queue = list(children[0].values())
    while queue:
        nxt = []
        for s in queue:
            goto[s] = goto[fail[s]]
            for letter, child in children[s].items():
                fail[child] = int(goto[fail[s], letter])
                goto[s, letter] = child
                nxt.append(child)
            outputs[s] += outputs[fail[s]]
        queue = nxt
    # Phrases that are the same string share one state; ids of the duplicates
    # are not reported (the caller's index holds one entry per phrase anyway).
    out_start = np.zeros(n_states + 1, np.int64)
    out_start[1:] = np.cumsum([len(o) for o in outputs])
    out = np.array([pid for o in outputs for pid in o], np.int32)
    return goto, out_start, out


@njit(cache=True, nogil=True)
def _letter(c, letter_of):
    return letter_of[c] if c < len(letter_of) else 0


@njit(cache=True, nogil=True)
def _scan(low, letter_of, word, trie, trie_phrase, goto, out_start, out):
    n = len(low)
    n_lines = 1
    for j in range(n):
        if low[j] == _NEWLINE:
            n_lines += 1
    starts = np.empty((n_lines, 4), np.int64)
    n_starts = 0
    found = np.empty((16, 4), np.int64)
    n_found = 0
    line = 0
    line_at = 0
    state = 0
    line_start = True
    for j in range(n):
        c = low[j]
        if line_start:
            line_start = False
            pid, at = _line_start_phrase(low, j, letter_of, word, trie, trie_phrase)
            if pid != -1:
                starts[n_starts, 0] = line
                starts[n_starts, 1] = line_at
                starts[n_starts, 2] = at
                starts[n_starts, 3] = pid
                n_starts += 1
        state = goto[state, _letter(c, letter_of)]
        for k in range(out_start[state], out_start[state + 1]):
            if n_found == len(found):
                grown = np.empty((2 * len(found), 4), np.int64)
                grown[:n_found] = found
                found = grown
            found[n_found, 0] = line
            found[n_found, 1] = line_at
            found[n_found, 2] = j
            found[n_found, 3] = out[k]
            n_found += 1
        if c == _NEWLINE:
            line += 1
            line_at = j + 1
            line_start = True
    return starts[:n_starts].copy(), found[:n_found].copy()


@njit(cache=True, nogil=True)
def _line_start_phrase(low, i, letter_of, word, trie, trie_phrase):
    """(id, offset) of the line-start phrase of the line starting at ``i``,
    (-1, 0) if none, (UNSURE, 0) if a character beyond the BMP stands in the
    punctuation before it."""
    n = len(low)
    skip = 0
    while skip < 3 and i + skip < n:
        c = low[i + skip]
        if c == _NEWLINE:
            break
        if c >= 0x10000:
            return UNSURE, 0
        if word[c] and c != _UNDERSCORE:
            break
        skip += 1
    # Like a greedy {0,3}: the most punctuation first, then less.
    for k in range(skip, -1, -1):
        state = 0
        best = -1
        j = i + k
        while j < n:
            c = low[j]
            if c == _NEWLINE:
                break
            state = trie[state, _letter(c, letter_of)]
            if state < 0:
                break
            if trie_phrase[state] >= 0:
                best = trie_phrase[state]
            j += 1
        if best >= 0:
            return best, i + k
    return -1, 0
