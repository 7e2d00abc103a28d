"""u54: an ingest turned away because another run holds its source says so in a line
with the `pressroom:` prefix every other stderr line has, naming the source.

Before: `pressroom ingest --no-prefect` wrote `skipped: another run of belta is in
progress (pid 4242)` on stderr, no prefix, no source named (exit 0, as before).

Real parts: the source lock a running ingest holds (``flows.locks.source_lock``, taken in
this process as that ingest does), a `pressroom ingest --no-prefect` subprocess, the
loopback press site, a DuckDB file."""

from __future__ import annotations

import re
from pathlib import Path

from flows.locks import source_lock
from tests.cli_run import run_cli
from tests.site import PressSite
from tests.site.sources import write_sources_toml


def test_an_ingest_turned_away_says_so_in_one_prefixed_line(
        press_site: PressSite, tmp_path: Path) -> None:
    sources = write_sources_toml(press_site, tmp_path / "s.toml", names=("belta",))
    db = tmp_path / "p.duckdb"
    with source_lock(db, "belta", "ingest", "run-in-progress") as ours:
        assert ours
        done = run_cli("ingest", "--no-prefect", "--sources", str(sources), "--db", str(db),
                       timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stderr.splitlines()
    assert [line for line in lines if not line.startswith("pressroom: ")] == [], done.stderr
    said = [line for line in lines if "another run" in line]
    assert len(said) == 1, done.stderr
    assert re.fullmatch(r"pressroom: source belta skipped: another run of belta is in "
                        r"progress \(pid \d+\)", said[0]), said
