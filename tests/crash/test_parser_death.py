"""A page whose parsing kills the worker process costs that page only.

The killer page carries a marker that the test-only hook
(``PRESSROOM_TEST_KILL_PARSER_ON``) turns into a SIGKILL of the parse worker,
as the kernel's out-of-memory killer or a segfault in a C library would.
Every other page must be stored, nothing marked ``not_article``, and the
killer quarantined with its URL in the log and tried again by the next run.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import duckdb
import pytest

from flows.parsepool import TEST_KILL_ENV
from tests.crash.bulk_site import BulkSite
from tests.crash.campaign import ingest_cmd

ARTICLES = 12
KILLER = 7
MARKER = "pressroom-test-marker-kill-this-parser"


class KillerSite(BulkSite):
    """A bulk site where article ``KILLER`` carries the kill marker."""

    def _body(self, path: str) -> tuple[int, str, bytes]:
        status, ctype, body = super()._body(path)
        if path == f"/a/{KILLER}/":
            body = body.replace(b"</article>", f"<p>{MARKER}</p></article>".encode())
        return status, ctype, body


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.mark.slow
def test_a_page_that_kills_the_parser_is_quarantined_and_costs_nothing_else(
    tmp_path: Path,
) -> None:
    db = tmp_path / "killer.duckdb"
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PRESSROOM_PARSE_WORKERS": "1", TEST_KILL_ENV: MARKER}
    with KillerSite(ARTICLES) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        killer_url = f"{site.url}/a/{KILLER}/"
        first = subprocess.run(ingest_cmd(sources, db), env=env, capture_output=True,
                               text=True, timeout=300, check=False)
        assert "Traceback" not in first.stderr, first.stderr
        stored = {str(r[0]) for r in _rows(db, "SELECT url FROM articles")}
        expected = {site.url + p for p in site.article_paths()} - {killer_url}
        assert stored == expected, sorted(expected - stored)
        assert _rows(db, "SELECT url FROM seen_urls WHERE kind <> 'article'") == []
        quarantined = [ln for ln in first.stderr.splitlines()
                       if "quarantined" in ln and killer_url in ln]
        assert len(quarantined) == 1, first.stderr
        # The next run parses the killer page again (only it) and quarantines it again.
        hits_before = {p: site.hits(p) for p in site.article_paths()}
        second = subprocess.run(ingest_cmd(sources, db), env=env, capture_output=True,
                                text=True, timeout=300, check=False)
        assert "Traceback" not in second.stderr, second.stderr
        hits_after = {p: site.hits(p) for p in site.article_paths()}
        refetched = {p for p in hits_after if hits_after[p] > hits_before[p]}
        assert refetched == {f"/a/{KILLER}/"}
        assert killer_url in second.stderr
    assert _rows(db, "SELECT count(*) FROM articles") == [(ARTICLES - 1,)]
    assert _rows(db, "SELECT url FROM seen_urls WHERE kind <> 'article'") == []
