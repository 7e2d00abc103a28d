"""Rendering QueryResults as table, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from warehouse import QueryResult, Warehouse, render, render_csv, render_json, render_table

WHEN = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)
RESULT = QueryResult(
    columns=["id", "title", "tags", "published_at", "score"],
    rows=[
        (1, "Budget, approved", ["economy", "tax"], WHEN, 1.5),
        (22, None, [], None, None),
    ],
)


def test_table_is_aligned_with_numbers_right() -> None:
    text = render_table(RESULT)
    assert text.splitlines() == [
        "id | title            | tags               | published_at              | score",
        "---+------------------+--------------------+---------------------------+------",
        ' 1 | Budget, approved | ["economy", "tax"] | 2026-03-01T12:30:00+00:00 |   1.5',
        "22 | NULL             | []                 | NULL                      |  NULL",
        "(2 rows)",
    ]


def test_table_clips_long_cells_and_escapes_newlines() -> None:
    result = QueryResult(columns=["body"], rows=[("line one\nline twoo" + "x" * 100,)])
    lines = render_table(result, max_width=20).splitlines()
    assert lines[2] == "line one\\nline twoo…"
    assert len(lines[2]) == 20
    assert lines[-1] == "(1 row)"


def test_table_counts_wide_characters_twice() -> None:
    result = QueryResult(columns=["t", "n"], rows=[("日本", 1), ("abcd", 2)])
    lines = render_table(result).splitlines()
    assert lines[2] == "日本 | 1"
    assert lines[3] == "abcd | 2"


def test_table_shows_blob_sizes_and_durations() -> None:
    from datetime import timedelta

    result = QueryResult(columns=["body", "took"], rows=[(b"\x00" * 1234, timedelta(hours=26))])
    assert render_table(result).splitlines()[2] == "<1234 bytes> | 1 day, 2:00:00"
    assert render_csv(result).splitlines()[1].endswith(',"1 day, 2:00:00"')


def test_table_without_columns() -> None:
    assert render_table(QueryResult(columns=[], rows=[])) == "(no result)"


def test_csv_round_trips() -> None:
    parsed = list(csv.reader(io.StringIO(render_csv(RESULT))))
    assert parsed == [
        ["id", "title", "tags", "published_at", "score"],
        ["1", "Budget, approved", '["economy", "tax"]', "2026-03-01T12:30:00+00:00", "1.5"],
        ["22", "", "[]", "", ""],
    ]


def test_json_types() -> None:
    result = QueryResult(
        columns=["d", "n", "blob", "dup", "dup", "nan", "nested"],
        rows=[(date(2026, 3, 1), Decimal("2.50"), b"\x00\xff", 1, 2, float("nan"), {"k": [WHEN]})],
    )
    assert json.loads(render_json(result)) == [
        {
            "d": "2026-03-01",
            "n": 2.5,
            "blob": "AP8=",
            "dup": 1,
            "dup_2": 2,
            "nan": None,
            "nested": {"k": ["2026-03-01T12:30:00+00:00"]},
        }
    ]
    assert json.loads(render_json(RESULT))[0]["tags"] == ["economy", "tax"]


def test_render_dispatch() -> None:
    assert render(RESULT, "json") == render_json(RESULT)
    assert render(RESULT, "csv") == render_csv(RESULT)
    assert render(RESULT) == render_table(RESULT)
    with pytest.raises(ValueError, match="unknown format"):
        render(RESULT, "xml")  # type: ignore[arg-type]


def test_render_real_query(wh: Warehouse) -> None:
    result = wh.query(
        "SELECT 1 AS n, ['a', 'b'] AS l, TIMESTAMPTZ '2026-03-01 12:30:00+00' AS t, "
        "{'x': 1} AS s, NULL AS z"
    )
    assert json.loads(render(result, "json")) == [
        {"n": 1, "l": ["a", "b"], "t": "2026-03-01T12:30:00+00:00", "s": {"x": 1}, "z": None}
    ]
    assert render(wh.query("CREATE TABLE scratch (x INTEGER)"), "table") in (
        "(no result)",
        "Count\n-----\n(0 rows)",
    )
