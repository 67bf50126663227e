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


@contextmanager
def dask_cluster(address: str | None = None, workers: int | None = None) -> Iterator:
    """A Dask client: on an existing cluster at ``address``, or a local one of ``workers`` processes.

    The client's ``submit(fn, *args).result()`` is all the flow uses, the same
    call as on a ``concurrent.futures`` executor.
    """
    from distributed import Client, LocalCluster

    if address:
        with Client(address) as client:
            yield client
        return
    # One thread per worker process: cleaning is CPU-bound Python.
    with LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield client
