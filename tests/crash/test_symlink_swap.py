"""A symbolic link to the warehouse swapped while a run given it is under way (k37b).

A run resolves the link once, when it starts: its source locks and spool are the file's
the link named then (ops37), and so must be every session it opens. Before k37b each
session opened the link again, so a link swapped mid-run (a deploy pointing
``current.duckdb`` at a new file) sent the rest of the run's batches into the new file,
whose source locks the run did not hold: a run given the new file's own name could
write the same source beside it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.crash.bulk_site import BulkSite
from tests.crash.campaign import ingest_cmd
from tests.crash.test_lock import stored
from warehouse import open_warehouse

ARTICLES = 12
ENV = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


def test_a_link_swapped_mid_run_leaves_the_run_in_the_file_it_started_with(
    tmp_path: Path,
) -> None:
    old, new = tmp_path / "old.duckdb", tmp_path / "new.duckdb"
    open_warehouse(old).close()
    open_warehouse(new).close()
    link = tmp_path / "current.duckdb"
    link.symlink_to(old.name)
    with BulkSite(ARTICLES, gate_after=0) as site:  # every article held until the swap
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        run = subprocess.Popen(ingest_cmd(sources, link), env=ENV, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
        try:
            # The run holds the source and fetches: swap the link now.
            assert site.wait_started(1, timeout=120)
            swapped = tmp_path / "swap.duckdb"
            swapped.symlink_to(new.name)
            swapped.replace(link)
            site.open_gate()
            _out, err = run.communicate(timeout=180)
        finally:
            if run.poll() is None:
                run.kill()
                run.wait()
    assert run.returncode == 0, err
    assert "Traceback" not in err, err
    assert stored(old) == (ARTICLES, ARTICLES)
    assert stored(new) == (0, 0)


def test_a_warehouse_that_is_no_file_is_one_error_line(tmp_path: Path) -> None:
    # A named pipe given as the warehouse, or a link to one: DuckDB's open waited for a
    # writer for ever (status and ingest hung, no word); a folder or /dev/null failed
    # inside DuckDB ("Could not fsync file"). Fails without real_file's check: a timeout.
    fifo = tmp_path / "pipe.duckdb"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.duckdb"
    folder.mkdir()
    links = []
    for target in (fifo, folder, Path(os.devnull)):
        link = tmp_path / f"to-{target.name}"
        link.symlink_to(target)
        links.append(link)
    sources = tmp_path / "none.toml"
    sources.write_text('[[source]]\nname = "x"\nfeeds = ["http://127.0.0.1:9/feed"]\n',
                       encoding="utf-8")
    for db in (fifo, folder, *links):
        for args in (["ingest", "--no-prefect", "--sources", str(sources), "--db", str(db)],
                     ["status", "--db", str(db)]):
            done = subprocess.run([sys.executable, "-m", "pressroom", *args], env=ENV,
                                  capture_output=True, text=True, timeout=60, check=False)
            assert done.returncode == 1, (args, done.stderr)
            assert done.stderr.count("\n") == 1, (args, done.stderr)
            assert "is not a file" in done.stderr, (args, done.stderr)
