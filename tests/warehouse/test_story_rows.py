"""story_paragraphs is appended to, never rewritten (warehouse/story_rows.py, issue 16).

A paragraph's count was updated in place, an ``UPDATE ... FROM`` that DuckDB
joins with every row of the table (no index): 150-900 ms per batch at 1M
articles, and nearly every batch of real pages recounts a recurring paragraph.
Now each batch appends the changes. Real DuckDB files, with and without the
sidecar: the summed counts are those of the current members either way.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.warehouse.test_story_sidecar import _clusters, _reference, batches
from warehouse import Warehouse, open_warehouse


def _rows(wh: Warehouse) -> dict[int, tuple[str, int, int]]:
    return {int(r): (str(s), int(h), int(n)) for r, s, h, n in
            wh.query("SELECT rowid, source, para_hash, docs FROM story_paragraphs").rows}


def _members_counts(wh: Warehouse) -> Counter[tuple[str, int]]:
    out: Counter[tuple[str, int]] = Counter()
    for source, paras in wh.query("SELECT source, paragraphs FROM story_members").rows:
        out.update((str(source), int(h)) for h in paras)
    return out


@pytest.mark.parametrize("sidecar", [True, False])
def test_paragraph_counts_are_appended_never_rewritten_and_sum_to_the_members(
        tmp_path: Path, sidecar: bool) -> None:
    db = tmp_path / "w.duckdb"
    todo = batches()  # portal pages sharing a paragraph, then an edited copy (re-clustered)
    with open_warehouse(db, story_sidecar=sidecar) as wh:
        for b in [*todo, todo[0]]:
            before = _rows(wh)
            wh.write_batch(b)
            after = _rows(wh)
            assert {r: after.get(r) for r in before} == before  # earlier rows untouched
        assert min(_sums(wh).values()) >= 0
        assert +_sums(wh) == _members_counts(wh)  # zero sums: paragraphs of a replaced text
        assert _clusters(wh) == _reference(tmp_path)
        wh.rebuild_stories()
        assert _clusters(wh) == _reference(tmp_path)
        assert +_sums(wh) == _members_counts(wh)


def _sums(wh: Warehouse) -> Counter[tuple[str, int]]:
    return Counter({(str(s), int(h)): int(n) for s, h, n in
                    wh.query("SELECT source, para_hash, sum(docs) FROM story_paragraphs "
                             "GROUP BY ALL").rows})
