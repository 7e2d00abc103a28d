"""A merge cut between a locked-out run's batches and its staged ``runs`` row (k41c).

A run the warehouse refused from its start to its end stages its batches, then its row
(z40c); the next run's merge writes them in that order, the row last, with ``merged_at``
(o41). A merge killed after a batch's commit (before its file's unlink, or after it) and
before the row leaves the row to a later merge, which used to count only the batches it
merged itself: the row said ``new 0`` for a run whose 40 articles were all new, stored
by the cut merge. The row's ``new`` and ``updated`` are now the versions the run stored.

Real parts: ``pressroom ingest`` subprocesses, a DuckDB file, the loopback bulk site. The
cut is a real merge stopped after its first batch (the generator closed: what a kill
leaves, committed batch, the rest of the spool untouched), with the batch's file put back
when the kill falls between its commit and its unlink.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from flows.spool import Spool, verify
from tests.crash.bulk_site import BulkSite
from tests.crash.test_lock import spool_files, stored
from tests.crash.test_lock_runs_row import ARTICLES, _ingest, _locked_out_run, _rows
from warehouse.opening import open_warehouse


def _cut_merge(db: Path, *, file_stays: bool) -> None:
    """Merge the spool's first file only, as a merge killed after that file's commit."""
    key = Spool(db).key()
    first = spool_files(db)[0]
    data = first.read_bytes()
    assert verify(data, key).run is None and len(verify(data, key).articles) == ARTICLES
    wh = open_warehouse(db)
    try:
        merging = Spool(db).merge_into(wh)
        _batch, result = next(merging)
        merging.close()  # the kill: nothing after the first batch runs
    finally:
        wh.close()
    assert result.new == ARTICLES
    if file_stays:  # killed between the commit and the unlink
        first.write_bytes(data)


@pytest.mark.parametrize("file_stays", [False, True], ids=["after-unlink", "before-unlink"])
def test_a_merge_cut_before_the_runs_row_still_counts_the_runs_articles(
    tmp_path: Path, file_stays: bool
) -> None:
    db = tmp_path / "held.duckdb"
    with BulkSite(ARTICLES) as site:
        sources = _locked_out_run(site, tmp_path, db)
        _cut_merge(db, file_stays=file_stays)
        key = Spool(db).key()
        rows_left = [verify(p.read_bytes(), key).run is not None for p in spool_files(db)]
        assert rows_left == [False] * file_stays + [True]  # the batch if put back, the row
        second = _ingest(sources, db)
        assert second.returncode == 0, second.stderr
    assert spool_files(db) == []
    assert stored(db) == (ARTICLES, ARTICLES)
    first_run, second_run = _rows(db)
    # discovered, fetched, new, updated, unchanged, failed: every article of the first
    # run was new, stored by the cut merge. Without k41c: new 0, and before-unlink
    # unchanged 40 (the replayed batch found its own articles stored).
    assert first_run[1:3] == ("ok", "ingest")
    assert first_run[3:9] == (ARTICLES, ARTICLES, ARTICLES, 0, 0, 0)
    assert isinstance(first_run[12], datetime)
    assert second_run[5] == 0 and second_run[12] is None
