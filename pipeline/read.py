"""Find inputs under the raw dir and turn each into Documents or rejects.

A file may hold one document (``.txt``, ``.md``, ``.html``) or many
(``.jsonl``, ``.json``, ``.warc``); any of them may be gzipped. A document
inside a multi-document file gets ``source = "path#locator"``.

Nothing here raises for bad input: a file that cannot be read yields a
``Reject`` naming the problem, and the run goes on.
"""
from __future__ import annotations

import json
import os
import re
import stat
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from .decode import decode_text, repair_text
from .fields import FIELDS, field_values
from .limits import Limits
from .record import Document, Rejected, safe_text

TEXT_SUFFIXES = {".txt": "text", ".md": "text", ".markdown": "text", ".html": "html",
                 ".htm": "html", ".xhtml": "html"}
RECORD_SUFFIXES = {".jsonl", ".ndjson", ".json"}
WARC_SUFFIXES = {".warc", ".arc"}
# Field names scrapers use for the page and its metadata in JSON exports.
_HTML_FIELDS = ("html", "raw_html", "content_html", "body_html")
_TEXT_FIELDS = ("text", "content", "raw_content", "markdown", "body")
# Exports that nest the page's metadata (datatrove and Firecrawl: "metadata").
# There a bare "date" is often the crawl's (FineWeb), so it is not read; nor is
# a record's "created", which is when a crawl or a dataset made it.
_NESTED_HINTS = ("metadata", "meta")
_CRAWL_KEYS = frozenset({"created"})
_NESTED_CRAWL_KEYS = _CRAWL_KEYS | {"date"}


@dataclass
class Reject:
    source: str
    error: str

    def to_record(self) -> dict:
        return {"source": safe_text(self.source), "error": safe_text(self.error)}


def input_kind(name: str) -> str | None:
    """What a file name says it holds: "text", "html", "records", "warc" or None.

    >>> input_kind("a/b.HTML.gz"), input_kind("x.jsonl"), input_kind("photo.png")
    ('html', 'records', None)
    """
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    suffix = os.path.splitext(lower)[1]
    if suffix in TEXT_SUFFIXES:
        return TEXT_SUFFIXES[suffix]
    if suffix in RECORD_SUFFIXES:
        return "records"
    if suffix in WARC_SUFFIXES:
        return "warc"
    return None


