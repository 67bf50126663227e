"""Per-file and per-document limits: exceeding one rejects that input, never the run."""
from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 64 * 1024 * 1024     # raw file, after gunzip
    max_doc_chars: int = 5_000_000             # one document's decoded text or HTML
    max_doc_seconds: float = 30.0              # wall time to clean one document

    @classmethod
    def from_options(cls, max_doc_mb: float | None = None, max_doc_seconds: float | None = None) -> "Limits":
        """Limits from command-line options; an option left out keeps its default.

        >>> Limits.from_options(max_doc_mb=2).max_doc_chars
        2000000
        """
        limits = cls()
        changes = {}
        if max_doc_mb is not None:
            changes["max_doc_chars"] = int(max_doc_mb * 1_000_000)
            # A file must be allowed to hold at least one document of that size.
            changes["max_file_bytes"] = max(limits.max_file_bytes, int(max_doc_mb * 1_000_000))
        if max_doc_seconds is not None:
            changes["max_doc_seconds"] = float(max_doc_seconds)
        return replace(limits, **changes)
