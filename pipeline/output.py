"""The layout of the clean dir, and writes no reader ever sees half-done.

    clean/articles/<name>.jsonl   one record per article found in one raw file
    clean/rejected/<name>.jsonl   one {"source", "error"} per input that failed
    clean/state.json              what the last run saw (content hashes)

``<name>`` is derived from the raw file's relative path alone, so a rerun
rewrites the same files instead of adding new ones: no duplicates.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path

from .record import safe_text

ARTICLES = "articles"
REJECTED = "rejected"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def output_name(rel: str) -> str:
    """A file name for the outputs of raw file ``rel``: readable, unique, safe.

    >>> output_name("news/2021/Tajik border.txt")
    'news_2021_Tajik_border.txt-404002f4ae.jsonl'
    """
    readable = _UNSAFE.sub("_", rel).strip("_")[-80:] or "input"
    digest = hashlib.sha1(rel.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{readable}-{digest}.jsonl"


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, fsync, then rename over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def jsonl_bytes(rows: list[dict]) -> bytes:
    """Rows as JSON Lines in UTF-8; a string UTF-8 cannot hold is escaped, never a crash."""
    return b"".join(_row_bytes(row) for row in rows)


def _row_bytes(row: dict) -> bytes:
    line = json.dumps(row, ensure_ascii=False) + "\n"
    try:
        return line.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (a non-UTF-8 file name, a JSON "\ud800" escape)
        # that no earlier step replaced.
        return (json.dumps(_safe(row), ensure_ascii=False) + "\n").encode("utf-8")


def _safe(value):
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, dict):
        return {_safe(k): _safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_safe(v) for v in value]
    return value


def replace_outputs(clean_dir: Path, rel: str, records: list[dict], rejects: list[dict]) -> None:
    """Make clean/ hold exactly these records and rejects for raw file ``rel``."""
    name = output_name(rel)
    for sub, rows in ((ARTICLES, records), (REJECTED, rejects)):
        path = clean_dir / sub / name
        if rows:
            write_atomic(path, jsonl_bytes(rows))
        else:
            try:
                path.unlink()
            except FileNotFoundError:
                pass


def remove_stale(clean_dir: Path, live_rels: list[str]) -> int:
    """Delete outputs of raw files that no longer exist, and leftover temp files.

    A run killed mid-write leaves ``.tmp-*`` files beside the outputs and the
    state file; they are never valid output.
    """
    keep = {output_name(rel) for rel in live_rels}
    removed = 0
    for path in clean_dir.glob(".tmp-*") if clean_dir.is_dir() else []:
        path.unlink()
        removed += 1
    for sub in (ARTICLES, REJECTED):
        folder = clean_dir / sub
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if path.name.startswith(".tmp-") or (path.suffix == ".jsonl" and path.name not in keep):
                path.unlink()
                removed += 1
    return removed


def read_jsonl(folder: Path) -> list[dict]:
    rows = []
    if folder.is_dir():
        for path in sorted(folder.glob("*.jsonl")):
            with open(path, encoding="utf-8") as handle:
                rows.extend(json.loads(line) for line in handle if line.strip())
    return rows
