"""The text path's inner loops, compiled with numba.

A page has tens of thousands of characters, a few hundred lines and the model
a hundred trees, so the loops over characters, lines and tree levels are where
the time goes; as Python they cost several times what they cost compiled.
Each kernel reads plain numpy arrays (text as code points) and returns plain
numpy arrays; the callers (``decode``, ``segment``, ``features``,
``textmodel``) keep their meaning in Python, and tests/test_kernels.py and
tests/test_segment.py check each against a plain-Python statement of it.
Compiled code is cached on disk (``cache=True``): a process compiles a kernel
only the first time it is ever used on the machine (``clean.warm_up``).

>>> import numpy as np
>>> cp = np.frombuffer("Ab 1,\\nx".encode("utf-32-le"), np.uint32)
>>> low = np.frombuffer("ab 1,\\nx".encode("utf-32-le"), np.uint32)
>>> alphabet, keys = stopword_keys(["ab", "x"])
>>> line_stats(cp, low, char_class(".", "|"), alphabet, keys, 2).tolist()
[[5.0, 2.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 1.0], [1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]]
"""
from __future__ import annotations

from functools import cache, wraps

import numpy as np
from numba import njit

# Bits of CHAR_CLASS, one entry per code point of the Basic Multilingual Plane.
DIGIT, UPPER, COMMA, PIPE, TERMINAL, COLON, STARTS_UPPER, SPACE = (1 << b for b in range(8))
# Columns of ``line_stats``.
LINE_STATS = ["chars", "words", "digits", "upper", "commas", "pipes", "ends_terminal",
              "ends_colon", "starts_upper", "stopwords"]


def _remember_last(fn):
    """``fn`` of one argument, returning its last result again when called
    with the very same object (by identity, so a new text or array is always
    computed). The pair is replaced in one assignment: threads read a
    consistent one."""
    last = (None, None)

    @wraps(fn)
    def remembered(arg):
        nonlocal last
        seen = last     # one read: another thread may replace it
        if seen[0] is arg:
            return seen[1]
        out = fn(arg)
        last = (arg, out)
        return out

    return remembered


@_remember_last
def codepoints(text: str) -> np.ndarray:
    """The code points of ``text``, as the kernels read text (read-only).

    surrogatepass: JSON escapes can leave lone surrogates in a text. The last
    text's array is kept: the repair scan and the segmenter read the same page
    in turn, and encoding it costs ~1 ns a character.

    >>> codepoints("a\u00e9").tolist()
    [97, 233]
    """
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)


@_remember_last
def line_breaks(cp: np.ndarray) -> np.ndarray:
    """Offsets of the line breaks in ``cp`` (read-only). The last array's are
    kept: the lexicon, the date and giveaway sifts read one chunk's text in turn.

    >>> line_breaks(codepoints("ab\\nc\\n")).tolist()
    [2, 4]
    """
    breaks = np.flatnonzero(cp == 10)
    breaks.flags.writeable = False
    return breaks


# English letter frequencies (per mille, rounded): a needle is looked for at
# its rarest character, so most characters of a page cost one table read.
_LETTER_FREQUENCY = dict(zip("etaoinshrdlcumwfgypbvkjxqz", (127, 91, 82, 75, 70, 67, 63, 61, 60, 43, 40, 28,
                                                          28, 24, 24, 22, 20, 20, 19, 15, 10, 8, 2, 2, 1, 1)))


