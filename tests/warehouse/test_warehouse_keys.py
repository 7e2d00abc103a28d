"""The write path's 64-bit keys (migration 008, warehouse/keys.py) on real DuckDB files."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import duckdb

from bench.synthetic import SyntheticCorpus
from parsers.article import Article
from tests.warehouse.whtest import T0, make_article, make_batch
from warehouse import Batch, SeenURL, Warehouse, open_warehouse
from warehouse.keys import key, sql


def test_python_keys_equal_the_sql_keys() -> None:
    texts = ["", "abc", "https://example.org/news/1", "https://пример.рф/новости?q=ü",
             "a" * 5000, "lone \ud800 surrogate"]
    con = duckdb.connect()
    for text in texts:
        stored = text.replace("\ud800", "\ufffd")  # what arrow hands DuckDB
        (row,) = con.execute(f"SELECT {sql('?')}", [stored]).fetchall()
        assert row[0] == key(text), text
        assert 0 <= key(text) < 2**63


def test_integrity_reports_keys_that_do_not_match_their_text(wh: Warehouse) -> None:
    wh.write_batch(make_batch(make_article(1), make_article(2)))
    assert wh.integrity_problems() == []
    wh.connection.execute("UPDATE article_state SET content_key = content_key + 1 "
                          "WHERE url LIKE '%/1'")
    wh.connection.execute("UPDATE seen_urls SET url_key = NULL WHERE url LIKE '%/2'")
    problems = wh.integrity_problems()
    assert problems == ["article_state keys that do not match their text "
                        "(see warehouse/keys.py): 1",
                        "seen_urls keys that do not match their url: 1"]


def test_a_file_from_before_the_keys_is_back_filled_and_its_rows_found(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with open_warehouse(db) as wh:
        wh.write_batch(make_batch(make_article(1), make_article(2)))
    # Back to the layout before 008, as a warehouse written by older code has it.
    con = duckdb.connect(str(db))
    for column in ("id_key", "url_key", "canon_key", "content_key"):
        con.execute(f"ALTER TABLE article_state DROP COLUMN {column}")
    con.execute("ALTER TABLE seen_urls DROP COLUMN url_key")
    con.execute("DELETE FROM schema_migrations WHERE version = 8")
    con.close()
    with open_warehouse(db) as wh:
        assert wh.query("SELECT count(*) FROM article_state WHERE id_key IS NULL").rows == [(0,)]
        again = wh.write_batch(make_batch(make_article(1), make_article(2, body="New text."),
                                          at=T0 + timedelta(hours=1)))
        assert (again.new, again.updated, again.unchanged) == (0, 1, 1)
        assert wh.integrity_problems() == []
        assert wh.query("SELECT count(*) FROM article_state").rows == [(2,)]
        assert wh.query("SELECT count(*) FROM seen_urls").rows == [(2,)]


def test_thousands_of_rows_in_mixed_batches_keep_every_invariant(db_path: Path) -> None:
    corpus = SyntheticCorpus(days=30)
    arts = list(corpus.articles(0, 3000))
    with open_warehouse(db_path, stories=False) as wh:
        for start in range(0, 3000, 500):
            r = wh.write_batch(Batch(run_id="fill", source="synthetic", fetched_at=T0,
                                     articles=tuple(arts[start:start + 500])))
            assert (r.new, r.updated, r.unchanged) == (500, 0, 0)
        # One batch with every case: 200 unchanged, 200 edited, 200 new, and a
        # repeated article (the last copy wins).
        edited = [replace(a, body=a.body + "\n\nCorrection.") for a in arts[200:400]]
        fresh = list(corpus.articles(3000, 200))
        mixed = arts[:200] + edited + fresh + [replace(fresh[0], body="Last copy wins.")]
        later = T0 + timedelta(days=1)
        r = wh.write_batch(Batch(run_id="mixed", source="synthetic", fetched_at=later,
                                 articles=tuple(mixed)))
        assert (r.new, r.updated, r.unchanged) == (200, 200, 200)
        # Another source carrying 100 known URLs stores its own rows, never a version.
        foreign = [Article(url=a.url, canonical_url=a.url, title=a.title, body=a.body + " x",
                           published_at=a.published_at) for a in arts[1000:1100]]
        r = wh.write_batch(Batch(run_id="other", source="mirror", fetched_at=later,
                                 articles=tuple(foreign)))
        assert (r.new, r.updated, r.unchanged) == (100, 0, 0)
        assert wh.integrity_problems() == []
        assert wh.query("SELECT count(*), count(DISTINCT id_key), max(latest_version) "
                        "FROM article_state").rows == [(3300, 3300, 2)]
        assert wh.query("SELECT count(*) FROM article_versions").rows == [(3500,)]
        assert wh.query("SELECT body FROM articles WHERE article_id = ?",
                        [fresh[0].article_id]).rows == [("Last copy wins.",)]
        (seen_at,) = wh.query("SELECT last_seen_at FROM article_state WHERE article_id = ?",
                              [arts[0].article_id]).rows[0]
        assert seen_at == later
        assert wh.query("SELECT count(*) FROM story_members").rows == [(0,)]


def test_seen_urls_that_differ_only_in_lone_surrogates_are_one_row(wh: Warehouse) -> None:
    # Both spellings are stored as the same text (U+FFFD, see warehouse/arrow.py),
    # so they are one URL: one seen_urls row, not two under one key.
    seen = (SeenURL("https://example.org/tag/\ud800", "not_article"),
            SeenURL("https://example.org/tag/\udc00", "not_article"))
    wh.write_batch(make_batch(seen=seen))
    wh.write_batch(make_batch(seen=seen, at=T0 + timedelta(hours=1)))
    assert wh.query("SELECT url FROM seen_urls").rows == [("https://example.org/tag/\ufffd",)]
    assert wh.integrity_problems() == []


def test_a_new_article_whose_id_key_is_taken_is_never_merged_into_that_row(
        wh: Warehouse) -> None:
    # A collision of 63-bit keys cannot be crafted; give article 1's row the key
    # article 2's id has, as a collision would.
    wh.write_batch(make_batch(make_article(1)))
    other = make_article(2)
    wh.connection.execute("UPDATE article_state SET id_key = ? WHERE url LIKE '%/1'",
                          [key(other.article_id)])
    wh.write_batch(make_batch(other, at=T0 + timedelta(hours=1)))
    # Before the probe compared texts: the write reported updated=1, article 1's
    # state row took article 2's url and version 2, and articles_latest held
    # neither article.
    assert sorted(r[0] for r in wh.query("SELECT url FROM articles_latest").rows) == [
        "https://example.org/news/1", "https://example.org/news/2"]
    assert wh.query("SELECT url, latest_version FROM article_state ORDER BY url").rows == [
        ("https://example.org/news/1", 1), ("https://example.org/news/2", 1)]


def test_an_article_whose_key_another_text_shares_is_updated_alone(wh: Warehouse) -> None:
    # Two stored rows under one key (as a collision leaves them): the changed
    # article gets its version 2, the other row stays as it was.
    one, two = make_article(1), make_article(2)
    wh.write_batch(make_batch(one, two))
    wh.connection.execute("UPDATE article_state SET id_key = ? WHERE url LIKE '%/1'",
                          [key(two.article_id)])
    r = wh.write_batch(make_batch(make_article(2, body="Two, edited."),
                                  at=T0 + timedelta(hours=1)))
    assert (r.new, r.updated, r.unchanged) == (0, 1, 0)
    assert wh.query("SELECT url, latest_version FROM article_state ORDER BY url").rows == [
        ("https://example.org/news/1", 1), ("https://example.org/news/2", 2)]
    assert wh.query("SELECT count(*) FROM article_versions").rows == [(3,)]
    assert sorted(r[0] for r in wh.query("SELECT body FROM articles_latest").rows) == [
        "Body of release 1.", "Two, edited."]


def test_rows_without_keys_are_reported_as_such_not_as_one_shared_key(wh: Warehouse) -> None:
    # What a restore of article_state from a pre-008 backup leaves: no keys.
    wh.write_batch(make_batch(make_article(1), make_article(2)))
    wh.connection.execute("UPDATE article_state SET id_key = NULL")
    wh.connection.execute("UPDATE seen_urls SET url_key = NULL")
    assert wh.integrity_problems() == [
        "article_state keys that do not match their text (see warehouse/keys.py): 2",
        "seen_urls keys that do not match their url: 2"]


def test_rows_restored_without_keys_are_found_by_the_next_write(wh: Warehouse) -> None:
    wh.write_batch(make_batch(make_article(1)))
    # A user restores article_state from a backup taken before 008 (`pressroom sql --write`).
    con = wh.connection
    con.execute("CREATE TABLE bak AS SELECT * EXCLUDE (id_key, url_key, canon_key, content_key) "
                "FROM article_state")
    con.execute("DELETE FROM article_state")
    con.execute("INSERT INTO article_state BY NAME SELECT * FROM bak")
    again = wh.write_batch(make_batch(make_article(1), at=T0 + timedelta(hours=1)))
    # Before the keys were filled per batch: new=1, a second state row and a
    # second version 1 of the same article.
    assert (again.new, again.unchanged) == (0, 1)
    assert wh.query("SELECT count(*) FROM article_versions").rows == [(1,)]
    assert wh.query("SELECT count(*) FROM article_state").rows == [(1,)]
    assert wh.integrity_problems() == []
