"""`pressroom reparse` reads pages archived as gzip bytes before g42 (o43, g42's "left").

Before g42 a page sent gzip-compressed with no Content-Encoding naming it was archived
as its gzip bytes and refused for good as "input looks binary" (seen as not_article).
reparse, the only way back to such a page, handed the parsers the archived bytes as
they were: the page stayed lost. Now it reads them through the fetcher's bounded
decoder (flows.inflate.archived_body): the page is stored; a bomb or a gzip cut short
stays failed. A real DuckDB file holding the rows as the pipeline wrote them, the real
CLI in a subprocess.
"""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

from tests.cli_run import run_cli
from tests.reliability.fault_server import gzip_bomb
from warehouse import open_warehouse
from warehouse.records import Batch, PageRecord, SeenURL

BASE = "https://gz.example.org"
PARA = (
    "<p>The ministry said on Monday that the agreement would take effect next year "
    "after ratification by both parliaments.</p>"
)
T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _page(title: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{PARA * 5}</article></body></html>"
    ).encode()


def _row(path: str, body: bytes) -> PageRecord:
    """The archive row the pipeline wrote for a page sent with no Content-Encoding."""
    return PageRecord(
        url=BASE + path,
        fetched_at=T0,
        kind="article",
        status=200,
        headers=(("content-type", "text/html; charset=utf-8"),),
        content_type="text/html; charset=utf-8",
        body=body,
    )


def _archive_then_reparse(tmp_path: Path, db: Path, rows: dict[str, bytes]) -> str:
    """Archive ``rows`` (path -> raw body) as a run before g42 wrote them, run the CLI's
    ``reparse`` over them and give its stdout."""
    with open_warehouse(db) as wh:
        wh.write_batch(
            Batch(
                run_id="before-g42",
                source="gz",
                fetched_at=T0,
                pages=tuple(_row(path, body) for path, body in rows.items()),
                seen=tuple(SeenURL(BASE + path, "not_article") for path in rows),
            )
        )
    toml = tmp_path / "s.toml"
    toml.write_text(f'[[source]]\nname = "gz"\nfeeds = ["{BASE}/feed"]\n', encoding="utf-8")
    done = run_cli("reparse", "--no-prefect", "--sources", str(toml), "--db", str(db))
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_reparse_reads_a_page_archived_as_gzip_before_g42(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    whole = gzip.compress(_page("Agreement signed"), mtime=0)
    rows = {
        "/gz": whole,
        "/cut": whole[: len(whole) // 2],
        "/bomb": gzip_bomb(50 << 20),
        "/plain": _page("Plain page"),
    }
    done = _archive_then_reparse(tmp_path, db, rows)
    listed = run_cli(
        "sql",
        "--db",
        str(db),
        "--format",
        "json",
        "SELECT url, title, body FROM articles ORDER BY url",
    )
    assert listed.returncode == 0, listed.stderr
    stored = {r["url"]: r for r in json.loads(listed.stdout)}
    # the cut gzip and the bomb (50 MB past the 10 MB max_bytes) stay failed: no part
    # of either is stored as an article
    assert sorted(stored) == [BASE + "/gz", BASE + "/plain"]
    assert stored[BASE + "/gz"]["title"] == "Agreement signed"
    assert "ratification by both parliaments" in str(stored[BASE + "/gz"]["body"])
    assert "pages 4, new 2, updated 0, unchanged 0, failed 2," in done, done


def test_reparse_reads_an_archived_gzip_missing_only_its_trailer(tmp_path: Path) -> None:
    # o44: a deflate stream that ended, its 8-byte CRC and size trailer missing, is
    # the whole text (as at the fetch edge, tests/reliability/test_gzip_trailer_lost.py);
    # a gzip cut in its deflate stream's last byte stays failed
    db = tmp_path / "w.duckdb"
    whole = gzip.compress(_page("Trailer lost"), mtime=0)
    rows = {"/no-trailer": whole[:-8], "/half-trailer": whole[:-3], "/cut": whole[:-9]}
    done = _archive_then_reparse(tmp_path, db, rows)
    listed = run_cli(
        "sql", "--db", str(db), "--format", "json", "SELECT url, title FROM articles ORDER BY url"
    )
    assert listed.returncode == 0, listed.stderr
    stored = {r["url"]: r["title"] for r in json.loads(listed.stdout)}
    assert stored == {BASE + "/half-trailer": "Trailer lost", BASE + "/no-trailer": "Trailer lost"}
    assert "pages 3, new 2, updated 0, unchanged 0, failed 1," in done, done
