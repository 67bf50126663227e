"""Split text into line blocks, flattening the markdown scrapers leave in it.

Scraped pages come as one paragraph per line, often with markdown links
(``[text](url)``), list items (``  * ...``) and headings (``# ...``). Each
non-blank line becomes a ``Block``; its ``text`` is what a reader sees.

>>> [b.text for b in segment_text("# Title\\n\\nBy [Jane Doe](https://x.y/jd)\\n  * [Home](/)")]
['Title', 'By Jane Doe', 'Home']
"""
from __future__ import annotations

import re

from .record import Block

# Images first: their alt text is not body text. Like _LINK, the URL part is
# a run of non-space characters, so a line of unclosed "![](" stays linear.
_IMAGE = re.compile(r"!\[[^\[\]\n]*+\]\((?:[^()\s]++|\([^()\s]*+\))*+(?:\s+\"[^\"\n]*\")?\)")
# A link's text may itself hold brackets one level deep; the URL has no spaces
# except an optional quoted title.
# Possessive runs (``++``, ``*+``) match the same strings (the alternatives start
# with different characters, so there is one way to split a run) without a
# backtracking step per character: several times faster on long URLs.
_LINK = re.compile(r"\[((?:[^\[\]\n]++|\[[^\[\]\n]*+\])*+)\]\((?:[^()\s]++|\([^()\s]*+\))*+(?:\s+\"[^\"\n]*\")?\)")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_LIST = re.compile(r"^(\s*)(?:[*+\-•·]|\d{1,3}[.)])\s+")
_LIST_STARTS = frozenset("*+-•·0123456789")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_SPACES = re.compile(r"[ \t]+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def flatten_links(line: str) -> tuple[str, int, int]:
    """Return ``line`` with markdown links replaced by their text.

    Also returns the number of links and how many characters came from link text.

    >>> flatten_links("Read [more](https://a.b/c) now")
    ('Read more now', 1, 4)
    >>> flatten_links("[ a ](x) [b [c]](y) ![i](z.png)")
    ('a b [c] ', 2, 6)
    """
    if "[" not in line:
        return line, 0, 0
    if "![" in line:
        line = _IMAGE.sub("", line)
    # split() with the one capturing group: [before, label, between, label, ..., after],
    # all in C (a callback or a group template would run Python per link).
    parts = _LINK.split(line)
    if len(parts) == 1:
        return line, 0, 0
    labels = parts[1::2]
    parts[1::2] = labels = list(map(str.strip, labels))
    return "".join(parts), len(labels), sum(map(len, labels))


def _unwrap_emphasis(text: str) -> str:
    """Drop single ``*``/``_`` emphasis around a whole line, as scrapers leave bylines.

    Only whole-line emphasis: a general pattern for single markers would
    backtrack on lines full of asterisks.

    >>> _unwrap_emphasis("*Published on 3 May 2023 by Jane Doe*"), _unwrap_emphasis("5 * 3 *")
    ('Published on 3 May 2023 by Jane Doe', '5 * 3 *')
    """
    if len(text) > 2 and text[0] == text[-1] and text[0] in "*_" and text[1] not in " *_" and text[-2] not in " *_":
        return text[1:-1]
    return text


def segment_line(index: int, raw: str, blank_before: bool) -> Block:
    line = raw.rstrip()
    heading = 0
    list_depth = 0
    first = line.lstrip()[:1]
    if first == "#":
        m = _HEADING.match(line)
        if m:
            heading = len(m.group(1))
            line = line[m.end():]
    elif first in _LIST_STARTS:
        m = _LIST.match(line)
        if m:
            list_depth = 1 + len(m.group(1).expandtabs(4)) // 2
            line = line[m.end():]
    if "[" in line:
        text, n_links, link_chars = flatten_links(line)
    else:
        text, n_links, link_chars = line, 0, 0
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "**" in text or "__" in text:
        text = _EMPHASIS.sub(r"\2", text)
    text = " ".join(text.split())
    text = _unwrap_emphasis(text)
    if link_chars > len(text):
        link_chars = len(text)
    return Block(index, raw, text, heading, list_depth, link_chars, n_links, blank_before)


def segment_text(text: str) -> list[Block]:
    """One block per non-blank line, in order."""
    blocks: list[Block] = []
    append = blocks.append
    blank_before = True
    for raw in text.split("\n"):
        if raw.isspace() or not raw:
            blank_before = True
            continue
        append(segment_line(len(blocks), raw, blank_before))
        blank_before = False
    return blocks
