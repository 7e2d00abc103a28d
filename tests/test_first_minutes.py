"""What a new user meets in the first five minutes, through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from warehouse import RunCounts, open_warehouse

TIMEOUT = 180
LONG_ERROR = ("RobotsUnavailable: robots.txt of http://press.example.org unavailable "
              "(ConnectError: ConnectError at http://press.example.org/robots.txt: "
              "All connection attempts failed); not crawling " + "x" * 120 + " END")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pressroom", *args], capture_output=True,
                          text=True, timeout=TIMEOUT, check=False)


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    db = tmp_path / "empty.duckdb"
    with open_warehouse(db):
        pass
    return db


@pytest.fixture
def failed_run_db(tmp_path: Path) -> Path:
    db = tmp_path / "failed.duckdb"
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    with open_warehouse(db) as wh:
        wh.start_run("r1", ["a-source-with-a-rather-long-name"], now, 1)
        wh.finish_run("r1", "a-source-with-a-rather-long-name",
                      RunCounts(60, 0, 0, 0, 60, 5), "failed", LONG_ERROR, now)
    return db


def test_index_on_an_empty_warehouse(empty_db: Path) -> None:
    proc = run_cli("index", "--db", str(empty_db))
    assert proc.returncode == 0, proc.stderr
    assert "indexed 0 article versions" in proc.stdout
    assert "Traceback" not in proc.stderr
    search = run_cli("search", "anything", "--db", str(empty_db))
    assert search.returncode == 0, search.stderr
    assert "(0 rows)" in search.stdout


def test_status_fits_100_columns(failed_run_db: Path) -> None:
    proc = run_cli("status", "--db", str(failed_run_db))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100, proc.stdout
    assert any(line.startswith("a-source-with-a-rather-long-name: RobotsUnavailable")
               for line in lines)


def test_status_verbose_and_json_give_the_full_error(failed_run_db: Path) -> None:
    verbose = run_cli("status", "--db", str(failed_run_db), "--verbose")
    assert verbose.returncode == 0, verbose.stderr
    assert f"a-source-with-a-rather-long-name: {LONG_ERROR}" in verbose.stdout.splitlines()
    as_json = run_cli("status", "--db", str(failed_run_db), "--format", "json")
    (row,) = json.loads(as_json.stdout)
    assert row["run_error"] == LONG_ERROR


def test_subcommand_error_shows_the_subcommand_usage(failed_run_db: Path) -> None:
    proc = run_cli("status", "--sources", "x", "--db", str(failed_run_db))
    assert proc.returncode == 2
    assert proc.stderr.startswith("usage: pressroom status"), proc.stderr
    assert "unrecognized arguments: --sources x" in proc.stderr


def test_report_labels_the_window_and_the_totals(tmp_path: Path) -> None:
    from tests.analyst.conftest import article, base_articles, write

    db = tmp_path / "r.duckdb"
    # Four belta articles in the last days, one a year older: outside a 90-day window.
    write(db, [*base_articles(), article("old", "Old news", "An old release.", days_ago=400)])
    out = tmp_path / "report.html"
    proc = run_cli("report", "--db", str(db), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert "belta (4 of 5)" in page and "un_press (1)" in page
    assert "90 days" in page and "5 of 6 stored articles" in page


def test_csv_export_reads_back_with_plain_read_csv(tmp_path: Path) -> None:
    import duckdb

    from tests.analyst.conftest import article, write

    body = ('First paragraph, with "quotes"; commas, and a tab\there.\n\n'
            "MINSK, 16 November (BelTA) -\r\nsecond line\n\n\n  indented\nlast")
    db = tmp_path / "c.duckdb"
    write(db, [article(f"a{i}", f'Title {i}, "quoted"', body + f" {i}", days_ago=i % 3,
                       tags=("x", "y,z")) for i in range(40)])
    out = tmp_path / "export"
    assert run_cli("export", "--db", str(db), "--out", str(out), "--format", "csv").returncode == 0
    (csv_file,) = out.rglob("*.csv")
    rows = duckdb.sql(f"SELECT title, body FROM read_csv('{csv_file}') ORDER BY title").fetchall()
    assert sorted(rows) == sorted((f'Title {i}, "quoted"', body + f" {i}") for i in range(40))
