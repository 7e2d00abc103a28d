"""Row groups of the small tables stay few however many sessions append (issue 15)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import duckdb
import pytest

from warehouse import open_warehouse
from warehouse.compaction import MAX_TAIL, TABLES
from warehouse.connection import BATCH_SETTINGS

from .whtest import T0, make_article, make_batch

SESSIONS = MAX_TAIL + 8


def _groups(path: Path) -> dict[str, int]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {t: int(con.execute("SELECT count(DISTINCT row_group_id) FROM "
                                   "pragma_storage_info(?)", [t]).fetchone()[0])  # type: ignore[index]
                for t in TABLES}


def _rows(path: Path) -> dict[str, list[str]]:
    """Each table's rows in rowid order (the order they were appended in)."""
    with duckdb.connect(str(path), read_only=True) as con:
        return {t: [str(r) for r in con.execute(f"SELECT * FROM {t} ORDER BY rowid")
                    .fetchall()] for t in TABLES}


def _stored(path: Path) -> dict[str, int]:
    """Rows each table's groups hold, deleted ones included."""
    with duckdb.connect(str(path), read_only=True) as con:
        return {t: int(con.execute("SELECT coalesce(sum(count), 0) FROM pragma_storage_info(?) "
                                   "WHERE column_id = 0 AND column_path = '[0]'",
                                   [t]).fetchone()[0])  # type: ignore[index]
                for t in TABLES}


def _append_sessions(path: Path) -> None:
    """One short batch session per 'run', two new articles each, as a scheduled ingest."""
    for n in range(SESSIONS):
        batch = make_batch(make_article(2 * n), make_article(2 * n + 1),
                           run_id=f"run-{n}", at=T0 + timedelta(minutes=15 * n))
        with open_warehouse(path, settings=BATCH_SETTINGS) as wh:
            wh.write_batch(batch)


