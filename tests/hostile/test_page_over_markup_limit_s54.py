"""A page between the parser's markup limit and a source's raised ``max_bytes`` (s54,
d53's left): README says it is refused in one line, kept in the raw archive, "not asked
again", and read again by ``reparse``. d53's test holds the one line and reparse's
refusal under the same limit; this one holds the rest: the next runs do not fetch the
page again, and a ``reparse`` under a raised limit (a later release's, set here in the
reparse process alone) stores it, after which runs still do not fetch it. A guard (holds
on main). Real CLI subprocesses, a loopback site, a real DuckDB file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.hostile.site import Site
from tests.hostile.test_fetch_edge_f50 import ENV, _ingest, _rss, _source, _stored
from tests.hostile.test_page_size_limits_d53 import _long_page

# reparse with the parser's markup limit raised in its own process (the page is parsed
# in process by reparse, flows/reparse.py), as a release raising it would.
_RAISED = ("import sys, parsers.page_input as p; p.MAX_MARKUP_CHARS = 12_000_000; "
           "from pressroom.cli import main; sys.argv[0] = 'pressroom'; sys.exit(main())")


def test_a_page_over_the_limit_is_not_fetched_again_and_reparse_reads_it_raised(
        tmp_path: Path) -> None:
    with Site() as site:
        site.set("/a/huge", _long_page("A huge page", 10_500_000), "text/html")
        site.set("/rss", _rss(site, ["/a/huge"]), "application/rss+xml")
        toml = _source(site, ["/rss"], "max_bytes = 12000000")
        first, db = _ingest(tmp_path, toml)
        assert "ParseError: document too large" in first.stdout, first.stdout[-2000:]
        again, _ = _ingest(tmp_path, toml)
        assert site.hits["/a/huge"] == 1 and site.hits["/rss"] == 2, sorted(site.hits.items())
        assert again.returncode == 0 and "too large" not in again.stdout, again.stdout
        raised = subprocess.run(
            [sys.executable, "-c", _RAISED, "reparse", "--no-prefect", "--sources",
             str(tmp_path / "s.toml"), "--db", str(db)],
            capture_output=True, text=True, timeout=600, env=ENV)
        assert raised.returncode == 0 and "Traceback" not in raised.stderr, \
            raised.stdout + raised.stderr
        assert _stored(db) == {f"{site.url}/a/huge": "A huge page"}, raised.stdout
        third, _ = _ingest(tmp_path, toml)
        assert third.returncode == 0 and site.hits["/a/huge"] == 1, sorted(site.hits.items())
    assert _stored(db) == {f"{site.url}/a/huge": "A huge page"}
