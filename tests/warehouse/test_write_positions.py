"""Stored rows found by key and then read and updated by position (warehouse/rowranges.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from tests.warehouse.whtest import T0, make_article, make_batch
from warehouse import BatchResult, SeenURL, open_warehouse, rowranges


def test_spans_bridge_small_gaps_and_split_at_the_widest() -> None:
    rows = [5000, 1, 2, 3, 100, 101, 3]
    assert rowranges.spans(rows, gap=10, most=16) == [(1, 3), (100, 101), (5000, 5000)]
    assert rowranges.spans(rows, gap=97, most=16) == [(1, 101), (5000, 5000)]
    assert rowranges.spans(rows, gap=0, most=2) == [(1, 101), (5000, 5000)]
    assert rowranges.spans(rows, gap=0, most=1) == [(1, 5000)]
    assert rowranges.spans([], gap=10, most=4) == []
    assert rowranges.union("SELECT 1 FROM t AS s WHERE true", "s.rowid", [7, 9]) == (
        "SELECT 1 FROM t AS s WHERE true AND s.rowid BETWEEN 7 AND 9")


@pytest.mark.parametrize("most", [1, 3, 16])
def test_rows_stored_far_apart_are_read_and_updated_by_position(
        db_path: Path, monkeypatch: pytest.MonkeyPatch, most: int) -> None:
    # Every stored row its own span, merged down to `most` statements: each row is
    # found, compared, and updated once, whichever span it falls in.
    monkeypatch.setattr(rowranges, "GAP", 0)
    monkeypatch.setattr(rowranges, "MOST_SPANS", most)
    arts = [make_article(n) for n in range(30)]
    with open_warehouse(db_path) as wh:
        for i, a in enumerate(arts):  # one transaction each: rows spread over positions
            wh.write_batch(make_batch(a, run_id=f"r{i}", at=T0 + timedelta(minutes=i)))
        later = T0 + timedelta(days=1)
        edited = [replace(a, body=a.body + " Corrected.") if i % 3 == 0 else a
                  for i, a in enumerate(arts)]
        result = wh.write_batch(make_batch(*edited, run_id="again", at=later,
                                           seen=(SeenURL(arts[4].url, "article"),)))
        assert result == BatchResult(new=0, updated=10, unchanged=20)
        rows = wh.query("SELECT url, latest_version, last_seen_at, last_fetched_at "
                        "FROM article_state ORDER BY url").rows
        assert len(rows) == 30
        for url, version, seen_at, fetched_at in rows:
            n = int(str(url).rsplit("/", 1)[1])
            assert version == (2 if n % 3 == 0 else 1), url
            assert seen_at == later and fetched_at == later, url
        seen = wh.query("SELECT count(*), min(last_seen_at) FROM seen_urls").rows[0]
        assert seen == (30, later)
        assert wh.integrity_problems() == []
