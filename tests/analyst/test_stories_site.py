"""Stories on a real ingest of the loopback press site (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.analyst.conftest import CliRunner
from tests.site import PressSite, syndication
from tests.site.sources import sources_toml
from tests.warehouse.storytext import TITLE
from warehouse import open_warehouse


def test_seed_release_from_four_sources_is_one_story(
    press_site: PressSite, tmp_path: Path, cli: CliRunner
) -> None:
    syndication.install(press_site)
    toml = tmp_path / "sources.toml"
    toml.write_text(sources_toml(press_site, names=("belta", "fixture")) + "\n"
                    + syndication.sources_toml(press_site), encoding="utf-8")
    db = tmp_path / "pressroom.duckdb"
    ingest = cli("ingest", "--no-prefect", "--sources", str(toml), "--db", str(db))
    assert ingest.returncode in (0, 3), ingest.stderr  # 3: the fixture's fault routes

    proc = cli("stories", "--db", str(db), "--min-sources", "2", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    stories = json.loads(proc.stdout)
    assert len(stories) == 1, stories
    story = stories[0]
    assert story["sources"] == ["azernews", "belta", "menafn", "mfa_mission"]
    assert (story["n_articles"], story["first_source"], story["title"]) == (4, "belta", TITLE)

    with open_warehouse(db, read_only=True) as wh:
        # The fixture source's UN press release on trafficking is another story.
        other = wh.query("SELECT DISTINCT story_id FROM articles WHERE source = 'fixture' "
                         "AND body ILIKE '%trafficking%'").rows
        # The short notice, carried by two sites word for word, stays two stories.
        short = wh.query("SELECT count(*), count(DISTINCT story_id) FROM articles "
                         "WHERE url LIKE '%holiday-notice%'").rows
    assert other and story["story_id"] not in {r[0] for r in other}
    assert short == [(2, 2)]

    # The HTML report lists the story among those carried by the most sources.
    report = tmp_path / "report.html"
    assert cli("report", "--db", str(db), "--out", str(report)).returncode == 0
    html = report.read_text(encoding="utf-8")
    section = html.split("<h2>Stories carried by the most sources</h2>")[1].split("<h2>")[0]
    assert TITLE in section and "azernews, belta, menafn, mfa_mission" in section
