"""A scheduled ingest turned away by a backfill holding its source: one line naming
both, exit 4 (README "Exit codes"), a Prefect run named 'Skipped', `pressroom status`
naming the backfill while it runs; the next run after the backfill stores what was
published meanwhile."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import duckdb
import pytest

from tests.crash.bulk_site import BulkSite
from tests.crash.campaign import ingest_cmd
from tests.crash.test_lock import stored

ARTICLES = 12
HELD_AFTER = 3  # article responses the backfill gets before the site holds the rest


def _env() -> dict[str, str]:
    return {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


@contextmanager
def run_holding(site: BulkSite, cmd: list[str]) -> Iterator[None]:
    """A real run (``cmd``) in another process, stuck mid-fetch behind the site's gate
    until the block ends, holding its source; then it must finish cleanly."""
    run = subprocess.Popen(cmd, env=_env(), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    try:
        assert site.wait_served(HELD_AFTER)
        yield
    finally:
        site.open_gate()
        _out, err = run.communicate(timeout=120)
    assert run.returncode == 0, err


def _backfill_holding(site: BulkSite, sources: Path, db: Path) -> AbstractContextManager[None]:
    """A real backfill holding the bulk source (``run_holding``)."""
    return run_holding(site, [
        sys.executable, "-m", "pressroom", "backfill", "--no-prefect", "--sources",
        str(sources), "--db", str(db), "--source", "bulk", "--since", "2020-01-01"])


def _status(db: Path) -> str:
    proc = subprocess.run([sys.executable, "-m", "pressroom", "status", "--db", str(db),
                           "--verbose"], env=_env(), capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.slow
def test_an_ingest_a_backfill_holds_says_so_exits_4_and_the_next_run_catches_up(
        tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    with BulkSite(ARTICLES, gate_after=HELD_AFTER) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(timeout=100.0), encoding="utf-8")
        with _backfill_holding(site, sources, db):
            held = subprocess.run(ingest_cmd(sources, db), env=_env(), capture_output=True,
                                  text=True, timeout=120, check=False)
            during = _status(db)
        site.grow(3)  # published while the backfill held the source
        after = subprocess.run(ingest_cmd(sources, db), env=_env(), capture_output=True,
                               text=True, timeout=120, check=False)
        ended = _status(db)
    assert held.returncode == 4, held.stderr
    lines = [line for line in held.stderr.splitlines() if "bulk" in line]
    assert len(lines) == 1, held.stderr
    assert re.fullmatch(r"pressroom: warning: source bulk skipped: a backfill of bulk holds it "
                        r"\(pid \d+\); nothing fetched, the next run after the backfill "
                        r"catches up", lines[0]), lines
    assert "Traceback" not in held.stderr
    assert re.search(r"^bulk: a backfill holds it \(pid \d+\): scheduled runs skip it "
                     r"\(exit 4\) until it ends$", during, re.MULTILINE), during
    assert after.returncode == 0, after.stderr
    assert "backfill" not in ended, ended
    assert stored(db) == (ARTICLES + 3, ARTICLES + 3)


@pytest.mark.slow
def test_the_flow_run_a_backfill_holds_is_completed_and_named_skipped(
        tmp_path: Path, prefect_api: str) -> None:
    from flows.ingest import ingest_flow

    db = tmp_path / "held.duckdb"
    with BulkSite(ARTICLES, gate_after=HELD_AFTER) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(timeout=100.0), encoding="utf-8")
        with _backfill_holding(site, sources, db):
            state = asyncio.run(ingest_flow(str(sources), str(db), return_state=True))
    assert state.is_completed()
    assert state.name == "Skipped"
    assert state.message is not None and "a backfill of bulk holds it" in state.message
    assert stored(db) == (ARTICLES, ARTICLES)  # the backfill's, once each
    con = duckdb.connect(str(db), read_only=True)  # the flow's run is a 'held' row (013)
    try:
        assert con.execute("SELECT kind, status FROM runs ORDER BY started_at").fetchall() == [
            ("backfill", "ok"), ("ingest", "held")]
    finally:
        con.close()
