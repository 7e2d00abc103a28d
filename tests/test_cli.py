"""The ``pressroom`` CLI, run as a real subprocess."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_run import run_cli
from tests.site import PressSite
from tests.site import manifest as m
from tests.site.sources import write_sources_toml


def assert_one_line_error(proc: subprocess.CompletedProcess[str], needle: str) -> None:
    """Non-zero exit, one clear line, no traceback."""
    assert proc.returncode != 0, proc.stdout
    lines = [line for line in proc.stderr.splitlines() if line.startswith("pressroom: error:")]
    assert len(lines) == 1, proc.stderr
    assert needle in lines[0], lines[0]
    assert "Traceback" not in proc.stderr


def test_bad_config_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[source]]\nname = "x"\nfeeds = ["ftp://nope"]\n', encoding="utf-8")
    assert_one_line_error(run_cli("sources", "--sources", str(bad)), "not an http(s) URL")
    broken = tmp_path / "broken.toml"
    broken.write_text("[[source]\nname=", encoding="utf-8")
    assert_one_line_error(
        run_cli("ingest", "--sources", str(broken), "--db", str(tmp_path / "x.duckdb")),
        "not valid TOML",
    )
    assert_one_line_error(
        run_cli("sources", "--sources", str(tmp_path / "missing.toml")), "not found"
    )


def test_unknown_source_is_one_line(tmp_path: Path) -> None:
    sources = write_sources_toml("http://127.0.0.1:9", tmp_path / "s.toml")
    proc = run_cli("ingest", "--sources", str(sources), "--db", str(tmp_path / "x.duckdb"),
                   "--source", "nope")
    assert_one_line_error(proc, "unknown source 'nope'")
    assert not (tmp_path / "x.duckdb").exists()


def test_sql_on_missing_database_is_one_line(tmp_path: Path) -> None:
    assert_one_line_error(run_cli("sql", "SELECT 1", "--db", str(tmp_path / "none.duckdb")),
                          "does not exist")


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_host_fails_the_source(prefect_api: str, tmp_path: Path) -> None:
    base = f"http://127.0.0.1:{_closed_port()}"
    sources = tmp_path / "s.toml"
    sources.write_text(
        f'[[source]]\nname = "dead"\nfeeds = ["{base}/rss.xml"]\n'
        'allow_private_network = true\nmin_delay = 0\ntimeout = 0.5\n', encoding="utf-8",
    )
    proc = run_cli("ingest", "--sources", str(sources), "--db", str(tmp_path / "d.duckdb"),
                   api=prefect_api)
    assert_one_line_error(proc, f"source dead: could not reach {base}")
    status = run_cli("status", "--db", str(tmp_path / "d.duckdb"), "--format", "json")
    assert status.returncode == 0, status.stderr
    (row,) = json.loads(status.stdout)
    assert row["source"] == "dead" and row["status"] == "failed"
    assert "ConnectError" in (row["run_error"] or "")


def test_ingest_then_query(prefect_api: str, tmp_path: Path) -> None:
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("belta",))
        db = tmp_path / "cli.duckdb"
        first = run_cli("ingest", "--sources", str(sources), "--db", str(db), api=prefect_api)
        assert first.returncode == 0, first.stderr[-3000:]
        assert "belta" in first.stdout
        second = run_cli("ingest", "--sources", str(sources), "--db", str(db),
                         "--source", "belta", api=prefect_api)
        assert second.returncode == 0, second.stderr[-3000:]
    expected = len(m.storable("belta"))
    out = run_cli("sql", "SELECT count(*) AS n, count(DISTINCT article_id) AS ids FROM articles",
                  "--db", str(db), "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [{"n": expected, "ids": expected}]
    csv_out = run_cli("sql", "SELECT source, dateline_place FROM articles ORDER BY url LIMIT 1",
                      "--db", str(db), "--format", "csv")
    assert csv_out.stdout.splitlines()[0] == "source,dateline_place"
    table = run_cli("sql", "SELECT count(*) AS n FROM articles", "--db", str(db))
    assert str(expected) in table.stdout and "n" in table.stdout.splitlines()[0]
    denied = run_cli("sql", "DELETE FROM article_state", "--db", str(db))
    assert_one_line_error(denied, "read-only")


@pytest.mark.parametrize("command", ["sql", "ingest"])
def test_locked_database_is_one_line(command: str, tmp_path: Path) -> None:
    db = tmp_path / "locked.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys; c = duckdb.connect(sys.argv[1]); c.execute('CREATE TABLE t(x INT)');"
         " print('ready', flush=True); sys.stdin.read()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        if command == "sql":
            proc = run_cli("sql", "SELECT 1", "--db", str(db), "--lock-timeout", "1")
        else:
            sources = write_sources_toml("http://127.0.0.1:9", tmp_path / "s.toml")
            # Busy past --lock-timeout: it fetches anyway (the source is dead here),
            # stages, and ends with one line saying where the batches wait.
            proc = run_cli("ingest", "--no-prefect", "--sources", str(sources), "--db",
                           str(db), "--lock-timeout", "1")
        assert_one_line_error(proc, "locked")
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("worker", "--pool", "p", "--limit", "0"), "--limit"),
        (("worker", "--pool", "p", "--limit", "-3"), "--limit"),
        (("worker", "--pool", "p", "--limit", "two"), "--limit"),
        (("worker", "--pool", ""), "--pool"),
        (("worker", "--pool", "  "), "--pool"),
        (("deploy", "--pool", ""), "--pool"),
        # w58: the stop's wait for the runs, matched to a service manager's stop timeout
        (("worker", "--pool", "p", "--drain", "0"), "argument --drain: must be"),
        (("worker", "--pool", "p", "--drain", "-30"), "argument --drain: must be"),
        (("worker", "--pool", "p", "--drain", "thirty"), "argument --drain: not a number"),
        (("worker", "--pool", "p", "--drain", "nan"), "argument --drain: must be"),
        (("worker", "--pool", "p", "--drain", "86401"), "argument --drain: must be at most"),
    ],
)
def test_bad_pool_or_limit_is_a_usage_error_before_any_server(
    args: tuple[str, ...], needle: str
) -> None:
    # Found by review: --limit 0 made a worker that ignored SIGTERM, --limit -3 and
    # an empty pool name were tracebacks once a server answered. Port 9 has no server,
    # so an exit 2 here proves the check comes before Prefect is contacted.
    proc = run_cli(*args, api="http://127.0.0.1:9/api")
    assert proc.returncode == 2, proc.stderr
    assert needle in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr  # one line (u54)
