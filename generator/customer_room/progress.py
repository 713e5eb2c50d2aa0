"""A progress bar on a terminal, plain lines elsewhere (CI logs)."""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    """Counts finished jobs of one kind; draws a bar on a TTY and a line per tenth elsewhere."""

    def __init__(self, label: str, total: int, stream: TextIO | None = None) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.is_tty = self.stream.isatty()
        self._last_tenth = -1

    def advance(self) -> None:
        self.done += 1
        if self.total == 0:
            return
        if self.is_tty:
            filled = int(30 * self.done / self.total)
            bar = "#" * filled + "." * (30 - filled)
            end = "\n" if self.done == self.total else ""
            self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total}{end}")
            self.stream.flush()
            return
        tenth = 10 * self.done // self.total
        if tenth != self._last_tenth:
            self._last_tenth = tenth
            self.stream.write(f"{self.label}: {self.done}/{self.total}\n")
            self.stream.flush()
