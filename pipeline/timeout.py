"""A wall-clock limit for cleaning one document.

Signals reach only the main thread, so the limit interrupts the work where
documents are cleaned on a process's main thread (worker processes, plain
runs); elsewhere (a thread of an in-process Prefect task) the document is
measured after the fact and rejected if it ran over. A signal is handled
between Python bytecodes, so one long call into C (a regex, an HTML parse)
finishes before the limit can interrupt it: those must be bounded by input
size (``Limits.max_doc_chars``, ``read.MAX_HTML_DEPTH``) and by linear-time
patterns (tests/test_properties.py).
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager

from .record import Rejected


class _Expired(BaseException):
    """Raised by the alarm; a BaseException so that a cleaner's ``except Exception``
    fallback cannot swallow it and carry on past the limit."""


@contextmanager
def time_limit(seconds: float):
    """Raise Rejected if the block runs longer than ``seconds`` (0 or less: no limit)."""
    if seconds <= 0:
        yield
        return
    started = time.monotonic()
    interruptible = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    message = f"cleaning took longer than the limit of {seconds} s"
    if interruptible:
        def _expired(signum, frame):
            raise _Expired()

        previous = signal.signal(signal.SIGALRM, _expired)
        signal.setitimer(signal.ITIMER_REAL, seconds)

    def disarm():
        if interruptible:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    try:
        try:
            yield
        finally:
            disarm()
    except _Expired:
        # The alarm may fire inside the finally above, before it disarms:
        # disarm again (the timer is one-shot, so this cannot be interrupted).
        disarm()
        raise Rejected(message) from None
    if time.monotonic() - started > seconds:
        raise Rejected(message)
