"""c55 (u55's leftover): ``sources check`` shows what a run would ingest, and a run never
fetches a URL robots.txt disallows. It listed such a URL (the fixture site's private page)
as a candidate article all the same. Now it is left out, and one stderr line counts it.
Real CLI subprocess, loopback press site; nothing written.
"""

from __future__ import annotations

from pathlib import Path

from tests.cli_run import run_cli
from tests.site import PressSite
from tests.site.articles import SPECIAL
from tests.site.sources import write_sources_toml


def test_a_url_robots_disallows_is_no_candidate(tmp_path: Path) -> None:
    with PressSite() as site:
        sources = write_sources_toml(site, tmp_path / "s.toml", names=("fixture",))
        done = run_cli("sources", "check", "fixture", "--sources", str(sources), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert SPECIAL.private not in done.stdout, done.stdout
    assert "fixture: 1 URL(s) left out: robots.txt disallows them" in done.stderr, done.stderr
    assert "candidate article(s)" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stdout.splitlines()) > 1, done.stdout  # the others are still listed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.toml"]
