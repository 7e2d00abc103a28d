"""A 206 Partial Content answer to a request that asked for the whole page (Pressroom
sends no Range: flows.config refuses one) is a broken cache's slice, not the page.
Before, 2xx let it through and the run stored the slice as the article, its last
paragraphs gone, marked seen for good (README: "Nothing lost", "One page, one
article"). Now it is a transient failure (PartialContent): retried within the run and
by the next, and the page is stored whole once it is served whole. Real runs into DuckDB.
"""

from __future__ import annotations

from pathlib import Path

from tests.reliability.fault_server import FaultServer, ok, status
from tests.reliability.test_ingest_faults import ATTEMPTS, DB, ingest, page, rss, source


def test_a_slice_answered_206_is_never_stored_as_the_page(tmp_path: Path) -> None:
    db = DB(tmp_path / "partial.duckdb")
    whole = page("Whole release", "<p>The closing paragraph that a slice would lose.</p>")
    part = whole[: len(whole) * 3 // 4]
    slice_206 = status(206, body=part, headers=[
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Range", f"bytes 0-{len(part) - 1}/{len(whole)}")])
    with FaultServer() as srv:
        srv.route("/feed.xml", ok(rss([f"{srv.url}/a/1"]), "application/rss+xml"))
        srv.route("/a/1", *([slice_206] * ATTEMPTS), ok(whole))
        src = source("partial", srv.url_for("/feed.xml"))
        first, reports = ingest([src], db.path)
        assert reports["partial"].status == "partial"
        assert db.titles("partial") == set()
        assert [c for _s, c, _a in db.log(f"{srv.url}/a/1", first)] == ["PartialContent"] * ATTEMPTS
        _second, reports = ingest([src], db.path)
        assert reports["partial"].status == "ok"
        (body,) = [r[0] for r in db.rows("SELECT body FROM articles")]
        assert "closing paragraph" in str(body)
