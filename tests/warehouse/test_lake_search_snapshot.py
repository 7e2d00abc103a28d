"""A search on a lake reads the catalog's snapshot once, and sees every commit before it.

Counted on a real PostgreSQL catalog (tests/lakepg.py) from the server's own
statement log: each DuckLake transaction on a PostgreSQL catalog is one
PostgreSQL transaction (``BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ``)
that starts by reading the newest snapshot.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.lakepg import Postgres, running_postgres
from tests.warehouse.whtest import make_article, make_batch
from warehouse import open_warehouse
from warehouse.lake import LakeTarget, parse_target
from warehouse.search import SearchSession
from warehouse.search_index import build_index

WORD = "harbour"


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres]:
    with running_postgres() as pg:
        yield pg


class StatementLog:
    """The catalog server's statements, logged while the block runs."""

    def __init__(self, pg: Postgres) -> None:
        self.server = pg.server
        self.path = Path(self.server.log)

    def __enter__(self) -> StatementLog:
        self.server.psql("ALTER SYSTEM SET log_statement = 'all';")
        self.server.psql("SELECT pg_reload_conf();")
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.psql("ALTER SYSTEM RESET log_statement;")
        self.server.psql("SELECT pg_reload_conf();")

    def mark(self) -> int:
        return self.path.stat().st_size

    def transactions_since(self, mark: int) -> int:
        with self.path.open("rb") as f:
            f.seek(mark)
            text = f.read().decode("utf-8", "replace")
        return text.count("statement: BEGIN")


def _article(n: int, words: str) -> object:
    return make_article(n, body=f"Release {n} on the {words} project and its budget.")


def test_a_search_on_a_lake_reads_one_snapshot(tmp_path: Path, postgres: Postgres) -> None:
    target = parse_target(postgres.new_catalog(), str(tmp_path / "data"))
    assert isinstance(target, LakeTarget)
    with open_warehouse(target) as wh:
        wh.write_batch(make_batch(*(_article(n, WORD) for n in range(1, 7)), run_id="r1"))
    build_index(target)
    with open_warehouse(target) as wh:  # the unindexed tail
        wh.write_batch(make_batch(*(_article(n, WORD) for n in range(7, 10)), run_id="r2"))
    with SearchSession(target) as session, StatementLog(postgres) as log:
        assert session.index is not None
        # Committed after the session opened, before the search: it must be found.
        with open_warehouse(target) as wh:
            wh.write_batch(make_batch(_article(10, f"{WORD} late"), run_id="r3",
                                      at=datetime(2026, 12, 2, tzinfo=UTC)))
        for kwargs in ({}, {"collapse": True}, {"source": "nowhere"}):
            mark = log.mark()
            result = session.search(WORD, **kwargs)  # type: ignore[arg-type]
            # Several statements read the lake (the tail, the hits' rows, the
            # stories, whether the source is known); in autocommit each read
            # the newest snapshot in a PostgreSQL transaction of its own.
            assert log.transactions_since(mark) == 1, kwargs
            if "source" in kwargs:
                assert result.hits == [] and result.source_known is False
            else:
                urls = {h.url for h in result.hits}
                assert urls == {f"https://example.org/news/{n}" for n in range(1, 11)}, kwargs
        assert session.search("late").hits[0].url == "https://example.org/news/10"
