"""Prefect flows for boilerstrip: discovery, batching, retries, artifacts, schedules.

The cleaning itself lives in ``pipeline``; nothing here parses a page.
"""
import os

# Offline machines: no telemetry, and no shutdown tracebacks from the
# embedded server. Users can still override any of these in their shell.
for _name, _value in {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_LOGGING_LEVEL": "WARNING",
}.items():
    os.environ.setdefault(_name, _value)
