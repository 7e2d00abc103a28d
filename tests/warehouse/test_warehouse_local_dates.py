"""Migration 005: the page's own publication day and UTC offset, stored and back-filled."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import duckdb

from tests.warehouse.whtest import T0, make_article, make_batch
from warehouse import BatchResult, Warehouse, open_warehouse
from warehouse.schema import apply_migrations, load_migrations

MINSK = timezone(timedelta(hours=3))
NEW_YORK = timezone(timedelta(hours=-5))
# 00:30 in Minsk is 21:30 UTC the day before: the case the columns exist for.
AFTER_MIDNIGHT = datetime(2019, 11, 16, 0, 30, tzinfo=MINSK)


def test_local_day_and_offset_are_stored_and_shown_in_the_articles_view(wh: Warehouse) -> None:
    minsk = make_article(1, published_at=AFTER_MIDNIGHT)
    late_ny = make_article(2, published_at=datetime(2019, 11, 16, 21, 0, tzinfo=NEW_YORK))
    undated = make_article(3, published_at=None)
    wh.write_batch(make_batch(minsk, late_ny, undated))
    rows = wh.query(
        "SELECT title, published_local_date, published_utc_offset_minutes FROM articles "
        "ORDER BY title"
    ).rows
    assert rows == [
        ("Title 1", date(2019, 11, 16), 180),
        ("Title 2", date(2019, 11, 16), -300),
        ("Title 3", None, None),
    ]
    # "Published on 2019-11-16, local time" holds both, though in UTC one is the
    # 15th and the other the 17th; ordering by the instant still works.
    on_day = wh.query(
        "SELECT title FROM articles WHERE published_local_date = DATE '2019-11-16' "
        "ORDER BY published_at"
    ).rows
    assert on_day == [("Title 1",), ("Title 2",)]


def test_unchanged_rewrite_fills_missing_local_day_in_place_without_a_version(
    wh: Warehouse,
) -> None:
    article = make_article(1, published_at=AFTER_MIDNIGHT)
    wh.write_batch(make_batch(article))
    # A row stored before migration 005 has neither column.
    wh.connection.execute(
        "UPDATE article_versions SET published_local_date = NULL, "
        "published_utc_offset_minutes = NULL"
    )
    result = wh.write_batch(make_batch(article, run_id="reparse", at=T0 + timedelta(days=1)))
    assert result == BatchResult(unchanged=1, dates_refreshed=1)
    rows = wh.query(
        "SELECT version, published_local_date, published_utc_offset_minutes, run_id "
        "FROM article_versions"
    ).rows
    assert rows == [(1, date(2019, 11, 16), 180, "run-1")]
    # A second identical write finds nothing to refresh.
    again = wh.write_batch(make_batch(article, run_id="again", at=T0 + timedelta(days=2)))
    assert again == BatchResult(unchanged=1)


def test_same_text_with_another_instant_leaves_the_stored_date_alone(wh: Warehouse) -> None:
    wh.write_batch(make_batch(make_article(1, published_at=AFTER_MIDNIGHT)))
    wh.connection.execute("UPDATE article_versions SET published_local_date = NULL")
    moved = make_article(1, published_at=AFTER_MIDNIGHT + timedelta(days=2))
    assert wh.write_batch(make_batch(moved, run_id="r2")) == BatchResult(unchanged=1)
    rows = wh.query("SELECT published_at, published_local_date FROM article_versions").rows
    assert rows == [(AFTER_MIDNIGHT, None)]


def test_database_from_before_migration_005_is_upgraded_and_back_filled(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    article = make_article(1, published_at=AFTER_MIDNIGHT)
    con = duckdb.connect(str(db))
    apply_migrations(con, [m for m in load_migrations() if m.version < 5])
    # The columns every version had before 005, written as the old code did.
    con.execute(
        "INSERT INTO article_versions (article_id, version, source, url, canonical_url, title, "
        "body, published_at, authors, tags, content_hash, fetched_at, run_id) "
        "VALUES (?, 1, 'example', ?, ?, ?, ?, ?, [], [], ?, ?, 'old')",
        [article.article_id, article.url, article.canonical_url, article.title, article.body,
         article.published_at, article.content_hash, T0],
    )
    con.execute(
        "INSERT INTO article_state VALUES (?, 'example', ?, ?, ?, ?, ?, 1, ?)",
        [article.article_id, article.url, article.canonical_url, T0, T0, T0,
         article.content_hash],
    )
    con.close()
    with open_warehouse(db) as wh:
        assert wh.query(
            "SELECT published_local_date, published_utc_offset_minutes FROM articles"
        ).rows == [(None, None)]
        result = wh.write_batch(make_batch(article, run_id="reparse"))
        assert result == BatchResult(unchanged=1, dates_refreshed=1)
        assert wh.query(
            "SELECT version, published_local_date, published_utc_offset_minutes FROM articles"
        ).rows == [(1, date(2019, 11, 16), 180)]
