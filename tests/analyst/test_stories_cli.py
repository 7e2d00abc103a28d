"""``pressroom stories`` and ``search --collapse`` as real subprocesses (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.analyst.conftest import CliRunner
from tests.warehouse.storytext import TITLE, copies


def test_stories_lists_newest_first_with_sources(story_db: Path, cli: CliRunner) -> None:
    proc = cli("stories", "--db", str(story_db), "--format", "json", "--limit", "100")
    assert proc.returncode == 0, proc.stderr
    stories = json.loads(proc.stdout)
    # 5 base releases + the seed story + the look-alike.
    assert len(stories) == 7
    firsts = [s["first_published_at"] for s in stories]
    assert firsts == sorted(firsts, reverse=True)
    seed = [s for s in stories if s["n_sources"] > 1]
    assert len(seed) == 1
    assert seed[0]["sources"] == sorted(copies())
    assert (seed[0]["first_source"], seed[0]["n_articles"], seed[0]["title"]) == (
        "belta", 4, TITLE)


def test_stories_min_sources_and_table(story_db: Path, cli: CliRunner) -> None:
    proc = cli("stories", "--db", str(story_db), "--min-sources", "2")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split(" | ")[0].strip() == "story_id"
    assert lines[-1] == "(1 row)"
    assert "azernews" in proc.stdout and TITLE in proc.stdout
    proc = cli("stories", "--db", str(story_db), "--min-sources", "5", "--format", "json")
    assert json.loads(proc.stdout) == []


def test_stories_rebuild_gives_the_same_clusters(story_db: Path, cli: CliRunner) -> None:
    before = cli("stories", "--db", str(story_db), "--format", "json", "--limit", "100")
    after = cli("stories", "--db", str(story_db), "--format", "json", "--limit", "100",
                "--rebuild")
    assert after.returncode == 0, after.stderr
    assert "rebuilt 7 stories from 10 articles" in after.stderr
    assert json.loads(after.stdout) == json.loads(before.stdout)


def test_search_collapse_one_hit_per_story(story_db: Path, cli: CliRunner) -> None:
    args = ("search", "coordination of efforts against trafficking", "--db", str(story_db),
            "--format", "json", "--limit", "10")
    plain = json.loads(cli(*args).stdout)
    collapsed = cli(*args, "--collapse")
    assert collapsed.returncode == 0, collapsed.stderr
    hits = json.loads(collapsed.stdout)
    seed_urls = {f"https://{s}.example/news/un-release" for s in copies()}
    assert sum(h["url"] in seed_urls for h in plain) == 4
    assert sum(h["url"] in seed_urls for h in hits) == 1
    # Other stories are kept, in rank order.
    others = [h["url"] for h in plain if h["url"] not in seed_urls]
    assert [h["url"] for h in hits if h["url"] not in seed_urls] == others


def test_search_collapse_shows_each_hits_story_and_its_copies(story_db: Path,
                                                               cli: CliRunner) -> None:
    """A collapsed hit stands for a story: its id, copies and sources, in JSON and the table."""
    stories = json.loads(cli("stories", "--db", str(story_db), "--format", "json",
                             "--limit", "100").stdout)
    seed = next(s for s in stories if s["n_sources"] > 1)
    args = ("search", "coordination of efforts against trafficking", "--db", str(story_db),
            "--limit", "10", "--collapse")
    proc = cli(*args, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    hits = json.loads(proc.stdout)
    seed_urls = {f"https://{s}.example/news/un-release" for s in copies()}
    [hit] = [h for h in hits if h["url"] in seed_urls]
    assert (hit["story_id"], hit["copies"], hit["n_sources"]) == (seed["story_id"], 4, 4)
    others = [h for h in hits if h["url"] not in seed_urls]
    assert others and all((h["story_id"], h["copies"], h["n_sources"]) == (h["article_id"], 1, 1)
                          for h in others)
    table = cli(*args)
    assert table.returncode == 0, table.stderr
    header, _rule, *rows = table.stdout.splitlines()
    assert [c.strip() for c in header.split(" | ")][-3:] == ["copies", "n_sources", "title"]
    # The table's row #n; its URL and story below, as "#n URL (story ID)".
    (n,) = [line.split()[0] for line in rows if f"(story {seed['story_id']})" in line]
    seed_row = next(r for r in rows if r.startswith(f"{n[1:]} | "))
    assert [c.strip() for c in seed_row.split(" | ")][-3:-1] == ["4", "4"]


def test_stories_on_a_missing_database_is_one_line(tmp_path: Path, cli: CliRunner) -> None:
    proc = cli("stories", "--db", str(tmp_path / "none.duckdb"))
    assert proc.returncode != 0
    assert len(proc.stderr.strip().splitlines()) == 1 and "does not exist" in proc.stderr



def test_library_collapse_gives_one_hit_per_story_up_to_the_limit(story_db: Path) -> None:
    """``SearchSession.search(collapse=True)``: the CLI's --collapse, decided in the library."""
    from warehouse.search import SearchSession

    query = "coordination of efforts against trafficking"
    seed_urls = {f"https://{s}.example/news/un-release" for s in copies()}
    with SearchSession(story_db) as session:
        plain = session.search(query, limit=10).hits
        one = session.search(query, limit=1, collapse=True).hits
        collapsed = session.search(query, limit=10, collapse=True).hits
    assert sum(h.url in seed_urls for h in plain) == 4
    assert sum(h.url in seed_urls for h in collapsed) == 1
    assert [h.url for h in collapsed if h.url not in seed_urls] == [
        h.url for h in plain if h.url not in seed_urls]
    assert [h.url for h in one] == [plain[0].url]
