"""Scheduled runs: serve the flow on a cron or an interval (needs a Prefect server)."""
from __future__ import annotations

import os
from datetime import timedelta


def serve(raw: str, clean: str, cron: str | None = None, interval: float | None = None,
          name: str = "boilerstrip-scheduled", dask_address: str | None = None,
          rules_path: str | None = None) -> None:
    """Block, running the clean flow on schedule; each run cleans only new or changed files."""
    if not os.environ.get("PREFECT_API_URL"):
        raise SystemExit(
            "boilerstrip serve needs a Prefect server (the embedded one has no scheduler).\n"
            "Start one:   .venv/bin/prefect server start --host 127.0.0.1 --port 4200\n"
            "then:        export PREFECT_API_URL=http://127.0.0.1:4200/api")
    from .clean_flow import clean_flow

    parameters = {"raw": os.path.abspath(raw), "clean": os.path.abspath(clean)}
    if dask_address:
        parameters["dask_address"] = dask_address
    if rules_path:
        parameters["rules_path"] = os.path.abspath(rules_path)
    clean_flow.serve(name=name, cron=cron, interval=timedelta(seconds=interval) if interval else None,
                     parameters=parameters)
