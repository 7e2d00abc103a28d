"""The CLI on a DuckLake warehouse: real CLI subprocesses, the loopback press site,
a throwaway PostgreSQL for the catalog (tests/lakepg.py)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.crash.test_backfill_turned_away import _latest_run_of
from tests.lakepg import CLI_TIMEOUT as TIMEOUT
from tests.lakepg import Postgres, run_cli, running_postgres
from tests.site import PressSite
from tests.site.sources import write_sources_toml
from warehouse import RunCounts, open_warehouse
from warehouse.lake import parse_target

_T = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

# What must be equal between the lake and the DuckDB file after the same ingest.
SAME = {
    "articles": "SELECT article_id, source, url, content_hash, title FROM articles ORDER BY ALL",
    "versions": "SELECT count(*), count(DISTINCT (article_id, version)) FROM article_versions",
    "article pages": "SELECT url, body_sha256 FROM pages WHERE kind = 'article' AND status = 200 "
                     "ORDER BY ALL",
    "seen": "SELECT url, kind FROM seen_urls ORDER BY ALL",
    "stories": "SELECT story_id, n_articles FROM stories ORDER BY ALL",
}


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres]:
    with running_postgres() as pg:
        yield pg


def _rows(db: str, sql: str, data_path: str | None = None) -> list[tuple[object, ...]]:
    with open_warehouse(parse_target(db, data_path), read_only=True) as wh:
        return wh.query(sql).rows


def _one_error_line(proc: subprocess.CompletedProcess[str], text: str) -> None:
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert lines == [f"pressroom: error: {text}"], proc.stderr
    assert "Traceback" not in proc.stderr


def test_ingest_into_a_postgres_lake_matches_the_file(tmp_path: Path, postgres: Postgres) -> None:
    lake = postgres.new_catalog()
    data = str(tmp_path / "lake-data")
    env = {"PRESSROOM_STATE_DIR": str(tmp_path / "state")}
    file = str(tmp_path / "file.duckdb")
    with PressSite() as site:
        sources = str(write_sources_toml(site, tmp_path / "s.toml"))
        for db, extra in ((lake, ["--data-path", data]), (file, [])):
            site.reset()  # the same answers (fault routes included) for both
            proc = run_cli("ingest", "--no-prefect", "--sources", sources, "--db", db, *extra,
                           env=env)
            assert proc.returncode in (0, 3), proc.stderr[-3000:]
            assert "Traceback" not in proc.stderr
        for name, sql in SAME.items():
            assert _rows(lake, sql) == _rows(file, sql), name
        articles = _rows(lake, SAME["articles"])
        assert len(articles) >= 10
        assert any(Path(data).rglob("*.parquet"))
        # The spool and the source locks of a lake live in this host's state folder.
        assert any((tmp_path / "state").glob("lake-*.locks"))

        # A second run finds everything known: nothing stored twice.
        again = run_cli("ingest", "--no-prefect", "--sources", sources, "--db", lake,
                        "--data-path", data, env=env)
    assert again.returncode in (0, 3), again.stderr[-3000:]
    assert _rows(lake, SAME["articles"]) == articles
    assert _rows(lake, SAME["versions"]) == [(len(articles), len(articles))]
    assert _rows(lake, "SELECT count(*) FROM runs")[0][0] == 4  # 2 sources x 2 runs

    # Analysts read the lake through the same read-only sandbox.
    count = run_cli("sql", "SELECT count(*) AS n FROM articles", "--db", lake, "--format", "csv")
    assert count.returncode == 0, count.stderr
    assert count.stdout.split() == ["n", str(len(articles))]
    for statement in ("INSERT INTO runs (run_id, source, started_at, status) "
                      "VALUES ('x', 'y', now(), 'ok')", "DROP TABLE pages"):
        refused = run_cli("sql", statement, "--db", lake)
        assert refused.returncode == 1
        assert refused.stderr.startswith("pressroom: error: refused: the warehouse is open "
                                         "read-only"), refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1
    assert _rows(lake, "SELECT count(*) FROM runs")[0][0] == 4
    status = run_cli("status", "--db", lake, "--format", "csv")
    assert status.returncode == 0, status.stderr
    assert {line.split(",")[0] for line in status.stdout.splitlines()[1:]} == {"belta", "fixture"}
    stories = run_cli("stories", "--db", lake, "--format", "csv", "--limit", "100")
    assert stories.returncode == 0, stories.stderr
    assert len(stories.stdout.strip().splitlines()) - 1 == len(_rows(lake, SAME["stories"]))


# Every command that does not run on a lake yet, and the words it refuses with.
NOT_YET = [
    (["sql", "--write", "SELECT 1"], "sql --write"),
]


@pytest.mark.parametrize(("argv", "what"), NOT_YET, ids=[w for _, w in NOT_YET])
def test_commands_not_on_a_lake_yet_say_so_in_one_line(
    tmp_path: Path, argv: list[str], what: str
) -> None:
    # Refused before any catalog is reached: this Postgres does not exist.
    lake = f"ducklake:postgres:dbname=nowhere host={tmp_path}"
    with PressSite() as site:
        sources = str(write_sources_toml(site, tmp_path / "s.toml"))
    args = [a.replace("OUT", str(tmp_path / "out")) for a in argv]
    needs_sources = argv[0] in {"serve", "deploy"}
    proc = run_cli(*args, *(["--sources", sources] if needs_sources else []), "--db", lake)
    _one_error_line(proc, f"{what} does not support a DuckLake warehouse yet")


def test_the_sources_files_warehouse_table_names_the_lake(tmp_path: Path) -> None:
    catalog = tmp_path / "meta.ducklake"
    data = tmp_path / "data"
    with open_warehouse(parse_target(f"ducklake:{catalog}", str(data))) as wh:
        wh.start_run("r1", ["belta"], _T, 1)
        wh.finish_run("r1", "belta", RunCounts(3, 3, 3, 0, 0, 0), "ok", None, _T)
    sources = tmp_path / "s.toml"
    sources.write_text(f'[warehouse]\ndb = "ducklake:{catalog}"\ndata_path = "{data}"\n\n'
                       '[[source]]\nname = "belta"\nfeeds = ["http://127.0.0.1:9/rss.xml"]\n',
                       encoding="utf-8")
    env = {"PRESSROOM_SOURCES": str(sources)}
    env_free = {k: v for k, v in os.environ.items() if k != "PRESSROOM_DB"}
    status = subprocess.run([sys.executable, "-m", "pressroom", "status", "--format", "csv"],
                            capture_output=True, text=True, timeout=TIMEOUT, check=False,
                            env={**env_free, **env})
    assert status.returncode == 0, status.stderr
    assert status.stdout.splitlines()[1].startswith("belta,"), status.stdout
    # --db (like $PRESSROOM_DB) wins over the table: here a file that does not exist.
    missing = run_cli("status", "--db", str(tmp_path / "none.duckdb"), env=env)
    _one_error_line(missing, f"database {tmp_path / 'none.duckdb'} does not exist "
                             "(run `pressroom ingest` first)")
    # A data path beside a DuckDB file is a mistake, said in one line.
    wrong = run_cli("status", "--db", str(tmp_path / "x.duckdb"), "--data-path", str(data))
    _one_error_line(wrong, "--data-path is only for a DuckLake warehouse (--db ducklake:...)")



def test_a_data_path_the_lake_does_not_have_is_one_line_and_makes_no_folder(
    tmp_path: Path,
) -> None:
    """Review v19: DuckLake's message advised OVERRIDE_DATA_PATH (no option of ours), an
    ingest left the mistyped folder behind, and sql on a catalog file ignored it."""
    catalog, data = f"ducklake:{tmp_path / 'meta.ducklake'}", tmp_path / "data"
    with open_warehouse(parse_target(catalog, str(data))) as wh:
        wh.start_run("r1", ["belta"], _T, 1)
    sources = tmp_path / "s.toml"
    sources.write_text('[[source]]\nname = "belta"\nfeeds = ["http://127.0.0.1:9/rss.xml"]\n',
                       encoding="utf-8")
    wrong = tmp_path / "typo"
    expected = (f"--data-path {wrong} is not the data path of DuckLake {catalog}: its "
                f"catalog names {data}/ (give that, or leave --data-path out)")
    for argv in (["status"], ["sql", "SELECT 1"],
                 ["ingest", "--no-prefect", "--sources", str(sources)]):
        _one_error_line(run_cli(*argv, "--db", catalog, "--data-path", str(wrong)), expected)
    assert not wrong.exists()


def test_migrate_copies_a_file_into_a_lake_and_is_safe_to_rerun(tmp_path: Path) -> None:
    from tests.warehouse.whtest import make_article, make_batch
    from warehouse.lake_copy import SKIPPED, fingerprint

    file = tmp_path / "file.duckdb"
    with open_warehouse(file) as wh:
        wh.upsert_sources({"example": {"feeds": ["a"]}}, _T)
        wh.start_run("run-1", ["example"], _T, 1)
        wh.write_batch(make_batch(*(make_article(n) for n in range(1, 6))))
        wh.write_batch(make_batch(make_article(2, body="Edited. " * 50), run_id="run-2"))
        wh.finish_run("run-1", "example", RunCounts(5, 5, 5, 1, 0, 0), "ok", None, _T)
    lake = f"ducklake:{tmp_path / 'meta.ducklake'}"
    data = str(tmp_path / "lake-data")
    first = run_cli("migrate", "--db", str(file), "--to", lake, "--data-path", data)
    assert first.returncode == 0, first.stderr
    actions = dict(line.split("\t")[0::2] for line in first.stdout.splitlines())
    assert actions["article_versions"] == "copied" and actions["runs"] == "copied"
    with open_warehouse(file, read_only=True) as f, \
            open_warehouse(parse_target(lake), read_only=True) as lk:
        tables = [r[0] for r in lk.query("SELECT table_name FROM duckdb_tables() WHERE "
                                         "database_name = 'lake'").rows if r[0] not in SKIPPED]
        assert len(tables) >= 12
        for table in tables:
            want = fingerprint(f.connection, f.connection.execute(
                "SELECT current_database()").fetchall()[0][0], table)
            assert fingerprint(lk.connection, "lake", table) == want, table
        assert lk.query("SELECT count(*) FROM article_versions").rows == [(6,)]
        assert lk.integrity_problems() == []

    again = run_cli("migrate", "--db", str(file), "--to", lake)
    assert again.returncode == 0, again.stderr
    assert {line.split("\t")[2] for line in again.stdout.splitlines()} == {"already there"}
    assert "0 rows copied" in again.stderr

    # A lake that has moved on is not mixed with the file's rows.
    with open_warehouse(parse_target(lake)) as lk:
        lk.start_run("run-9", ["example"], _T, 9)
    refused = run_cli("migrate", "--db", str(file), "--to", lake)
    _one_error_line(refused, f"lake table runs already holds 2 rows that differ from {file}; "
                             "migrate copies a warehouse into an empty lake")
    with open_warehouse(parse_target(lake), read_only=True) as lk:
        assert lk.query("SELECT count(*) FROM article_versions").rows == [(6,)]


def test_ctrl_c_during_migrate_is_one_line_and_exit_130(tmp_path: Path) -> None:
    """Review v19: Ctrl-C while DuckDB ran a statement of ``migrate`` (its copy, the lake's
    migrations) came out of DuckDB as ``RuntimeError: Query interrupted`` and printed a
    traceback, exit 1. The child is interrupted once the copy has written its first data
    file into the lake: DuckLake writes the 8M rows' file while the INSERT runs (at 1.9 s of
    a 4.6 s migrate, quiet machine), and the insert, the fingerprints and the commit follow.
    A mark of CPU seconds after the file lock was missed under load (stop 24: the interrupt
    came as the migrate exited, exit 0), as a 3 s mark was on a quiet machine (stop 20)."""
    import signal

    from tests.security.test_sql_interrupt import wait_until

    file = tmp_path / "w.duckdb"
    with open_warehouse(file) as wh:  # enough rows for a copy of many seconds
        wh.connection.execute(
            "INSERT INTO seen_urls BY NAME SELECT 'https://example.org/' || range AS url, "
            "'belta' AS source, 'article' AS kind, md5(range::VARCHAR) AS article_id, "
            "TIMESTAMPTZ '2026-12-01 12:00:00+00' AS first_seen_at, "
            "TIMESTAMPTZ '2026-12-01 12:00:00+00' AS last_seen_at FROM range(8000000)")
    lake = f"ducklake:{tmp_path / 'meta.ducklake'}"
    proc = subprocess.Popen([sys.executable, "-m", "pressroom", "migrate", "--db", str(file),
                             "--to", lake, "--data-path", str(tmp_path / "data")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        data = tmp_path / "data"
        # Only the copy writes data files: the lake's migrations run on empty tables.
        wait_until(lambda: proc.poll() is not None
                   or (data.exists() and any(data.rglob("*.parquet"))), TIMEOUT)
        assert proc.poll() is None, proc.communicate()
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=TIMEOUT)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert (proc.returncode, err.splitlines()) == (130, ["pressroom: error: interrupted"]), err


def test_two_lakes_spelt_alike_in_two_folders_keep_their_own_search_index(
    tmp_path: Path,
) -> None:
    """Review v19: a lake's state folder (spool, locks, and the search index when no
    local --data-path is given) was named after the catalog string as written, so
    ``ducklake:meta.ducklake`` in two folders shared them: search in one read the
    other's index."""
    from tests.warehouse.whtest import make_article, make_batch

    env = {**os.environ, "PRESSROOM_STATE_DIR": str(tmp_path / "state")}
    for name, n in (("a", 1), ("b", 2)):
        folder = tmp_path / name
        folder.mkdir()
        with open_warehouse(parse_target(f"ducklake:{folder / 'meta.ducklake'}",
                                         str(folder / "lake"))) as wh:
            wh.write_batch(make_batch(make_article(n)))

    def cli(folder: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pressroom", *args, "--db",
                               "ducklake:meta.ducklake"], capture_output=True, text=True,
                              timeout=TIMEOUT, check=False, env=env, cwd=tmp_path / folder)

    for folder in ("a", "b"):
        indexed = cli(folder, "index")
        assert indexed.returncode == 0, indexed.stderr
    found = cli("a", "search", "release", "--format", "csv")
    assert found.returncode == 0, found.stderr
    assert "example.org/news/1" in found.stdout and "news/2" not in found.stdout, found.stdout


