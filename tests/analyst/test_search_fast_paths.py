"""Search's fast paths (issue 15): ``--collapse`` from the index's story snapshot,
``--source``/``--since``/``--until`` through ``ix.filters``. Each answer is checked
against the warehouse's own tables, before and after the stories change."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import duckdb

from tests.analyst.conftest import T0, CliRunner, article, write
from tests.warehouse.storytext import TITLE, copies
from warehouse import open_warehouse
from warehouse.search import SearchSession, search
from warehouse.search_index import build_index, index_path_for
from warehouse.search_stories import StoryLookup
from warehouse.search_terms import Hit

QUERY = "coordination of efforts against trafficking"


def _uses_snapshot(db: Path) -> bool:
    """True if a collapsed search of ``db`` reads its stories from the index's snapshot."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        con.execute(f"ATTACH '{index_path_for(db)}' AS ix (READ_ONLY)")
        return StoryLookup(con, indexed=True).uses_snapshot()
    finally:
        con.close()


def _truth(db: Path, article_id: str) -> tuple[str, int, int]:
    """(story, copies, sources) of an article, read from ``story_members`` itself."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT story_id FROM story_members WHERE article_id = ?",
                          [article_id]).fetchone()
        story = str(row[0]) if row else article_id
        size = con.execute("SELECT count(*), count(DISTINCT source) FROM story_members "
                           "WHERE story_id = ?", [story]).fetchone()
    finally:
        con.close()
    assert size is not None
    return (story, int(size[0]), int(size[1])) if size[0] else (story, 1, 1)


def _check_collapse(db: Path, *, snapshot: bool) -> list[Hit]:
    """Collapsed hits agree with the plain ranking and the warehouse's stories."""
    assert _uses_snapshot(db) is snapshot
    with SearchSession(db) as session:
        plain = session.search(QUERY, limit=100).hits
        collapsed = session.search(QUERY, limit=10, collapse=True).hits
        first = session.search(QUERY, limit=1, collapse=True).hits
    expected: list[Hit] = []
    seen: set[str] = set()
    for hit in plain:
        story = _truth(db, hit.article_id)[0]
        if story not in seen:
            seen.add(story)
            expected.append(hit)
    assert [h.url for h in collapsed] == [h.url for h in expected][:10]
    assert [h.score for h in collapsed] == [h.score for h in expected][:10]
    assert [(h.story_id, h.copies, h.n_sources) for h in collapsed] == [
        _truth(db, h.article_id) for h in collapsed]
    assert [h.url for h in first] == [collapsed[0].url]
    return collapsed


def _seed(hits: list[Hit]) -> Hit:
    [hit] = [h for h in hits if h.url.endswith("/un-release")]
    return hit


def test_collapse_agrees_with_the_warehouse_as_its_stories_change(story_db: Path) -> None:
    build_index(story_db)
    assert _seed(_check_collapse(story_db, snapshot=True)).copies == 4
    # A fifth copy written after the index: the snapshot plus the member written since.
    title, body = copies()["belta"]
    write(story_db, [article("un-release", title, body, source="newsroom", days_ago=5)],
          run_id="run-2", at=T0 + timedelta(hours=1))
    seed = _seed(_check_collapse(story_db, snapshot=True))
    assert (seed.copies, seed.n_sources) == (5, 5)
    # An edit re-clusters the story's first copy: its member row is replaced and the
    # story renamed, so the snapshot no longer holds; stories are read by scanning.
    edited = article("un-release", TITLE, body + "\n\nThe resolution was adopted on Friday.",
                     source="belta", days_ago=9)
    write(story_db, [edited], run_id="run-3", at=T0 + timedelta(hours=2))
    _check_collapse(story_db, snapshot=False)
    build_index(story_db)
    _check_collapse(story_db, snapshot=True)
    # `stories --rebuild` rewrites every member: the snapshot is refused again.
    with open_warehouse(story_db) as wh:
        wh.rebuild_stories()
    _check_collapse(story_db, snapshot=False)


