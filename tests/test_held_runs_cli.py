"""The held runs through the real CLI on real DuckDB files (ops14): README's held-runs
query, as written there and in docs/QUERIES.md, lists each held run once when a stale
'running' backfill row overlaps a newer backfill; `pressroom status` with held rows and
no run that ran says so instead of pointing at a run above."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from datetime import timedelta
from pathlib import Path

from tests.cli_run import run_cli
from tests.crash.test_held_runs import readme_query
from tests.warehouse.whtest import T0
from warehouse import RunCounts, open_warehouse

ROOT = Path(__file__).resolve().parents[1]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=ROOT, timeout=120)


def _queries_md_query() -> str:
    text = (ROOT / "docs" / "QUERIES.md").read_text(encoding="utf-8")
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        words = shlex.split(block, comments=True)
        for i in range(len(words) - 2):
            if words[i:i + 2] == ["pressroom", "sql"] and "status = 'held'" in words[i + 2]:
                return words[i + 2]
    raise AssertionError("docs/QUERIES.md shows no query of the held runs")


def test_the_held_runs_query_lists_each_held_run_once(tmp_path: Path) -> None:
    """A backfill killed before it finished (its row still 'running': no later run of the
    source marked it), a newer backfill, and two held runs while the newer one ran: one
    as 013 wrote it (no held_by), one as 014 does. Without the grouping the first is
    listed twice, once with the stale backfill."""
    db = tmp_path / "held.duckdb"
    with open_warehouse(db) as wh:
        wh.start_run("stale", ["a"], T0, 2**22 + 1, kind="backfill")  # no such process
        wh.start_run("fill", ["a"], T0 + timedelta(hours=1), 2**22 + 2, kind="backfill")
        wh.record_held("held1", ["a"], T0 + timedelta(hours=2), 3)
        wh.record_held("held2", ["a"], T0 + timedelta(hours=3), 4, held_by={"a": "fill"})
        wh.finish_run("fill", "a", RunCounts(), "ok", None, T0 + timedelta(hours=4),
                      kind="backfill")
    query = readme_query()
    assert query == _queries_md_query()
    done = _cli("sql", "--db", str(db), "--format", "csv", query)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ("source,held_utc,run_id,backfill_run\n"
                           "a,2026-03-01 15:00:00,held2,fill\n"
                           "a,2026-03-01 14:00:00,held1,fill\n"), done.stdout


def test_status_with_held_rows_only_points_at_no_run_above(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    with open_warehouse(db) as wh:
        wh.record_held("held1", ["a"], T0, 3)
        wh.record_held("held2", ["a"], T0 + timedelta(minutes=5), 4)
    done = _cli("status", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "since the run above" not in done.stdout, done.stdout
    assert re.search(r"^a: 2 scheduled run\(s\) held by a backfill; no run of it has run, "
                     r"the latest 03-01 12:05 UTC$", done.stdout, re.M), done.stdout
    assert re.search(r"^a +\| +0 \| +03-01 12:05 +\| +turned away +\|", done.stdout, re.M), \
        done.stdout


def test_status_counts_the_backfills_turned_away_since_one_ran(tmp_path: Path) -> None:
    """Skipped backfills since the source's last backfill that ran are counted, the
    latest one's holder named (another run when its lock named none: a reparse); an
    ingest's skipped row and a backfill turned away before the last one that ran are not."""
    db = tmp_path / "held.duckdb"
    with open_warehouse(db) as wh:
        wh.record_held("b0", ["a"], T0, 3, status="skipped", kind="backfill",
                       held_by={"a": "i0"})
        wh.start_run("b1", ["a", "c"], T0 + timedelta(hours=1), 4, kind="backfill")
        for source in ("a", "c"):
            wh.finish_run("b1", source, RunCounts(), "failed", "FeedError: x",
                          T0 + timedelta(hours=2), kind="backfill")
        wh.record_held("b2", ["a"], T0 + timedelta(hours=3), 5, status="skipped",
                       kind="backfill", held_by={"a": "i2"})
        wh.record_held("b3", ["a"], T0 + timedelta(hours=4), 6, status="skipped",
                       kind="backfill", held_by={"a": None})
        wh.record_held("i4", ["a", "c"], T0 + timedelta(hours=5), 7, status="skipped",
                       held_by={"a": "i3", "c": "i3"})
    done = _cli("status", "--db", str(db), "--verbose")
    assert done.returncode == 0, done.stderr
    assert re.search(r"^a: 2 backfills, the latest 03-01 16:00 UTC, did nothing \(held by "
                     r"another run\): run it again$", done.stdout, re.M), done.stdout
    assert done.stdout.count("did nothing") == 1, done.stdout  # none for c
    rows = json.loads(_cli("status", "--db", str(db), "--format", "json").stdout)
    assert [(r["source"], r["turned_away_backfills"], r["turned_away_by"]) for r in rows] == [
        ("a", 2, None), ("c", 0, None)]


def test_status_of_a_source_whose_runs_were_all_turned_away_says_so_in_words(
    tmp_path: Path,
) -> None:
    """A source every run of which another run turned away (ingests skipped while a
    reparse or another ingest held it, a backfill skipped, a run held by a backfill)
    has no run that ran: status said NULL (an empty cell in CSV, null in JSON) and,
    for the skipped ingests, nothing below the table. Now "turned away" in every
    format, and a line saying what happened (ops37)."""
    db = tmp_path / "turned.duckdb"
    with open_warehouse(db) as wh:
        wh.record_held("i1", ["a", "b"], T0, 3, status="skipped", held_by={"a": None, "b": None})
        wh.record_held("i2", ["a"], T0 + timedelta(minutes=30), 4, status="skipped",
                       held_by={"a": "i0"})
        wh.record_held("h3", ["b"], T0 + timedelta(hours=1), 5)
        wh.start_run("r4", ["c"], T0, 6)
        wh.finish_run("r4", "c", RunCounts(), "ok", None, T0 + timedelta(minutes=1))
    table = _cli("status", "--db", str(db), "--verbose")
    assert table.returncode == 0, table.stderr
    assert "NULL" not in table.stdout, table.stdout
    assert re.search(r"^a +\| +0 \| +03-01 12:30 +\| +turned away +\|", table.stdout, re.M), \
        table.stdout
    assert re.search(r"^b +\| +0 \| +03-01 13:00 +\| +turned away +\|", table.stdout, re.M), \
        table.stdout
    assert re.search(r"^a: no run of it has run; 2 run\(s\) turned away, 2 of them ingests "
                     r"while another run held it, the latest 03-01 12:30 UTC \(held by run "
                     r"i0\)$", table.stdout, re.M), table.stdout
    assert re.search(r"^b: no run of it has run; 2 run\(s\) turned away, 1 of them ingests "
                     r"while another run held it, the latest 03-01 13:00 UTC \(held by "
                     r"another run\)$", table.stdout, re.M), table.stdout
    rows = json.loads(_cli("status", "--db", str(db), "--format", "json").stdout)
    assert [(r["source"], r["status"], r["runs_turned_away"]) for r in rows] == [
        ("a", "turned away", 2), ("b", "turned away", 2), ("c", "ok", 0)]
    csv = _cli("status", "--db", str(db), "--format", "csv").stdout.splitlines()
    status_at = csv[0].split(",").index("status")
    assert [line.split(",")[status_at] for line in csv[1:]] == ["turned away", "turned away",
                                                                 "ok"]