@pytest.mark.parametrize("argv", [["ingest", "--no-prefect"],
                                  ["backfill", "--no-prefect", "--source", "belta",
                                   "--since", "2019-01-01"]])
def test_a_state_folder_that_cannot_be_made_is_one_line(tmp_path: Path, argv: list[str]) -> None:
    # A service user without a home (HOME=/nonexistent) or a mistyped
    # $PRESSROOM_STATE_DIR: the lake's spool and locks have nowhere to go. Before: an
    # OSError traceback from the gateway, before anything was fetched.
    catalog, data = f"ducklake:{tmp_path / 'meta.ducklake'}", tmp_path / "data"
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    state = blocker / "state"
    sources = tmp_path / "s.toml"
    sources.write_text('[[source]]\nname = "belta"\nfeeds = ["http://127.0.0.1:9/rss.xml"]\n',
                       encoding="utf-8")
    proc = run_cli(*argv, "--sources", str(sources), "--db", catalog, "--data-path", str(data),
                   env={"PRESSROOM_STATE_DIR": str(state)})
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith(f"pressroom: error: cannot create {state}/, this host's folder "
                           f"for DuckLake {catalog}"), line
    assert "$PRESSROOM_STATE_DIR" in line and "Not a directory" in line, line


@pytest.mark.parametrize("argv", [["ingest"],
                                  ["backfill", "--source", "belta", "--since", "2019-01-01"]])
