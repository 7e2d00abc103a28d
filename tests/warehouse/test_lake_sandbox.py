"""``pressroom sql`` on a lake whose rows are in Parquet files: readable, and the data
folder the session must read stays out of reach for writing.

DuckLake keeps inserts of up to 10 rows inlined in its catalog, so a lake of small
batches never makes the sandbox open a data file; a 20-article batch does.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pressroom.errors import PressroomError, QueryRefused
from tests.warehouse.whtest import SOURCE, make_article, make_batch
from warehouse import open_warehouse
from warehouse.lake import parse_target
from warehouse.sandbox import open_session

ARTICLES = 20


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def lake(tmp_path: Path) -> tuple[str, Path]:
    catalog, data = f"ducklake:{tmp_path / 'meta.ducklake'}", tmp_path / "data"
    with open_warehouse(parse_target(catalog, str(data))) as wh:
        wh.write_batch(make_batch(*(make_article(n) for n in range(1, ARTICLES + 1))))
    assert list(data.rglob("article_versions/*.parquet")), "the batch was inlined, not written"
    return catalog, data


def test_sql_reads_a_lakes_parquet_rows(lake: tuple[str, Path]) -> None:
    catalog, data = lake
    # Without --data-path too: the folder comes from the lake's catalog.
    for target in (parse_target(catalog, str(data)), parse_target(catalog)):
        with open_session(target) as session:
            rows = session.run("SELECT count(*), sum(length(body)) > 0 FROM articles").rows
        assert rows == [(ARTICLES, True)]


@pytest.mark.parametrize("statement", [
    "COPY (SELECT 1 AS x) TO '{data}/evil.parquet'",
    "COPY (SELECT 1 AS x) TO '{victim}'",  # overwrite one of the lake's own files
    "EXPORT DATABASE '{data}/export'",
    "ATTACH '{data}/evil.duckdb' AS evil",
    "SELECT 1; COPY (SELECT 2 AS x) TO '{data}/second.csv'",
    "LOAD '{victim}'",
])
def test_sql_on_a_lake_writes_and_opens_no_file(lake: tuple[str, Path], statement: str) -> None:
    catalog, data = lake
    victim = next(data.rglob("article_versions/*.parquet"))
    before = _digest(data)
    with open_session(parse_target(catalog, str(data))) as session, \
            pytest.raises(QueryRefused, match="refused: `pressroom sql` has no file"):
        session.run(statement.format(data=data, victim=victim))
    assert _digest(data) == before


@pytest.fixture
def inlined_lake(lake: tuple[str, Path]) -> tuple[str, Path]:
    """The lake with one more article inlined in its catalog (what a flush would write)."""
    catalog, data = lake
    with open_warehouse(parse_target(catalog, str(data))) as wh:
        wh.write_batch(make_batch(make_article(ARTICLES + 1)))
    return catalog, data


# Review v19: table functions that write, and SQL run out of the statement check's
# sight, all reached from a statement of an allowed type (SELECT, SET).
@pytest.mark.parametrize("statement", [
    "FROM checkpoint('lake')",  # flushes the inlined rows into new Parquet files
    "SELECT * FROM \"CHECKPOINT\"('lake')",
    "FROM force_checkpoint('lake')",
    "FROM json_execute_serialized_sql(json_serialize_sql("
    "'FROM ducklake_flush_inlined_data(''lake'')'))",
    "SET VARIABLE v = (SELECT count(*) FROM query('FROM ducklake_flush_inlined_data(''lake'')'))",
    "SET VARIABLE /* = */ v TO (SELECT count(*) FROM checkpoint('lake'))",
    "FROM enable_logging(storage := 'file', storage_path := '{data}/logs')",
])
def test_sql_on_a_lake_calls_no_table_function_that_writes(
    inlined_lake: tuple[str, Path], statement: str,
) -> None:
    catalog, data = inlined_lake
    before = _digest(data)
    with open_session(parse_target(catalog, str(data))) as session:
        try:
            session.run(statement.format(data=data))
            error = ""
        except PressroomError as exc:
            error = str(exc)
        session.run("SELECT count(*) FROM articles")  # logging, had it been enabled, writes now
    assert _digest(data) == before
    assert error.startswith("refused: ") and "on a lake runs queries only" in error, error


def test_sql_on_a_lake_still_runs_reading_functions_macros_and_variables(
    inlined_lake: tuple[str, Path],
) -> None:
    catalog, data = inlined_lake
    with open_session(parse_target(catalog, str(data))) as session:
        assert session.run("SET VARIABLE n = (SELECT count(*) FROM articles); "
                           "SELECT getvariable('n')").rows == [(ARTICLES + 1,)]
        assert session.run("SELECT count(*) FROM search('Body')").rows[0][0] > 0
        assert session.run("SELECT count(*) FROM range(3), ducklake_snapshots('lake')"
                           ).rows[0][0] > 0
        assert session.run("PRAGMA table_info('articles')").rows



# Review r24: a lake session may read its data folder, and nothing beside it, however
# the path is spelt: outside it, up out of it, or through a link planted in it.
OUTSIDE = ("/etc/passwd", "/proc/self/environ", "file:///etc/passwd", "{data}/../meta.ducklake",
           "{data}/main/../../meta.ducklake", "{data}/etc/passwd", "{data}/passwd")


def test_sql_on_a_lake_reads_no_file_outside_its_data_folder(lake: tuple[str, Path]) -> None:
    catalog, data = lake
    (data / "etc").symlink_to("/etc")
    (data / "passwd").symlink_to("/etc/passwd")
    with open_session(parse_target(catalog, str(data))) as session:
        assert session.run(f"SELECT count(*) FROM glob('{data}/main/*/*.parquet')").rows[0][0]
        listed = [r[0] for r in session.run(f"SELECT * FROM glob('{data}/**')").rows]
        assert listed and not [f for f in listed if "passwd" in f or "/etc/" in f], listed
        for path in OUTSIDE:
            for reader in ("read_text", "read_blob", "read_csv", "glob"):
                statement = f"SELECT * FROM {reader}('{path.format(data=data)}')"
                with pytest.raises(QueryRefused, match="refused: `pressroom sql` has no file"):
                    session.run(statement)


def test_pivot_on_a_lake_names_pivot_and_runs_with_its_values_listed(
    inlined_lake: tuple[str, Path],
) -> None:
    """A PIVOT without an IN list was refused as "CREATE statements are refused" (DuckDB
    plans an ENUM type of the values found, then a SELECT; neither can be checked, and
    its source could call checkpoint()). The line now names PIVOT and the form that runs
    (ops37); with the values listed it is a checked SELECT, and runs."""
    import subprocess
    import sys

    catalog, data = inlined_lake
    before = _digest(data)
    source = SOURCE

    def sql(query: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pressroom", "sql", "--db", catalog,
                               "--data-path", str(data), "--format", "csv", query],
                              capture_output=True, text=True, timeout=120, check=False)

    for query in ("PIVOT articles ON source USING count(*)",
                  "SELECT 1; pivot (SELECT source FROM articles) ON source USING count(*)",
                  "WITH p AS (PIVOT articles ON source USING count(*)) SELECT * FROM p"):
        done = sql(query)
        assert done.returncode == 1, done.stdout
        assert done.stderr.count("\n") == 1, done.stderr
        assert "runs PIVOT only with the values listed" in done.stderr, done.stderr
        assert "CREATE statements" not in done.stderr
    listed = sql(f"PIVOT (SELECT source FROM articles) ON source IN ('{source}') USING count(*)")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [source, str(ARTICLES + 1)], listed.stdout
    assert _digest(data) == before
