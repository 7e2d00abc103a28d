"""The Prefect commands on a DuckLake warehouse: ``ingest`` through a real Prefect
flow run, ``backfill``, ``reparse`` and ``stories --rebuild``, as real CLI
subprocesses on the loopback press site, with the catalog on a throwaway
PostgreSQL (tests/lakepg.py) and the same commands on a DuckDB file beside it."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.locks import source_lock
from tests.lakepg import Postgres, run_cli, running_postgres
from tests.site import PressSite
from tests.site.sources import write_sources_toml
from tests.test_lake_cli import SAME, _one_error_line, _rows
from warehouse.lake import deployment_parameters, parse_target, state_path


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres]:
    with running_postgres() as pg:
        yield pg


def _ok(proc: subprocess.CompletedProcess[str]) -> None:
    assert proc.returncode in (0, 3), proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr


def test_prefect_ingest_backfill_reparse_and_rebuild_on_a_lake(
    tmp_path: Path, postgres: Postgres, prefect_api: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    lake = postgres.new_catalog()
    data = str(tmp_path / "lake-data")
    file = str(tmp_path / "file.duckdb")
    monkeypatch.setenv("PRESSROOM_STATE_DIR", str(tmp_path / "state"))
    env = {"PREFECT_API_URL": prefect_api, "PRESSROOM_STATE_DIR": str(tmp_path / "state")}
    on_lake = ["--db", lake, "--data-path", data]
    with PressSite() as site:
        sources = str(write_sources_toml(site, tmp_path / "s.toml"))
        # ingest through Prefect into the lake; the file gets the same answers.
        for where in (on_lake, ["--db", file]):
            site.reset()
            _ok(run_cli("ingest", "--sources", sources, *where, env=env))
        for name, sql in SAME.items():
            assert _rows(lake, sql) == _rows(file, sql), name
        articles = _rows(lake, SAME["articles"])
        assert len(articles) >= 10
        runs = _rows(lake, "SELECT count(*) FROM runs")[0][0]

        # backfill walks belta's listings back: a recorded run, nothing stored twice.
        _ok(run_cli("backfill", "--sources", sources, *on_lake, "--source", "belta",
                    "--since", "2019-01-01", env=env))
    assert _rows(lake, "SELECT count(*) FROM runs")[0][0] == runs + 1
    assert _rows(lake, "SELECT count(*), count(DISTINCT url) FROM articles") == [
        (len(articles), len(articles))]

    # reparse reads the lake's archive back through today's parsers: every page
    # parsed, nothing changed, no new version.
    reparsed = run_cli("reparse", "--sources", sources, *on_lake, env=env)
    _ok(reparsed)
    assert reparsed.stdout.startswith(f"pages {len(articles)}, new 0, updated 0, "
                                      f"unchanged {len(articles)}, failed 0"), reparsed.stdout
    assert _rows(lake, SAME["versions"]) == [(len(articles), len(articles))]

    # A source another run holds (its lock on this host) is not reparsed beside it.
    with source_lock(state_path(parse_target(lake, data)), "belta") as mine:
        assert mine
        busy = run_cli("reparse", "--sources", sources, *on_lake, "--source", "belta", env=env)
    assert busy.returncode == 1
    assert "source belta is being ingested" in busy.stderr, busy.stderr
    assert len(busy.stderr.strip().splitlines()) == 1 and "Traceback" not in busy.stderr

    # stories --rebuild clusters the lake's articles as it does the file's.
    for db in (lake, file):
        rebuilt = run_cli("stories", "--rebuild", "--db", db, "--format", "csv", env=env)
        assert rebuilt.returncode == 0, rebuilt.stderr
        assert f"from {len(articles)} articles" in rebuilt.stderr
    assert _rows(lake, SAME["stories"]) == _rows(file, SAME["stories"])
    assert _rows(lake, "SELECT count(*), count(DISTINCT article_id) FROM story_members") == [
        (len(articles), len(articles))]


# Each command that hands --db to Prefect (a run's or a deployment's parameters).
TO_PREFECT = [["ingest"], ["deploy", "--pool", "p"], ["serve"]]


@pytest.mark.parametrize("argv", TO_PREFECT, ids=[a[0] for a in TO_PREFECT])
def test_a_password_in_the_catalog_string_stays_out_of_prefect(
    tmp_path: Path, argv: list[str]
) -> None:
    # Refused before Prefect or the catalog is reached (this Postgres does not exist).
    lake = f"ducklake:postgres:dbname=nowhere host={tmp_path} password=hunter2"
    with PressSite() as site:
        sources = str(write_sources_toml(site, tmp_path / "s.toml"))
    proc = run_cli(*argv, "--sources", sources, "--db", lake,
                   env={"PREFECT_API_URL": "http://127.0.0.1:9/api"})
    _one_error_line(proc, "a Prefect run stores --db among its parameters: put the catalog's "
                          "password in PGPASSWORD or ~/.pgpass, not in --db")


def test_deployment_parameters_name_local_paths_absolutely(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A deployment's runs start on other hosts in other folders: relative paths would
    # name another lake there. A Postgres catalog and an object store URL stay as given.
    monkeypatch.chdir(tmp_path)
    local = deployment_parameters(parse_target("ducklake:meta/cat.ducklake", "lake-data"))
    assert local == {"db_path": f"ducklake:{tmp_path / 'meta' / 'cat.ducklake'}",
                     "data_path": str(tmp_path / "lake-data")}
    pg = "ducklake:postgres:dbname=pressroom host=10.0.0.5 user=pressroom"
    assert deployment_parameters(parse_target(pg, "s3://bucket/lake/")) == {
        "db_path": pg, "data_path": "s3://bucket/lake/"}
    assert deployment_parameters(Path("w.duckdb")) == {"db_path": str(tmp_path / "w.duckdb")}