def discover(raw_dir: Path) -> list[str]:
    """Every file under ``raw_dir``, recursively, as sorted posix paths relative to it.

    Hidden files and directories (``.name``) are skipped: editors and scrapers
    keep their temporary files there. Symlinked directories are not entered,
    but are listed, so that each becomes a reject rather than vanishing.
    """
    found = []
    for root, dirs, files in os.walk(raw_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        linked = [d for d in dirs if os.path.islink(os.path.join(root, d))]
        for name in files + linked:
            if name.startswith("."):
                continue
            found.append((Path(root) / name).relative_to(raw_dir).as_posix())
    return sorted(found)


def check_path(raw_dir: Path, rel: str) -> None:
    """Raise Rejected for an entry that must not be read: a link out of the raw dir, a directory."""
    path = raw_dir / rel
    real = os.path.realpath(path)
    if not Path(real).is_relative_to(os.path.realpath(raw_dir)):
        raise Rejected("symlink points outside the raw dir; not followed")
    if path.is_symlink() and os.path.isdir(real):
        raise Rejected("symlink to a directory; not followed")


def open_raw(raw_dir: Path, rel: str):
    """Open a raw file for reading in binary; raise Rejected unless it is a regular file inside the raw dir.

    The path opened is the resolved one, with O_NOFOLLOW, so a link swapped
    in after the check fails to open rather than leading outside; the file
    type is checked on the open descriptor; O_NONBLOCK keeps a FIFO from
    hanging the run.
    """
    check_path(raw_dir, rel)
    real = os.path.realpath(raw_dir / rel)
    fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Rejected("not a regular file (a FIFO, device or directory); not read")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(raw_dir: Path, rel: str, limits: Limits) -> bytes:
    """The file's bytes, gunzipped, refusing symlinks that leave the raw dir and oversize files."""
    with open_raw(raw_dir, rel) as handle:
        if os.fstat(handle.fileno()).st_size > limits.max_file_bytes:
            raise Rejected(f"file larger than the limit of {limits.max_file_bytes} bytes")
        data = handle.read(limits.max_file_bytes + 1)
    if len(data) > limits.max_file_bytes:
        raise Rejected(f"file larger than the limit of {limits.max_file_bytes} bytes")
    if rel.lower().endswith(".gz"):
        data = gunzip(data, limits.max_file_bytes)
    return data


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip data with a size cap (a small file can inflate enormously).

    Concatenated gzip members (what ``cat a.gz b.gz`` makes) are all read.
    """
    if not data:
        raise Rejected("empty input: a zero-byte gzip file")
    out = bytearray()
    while True:
        inflater = zlib.decompressobj(wbits=31)
        try:
            # Never 0 here: zlib reads a max_length of 0 as "no limit".
            out += inflater.decompress(data, max_bytes + 1 - len(out))
        except zlib.error as exc:
            raise Rejected(f"corrupt gzip data: {exc}") from None
        if len(out) > max_bytes:
            raise Rejected(f"gzip content larger than the limit of {max_bytes} bytes")
        if not inflater.eof:
            raise Rejected("truncated gzip file: the compressed stream ends early")
        data = inflater.unused_data
        if not data.startswith(b"\x1f\x8b"):
            return bytes(out)  # the end, or padding some tools add


def read_documents(raw_dir: Path, rel: str, limits: Limits | None = None) -> Iterator[Document | Reject]:
    """Every document in one raw file, or the rejects that stand for it."""
    limits = limits or Limits()
    try:
        check_path(raw_dir, rel)
    except Rejected as exc:
        yield Reject(rel, str(exc))
        return
    kind = input_kind(rel)
    if kind is None:
        yield Reject(rel, "unsupported file type (expected .txt, .md, .html, .jsonl, .json or .warc, optionally .gz)")
        return
    if kind == "warc":
        from .warc import read_warc  # streaming reader: never loads the whole file
        yield from read_warc(raw_dir, rel, limits)
        return
    try:
        data = read_bytes(raw_dir, rel, limits)
        text, _, repairs = decode_text(data)
    except (Rejected, OSError) as exc:
        yield reject_for(rel, exc)
        return
    del data  # a large file's bytes need not outlive its text
    if kind == "records":
        yield from _records(rel, text, limits, repairs)
        return
    yield make_document(rel, text, kind, {}, repairs, limits)


def make_document(source: str, text: str, kind: str, hints: dict, repairs: list[str],
                  limits: Limits | None = None) -> Document | Reject:
    """A Document for ``text``, or a Reject if it is empty or too large.

    The size is checked before any repair: ftfy and the regexes must not
    spend seconds on a document that is rejected anyway.
    """
    limits = limits or Limits()
    if not text.strip():
        return Reject(source, "empty input: no text")
    if len(text) > limits.max_doc_chars:
        return Reject(source, f"document larger than the limit of {limits.max_doc_chars} characters "
                              f"({len(text)} characters)")
    repairs = list(repairs)
    if not _url_parses(hints.get("url")):
        # Every step reads the URL (site, dates, metadata): one that urlsplit refuses is dropped here.
        hints = {k: v for k, v in hints.items() if k != "url"}
        repairs.append("URL dropped: it does not parse")
    if kind == "text" and looks_like_html(text):
        kind = "html"
        repairs.append("read as HTML: the text is HTML markup")
    if _SURROGATE.search(text):
        # JSON's "\ud800" escapes decode to lone surrogates, which UTF-8 cannot hold.
        text = _SURROGATE.sub("\ufffd", text)
        repairs.append("lone surrogate escapes replaced")
    if kind == "text":
        text, fixes = repair_text(text)
        repairs += fixes
    elif kind == "html":
        text, flattened = limit_html_depth(text, MAX_HTML_DEPTH)
        if flattened:
            repairs.append(f"HTML nested deeper than {MAX_HTML_DEPTH} elements: {flattened} deeper tags removed")
    return Document(source=source, content=text, format=kind, hints=hints, repairs=repairs)


_SURROGATE = re.compile("[\ud800-\udfff]")

_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head)\b", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"<(?:p|div|h[1-6]|article|section|ul|ol|li|table|br|body)\b[^<>]{0,300}>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True if a text input is really HTML: a page saved under a text name, or a
    JSON export's ``content`` field holding markup. A page opens as one; a
    fragment opens with a block tag and holds at least three. Markdown with
    some inline HTML stays text.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html('<?xml version="1.0"?>\\n<!-- saved -->\\n<html><body>Hi</body></html>')
    True
    >>> looks_like_html("<p>One.</p><p>Two.</p><p>Three, and then some more words.</p>")
    True
    >>> looks_like_html("# Title\\n\\nA paragraph.<br>\\nAnother <p>odd</p> one.")
    False
    >>> looks_like_html('<img src="a.png">\\n\\nText <br> with <br> breaks <div>x</div>.')
    False
    """
    head = text[:4000]
    at = _skip_space(head, 0)
    # An XML declaration and comments may come first; each is skipped with one find.
    while True:
        close = "?>" if head.startswith("<?xml", at) else "-->" if head.startswith("<!--", at) else None
        if close is None:
            break
        end = head.find(close, at)
        if end < 0:
            return False
        at = _skip_space(head, end + len(close))
    if _HTML_START.match(head, at):
        return True
    return bool(_BLOCK_TAG.match(head, at)) and len(_BLOCK_TAG.findall(head)) >= 3


def _url_parses(url) -> bool:
    """True for no URL or one ``urlsplit`` reads ("http://[bad" it refuses).

    >>> _url_parses("https://example.com/a"), _url_parses(None), _url_parses("http://[bad/a")
    (True, True, False)
    """
    if not isinstance(url, str):
        return True
    try:
        urlsplit(url)
    except ValueError:
        return False
    return True


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in "\ufeff \t\r\n":
        at += 1
    return at


# Browsers stop nesting at a few hundred levels (Chromium: 512) and libxml2
# (under trafilatura) gives up at 256; lexbor and our tree walks grow
# quadratically with depth, so 100,000 nested elements take minutes and
# gigabytes. Tags deeper than this are removed, their text kept.
MAX_HTML_DEPTH = 200
_VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr "
                       "basefont bgsound frame keygen".split())
