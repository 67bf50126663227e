"""The text path's inner loops, compiled with numba.

A page has a few hundred lines and the model a hundred trees, so the loops
over lines, characters and tree levels are where the time goes; as Python
they cost several times what they cost compiled. Each kernel reads plain
numpy arrays and returns plain numpy arrays; the callers in ``features`` and
``textmodel`` keep their meaning in Python. Compiled code is cached on disk
(``cache=True``): a process compiles a kernel only the first time it is ever
used on the machine.

>>> import numpy as np
>>> cp = np.frombuffer("Ab 1,\\nx".encode("utf-32-le"), np.uint32)
>>> low = np.frombuffer("ab 1,\\nx".encode("utf-32-le"), np.uint32)
>>> alphabet, keys = stopword_keys(["ab", "x"])
>>> line_stats(cp, low, char_class(".", "|"), alphabet, keys, 2).tolist()
[[5.0, 2.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 1.0], [1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]]
"""
from __future__ import annotations

import numpy as np
from numba import njit

# Bits of CHAR_CLASS, one entry per code point of the Basic Multilingual Plane.
DIGIT, UPPER, COMMA, PIPE, TERMINAL, COLON, STARTS_UPPER, SPACE = (1 << b for b in range(8))
# Columns of ``line_stats``.
LINE_STATS = ["chars", "words", "digits", "upper", "commas", "pipes", "ends_terminal",
              "ends_colon", "starts_upper", "stopwords"]


def char_class(terminal: str, pipes: str) -> np.ndarray:
    """The class bits of every BMP code point.

    UPPER is the A-Z / Latin-1 / Cyrillic ranges the features have always
    counted; STARTS_UPPER and SPACE follow ``str.isupper`` and ``str.isspace``
    (a line starting with a character above the BMP is checked in Python).
    """
    table = np.zeros(0x10000, np.uint8)
    table[ord("0"):ord("9") + 1] |= DIGIT
    for lo, hi in ((0x41, 0x5A), (0xC0, 0xD6), (0xD8, 0xDE), (0x410, 0x42F), (0x401, 0x401)):
        table[lo:hi + 1] |= UPPER
    table[ord(",")] |= COMMA
    for ch in pipes:
        table[ord(ch)] |= PIPE
    for ch in terminal:
        table[ord(ch)] |= TERMINAL
    table[ord(":")] |= COLON
    chars = list(map(chr, range(0x10000)))
    table[np.fromiter(map(str.isupper, chars), np.bool_, 0x10000)] |= STARTS_UPPER
    table[np.fromiter(map(str.isspace, chars), np.bool_, 0x10000)] |= SPACE
    return table


def stopword_keys(words) -> tuple[np.ndarray, np.ndarray]:
    """An exact integer key for each word: its characters' places in a small
    alphabet, seven bits each. Returns (alphabet: code point -> place + 1,
    sorted keys). Words need at most 9 characters."""
    letters = sorted({c for w in words for c in w})
    if len(letters) > 127 or max(map(len, words)) > 9:
        raise ValueError("stopwords need a larger key")
    alphabet = np.zeros(max(map(ord, letters)) + 1, np.int64)
    for place, c in enumerate(letters, 1):
        alphabet[ord(c)] = place
    keys = []
    for w in words:
        key = 0
        for c in reversed(w):
            key = key * 128 + int(alphabet[ord(c)])
        keys.append(key)
    return alphabet, np.array(sorted(keys), np.int64)


@njit(cache=True, nogil=True)
def line_stats(cp, low, table, alphabet, keys, n_lines):
    """Per-line counts over texts joined with newlines: ``cp`` as they are,
    ``low`` lower-cased (the same lines, perhaps of other lengths). Columns
    are ``LINE_STATS``; words count spaces + 1, stopwords count the
    whitespace-separated tokens of the lower-cased line whose key is in ``keys``."""
    out = np.zeros((n_lines, 10))
    line = 0
    start = 0
    n = len(cp)
    spaces = digits = upper = commas = pipes = 0
    for i in range(n + 1):
        c = cp[i] if i < n else 10
        if c != 10:
            if c < 0x10000:
                bits = table[c]
                if bits:
                    digits += bits & 1
                    upper += (bits >> 1) & 1
                    commas += (bits >> 2) & 1
                    pipes += (bits >> 3) & 1
            spaces += c == 32
            continue
        length = i - start
        out[line, 0] = length
        if length:
            out[line, 1] = spaces + 1
            out[line, 2] = digits
            out[line, 3] = upper
            out[line, 4] = commas
            out[line, 5] = pipes
            last = cp[i - 1]
            first = cp[start]
            if last < 0x10000:
                out[line, 6] = (table[last] >> 4) & 1
                out[line, 7] = (table[last] >> 5) & 1
            out[line, 8] = ((table[first] >> 6) & 1) if first < 0x10000 else -1.0
        spaces = digits = upper = commas = pipes = 0
        line += 1
        start = i + 1
    # stopwords, on the lower-cased text
    line = 0
    key = 0
    scale = 1
    letters = 0
    n_alpha = len(alphabet)
    n = len(low)
    for i in range(n + 1):
        c = low[i] if i < n else 10
        space = c == 10 or (c < 0x10000 and (table[c] & 128) != 0)
        if space:
            if letters > 0 and key >= 0:
                at = np.searchsorted(keys, key)
                if at < len(keys) and keys[at] == key:
                    out[line, 9] += 1
            key = 0
            scale = 1
            letters = 0
            if c == 10:
                line += 1
            continue
        letters += 1
        if key >= 0:
            place = alphabet[c] if c < n_alpha else 0
            if place == 0 or letters > 9:
                key = -1
            else:
                key += place * scale
                scale *= 128
    return out


