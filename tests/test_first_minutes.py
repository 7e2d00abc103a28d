"""What a new user meets in the first five minutes, through the real CLI: reading an
empty or failed warehouse (index, status, search, report, export) and mistaken options (the
first runs against sites: test_first_runs.py)."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.cli_run import run_cli
from warehouse import RunCounts, open_warehouse

LONG_ERROR = ("RobotsUnavailable: robots.txt of http://press.example.org unavailable "
              "(ConnectError: ConnectError at http://press.example.org/robots.txt: "
              "All connection attempts failed); not crawling " + "x" * 120 + " END")


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


def test_index_in_a_read_only_folder_is_one_line(tmp_path: Path) -> None:
    from tests.crash.test_lake_storage import tmpfs

    # Before: OSError (EROFS) from removing a leftover build file, as a traceback.
    with tmpfs(tmp_path / "mnt", size="64m") as folder:
        db = folder / "w.duckdb"
        with open_warehouse(db):
            pass
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        proc = run_cli("index", "--db", str(db))
        search = run_cli("search", "anything", "--db", str(db))
    assert proc.returncode == 1, proc.stderr
    (line,) = proc.stderr.splitlines()
    assert line.startswith(
        f"pressroom: error: cannot write search index {folder / 'w.search.duckdb'}: "), line
    assert "Read-only file system" in line
    assert search.returncode == 0, search.stderr  # reading still works


def test_index_onto_a_pipe_or_device_is_one_line_and_leaves_it(tmp_path: Path) -> None:
    # Review r24: the built index was renamed over --index, so a FIFO (or, as root,
    # /dev/null) was replaced by a DuckDB file.
    import os
    import stat

    db = tmp_path / "w.duckdb"
    with open_warehouse(db):
        pass
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    proc = run_cli("index", "--db", str(db), "--index", str(fifo))
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines() == [
        f"pressroom: error: cannot write search index {fifo}: not a regular file "
        "(give --index a file path)"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


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


LONG_URL = "http://press.example.org/" + "a-very-long-article-slug-" * 6 + "END"


@pytest.fixture
def retry_db(failed_run_db: Path) -> Path:
    """failed_run_db plus a URL on the retry list with a long URL and a long error."""
    import duckdb

    con = duckdb.connect(str(failed_run_db))
    con.execute("INSERT INTO url_retries VALUES (?, 'a-source-with-a-rather-long-name', "
                "'pending', 2, now(), now(), now() + INTERVAL 1 HOUR, 'HTTPStatusError', ?, 503, "
                "'r1')", [LONG_URL, LONG_ERROR])
    con.close()
    return failed_run_db


@pytest.mark.parametrize("command", [("status", "--retries"), ("health", "--retries"),
                                     ("health",)])
def test_retries_and_health_fit_100_columns_and_verbose_gives_all(
        retry_db: Path, command: tuple[str, ...]) -> None:
    # Before (review r20): status --retries 174-231 columns with the error cut at 60
    # and --verbose changing nothing; health 339 columns and no --verbose.
    proc = run_cli(*command, "--db", str(retry_db))
    assert proc.returncode == 0, proc.stderr
    assert max(len(line) for line in proc.stdout.splitlines()) <= 100, proc.stdout
    assert "--verbose or --format json shows them in full" in proc.stdout
    verbose = run_cli(*command, "--verbose", "--db", str(retry_db))
    assert verbose.returncode == 0, verbose.stderr
    assert LONG_ERROR in verbose.stdout
    if "--retries" in command:
        assert LONG_URL in verbose.stdout
        (row,) = json.loads(run_cli(*command, "--format", "json", "--db", str(retry_db)).stdout)
        assert (row["url"], row["error"]) == (LONG_URL, LONG_ERROR)


LONG_TITLE = ("Belarus-sponsored resolution against human trafficking "
              + "adopted by the UN General Assembly " * 4 + "END")


@pytest.mark.parametrize("collapse", [(), ("--collapse",)])
def test_search_fits_100_columns_and_verbose_gives_all(tmp_path: Path,
                                                       collapse: tuple[str, ...]) -> None:
    from tests.analyst.conftest import TRAFFICKING, article, write

    # Before (review r23): the table was about 450 columns (snippets cut at 200).
    db = tmp_path / "s.duckdb"
    write(db, [article("long", LONG_TITLE, TRAFFICKING + " Human trafficking is a crime." * 4,
                       source="a-source-with-a-rather-long-name"),
               article("short", "Trafficking", TRAFFICKING)])
    search = ("search", "human trafficking", "--db", str(db), *collapse)
    proc = run_cli(*search)
    assert proc.returncode == 0, proc.stderr
    assert max(len(line) for line in proc.stdout.splitlines()) <= 100, proc.stdout
    assert "--verbose or --format json shows them in full" in proc.stdout
    assert "#2 https://belta.example/news/short" in proc.stdout
    hits = json.loads(run_cli(*search, "--format", "json").stdout)
    (hit,) = [h for h in hits if h["url"].endswith("/long")]
    assert hit["title"] == LONG_TITLE and len(hit["snippet"]) > 100
    verbose = run_cli(*search, "--verbose")
    assert verbose.returncode == 0, verbose.stderr
    assert LONG_TITLE in verbose.stdout and hit["url"] in verbose.stdout
    assert " ".join(hit["snippet"].split()) in verbose.stdout
    assert "shows them in full" not in verbose.stdout


def test_search_table_shows_the_hit_in_its_snippet(tmp_path: Path) -> None:
    from tests.analyst.conftest import article, write

    # Before (review r24): the snippet opens ~60 characters before its hit, and cut
    # at 100 columns from its start the hit fell outside: 60 wide characters are
    # 120 columns, so this row showed only Chinese text and no UNODC.
    db = tmp_path / "s.duckdb"
    body = "联合国毒品和犯罪问题办公室发表声明" * 5 + " UNODC " + "各国应加强合作打击人口贩运" * 6
    write(db, [article("cn", "声明", body, source="xinhua")])
    proc = run_cli("search", "UNODC", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    (line,) = [x for x in proc.stdout.splitlines() if x.startswith("   …")]
    assert "**UNODC**" in line, proc.stdout
    assert sum(2 if "\u4e00" <= ch <= "\u9fff" else 1 for ch in line) <= 100, line


def test_subcommand_error_shows_the_subcommand_usage(failed_run_db: Path) -> None:
    proc = run_cli("status", "--sources", "x", "--db", str(failed_run_db))
    assert proc.returncode == 2
    assert proc.stderr == (
        "pressroom status: error: no option --sources; status takes the options --db, "
        "--data-path, --format, --verbose, --lock-timeout, --retries "
        "(see pressroom status --help)\n"), proc.stderr
    proc = run_cli("status", "--retries", "-x")
    assert proc.returncode == 2 and "status: error: no option -x; " in proc.stderr, proc.stderr


@pytest.mark.parametrize("command", [("sources",), ("sources", "list"), ("sources", "check", "a")])
def test_a_mistaken_option_is_one_line_naming_what_is_accepted(command: tuple[str, ...]) -> None:
    # Review r23: `sources --db x` said "invalid choice: 'x' (choose from 'list',
    # 'check')": argparse took --db's value for the action. Also `sql --bogus` asked
    # for the query instead of naming the option.
    proc = run_cli(*command, "--db", "x")
    assert proc.returncode == 2
    assert proc.stderr == ("pressroom sources: error: no option --db; sources takes "
                           "[list|check] [NAME] and the options --sources "
                           "(see pressroom sources --help)\n"), proc.stderr
    proc = run_cli("sql", "--bogus=1")
    assert proc.returncode == 2
    assert proc.stderr.startswith("pressroom sql: error: no option --bogus; sql takes QUERY "
                                  "and the options --db, "), proc.stderr
    assert len(proc.stderr.splitlines()) == 1, proc.stderr
    # -h plus letters that are no flags (argparse: "ignored explicit argument 'ockey'").
    proc = run_cli("search", "-hockey")
    assert proc.returncode == 2
    assert proc.stderr.startswith("pressroom search: error: no option -hockey; search takes "
                                  "[QUERY] and the options --db, "), proc.stderr
    assert "; put -- before a QUERY that starts with - (see pressroom search --help)\n" in (
        proc.stderr)


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

