"""u54: every usage error is one line, exit 2 (README, "Exit codes"); --help stays full.

Before: argparse printed its multi-line usage block above the error for a missing
argument, a bad choice, a missing required option, a bad value or a stray word
(`pressroom ingest --source` wrote five lines)."""

from __future__ import annotations

import pytest

from tests.cli_run import run_cli


@pytest.mark.parametrize(("args", "prog", "needle"), [
    (("ingest", "--source"), "pressroom ingest", "argument --source: expected one argument"),
    (("sql", "--format", "xml", "SELECT 1"), "pressroom sql",
     "argument --format: invalid choice: 'xml'"),
    (("sources", "frob"), "pressroom sources", "argument action: invalid choice: 'frob'"),
    (("backfill", "--source", "x"), "pressroom backfill",
     "the following arguments are required: --since"),
    (("backfill", "--source", "x", "--since", "nope"), "pressroom backfill",
     "argument --since: not an ISO date: 'nope'"),
    (("ingest", "extra"), "pressroom ingest", "unrecognized arguments: extra"),
    (("bogus",), "pressroom", "argument COMMAND: invalid choice: 'bogus'"),
    ((), "pressroom", "the following arguments are required: COMMAND"),
])
def test_a_usage_error_is_one_line(args: tuple[str, ...], prog: str, needle: str) -> None:
    proc = run_cli(*args)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.startswith(f"{prog}: error: {needle}"), proc.stderr
    assert proc.stderr.endswith(f" (see {prog} --help)\n"), proc.stderr


@pytest.mark.parametrize("args", [("--help",), ("ingest", "--help"), ("backfill", "-h")])
def test_help_stays_in_full(args: tuple[str, ...]) -> None:
    proc = run_cli(*args)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("usage: pressroom"), proc.stdout
    assert len(proc.stdout.splitlines()) > 5, proc.stdout
