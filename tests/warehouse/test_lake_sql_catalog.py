"""Review r18: ``pressroom sql`` on a PostgreSQL lake must not reach the catalog database
around the lake's READ_ONLY attach (README: "sql (read-only: ... writes to its catalog fail)").

Real parts: a throwaway PostgreSQL (tests/lakepg.py), the CLI as a subprocess.
Fails on main at 75a0cf5: the postgres scanner's ``postgres_execute`` on DuckLake's own
metadata attachment runs ``COMMIT; <any SQL>`` with the catalog user's rights.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.lakepg import run_cli, running_postgres
from tests.warehouse.whtest import make_article, make_batch
from warehouse import open_warehouse
from warehouse.lake import parse_target
from warehouse.sandbox import open_session

T1 = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
ESCAPES = (
    "CALL postgres_execute('__ducklake_metadata_lake', 'COMMIT; CREATE TABLE r18_escape(x int)')",
    "SELECT * FROM postgres_query('__ducklake_metadata_lake', 'SELECT 1')",
)
MADE = ("SELECT * FROM postgres_query('__ducklake_metadata_lake', "
        "'SELECT count(*) FROM pg_tables WHERE tablename = ''r18_escape''')")


def test_sql_on_a_postgres_lake_cannot_write_or_query_the_catalog_database(
    tmp_path: Path,
) -> None:
    data = str(tmp_path / "data")
    with running_postgres() as pg:
        lake = pg.new_catalog()
        with open_warehouse(parse_target(lake, data)) as wh:
            wh.start_run("r1", ["example"], T1, 1)
        results = [run_cli("sql", sql, "--db", lake, "--data-path", data) for sql in ESCAPES]
        with open_warehouse(parse_target(lake, data), read_only=True) as wh:
            made = wh.connection.execute(MADE).fetchall()
    assert made == [(0,)], "pressroom sql created a table in the lake's catalog database"
    for sql, result in zip(ESCAPES, results, strict=True):
        assert result.returncode == 1, (sql, result.stdout, result.stderr)
        assert result.stderr.startswith("pressroom: error:"), result.stderr
        assert "Traceback" not in result.stderr


def test_sql_on_a_postgres_lake_reads_a_local_copy_of_its_catalog(tmp_path: Path) -> None:
    """The session reads Parquet and inlined rows through its catalog copy, and its
    DuckDB has no postgres scanner loaded (nothing can reach the catalog database)."""
    data = str(tmp_path / "data")
    with running_postgres() as pg:
        lake = pg.new_catalog()
        with open_warehouse(parse_target(lake, data)) as wh:
            wh.write_batch(make_batch(*(make_article(n) for n in range(1, 21))))  # Parquet
            wh.write_batch(make_batch(make_article(21)))  # inlined in the catalog
        for target in (parse_target(lake, data), parse_target(lake)):
            with open_session(target) as session:
                rows = session.run("SELECT count(*), sum(length(body)) > 0 FROM articles").rows
                # duckdb_extensions() lists the extension folder, which the sandbox
                # refuses; the scanner's functions tell whether it is loaded.
                scanner = session.run("SELECT DISTINCT function_name FROM duckdb_functions() "
                                      "WHERE function_name LIKE 'postgres%'").rows
            assert rows == [(21, True)]
            assert scanner == []
    assert list(Path(data).rglob("article_versions/*.parquet")), "no row was in Parquet"


def _files(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_size for p in folder.rglob("*")}


def test_sql_on_a_lake_runs_queries_only_so_nothing_in_its_data_folder_is_written(
    tmp_path: Path,
) -> None:
    """Review r18b: a refused-types list let COPY through inside PREPARE/EXECUTE and
    EXPLAIN ANALYZE (a lake's Parquet file was overwritten, a table's files deleted),
    and CHECKPOINT / ducklake_flush_inlined_data wrote orphan files."""
    data = tmp_path / "data"
    victim = data / "main" / "seen_urls"
    attacks = (
        f"PREPARE p AS COPY (SELECT 1 AS x) TO '{data}/main/pwn.csv'; EXECUTE p",
        f"EXPLAIN ANALYZE COPY (SELECT 1 AS x) TO '{data}/main/pwn2.csv'",
        f"PREPARE p AS COPY (SELECT 1 AS x, 2 AS y) TO '{victim}' "
        "(FORMAT parquet, PARTITION_BY (x), OVERWRITE true); EXECUTE p",
        "CHECKPOINT",
        "CALL ducklake_flush_inlined_data('lake')",
        "FROM ducklake_flush_inlined_data('lake')",
        "SELECT * FROM query('FROM ducklake_flush_inlined_data(''lake'')')",
    )
    with running_postgres() as pg:
        lake = pg.new_catalog()
        with open_warehouse(parse_target(lake, str(data))) as wh:
            wh.write_batch(make_batch(*(make_article(n) for n in range(1, 21))))
            wh.write_batch(make_batch(make_article(21)))  # inlined: a flush would write it
        before = _files(data)
        results = [run_cli("sql", sql, "--db", lake, "--data-path", str(data))
                   for sql in attacks]
        after = _files(data)
        read = run_cli("sql", "SELECT count(*) FROM seen_urls", "--db", lake,
                       "--data-path", str(data), "--format", "csv")
        empty = run_cli("sql", "-- nothing", "--db", lake, "--data-path", str(data))
        snapshots = run_cli("sql", "SELECT count(*) FROM ducklake_snapshots('lake')", "--db",
                            lake, "--data-path", str(data))
    for sql, result in zip(attacks, results, strict=True):
        assert result.returncode == 1, (sql, result.stdout, result.stderr)
        assert result.stderr.startswith("pressroom: error: refused: "), result.stderr
        assert "on a lake runs queries only" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert after == before
    assert read.returncode == 0 and read.stdout.split()[-1] == "21", read.stdout + read.stderr
    assert empty.returncode == 0 and "Traceback" not in empty.stderr, empty.stderr
    assert snapshots.returncode == 0, snapshots.stderr  # DuckLake's read functions stay


def test_sql_on_a_lake_named_by_a_uri_keeps_its_password_out(tmp_path: Path) -> None:
    """Review r18b: the catalog copy cut a ``postgresql://`` URI at its first colon, and
    libpq echoed the rest, password included."""
    data = str(tmp_path / "data")
    with running_postgres() as pg:
        lake = pg.new_catalog()
        with open_warehouse(parse_target(lake, data)) as wh:
            wh.write_batch(make_batch(make_article(1)))
        dbname = lake.split("dbname=", 1)[1].split()[0]
        uri = f"ducklake:postgresql://postgres:hunter2@/{dbname}?host={pg.socket_dir}"
        result = run_cli("sql", "SELECT count(*) FROM articles", "--db", uri,
                         "--data-path", data, "--format", "csv")
    assert "hunter2" not in result.stdout + result.stderr
    assert result.returncode == 0 and result.stdout.split()[-1] == "1", result.stderr
