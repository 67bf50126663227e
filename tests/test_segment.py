"""pipeline.segment's compiled rules against the same rules as regular expressions."""
import re

from hypothesis import given, settings, strategies as st

from pipeline.record import Block
from pipeline.segment import segment_line, segment_text

# The rules of pipeline/segment.py's docstring, as regexes (possessive runs:
# no backtracking into a label or a URL).
_IMAGE = re.compile(r"!\[[^\[\]\n]*+\]\((?:[^()\s]++|\([^()\s]*+\))*+(?:\s+\"[^\"\n]*\")?\)")
_LINK = re.compile(r"\[((?:[^\[\]\n]++|\[[^\[\]\n]*+\])*+)\]\((?:[^()\s]++|\([^()\s]*+\))*+(?:\s+\"[^\"\n]*\")?\)")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_LIST = re.compile(r"^(\s*)(?:[*+\-•·]|\d{1,3}[.)])\s+")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def _flatten_links(line):
    if "[" not in line:
        return line, 0, 0
    if "![" in line:
        line = _IMAGE.sub("", line)
    parts = _LINK.split(line)
    if len(parts) == 1:
        return line, 0, 0
    labels = [label.strip() for label in parts[1::2]]
    # A stripped edge leaves one space ("plans[ in our app](u)": "plans in our app").
    parts[1::2] = [(" " if label[:1].isspace() else "") + label.strip() + (" " if label[-1:].isspace() and label.strip() else "")
                   for label in parts[1::2]]
    return "".join(parts), len(labels), sum(map(len, labels))


def _reference_line(index, raw, blank_before):
    line = raw.rstrip()
    heading = list_depth = 0
    first = line.lstrip()[:1]
    if first == "#":
        m = _HEADING.match(line)
        if m:
            heading, line = len(m.group(1)), line[m.end():]
    elif first in "*+-•·0123456789" and first:
        m = _LIST.match(line)
        if m:
            list_depth, line = 1 + len(m.group(1).expandtabs(4)) // 2, line[m.end():]
    text, n_links, link_chars = _flatten_links(line)
    text = _EMPHASIS.sub(r"\2", _ESCAPE.sub(r"\1", text))
    text = " ".join(text.split())
    if len(text) > 2 and text[0] == text[-1] and text[0] in "*_" and text[1] not in " *_" \
            and text[-2] not in " *_":
        text = text[1:-1]
    return Block(index, raw, text, heading, list_depth, min(link_chars, len(text)), n_links, blank_before)


def _reference(text):
    blocks, blank = [], True
    for raw in text.split("\n"):
        if not raw or raw.isspace():
            blank = True
            continue
        blocks.append(_reference_line(len(blocks), raw, blank))
        blank = False
    return blocks


_PIECES = st.sampled_from(
    list("ab Z1 \t\n[]()!\"#*_-+•·.)\\`{}|>~:/\u00a0\u3000\r\x0c") + [
        "[a](b)", "![i](x.png)", "](", "[[x]](y)", "(u)", " \"t\")", "**", "__", "# ", "### ",
        "####### ", "  * ", "1. ", "12) ", "1234. ", "\t- ", "１. ", "\U0001d7ce. ", "😀", "\ud800"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_compiled_segmenting_matches_the_regex_rules(text):
    assert segment_text(text) == _reference(text)


def test_examples_of_each_rule():
    got = [(b.text, b.heading, b.list_depth, b.n_links, b.link_chars)
           for b in segment_text("## Head\n\t* [a [b]](u \"t\") ![x](i.png) c\n1) **bold** \\*x\\*\n"
                                 "####### seven\n*Published by Jane Doe*")]
    assert got == [("Head", 2, 0, 0, 0), ("a [b] c", 0, 3, 1, 5), ("bold *x*", 0, 1, 0, 0),
                   ("####### seven", 0, 0, 0, 0), ("Published by Jane Doe", 0, 0, 0, 0)]


def test_edges_of_the_rules_agree_with_the_regexes():
    for text in ['[a](b "t"x)', '[a](b "t" )', '[a](b  "t")', '[a](b (c) d)', '[a](b(c)d)',
                 '  \t- x', ' \t\t1. x', '\r\t* x', ' \r\t* x', '   # x', '    # x', '#\tx', '1234. x',
                 '**a***b**', '__a__ **b**', '****', '\\\\*x', '![a [b]](c) d', '[![i](x)](y)',
                 'a[ b ](c)d', '[ ](u)x', 'x[\t](u)', '**[ a](u)**', '*[ a ](u)*']:
        assert segment_text(text) == _reference(text), text


def test_a_blank_line_gives_an_empty_block():
    assert segment_line(3, "   ", False) == Block(3, "   ", "", blank_before=False)


def test_a_space_at_a_labels_edge_still_parts_the_words():
    # Scrapers keep the anchor's own spacing inside the label: the reader saw
    # "plans in our app that", and the gold text has it so.
    got = segment_text("the training plans[ in our app](https://x.y) that [Read more ](/r)now")[0]
    assert (got.text, got.link_chars) == ("the training plans in our app that Read more now", 19)
