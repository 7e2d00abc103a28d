"""One check for the media tests' page sets (k52c, d53, k53s wrote it three times, r53).

``read``: path -> (Content-Type, bytes, title), each page stored as an article with that
title; ``refused``: path -> (Content-Type, bytes, what the line names), each refused as
``MediaTypeRefused`` in one report line saying what its bytes hold. One real CLI ingest
of them all through a feed on a loopback site, into a real DuckDB file.
"""

from __future__ import annotations

from pathlib import Path

from tests.hostile.site import Site
from tests.hostile.test_fetch_edge_f50 import _failed, _ingest, _rss, _source, _stored

Cases = dict[str, tuple[str, bytes, str]]


def check_read_and_refused(tmp_path: Path, read: Cases, refused: Cases) -> None:
    with Site() as site:
        for path, (ctype, body, _) in {**read, **refused}.items():
            site.set(path, body, ctype)
        site.set("/rss", _rss(site, [*read, *refused]), "application/rss+xml")
        done, db = _ingest(tmp_path, _source(site, ["/rss"]))
    assert done.returncode == (3 if refused else 0), done.stdout + done.stderr
    assert _stored(db) == {f"{site.url}{p}": title for p, (_, _, title) in read.items()}, (
        done.stdout)
    for path, (_, _, kind) in refused.items():
        assert _failed(done.stdout, site, path, "MediaTypeRefused"), done.stdout
        line = next(line for line in done.stdout.splitlines()
                    if line.startswith(f"a: {site.url}{path}: "))
        assert f"but its bytes hold {kind} (its header at byte " in line, line
