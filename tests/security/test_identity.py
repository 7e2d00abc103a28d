"""One source must not write over another, and one page is one article (issue 14).

End-to-end on the loopback press site: source A lives on ``127.0.0.1``, source
B on ``localhost`` (same server, another host name). Warehouse-level tests write
real batches into a real DuckDB file to cover what the parser cannot stop: two
sources sharing a host, a crafted batch, and rows stored before these rules.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

import duckdb

from flows.config import SourceConfig
from flows.ingest import run_sources
from flows.reparse import reparse_archive
from parsers.article import Article, spelling_id
from tests.site import PressSite
from tests.warehouse.whtest import T0, make_article
from warehouse import Batch, open_warehouse
from warehouse.search import search

RSS = "application/rss+xml; charset=utf-8"
PARAGRAPH = ("The ministry said the agreement covers grain, fertiliser and machinery "
             "deliveries over the next three years and opens two new trade offices. ")


def _page(title: str, words: str, canonical: str | None = None) -> bytes:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f"<html><head><title>{title}</title>{link}"
            '<meta property="og:type" content="article"></head><body><article>'
            f"<h1>{title}</h1><p>{words} {PARAGRAPH * 4}</p><p>{PARAGRAPH * 3}</p>"
            "</article></body></html>").encode()


def _feed(*links: str) -> bytes:
    items = "".join(f"<item><title>t</title><link>{u}</link></item>" for u in links)
    return f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()


def _source(name: str, feed: str) -> SourceConfig:
    return SourceConfig(name=name, feeds=(feed,), allow_private_network=True, min_delay=0.0,
                        timeout=5.0, respect_robots=False)


def _ingest(db: Path, *sources: SourceConfig, refresh: bool = False) -> None:
    asyncio.run(run_sources(list(sources), db, as_tasks=False, lock_timeout=10.0,
                            refresh=refresh))


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def _state(db: Path) -> list[tuple[object, ...]]:
    return _rows(db, "SELECT s.source, s.url, s.canonical_url, s.latest_version, v.title, "
                     "(SELECT count(*) FROM article_versions AS x "
                     " WHERE x.article_id = s.article_id) "
                     "FROM article_state AS s JOIN article_versions AS v "
                     "ON v.article_id = s.article_id AND v.version = s.latest_version "
                     "ORDER BY s.source, s.url")


def test_foreign_canonical_does_not_overwrite_another_source(
    press_site: PressSite, tmp_path: Path
) -> None:
    a_url = press_site.url_for("/ida/1")
    b_url = f"http://localhost:{press_site.port}/idb/1"
    press_site.set_page("/ida/feed.xml", _feed(a_url), RSS)
    press_site.set_page("/ida/1", _page("Official trade statement", "Minsk, 3 March.", a_url))
    press_site.set_page("/idb/feed.xml", _feed(b_url), RSS)
    press_site.set_page("/idb/1", _page("Forged trade statement", "Forgery says.", a_url))
    a = _source("alpha", press_site.url_for("/ida/feed.xml"))
    b = _source("beta", f"http://localhost:{press_site.port}/idb/feed.xml")
    db = tmp_path / "w.duckdb"
    _ingest(db, a)
    before = _state(db)
    assert before == [("alpha", a_url, a_url, 1, "Official trade statement", 1)]
    _ingest(db, b)
    reparse_archive(db, {"alpha": a, "beta": b})  # the archive must not bring it back
    assert _state(db) == [*before, ("beta", b_url, b_url, 1, "Forged trade statement", 1)]
    hits = search(db, "forged trade statement").hits
    assert {(h.source, h.url) for h in hits if "Forged" in h.title} == {("beta", b_url)}
    assert _rows(db, "SELECT count(*) FROM article_versions WHERE source = 'alpha' "
                     "AND title LIKE 'Forged%'") == [(0,)]


def test_a_claim_stored_first_does_not_hide_the_victims_article(
    press_site: PressSite, tmp_path: Path
) -> None:
    """B trusts A's host (``allowed_hosts`` overlap) and stores first a page whose
    canonical names A's not-yet-fetched URL. A must still fetch and store its own
    article (before: A's URL counted as known, A never asked for it and the only
    row under A's URL was B's forgery)."""
    a_url = press_site.url_for("/ida/2")
    b_url = f"http://localhost:{press_site.port}/idb/2"
    press_site.set_page("/ida/feed.xml", _feed(a_url), RSS)
    press_site.set_page("/ida/2", _page("Official harvest figures", "Minsk, 6 March.", a_url))
    press_site.set_page("/idb/feed.xml", _feed(b_url), RSS)
    press_site.set_page("/idb/2", _page("Forged harvest figures", "Forgery says.", a_url))
    a = _source("alpha", press_site.url_for("/ida/feed.xml"))
    b = replace(_source("beta", f"http://localhost:{press_site.port}/idb/feed.xml"),
                allowed_hosts=("localhost", "127.0.0.1"))
    db = tmp_path / "w.duckdb"
    _ingest(db, b)
    _ingest(db, a)
    assert press_site.hits("/ida/2") == 1
    assert ("alpha", a_url, a_url, 1, "Official harvest figures", 1) in _state(db)
    hits = search(db, "official harvest figures").hits
    assert ("alpha", a_url) in {(h.source, h.url) for h in hits}
    _ingest(db, a)  # its own row now makes the URL known to it: not fetched again
    assert press_site.hits("/ida/2") == 1
    before = _state(db)
    reparse_archive(db, {"alpha": a, "beta": b})  # each keeps its row: no version flips
    assert _state(db) == before


def _write(db: Path, source: str, *articles: Article, run: str = "r1") -> None:
    with open_warehouse(db) as wh:
        wh.write_batch(Batch(run_id=run, source=source, fetched_at=T0, articles=articles))


def test_writer_never_appends_to_another_sources_article(tmp_path: Path) -> None:
    """Two sources sharing a host (the parser trusts both canonicals): the writer
    still keys ownership, and a crafted ``source`` field is not believed."""
    db = tmp_path / "w.duckdb"
    owned = "https://shared.example/news/1"
    _write(db, "alpha", make_article(1, url=owned, canonical_url=owned, title="Original"))
    claim = make_article(2, url="https://shared.example/b/2", canonical_url=owned,
                         title="Claimed", body="Another body.")
    same_url = make_article(1, url=owned, canonical_url=owned, title="Same URL",
                            body="Beta's copy.")
    crafted = make_article(3, title="Crafted", source="alpha")
    _write(db, "beta", claim, same_url, crafted, run="r2")
    rows = _state(db)
    assert ("alpha", owned, owned, 1, "Original", 1) in rows
    assert ("beta", "https://shared.example/b/2", "https://shared.example/b/2", 1,
            "Claimed", 1) in rows
    assert ("beta", owned, owned, 1, "Same URL", 1) in rows
    assert ("beta", "https://example.org/news/3", "https://example.org/news/3", 1,
            "Crafted", 1) in rows
    assert len(rows) == 4
    assert _rows(db, "SELECT count(*) FROM article_versions WHERE source = 'alpha'") == [(1,)]
    with open_warehouse(db) as wh:
        assert wh.integrity_problems() == []


def test_trailing_slash_spellings_are_one_article(press_site: PressSite, tmp_path: Path) -> None:
    plain, slashed = press_site.url_for("/idc/i2"), press_site.url_for("/idc/i2/")
    body = _page("Grain deal signed", "Minsk, 4 March.")
    press_site.set_page("/idc/i2", body)
    press_site.set_page("/idc/i2/", body)
    press_site.set_page("/idc/feed.xml", _feed(plain, slashed), RSS)
    db = tmp_path / "w.duckdb"
    _ingest(db, _source("gamma", press_site.url_for("/idc/feed.xml")))
    assert press_site.hits("/idc/i2") == 1 and press_site.hits("/idc/i2/") == 1
    rows = _state(db)
    assert len(rows) == 1 and rows[0][3] == 1 and rows[0][5] == 1, rows


def test_canonical_spelling_that_comes_and_goes_is_one_article(
    press_site: PressSite, tmp_path: Path
) -> None:
    """The page first names an https, trailing-slash canonical (same host, trusted),
    then drops it: the same article, not a second one."""
    url = press_site.url_for("/idd/7")
    https_slashed = f"https://127.0.0.1:{press_site.port}/idd/7/"
    press_site.set_page("/idd/feed.xml", _feed(url), RSS)
    press_site.set_page("/idd/7", _page("Harvest report", "Gomel, 5 March.", https_slashed))
    db = tmp_path / "w.duckdb"
    source = _source("delta", press_site.url_for("/idd/feed.xml"))
    _ingest(db, source)
    press_site.set_page("/idd/7", _page("Harvest report", "Gomel, 5 March."))
    _ingest(db, source, refresh=True)
    rows = _state(db)
    assert len(rows) == 1, rows
    assert rows[0][2] == https_slashed and rows[0][3] == 1  # same body: no new version


def test_scheme_is_not_identity(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    _write(db, "example", make_article(1, url="http://example.org/news/1/",
                                       canonical_url="http://example.org/news/1/"))
    _write(db, "example", make_article(1), run="r2")  # https://example.org/news/1
    rows = _state(db)
    assert len(rows) == 1 and rows[0][3] == 1 and rows[0][5] == 1, rows


def test_rows_stored_under_an_old_spelling_id_keep_their_id(tmp_path: Path) -> None:
    """Ids used to hash the exact spelling; such a row is still found, not forked."""
    db = tmp_path / "w.duckdb"
    old = "http://example.org/news/1/"
    _write(db, "example", make_article(1, url=old, canonical_url=old))
    legacy = spelling_id(old)
    with duckdb.connect(str(db)) as con:  # as a warehouse written before identity keys
        for table in ("article_state", "article_versions", "seen_urls"):
            con.execute(f"UPDATE {table} SET article_id = ? WHERE article_id IS NOT NULL",
                        [legacy])
    _write(db, "example", make_article(1, body="Corrected body."), run="r2")
    assert _rows(db, "SELECT article_id, latest_version FROM article_state") == [(legacy, 2)]


def test_rows_stored_under_an_untrusted_canonical_keep_their_id(tmp_path: Path) -> None:
    """A page stored under a canonical link on a foreign host keeps its article
    when the link is no longer believed (the page now carries its own URL)."""
    db = tmp_path / "w.duckdb"
    page, foreign = "https://example.org/news/5", "https://elsewhere.example/story/5"
    _write(db, "example", make_article(5, url=page, canonical_url=foreign))
    first = _rows(db, "SELECT article_id FROM article_state")
    _write(db, "example", make_article(5, url=page, canonical_url=page, body="Edited."),
           run="r2")
    assert _rows(db, "SELECT article_id, latest_version FROM article_state") == [
        (first[0][0], 2)]
