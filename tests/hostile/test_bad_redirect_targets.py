"""A redirect to a URL that cannot be parsed fails that URL, never the run (k49a).

README, "Errors are one line and a non-zero exit" and "redirects stay on the source's
hosts": a hostile or broken site answering ``302 Location: http://HOST:99999/x`` (a port
over 65535, on the source's own host) raised ``ValueError: Port out of range`` out of the
fetcher's origin check: a traceback that ended the whole run, every other source's work
with it. Now the target is refused as any bad target is (``BlockedURL``), the run goes on,
and the other articles and sources are stored. A real CLI subprocess, a loopback site, a
real DuckDB file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb

from tests.hostile.site import Site, article_html

BAD_TARGETS = {  # path -> its Location
    "/a/port": "http://127.0.0.1:99999/x",
    "/a/port-https": "https://127.0.0.1:70000/x",
    "/a/port-word": "http://127.0.0.1:http/x",
}


def test_a_redirect_to_a_bad_port_fails_that_url_only(tmp_path: Path) -> None:
    with Site() as site:
        site.set("/a/ok", article_html("Harbour works begin"))
        site.set("/b/ok", article_html("Bridge opens to traffic"))
        for path, target in BAD_TARGETS.items():
            site.set(path, "", status=302, headers={"Location": target})
        items = "".join(f"<item><link>{site.url}{p}</link></item>"
                        for p in ("/a/ok", *BAD_TARGETS))
        site.set("/rss-a", f"<rss version='2.0'><channel>{items}</channel></rss>",
                 "application/rss+xml")
        site.set("/rss-b", f"<rss version='2.0'><channel><item><link>{site.url}/b/ok</link>"
                 "</item></channel></rss>", "application/rss+xml")
        toml = tmp_path / "s.toml"
        toml.write_text("".join(
            f'[[source]]\nname = "{name}"\nfeeds = ["{site.url}/rss-{name}"]\n'
            "allow_private_network = true\nmin_delay = 0\ntimeout = 30\n"
            "respect_robots = false\n\n" for name in ("a", "b")), encoding="utf-8")
        db = tmp_path / "x.duckdb"
        done = subprocess.run(
            [sys.executable, "-m", "pressroom", "ingest", "--no-prefect", "--verbose",
             "--sources", str(toml), "--db", str(db)],
            capture_output=True, text=True, timeout=300,
            env={**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"})
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 3, done.stdout + done.stderr  # partial: those URLs failed
    for path in BAD_TARGETS:
        assert [line for line in done.stdout.splitlines()
                if line.startswith(f"a: {site.url}{path}: BlockedURL: ")], done.stdout
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = sorted(r[0] for r in con.execute("SELECT url FROM articles").fetchall())
    finally:
        con.close()
    assert stored == [f"{site.url}/a/ok", f"{site.url}/b/ok"]
