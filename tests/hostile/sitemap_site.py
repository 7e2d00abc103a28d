"""A sitemap index of numbered children on a loopback :class:`Site`, and runs of it.

Shared by the sitemap-index tests (bounds, undated children, turns): the index at
:data:`INDEX` lists ``/sm/child-0.xml`` first (oldest first, as many sites list them),
and each child lists two articles, ``/a/{k}-1`` and ``/a/{k}-2``, plus any extra.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from flows.config import load_sources
from flows.ingest import run_sources
from tests.hostile.site import Site, article_html, loopback_sources

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
INDEX = "/sm/index.xml"


def child_path(k: int) -> str:
    """The path of the ``k``-th child sitemap."""
    return f"/sm/child-{k}.xml"


def _lastmod(stamp: str | None) -> str:
    return "" if stamp is None else f"<lastmod>{stamp}</lastmod>"


def serve_index(site: Site, children: int, *,
                child_lastmod: Callable[[int], str | None] = lambda _k: None,
                url_lastmod: Callable[[int], str | None] = lambda _k: None,
                extra: Mapping[int, Sequence[str]] | None = None,
                gone: Mapping[int, int] | None = None, etags: bool = False,
                per_child: int = 2, listed: Sequence[int] | None = None) -> None:
    """Serve the index and its ``children``, each listing its two articles (with
    ``url_lastmod(k)``) and ``extra[k]``; every article is served. ``child_lastmod(k)``:
    the child's <lastmod> in the index (None: none). ``gone``: children answering that
    status (404, 410, 503) instead. ``etags``: the index and children are served with an
    ETag (their bytes' hash), so a request naming it back gets a 304. ``per_child``:
    articles each child lists (``/a/{k}-1`` ...); ``listed``: which children the index
    names, in that order (default all, in order)."""
    extra, gone = extra or {}, gone or {}
    rows = []
    for k in range(children) if listed is None else listed:
        rows.append(f"<sitemap><loc>{site.url}{child_path(k)}</loc>"
                    f"{_lastmod(child_lastmod(k))}</sitemap>")
        names = [*(f"{k}-{j}" for j in range(1, per_child + 1)), *extra.get(k, [])]
        urls = "".join(f"<url><loc>{site.url}/a/{n}</loc>{_lastmod(url_lastmod(k))}</url>"
                       for n in names)
        if k in gone:
            site.set(child_path(k), "gone", "text/plain", status=gone[k])
        else:
            _xml(site, child_path(k), f'<urlset xmlns="{NS}">{urls}</urlset>', etags)
        for n in names:
            site.set(f"/a/{n}", article_html(f"Story {n}"))
    _xml(site, INDEX, f'<sitemapindex xmlns="{NS}">' + "".join(rows) + "</sitemapindex>",
         etags)


def _xml(site: Site, path: str, body: str, etag: bool) -> None:
    tag = f'"{hashlib.sha256(body.encode()).hexdigest()[:16]}"'
    site.set(path, body, "application/xml", headers={"ETag": tag} if etag else None)


def run_index(site: Site, tmp_path: Path, name: str = "plain", extra: str = "",
              status: str = "ok", indexes: Sequence[str] = (INDEX,),
              failed: list[str] | None = None) -> list[str]:
    """One run of a source whose feeds are the ``indexes`` (``extra``: more source keys)
    on ``tmp_path/x.duckdb``; asserts the source's ``status``; returns its progress lines
    (``failed`` gets the run's failure lines, ``url: message``)."""
    toml = loopback_sources(tmp_path / "s.toml", name, [f"{site.url}{p}" for p in indexes],
                            extra=extra)
    said: list[str] = []
    _, reports = asyncio.run(run_sources(load_sources(toml), tmp_path / "x.duckdb",
                                         as_tasks=False, progress=said.append))
    assert [r.status for r in reports] == [status], (reports, said)
    if failed is not None:
        failed.extend(f"{f.url}: {f.message}" for r in reports for f in r.failures)
    return said


def children_asked(site: Site) -> set[int]:
    """Which children were requested since ``site.hits`` was last cleared."""
    return {int(path.removeprefix("/sm/child-").removesuffix(".xml"))
            for path in site.hits if path.startswith("/sm/child-")}
