"""A one-line progress bar on stderr, drawn only when stderr is a terminal."""
from __future__ import annotations

import sys
import time


class ProgressLine:
    def __init__(self, total: int, stream=None, width: int = 30):
        self.total = total
        self.stream = stream or sys.stderr
        self.width = width
        self.started = time.monotonic()
        self.active = total > 1 and hasattr(self.stream, "isatty") and self.stream.isatty()

    def update(self, done: int, documents: int) -> None:
        if not self.active:
            return
        filled = int(self.width * done / self.total)
        rate = documents / max(time.monotonic() - self.started, 1e-9)
        self.stream.write(f"\r[{'#' * filled}{' ' * (self.width - filled)}] {done}/{self.total} batches, "
                          f"{documents} docs, {rate:.0f} docs/s")
        self.stream.flush()

    def close(self) -> None:
        if self.active:
            self.stream.write("\n")
            self.stream.flush()
