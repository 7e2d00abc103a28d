"""The read side on a DuckLake: ``sql``, ``index``, ``search``, ``export``, ``report``
and ``health`` from processes of their own, on a lake whose catalog is on a throwaway
PostgreSQL (tests/lakepg.py); real CLI subprocesses, the loopback press site."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.lakepg import Postgres, run_cli, running_postgres
from tests.site import PressSite
from tests.site.sources import write_sources_toml
from warehouse import open_warehouse
from warehouse.lake import parse_target
from warehouse.search_index import read_index_info
from warehouse.search_query import tokenize


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres]:
    with running_postgres() as pg:
        yield pg


def ok(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    return proc.stdout


def _rows(db: str, sql: str) -> list[tuple[object, ...]]:
    with open_warehouse(parse_target(db), read_only=True) as wh:
        return wh.query(sql).rows


def _any_word_of_each(titles: list[str]) -> str:
    """A query matching every title: the longest word of each, OR-ed."""
    words = {max(tokenize(t), key=len) for t in titles}
    return " OR ".join(sorted(words))


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_a_third_process_reads_every_article_ingested_into_the_lake(
    tmp_path: Path, postgres: Postgres
) -> None:
    lake = postgres.new_catalog()
    data = str(tmp_path / "lake-data")
    on_lake = ["--db", lake, "--data-path", data]
    env = {"PRESSROOM_STATE_DIR": str(tmp_path / "state")}
    with PressSite() as site:
        sources = str(write_sources_toml(site, tmp_path / "s.toml"))
        # belta is indexed; fixture, ingested after the index, is the unindexed tail.
        first = run_cli("ingest", "--no-prefect", "--sources", sources, "--source", "belta",
                        *on_lake, env=env)
        assert first.returncode in (0, 3), first.stderr[-3000:]
        built = ok(run_cli("index", *on_lake))
        second = run_cli("ingest", "--no-prefect", "--sources", sources, "--source", "fixture",
                         *on_lake, env=env)
        assert second.returncode in (0, 3), second.stderr[-3000:]
    articles = _rows(lake, "SELECT article_id, source, title, story_id FROM articles")
    ids = {str(a[0]) for a in articles}
    assert {a[1] for a in articles} == {"belta", "fixture"}
    assert len(ids) == len(articles) >= 10

    # The index lives beside the data folder, and covers belta's articles only.
    index = tmp_path / "lake-data.search.duckdb"
    assert str(index) in built
    belta = sum(1 for a in articles if a[1] == "belta")
    assert read_index_info(index).indexed_rows == belta < len(articles)

    count = ok(run_cli("sql", "SELECT count(*) AS n FROM articles", "--db", lake,
                       "--format", "csv"))
    assert count.split() == ["n", str(len(articles))]

    # search: every article, from the index (belta) and from the lake's tail (fixture).
    query = _any_word_of_each([str(a[2]) for a in articles])
    found = json.loads(ok(run_cli("search", query, *on_lake, "--limit", "1000",
                                  "--format", "json")))
    assert {h["article_id"] for h in found} == ids
    assert {h["source"] for h in found} == {"belta", "fixture"}
    collapsed = json.loads(ok(run_cli("search", query, *on_lake, "--limit", "1000",
                                      "--collapse", "--format", "json")))
    assert {h["story_id"] for h in collapsed} == {str(a[3]) for a in articles}

    out = tmp_path / "export"
    ok(run_cli("export", "--db", lake, "--out", str(out), "--format", "jsonl"))
    exported = [json.loads(line) for f in sorted(out.rglob("*.jsonl"))
                for line in f.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["article_id"] for r in exported) == sorted(ids)

    page = tmp_path / "report.html"
    ok(run_cli("report", "--db", lake, "--out", str(page)))
    html = page.read_text(encoding="utf-8")
    assert f"of {len(articles)} stored articles" in html
    assert "<td>belta</td>" in html and "<td>fixture</td>" in html

    health = ok(run_cli("health", "--db", lake, "--format", "csv"))
    assert {line.split(",")[0] for line in health.splitlines()[1:]} == {"belta", "fixture"}


# The report's one line that names the warehouse and the time it was made.
_GENERATED = re.compile(r"<p class=\"muted\">Warehouse .*? UTC\.\n")


def test_a_lake_reads_out_what_the_file_it_was_migrated_from_does(
    tmp_path: Path, postgres: Postgres
) -> None:
    file = str(tmp_path / "file.duckdb")
    lake = postgres.new_catalog()
    data = str(tmp_path / "lake-data")
    with PressSite() as site:
        sources = str(write_sources_toml(site, tmp_path / "s.toml"))
        ingested = run_cli("ingest", "--no-prefect", "--sources", sources, "--db", file)
        assert ingested.returncode in (0, 3), ingested.stderr[-3000:]
    ok(run_cli("migrate", "--db", file, "--to", lake, "--data-path", data))
    sides = {"file": ["--db", file], "lake": ["--db", lake, "--data-path", data]}

    def each(*argv: str, out: str | None = None) -> dict[str, str]:
        got = {}
        for side, db in sides.items():
            extra = ["--out", str(tmp_path / side / out)] if out else []
            got[side] = ok(run_cli(*argv, *db, *extra))
        return got

    for fmt in ("parquet", "csv", "jsonl"):
        each("export", "--format", fmt, out=fmt)
        file_tree, lake_tree = (_tree(tmp_path / side / fmt) for side in sides)
        assert file_tree == lake_tree, fmt
        assert len(file_tree) >= 2
    each("report", out="report.html")
    pages = {side: _GENERATED.sub("", (tmp_path / side / "report.html").read_text("utf-8"))
             for side in sides}
    assert pages["file"] == pages["lake"]
    assert "<svg" in pages["lake"]
    health = each("health", "--format", "csv")
    assert health["file"] == health["lake"]
    assert len(health["lake"].splitlines()) == 3  # a header and two sources

    each("index")
    titles = [str(r[0]) for r in _rows(lake, "SELECT title FROM articles")]
    query = _any_word_of_each(titles)
    hits = each("search", query, "--limit", "1000", "--format", "json")
    assert hits["file"] == hits["lake"]
    assert len(json.loads(hits["lake"])) == len(titles)


READS = [["search", "trade"], ["index"], ["export", "--out", "OUT"],
         ["report", "--out", "OUT/r.html"], ["health"]]


@pytest.mark.parametrize("argv", READS, ids=[a[0] for a in READS])
def test_a_read_command_on_an_unreachable_catalog_fails_in_one_line(
    tmp_path: Path, argv: list[str]
) -> None:
    # No PostgreSQL listens in tmp_path: the command gets as far as attaching the lake.
    lake = f"ducklake:postgres:dbname=nowhere host={tmp_path} user=postgres"
    proc = run_cli(*[a.replace("OUT", str(tmp_path / "out")) for a in argv], "--db", lake,
                   "--data-path", str(tmp_path / "data"))
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert lines[0].startswith(
        f"pressroom: error: the catalog of DuckLake {lake} cannot be reached ("), lines[0]
