"""A subprocess's output read line by line on a thread, so a test can wait on a line with a
deadline (``queue.Queue.get(timeout=...)``) instead of blocking on the pipe."""

from __future__ import annotations

import queue
import threading
from typing import IO


def pump(stream: IO[str], lines: queue.Queue[str]) -> None:
    """Put each line of ``stream`` on ``lines`` until the stream ends (a thread's target)."""
    for line in stream:
        lines.put(line)


class OutputLines:
    """``stream`` (a ``Popen``'s ``stdout`` or ``stderr``, text mode) read on a daemon thread."""

    def __init__(self, stream: IO[str] | None) -> None:
        assert stream is not None, "the stream must be a pipe (stdout/stderr=subprocess.PIPE)"
        self.lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=pump, args=(stream, self.lines), daemon=True)
        self._reader.start()

    def get(self, timeout: float) -> str:
        """The next line; ``queue.Empty`` when none comes within ``timeout`` seconds."""
        return self.lines.get(timeout=timeout)

    def rest(self, timeout: float = 30) -> list[str]:
        """The lines not taken yet, to the stream's end (waited for up to ``timeout`` s: the
        process has ended or been killed by then)."""
        self._reader.join(timeout=timeout)
        said = []
        while not self.lines.empty():
            said.append(self.lines.get_nowait())
        return said
