"""pipeline.datelines: the compiled pre-pass lets through every line DATE matches."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from pipeline import datelines, kernels


def _searched(lows):
    return np.array([datelines.DATE.search(low) is not None for low in lows], np.float64)


def _possible(lows):
    cp = kernels.codepoints("\n".join(lows))
    return datelines.kernels.date_possible(cp, datelines._TABLE, datelines._MONTH_STARTS,
                                           datelines._PREFIX_STARTS, len(lows))


CASES = [
    ("posted may 12, 2021", True), ("12.05.2021", True), ("2021-05-12", True), ("10:30", True),
    ("12 may", True), ("12. märz 2020", True), ("3 июля 2021", True), ("5 ма", True),
    ("sept. 3", True), ("(jan  2", True), ("3 hours ago", True), ("an hour ago", True),
    ("page 2 of 7", False), ("3 comments", False), ("top 10 stories", False), ("1-2", False),
    ("xmay 12", False), ("2may 12", False), ("ma 12", False), ("may", False), ("", False),
    ("12\u00a0may", True), ("may\u200312", True), ("\U0001F600 page 2", False),
]


@pytest.mark.parametrize("low,expected", CASES)
def test_date_lines(low, expected):
    assert datelines.has_date(low).tolist() == [float(expected)]
    assert bool(datelines.DATE.search(low)) == expected
    if expected:
        assert _possible([low]).tolist() == [True]


def test_the_pre_pass_rules_lines_out():
    assert _possible(["page 2 of 7", "3 comments", "xmay 12", "12 moons"]).tolist() == [False] * 4
    # a character above the BMP: always searched
    assert _possible(["\U0001F600 page 2"]).tolist() == [True]


def test_lines_mask_limits_the_search():
    assert datelines.has_date("may 12\nmay 13", lines=np.array([False, True])).tolist() == [0.0, 1.0]


# Month names, their pieces, digits, separators, spaces of several kinds,
# word characters that break a word boundary, and characters beyond the BMP.
_ATOMS = (datelines.MONTHS[::3] + datelines.MONTH_PREFIXES + [m[:3] for m in datelines.MONTHS[1::4]]
          + ["1", "12", "2021", ".", "/", "-", ":", " ", "  ", "\u00a0", "\t", "ago", " ago", "hours",
             "an", "one", "a", "_", "x", "é", "û", "ä", "(", "\U0001F600", "\U0001D7CE", "٣", "ma", "s"])
_lines = st.lists(st.lists(st.sampled_from(_ATOMS), max_size=8).map("".join), min_size=1, max_size=5)


@settings(max_examples=2000, deadline=None)
@given(_lines)
def test_has_date_is_the_regex(lows):
    expected = _searched(lows)
    assert datelines.has_date("\n".join(lows)).tolist() == expected.tolist()
    # never too few lines through the pre-pass
    assert not (expected.astype(bool) & ~_possible(lows)).any()


def test_line_count_is_checked():
    cp = kernels.codepoints("may 12\nmay 13")
    with pytest.raises(ValueError):
        kernels.date_possible(cp, datelines._TABLE, datelines._MONTH_STARTS, datelines._PREFIX_STARTS, 1)
    with pytest.raises(ValueError):
        kernels.credit_possible(cp, datelines.kernels.flags(str.isalnum), 90, 600, 1)
