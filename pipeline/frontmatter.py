"""Metadata a text page carries at its top: front matter, a reader's header.

Markdown exported from static sites (Jekyll, Hugo, Obsidian) opens with front
matter (YAML, TOML, or Hugo's JSON), and text fetched through a reader service
(Jina Reader) with a header of ``Key: value`` lines. Both are the page's own metadata, like a JSON export's
fields: they become the document's hints, and their lines are dropped as
``metadata`` before the classifier sees the rest.

>>> page = "---\\ntitle: Harbour reopens\\nauthor: Jane Doe\\ndate: 2024-03-05\\n---\\nText."
>>> head = read_front_matter(page)
>>> head.kind, page[head.end:], head.hints["title"], head.hints["authors"], head.hints["published"]
('YAML front matter', 'Text.', 'Harbour reopens', ['Jane Doe'], '2024-03-05')
>>> read_front_matter("---\\n\\nA page that opens with a rule.\\n---\\n") is None
True
"""
from __future__ import annotations

import datetime
import json
import re
import tomllib
from dataclasses import dataclass, field

from .fields import field_values
from .metadata.dates import normalize_iso

MAX_CHARS = 16_000        # front matter is short; past this it is not front matter
MAX_LINES = 120

_FENCES = {"---": ("---", "...", "YAML front matter"), "+++": ("+++", None, "TOML front matter")}
_READER_KEY = re.compile(r"^(Title|URL Source|Published Time|Description|Author|Language|Warning): ?(.*)$")
_READER_END = "Markdown Content:"


@dataclass
class FrontMatter:
    kind: str                  # "YAML front matter", "TOML front matter", "JSON front matter", "reader header"
    end: int                   # characters of the text it takes, its last line break included
    hints: dict = field(default_factory=dict)


def read_front_matter(text: str) -> FrontMatter | None:
    """The front matter or reader header that opens ``text``, or None.

    A block counts only if it parses and names at least one known field, so a
    page that opens with a horizontal rule is left alone.

    >>> read_front_matter("+++\\ntitle = 'Ferries'\\ntags = ['sea']\\n+++\\nBody").hints
    {'title': 'Ferries', 'tags': ['sea']}
    >>> page = "Title: Ferries\\n\\nURL Source: https://x.org/f\\n\\nMarkdown Content:\\nBody"
    >>> h = read_front_matter(page)
    >>> h.kind, h.hints, page[h.end:]
    ('reader header', {'title': 'Ferries', 'url': 'https://x.org/f'}, 'Body')
    """
    start = 0
    while start < len(text) and text[start] in "\ufeff \t\r\n":   # not lstrip: no copy of the page
        start += 1
    first = text[start:start + 4].rstrip("\r\n")
    if first in _FENCES:
        return _fenced(text, start, *_FENCES[first])
    if text.startswith("{", start):
        return _json_object(text, start)
    if text.startswith(("Title:", "URL Source:"), start):
        return _reader_header(text, start)
    return None


def _fenced(text: str, start: int, fence: str, alt_fence: str | None, kind: str) -> FrontMatter | None:
    lines = text[start:start + MAX_CHARS].split("\n")
    if lines[0].rstrip() != fence:
        return None
    for n, line in enumerate(lines[1:MAX_LINES], start=1):
        if line.rstrip() in (fence, alt_fence):
            source = "\n".join(lines[1:n])
            end = start + sum(len(x) + 1 for x in lines[:n + 1])
            data = _parse(source, kind)
            hints = _hints(data) if isinstance(data, dict) else {}
            return FrontMatter(kind, min(end, len(text)), hints) if hints else None
    return None


def _json_object(text: str, start: int) -> FrontMatter | None:
    """Hugo's JSON front matter: an object, then the page on the lines below.

    >>> page = '{\\n  "title": "Ferries",\\n  "date": "2024-03-05"\\n}\\nThe ferries run again.'
    >>> head = read_front_matter(page)
    >>> head.kind, head.hints, page[head.end:]
    ('JSON front matter', {'title': 'Ferries', 'published': '2024-03-05'}, 'The ferries run again.')
    >>> read_front_matter('{"title": "A whole JSON file, no page below it"}') is None
    True
    """
    try:
        data, end = json.JSONDecoder().raw_decode(text[start:start + MAX_CHARS])
    except ValueError:
        return None
    end += start
    line_end = text.find("\n", end)
    # The object must end its line and leave a page below it.
    if not isinstance(data, dict) or line_end < 0 or text[end:line_end].strip() or not text[line_end:].strip():
        return None
    hints = _hints(data)
    return FrontMatter("JSON front matter", line_end + 1, hints) if hints else None


def _parse(source: str, kind: str):
    try:
        if kind.startswith("TOML"):
            return tomllib.loads(source)
        import yaml     # here: most runs meet no front matter and never pay for the import

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(source, Loader=loader)
    except Exception:      # not front matter after all: the classifier reads it as text
        return None


def _reader_header(text: str, start: int) -> FrontMatter | None:
    data, at = {}, start
    for line in text[start:start + MAX_CHARS].split("\n")[:MAX_LINES]:
        at += len(line) + 1
        line = line.rstrip("\r")
        if line.strip() == _READER_END:
            hints = _hints(data)
            return FrontMatter("reader header", min(at, len(text)), hints) if hints else None
        m = _READER_KEY.match(line)
        if m:
            data[m.group(1)] = m.group(2)
        elif line.strip():
            return None
    return None


def _hints(data: dict) -> dict:
    """Known fields of the parsed block as pipeline hints (strings, lists of strings)."""
    hints = {}
    for hint, raws in field_values(data).items():
        value = next((v for raw in raws if (v := _value(hint, raw))), None)
        if value:
            hints[hint] = value
    return hints


def _value(hint: str, value) -> str | list[str] | None:
    if hint in ("published", "modified"):
        if isinstance(value, (datetime.date, datetime.datetime)):
            value = value.isoformat()
        return normalize_iso(value) if isinstance(value, str) else None
    items = _strings(value)
    if hint in ("authors", "tags"):
        return items or None
    if hint == "section":
        return items[0] if items else None
    if hint == "url" and not (len(items) == 1 and items[0].startswith(("http://", "https://"))):
        return None
    return items[0] if len(items) == 1 else None


def _strings(value) -> list[str]:
    """Strings of a scalar, a list, or named mappings (``author: {name: Jane}``)."""
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list):
        return []
    out = []
    for item in value:
        if isinstance(item, dict):
            item = item.get("name")
        if isinstance(item, (str, int, float)) and not isinstance(item, bool) and str(item).strip():
            out.append(str(item).strip())
    return out
