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

from .clean import clean_document, clean_documents, warm_up
from .limits import Limits
from .output import remove_stale, replace_outputs
from .read import Reject, discover, read_documents
from .record import Document, Rejected
from .state import plan_run, save_state, settings_digest
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


GROUP = 32   # documents cleaned together (``clean.clean_documents``)


def clean_one(doc: Document, limits: Limits, rules=None) -> dict:
    """The record or reject row of one document. Never raises for bad input.

    Any exception while cleaning it becomes its reject: a bug or a
    pathological page must cost one document, not the run. Only
    KeyboardInterrupt and SystemExit (not Exceptions) get through.
    """
    try:
        with time_limit(limits.max_doc_seconds):
            return clean_document(doc, limits, rules).to_record()
    except Rejected as exc:
        return Reject(doc.source, str(exc)).to_record()
    except Exception as exc:
        return Reject(doc.source, f"internal error: {type(exc).__name__}: {exc}").to_record()


def clean_group(docs: list[Document], limits: Limits, rules=None) -> list[dict]:
    """Record or reject rows of documents cleaned together, in order.

    Together is faster; should the group fail or run over one document's time
    limit, each document is cleaned again alone (``clean_one``), so one bad
    page still costs only itself.
    """
    if len(docs) > 1:
        try:
            with time_limit(limits.max_doc_seconds):
                results = clean_documents(docs, limits, rules)
            return [r.to_record() if isinstance(r, Document) else Reject(d.source, str(r)).to_record()
                    for d, r in zip(docs, results)]
        except Exception:
            pass
    return [clean_one(doc, limits, rules) for doc in docs]


@dataclass
class _FileRows:
    """A raw file's output rows in input order (None: a document still being cleaned)."""

    rel: str
    rows: list = field(default_factory=list)
    waiting: int = 0
    read: bool = False

    def split(self) -> tuple[list[dict], list[dict]]:
        # A record row carries the schema version; a reject row is only source and error.
        records = [r for r in self.rows if "schema_version" in r]
        return records, [r for r in self.rows if "schema_version" not in r]


def _read_rows(raw_dir: Path, rel: str, limits: Limits, file: _FileRows):
    """Yield the documents of one raw file; put its rejects in ``file.rows``."""
    try:
        for item in read_documents(raw_dir, rel, limits):
            if isinstance(item, Reject):
                file.rows.append(item.to_record())
                continue
            file.rows.append(None)
            file.waiting += 1
            yield len(file.rows) - 1, item
    except OSError as exc:
        file.rows.append(Reject(rel, f"cannot read file: {exc.strerror or exc}").to_record())
    except Exception as exc:
        # The reader failed partway: what it yielded stands, the rest of the file is this reject.
        file.rows.append(Reject(rel, f"internal error reading file: {type(exc).__name__}: {exc}").to_record())
    file.read = True


def clean_files(raw_dir: Path, rels: list[str], limits: Limits | None = None, rules=None):
    """Yield (rel, records, rejects) for each raw file, in order, as soon as it is done.

    Documents of consecutive files are cleaned in groups of ``GROUP`` (most raw
    files hold one page).
    """
    limits = limits or Limits()
    warm_up()
    open_files: list[_FileRows] = []
    pending: list[tuple[_FileRows, int, Document]] = []

    def flush():
        rows = clean_group([doc for _, _, doc in pending], limits, rules)
        for (file, slot, _), row in zip(pending, rows):
            file.rows[slot] = row
            file.waiting -= 1
        pending.clear()

    for rel in rels:
        file = _FileRows(rel)
        open_files.append(file)
        for slot, doc in _read_rows(raw_dir, rel, limits, file):
            pending.append((file, slot, doc))
            if len(pending) >= GROUP:
                flush()
        while open_files and open_files[0].read and not open_files[0].waiting:
            done = open_files.pop(0)
            yield (done.rel, *done.split())
    if pending:
        flush()
    for done in open_files:
        yield (done.rel, *done.split())


def clean_file(raw_dir: Path, rel: str, limits: Limits | None = None, rules=None) -> tuple[list[dict], list[dict]]:
    """Records and rejects for one raw file. Never raises for bad input."""
    [(_, records, rejects)] = list(clean_files(raw_dir, [rel], limits, rules))
    return records, rejects


def process_batch(raw_dir: str | Path, clean_dir: str | Path, rels: list[str],
                  limits: Limits | None = None, rules=None) -> BatchStats:
    """Clean every raw file in ``rels`` and replace its outputs in ``clean_dir``."""
    raw_dir, clean_dir = Path(raw_dir), Path(clean_dir)
    stats = BatchStats()
    started = time.monotonic()
    for rel, records, rejects in clean_files(raw_dir, rels, limits, rules):
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
        plan = plan_run(raw_dir, clean_dir, rels, full, settings_digest(rules, limits))
        stats = process_batch(raw_dir, clean_dir, plan.todo, limits, rules)
        stats.skipped = len(plan.unchanged)
        remove_stale(clean_dir, rels)
        save_state(clean_dir, plan)
    return stats