def test_the_index_keeps_a_snapshot_of_the_stories(story_db: Path) -> None:
    build_index(story_db)
    con = duckdb.connect(str(index_path_for(story_db)), read_only=True)
    wh = duckdb.connect(str(story_db), read_only=True)
    try:
        members = set(con.execute("SELECT article_id, story_id, source FROM members").fetchall())
        assert members == set(wh.execute(
            "SELECT article_id, story_id, source FROM story_members").fetchall())
        stories = con.execute("SELECT story_id, n, sources FROM stories").fetchall()
    finally:
        con.close()
        wh.close()
    # Only the story of more than its own article is listed: the seed, four sources.
    assert [(n, s) for _, n, s in stories] == [(4, sorted(copies()))]


def test_filtered_pages_agree_with_filtering_every_hit(db: Path) -> None:
    extra = [article(f"t{i}", f"Trafficking note {i}", "Human trafficking. " * i + "Words.",
                     source=("belta", "un_press", "mvd")[i % 3], days_ago=i)
             for i in range(1, 10)]
    write(db, extra, run_id="run-2")
    build_index(db)
    # A source the index has never seen, written after it: found in the tail.
    write(db, [article("tail", "Trafficking case", "Human trafficking case in Brest.",
                       source="newsroom", days_ago=5)], run_id="run-3")
    for query in ("trafficking", "human trafficking", "trafficking OR books"):
        every = search(db, query, limit=100).hits
        assert len(every) > 5 and any(not h.indexed for h in every)
        for source in ("belta", "un_press", "mvd", "newsroom", "nosuch"):
            assert search(db, query, source=source, limit=100).hits == [
                h for h in every if h.source == source]
        for days in (0, 2, 4, 7, 20):
            cut = T0 - timedelta(days=days, hours=1)
            after = [h for h in every if h.published_at is not None and h.published_at >= cut]
            assert search(db, query, since=cut, limit=100).hits == after
            assert search(db, query, until=cut, limit=100).hits == [
                h for h in every if h not in after]
            assert search(db, query, since=cut, source="mvd", limit=2).hits == [
                h for h in after if h.source == "mvd"][:2]
    result = search(db, "trafficking", source="nosuch")
    assert result.hits == [] and result.source_known is False
    con = duckdb.connect(str(index_path_for(db)), read_only=True)
    try:
        codes = dict(con.execute("SELECT source, code FROM sources").fetchall())
        rows = con.execute("SELECT count(*), count(DISTINCT src) FROM filters").fetchone()
    finally:
        con.close()
    assert sorted(codes) == ["belta", "mvd", "un_press"] and rows == (14, 3)


def test_an_index_of_the_previous_format_is_refused_in_one_line(db: Path,
                                                                cli: CliRunner) -> None:
    build_index(db)
    con = duckdb.connect(str(index_path_for(db)))
    try:
        con.execute("UPDATE meta SET format = 4")
    finally:
        con.close()
    result = search(db, "trafficking")
    assert result.index is None and result.hits
    assert result.warning == (f"search index {index_path_for(db)} has an unknown format; "
                              "run `pressroom index`; scanning every article")
    proc = cli("search", "trafficking", "--db", str(db), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().splitlines() == [f"pressroom: warning: {result.warning}"]


def test_a_copy_of_a_story_in_the_tail_only_is_counted(story_db: Path) -> None:
    """A story whose every member came after the index: all from the members since."""
    build_index(story_db)
    body = "\n\n".join([
        "Minsk hosts the regional forum on dairy cooperation this week, bringing together "
        "producers, processors and trade officials from across Eastern Europe and Asia.",
        "Delegations from twelve countries discuss dairy trade, veterinary certificates, "
        "quotas for cheese and butter, and a shared register of accredited laboratories.",
        "The forum closes on Friday with a joint statement on dairy exports, a plan for "
        "common inspections and an invitation to meet again in Tashkent next autumn.",
    ])
    arts = [article("forum", "Dairy forum opens", body, source=src, days_ago=1)
            for src in ("belta", "newsroom")]
    write(story_db, arts, run_id="run-2", at=T0 + timedelta(hours=1))
    hits = _check_collapse_query(story_db, "dairy forum")
    assert [(h.copies, h.n_sources) for h in hits if h.url.endswith("/forum")] == [(2, 2)]


def _check_collapse_query(db: Path, query: str) -> list[Hit]:
    assert _uses_snapshot(db)
    with SearchSession(db) as session:
        hits = session.search(query, limit=10, collapse=True).hits
    assert [(h.story_id, h.copies, h.n_sources) for h in hits] == [
        _truth(db, h.article_id) for h in hits]
    return hits
