"""Run the pipeline over raw files without any orchestrator.

``process_batch`` is the unit of work the Prefect flow schedules; ``run`` does
a whole raw dir in this process (a notebook, a test, the library benchmark).
"""
from __future__ import annotations

import fcntl
import os
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .clean import clean_document
from .limits import Limits
from .output import remove_stale, replace_outputs
from .read import Reject, discover, read_documents
from .record import Rejected
from .state import plan_run, save_state
from .timeout import time_limit


@dataclass
class BatchStats:
    files: int = 0
    documents: int = 0
    records: int = 0
    rejects: int = 0
    removed: Counter = field(default_factory=Counter)
    reject_reasons: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    skipped: int = 0          # unchanged since the last run

    def add(self, other: "BatchStats") -> "BatchStats":
        self.files += other.files
        self.documents += other.documents
        self.records += other.records
        self.rejects += other.rejects
        self.removed.update(other.removed)
        self.reject_reasons.update(other.reject_reasons)
        self.seconds += other.seconds
        self.skipped += other.skipped
        return self

    @classmethod
    def from_dict(cls, data: dict) -> "BatchStats":
        """The inverse of ``as_dict`` (stats come back from worker processes as dicts)."""
        stats = cls(files=data["files"], documents=data["documents"], records=data["records"],
                    rejects=data["rejects"], seconds=data["seconds"], skipped=data["skipped_unchanged"])
        stats.removed.update(data["removed"])
        stats.reject_reasons.update(data["reject_reasons"])
        return stats

    def as_dict(self) -> dict:
        return {"files": self.files, "documents": self.documents, "records": self.records,
                "rejects": self.rejects, "removed": dict(self.removed),
                "reject_reasons": dict(self.reject_reasons), "seconds": round(self.seconds, 3),
                "skipped_unchanged": self.skipped}


def clean_file(raw_dir: Path, rel: str, limits: Limits | None = None, rules=None) -> tuple[list[dict], list[dict]]:
    """Records and rejects for one raw file. Never raises for bad input.

    Any exception while cleaning one document becomes that document's reject:
    a bug or a pathological page must cost one document, not the run. Only
    KeyboardInterrupt and SystemExit (not Exceptions) get through.
    """
    limits = limits or Limits()
    records, rejects = [], []
    try:
        for item in read_documents(raw_dir, rel, limits):
            if isinstance(item, Reject):
                rejects.append(item.to_record())
                continue
            try:
                # Appended only once the limit's after-the-fact check has passed:
                # a document over time must be a reject, not a record and a reject.
                with time_limit(limits.max_doc_seconds):
                    record = clean_document(item, limits, rules).to_record()
                records.append(record)
            except Rejected as exc:
                rejects.append(Reject(item.source, str(exc)).to_record())
            except Exception as exc:
                rejects.append(Reject(item.source, f"internal error: {type(exc).__name__}: {exc}").to_record())
    except OSError as exc:
        rejects.append(Reject(rel, f"cannot read file: {exc.strerror or exc}").to_record())
    except Exception as exc:
        # The reader failed partway: what it yielded stands, the rest of the file is this reject.
        rejects.append(Reject(rel, f"internal error reading file: {type(exc).__name__}: {exc}").to_record())
    return records, rejects


def process_batch(raw_dir: str | Path, clean_dir: str | Path, rels: list[str],
                  limits: Limits | None = None, rules=None) -> BatchStats:
    """Clean every raw file in ``rels`` and replace its outputs in ``clean_dir``."""
    raw_dir, clean_dir = Path(raw_dir), Path(clean_dir)
    stats = BatchStats()
    started = time.monotonic()
    for rel in rels:
        records, rejects = clean_file(raw_dir, rel, limits, rules)
        replace_outputs(clean_dir, rel, records, rejects)
        stats.files += 1
        stats.documents += len(records) + len(rejects)
        stats.records += len(records)
        stats.rejects += len(rejects)
        for record in records:
            stats.removed.update(r["category"] for r in record["removed"])
        stats.reject_reasons.update(r["error"].split(":")[0] for r in rejects)
    stats.seconds = time.monotonic() - started
    return stats


def make_batches(raw_dir: Path, rels: list[str], target_bytes: int, max_files: int) -> list[list[str]]:
    """Group files into batches of about ``target_bytes`` of input, at most ``max_files`` each.

    Bytes, not file counts, set the size: one JSON Lines export can hold
    thousands of pages while a .txt holds one.
    """
    batches: list[list[str]] = []
    current: list[str] = []
    size = 0
    for rel in rels:
        try:
            nbytes = (raw_dir / rel).lstat().st_size
        except OSError:
            nbytes = 0
        if current and (size + nbytes > target_bytes or len(current) >= max_files):
            batches.append(current)
            current, size = [], 0
        current.append(rel)
        size += nbytes
    if current:
        batches.append(current)
    return batches


@contextmanager
def run_lock(clean_dir: Path):
    """Hold clean/.lock for the whole run; a second run at once is refused, not interleaved."""
    clean_dir.mkdir(parents=True, exist_ok=True)
    handle = open(clean_dir / ".lock", "a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise RunLocked(f"another boilerstrip run is writing to {clean_dir}; try again when it ends") from None
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


class RunLocked(RuntimeError):
    pass


def run(raw_dir: str | Path = "raw", clean_dir: str | Path = "clean", limits: Limits | None = None,
        rules=None, full: bool = False) -> BatchStats:
    """Clean new and changed files under ``raw_dir`` into ``clean_dir`` in this process.

    ``full`` cleans every file again, whatever the state file says.
    """
    raw_dir, clean_dir = Path(raw_dir), Path(clean_dir)
    with run_lock(clean_dir):
        rels = discover(raw_dir)
        plan = plan_run(raw_dir, clean_dir, rels, full)
        stats = process_batch(raw_dir, clean_dir, plan.todo, limits, rules)
        stats.skipped = len(plan.unchanged)
        remove_stale(clean_dir, rels)
        save_state(clean_dir, plan)
    return stats
