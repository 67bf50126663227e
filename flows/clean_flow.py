"""The main job: clean every file under raw/ into clean/, batch by batch."""
from __future__ import annotations

import time
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_progress_artifact, create_table_artifact, update_progress_artifact
from prefect.futures import as_completed
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from pipeline.limits import Limits
from pipeline.output import remove_stale
from pipeline.read import discover
from pipeline.run import BatchStats, make_batches, process_batch, run_lock
from pipeline.state import plan_run, save_state, settings_digest
from pipeline.userrules import load_rules

from flows.executors import dask_cluster, default_workers, local_processes
from flows.progress import ProgressLine

# Measured on this 2-core machine (scripts/bench_task_overhead.py): a task
# costs ~30 ms of Prefect bookkeeping when the machine is busy (5-8 ms idle),
# while a document costs 3-5 ms (text) to 30-40 ms (HTML) to clean. 8 MB
# batches (~300 scraped-text pages, ~50 HTML pages) keep the overhead near 1%;
# smaller corpora are split so every worker still gets two batches.
BATCH_BYTES = 8 * 1024 * 1024
MIN_BATCH_BYTES = 256 * 1024
BATCH_MAX_FILES = 500

_executor = None  # set for the duration of a flow run; tasks submit to it


def _transient(task, task_run, state) -> bool:
    """Retry only what may pass: I/O trouble and lost workers, not bugs."""
    try:
        state.result()
    except (OSError, TimeoutError, ConnectionError):
        return True
    except Exception as exc:
        return type(exc).__name__ in {"BrokenProcessPool", "CommClosedError", "KilledWorker"}
    return False


# Prefect's cache knows nothing of the files a batch writes; idempotency comes
# from the outputs' fixed names instead.
@task(name="clean-batch", retries=2, retry_delay_seconds=2, retry_condition_fn=_transient,
      cache_policy=NO_CACHE)
def clean_batch(raw_dir: str, clean_dir: str, rels: list[str], limits: Limits, rules_path: str | None) -> dict:
    rules = load_rules(rules_path) if rules_path else None
    if _executor is None:
        stats = process_batch(raw_dir, clean_dir, rels, limits, rules)
    else:
        stats = _executor.submit(process_batch, raw_dir, clean_dir, rels, limits, rules).result()
    return stats.as_dict()


# Task threads only wait on the process pool, so a few per core suffice.
@flow(name="boilerstrip-clean", log_prints=False, task_runner=ThreadPoolTaskRunner(max_workers=8))
def clean_flow(raw: str = "raw", clean: str = "clean", workers: int | None = None,
               rules_path: str | None = None, limits: Limits | None = None, full: bool = False,
               dask_address: str | None = None, dask_workers: int | None = None) -> dict:
    """Clean new and changed files under ``raw`` into ``clean``; publish a summary table.

    ``full`` cleans every file again, whatever ``clean/state.json`` says. Batches
    run on local worker processes, or on Dask: an existing cluster at
    ``dask_address`` or a local cluster of ``dask_workers`` processes.
    """
    global _executor
    logger = get_run_logger()
    raw_dir, clean_dir = Path(raw), Path(clean)
    limits = limits or Limits()
    started = time.monotonic()
    with run_lock(clean_dir):
        rels = discover(raw_dir)
        # Outputs cleaned under other rules or limits are stale too.
        rules = load_rules(rules_path) if rules_path else None
        plan = plan_run(raw_dir, clean_dir, rels, full, settings_digest(rules, limits))
        workers = workers or default_workers()
        total_bytes = sum(plan.fingerprints.get(rel, {}).get("size", 0) for rel in plan.todo)
        batch_bytes = min(BATCH_BYTES, max(MIN_BATCH_BYTES, total_bytes // (2 * workers)))
        batches = make_batches(raw_dir, plan.todo, batch_bytes, BATCH_MAX_FILES)
        logger.info("%d files, %d new or changed, in %d batches", len(rels), len(plan.todo), len(batches))
        total = BatchStats()
        if dask_address or dask_workers:
            executor = dask_cluster(dask_address, dask_workers)
        else:
            executor = local_processes(workers)
        with executor as pool:
            in_process = not (dask_address or dask_workers) and (workers <= 1 or len(batches) <= 1)
            # One small batch is faster here than a worker process starting up.
            _executor = None if in_process else pool
            try:
                futures = clean_batch.map(str(raw_dir), str(clean_dir), batches, limits, rules_path) \
                    if batches else []
                progress_id = create_progress_artifact(0.0, key="boilerstrip-progress",
                                                       description="Share of batches cleaned")
                line = ProgressLine(len(batches))
                for done, future in enumerate(as_completed(futures), start=1):
                    total.add(BatchStats.from_dict(future.result()))
                    # One update per batch: each costs an API call (~11 ms).
                    update_progress_artifact(progress_id, 100.0 * done / len(batches))
                    line.update(done, total.documents)
                line.close()
            finally:
                _executor = None
        stale = remove_stale(clean_dir, rels)
        total.skipped = len(plan.unchanged)
        save_state(clean_dir, plan)
    summary = total.as_dict()
    summary.update(batches=len(batches), stale_removed=stale, wall_seconds=round(time.monotonic() - started, 3))
    publish_summary(summary)
    return summary


def publish_summary(summary: dict) -> None:
    rows = [
        {"measure": "files read", "value": summary["files"]},
        {"measure": "files unchanged (skipped)", "value": summary["skipped_unchanged"]},
        {"measure": "records written", "value": summary["records"]},
        {"measure": "rejects", "value": summary["rejects"]},
    ]
    rows += [{"measure": f"removed: {category}", "value": count}
             for category, count in sorted(summary["removed"].items(), key=lambda kv: -kv[1])]
    rows += [{"measure": f"rejected: {reason}", "value": count}
             for reason, count in sorted(summary["reject_reasons"].items(), key=lambda kv: -kv[1])]
    create_table_artifact(rows, key="boilerstrip-run-summary",
                          description="Files read, records written, rejects, removed blocks by category")