@njit(cache=True, nogil=True)
def forest_decision(X, feature, threshold, leaf, base, depth):
    """Summed leaf values of complete trees (``textmodel.Forest``) for each row.

    Rows go down a tree in blocks of 128: the block's comparisons do not wait
    on one another, so the processor overlaps them.
    """
    n = X.shape[0]
    n_trees, n_inner = feature.shape
    out = np.full(n, base)
    block = 128
    node = np.zeros(block, np.int64)
    for lo in range(0, n, block):
        m = min(block, n - lo)
        for t in range(n_trees):
            f = feature[t]
            thr = threshold[t]
            node[:] = 0
            for _ in range(depth):
                for r in range(m):
                    k = node[r]
                    node[r] = 2 * k + 1 + (X[lo + r, f[k]] > thr[k])
            for r in range(m):
                out[lo + r] += leaf[t, node[r] - n_inner]
    return out


@njit(cache=True, nogil=True)
def main_region(score, starts, ends):
    """The run of rows with the highest total ``score`` in each document
    [starts[d], ends[d]): (first, last) row of each row's region."""
    first = np.zeros(len(score), np.int64)
    last = np.zeros(len(score), np.int64)
    for d in range(len(starts)):
        s, e = starts[d], ends[d]
        best, best_lo, best_hi = -1.0, s, s
        run, lo = 0.0, s
        for i in range(s, e):
            v = score[i]
            if run <= 0:
                run, lo = v, i
            else:
                run += v
            if run > best:
                best, best_lo, best_hi = run, lo, i
        first[s:e] = best_lo
        last[s:e] = best_hi
    return first, last


@njit(cache=True, nogil=True)
def window_means(cols, start, end, windows):
    """Mean of each column over the rows within ``w`` places of each row,
    clipped to its document [start, end), for each ``w`` of ``windows``
    (increasing): out[k] is the (rows x columns) mean for windows[k].

    A row's sum adds its neighbours in the order +1, -1, +2, -2, ..., so a
    page gets the same floats whatever documents share its batch.
    """
    n, m = cols.shape
    out = np.zeros((len(windows), n, m))
    total = np.empty(m)
    for i in range(n):
        total[:] = cols[i]
        s, e = start[i], end[i]
        k_at = 0
        for k in range(1, windows[-1] + 1):
            j = i + k
            if j < e:
                total += cols[j]
            j = i - k
            if j >= s:
                total += cols[j]
            if k == windows[k_at]:
                count = min(i + k + 1, e) - max(i - k, s)
                out[k_at, i] = total / count
                k_at += 1
    return out


@njit(cache=True, nogil=True)
def repeats(hashes, starts, ends):
    """For each row, how many other rows of its document [starts[d], ends[d])
    have the same hash."""
    out = np.zeros(len(hashes))
    for d in range(len(starts)):
        s, e = starts[d], ends[d]
        order = np.argsort(hashes[s:e], kind="mergesort") + s
        run = 0
        while run < len(order):
            stop = run + 1
            while stop < len(order) and hashes[order[stop]] == hashes[order[run]]:
                stop += 1
            for r in range(run, stop):
                out[order[r]] = stop - run - 1
            run = stop
    return out


@njit(cache=True, nogil=True)
def suspect_chars(cp, table, single, lead, follow):
    """Offsets of the characters whose class (``table``) has the ``single`` bit,
    and of each ``lead`` character followed by a ``follow`` one; and the OR of
    every class seen, so one pass also tells which other repairs are due."""
    found = np.empty(2 * len(cp), np.int64)    # a C1 control after a lead counts twice
    n_found = 0
    seen = 0
    prev_lead = False
    for i in range(len(cp)):
        c = cp[i]
        bits = table[c] if c < 0x10000 else 0
        seen |= bits
        if bits & single:
            found[n_found] = i
            n_found += 1
        if prev_lead and bits & follow:
            found[n_found] = i - 1
            n_found += 1
        prev_lead = (bits & lead) != 0
    return found[:n_found], seen