# Elements whose end tag the parser implies: a run of unclosed <p> does not nest.
_IMPLIED_END_TAGS = frozenset("p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption "
                              "rb rt rp rtc html head body".split())
# Elements whose content is text, not markup: "<div>" in a script is not a tag.
_RAW_TEXT_TAGS = frozenset("script style textarea title xmp noscript iframe noembed noframes plaintext".split())
_TAG_OR_COMMENT = re.compile(r"<(?:!--|(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*>)")


def limit_html_depth(html: str, max_depth: int) -> tuple[str, int]:
    """``html`` with tags nested deeper than ``max_depth`` removed, and how many were.

    A cheap scan of tags, not a parse: it only has to bound the depth a real
    parser will see, and leaves pages within the bound untouched.

    >>> limit_html_depth("<div><div><div>x</div></div></div>", 2)
    ('<div><div>x</div></div>', 2)
    """
    if html.count("<") <= max_depth:
        return html, 0
    depth = 0
    dropped: dict[str, int] = {}
    cuts: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = _TAG_OR_COMMENT.search(html, pos)
        if m is None:
            break
        pos = m.end()
        if m.group(2) is None:  # a comment: skip to its end
            end = html.find("-->", pos)
            pos = len(html) if end < 0 else end + 3
            continue
        name = m.group(2).lower()
        if m.group(1):
            if dropped.get(name):
                dropped[name] -= 1
                cuts.append(m.span())
            elif name not in _VOID_TAGS and name not in _IMPLIED_END_TAGS and depth:
                depth -= 1
            continue
        if name in _RAW_TEXT_TAGS:
            end = _find_ci(html, f"</{name}", pos)
            pos = len(html) if end < 0 else end
            continue
        if name in _VOID_TAGS or name in _IMPLIED_END_TAGS:
            continue
        if depth >= max_depth:
            dropped[name] = dropped.get(name, 0) + 1
            cuts.append(m.span())
        else:
            depth += 1
    if not cuts:
        return html, 0
    parts, last = [], 0
    for start, end in cuts:
        parts.append(html[last:start])
        last = end
    parts.append(html[last:])
    return "".join(parts), len(cuts)


