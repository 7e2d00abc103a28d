"""article_versions.seq, the search index's watermark (migration 011, issue 15)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import duckdb

from tests.warehouse.whtest import T0, make_article, make_batch
from warehouse import open_warehouse
from warehouse.schema import apply_migrations, load_migrations


def _old_warehouse(db: Path, n: int) -> None:
    """A warehouse as the code before 011 left it: ``n`` versions, no seq."""
    con = duckdb.connect(str(db))
    apply_migrations(con, [m for m in load_migrations() if m.version < 11])
    for i in range(n):
        a = make_article(i, body=f"Body of release {i} about the harbour.")
        con.execute(
            "INSERT INTO article_versions (article_id, version, source, url, canonical_url, "
            "title, body, published_at, authors, tags, content_hash, fetched_at, run_id) "
            "VALUES (?, 1, 'example', ?, ?, ?, ?, ?, [], [], ?, ?, 'old')",
            [a.article_id, a.url, a.canonical_url, a.title, a.body, a.published_at,
             a.content_hash, T0])
        con.execute("INSERT INTO article_state (article_id, source, url, canonical_url, "
                    "first_seen_at, last_seen_at, last_fetched_at, latest_version, content_hash) "
                    "VALUES (?, 'example', ?, ?, ?, ?, ?, 1, ?)",
                    [a.article_id, a.url, a.canonical_url, T0, T0, T0, a.content_hash])
    con.close()


def test_rows_before_011_get_their_write_order_and_an_old_index_stays_valid(
        tmp_path: Path) -> None:
    from warehouse.search import search
    from warehouse.search_index import build_index

    db = tmp_path / "old.duckdb"
    _old_warehouse(db, 5)
    build_index(db)  # on rowid: the file has no seq yet
    with open_warehouse(db) as wh:  # migrates
        assert wh.query("SELECT rowid, seq FROM article_versions ORDER BY rowid").rows == [
            (i, i) for i in range(5)]
        wh.write_batch(make_batch(make_article(10, body="A harbour release."),
                                  make_article(11, body="Another harbour release."),
                                  run_id="new", at=T0 + timedelta(days=1)))
        seqs = wh.query("SELECT seq FROM article_versions WHERE run_id = 'new'").rows
        assert sorted(s for (s,) in seqs) == [5, 6]  # after every stored row, none shared
    found = search(db, "harbour", limit=50)
    assert found.warning is None and found.index is not None  # the old index still matches
    assert found.tail_rows == 2
    assert len(found.hits) == 7
    assert {h.url for h in found.hits if not h.indexed} == {
        "https://example.org/news/10", "https://example.org/news/11"}
