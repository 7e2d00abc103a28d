"""Why ``http_cache`` rows of a child dropped from its index, or of a source taken out of
(or renamed in) the sources file, are kept and not pruned (s54; s53 and v53 left them).

A row holds validators only; deleting one never hides an item (the URL is read in full,
as a new one is). But the warehouse cannot tell a removed source from a source of another
sources file writing the same warehouse (runs may name one source, ``--sources`` may
differ between runs, the ``sources`` table keeps every source ever run): a prune of the
sources "not in this file" would make the other file's sources read every feed in full
and archive it again on every run. A child's row is what lets it come back cheaply; its
rows are one per child URL ever named, against one per article each child lists.
Both tests are guards (they pass on main): they hold the rows' uses a prune would break.
Real CLI subprocesses, a loopback site with ETags and 304s, a real DuckDB file.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.cli_run import run_cli
from tests.hostile.site import Site, article_html, loopback_sources
from tests.hostile.sitemap_site import NS, child_path, serve_index


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _ingest(sources: Path, db: Path) -> str:
    run = run_cli("ingest", "--no-prefect", "--sources", str(sources), "--db", str(db))
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stdout + run.stderr
    return run.stdout


def _index(site: Site, listed: list[int]) -> None:
    site.set("/sm/index.xml", f'<sitemapindex xmlns="{NS}">' + "".join(
        f"<sitemap><loc>{site.url}{child_path(k)}</loc></sitemap>" for k in listed)
        + "</sitemapindex>", "application/xml", headers={"ETag": f'"i{listed}"'})


def test_a_child_dropped_and_put_back_misses_nothing(tmp_path: Path) -> None:
    """Children 0-2 with ETags. Child 1 is dropped from the index for two runs: never
    asked, its row kept. Put back unchanged, it costs a 304 (the kept row); then it
    gains an article while out again and, put back, is read in full and the article
    stored."""
    db, sources = tmp_path / "w.duckdb", tmp_path / "s.toml"
    with Site() as site:
        serve_index(site, 3, etags=True)
        loopback_sources(sources, "plain", [f"{site.url}/sm/index.xml"])
        _ingest(sources, db)
        _index(site, [0, 2])
        site.hits.clear()
        _ingest(sources, db)
        _ingest(sources, db)
        assert site.hits[child_path(1)] == 0, sorted(site.hits.items())
        kept = f"SELECT count(*) FROM http_cache WHERE url = '{site.url}{child_path(1)}'"
        assert _rows(db, kept) == [(1,)]
        _index(site, [0, 1, 2])  # back, unchanged: asked with its ETag, 304
        site.conditional.clear()
        _ingest(sources, db)
        assert site.hits[child_path(1)] == 1 and site.conditional[child_path(1)] == 1
        assert site.count("/a/") == 0, sorted(site.hits.items())  # no article again
        _index(site, [0, 2])
        serve_index(site, 3, etags=True, extra={1: ["1-3"]})  # changed while out
        _index(site, [0, 2])
        _ingest(sources, db)
        _index(site, [0, 1, 2])
        _ingest(sources, db)
        assert site.hits["/a/1-3"] == 1, sorted(site.hits.items())
    titles = {t for (t,) in _rows(db, "SELECT title FROM articles")}
    assert "Story 1-3" in titles and len(titles) == 7, titles


def test_another_sources_file_on_the_same_warehouse_keeps_its_rows(tmp_path: Path) -> None:
    """Two sources files write one warehouse: alpha's file, then beta's, then alpha's.
    alpha is not in beta's file, yet its next run asks its feed with its own ETag (304)
    and archives no second copy: its rows outlived beta's run (a prune of the sources
    not in the file would have cost it a full read and a copy every run)."""
    db = tmp_path / "w.duckdb"
    with Site() as site:
        for name in ("alpha", "beta"):
            site.set(f"/a/{name}", article_html(f"Story of {name}"))
            site.set(f"/{name}.xml", f'<urlset xmlns="{NS}"><url><loc>{site.url}/a/{name}'
                     "</loc></url></urlset>", "application/xml", headers={"ETag": '"v1"'})
        files = {name: loopback_sources(tmp_path / f"{name}.toml", name,
                                        [f"{site.url}/{name}.xml"])
                 for name in ("alpha", "beta")}
        _ingest(files["alpha"], db)
        _ingest(files["beta"], db)
        site.conditional.clear()
        _ingest(files["alpha"], db)
        assert site.hits["/alpha.xml"] == 2 and site.conditional["/alpha.xml"] == 1
    copies = "SELECT count(*) FROM pages WHERE url LIKE '%/alpha.xml'"
    assert _rows(db, copies) == [(1,)]
    assert _rows(db, "SELECT source, count(*) FROM http_cache GROUP BY 1 ORDER BY 1") == [
        ("alpha", 2), ("beta", 2)]
