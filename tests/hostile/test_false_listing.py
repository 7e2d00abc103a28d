"""An article judged a listing loses nothing: its page stays in the archive (review r25).

A one-paragraph brief followed by a list of 20 dated headline links was read as a
listing: counted as "not articles", not stored in ``articles``, not fetched again.
With the list in an ``<aside>`` under "Related" it is now an article (category "a
short story beside a related-links block", parsers/page_kind.py); a bare list with
nothing to say it is related is still read as a listing. Either way the raw page
is what a later ``pressroom reparse`` (after a parser fix) reads, so it must be
archived, whole. A real CLI ingest on a loopback site, a real DuckDB file.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.cli_run import run_cli
from tests.hostile.site import Site, loopback_sources
from warehouse.arrow import decompress_body

PARA = ("MINSK, 16 November (BelTA) - The UN General Assembly adopted a Belarus-sponsored "
        "resolution against human trafficking on Friday, the Foreign Ministry said.")


def _brief(links: int, related: bool = True) -> str:
    lines = "".join(f"<li><a href='/n/{k}'>Minister opens bridge number {k}</a> "
                    f"{k % 28 + 1:02d}.11.2019 14:30</li>" for k in range(links))
    return ("<html><head><title>UN adopts resolution</title></head><body><article>"
            f"<h1>UN adopts resolution on trafficking</h1><p>{PARA}</p></article>"
            + (f"<aside><h3>Related</h3><ul>{lines}</ul></aside>" if related
               else f"<ul>{lines}</ul>") + "</body></html>")


@pytest.mark.parametrize(("related", "stored"), [(True, 1), (False, 0)])
def test_a_brief_is_stored_or_keeps_its_page_in_the_archive(tmp_path: Path, related: bool,
                                                            stored: int) -> None:
    with Site() as site:
        page = _brief(20, related)
        site.set("/a/brief", page)
        site.set("/rss", f"<rss version='2.0'><channel><item><link>{site.url}/a/brief</link>"
                 "</item></channel></rss>", "application/rss+xml")
        toml = loopback_sources(tmp_path / "s.toml", "b", [f"{site.url}/rss"])
        db = tmp_path / "x.duckdb"
        done = run_cli("ingest", "--no-prefect", "--sources", str(toml), "--db", str(db),
                       timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        assert f"{1 - stored} not articles" in done.stdout, done.stdout
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (stored,)
        rows = con.execute("SELECT body, compression, body_size, kind FROM pages WHERE url = ?",
                           [f"{site.url}/a/brief"]).fetchall()
    [(body, codec, size, kind)] = rows
    assert kind == "article" and decompress_body(body, codec, size) == page.encode()
