"""Progress of a run on the console: a live Rich display on a terminal, plain lines otherwise.

Messages look like ``"belta: 120/600 articles done"``; on a terminal each
source keeps one line that is rewritten in place (Rich, installed with
Prefect, imported only here and only for a terminal). Piped or logged stderr
gets every message as a plain line, as before.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

PROGRESS_EVERY = 5.0  # seconds between progress lines of a long source


@contextmanager
def progress_display(stream: TextIO | None = None) -> Iterator[Callable[[str], None]]:
    """Yield the progress callback for a run; the display ends with the block."""
    out = stream or sys.stderr
    if not out.isatty():
        def plain(message: str) -> None:
            print(message, file=out, flush=True)

        yield plain
        return
    from rich.console import Console
    from rich.live import Live
    from rich.table import Table

    latest: dict[str, str] = {}

    def render() -> Table:
        table = Table.grid(padding=(0, 1))
        for source, message in latest.items():
            table.add_row(f"[bold]{source}[/]", message)
        return table

    with Live(render(), console=Console(file=out), refresh_per_second=4,
              transient=False) as live:
        def show(message: str) -> None:
            source, _, rest = message.partition(": ")
            latest[source if rest else "pressroom"] = rest or message
            live.update(render())

        yield show
