"""Review k37: a clock set backwards between two runs (a host whose clock ran ahead,
then corrected by NTP; a VM restored from a snapshot).

The first run's rows then carry times later than the second run's. ``reparse`` took
each URL's newest page by ``fetched_at``, so it re-parsed the first run's copy and
stored its old text as a new version over the edit the second run had stored: the
``articles`` view went back to the text the site no longer serves.

Not fixed (k37, docs/BENCHMARKS.md): the archive has no order that survives both a
clock set back (``fetched_at`` lies) and a spooled batch merged after a later run
(write order lies); choosing one is the lead's call. Strict xfail: it fails the suite
the day reparse keeps the newest text, so the mark goes with the fix.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability.fault_server import FaultServer, ok
from tests.reliability.test_ingest_faults import page, rss
from warehouse.connection import connect

TIMEOUT = 300
LOADED = 60.0


def pressroom(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    return subprocess.run([sys.executable, "-m", "pressroom", *args], capture_output=True,
                          text=True, env=env, timeout=TIMEOUT, check=False)


@pytest.mark.xfail(strict=True, reason="k37: reparse orders a URL's pages by fetched_at, "
                   "which a clock set back reverses; needs a write order (lead's call)")
def test_reparse_after_the_clock_was_set_back_keeps_the_newest_text(tmp_path: Path) -> None:
    body = " ".join(f"word{i} of the ministry statement on the harbour works" for i in range(12))
    db = tmp_path / "pressroom.duckdb"
    toml = tmp_path / "sources.toml"
    with FaultServer() as srv:
        srv.route("/s.xml", ok(rss([srv.url_for("/r/a")]), "application/rss+xml"))
        srv.route("/r/a", ok(page("Harbour works", f"<p>{body} First draft.</p>")))
        toml.write_text(f'[[source]]\nname = "s"\nfeeds = ["{srv.url_for("/s.xml")}"]\n'
                        f"allow_private_network = true\nmin_delay = 0.0\ntimeout = {LOADED}\n"
                        "respect_robots = false\n", encoding="utf-8")
        first = pressroom("ingest", "--no-prefect", "--sources", str(toml), "--db", str(db))
        assert first.returncode == 0, first.stderr[-3000:]
        # The first run's clock was a day ahead: every time it stored is a day later
        # than the wall clock the next run reads.
        shift = pressroom("sql", "--write", "--db", str(db),
                          "UPDATE pages SET fetched_at = fetched_at + INTERVAL 1 DAY")
        assert shift.returncode == 0, shift.stderr
        srv.route("/r/a", ok(page("Harbour works", f"<p>{body} Final text.</p>")))
        second = pressroom("ingest", "--no-prefect", "--refresh", "--sources", str(toml),
                           "--db", str(db))
        assert second.returncode == 0, second.stderr[-3000:]
    con = connect(db, read_only=True)
    try:
        (before,) = con.execute("SELECT body FROM articles").fetchone()
    finally:
        con.close()
    assert before.endswith("Final text."), before
    again = pressroom("reparse", "--no-prefect", "--sources", str(toml), "--db", str(db))
    assert again.returncode == 0, again.stderr[-3000:]
    con = connect(db, read_only=True)
    try:
        (after,) = con.execute("SELECT body FROM articles").fetchone()
    finally:
        con.close()
    assert after.endswith("Final text."), after  # not the first run's copy again