def test_each_session_appends_a_row_group_and_compaction_merges_them(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    _append_sessions(db)
    before, rows = _groups(db), _rows(db)
    # DuckDB 1.5 with vacuum off: a group per session (what this module is for)
    assert before["article_state"] >= SESSIONS - 1, before
    with open_warehouse(db, settings=BATCH_SETTINGS) as wh:
        merged = wh.compact_tails()
        assert wh.integrity_problems() == []
    assert merged.get("article_state", 0) >= MAX_TAIL, merged
    after = _groups(db)
    assert all(n <= 1 for n in after.values()), after
    assert _rows(db) == rows  # the same rows in the same order, only fewer groups
    # Rewritten once: no deleted copies of the rows kept in the merged group.
    assert _stored(db) == {t: len(r) for t, r in rows.items()}


def test_compaction_waits_for_max_tail_groups(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with open_warehouse(db, settings=BATCH_SETTINGS) as wh:
        wh.write_batch(make_batch(make_article(1)))
    with open_warehouse(db, settings=BATCH_SETTINGS) as wh:
        wh.write_batch(make_batch(make_article(2), run_id="run-2"))
        assert wh.compact_tails() == {}  # a few groups cost less than their rewrite
    assert _groups(db)["article_state"] == 2


def test_a_runs_end_compacts_what_earlier_runs_appended(tmp_path: Path) -> None:
    import asyncio
    import socket

    from flows.config import SourceConfig
    from flows.run import run_sources

    db = tmp_path / "w.duckdb"
    _append_sessions(db)
    rows = _rows(db)
    with socket.socket() as sock:  # a closed port: the run stores nothing new
        sock.bind(("127.0.0.1", 0))
        feed = f"http://127.0.0.1:{sock.getsockname()[1]}/rss.xml"
    source = SourceConfig(name="dead", feeds=(feed,), allow_private_network=True,
                          min_delay=0.0, timeout=0.5, respect_robots=False)
    asyncio.run(run_sources([source], db, as_tasks=False))
    groups = _groups(db)
    assert all(n <= 1 for t, n in groups.items() if t != "fetch_log"), groups
    after = _rows(db)
    assert {t: after[t] for t in TABLES if t != "fetch_log"} == {
        t: rows[t] for t in TABLES if t != "fetch_log"}


def _found(db: Path, query: str) -> tuple[list[tuple[str, float, bool]], int]:
    """Each hit's url, score and whether the index held it; the unindexed rows."""
    from warehouse.search import search

    result = search(db, query, limit=200)
    assert result.index is not None, result.warning
    return [(h.url, round(h.score, 9), h.indexed) for h in result.hits], result.tail_rows


def _copy_warehouse(db: Path, to: Path) -> None:
    """The warehouse with its WAL and its search index, as they are on disk now (a
    batch session's commits go straight to the file: no WAL, BATCH_SETTINGS)."""
    import shutil

    for suffix in ("", ".wal"):
        if suffix == "" or Path(f"{db}{suffix}").exists():
            shutil.copy(f"{db}{suffix}", f"{to}{suffix}")
    shutil.copy(db.with_name(f"{db.stem}.search.duckdb"), to.with_name(f"{to.stem}.search.duckdb"))


def test_a_compaction_of_article_versions_leaves_indexed_rows_indexed(tmp_path: Path) -> None:
    """The search index's watermark is article_versions.seq, which compaction keeps.
    With a rowid watermark, until the session's checkpoint dropped the emptied groups
    (and for every reader after a crash before it) the rewritten rows sat at other
    rowids: the index was refused as not matching and all 34 rows were scanned as tail."""
    from warehouse.search_index import build_index

    db = tmp_path / "w.duckdb"
    _append_sessions(db)
    build_index(db)
    before, tail_before = _found(db, "release")
    assert len(before) == 2 * SESSIONS and tail_before == 0
    new = {"https://example.org/news/1000", "https://example.org/news/1001"}
    unclosed = tmp_path / "unclosed.duckdb"
    with open_warehouse(db, settings=BATCH_SETTINGS) as wh:
        assert wh.compact_tails().get("article_versions", 0) >= MAX_TAIL
        wh.write_batch(make_batch(make_article(1000), make_article(1001), run_id="run-new",
                                  at=T0 + timedelta(days=30)))
        _copy_warehouse(db, unclosed)  # what a kill before the closing checkpoint leaves
    assert _groups(db)["article_versions"] <= 2
    for path in (unclosed, db):
        after, tail_rows = _found(path, "release")
        assert tail_rows == 2, path  # only the new ones are unindexed
        assert {u for u, _, indexed in after if not indexed} == new
        # The indexed hits are the same, with the same scores.
        assert [h for h in after if h[0] not in new] == before
    with open_warehouse(db, settings=BATCH_SETTINGS) as wh:
        assert wh.integrity_problems() == []


@pytest.mark.parametrize("pages,size", [(1, 8_000_000), (2, 2_600_000)],
                         ids=["fails-in-a-statement", "fits-at-commit"])
def test_a_tail_of_large_pages_past_the_batch_memory_cap_is_merged(
        tmp_path: Path, pages: int, size: int) -> None:
    """A pages tail bigger than BATCH_SETTINGS' 64 MB merges (once more uncapped), and
    the session keeps its cap: an out-of-memory here was suppressed at every run's end,
    and the tail only grew. DuckDB reports it as OutOfMemoryException in a statement.
    The second case failed at COMMIT while commits wrote the WAL (TransactionException,
    9 x 2 x 2.6 MB, DuckDB 1.5); with the direct commit it merges at the first try."""
    import os

    from warehouse.records import PageRecord

    db = tmp_path / "w.duckdb"
    for n in range(MAX_TAIL + 1):  # 9 groups of incompressible bodies
        at = T0 + timedelta(minutes=15 * n)
        records = tuple(PageRecord(url=f"https://example.org/news/{n}/{i}", fetched_at=at,
                                   kind="article", status=200, body=os.urandom(size))
                        for i in range(pages))
        with open_warehouse(db, settings=BATCH_SETTINGS) as wh:
            wh.write_batch(make_batch(make_article(n), run_id=f"run-{n}", at=at, pages=records))
    rows = _rows(db)
    with open_warehouse(db, settings=BATCH_SETTINGS) as wh:
        assert wh.compact_tails().get("pages") == MAX_TAIL + 1
        limit = wh.connection.execute("SELECT current_setting('memory_limit')").fetchone()
        assert limit is not None and "MiB" in str(limit[0]), limit  # the cap is back
        assert wh.integrity_problems() == []
    assert _groups(db)["pages"] == 1
    assert _rows(db) == rows


def test_a_merge_after_a_big_run_takes_the_newest_groups_only(tmp_path: Path) -> None:
    """A run that stored many articles leaves many groups under a level's size; one
    merge must hold MAX_TAIL x that size at most (6,000 pages rewritten at a run's end
    took the uncapped retry to 1.4 GB of RSS)."""
    from warehouse.compaction import tail

    db = tmp_path / "w.duckdb"
    per_session, small = 40, 64  # groups of 40 rows under the first level (64)
    for n in range(20):
        articles = [make_article(1000 * n + i) for i in range(per_session)]
        with open_warehouse(db, settings=BATCH_SETTINGS) as wh:
            wh.write_batch(make_batch(*articles, run_id=f"run-{n}",
                                      at=T0 + timedelta(minutes=15 * n)))
    with duckdb.connect(str(db), read_only=True) as con:
        start, groups = tail(con, "article_state", small)
        total = int(con.execute("SELECT count(*) FROM article_state").fetchone()[0])  # type: ignore[index]
    assert groups == (MAX_TAIL * small) // per_session  # the newest 12 of 20
    assert total - start <= MAX_TAIL * small


def test_a_merge_of_article_versions_holds_max_bytes_of_text_at_most(tmp_path: Path) -> None:
    """One rewrite of article text takes the newest groups whose bodies fit in
    MAX_BYTES: a merge of 4,096 rows of 6 KB at the end of a 6,000-page run added
    96 MB to the ingest's peak RSS (issue 15). Here 12 one-article groups of a tenth
    of the budget each: the newest 10 are merged, the 2 oldest left."""
    from warehouse.compaction import MAX_BYTES

    db = tmp_path / "w.duckdb"
    share = MAX_BYTES["article_versions"][1] // 10
    for n in range(12):
        body = f"Release {n}. " + "word " * ((share - 20) // 5)
        body += "x" * (share - len(body))  # ASCII: share bytes exactly
        with open_warehouse(db, settings=BATCH_SETTINGS) as wh:
            wh.write_batch(make_batch(make_article(n, body=body), run_id=f"run-{n}",
                                      at=T0 + timedelta(minutes=15 * n)))
    rows = _rows(db)
    assert _groups(db)["article_versions"] == 12
    with open_warehouse(db, settings=BATCH_SETTINGS) as wh:
        assert wh.compact_tails().get("article_versions") == 10
        assert wh.integrity_problems() == []
    assert _groups(db)["article_versions"] == 3
    assert _rows(db) == rows
