"""Every view and macro reads tables only (migration 015, ops39), so DuckDB's EXPORT
DATABASE writes a schema.sql that IMPORT DATABASE can run.

DuckDB 1.5.5 writes tables, then macros, then views, each kind in name order, and
each CREATE binds what it reads. A view or macro reading another view fails on import
when that view comes later (``articles`` read ``articles_latest``; the ``search``
macro read it too; ``stories`` read ``articles``). What is checked: DuckDB's own
export of a migrated warehouse puts its objects in that order and imports; each view
and macro it writes can be created from the tables alone (so no export order can
break it); and 015 keeps every view's and the macro's columns and rows on a
populated warehouse written at 014, on the file and on a lake.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import duckdb

from parsers.article import Article
from tests.warehouse.storytext import SAME_TOPIC, copies
from tests.warehouse.whtest import T0
from warehouse import Batch, PageRecord, RunCounts, Warehouse
from warehouse.lake import LakeTarget, connect_lake, parse_target
from warehouse.lake_schema import apply_lake_migrations
from warehouse.schema import apply_migrations, load_migrations

SHIPPED = load_migrations()
UP_TO_014 = [m for m in SHIPPED if m.version <= 14]
# 015, 016 (o41), 017 (o45), 018 (o46), 019 (o47), 020 (k47)
AFTER_014 = [m.version for m in SHIPPED if m.version > 14]
VIEWS = ("articles", "articles_latest", "daily_counts", "run_clock", "source_health", "stories")
QUERIES = {
    **{view: f"SELECT * FROM {view}" for view in VIEWS},
    "search('trafficking')": "SELECT * FROM search('trafficking')",
    "search('Ministry')": "SELECT * FROM search('Ministry')",
}


def schema_statements(con: duckdb.DuckDBPyConnection, out: Path) -> list[str]:
    """The statements of the schema.sql DuckDB's EXPORT DATABASE writes for ``con``."""
    con.execute(f"EXPORT DATABASE '{out}'")
    text = (out / "schema.sql").read_text(encoding="utf-8")
    return [s.strip() for s in text.split(";;") if s.strip()]


def _kind(statement: str) -> str:
    return statement.split()[1]  # CREATE TABLE|MACRO|VIEW ...


def test_export_writes_tables_macros_views_each_in_name_order(tmp_path: Path) -> None:
    """What the fix relies on being harmless: the order, checked on the real export."""
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    try:
        apply_migrations(con)
        statements = schema_statements(con, tmp_path / "out")
    finally:
        con.close()
    kinds = [_kind(s) for s in statements]
    assert kinds == sorted(kinds, key=["TABLE", "MACRO", "VIEW"].index)
    views = [s.split()[2] for s in statements if _kind(s) == "VIEW"]
    assert views == sorted(views) == list(VIEWS)  # articles before articles_latest


def test_every_view_and_macro_can_be_created_from_the_tables_alone(tmp_path: Path) -> None:
    """Each view and macro of the export, created on its own over the tables, in a
    database holding nothing else: true, no order of creating them can fail. Before
    015: articles, stories and search failed ("Table with name articles_latest does
    not exist")."""
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    try:
        apply_migrations(con)
        statements = schema_statements(con, tmp_path / "out")
    finally:
        con.close()
    tables = [s for s in statements if _kind(s) == "TABLE"]
    others = [s for s in statements if _kind(s) != "TABLE"]
    assert len(others) == len(VIEWS) + 1  # the views and search()
    failed = []
    for statement in others:
        alone = duckdb.connect()
        try:
            for table in tables:
                alone.execute(table)
            alone.execute(statement)
        except duckdb.Error as exc:
            failed.append(f"{statement.split('AS')[0].strip()}: {str(exc).splitlines()[0]}")
        finally:
            alone.close()
    assert failed == []


def _page(url: str, at: Any, text: str) -> PageRecord:
    return PageRecord(url=url, fetched_at=at, kind="article", status=200,
                      content_type="text/html", body=f"<p>{text}</p>".encode())


def populate(wh: Warehouse) -> None:
    """Articles of four sources (one story of four copies, a same-topic release, a
    short notice), one edited (a second version), one with no publication date; their
    pages; runs ok and failed."""
    for n, (source, (title, body)) in enumerate(copies().items()):
        url = f"https://{source}.example/news/release"
        published = None if source == "menafn" else T0 + timedelta(hours=n)
        art = Article(url=url, canonical_url=url, title=title, body=body,
                      published_at=published, authors=("Press Office",), tags=("un",))
        at = T0 + timedelta(hours=n)
        wh.start_run(f"run-{n}", [source], at, pid=1)
        wh.write_batch(Batch(run_id=f"run-{n}", source=source, fetched_at=at,
                             articles=(art,), pages=(_page(url, at, body),)))
    for version, body in enumerate([SAME_TOPIC, SAME_TOPIC + "\n\nThe Ministry added a line."]):
        url = "https://mfa.example/news/other"
        art = Article(url=url, canonical_url=url, title="Another release", body=body,
                      published_at=T0 + timedelta(days=1))
        at = T0 + timedelta(days=1, hours=version)
        wh.write_batch(Batch(run_id="run-edit", source="mfa", fetched_at=at,
                             articles=(art,), pages=(_page(url, at, body),)))
    short = Article(url="https://mfa.example/news/closed",
                    canonical_url="https://mfa.example/news/closed",
                    title="Closed on Monday", body="The embassy is closed on Monday.",
                    published_at=T0)
    wh.write_batch(Batch(run_id="run-edit", source="mfa", fetched_at=T0, articles=(short,)))
    for n, source in enumerate(copies()):
        wh.finish_run(f"run-{n}", source, RunCounts(fetched=1, new=1),
                      "failed" if source == "menafn" else "ok",
                      "boom" if source == "menafn" else None, T0 + timedelta(hours=n, minutes=1))


def answers(con: duckdb.DuckDBPyConnection, skip: tuple[str, ...] = ()
            ) -> dict[str, tuple[list[tuple[str, str]], list[Any]]]:
    """Each view's and search()'s columns (name, type) and rows (sorted), but ``skip``."""
    out = {}
    for name, sql in QUERIES.items():
        if name in skip:
            continue
        rel = con.sql(sql)
        columns = [(c, str(t)) for c, t in zip(rel.columns, rel.types, strict=True)]
        out[name] = (columns, sorted(rel.fetchall(), key=repr))
    return out


def _at_014_then_migrated(con: duckdb.DuckDBPyConnection, lake: LakeTarget | None) -> None:
    (apply_lake_migrations if lake else apply_migrations)(con, UP_TO_014)
    populate(Warehouse(con, stories=True))  # the writer at 014: no migration
    before = answers(con, skip=("run_clock",))  # 017's (o45)
    assert len(before["articles"][1]) == 6 and len(before["stories"][1]) == 3
    assert len(before["search('trafficking')"][1]) >= 4
    assert (apply_lake_migrations if lake else apply_migrations)(con) == AFTER_014
    assert answers(con, skip=("run_clock",)) == before


def test_015_keeps_every_view_and_search_row_on_a_file_written_at_014(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    try:
        _at_014_then_migrated(con, None)
    finally:
        con.close()


def test_015_keeps_every_view_and_search_row_on_a_lake_written_at_014(tmp_path: Path) -> None:
    target = parse_target(f"ducklake:{tmp_path / 'meta.ducklake'}", str(tmp_path / "data"))
    assert isinstance(target, LakeTarget)
    con = connect_lake(target)
    try:
        _at_014_then_migrated(con, target)
    finally:
        con.close()
