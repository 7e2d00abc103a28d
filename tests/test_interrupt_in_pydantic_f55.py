"""f55 (h55): a stop signal whose KeyboardInterrupt is raised inside pydantic-core's
serializer stops the command as any Ctrl-C or SIGTERM does: one line, exit 130 (README
"Exit codes"); ``serve`` says "pressroom: serve stopped", exit 0 ("Scheduled runs").

pydantic-core wraps an exception raised in a custom serializer (Prefect's settings have one
on every model, dumped at ``from prefect import serve``) as ``PydanticSerializationError``,
and where models nest, as Prefect's settings do, nothing in its cause or context says it was
an interrupt: ``serve`` ended with that traceback and exit 1, one stop in five of
tests/test_serve_sigterm_lost_f54.py under load (h55). Here the signal is made to land
there every time (tests/pydantic_interrupt.py): real CLI subprocesses, real signals raised
by the child in its own process, a real Prefect server for ``serve``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pydantic_interrupt import pydantic_interrupt_script
from tests.site import PressSite
from tests.site.sources import write_sources_toml

SENT = "f55: signal raised inside a pydantic serializer at import of"
SIGNALS = pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"], ids=["ctrl-c", "sigterm"])


def _run(script: str, args: list[str], env: dict[str, str]) -> tuple[int, list[str]]:
    done = subprocess.run([sys.executable, "-c", script, *args], env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=240)
    lines = done.stdout.splitlines()
    assert [line for line in lines if line.startswith(SENT)], done.stdout  # it did land there
    return done.returncode, [line for line in lines if line.strip() and not line.startswith(SENT)]


@SIGNALS
def test_a_command_interrupted_inside_a_pydantic_serializer_says_one_line(
        tmp_path: Path, signame: str) -> None:
    script = pydantic_interrupt_script(SENT, signame, handler_from="pressroom")
    code, said = _run(script, ["sql", "SELECT 1", "--db", str(tmp_path / "w.duckdb")],
                      dict(os.environ))
    # Before: PydanticSerializationError's traceback, exit 1.
    assert (code, said) == (130, ["pressroom: error: interrupted"]), said


@pytest.mark.slow
@SIGNALS
def test_serve_stopped_inside_a_pydantic_serializer_says_it_stopped(
        prefect_api: str, tmp_path: Path, signame: str) -> None:
    env = {**os.environ, "PREFECT_API_URL": prefect_api,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    # serve's own SIGTERM handler; Ctrl-C's is the CLI's, in force from before serve began.
    script = pydantic_interrupt_script(
        SENT, signame, handler_from="flows.serve" if signame == "SIGTERM" else "pressroom",
        at_import="flows.prefect_api")
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",),
                                     schedule="0 0 1 1 *")
        code, said = _run(script, ["serve", "--sources", str(sources),
                                   "--db", str(tmp_path / "w.duckdb")], env)
    # Before: PydanticSerializationError's traceback, exit 1.
    assert (code, said) == (0, ["pressroom: serve stopped"]), said
