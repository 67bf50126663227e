"""Split text into line blocks, flattening the markdown scrapers leave in it.

Scraped pages come as one paragraph per line, often with markdown links
(``[text](url)``), list items (``  * ...``) and headings (``# ...``). Each
non-blank line becomes a ``Block``; its ``text`` is what a reader sees:

- a heading ``^\\s{0,3}(#{1,6})\\s+`` or list marker ``^(\\s*)(?:[*+\\-•·]|\\d{1,3}[.)])\\s+``
  is removed and noted (level; depth = 1 + half the indentation, tabs as 4);
- images ``![alt](url)`` are removed (alt text is not body text), then links
  ``[label](url "title")`` become their label, stripped (a stripped edge
  leaves one space: ``plans[ in our app](u)`` reads "plans in our app"); a
  label may hold brackets one level deep, a URL no spaces except before a
  quoted title, and neither backtracks, so a line of unclosed ``[`` or ``(``
  costs linear time;
- backslash escapes of markdown punctuation are undone, ``**strong**`` and
  ``__strong__`` unwrapped, whitespace runs made one space, and a whole line in
  single ``*emphasis*`` (a scraped byline) unwrapped.

The rules run compiled, over the whole text at once (``kernels.segment``):
per line in Python they cost more than everything else the text path does.
``tests/test_segment.py`` checks them against the same rules written as
regular expressions.

>>> [b.text for b in segment_text("# Title\\n\\nBy [Jane Doe](https://x.y/jd)\\n  * [Home](/)")]
['Title', 'By Jane Doe', 'Home']
>>> b = segment_line(0, "Read [more](https://a.b/c) now", True)
>>> b.text, b.n_links, b.link_chars
('Read more now', 1, 4)
"""
from __future__ import annotations

import numpy as np

from . import kernels
from .record import Block

_TABLE = kernels.segment_table()
_ESCAPABLE = np.zeros(128, np.bool_)
_ESCAPABLE[[ord(c) for c in kernels.ESCAPABLE]] = True


def segment_text(text: str) -> list[Block]:
    """One block per non-blank line, in order."""
    if not text:
        return []
    cp = kernels.codepoints(text)
    rows, flat = kernels.segment(cp, _TABLE, _ESCAPABLE)
    if not len(rows):
        return []
    flat_text = flat.tobytes().decode("utf-32-le", "surrogatepass")
    raw_start, raw_end, text_start, text_end, heading, depth, link_chars, n_links, _ = rows.T.tolist()
    raws = [text[a:b] for a, b in zip(raw_start, raw_end)]
    texts = [flat_text[a:b] for a, b in zip(text_start, text_end)]
    blank = rows[:, 8].astype(np.bool_).tolist()
    return list(map(Block, range(len(raws)), raws, texts, heading, depth, link_chars, n_links, blank))


def segment_line(index: int, raw: str, blank_before: bool) -> Block:
    """The block of one line (blank: an empty text)."""
    blocks = segment_text(raw)
    if not blocks:
        return Block(index, raw, "", blank_before=blank_before)
    block = blocks[0]
    block.index, block.blank_before = index, blank_before
    return block
