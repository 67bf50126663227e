"""Prefect flows for boilerstrip: discovery, batching, retries, artifacts, schedules.

The cleaning itself lives in ``pipeline``; nothing here parses a page.
"""
import os

import pipeline  # noqa: F401  (first: its thread settings must precede numpy's import)

# Offline machines: no telemetry, and no shutdown tracebacks from the
# embedded server. Users can still override any of these in their shell.
for _name, _value in {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    # The embedded server needs 4-25 s to start on a busy 2-core machine;
    # Prefect's default of 20 s is too tight there.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}.items():
    os.environ.setdefault(_name, _value)
