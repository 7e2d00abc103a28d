"""Migration 002: daily_counts, source_health and the search(q) macro."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from tests.analyst.conftest import T0, article, base_articles, write
from warehouse import open_warehouse


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with open_warehouse(db, read_only=True) as wh:
        return wh.query(sql).rows


def test_daily_counts_counts_articles_not_versions(db: Path) -> None:
    dairy = base_articles()[1]
    write(db, [replace(dairy, body=dairy.body + " Corrected.")], run_id="run-2")
    got = rows(db, "SELECT day, source, n FROM daily_counts ORDER BY day, source")
    d = T0.date()
    assert got == [
        (date(d.year, d.month, d.day - 3), "belta", 1),
        (date(d.year, d.month, d.day - 2), "belta", 1),
        (date(d.year, d.month, d.day - 2), "un_press", 1),
        (date(d.year, d.month, d.day - 1), "belta", 2),
    ]


def test_daily_counts_falls_back_to_fetch_date(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    write(db, [article("undated", "No date", "Body", published_at=None)])
    assert rows(db, "SELECT day, n FROM daily_counts") == [(T0.date(), 1)]


def test_source_health(db: Path) -> None:
    got = rows(db, """
        SELECT source, last_success IS NOT NULL, last_error, fetches_7d, failed_fetches_7d,
               error_rate_7d, articles
        FROM source_health ORDER BY source""")
    assert got[0] == ("belta", True, None, 0, 0, None, 4)
    source, ok, last_error, fetches, failed, rate, articles = got[1]
    assert (source, ok, fetches, failed, rate, articles) == ("un_press", False, 4, 2, 0.5, 1)
    # The newest error wins: the failed run finished after the last failed fetch.
    assert last_error == "failed: 1 article failed"


def test_search_macro_finds_substrings_case_and_accent_blind(db: Path) -> None:
    got = rows(db, "SELECT url, hits FROM search('HUMAN TRAFFICKING')")
    assert [(str(u).rsplit("/", 1)[1], n) for u, n in got] == [("un-trafficking", 3), ("gashc", 1)]
    assert rows(db, "SELECT count(*) FROM search('')") == [(0,)]
    write(db, [article("cafe", "Café opens", "A café opened.")], run_id="run-2")
    assert [str(r[0]).rsplit("/", 1)[1] for r in rows(db, "SELECT url FROM search('cafe')")] == [
        "cafe"]


def test_daily_counts_days_are_utc_whatever_the_session_zone(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta, timezone

    import duckdb

    db = tmp_path / "w.duckdb"
    late = datetime(1969, 12, 31, 23, 30, tzinfo=UTC)  # before the epoch: floor, not truncate
    minsk = datetime(2019, 11, 16, 1, 0, tzinfo=timezone(timedelta(hours=3)))  # 22:00 UTC
    write(db, [article("a", "A", "x", published_at=late),
               article("b", "B", "y", published_at=minsk)])
    con = duckdb.connect(str(db), read_only=True)
    try:
        con.execute("SET TimeZone = 'Asia/Tokyo'")
        got = con.execute("SELECT day FROM daily_counts ORDER BY day").fetchall()
    finally:
        con.close()
    assert got == [(date(1969, 12, 31),), (date(2019, 11, 15),)]
