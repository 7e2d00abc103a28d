"""Several parse workers store exactly what one stores, in list order, and a page
that kills its worker still costs that page only.

Real ``pressroom ingest --no-prefect`` processes with real spawned workers
against a loopback site. Two listed pages carry the same canonical link (one
article); the site answers the first-listed one only after the second has
gone out, so they finish in the opposite order to the list. The stored
article must be the later-listed copy either way (list order decides, not
which worker finished first), and the 1-worker and 3-worker warehouses must
hold the same rows. One more page carries the test-only kill marker.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import duckdb
import pytest

from flows.parsepool import TEST_KILL_ENV, WORKERS_ENV
from tests.crash.bulk_site import BulkSite
from tests.crash.campaign import ingest_cmd

ARTICLES = 30
FIRST, SECOND = 3, 4  # two copies of one article; FIRST is listed first
KILLER = 11
MARKER = "pressroom-test-marker-kill-this-parser"


class OrderSite(BulkSite):
    """A bulk site where /a/3/ and /a/4/ are one article and /a/3/ answers after /a/4/."""

    def _body(self, path: str) -> tuple[int, str, bytes]:
        status, ctype, body = super()._body(path)
        if path in (f"/a/{FIRST}/", f"/a/{SECOND}/"):
            link = f'<link rel="canonical" href="{self.url}/a/{FIRST}/">'
            body = body.replace(b"</head>", link.encode() + b"</head>")
        if path == f"/a/{FIRST}/":
            # Held until the later-listed copy has been sent (a bound, not a sleep).
            with self._lock:
                self._lock.wait_for(lambda: self._hits.get(f"/a/{SECOND}/", 0) >= 1, 60)
        if path == f"/a/{KILLER}/":
            body = body.replace(b"</article>", f"<p>{MARKER}</p></article>".encode())
        return status, ctype, body


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


STORED = """
SELECT article_id, version, url, canonical_url, title, body, published_at, content_hash
FROM article_versions ORDER BY article_id, version
"""


def _ingest(site: OrderSite, tmp: Path, name: str, *, option: str | None,
            setting: int | None, kill: bool) -> tuple[Path, str]:
    sources = tmp / f"{name}.toml"
    table = f"[pipeline]\nparse_workers = {setting}\n\n" if setting is not None else ""
    sources.write_text(table + site.sources_toml(), encoding="utf-8")
    db = tmp / f"{name}.duckdb"
    env = {k: v for k, v in os.environ.items() if k != WORKERS_ENV}
    env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    if kill:
        env[TEST_KILL_ENV] = MARKER
    cmd = ingest_cmd(sources, db) + (["--parse-workers", option] if option else [])
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300,
                          check=False)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == (3 if kill else 0), proc.stderr  # 3: the killer page failed
    return db, proc.stderr


def _stored(db: Path, but: str = "") -> list[tuple[object, ...]]:
    return [r for r in _rows(db, STORED) if r[2] != but]


@pytest.mark.slow
def test_three_parse_workers_store_what_one_stores_in_list_order(tmp_path: Path) -> None:
    with OrderSite(ARTICLES) as site:
        one, err_one = _ingest(site, tmp_path, "one", option="1", setting=None, kill=False)
        first_url = f"{site.url}/a/{FIRST}/"
        # The later-listed copy wins although it was answered (and parsed) first.
        rows = _rows(one, f"SELECT title FROM articles WHERE canonical_url = '{first_url}'")
        assert rows == [("Release number 4 on regional cooperation",)], rows
        assert "parse workers: 1 at a time" in err_one, err_one
        # Three workers (the [pipeline] setting), and one page kills its worker.
        three, err_three = _ingest(site, tmp_path, "three", option=None, setting=3, kill=True)
        killer_url = f"{site.url}/a/{KILLER}/"
    assert "parse workers: 3 at a time" in err_three, err_three
    # The killer page is quarantined; every other page is stored exactly as with one worker.
    assert [ln for ln in err_three.splitlines() if "quarantined" in ln and killer_url in ln]
    urls = {str(r[0]) for r in _rows(three, "SELECT url FROM seen_urls WHERE kind = 'article'")}
    assert urls == {f"{site.url}/a/{i}/" for i in range(ARTICLES)} - {killer_url}
    assert _stored(three) == _stored(one, but=killer_url)
    assert len(_stored(three)) == ARTICLES - 2
    stories = "SELECT article_id, story_id FROM articles WHERE url <> ? ORDER BY 1"
    con_one, con_three = (duckdb.connect(str(db), read_only=True) for db in (one, three))
    try:
        assert (con_one.execute(stories, [killer_url]).fetchall()
                == con_three.execute(stories, [killer_url]).fetchall())
    finally:
        con_one.close()
        con_three.close()
