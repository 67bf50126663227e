"""Per-file and per-document limits: exceeding one rejects that input, never the run."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 64 * 1024 * 1024     # raw file, after gunzip
    max_doc_chars: int = 5_000_000             # one document's decoded text or HTML
    max_doc_seconds: float = 30.0              # wall time to clean one document