@cache
def _needle_tables(needles: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``lines_holding``'s tables: the needles' code points end to end, where
    each starts, the offset in each of its rarest character (its anchor), and
    for each BMP character the bit mask of the needles anchored on it."""
    if not needles or not all(needles) or any("\n" in n for n in needles) or len(needles) > 63:
        raise ValueError("needles: 1 to 63 non-empty strings without line breaks")
    anchors = [min(range(len(n)), key=lambda k: (_LETTER_FREQUENCY.get(n[k], 50 if n[k] == " " else 0)
                                                 if ord(n[k]) < 0x10000 else 1000, k)) for n in needles]
    if any(ord(n[k]) >= 0x10000 for n, k in zip(needles, anchors)):
        raise ValueError("a needle needs a BMP character")
    # A full table: with one only as long as the highest anchor, the bounds
    # test per character made the pass ~2x slower on the dev pages.
    anchored = np.zeros(0x10000, np.int64)
    for j, (needle, k) in enumerate(zip(needles, anchors)):
        anchored[ord(needle[k])] |= 1 << j
    starts = np.cumsum([0] + [len(n) for n in needles]).astype(np.int64)
    return codepoints("".join(needles)).copy(), starts, np.array(anchors, np.int64), anchored


def lines_holding(cp: np.ndarray, needles: tuple[str, ...]) -> np.ndarray:
    """For each needle, which lines of ``cp`` (texts joined with newlines) hold
    it, as ``str.find`` would find it: a (needles, lines) boolean array. One
    pass over the text for all needles, each looked for at its rarest
    character (a ``str.find`` per needle costs ~1 ns a character each).

    >>> lines_holding(codepoints("a says: x\\nno\\nx (score: 2"), (" says:", "(score:")).tolist()
    [[True, False, False], [False, False, True]]
    """
    flat, starts, anchors, anchored = _needle_tables(tuple(needles))
    return _lines_holding(cp, flat, starts, anchors, anchored, len(line_breaks(cp)) + 1)


@njit(cache=True, nogil=True)
def _lines_holding(cp, flat, starts, anchors, anchored, n_lines):
    n = len(cp)
    out = np.zeros((len(starts) - 1, n_lines), np.bool_)
    line = 0
    for i in range(n):
        c = cp[i]
        if c == 10:
            line += 1
            continue
        if c >= 0x10000:
            continue
        mask = anchored[c]
        while mask:
            j = 0
            while not (mask >> j) & 1:
                j += 1
            mask &= mask - 1
            s, e = starts[j], starts[j + 1]
            at = i - anchors[j]
            if at < 0 or at + e - s > n:
                continue
            t = 0
            while t < e - s and cp[at + t] == flat[s + t]:
                t += 1
            if t == e - s:
                out[j, line] = True
    return out


@cache
def flags(predicate, size: int = 0x10000) -> np.ndarray:
    """``predicate`` (a ``str`` method such as ``str.isspace``) of every code
    point below ``size``, as booleans. Made once per process (~10 ms each) and
    shared, so read-only.

    >>> flags(str.isdigit, 0x40)[[0x30, 0x39, 0x3A]].tolist()
    [True, True, False]
    """
    table = np.fromiter(map(predicate, map(chr, range(size))), np.bool_, size)
    table.flags.writeable = False
    return table


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
    table[flags(str.isupper)] |= STARTS_UPPER
    table[flags(str.isspace)] |= SPACE
    return table


@cache
def word_chars() -> np.ndarray:
    """``\\w`` of Python's ``re`` for every BMP code point (alphanumeric or "_"); read-only."""
    table = flags(str.isalnum).copy()
    table[ord("_")] = True
    table.flags.writeable = False
    return table


def stopword_keys(words) -> tuple[np.ndarray, np.ndarray]:
    """An exact integer key for each word: its characters' places in a small
    alphabet, seven bits each. Returns (alphabet: code point -> place + 1,
    the keys as a hash set: ``key_set``). Words need at most 9 characters."""
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
    return alphabet, key_set(np.array(keys, np.int64))


def key_set(keys: np.ndarray) -> np.ndarray:
    """Non-negative integer keys as an open-addressing hash set (``_in_key_set``):
    at most a quarter full, -1 in the empty slots. A binary search over the
    stopwords' keys cost ~35 us a page.

    >>> table = key_set(np.array([3, 130, 2 ** 62]))
    >>> [_in_key_set(table, k) for k in (3, 130, 2 ** 62, 4, 0)]
    [True, True, True, False, False]
    """
    if len(keys) and keys.min() < 0:
        raise ValueError("keys must not be negative")
    size = 16
    while size < 4 * len(keys):
        size *= 2
    return _fill_key_set(np.asarray(keys, np.int64), np.full(size, -1, np.int64))


@njit(cache=True, inline="always")
def _key_slot(key, mask):
    # Fibonacci hashing: the multiplier's high bits mix every bit of the key.
    return np.int64((np.uint64(key) * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(40)) & mask


@njit(cache=True)
def _fill_key_set(keys, table):
    mask = len(table) - 1
    for key in keys:
        slot = _key_slot(key, mask)
        while table[slot] != -1 and table[slot] != key:
            slot = (slot + 1) & mask
        table[slot] = key
    return table


@njit(cache=True, inline="always")
def _in_key_set(table, key):
    """Is ``key`` in the hash set ``table`` (``key_set``)?"""
    mask = len(table) - 1
    slot = _key_slot(key, mask)
    while table[slot] != -1:
        if table[slot] == key:
            return True
        slot = (slot + 1) & mask
    return False


@njit(cache=True, inline="always")
def _in_keys(keys, key):
    """Is ``key`` in the sorted array ``keys``?"""
    at = np.searchsorted(keys, key)
    return at < len(keys) and keys[at] == key


@njit(cache=True, nogil=True)
def line_stats(cp, low, table, alphabet, keys, n_lines):
    """Per-line counts over texts joined with newlines: ``cp`` as they are,
    ``low`` lower-cased (the same lines, perhaps of other lengths). Columns
    are ``LINE_STATS``; words count spaces + 1, stopwords count the
    whitespace-separated tokens of the lower-cased line whose key is in ``keys``
    (a ``key_set``)."""
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
        if line == n_lines:     # a text held a line break: its rows would run past the end
            raise ValueError("texts must not hold line breaks")
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
    if line != n_lines:
        raise ValueError("texts must not hold line breaks")
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
            if letters > 0 and key >= 0 and _in_key_set(keys, key):
                out[line, 9] += 1
            key = 0
            scale = 1
            letters = 0
            if c == 10:
                line += 1
                if line == n_lines and i < n:
                    raise ValueError("texts must not hold line breaks")
            continue
        letters += 1
        if key >= 0:
            place = alphabet[c] if c < n_alpha else 0
            if place == 0 or letters > 9:
                key = -1
            else:
                key += place * scale
                scale *= 128
    if line != n_lines:
        raise ValueError("texts must not hold line breaks")
    return out


@njit(cache=True, nogil=True)
def forest_decision(X, feature, threshold, leaf, base, depth):
    """Summed leaf values of complete trees (``textmodel.Forest``) for each row.

    All rows go down one tree a level at a time: a level's comparisons do not
    wait on one another, so the processor overlaps them (blocks of 128 rows,
    tree after tree, ran ~12% slower on a chunk of 4,096 rows).
    """
    n = X.shape[0]
    n_trees, n_inner = feature.shape
    out = np.full(n, base)
    node = np.zeros(n, np.int64)
    for t in range(n_trees):
        f = feature[t]
        thr = threshold[t]
        node[:] = 0
        for _ in range(depth):
            for r in range(n):
                k = node[r]
                node[r] = 2 * k + 1 + (X[r, f[k]] > thr[k])
        for r in range(n):
            out[r] += leaf[t, node[r] - n_inner]
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
    # Loops over the columns, not array expressions on row views: 2.5x faster here.
    for i in range(n):
        for c in range(m):
            total[c] = cols[i, c]
        s, e = start[i], end[i]
        k_at = 0
        for k in range(1, windows[-1] + 1):
            j = i + k
            if j < e:
                for c in range(m):
                    total[c] += cols[j, c]
            j = i - k
            if j >= s:
                for c in range(m):
                    total[c] += cols[j, c]
            if k == windows[k_at]:
                count = min(i + k + 1, e) - max(i - k, s)
                for c in range(m):
                    out[k_at, i, c] = total[c] / count
                k_at += 1
    return out


FNV_OFFSET, FNV_PRIME = 0xCBF29CE484222325, 0x100000001B3   # 64-bit FNV-1a


@njit(cache=True, nogil=True)
def line_hashes(cp, n_lines):
    """A 64-bit FNV-1a hash of each line of texts joined with newlines, over
    their code points: equal lines, equal hashes (for ``repeats``)."""
    out = np.empty(n_lines, np.uint64)
    line = 0
    h = np.uint64(FNV_OFFSET)
    for i in range(len(cp) + 1):
        c = cp[i] if i < len(cp) else 10
        if c == 10:
            if line < n_lines:
                out[line] = h
            line += 1
            h = np.uint64(FNV_OFFSET)
        else:
            h = (h ^ np.uint64(c)) * np.uint64(FNV_PRIME)
    if line != n_lines:
        raise ValueError("texts must not hold line breaks")
    return out.view(np.int64)


# splitmix64's finaliser: FNV-1a's low bits, which a term number keeps, mix poorly.
_MIX1, _MIX2 = 0xBF58476D1CE4E5B9, 0x94D049BB133111EB
PAIR_SALT = 0x9E3779B97F4A7C15   # keeps a word pair's hash apart from its words'


@njit(cache=True, inline="always")
def _mix(h):
    h = (h ^ (h >> np.uint64(30))) * np.uint64(_MIX1)
    h = (h ^ (h >> np.uint64(27))) * np.uint64(_MIX2)
    return h ^ (h >> np.uint64(31))


@njit(cache=True, nogil=True)
def hashed_terms(low, word, n_lines, bits):
    """The distinct terms of each line of texts joined with newlines, as
    numbers below ``2 ** bits``: its words (runs of ``word`` code points in the
    BMP; ``low`` is lower-cased) and each pair of neighbouring words. Line
    ``k`` has ``terms[indptr[k]:indptr[k + 1]]``, in order of first occurrence.
    Returns (indptr, terms).

    A word's hash is FNV-1a over its code points; a pair's is
    ``(first * FNV_PRIME) ^ second ^ PAIR_SALT``; each is mixed, then masked."""
    n = len(low)
    mask = np.uint64((1 << bits) - 1)
    # A term seen on line k has seen[term] == k: distinct without sorting each line.
    seen = np.full(1 << bits, -1, np.int32)   # 1 MB, filled once per chunk
    # a line of L characters holds at most (L + 1) // 2 words, so at most L terms
    terms = np.empty(n + 1, np.int64)
    indptr = np.zeros(n_lines + 1, np.int64)
    out = 0
    line = 0
    prev = np.uint64(0)
    have_prev = False
    i = 0
    while i <= n:
        c = low[i] if i < n else 10
        if c == 10:
            line += 1
            if line <= n_lines:
                indptr[line] = out
            have_prev = False
            i += 1
            continue
        if c >= 0x10000 or not word[c]:
            i += 1
            continue
        h = np.uint64(FNV_OFFSET)
        while i < n and low[i] < 0x10000 and word[low[i]]:
            h = (h ^ np.uint64(low[i])) * np.uint64(FNV_PRIME)
            i += 1
        term = np.int64(_mix(h) & mask)
        if seen[term] != line:
            seen[term] = line
            terms[out] = term
            out += 1
        if have_prev:
            term = np.int64(_mix((prev * np.uint64(FNV_PRIME)) ^ h ^ np.uint64(PAIR_SALT)) & mask)
            if seen[term] != line:
                seen[term] = line
                terms[out] = term
                out += 1
        prev = h
        have_prev = True
    if line != n_lines:
        raise ValueError("texts must not hold line breaks")
    return indptr, terms[:out].copy()


@njit(cache=True, nogil=True)
def term_sums(weight, indptr, terms):
    """``weight`` summed over each line's terms (``hashed_terms``), line by line:
    a line's sum is the same float whatever lines share its batch."""
    out = np.zeros(len(indptr) - 1)
    for k in range(len(indptr) - 1):
        total = 0.0
        for j in range(indptr[k], indptr[k + 1]):
            total += weight[terms[j]]
        out[k] = total
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
def suspect_chars(cp, table, single, lead, follow, pair_first, pair_next, astral, marked, mark_index):
    """Offsets of the characters whose class (``table``, BMP; ``astral``: the
    class of every character beyond) has the ``single`` bit, of each ``lead``
    character followed by a ``follow`` one, and of each ``pair_first``
    followed by ``pair_next``; the OR of every class seen, so one pass also
    tells which other repairs are due; and which characters of class
    ``marked`` were seen, as bits ``1 << mark_index[c]``."""
    found = np.empty(2 * len(cp), np.int64)    # a C1 control after a lead counts twice
    n_found = 0
    seen = 0
    marks = 0
    prev_lead = False
    prev = -1
    for i in range(len(cp)):
        c = cp[i]
        bits = table[c] if c < 0x10000 else astral
        seen |= bits
        if bits & marked:
            marks |= 1 << mark_index[c]
        if bits & single:
            found[n_found] = i
            n_found += 1
        if prev_lead and bits & follow or prev == pair_first and c == pair_next:
            found[n_found] = i - 1
            n_found += 1
        prev_lead = (bits & lead) != 0
        prev = c
    return found[:n_found], seen, marks


# --- language (pipeline.metadata.language) ---------------------------------
@njit(cache=True, nogil=True)
def word_languages(cp, letter, hashes, starts, chars, languages, n_languages):
    """Words (runs of ``letter`` code points, all in the BMP) of a text, and
    for each language how many of them are among its listed words.

    The listed words: ``chars[starts[k]:starts[k + 1]]`` with FNV-1a hash
    ``hashes[k]`` (sorted, distinct) in the languages of bit mask ``languages[k]``.
    A hash match is confirmed character by character."""
    counts = np.zeros(n_languages, np.int64)
    n_words = 0
    n = len(cp)
    i = 0
    while i < n:
        if not letter[cp[i]]:
            i += 1
            continue
        start = i
        h = np.uint64(FNV_OFFSET)
        while i < n and letter[cp[i]]:
            h = (h ^ np.uint64(cp[i])) * np.uint64(FNV_PRIME)
            i += 1
        n_words += 1
        at = np.searchsorted(hashes, h)
        if at == len(hashes) or hashes[at] != h:
            continue
        a, b = starts[at], starts[at + 1]
        if b - a != i - start:
            continue
        same = True
        for k in range(b - a):
            if chars[a + k] != cp[start + k]:
                same = False
                break
        if same:
            for lang in range(n_languages):
                if (languages[at] >> lang) & 1:
                    counts[lang] += 1
    return n_words, counts


# --- photo credits (pipeline.lexicon) --------------------------------------
@njit(cache=True, nogil=True)
def credit_possible(low, alnum, tail, max_line, n_lines):
    """For each line of lower-cased texts joined with newlines: could it end
    in a photo credit (``lexicon._find_credits``)? It must be at most
    ``max_line`` long, end in a letter or digit (a character above the BMP
    may be one), and hold a sentence end (``.!?"``, a closing quote) then a
    space within its last ``tail`` characters."""
    out = np.zeros(n_lines, np.bool_)
    line = 0
    start = 0
    n = len(low)
    for i in range(n + 1):
        if i < n and low[i] != 10:
            continue
        if line >= n_lines:
            raise ValueError("more lines than n_lines")
        length = i - start
        if 0 < length <= max_line:
            last = low[i - 1]
            if last >= 0x10000 or alnum[last]:
                for j in range(max(start, i - tail), i - 1):
                    c = low[j]
                    if (c == 46 or c == 33 or c == 63 or c == 34 or c == 0x201D) and low[j + 1] == 32:
                        out[line] = True
                        break
        line += 1
        start = i + 1
    return out


# --- date lines (pipeline.datelines) ----------------------------------------
# Bits of ``datelines._TABLE``: ``\d``, ``\s`` (not the line break), ``\w``, letters.
DATE_DIGIT, DATE_SPACE, DATE_WORD, DATE_ALPHA = 1, 2, 4, 8


@njit(cache=True, inline="always")
def _bits(low, i, n, table):
    """Class bits of ``low[i]``; none past the end, at a line break or above the BMP."""
    if i >= n:
        return 0
    c = low[i]
    return table[c] if c < 0x10000 else 0


@njit(cache=True, nogil=True)
def date_possible(low, table, month_starts, prefix_starts, n_lines):
    """For each line of lower-cased texts joined with newlines: could
    ``datelines.DATE`` match in it? (``datelines`` states the conditions.)
    A line holding a character above the BMP always could."""
    out = np.zeros(n_lines, np.bool_)
    n = len(low)
    line = 0
    line_start = 0
    for i in range(n):
        c = low[i]
        if c == 10:
            line += 1
            line_start = i + 1
            if line >= n_lines:
                raise ValueError("more lines than n_lines")
            continue
        if out[line]:
            continue
        if c >= 0x10000:
            out[line] = True
            continue
        bits = table[c]
        if bits & DATE_DIGIT:
            nxt = low[i + 1] if i + 1 < n else 0
            # 12.05.2021, 2021-05-12, 10:30
            if (nxt == 46 or nxt == 47 or nxt == 45 or nxt == 58) and _bits(low, i + 2, n, table) & DATE_DIGIT:
                out[line] = True
                continue
            # 12 May, 12. März
            j = i + 2 if nxt == 46 else i + 1
            if _bits(low, j, n, table) & DATE_SPACE:
                while _bits(low, j, n, table) & DATE_SPACE:
                    j += 1
                if j + 1 < n and low[j] < 0x10000 and low[j + 1] < 0x10000 \
                        and _in_keys(prefix_starts, (np.int64(low[j]) << 16) | np.int64(low[j + 1])):
                    out[line] = True
                    continue
        elif bits & DATE_SPACE:
            # 3 hours ago
            if i + 3 < n and low[i + 1] == 97 and low[i + 2] == 103 and low[i + 3] == 111:
                out[line] = True
                continue
            # May 12, Sept. 3: the word before these spaces
            if _bits(low, i + 1, n, table) & DATE_DIGIT:
                j = i
                while j > line_start and table[low[j - 1]] & DATE_SPACE:
                    j -= 1
                if j > line_start and low[j - 1] == 46:
                    j -= 1
                end = j
                while j > line_start and table[low[j - 1]] & DATE_ALPHA:
                    j -= 1
                if end - j >= 3 and (j == line_start or not table[low[j - 1]] & DATE_WORD):
                    key = (np.int64(low[j]) << 32) | (np.int64(low[j + 1]) << 16) | np.int64(low[j + 2])
                    if _in_keys(month_starts, key):
                        out[line] = True
    return out


# --- segmenting (pipeline.segment) ------------------------------------------
# Bits of ``segment_table``: code points up to 0x1FFFF (every character that
# str.isspace or str.isdecimal accepts lies below that).
SEG_SPACE, SEG_DECIMAL = 1, 2


def segment_table() -> np.ndarray:
    """``str.isspace`` and ``str.isdecimal`` (what ``\\s`` and ``\\d`` match) per code point."""
    table = np.zeros(0x20000, np.uint8)
    table[flags(str.isspace, 0x20000)] |= SEG_SPACE
    table[flags(str.isdecimal, 0x20000)] |= SEG_DECIMAL
    return table


@njit(cache=True, inline="always")
def _is(table, c, bit):
    return c < len(table) and (table[c] & bit) != 0


_OPEN, _CLOSE, _LPAREN, _RPAREN, _BANG, _QUOTE, _NL = 91, 93, 40, 41, 33, 34, 10


@njit(cache=True, inline="always")
def _plain(c, open_, close, table, spaces):
    """Neither bracket of the pair, nor a line break (``spaces``: nor any whitespace)."""
    if c == open_ or c == close:
        return False
    return not _is(table, c, SEG_SPACE) if spaces else c != _NL


@njit(cache=True, nogil=True)
def _past_units(buf, k, n, open_, close, table, spaces, nested):
    """Where a possessive run of units starting at ``k`` ends: a unit is a
    plain character or (``nested``) a bracketed group of plain characters."""
    while k < n:
        if _plain(buf[k], open_, close, table, spaces):
            k += 1
        elif nested and buf[k] == open_:
            m = k + 1
            while m < n and _plain(buf[m], open_, close, table, spaces):
                m += 1
            if m < n and buf[m] == close:
                k = m + 1
            else:
                break
        else:
            break
    return k


@njit(cache=True, nogil=True)
def _link_end(buf, i, n, table, image):
    """Where the markdown link (``image``: image) starting at ``buf[i]`` ends,
    and its label's span; end -1 if there is none there. Mirrors the
    possessive patterns segment.py documents: no backtracking into the label
    or the URL, an optional quoted title."""
    k = i + 2 if image else i + 1
    label_start = k
    k = _past_units(buf, k, n, _OPEN, _CLOSE, table, False, not image)
    label_end = k
    if k + 1 >= n or buf[k] != _CLOSE or buf[k + 1] != _LPAREN:
        return -1, 0, 0
    k = _past_units(buf, k + 2, n, _LPAREN, _RPAREN, table, True, True)
    # optional title: whitespace, "...", then ")"
    m = k
    while m < n and _is(table, buf[m], SEG_SPACE):
        m += 1
    if m > k and m < n and buf[m] == _QUOTE:
        m += 1
        while m < n and buf[m] != _QUOTE and buf[m] != _NL:
            m += 1
        if m + 1 < n and buf[m] == _QUOTE and buf[m + 1] == _RPAREN:
            return m + 2, label_start, label_end
    if k < n and buf[k] == _RPAREN:
        return k + 1, label_start, label_end
    return -1, 0, 0


@njit(cache=True, nogil=True)
def _flatten(src, n, dst, table):
    """Images removed, then links replaced by their stripped labels (a
    stripped edge leaves one space): the length written to ``dst``, the number
    of links and their label characters."""
    # images, in place into dst
    m = 0
    i = 0
    while i < n:
        if src[i] == _BANG and i + 1 < n and src[i + 1] == _OPEN:
            end, _, _ = _link_end(src, i, n, table, True)
            if end >= 0:
                i = end
                continue
        dst[m] = src[i]
        m += 1
        i += 1
    # links: read dst[:m], write back into src
    out = 0
    links = 0
    label_chars = 0
    i = 0
    while i < m:
        if dst[i] == _OPEN:
            end, a, b = _link_end(dst, i, m, table, False)
            if end >= 0:
                a0, b0 = a, b
                while a < b and _is(table, dst[a], SEG_SPACE):
                    a += 1
                while b > a and _is(table, dst[b - 1], SEG_SPACE):
                    b -= 1
                # "plans[ in our app](u)" reads "plans in our app": the space
                # at a label's edge still parts it from the words around it.
                if a > a0:
                    src[out] = 32
                    out += 1
                for j in range(a, b):
                    src[out] = dst[j]
                    out += 1
                if b < b0:
                    src[out] = 32
                    out += 1
                links += 1
                label_chars += b - a
                i = end
                continue
        src[out] = dst[i]
        out += 1
        i += 1
    if links == 0:      # nothing to flatten: the image-free text stands
        for j in range(m):
            src[j] = dst[j]
        return m, 0, 0
    return out, links, label_chars


ESCAPABLE = "\\`*_{}[]()#+-.!|>~"   # what a markdown backslash may escape


@njit(cache=True, nogil=True)
def _unescape(buf, n, escapable):
    """A backslash before an ASCII punctuation mark of ``escapable`` dropped."""
    out = 0
    i = 0
    while i < n:
        c = buf[i]
        if c == 92 and i + 1 < n and buf[i + 1] < 128 and escapable[buf[i + 1]]:
            c = buf[i + 1]
            i += 1
        buf[out] = c
        out += 1
        i += 1
    return out


@njit(cache=True, nogil=True)
def _unwrap_strong(buf, n):
    """``(\\*\\*|__)(.+?)\\1`` replaced by its inner text, left to right."""
    out = 0
    i = 0
    while i < n:
        c = buf[i]
        if (c == 42 or c == 95) and i + 1 < n and buf[i + 1] == c:
            j = i + 3
            while j + 1 < n and not (buf[j] == c and buf[j + 1] == c):
                j += 1
            if j + 1 < n:
                for k in range(i + 2, j):
                    buf[out] = buf[k]
                    out += 1
                i = j + 2
                continue
        buf[out] = c
        out += 1
        i += 1
    return out


@njit(cache=True, nogil=True)
def segment(cp, table, escapable):
    """Blocks of a text (``pipeline.segment``): for each non-blank line, its
    raw span, the span of its flattened text in the returned buffer, heading
    level, list depth, link characters, links and blank-before flag."""
    n = len(cp)
    n_lines = 1
    for j in range(n):
        n_lines += cp[j] == _NL
    rows = np.zeros((n_lines, 9), np.int64)
    text = np.empty(n + 1, np.uint32)
    a = np.empty(n + 1, np.uint32)
    b = np.empty(n + 1, np.uint32)
    n_rows = 0
    n_text = 0
    blank = 1
    start = 0
    while start <= n:
        end = start
        while end < n and cp[end] != _NL:
            end += 1
        first = start
        while first < end and _is(table, cp[first], SEG_SPACE):
            first += 1
        if first == end:
            blank = 1
            start = end + 1
            continue
        stop = end
        while _is(table, cp[stop - 1], SEG_SPACE):
            stop -= 1
        s = start
        heading = 0
        depth = 0
        c = cp[first]
        if c == 35:   # "#": ^\s{0,3}(#{1,6})\s+
            h = 0
            while first + h < stop and cp[first + h] == 35:
                h += 1
            if first - start <= 3 and h <= 6 and first + h < stop and _is(table, cp[first + h], SEG_SPACE):
                heading = h
                s = first + h
                while _is(table, cp[s], SEG_SPACE):
                    s += 1
        elif c == 42 or c == 43 or c == 45 or c == 8226 or c == 183 or (48 <= c <= 57):
            # list item: ^(\s*)(?:[*+\-•·]|\d{1,3}[.)])\s+
            mark = -1
            if c < 48 or c > 57:
                mark = first + 1
            else:
                r = 0
                while first + r < stop and _is(table, cp[first + r], SEG_DECIMAL):
                    r += 1
                if r <= 3 and first + r < stop and (cp[first + r] == 46 or cp[first + r] == 41):
                    mark = first + r + 1
            if mark >= 0 and mark < stop and _is(table, cp[mark], SEG_SPACE):
                width = 0
                column = 0
                for j in range(start, first):   # len(indent.expandtabs(4))
                    if cp[j] == 9:
                        width += 4 - column % 4
                        column += 4 - column % 4
                    elif cp[j] == 10 or cp[j] == 13:
                        width += 1
                        column = 0
                    else:
                        width += 1
                        column += 1
                depth = 1 + width // 2
                s = mark
                while _is(table, cp[s], SEG_SPACE):
                    s += 1
        m = stop - s
        for j in range(m):
            a[j] = cp[s + j]
        links = 0
        label_chars = 0
        has_open = False
        for j in range(m):
            if a[j] == _OPEN:
                has_open = True
                break
        if has_open:
            m, links, label_chars = _flatten(a, m, b, table)
        m = _unescape(a, m, escapable)
        m = _unwrap_strong(a, m)
        # " ".join(text.split())
        out = n_text
        in_word = False
        for j in range(m):
            if _is(table, a[j], SEG_SPACE):
                in_word = False
            else:
                if not in_word and out > n_text:
                    text[out] = 32
                    out += 1
                in_word = True
                text[out] = a[j]
                out += 1
        t0, t1 = n_text, out
        # whole-line single emphasis: *Published on 3 May 2023*
        if t1 - t0 > 2 and text[t0] == text[t1 - 1] and (text[t0] == 42 or text[t0] == 95):
            x, y = text[t0 + 1], text[t1 - 2]
            if x != 32 and x != 42 and x != 95 and y != 32 and y != 42 and y != 95:
                t0 += 1
                t1 -= 1
        if label_chars > t1 - t0:
            label_chars = t1 - t0
        rows[n_rows, 0] = start
        rows[n_rows, 1] = end
        rows[n_rows, 2] = t0
        rows[n_rows, 3] = t1
        rows[n_rows, 4] = heading
        rows[n_rows, 5] = depth
        rows[n_rows, 6] = label_chars
        rows[n_rows, 7] = links
        rows[n_rows, 8] = blank
        n_rows += 1
        n_text = out
        blank = 0
        start = end + 1
    return rows[:n_rows], text[:n_text]
