"""The types that flow through the pipeline: one ``Document`` per input article.

Steps read a ``Document`` and fill in more of it; nothing is copied into a second
record type. ``Document.to_record()`` is the JSON object written to ``clean/``.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass(slots=True)
class Block:
    """One line of the document's text, and the decision taken about it.

    ``raw`` is the line as it came; ``text`` is what it contributes to the body
    (markdown links flattened to their text, list and heading markers removed).
    """

    index: int
    raw: str
    text: str
    heading: int = 0          # markdown heading level, 0 if not a heading
    list_depth: int = 0       # 0 if not a list item, else 1 + indentation level
    link_chars: int = 0       # characters of ``text`` that came from link texts
    n_links: int = 0
    blank_before: bool = True
    keep: bool = True
    category: str | None = None
    reason: str | None = None
    p: float | None = None    # the block model's p(article), where it scored the block (HTML)

    def drop(self, category: str, reason: str) -> None:
        self.keep = False
        self.category = category
        self.reason = reason


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    site_name: str | None = None
    url: str | None = None
    language: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)


@dataclass
class Document:
    """An input on its way to a record.

    ``source`` is the input path relative to the raw dir (``path#locator`` for a
    document inside a multi-document file). ``hints`` holds metadata the input
    itself carried (a JSON Lines record's ``url``, a WARC record's date, ...).
    """

    source: str
    content: str = ""
    format: str = "text"       # "text" or "html"
    hints: dict[str, Any] = field(default_factory=dict)
    repairs: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    meta: Metadata = field(default_factory=Metadata)

    @property
    def body(self) -> str:
        return "\n\n".join([b.text for b in self.blocks if b.keep and b.text])

    @property
    def removed(self) -> list[Block]:
        return [b for b in self.blocks if not b.keep]

    @property
    def id(self) -> str:
        """Stable id: the same source gives the same id on every run."""
        # surrogatepass: a non-UTF-8 file name still gets an id (same bytes otherwise).
        return hashlib.sha1(self.source.encode("utf-8", "surrogatepass")).hexdigest()[:16]

    def to_record(self) -> dict[str, Any]:
        record = {"schema_version": SCHEMA_VERSION, "id": self.id, "source": safe_text(self.source)}
        record.update(asdict(self.meta))
        record["text"] = self.body
        record["removed"] = [
            {"text": b.text or b.raw.strip(), "category": b.category, "reason": b.reason}
            for b in self.removed
        ]
        record["repairs"] = self.repairs
        return record


def safe_text(text: str) -> str:
    r"""``text`` as valid UTF-8: undecodable bytes of a file name as ``\xNN`` escapes.

    Paths read from disk carry a non-UTF-8 name's bytes as lone surrogates
    (``os.fsdecode``), which no UTF-8 output can hold; the escape keeps them
    readable. The real path is still used to read the file.

    >>> safe_text(os.fsdecode(b"caf\xe9 news.txt")), safe_text("café")
    ('caf\\xe9 news.txt', 'café')
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate no file name decodes to
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


class Rejected(Exception):
    """An input that cannot become a record; the message says why."""
