"""The compiled kernels against plain-Python statements of what they compute."""
from collections import Counter

import numpy as np
from hypothesis import given, settings, strategies as st

from pipeline import features, kernels
from pipeline.textmodel import Forest

# Letters, digits, separators, stopword material, Cyrillic, a character beyond the BMP,
# and whitespace other than the plain space.
_ALPHABET = st.sampled_from(list("abcTHEdeZ019 ,.:|/•»!?\"’ÀÉéИиъ") + ["the", "and", "и", "😀", "\u2003", "\t"])
_TEXTS = st.lists(st.lists(_ALPHABET, max_size=30).map("".join), min_size=1, max_size=12)


def _reference_line_stats(text: str) -> list[float]:
    """What ``features._line_stats`` promises for one line, in plain Python."""
    low = text.lower()
    if not text:
        return [0.0] * 9 + [float(sum(w in features.STOPWORDS for w in low.split()))]
    upper_ranges = ((0x41, 0x5A), (0xC0, 0xD6), (0xD8, 0xDE), (0x410, 0x42F), (0x401, 0x401))
    return [
        len(text), text.count(" ") + 1, sum("0" <= c <= "9" for c in text),
        sum(any(lo <= ord(c) <= hi for lo, hi in upper_ranges) for c in text), text.count(","),
        sum(c in "|•·»›/" for c in text), text[-1] in features._TERMINAL, text[-1] == ":",
        text[0].isupper() if ord(text[0]) < 0x10000 else -1.0,
        sum(w in features.STOPWORDS for w in low.split()),
    ]


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_line_stats_match_python(texts):
    joined = "\n".join(texts)
    got = features._line_stats(kernels.codepoints(joined), kernels.codepoints(joined.lower()), len(texts))
    assert got.tolist() == [[float(v) for v in _reference_line_stats(t)] for t in texts]


def test_stopword_keys_are_exact():
    alphabet, keys = kernels.stopword_keys(["ab", "ba", "abc"])
    assert len(set(keys.tolist()) - {-1}) == 3     # (a hash set: -1 in its empty slots)
    # prefixes, extensions and other letters of the words are not the words
    cp = np.frombuffer("ab ba abc abcd b a abx".encode("utf-32-le"), np.uint32)
    table = kernels.char_class(".", "|")
    assert kernels.line_stats(cp, cp, table, alphabet, keys, 1)[0, -1] == 3.0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 4), min_size=1, max_size=40), st.integers(1, 4))
