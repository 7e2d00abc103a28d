"""More paths by which one source's validators reached another (v53, after r52b's find).

``http_cache`` was one row per URL; a source's run saves a feed's validators only when
everything behind it was handled, reads its own stored copy after a 304, keeps its own
articles and takes its child sitemaps in turn by when it asked them. Each path below
took another source's row for its own: a run cut by the cap (its validators not saved)
was answered 304 on the other's; a child asked by the other every run never had its
turn; an edited article was answered 304 on the other's newer ETag; a source removed
and added back got the newest ETag of the others. Real loopback site, real DuckDB file,
real CLI subprocesses (``ingest --source``).
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from tests.cli_run import run_cli
from tests.hostile.site import Site, article_html
from tests.hostile.test_shared_feed_validators_v52 import _MANNERS, NS, _rss


def _urlset(urls: list[tuple[str, str | None]]) -> str:
    return f'<urlset xmlns="{NS}">' + "".join(
        f"<url><loc>{u}</loc>{f'<lastmod>{m}</lastmod>' if m else ''}</url>"
        for u, m in urls) + "</urlset>"


def _sources(path: Path, feeds: dict[str, list[str]], extra: dict[str, str] | None = None,
             ) -> Path:
    path.write_text("".join(
        f'[[source]]\nname = "{name}"\nfeeds = {urls!r}\n{_MANNERS}{(extra or {}).get(name, "")}\n'
        .replace("'", '"') for name, urls in feeds.items()), encoding="utf-8")
    return path


def _stored(db: Path, sql: str = "SELECT source, title FROM articles") -> list[tuple[str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute(sql).fetchall())
    finally:
        con.close()


def _ok(runs: list[subprocess.CompletedProcess[str]]) -> None:
    for run in runs:
        assert run.returncode == 0, run.stdout + run.stderr
        assert "Traceback" not in run.stderr


def test_a_run_cut_by_the_cap_reads_the_shared_feed_again_in_full(tmp_path: Path) -> None:
    """beta's cap leaves an article for later, so its run saves no validators; alpha's,
    complete, does. Asked with alpha's, beta got a 304: the article left for later was
    never fetched for beta (a single source reads the feed in full next run)."""
    db = tmp_path / "w.duckdb"
    with Site() as site:
        one, two = f"{site.url}/a/one", f"{site.url}/a/two"
        site.set("/a/one", article_html("Release one"))
        site.set("/a/two", article_html("Release two"))
        site.set("/feed.xml", _rss([one, two]), "application/rss+xml", headers={"ETag": '"v1"'})
        feed = f"{site.url}/feed.xml"
        sources = _sources(tmp_path / "s.toml", {"alpha": [feed], "beta": [feed]},
                           {"beta": "max_articles = 1\n"})
        base = ("ingest", "--no-prefect", "--sources", str(sources), "--db", str(db))
        runs = [run_cli(*base, "--source", "alpha"),  # both articles, validators saved
                run_cli(*base, "--source", "beta"),   # one article, one left for later
                run_cli(*base, "--source", "beta"),   # the later one
                run_cli(*base, "--source", "beta")]
    _ok(runs)
    assert _stored(db) == [("alpha", "Release one"), ("alpha", "Release two"),
                           ("beta", "Release one"), ("beta", "Release two")], runs[2].stdout


def test_a_child_another_source_asks_every_run_still_has_its_turn(tmp_path: Path) -> None:
    """beta's index lists two undated children and reads one a run (the cap): least
    recently asked first. alpha's index lists the second and asks it every run: taken
    for beta's ask, it was always the most recent, and beta read the first each run."""
    db = tmp_path / "w.duckdb"
    with Site() as site:
        first, second = f"{site.url}/a/first", f"{site.url}/a/second"
        site.set("/a/first", article_html("First release"))
        site.set("/a/second", article_html("Second release"))
        site.set("/sm/c1.xml", _urlset([(first, None)]), "application/xml",
                 headers={"ETag": '"c1"'})
        site.set("/sm/c2.xml", _urlset([(second, None)]), "application/xml",
                 headers={"ETag": '"c2"'})
        for name, children in (("alpha", ["c2"]), ("beta", ["c1", "c2"])):
            site.set(f"/sm/{name}-index.xml", f'<sitemapindex xmlns="{NS}">' + "".join(
                f"<sitemap><loc>{site.url}/sm/{c}.xml</loc></sitemap>" for c in children)
                + "</sitemapindex>", "application/xml", headers={"ETag": f'"{name}"'})
        sources = _sources(tmp_path / "s.toml",
                           {n: [f"{site.url}/sm/{n}-index.xml"] for n in ("alpha", "beta")},
                           {"beta": "max_child_sitemaps = 1\n"})
        base = ("ingest", "--no-prefect", "--sources", str(sources), "--db", str(db))
        runs: list[subprocess.CompletedProcess[str]] = []
        for name in ("beta", "alpha", "beta", "alpha", "beta"):
            runs.append(run_cli(*base, "--source", name))
    _ok(runs)
    assert ("beta", "Second release") in _stored(db), [r.stdout for r in runs]


