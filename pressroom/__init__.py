"""Pressroom: scheduled ingestion of press releases into a DuckDB warehouse.

The work is split by pipeline stage: ``flows`` fetches and orchestrates,
``parsers`` turns HTML into :class:`parsers.Article` records and ``warehouse``
stores and queries them. This package holds what all stages share: the
exception tree (:mod:`pressroom.errors`) and the command line (:mod:`pressroom.cli`).
"""

# The C module alone: ``signal`` imports ``enum`` (tens of ms, a window of its own).
import _signal
import os
import sys

__version__ = "0.1.0"


def _stopped_before_main(signum: int, frame: object) -> None:
    """Ctrl-C or SIGTERM before the CLI's own handlers are in (pressroom.interrupts): the
    console script imports the CLI, then ``main`` parses the options. Nothing has run
    yet: one line, exit 130, at once (k55b: a KeyboardInterrupt traceback through
    importlib's frames, or a SIGTERM's silent -15). Raising could be dropped here."""
    os.write(2, b"pressroom: error: interrupted\n")
    os._exit(130)


def _run_as_the_script() -> bool:
    """True in the ``pressroom`` console script (``[project.scripts]``), which imports
    this package first; not where Pressroom is imported (tests, Prefect's flow runs)."""
    script = getattr(sys.modules.get("__main__"), "__file__", None) or ""
    name = os.path.basename(script)
    return name == "pressroom" or name.startswith("pressroom-script")


if _run_as_the_script() and sys.platform != "win32":
    _signal.signal(_signal.SIGINT, _stopped_before_main)
    _signal.signal(_signal.SIGTERM, _stopped_before_main)
