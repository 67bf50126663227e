"""Faults: a run killed halfway, two runs at once, errors inside one document or task.

The corpus is generated (synthetic prose from ``test_hostile``); the CLI runs
in a subprocess so that it can be killed with SIGKILL for real.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import pipeline.run
from pipeline.limits import Limits
from pipeline.output import ARTICLES, REJECTED
from pipeline.record import Block, Rejected
from pipeline.run import clean_file, process_batch, run, run_lock
from test_hostile import article, assert_accounted, html_page

ROOT = Path(__file__).resolve().parent.parent
N_HTML, N_TEXT = 960, 240


def _cli(raw: Path, clean: Path) -> list[str]:
    """The ``boilerstrip run --no-prefect`` command line (the console script if installed)."""
    script = Path(sys.executable).parent / "boilerstrip"
    head = [str(script)] if script.exists() else [sys.executable, "-m", "flows.cli"]
    return head + ["run", "--no-prefect", "--raw", str(raw), "--clean", str(clean)]


def _start(raw: Path, clean: Path) -> subprocess.Popen:
    return subprocess.Popen(_cli(raw, clean), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _snapshot(clean: Path) -> dict[str, bytes]:
    return {p.relative_to(clean).as_posix(): p.read_bytes()
            for sub in (ARTICLES, REJECTED) for p in sorted((clean / sub).glob("*"))}


def _outputs(clean: Path) -> int:
    return sum(len(list((clean / sub).glob("*.jsonl"))) for sub in (ARTICLES, REJECTED) if (clean / sub).is_dir())


def _wait_for(condition, timeout: float = 60.0, step: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A raw dir that takes a few seconds to clean, and its uninterrupted output."""
    base = tmp_path_factory.mktemp("faults")
    raw = base / "raw"
    raw.mkdir()
    for i in range(N_HTML):
        (raw / f"pages/p{i:03d}.html").parent.mkdir(exist_ok=True)
        (raw / f"pages/p{i:03d}.html").write_text(html_page(1000 + i))
    for i in range(N_TEXT):
        (raw / f"text/t{i:03d}.txt").parent.mkdir(exist_ok=True)
        (raw / f"text/t{i:03d}.txt").write_text(article(2000 + i))
    reference = base / "reference"
    run(raw, reference)
    return raw, _snapshot(reference)


