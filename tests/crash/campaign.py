"""SIGKILL campaigns against real ``pressroom ingest`` processes.

Used by ``tests/crash/test_kill.py`` and ``bench/crash.py``. Kills land at
chosen points: before any request (start-up, migrations), after k article
responses (mid-fetch, mid-parse, mid-write), or after a random wall-clock
wait measured by the process's own ``wait`` (no sleeping in the test).
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from tests.crash.bulk_site import BulkSite


@dataclass
class Figures:
    """What a campaign did and found."""

    kills: int = 0
    clean_exits: int = 0
    expected: int = 0
    stored: int = 0
    duplicates: int = 0
    lost: int = 0
    orphan_versions: int = 0
    states_without_version: int = 0
    crashed_runs: int = 0
    running_runs: int = 0
    kill_points: list[str] = field(default_factory=list)


GROW = 50


def ingest_cmd(sources: Path, db: Path) -> list[str]:
    """The command line of one ingest run (the same pipeline, without Prefect start-up)."""
    return [sys.executable, "-m", "pressroom", "ingest", "--no-prefect",
            "--sources", str(sources), "--db", str(db), "--lock-timeout", "30"]


def _kill(proc: subprocess.Popen[bytes]) -> bool:
    """SIGKILL ``proc``; True when it was still running (a real kill)."""
    if proc.poll() is not None:
        return False
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return True


def run_campaign(site: BulkSite, sources: Path, db: Path, kills: int, seed: int) -> Figures:
    """Kill ``kills`` ingest runs at varied points, then let one finish; audit the DB."""
    rng = random.Random(seed)
    figures = Figures()
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    attempts = 0
    while figures.kills < kills and attempts < kills * 4:
        attempts += 1
        mode = rng.choice(["startup", "served", "served", "clock"])
        before = site.served
        proc = subprocess.Popen(ingest_cmd(sources, db), env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if mode == "startup":
            point = rng.uniform(0.3, 2.5)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=point)
            label = f"t+{point:.1f}s"
        elif mode == "served":
            k = rng.randint(1, max(1, site.n // 3))
            # Wait for k article responses, unless the run ends first (nothing left to do).
            while not site.wait_served(before + k, timeout=0.2) and proc.poll() is None:
                pass
            label = f"after {k} articles"
        else:
            point = rng.uniform(2.5, 6.0)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=point)
            label = f"t+{point:.1f}s"
        if _kill(proc):
            figures.kills += 1
            figures.kill_points.append(label)
        else:
            figures.clean_exits += 1
            site.grow(GROW)  # a run finished everything: publish more work to kill into
    final = subprocess.run(ingest_cmd(sources, db), env=env, capture_output=True, text=True,
                           timeout=300, check=False)
    if final.returncode != 0:
        raise AssertionError(f"the run after the kills failed: {final.stderr[-2000:]}")
    figures.expected = site.n
    audit(db, site, figures)
    return figures


def audit(db: Path, site: BulkSite, figures: Figures) -> None:
    """Count what the warehouse holds against what the site serves."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        audit_connection(con, site, figures)
    finally:
        con.close()


def audit_connection(con: duckdb.DuckDBPyConnection, site: BulkSite, figures: Figures) -> None:
    """:func:`audit` on an open session whose default database is the warehouse."""
    def one(sql: str) -> int:
        row = con.execute(sql).fetchone()
        return int(row[0]) if row else 0

    urls = {row[0] for row in con.execute("SELECT url FROM articles").fetchall()}
    expected = {site.url + p for p in site.article_paths()}
    figures.stored = one("SELECT count(*) FROM articles")
    figures.duplicates = one(
        "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM article_versions "
        "GROUP BY article_id, content_hash)"
    ) + (figures.stored - len(urls))
    figures.lost = len(expected - urls)
    figures.orphan_versions = one(
        "SELECT count(*) FROM article_versions v "
        "WHERE NOT EXISTS (SELECT 1 FROM article_state s WHERE s.article_id = v.article_id)"
    )
    figures.states_without_version = one(
        "SELECT count(*) FROM article_state s WHERE NOT EXISTS (SELECT 1 FROM "
        "article_versions v WHERE v.article_id = s.article_id "
        "AND v.version = s.latest_version)"
    )
    figures.crashed_runs = one("SELECT count(*) FROM runs WHERE status = 'crashed'")
    figures.running_runs = one("SELECT count(*) FROM runs WHERE status = 'running'")
