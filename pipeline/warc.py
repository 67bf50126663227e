"""Stream HTML responses out of WARC files (Common Crawl style), one at a time.

Memory stays flat whatever the file's size: warcio reads record by record,
and each payload is read with a size cap. A record's source is
``path#<byte offset>``, stable across runs; its URL and fetch date travel as
hints. Non-HTML and non-response records are skipped (they are not articles,
and not inputs of their own); a damaged record becomes a reject and ends the
file, since nothing after it can be trusted to line up.
"""
from __future__ import annotations

import os
import re
import zlib
from pathlib import Path
from typing import Iterator

from .decode import decode_html_bytes
from .limits import Limits
from .record import Rejected

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.I)


def read_warc(raw_dir: Path, rel: str, limits: Limits) -> Iterator:
    from .read import open_raw, reject_for

    try:
        stream = open_raw(raw_dir, rel)
    except (Rejected, OSError) as exc:
        yield reject_for(rel, exc)
        return
    with stream:
        yield from _responses(stream, rel, limits)


def _responses(stream, rel: str, limits: Limits) -> Iterator:
    """Documents for the HTML responses in an open WARC stream; a damaged record ends it."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from .read import Reject, make_document

    found = 0
    records = None
    try:
        records = ArchiveIterator(stream, arc2warc=True)
        for record in records:
            if record.rec_type != "response":
                continue
            content_type = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
            if not content_type.lower().startswith(_HTML_TYPES):
                continue
            payload = record.content_stream().read(limits.max_doc_chars + 1)
            if len(payload) <= limits.max_doc_chars and getattr(record.raw_stream, "limit", 0) > 0:
                # The stream ended before the record's declared length.
                yield Reject(f"{rel}#{records.offset}", "truncated WARC record: the file ends inside it")
                return
            # warcio knows a record's offset only once it has been read through.
            source = f"{rel}#{records.get_record_offset()}"
            found += 1
            if len(payload) > limits.max_doc_chars:
                yield Reject(source, f"WARC record larger than the limit of {limits.max_doc_chars} bytes")
                continue
            try:
                declared = _CHARSET.search(content_type)
                html = decode_html_bytes(payload, declared.group(1) if declared else None)
            except Rejected as exc:
                yield Reject(source, str(exc))
                continue
            hints = {"url": record.rec_headers.get_header("WARC-Target-URI"),
                     "fetched": record.rec_headers.get_header("WARC-Date")}
            yield make_document(source, html, "html", {k: v for k, v in hints.items() if v}, [], limits)
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error) as exc:
        # zlib.error: a .warc.gz cut inside a compressed member.
        yield Reject(f"{rel}#{getattr(records, 'offset', 0)}", f"truncated or damaged WARC record: {exc}")
        return
    # A .warc.gz cut inside a member ends the iteration quietly, short of the
    # file's end: the bytes left over are a record that was lost.
    size = os.fstat(stream.fileno()).st_size
    if records.offset < size:
        yield Reject(f"{rel}#{records.offset}",
                     f"truncated or damaged WARC record: the last {size - records.offset} bytes could not be read")
        return
    if not found:
        yield Reject(rel, "WARC file holds no HTML response records")
