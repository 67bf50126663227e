"""Measure Prefect's per-task overhead here, which sets the flow's batch size.

Runs the clean flow twice over the same generated raw dir of small text files:
once with one file per task, once with every file in one task (in-process in
both cases, so only Prefect's bookkeeping differs). The difference divided by
the extra tasks is the cost of one task.

    .venv/bin/python scripts/bench_task_overhead.py [--files 120]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PARAGRAPH = ("The council met on {day} to discuss the repair of the old bridge over the river, and members "
             "agreed that the work should start before the winter storms arrive in the valley.")


def make_raw(target: Path, n: int) -> None:
    target.mkdir(parents=True)
    for i in range(n):
        body = "\n\n".join(PARAGRAPH.format(day=f"day {i}-{k}") for k in range(6))
        (target / f"doc-{i:04d}.txt").write_text(f"Bridge Repairs Agreed {i}\n\n{body}\n", "utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=120)
    args = parser.parse_args()
    import flows  # noqa: F401
    import flows.clean_flow as module
    from flows.cli import run_flow

    work = Path(tempfile.mkdtemp(prefix="bs-overhead-"))
    try:
        raw = work / "raw"
        make_raw(raw, args.files)
        run_flow(str(raw), str(work / "warm"), workers=1, full=True)  # start the embedded server once
        timings = {}
        for label, max_files in (("one task per file", 1), ("one task for all", 10**9)):
            module.BATCH_MAX_FILES = max_files
            started = time.perf_counter()
            summary = run_flow(str(raw), str(work / f"clean-{max_files}"), workers=1, full=True)
            timings[label] = (time.perf_counter() - started, summary["batches"])
            print(f"{label:<20} {summary['batches']:>5} tasks  {timings[label][0]:6.2f} s")
        (many, n_many), (one, n_one) = timings["one task per file"], timings["one task for all"]
        per_task = (many - one) / (n_many - n_one)
        per_doc = one / args.files
        print(f"overhead per task: {per_task * 1000:.1f} ms; cleaning per document: {per_doc * 1000:.1f} ms")
        print(f"for overhead under 1%, a batch needs >= {per_task / (0.01 * per_doc):.0f} documents of this size")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