def test_an_edited_article_both_sources_list_is_stored_edited_for_each(tmp_path: Path) -> None:
    """The sitemap dates an edit: each source fetches the article again. alpha first, so
    the row held its new ETag, beta was asked with it, got a 304 and kept the old text."""
    db = tmp_path / "w.duckdb"
    with Site() as site:
        page = f"{site.url}/a/story"
        site.set("/a/story", article_html("Original story"), headers={"ETag": '"s1"'})
        site.set("/sitemap.xml", _urlset([(page, "2026-11-30T10:00:00Z")]), "application/xml")
        feed = f"{site.url}/sitemap.xml"
        sources = _sources(tmp_path / "s.toml", {"alpha": [feed], "beta": [feed]})
        base = ("ingest", "--no-prefect", "--sources", str(sources), "--db", str(db))
        runs = [run_cli(*base)]
        edited = (datetime.now(UTC) + timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
        site.set("/a/story", article_html("Edited story"), headers={"ETag": '"s2"'})
        site.set("/sitemap.xml", _urlset([(page, edited)]), "application/xml")
        runs += [run_cli(*base, "--source", "alpha"), run_cli(*base, "--source", "beta")]
        conditional = site.conditional["/a/story"]
    _ok(runs)
    latest = _stored(db, "SELECT source, title FROM articles")
    assert latest == [("alpha", "Edited story"), ("beta", "Edited story")], \
        (latest, conditional, runs[2].stdout)


def test_three_sources_one_removed_and_added_back_miss_nothing(tmp_path: Path) -> None:
    """gamma leaves the file while the feed gains an item and alpha and beta read it;
    added back, it was asked with their newest ETag and read its own older copy."""
    db = tmp_path / "w.duckdb"
    names = ("alpha", "beta", "gamma")
    with Site() as site:
        urls = [f"{site.url}/a/{i}" for i in range(3)]
        for i in range(3):
            site.set(f"/a/{i}", article_html(f"Release {i}"))
        feed = f"{site.url}/feed.xml"
        site.set("/feed.xml", _rss(urls[:1]), "application/rss+xml", headers={"ETag": '"v1"'})
        every = _sources(tmp_path / "all.toml", {n: [feed] for n in names})
        two = _sources(tmp_path / "two.toml", {n: [feed] for n in names[:2]})
        runs = [run_cli("ingest", "--no-prefect", "--sources", str(every), "--db", str(db))]
        site.set("/feed.xml", _rss(urls[:2]), "application/rss+xml", headers={"ETag": '"v2"'})
        runs.append(run_cli("ingest", "--no-prefect", "--sources", str(two), "--db", str(db)))
        site.set("/feed.xml", _rss(urls), "application/rss+xml", headers={"ETag": '"v3"'})
        runs.append(run_cli("ingest", "--no-prefect", "--sources", str(two), "--db", str(db),
                            "--source", "alpha"))
        runs.append(run_cli("ingest", "--no-prefect", "--sources", str(every), "--db", str(db),
                            "--source", "gamma"))
        runs.append(run_cli("ingest", "--no-prefect", "--sources", str(every), "--db", str(db)))
        conditional = site.conditional["/feed.xml"]
    _ok(runs)
    assert _stored(db) == sorted((n, f"Release {i}") for n in names for i in range(3)), \
        conditional
    # Conditional GETs go on where a source's own row holds: beta's second read, the
    # last run's three.
    assert conditional >= 4, conditional


def test_a_feed_moved_to_a_url_another_source_lists(tmp_path: Path) -> None:
    """alpha lists the old URL, now a redirect to the one beta lists; the feed gains an
    item between beta's read and alpha's. Each source has what the feed listed. A guard:
    holds on 648b78e (v53)."""
    db = tmp_path / "w.duckdb"
    with Site() as site:
        first, added = f"{site.url}/a/first", f"{site.url}/a/added"
        site.set("/a/first", article_html("First release"))
        site.set("/a/added", article_html("Added release"))
        site.set("/new.xml", _rss([first]), "application/rss+xml", headers={"ETag": '"v1"'})
        site.set("/old.xml", _rss([first]), "application/rss+xml", headers={"ETag": '"o1"'})
        sources = _sources(tmp_path / "s.toml", {"alpha": [f"{site.url}/old.xml"],
                                                 "beta": [f"{site.url}/new.xml"]})
        base = ("ingest", "--no-prefect", "--sources", str(sources), "--db", str(db))
        runs = [run_cli(*base)]
        site.set("/old.xml", "", status=301, headers={"Location": f"{site.url}/new.xml"})
        site.set("/new.xml", _rss([first, added]), "application/rss+xml",
                 headers={"ETag": '"v2"'})
        runs += [run_cli(*base, "--source", "beta"), run_cli(*base, "--source", "alpha")]
        # alpha follows the move: its file now lists the new URL, beta's row is not its own.
        moved = _sources(tmp_path / "moved.toml", {"alpha": [f"{site.url}/new.xml"],
                                                   "beta": [f"{site.url}/new.xml"]})
        added_late = f"{site.url}/a/late"
        site.set("/a/late", article_html("Late release"))
        site.set("/new.xml", _rss([first, added, added_late]), "application/rss+xml",
                 headers={"ETag": '"v3"'})
        runs += [run_cli("ingest", "--no-prefect", "--sources", str(moved), "--db", str(db),
                         "--source", "beta"),
                 run_cli("ingest", "--no-prefect", "--sources", str(moved), "--db", str(db),
                         "--source", "alpha")]
    _ok(runs)
    assert _stored(db) == sorted((n, t) for n in ("alpha", "beta")
                                 for t in ("Added release", "First release", "Late release"))
