"""pipeline.lexicon's compiled phrase scan against the same rules in plain Python."""
from hypothesis import given, settings, strategies as st

from pipeline import lexicon
from pipeline.phrasescan import UNSURE, Scanner

_LINE_START = sorted({p.lstrip("^").rstrip("*") for ps in lexicon.PHRASES.values() for p in ps if p.startswith("^")})
_ANYWHERE = sorted({p.rstrip("*") for ps in lexicon.PHRASES.values() for p in ps if not p.startswith("^")})


def _reference(lines):
    """find_lines as it was: the line-start regex, every occurrence of every
    anywhere-phrase by str.find, word boundaries, leftmost-longest."""
    out = [[] for _ in lines]
    joined = "\n".join(line.replace("\n", " ") for line in lines).lower()
    offsets = [0]
    for low in joined.split("\n"):
        offsets.append(offsets[-1] + len(low) + 1)

    def line_of(at):
        return max(i for i, o in enumerate(offsets) if o <= at)

    for m in lexicon._START.finditer(joined):
        phrase = m.group(1)
        if lexicon._ends_ok(joined, m.end(), phrase):
            i = line_of(m.start())
            out[i].append(lexicon.Hit(lexicon._INDEX[(phrase, True)], phrase, m.start(1) - offsets[i], True))
    credits = [[] for _ in lines]
    _credits_reference(joined, credits)
    found = []
    for phrase in _ANYWHERE:
        at = joined.find(phrase)
        while at >= 0:
            end = at + len(phrase)
            if (at == 0 or not (joined[at - 1].isalnum() or joined[at - 1] == "_")) \
                    and lexicon._ends_ok(joined, end, phrase):
                found.append((at, -len(phrase), phrase))
            at = joined.find(phrase, at + 1)
    found.sort()
    taken_until = 0
    for at, _, phrase in found:
        if at >= taken_until:
            taken_until = at + len(phrase)
            i = line_of(at)
            credits[i].append(lexicon.Hit(lexicon._INDEX[(phrase, False)], phrase, at - offsets[i], False))
    return [hits + more for hits, more in zip(out, credits)]


def _credits_reference(joined, out):
    """Photo credits as found before the compiled pre-pass: one regex scan of
    the whole text, then each match's line checked."""
    for m in lexicon._CREDIT.finditer(joined):
        at = m.start()
        line_at = joined.rfind("\n", 0, at) + 1
        line_end = joined.find("\n", at)
        low = joined[line_at:line_end if line_end >= 0 else len(joined)]
        if len(low) > lexicon.CREDIT_MAX_LINE or not low[-1:].isalnum():
            continue
        start = at - line_at
        if start < len(low) - lexicon.CREDIT_TAIL:
            tail = low[-lexicon.CREDIT_TAIL:]
            m = lexicon._CREDIT.search(tail)
            if m is None:
                continue
            start = len(low) - len(tail) + m.start()
        out[joined.count("\n", 0, at)].append(
            lexicon.Hit("caption", "photo credit '" + m.group(0).lstrip('.!?"\u201d ') + "'", start, False))


# Phrases, pieces of them, punctuation, word characters, and characters whose
# lower case is longer ("İ") or that lie beyond the BMP.
_ATOMS = (_LINE_START + _ANYWHERE + [p[:-1] for p in _ANYWHERE[::7]]
          + ["»", "_", "—", "…", "a", "b9", "é", "\U0001F600", "\U00010400", "İ", " ", "x_", "(",
             "©", "’", ". tass", "2", "\n", ". ", "! ", "\u201d ", "reuters", " / ", "|", "getty images",
             "ap", "x", " ", "w" * 85, "z " * 150, "\U0001D400"])
_lines = st.lists(st.lists(st.sampled_from(_ATOMS), max_size=6).map("".join), min_size=1, max_size=6)


@settings(max_examples=1500, deadline=None)
@given(_lines)
def test_find_lines_matches_the_plain_python_rules(lines):
    assert lexicon.find_lines(lines) == _reference(lines)


def test_prefix_punctuation_and_longest_phrase_at_a_line_start():
    hits = lexicon.find_lines(["» Read more about it", "_Disclaimer: none", "…» Home", "…»· Home", "x Home"])
    assert [[(h.phrase, h.start) for h in line] for line in hits] == [
        [("read more about", 2)], [("disclaimer", 1)], [("home", 3)], [], []]
    # three characters of punctuation at most; "©" is itself a phrase
    assert [h.phrase for h in lexicon.find("© 2024 Example Media")] == ["©"]


def test_overlapping_phrases_are_all_reported_by_the_automaton():
    s = Scanner(["x"], ["he", "she", "hers", "his"])
    _, found = s.scan("ushers")
    assert sorted((end, s.phrases[p]) for _, _, end, p in found.tolist()) == [
        (3, "he"), (3, "she"), (5, "hers")]


def test_a_character_beyond_the_bmp_before_a_line_start_phrase_is_left_to_the_regex():
    s = Scanner(["home"], ["x"])
    starts, _ = s.scan("ok\n\U0001F600 home")
    assert [(line, line_at, pid) for line, line_at, _, pid in starts.tolist()] == [(1, 3, UNSURE)]
    assert [h.phrase for h in lexicon.find("\U0001F600 Home")] == ["home"]
    assert [h.phrase for h in lexicon.find("\U00010400Home")] == []   # a letter: not punctuation


def test_a_line_break_inside_a_line_counts_as_a_space():
    assert [h.category for h in lexicon.find("Some text\nLeave a Reply")] == ["comment"]
    assert lexicon.find_lines(["a\nb", "Home"])[1][0].phrase == "home"


def test_credit_at_the_edge_of_the_tail():
    # the sentence end exactly CREDIT_TAIL characters from the line's end counts, one more does not
    edge = "w" * 20 + ". " + "a" * 80 + "/reuters"
    assert len(edge) - edge.index(".") == lexicon.CREDIT_TAIL
    beyond = "w" * 20 + ". " + "a" * 81 + "/reuters"
    for lines in ([edge, beyond, "x"], ["ok", edge]):
        assert lexicon.find_lines(lines) == _reference(lines)
    assert [h.category for h in lexicon.find_lines([edge])[0]] == ["caption"]
    assert lexicon.find_lines([beyond]) == [[]]
