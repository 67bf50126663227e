"""Where batches run: processes on this machine, or an existing Dask cluster.

Prefect tasks stay on the driver (they are cheap threads that wait); the
CPU-bound cleaning of each batch is handed to one of these executors. This
keeps a single Prefect API in play: worker processes never start their own
embedded Prefect server.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Iterator


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


@contextmanager
def local_processes(workers: int | None = None) -> Iterator[Executor]:
    # "spawn": forking a process that already runs Prefect's threads and event
    # loop can deadlock the child.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers or default_workers(), mp_context=context) as pool:
        yield pool
