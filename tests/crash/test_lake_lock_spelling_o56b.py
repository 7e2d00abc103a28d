"""Two runs of one source on one host never both write one lake, however each spells its
PostgreSQL catalog (o56b). o56 made ``dbname=n host=h``, ``host=h dbname=n``, a URI and a
link to the socket folder one owner of a deployment (flows/owners.py), but the source run
locks lived in the lake's state folder named by the catalog as typed
(``LakeTarget.local_path``): each spelling had its own, so a run given another spelling
than the one running fetched and wrote the same source beside it. The locks are now also
taken in a folder named by the catalog's one spelling (warehouse/catalog_spelling.py).

Real parts: a throwaway PostgreSQL (tests/lakepg.py), ``pressroom ingest --no-prefect``
subprocesses, the first held mid-fetch by the loopback site's gate.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.crash.bulk_site import BulkSite
from tests.lakepg import Postgres, running_postgres
from warehouse.lake import parse_target
from warehouse.lake_read import connect_read_only

ARTICLES = 30
HELD_AFTER = 5


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres]:
    with running_postgres() as pg:
        yield pg


def _reordered(name: str, socket_dir: str, _tmp: Path) -> str:
    return f"ducklake:postgres:user=postgres  host='{socket_dir}' dbname={name}"


def _uri(name: str, socket_dir: str, _tmp: Path) -> str:
    return f"ducklake:postgresql://postgres@/{name}?host={socket_dir}"


def _socket_link(name: str, socket_dir: str, tmp: Path) -> str:
    link = tmp / "run-postgresql"
    link.symlink_to(socket_dir)
    return f"ducklake:postgres:dbname={name} host={link} user=postgres"


OTHER_SPELLINGS: dict[str, Callable[[str, str, Path], str]] = {
    "keywords reordered and quoted": _reordered,
    "a connection URI": _uri,
    "the socket folder through a link": _socket_link,
}


def _ingest(sources: Path, lake: str, data: str) -> list[str]:
    return [sys.executable, "-m", "pressroom", "ingest", "--no-prefect", "--sources",
            str(sources), "--db", lake, "--data-path", data, "--lock-timeout", "30"]


@pytest.mark.slow
@pytest.mark.parametrize("spell", OTHER_SPELLINGS.values(), ids=OTHER_SPELLINGS.keys())
def test_a_run_given_another_spelling_of_the_catalog_finds_the_source_held(
        tmp_path: Path, postgres: Postgres, spell: Callable[[str, str, Path], str]) -> None:
    lake = postgres.new_catalog()  # dbname=N host=SOCKET user=postgres
    name = lake.split("dbname=", 1)[1].split()[0]
    other = spell(name, postgres.socket_dir, tmp_path)
    data = str(tmp_path / "lake-data")
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PRESSROOM_STATE_DIR": str(tmp_path / "state")}
    sources = tmp_path / "bulk.toml"
    with BulkSite(ARTICLES, gate_after=HELD_AFTER, gate_wait=300.0) as site:
        sources.write_text(site.sources_toml(timeout=300.0), encoding="utf-8")
        first = subprocess.Popen(_ingest(sources, lake, data), env=env, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            assert site.wait_served(HELD_AFTER)
            # The first run is stuck mid-fetch behind the gate, holding bulk; the second,
            # given the same catalog spelt otherwise, must turn away at once (before: it
            # fetched too, and waited at the gate until its subprocess timeout).
            try:
                second = subprocess.run(_ingest(sources, other, data), env=env,
                                        capture_output=True, text=True, timeout=120,
                                        check=False)
            except subprocess.TimeoutExpired:
                pytest.fail("the run given the other spelling fetched beside the running one "
                            "(stuck at the gate) instead of finding bulk held")
        finally:
            site.open_gate()
            _out, err = first.communicate(timeout=300)
        hits = [site.hits(p) for p in site.article_paths()]
    assert first.returncode == 0, err[-3000:]
    assert second.returncode == 0, second.stderr[-3000:]
    assert f"skipped: another run of bulk is in progress (pid {first.pid})" in second.stderr
    assert hits == [1] * ARTICLES
    con = connect_read_only(parse_target(lake, data))
    try:
        runs = con.execute("SELECT run_id, status, held_by FROM runs ORDER BY started_at"
                           ).fetchall()
        stored = con.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone()
    finally:
        con.close()
    (first_id, ran, _), (_second_id, skipped, held_by) = runs
    assert (ran, skipped, held_by) == ("ok", "skipped", first_id)
    assert stored == (ARTICLES, ARTICLES)
