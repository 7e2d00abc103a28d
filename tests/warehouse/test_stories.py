"""Story clusters on real DuckDB files, written through write_batch (issue 16)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from parsers.article import Article
from tests.warehouse.storytext import SAME_TOPIC, TITLE, copies
from tests.warehouse.whtest import T0
from warehouse import Batch, Warehouse, open_warehouse


def _write(wh: Warehouse, source: str, slug: str, title: str, body: str,
           days: int = 0) -> str:
    url = f"https://{source}.example/news/{slug}"
    art = Article(url=url, canonical_url=url, title=title, body=body,
                  published_at=T0 + timedelta(days=days))
    wh.write_batch(Batch(run_id="r", source=source, fetched_at=T0 + timedelta(days=days),
                         articles=(art,)))
    return art.article_id


def _story(wh: Warehouse, article_id: str) -> str:
    rows = wh.query("SELECT story_id FROM articles WHERE article_id = ?", [article_id]).rows
    return str(rows[0][0])


def _clusters(wh: Warehouse) -> set[frozenset[str]]:
    rows = wh.query("SELECT list(article_id ORDER BY article_id) FROM articles "
                    "GROUP BY story_id").rows
    return {frozenset(r[0]) for r in rows}


def test_seed_story_from_four_sources_is_one_story(wh: Warehouse) -> None:
    ids = {src: _write(wh, src, "un", title, body, days=i)
           for i, (src, (title, body)) in enumerate(copies().items())}
    assert {_story(wh, i) for i in ids.values()} == {ids["belta"]}
    rows = wh.query("SELECT first_source, sources, n_sources, n_articles, title "
                    "FROM stories").rows
    assert rows == [("belta", sorted(ids), 4, 4, TITLE)]


def test_same_topic_release_is_another_story(wh: Warehouse) -> None:
    first = _write(wh, "belta", "un", TITLE, copies()["belta"][1])
    other = _write(wh, "mvd", "un-2", "Police welcome UN resolution", SAME_TOPIC)
    assert _story(wh, first) != _story(wh, other)
    assert wh.query("SELECT count(*) FROM stories").rows == [(2,)]


def test_short_bodies_do_not_cluster(wh: Warehouse) -> None:
    short = "The ministry will hold a briefing on Friday at 11:00. Accreditation is open."
    a = _write(wh, "belta", "brief", "Briefing", short)
    b = _write(wh, "mfa", "brief", "Briefing", short)
    assert _story(wh, a) == a and _story(wh, b) == b
    # Nothing was indexed for them: they cannot attract later articles either.
    assert wh.query("SELECT count(*) FROM story_bands").rows == [(0,)]


BOILERPLATE = (
    "Subscribe to our newsletter to receive the most important news of the day, the "
    "analysis of our correspondents and exclusive interviews with officials, diplomats "
    "and business leaders every morning. Follow us on Telegram, Facebook, X and VK, and "
    "download the mobile application to read the news offline, listen to podcasts and "
    "watch the video reports of our editorial office from every region of the country."
)


def test_boilerplate_does_not_glue_a_sources_articles(wh: Warehouse) -> None:
    topics = ["the harvest in the Gomel region", "a new metro line in Minsk",
              "the ice hockey championship", "exports of potash fertilisers"]
    ids = []
    for n, topic in enumerate(topics):
        body = (f"Officials spoke today about {topic} and said that the work on {topic} "
                f"goes according to plan number {n}, with results expected soon.\n\n"
                + BOILERPLATE)
        ids.append(_write(wh, "portal", f"a{n}", topic, body, days=n))
    assert len({_story(wh, i) for i in ids}) == len(ids)


def test_an_edited_copy_keeps_its_story(wh: Warehouse) -> None:
    title, body = copies()["belta"]
    first = _write(wh, "belta", "un", title, body)
    copy = _write(wh, "mfa_mission", "un", *copies()["mfa_mission"])
    # The mission fixes a typo: a new version, re-clustered, same story.
    _write(wh, "mfa_mission", "un", copies()["mfa_mission"][0],
           copies()["mfa_mission"][1].replace("co-sponsored", "cosponsored"), days=1)
    assert wh.query("SELECT version FROM articles WHERE article_id = ?", [copy]).rows == [(2,)]
    assert _story(wh, copy) == _story(wh, first) == first
    assert wh.query("SELECT count(*) FROM story_members").rows == [(2,)]


def test_rebuild_gives_the_same_clusters(wh: Warehouse, db_path: Path) -> None:
    for i, (src, (title, body)) in enumerate(copies().items()):
        _write(wh, src, "un", title, body, days=i)
    _write(wh, "mvd", "un-2", "Police welcome UN resolution", SAME_TOPIC, days=1)
    _write(wh, "belta", "brief", "Briefing", "Short notice of a briefing.", days=2)
    before = _clusters(wh)
    stories_before = wh.query("SELECT * FROM stories ORDER BY story_id").rows
    done = wh.rebuild_stories()
    assert (done.new_stories, done.new_copies) == (3, 3)
    assert _clusters(wh) == before and len(before) == 3
    assert wh.query("SELECT * FROM stories ORDER BY story_id").rows == stories_before


def test_rebuild_clusters_articles_written_before_the_stories_existed(db_path: Path) -> None:
    with open_warehouse(db_path) as wh:
        for i, (src, (title, body)) in enumerate(copies().items()):
            _write(wh, src, "un", title, body, days=i)
        wh.connection.execute("DELETE FROM story_members; DELETE FROM story_bands; "
                              "DELETE FROM story_paragraphs")
        assert wh.query("SELECT count(DISTINCT story_id) FROM articles").rows == [(4,)]
        wh.rebuild_stories()
        assert wh.query("SELECT count(DISTINCT story_id) FROM articles").rows == [(1,)]


def _write_all(wh: Warehouse) -> None:
    for i, (src, (title, body)) in enumerate(copies().items()):
        _write(wh, src, "un", title, body, days=i)
    _write(wh, "mvd", "un-2", "Police welcome UN resolution", SAME_TOPIC, days=1)
    _write(wh, "belta", "brief", "Briefing", "Short notice of a briefing.", days=2)
    for n in range(3):  # one source's pages sharing furniture: boilerplate counts
        _write(wh, "portal", f"p{n}", f"Item {n}",
               f"Officials spoke today about matter number {n} and its results.\n\n"
               + BOILERPLATE, days=n)
    # An edited copy (taken out and clustered anew) after the others.
    _write(wh, "mfa_mission", "un", copies()["mfa_mission"][0],
           copies()["mfa_mission"][1].replace("co-sponsored", "cosponsored"), days=5)


def test_a_warehouse_written_without_clustering_rebuilds_to_the_incremental_clusters(
        tmp_path: Path) -> None:
    with open_warehouse(tmp_path / "incremental.duckdb") as wh:
        _write_all(wh)
        incremental = _clusters(wh)
        stories = wh.query("SELECT * EXCLUDE (story_id) FROM stories ORDER BY title").rows
        # Band rows point at their member by seq (009_story_keys.sql).
        assert wh.query("SELECT count(*) FROM story_bands AS b LEFT JOIN story_members AS m "
                        "ON m.seq = b.seq AND m.article_id = b.article_id "
                        "WHERE m.seq IS NULL").rows == [(0,)]
        assert wh.query("SELECT count(*) FROM story_members WHERE id_key IS DISTINCT FROM "
                        "(md5_number_lower(article_id) >> 1)::BIGINT OR content_key IS "
                        "DISTINCT FROM (md5_number_lower(content_hash) >> 1)::BIGINT"
                        ).rows == [(0,)]
    with open_warehouse(tmp_path / "bulk.duckdb", stories=False) as wh:
        _write_all(wh)
        assert wh.query("SELECT count(*) FROM story_members").rows == [(0,)]
        wh.rebuild_stories()
        assert _clusters(wh) == incremental and len(incremental) == 6
        assert wh.query("SELECT * EXCLUDE (story_id) FROM stories ORDER BY title").rows == stories
