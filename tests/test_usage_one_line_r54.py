"""r54: the usage errors u54's OneLineParser did not reach, because the code said them
itself: each is one line in argparse's form, exit 2 (README, "Exit codes"), before any
file is read.

Before: `pressroom sources check` (no name) exited 1 (`pressroom: error: \\`pressroom
sources check\\` needs a source name`, a configuration error's code); `pressroom search`
(no query) opened the warehouse first, so with none there it said `database ... does not
exist` (exit 1), and with one it exited 2 in another form (`pressroom: error: search
needs a query ...`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_run import run_cli


@pytest.mark.parametrize(("args", "prog", "needle"), [
    (("sources", "check"), "pressroom sources", "check needs a source name"),
    (("search",), "pressroom search", "needs a query (or --reindex alone)"),
    (("search", "  ", "--source", "belta"), "pressroom search",
     "needs a query (or --reindex alone)"),
])
def test_a_usage_error_the_code_says_is_one_argparse_line(
        args: tuple[str, ...], prog: str, needle: str, tmp_path: Path) -> None:
    proc = run_cli(*args, "--db" if args[0] == "search" else "--sources",
                   str(tmp_path / ("none.duckdb" if args[0] == "search" else "none.toml")))
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr == f"{prog}: error: {needle} (see {prog} --help)\n", proc.stderr
    assert not list(tmp_path.iterdir())  # nothing made


def test_search_reindex_alone_is_no_usage_error(tmp_path: Path) -> None:
    """Guard: `search --reindex` with no query is allowed (it needs a warehouse)."""
    proc = run_cli("search", "--reindex", "--db", str(tmp_path / "none.duckdb"))
    assert proc.returncode == 1, proc.stderr
    assert "does not exist" in proc.stderr, proc.stderr