def _find_ci(text: str, needle: str, start: int) -> int:
    """``text.find(needle, start)`` ignoring case, for an ASCII ``needle``."""
    m = re.compile(re.escape(needle), re.I).search(text, start)
    return m.start() if m else -1


def _records(rel: str, text: str, limits: Limits, repairs: list[str]) -> Iterator[Document | Reject]:
    """JSON Lines (one object a line) or a JSON array / object of page records.

    A file with no record at all is one reject, so that every file is accounted for.
    """
    count = 0
    for item in _record_items(rel, text, limits, repairs):
        count += 1
        yield item
    if not count:
        yield Reject(rel, "no records: the file holds no JSON records")


def reject_for(rel: str, exc: Exception) -> Reject:
    """The reject standing for a file that could not be opened or decoded."""
    if isinstance(exc, OSError):
        return Reject(rel, f"cannot read file: {exc.strerror or exc}")
    return Reject(rel, str(exc))


def parse_json(text: str) -> tuple[object, str | None]:
    """The parsed value and None, or None and why the text is not JSON.

    >>> parse_json('{"a": 1}'), parse_json('{"a": ')[1]
    (({'a': 1}, None), 'Expecting value at line 1 column 7')
    """
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        return None, f"{exc.msg} at line {exc.lineno} column {exc.colno}"
    except (ValueError, RecursionError) as exc:
        # Nesting deeper than the parser's stack, or an integer of 5,000 digits.
        return None, str(exc)


def _record_items(rel: str, text: str, limits: Limits, repairs: list[str]) -> Iterator[Document | Reject]:
    stripped = text.lstrip()
    if rel.lower().removesuffix(".gz").endswith(".json") and stripped[:1] in "[{":
        value, error = parse_json(text)
        if error:
            yield Reject(rel, f"invalid JSON: {error}")
            return
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            yield record_to_document(f"{rel}#{i}", item, limits, repairs)
        return
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        source = f"{rel}#L{lineno}"
        item, error = parse_json(line)
        if error:
            yield Reject(source, f"malformed JSON line: {error}")
            continue
        yield record_to_document(source, item, limits, repairs)


def record_to_document(source: str, item: object, limits: Limits | None = None,
                       repairs: list[str] | None = None) -> Document | Reject:
    """A scraper's JSON record (``html`` or ``text`` plus optional metadata) as a Document."""
    if not isinstance(item, dict):
        return Reject(source, f"JSON record is a {type(item).__name__}, expected an object")
    # The record's own fields first, then its nested metadata's.
    found = [field_values(item, _CRAWL_KEYS)]
    found += [field_values(item[k], _NESTED_CRAWL_KEYS) for k in _NESTED_HINTS if isinstance(item.get(k), dict)]
    hints = {}
    for hint in FIELDS:
        value = next((v for values in found for raw in values.get(hint, ()) if (v := _hint_value(raw))), None)
        if value:
            hints[hint] = value
    for name in _HTML_FIELDS:
        if isinstance(item.get(name), str) and item[name].strip():
            return make_document(source, item[name], "html", hints, repairs or [], limits)
    for name in _TEXT_FIELDS:
        if isinstance(item.get(name), str) and item[name].strip():
            return make_document(source, item[name], "text", hints, repairs or [], limits)
    return Reject(source, "JSON record has no non-empty 'html' or 'text' field")


def _hint_value(value: object) -> str | list[str] | None:
    """A metadata value fit to pass on: a string or a list of strings, surrogate-free.

    A scraper's ``"title": {"en": ...}`` or ``"url": 42`` is dropped, not passed
    to code that expects text.
    """
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return [_SURROGATE.sub("\ufffd", v) for v in value]
    return None
