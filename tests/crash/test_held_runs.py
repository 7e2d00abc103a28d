"""A scheduled ingest that a backfill turned away is a 'held' row in runs (migration
013): read back from the real DuckDB file and from a lake on PostgreSQL, shown by
`pressroom status`, found by README's SQL as written. Real parts: a backfill in another
process held mid-fetch by a loopback site, `pressroom ingest` and `status` processes."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.crash.bulk_site import BulkSite
from tests.crash.campaign import ingest_cmd
from tests.crash.test_backfill_holds import ARTICLES, HELD_AFTER, _backfill_holding, _env, _status
from tests.lakepg import running_postgres
from warehouse.lake import parse_target
from warehouse.lake_read import connect_read_only

ROOT = Path(__file__).resolve().parents[2]
_HELD_ROW = ("SELECT status, kind, discovered + fetched + new + updated + unchanged + failed, "
             "error, started_at = finished_at, pid IS NOT NULL FROM runs "
             "WHERE source = 'bulk' AND status = 'held'")


def readme_query() -> str:
    """README's query of the held runs, as written there."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        words = shlex.split(block, comments=True)
        for i in range(len(words) - 2):
            if words[i:i + 2] == ["pressroom", "sql"] and "status = 'held'" in words[i + 2]:
                return words[i + 2]
    raise AssertionError("README shows no query of the held runs")


def _run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, env=_env(), capture_output=True, text=True, timeout=120,
                          check=False)


def _with_lock_timeout(cmd: list[str], seconds: str) -> list[str]:
    at = cmd.index("--lock-timeout")
    return [*cmd[:at + 1], seconds, *cmd[at + 2:]]


@pytest.mark.slow
def test_a_held_ingest_is_a_held_row_in_the_file_and_in_status(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    with BulkSite(ARTICLES, gate_after=HELD_AFTER) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(timeout=100.0), encoding="utf-8")
        with _backfill_holding(site, sources, db):
            # The held run records its row while `status` processes read the file.
            held = subprocess.Popen(ingest_cmd(sources, db), env=_env(), text=True,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            reads = 0
            while held.poll() is None or reads == 0:
                _status(db)  # exits 0 (asserted there), whoever has the file
                reads += 1
            _out, held_err = held.communicate(timeout=120)
            during = _status(db)
            # A file another process keeps open past --lock-timeout: the run is still
            # held (exit 4, one line) and says the row was not written.
            reader = duckdb.connect(str(db), read_only=True)
            try:
                locked = _run(_with_lock_timeout(ingest_cmd(sources, db), "1"))
            finally:
                reader.close()
        ended = _status(db)
        after = _run(ingest_cmd(sources, db))
        later = _status(db)
        query = _run([sys.executable, "-m", "pressroom", "sql", "--db", str(db),
                      "--format", "csv", readme_query()])
    assert held.returncode == 4, held_err
    assert "Traceback" not in held_err and "not recorded" not in held_err, held_err
    assert locked.returncode == 4, locked.stderr
    (line,) = [x for x in locked.stderr.splitlines() if "bulk" in x]
    assert re.fullmatch(r"pressroom: warning: source bulk skipped: a backfill of bulk holds it "
                        r"\(pid \d+\); nothing fetched, the next run after the backfill "
                        r"catches up; not recorded in runs: .*locked.*", line), line
    assert after.returncode == 0, after.stderr

    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(_HELD_ROW).fetchall()
        order = con.execute("SELECT kind, status FROM runs WHERE source = 'bulk' "
                            "ORDER BY started_at").fetchall()
        holder = con.execute("SELECT h.held_by = b.run_id FROM runs AS h, runs AS b "
                             "WHERE h.status = 'held' AND b.kind = 'backfill'").fetchall()
    finally:
        con.close()
    assert rows == [("held", "ingest", 0, None, True, True)]  # one: the locked run wrote none
    assert holder == [(True,)]  # the row names the backfill that held it (014)
    assert order == [("backfill", "ok"), ("ingest", "held"), ("ingest", "ok")]

    # status: while the backfill runs, its row ('running') and the held run below; once it
    # is done, the backfill's row and still the held run; after the next run, neither.
    held_line = (r"^bulk: 1 scheduled run\(s\) held by a backfill since the run above, "
                 r"the latest \d\d-\d\d \d\d:\d\d UTC$")
    assert re.search(r"^bulk +\| +\d+ \| [\d: -]+ \| running ", during, re.M), during
    assert re.search(held_line, during, re.M), during
    assert re.search(r"^bulk +\| +\d+ \| [\d: -]+ \| ok ", ended, re.M), ended
    assert re.search(held_line, ended, re.M), ended
    assert "held" not in later, later

    assert query.returncode == 0, query.stderr
    assert re.fullmatch(r"source,held_utc,run_id,backfill_run\n"
                        r"bulk,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,[^,]+,[^,]+\n", query.stdout), (
        query.stdout)


@pytest.mark.slow
def test_a_held_ingest_on_a_lake_is_a_held_row(tmp_path: Path) -> None:
    env = {**_env(), "PRESSROOM_STATE_DIR": str(tmp_path / "state")}
    data = str(tmp_path / "lake-data")
    with running_postgres() as pg, BulkSite(ARTICLES, gate_after=HELD_AFTER) as site:
        lake = pg.new_catalog()
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(timeout=100.0), encoding="utf-8")
        backfill = subprocess.Popen(
            [sys.executable, "-m", "pressroom", "backfill", "--no-prefect", "--sources",
             str(sources), "--db", lake, "--data-path", data, "--source", "bulk",
             "--since", "2020-01-01"], env=env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            assert site.wait_served(HELD_AFTER)
            held = subprocess.run(
                [sys.executable, "-m", "pressroom", "ingest", "--no-prefect", "--sources",
                 str(sources), "--db", lake, "--data-path", data],
                env=env, capture_output=True, text=True, timeout=300, check=False)
        finally:
            site.open_gate()
            _out, err = backfill.communicate(timeout=300)
        assert backfill.returncode == 0, err[-3000:]
        con = connect_read_only(parse_target(lake, data))
        try:
            rows = con.execute(_HELD_ROW).fetchall()
            kinds = con.execute("SELECT kind, status FROM runs ORDER BY started_at").fetchall()
        finally:
            con.close()
    assert held.returncode == 4, held.stderr[-3000:]
    assert "not recorded" not in held.stderr, held.stderr
    assert rows == [("held", "ingest", 0, None, True, True)]
    assert kinds == [("backfill", "ok"), ("ingest", "held")]