def test_a_run_killed_halfway_is_completed_by_the_next_run(corpus, tmp_path):
    raw, reference = corpus
    clean = tmp_path / "clean"
    proc = _start(raw, clean)
    try:
        assert _wait_for(lambda: _outputs(clean) >= 40 or proc.poll() is not None)
        assert proc.poll() is None, "the run ended before it could be killed; make the corpus bigger"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    assert 0 < _outputs(clean) < len(reference)
    again = subprocess.run(_cli(raw, clean), cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert _snapshot(clean) == reference
    assert not [p for p in clean.rglob("*") if p.name.startswith(".tmp-")]
    assert_accounted(raw, clean)


def test_a_second_run_is_refused_with_exit_code_3_while_one_holds_the_lock(corpus, tmp_path):
    raw, _ = corpus
    clean = tmp_path / "clean"
    with run_lock(clean):
        second = subprocess.run(_cli(raw, clean), cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert second.returncode == 3
    assert "another boilerstrip run is writing to" in second.stderr
    assert _outputs(clean) == 0  # refused before touching anything


def test_two_runs_at_once_one_refuses_and_the_output_stays_correct(corpus, tmp_path):
    raw, reference = corpus
    clean = tmp_path / "clean"
    first = _start(raw, clean)
    try:
        # The lock file holds the pid once the lock is taken.
        assert _wait_for(lambda: _outputs(clean) >= 1 or first.poll() is not None)
        assert first.poll() is None, "the first run ended too soon to overlap; make the corpus bigger"
        second = subprocess.run(_cli(raw, clean), cwd=ROOT, capture_output=True, text=True, timeout=120)
        overlapped = first.poll() is None
        out, err = first.communicate(timeout=300)
    finally:
        first.kill()
    assert overlapped or second.returncode == 3, \
        "the first run ended before the second one started up; make the corpus bigger"
    assert second.returncode == 3 and "another boilerstrip run" in second.stderr
    assert first.returncode == 0, err
    assert _snapshot(clean) == reference
    assert_accounted(raw, clean)


# --- errors inside a task -------------------------------------------------------------

class _State:
    """A stand-in for a Prefect task state whose result raises ``exc`` (or returns)."""

    def __init__(self, exc: BaseException | None = None):
        self.exc = exc

    def result(self):
        if self.exc is not None:
            raise self.exc
        return {}


def test_transient_errors_are_retried_and_bugs_are_not():
    from flows.clean_flow import _transient, clean_batch

    class BrokenProcessPool(Exception):
        pass

    class KilledWorker(Exception):
        pass

    for exc in (OSError("disk hiccup"), TimeoutError(), ConnectionError(), BrokenProcessPool(), KilledWorker()):
        assert _transient(None, None, _State(exc)) is True, exc
    for exc in (ValueError("bug"), KeyError("x"), RuntimeError("bug"), Rejected("bad input")):
        assert _transient(None, None, _State(exc)) is False, exc
    assert _transient(None, None, _State()) is False
    assert clean_batch.retries >= 1 and clean_batch.retry_condition_fn is _transient


def _patch_cleaner(monkeypatch, clean) -> None:
    """Make ``clean`` the run's document cleaner, alone and in groups (a group
    fails as a whole when one of its documents does, as the real one would)."""
    monkeypatch.setattr(pipeline.run, "clean_document", clean)
    monkeypatch.setattr(pipeline.run, "clean_documents",
                        lambda docs, limits=None, rules=None: [clean(d, limits, rules) for d in docs])


def _fake_cleaner(fail_on: str, exc_type=RuntimeError):
    """A cleaner that fails on documents containing ``fail_on`` and keeps every line of the others."""
    def clean(doc, limits=None, rules=None):
        if fail_on in doc.content:
            raise exc_type(f"cleaner blew up on {doc.source}")
        doc.blocks = [Block(index=0, raw=doc.content, text=" ".join(doc.content.split()))]
        return doc
    return clean


def _two_docs(tmp_path: Path) -> Path:
    (tmp_path / "feed.jsonl").write_text('{"text": "fine words here"}\n{"text": "boom goes this one"}\n'
                                         '{"text": "more fine words"}\n')
    return tmp_path


@pytest.mark.parametrize("exc_type", [RuntimeError, ZeroDivisionError, AssertionError, LookupError,
                                      NotImplementedError, RecursionError, MemoryError])
def test_an_exception_cleaning_one_document_is_a_reject_for_that_document(tmp_path, monkeypatch, exc_type):
    _patch_cleaner(monkeypatch, _fake_cleaner("boom", exc_type))
    records, rejects = clean_file(_two_docs(tmp_path), "feed.jsonl")
    assert [r["source"] for r in records] == ["feed.jsonl#L1", "feed.jsonl#L3"]
    [reject] = rejects
    assert reject["source"] == "feed.jsonl#L2"
    assert reject["error"].startswith(f"internal error: {exc_type.__name__}: cleaner blew up")


@pytest.mark.parametrize("exc_type", [KeyboardInterrupt, SystemExit])
def test_interrupts_are_not_swallowed(tmp_path, monkeypatch, exc_type):
    _patch_cleaner(monkeypatch, _fake_cleaner("boom", exc_type))
    with pytest.raises(exc_type):
        clean_file(_two_docs(tmp_path), "feed.jsonl")


def test_a_failing_document_does_not_fail_the_batch(tmp_path, monkeypatch):
    _patch_cleaner(monkeypatch, _fake_cleaner("boom"))
    (tmp_path / "raw").mkdir()
    raw = _two_docs(tmp_path / "raw")
    (raw / "solo.txt").write_text("boom again")
    stats = process_batch(raw, tmp_path / "clean", ["feed.jsonl", "solo.txt"])
    assert (stats.files, stats.records, stats.rejects) == (2, 2, 2)
    assert stats.reject_reasons["internal error"] == 2
    assert_accounted(raw, tmp_path / "clean", ["feed.jsonl", "solo.txt"])


def test_a_reader_that_fails_partway_keeps_what_it_read(tmp_path, monkeypatch):
    from pipeline.read import Reject

    def reader(raw_dir, rel, limits):
        yield Reject(f"{rel}#L1", "malformed JSON line: test")
        raise RuntimeError("reader bug")

    monkeypatch.setattr(pipeline.run, "read_documents", reader)
    records, rejects = clean_file(tmp_path, "x.jsonl")
    assert [r["source"] for r in rejects] == ["x.jsonl#L1", "x.jsonl"]
    assert "internal error reading file: RuntimeError: reader bug" in rejects[1]["error"]


# --- the per-document time limit ---------------------------------------------------------

def _slow_cleaner(swallow: bool):
    """A cleaner stuck in a Python loop; with ``swallow`` it hides exceptions like a careless fallback."""
    def clean(doc, limits=None, rules=None):
        if "slow" not in doc.content:
            return _fake_cleaner("never")(doc)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                sum(range(1000))
            except Exception:
                if not swallow:
                    raise
        raise AssertionError("the time limit never fired")
    return clean


@pytest.mark.parametrize("swallow", [False, True])
def test_a_document_over_the_time_limit_is_rejected_and_the_next_one_is_cleaned(tmp_path, monkeypatch, swallow):
    _patch_cleaner(monkeypatch, _slow_cleaner(swallow))
    (tmp_path / "feed.jsonl").write_text('{"text": "slow one"}\n{"text": "quick one"}\n')
    started = time.monotonic()
    records, rejects = clean_file(tmp_path, "feed.jsonl", Limits(max_doc_seconds=0.3))
    assert time.monotonic() - started < 3
    assert [r["source"] for r in records] == ["feed.jsonl#L2"]
    assert rejects == [{"source": "feed.jsonl#L1", "error": "cleaning took longer than the limit of 0.3 s"}]


def test_off_the_main_thread_an_overlong_document_is_rejected_after_the_fact(tmp_path, monkeypatch):
    def slowish(doc, limits=None, rules=None):
        time.sleep(0.4)
        return _fake_cleaner("never")(doc)

    _patch_cleaner(monkeypatch, slowish)
    (tmp_path / "a.txt").write_text("words")
    result = {}
    worker = threading.Thread(target=lambda: result.update(out=clean_file(tmp_path, "a.txt",
                                                                          Limits(max_doc_seconds=0.2))))
    worker.start()
    worker.join(10)
    records, rejects = result["out"]
    assert records == [] and "longer than the limit" in rejects[0]["error"]


def test_the_time_limit_leaves_no_alarm_behind(tmp_path, monkeypatch):
    _patch_cleaner(monkeypatch, _fake_cleaner("never"))
    (tmp_path / "a.txt").write_text("words")
    before = signal.getsignal(signal.SIGALRM)
    clean_file(tmp_path, "a.txt", Limits(max_doc_seconds=0.2))
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


# --- retries in the Prefect flow (the session's embedded Prefect server, see conftest) ---------

@pytest.mark.prefect
def test_the_flow_retries_a_batch_after_a_transient_error(prefect_harness, tmp_path, monkeypatch):
    import flows.clean_flow as clean_flow_module
    from flows.cli import run_flow

    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(3):
        (raw / f"p{i}.html").write_text(html_page(3000 + i))
    calls = []
    real = clean_flow_module.process_batch

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("transient: the disk was briefly unavailable")
        return real(*args, **kwargs)

    monkeypatch.setattr(clean_flow_module, "process_batch", flaky)
    summary = run_flow(str(raw), str(tmp_path / "clean"), workers=1)
    assert len(calls) == 2
    assert summary["files"] == 3 and summary["records"] + summary["rejects"] == 3
    assert_accounted(raw, tmp_path / "clean")
