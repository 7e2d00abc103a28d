"""A digest page glues no releases, whichever is ingested first (review of issue 16).

Real ingests (``pressroom ingest`` subprocesses) of a loopback site. A "News in
brief" page printing the first paragraphs of a release and a police statement
in full, ingested in a run before the two releases, was their story's first
copy: each release, contained in it, joined it, and ``pressroom stories``
showed one story of three sources.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from tests.analyst.conftest import CliRunner
from tests.site import PressSite
from tests.warehouse.storytext import DATELINE, SAME_TOPIC, TITLE, seed_paragraphs

POLICE = "Police welcome UN resolution"


def _pages() -> dict[str, tuple[str, list[str], str]]:
    """source -> (title, paragraphs, published)."""
    release = seed_paragraphs()[:3]
    police = SAME_TOPIC.split("\n\n")
    return {
        "digest": ("News in brief", [*release, *police], "2019-11-15T10:00:00+00:00"),
        "ministry": (TITLE, release, "2019-11-16T10:00:00+00:00"),
        "mvd": (POLICE, police, "2019-11-17T10:00:00+00:00"),
        # A trimmed copy of the release: its own dateline, the last paragraph cut.
        "azernews": (TITLE.upper(), ["Baku, November 16 (AzerNews) - "
                                     + release[0].removeprefix(DATELINE), release[1],
                                     "Source: BelTA"], "2019-11-16T12:00:00+00:00"),
    }


def _install(site: PressSite) -> None:
    base = site.url.rstrip("/")
    for source, (title, paras, published) in _pages().items():
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
        path = f"/{source}/news/item.html"
        site.set_page(path, f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} | {source}</title>
<meta property="article:published_time" content="{published}"></head><body>
<header><nav><a href="/{source}/">{source}</a></nav></header>
<main><article><h1>{html.escape(title)}</h1><time datetime="{published}">{published[:10]}</time>
<div class="article-body">{body}</div></article></main>
<footer><p>(c) {source}</p></footer></body></html>""".encode())
        site.set_page(f"/{source}/rss.xml", (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{source}</title><link>{base}/{source}/</link><item>"
            f"<title>{html.escape(title)}</title><link>{base}{path}</link></item>"
            "</channel></rss>").encode(), "application/rss+xml; charset=utf-8")


def _toml(site: PressSite, names: list[str]) -> str:
    base = site.url.rstrip("/")
    return "\n".join(
        f'[[source]]\nname = "{n}"\nfeeds = ["{base}/{n}/rss.xml"]\ntimezone = "UTC"\n'
        "allow_private_network = true\nmin_delay = 0.0\ntimeout = 5.0\n" for n in names)


@pytest.mark.parametrize("digest_first", [True, False])
def test_a_digest_glues_no_releases_whichever_is_ingested_first(
    press_site: PressSite, tmp_path: Path, cli: CliRunner, digest_first: bool
) -> None:
    _install(press_site)
    releases = ["ministry", "mvd", "azernews"]
    db = tmp_path / "pressroom.duckdb"
    for n, names in enumerate([["digest"], releases] if digest_first else [releases, ["digest"]]):
        toml = tmp_path / f"sources{n}.toml"
        toml.write_text(_toml(press_site, names), encoding="utf-8")
        ingest = cli("ingest", "--no-prefect", "--sources", str(toml), "--db", str(db))
        assert ingest.returncode == 0, ingest.stderr

    listed = cli("stories", "--db", str(db), "--format", "json")
    assert listed.returncode == 0, listed.stderr
    stories = [set(s["sources"]) for s in json.loads(listed.stdout)]
    assert sorted(n for s in stories for n in s) == sorted(_pages())  # each page ingested once
    # The release and the police statement are two stories; the trimmed copy is
    # in the release's. Stored first, the digest is with the release it opens with.
    assert not any({"ministry", "mvd"} <= s for s in stories), stories
    assert any({"ministry", "azernews"} <= s for s in stories), stories
    if digest_first:
        assert {"digest", "ministry", "azernews"} in stories, stories

    rebuilt = cli("stories", "--db", str(db), "--format", "json", "--rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert json.loads(rebuilt.stdout) == json.loads(listed.stdout)
