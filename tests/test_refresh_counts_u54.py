"""u54: `ingest --refresh` asks every known article again (a conditional GET), and its
summary says so: "fetched" counts the article pages the run asked for and got, a 304
Not Modified included (it is also "unchanged").

Before: the refresh of five stored articles, every one asked and answered 304, printed
`total: 5 listed, 0 fetched, 0 new ...` and wrote `fetched = 0` to its runs row.

Real parts: the loopback press site (it answers 304 to a matching If-None-Match), two
`pressroom ingest --no-prefect` subprocesses, a DuckDB file."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.cli_run import run_cli
from tests.site import PressSite
from tests.site.sources import write_sources_toml


def test_a_refresh_counts_the_articles_it_asked_again_as_fetched(
        press_site: PressSite, tmp_path: Path) -> None:
    sources = str(write_sources_toml(press_site, tmp_path / "s.toml", names=("belta",)))
    db = tmp_path / "p.duckdb"
    first = run_cli("ingest", "--no-prefect", "--sources", sources, "--db", str(db))
    assert first.returncode == 0, first.stderr[-2000:]
    assert "total: 5 listed, 5 fetched, 5 new " in first.stdout, first.stdout
    press_site.clear_requests()
    refresh = run_cli("ingest", "--no-prefect", "--refresh", "--sources", sources,
                      "--db", str(db))
    assert refresh.returncode == 0, refresh.stderr[-2000:]
    asked = [path for _verb, path, _headers in press_site.requests if "/view/" in path]
    assert len(asked) == 5, press_site.requests
    assert "total: 5 listed, 5 fetched, 0 new " in refresh.stdout, refresh.stdout
    assert "0 updated, 5 unchanged, " in refresh.stdout, refresh.stdout
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT fetched, unchanged FROM runs ORDER BY run_seq").fetchall()
    assert rows == [(5, 0), (5, 5)], rows


def test_a_run_without_refresh_does_not_count_known_articles_as_fetched(
        press_site: PressSite, tmp_path: Path) -> None:
    """Guard: an idle run asks no known article, so it fetched none (README's 60
    listed, 0 fetched, 60 unchanged)."""
    sources = str(write_sources_toml(press_site, tmp_path / "s.toml", names=("belta",)))
    db = str(tmp_path / "p.duckdb")
    assert run_cli("ingest", "--no-prefect", "--sources", sources, "--db", db).returncode == 0
    again = run_cli("ingest", "--no-prefect", "--sources", sources, "--db", db)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "total: 5 listed, 0 fetched, 0 new " in again.stdout, again.stdout
    assert "0 updated, 5 unchanged, " in again.stdout, again.stdout