def test_repeats_match_counter(values, n_docs):
    cuts = sorted({0, len(values)} | {len(values) * k // n_docs for k in range(n_docs)})
    starts, ends = np.array(cuts[:-1], np.int64), np.array(cuts[1:], np.int64)
    got = kernels.repeats(np.array(values, np.int64), starts, ends)
    want = []
    for s, e in zip(starts, ends):
        counts = Counter(values[s:e])
        want += [counts[v] - 1 for v in values[s:e]]
    assert got.tolist() == want


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_line_hashes_are_equal_exactly_for_equal_lines(texts):
    hashes = kernels.line_hashes(kernels.codepoints("\n".join(texts)), len(texts)).tolist()
    assert len(hashes) == len(texts)
    for i, a in enumerate(texts):
        for j, b in enumerate(texts):
            assert (hashes[i] == hashes[j]) == (a == b)


def test_line_hashes_refuse_a_text_holding_a_line_break():
    import pytest

    with pytest.raises(ValueError):
        kernels.line_hashes(kernels.codepoints("a\nb\nc"), 2)


def test_window_means_match_naive_means():
    rng = np.random.default_rng(0)
    batch = features.Batch(blocks=[None] * 30, doc=np.repeat([0, 1, 2], [7, 20, 3]),
                           start=np.repeat([0, 7, 27], [7, 20, 3]),
                           end=np.repeat([7, 27, 30], [7, 20, 3]))
    cols = rng.random((30, 3))
    for w, got in zip((2, 5, 12), batch.window_means(cols, (2, 5, 12))):
        for i in range(30):
            lo, hi = max(i - w, batch.start[i]), min(i + w + 1, batch.end[i])
            assert np.allclose(got[i], cols[lo:hi].mean(axis=0))


def test_forest_matches_walking_each_tree():
    rng = np.random.default_rng(1)
    depth, n_trees, n_features = 3, 7, 5
    feature = rng.integers(0, n_features, (n_trees, 2 ** depth - 1)).astype(np.int32)
    threshold = rng.random((n_trees, 2 ** depth - 1))
    leaf = rng.normal(size=(n_trees, 2 ** depth))
    forest = Forest(feature, threshold, leaf, 0.25)
    X = rng.random((300, n_features))     # more rows than one block of the kernel
    want = []
    for x in X:
        total = 0.25
        for t in range(n_trees):
            k = 0
            for _ in range(depth):
                k = 2 * k + 1 + int(x[feature[t, k]] > threshold[t, k])
            total += leaf[t, k - (2 ** depth - 1)]
        want.append(total)
    assert np.allclose(forest.decision(X), want)
    assert np.allclose(forest.decision(np.asfortranarray(X)), want)


def test_forest_rejects_rows_too_short():
    forest = Forest(np.full((1, 1), 3, np.int32), np.zeros((1, 1)), np.zeros((1, 2)), 0.0)
    try:
        forest.decision(np.zeros((2, 3)))
    except ValueError as err:
        assert "at least 4 features" in str(err)
    else:
        raise AssertionError("a short row reached the kernel")


_REPAIR_ALPHABET = st.sampled_from(list("aé \n&;Ã©Â\u00a0\u0080\u0093\u2019\u200d\u3000\u00ad\ufeff\u2009\x01\ufffd") + ["&amp;", "😀"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_REPAIR_ALPHABET, max_size=40).map("".join))
def test_suspect_scan_matches_the_regexes(text):
    import re

    from pipeline import decode
    control = re.compile("[" + decode._CONTROL + "]")
    pair = re.compile("[" + decode._MOJIBAKE_LEAD + "][" + decode._MOJIBAKE_FOLLOW + "]")
    want = {m.start() for m in decode._ENTITY.finditer(text)} | {m.start() for m in control.finditer(text)}
    # every lead-follow pair, overlapping or not (only their lines matter)
    want |= {i for i in range(len(text) - 1) if pair.match(text, i)}
    want |= {m.start() for m in re.finditer(decode._A0_RESIDUE, text)}    # "Â " left of a no-break space
    offsets, seen, odd = decode._scan(text)
    assert set(offsets) == want
    odd_spaces = set(re.findall("[" + decode._ODD_SPACES + "]", text))
    assert bool(seen & decode._ODD_SPACE_BIT) == bool(odd_spaces)
    assert {ch for k, ch in enumerate(decode._ODD_CHARS) if odd >> k & 1} == odd_spaces


def test_line_stats_refuse_a_text_holding_a_line_break():
    import pytest

    with pytest.raises(ValueError, match="line breaks"):
        features._line_stats(kernels.codepoints("a\nb\nc"), kernels.codepoints("a\nb\nc"), 2)


def test_features_of_a_line_with_a_lone_surrogate():
    from pipeline.segment import segment_text

    batch = features.Batch.of([segment_text("Caf\ud800 ok\nThe cat sat on the mat.")])
    X, names = features.stage1_matrix(batch)
    assert X.shape == (2, len(names))


_M64 = (1 << 64) - 1


def _reference_terms(line: str, bits: int) -> list[int]:
    """What ``kernels.hashed_terms`` promises for one lower-cased line, in plain Python."""
    import re

    def fnv(word):
        h = kernels.FNV_OFFSET
        for ch in word:
            h = ((h ^ ord(ch)) * kernels.FNV_PRIME) & _M64
        return h

    def mix(h):
        h = ((h ^ (h >> 30)) * kernels._MIX1) & _M64
        h = ((h ^ (h >> 27)) * kernels._MIX2) & _M64
        return h ^ (h >> 31)

    # words are runs of \w within the BMP: a character beyond it separates words
    words = [fnv(w) for w in re.findall(r"\w+", re.sub("[\U00010000-\U0010FFFF]", " ", line))]
    pairs = [((a * kernels.FNV_PRIME) & _M64) ^ b ^ kernels.PAIR_SALT for a, b in zip(words, words[1:])]
    return sorted({mix(h) & ((1 << bits) - 1) for h in words + pairs})


@settings(max_examples=200, deadline=None)
@given(_TEXTS, st.sampled_from([4, 18]))
def test_hashed_terms_match_python(texts, bits):
    low = "\n".join(texts).lower()
    indptr, terms = kernels.hashed_terms(kernels.codepoints(low), kernels.word_chars(), len(texts), bits)
    got = [sorted(terms[a:b].tolist()) for a, b in zip(indptr[:-1], indptr[1:])]
    assert len(terms) == sum(map(len, got)) and all(len(set(g)) == len(g) for g in got)
    assert got == [_reference_terms(t.lower(), bits) for t in texts]


def test_hashed_terms_tell_a_pair_from_its_words():
    one = kernels.hashed_terms(kernels.codepoints("read more"), kernels.word_chars(), 1, 18)[1]
    two = kernels.hashed_terms(kernels.codepoints("read\nmore"), kernels.word_chars(), 2, 18)[1]
    assert len(one) == 3 and set(two) < set(one)
    import pytest

    with pytest.raises(ValueError):
        kernels.hashed_terms(kernels.codepoints("a\nb\nc"), kernels.word_chars(), 2, 18)


_NEEDLES = (" says:", "credit", "(score:", "ss", "s")


@given(st.text(alphabet=" says:credit(ore\n\U0001f600é", max_size=80))
@settings(max_examples=300, deadline=None)
def test_lines_holding_finds_what_str_find_finds(text):
    held = kernels.lines_holding(kernels.codepoints(text), _NEEDLES)
    lines = text.split("\n")
    assert held.tolist() == [[needle in line for line in lines] for needle in _NEEDLES]
