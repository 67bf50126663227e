"""Find inputs under the raw dir and turn each into Documents or rejects.

A file may hold one document (``.txt``, ``.md``, ``.html``) or many
(``.jsonl``, ``.json``, ``.warc``); any of them may be gzipped. A document
inside a multi-document file gets ``source = "path#locator"``.

Nothing here raises for bad input: a file that cannot be read yields a
``Reject`` naming the problem, and the run goes on.
"""
from __future__ import annotations

import gzip
import json
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .decode import decode_bytes, repair_text
from .limits import Limits
from .record import Document, Rejected

TEXT_SUFFIXES = {".txt": "text", ".md": "text", ".markdown": "text", ".html": "html",
                 ".htm": "html", ".xhtml": "html"}
RECORD_SUFFIXES = {".jsonl", ".ndjson", ".json"}
WARC_SUFFIXES = {".warc", ".arc"}
# Field names scrapers use for the page and its metadata in JSON exports.
_HTML_FIELDS = ("html", "raw_html", "content_html", "body_html")
_TEXT_FIELDS = ("text", "content", "raw_content", "markdown", "body")
_HINT_FIELDS = {"url": ("url", "link", "source_url"), "title": ("title", "headline"),
                "published": ("published", "date", "date_published", "publish_date"),
                "authors": ("authors", "author"), "site_name": ("site_name", "sitename"),
                "language": ("language", "lang")}


@dataclass
class Reject:
    source: str
    error: str

    def to_record(self) -> dict:
        return {"source": self.source, "error": self.error}


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
    keep their temporary files there. Symlinked directories are not entered.
    """
    found = []
    for root, dirs, files in os.walk(raw_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith("."):
                continue
            found.append((Path(root) / name).relative_to(raw_dir).as_posix())
    return sorted(found)


def read_bytes(raw_dir: Path, rel: str, limits: Limits) -> bytes:
    """The file's bytes, gunzipped, refusing symlinks that leave the raw dir and oversize files."""
    path = raw_dir / rel
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(raw_dir.resolve()):
            raise Rejected("symlink points outside the raw dir; not followed")
    if path.stat().st_size > limits.max_file_bytes:
        raise Rejected(f"file larger than the limit of {limits.max_file_bytes} bytes")
    with open(path, "rb") as handle:
        data = handle.read(limits.max_file_bytes + 1)
    if rel.lower().endswith(".gz"):
        data = gunzip(data, limits.max_file_bytes)
    return data


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip data with a size cap (a small file can inflate enormously)."""
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise Rejected(f"corrupt gzip data: {exc}") from None
    if len(out) > max_bytes:
        raise Rejected(f"gzip content larger than the limit of {max_bytes} bytes")
    if not inflater.eof:
        raise Rejected("truncated gzip file: the compressed stream ends early")
    return out


def read_documents(raw_dir: Path, rel: str, limits: Limits | None = None) -> Iterator[Document | Reject]:
    """Every document in one raw file, or the rejects that stand for it."""
    limits = limits or Limits()
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
        text, encoding = decode_bytes(data)
    except Rejected as exc:
        yield Reject(rel, str(exc))
        return
    except OSError as exc:
        yield Reject(rel, f"cannot read file: {exc.strerror or exc}")
        return
    if kind == "records":
        yield from _records(rel, text, limits)
        return
    yield make_document(rel, text, kind, {}, [] if encoding.startswith("utf") else [f"decoded as {encoding}"])


def make_document(source: str, text: str, kind: str, hints: dict, repairs: list[str]) -> Document | Reject:
    if not text.strip():
        return Reject(source, "empty input: no text")
    fixed, fixes = repair_text(text) if kind == "text" else (text, [])
    return Document(source=source, content=fixed, format=kind, hints=hints, repairs=repairs + fixes)


def _records(rel: str, text: str, limits: Limits) -> Iterator[Document | Reject]:
    """JSON Lines (one object a line) or a JSON array / object of page records."""
    stripped = text.lstrip()
    if rel.lower().removesuffix(".gz").endswith(".json") and stripped[:1] in "[{":
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Reject(rel, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
            return
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            yield record_to_document(f"{rel}#{i}", item)
        return
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        source = f"{rel}#L{lineno}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Reject(source, f"malformed JSON line: {exc.msg} at column {exc.colno}")
            continue
        yield record_to_document(source, item)


def record_to_document(source: str, item: object) -> Document | Reject:
    """A scraper's JSON record (``html`` or ``text`` plus optional metadata) as a Document."""
    if not isinstance(item, dict):
        return Reject(source, f"JSON record is a {type(item).__name__}, expected an object")
    hints = {}
    for hint, names in _HINT_FIELDS.items():
        for name in names:
            value = item.get(name)
            if value:
                hints[hint] = value
                break
    for name in _HTML_FIELDS:
        if isinstance(item.get(name), str) and item[name].strip():
            return make_document(source, item[name], "html", hints, [])
    for name in _TEXT_FIELDS:
        if isinstance(item.get(name), str) and item[name].strip():
            return make_document(source, item[name], "text", hints, [])
    return Reject(source, "JSON record has no non-empty 'html' or 'text' field")