def test_through_prefect_an_expected_failure_is_one_line(
        tmp_path: Path, prefect_api: str, argv: list[str]) -> None:
    # The same state folder through Prefect (no --no-prefect): the flow ends Failed with
    # the error (flows.ingest._failed). Before: the line three times on stderr, the
    # flow's ERROR record, the engine's 'Finished in state Failed(...)', then the CLI's
    # 'pressroom: error: ...'. The Prefect run keeps it as its state's message.
    catalog, data = f"ducklake:{tmp_path / 'meta.ducklake'}", tmp_path / "data"
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    sources = tmp_path / "s.toml"
    sources.write_text('[[source]]\nname = "belta"\nfeeds = ["http://127.0.0.1:9/rss.xml"]\n',
                       encoding="utf-8")
    proc = run_cli(*argv, "--sources", str(sources), "--db", catalog, "--data-path", str(data),
                   env={"PRESSROOM_STATE_DIR": str(blocker / "state"),
                        "PREFECT_API_URL": prefect_api})
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    said = [line for line in proc.stderr.splitlines() if "cannot create" in line]
    assert len(said) == 1, proc.stderr
    assert said[0].startswith("pressroom: error: "), said
    assert "$PRESSROOM_STATE_DIR" in said[0] and "Not a directory" in said[0], said
    name, message, log = asyncio.run(_latest_run_of(argv[0]))
    # Prefect's run names the class; the CLI's line is the no-Prefect one (ops37: it was
    # "pressroom: error: ConfigError: cannot create ..." through Prefect).
    assert (name, message) == ("Failed", "ConfigError: " + said[0].removeprefix(
        "pressroom: error: ")), message
    assert message in log, log
    direct = run_cli(*argv, "--no-prefect", "--sources", str(sources), "--db", catalog,
                     "--data-path", str(data), env={"PRESSROOM_STATE_DIR": str(blocker / "state")})
    assert direct.returncode == proc.returncode
    assert direct.stderr.strip().splitlines() == said, (direct.stderr, said)
