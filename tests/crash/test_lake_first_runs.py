"""Two first runs started at once on a brand-new lake both succeed.

Both create the lake's catalog tables in PostgreSQL and then its schema at the
same moment: the loser of either race waits for the winner's commit and goes
on (warehouse/lake.py, warehouse/lake_schema.py). Real parts: two
``pressroom ingest --no-prefect`` processes released together once imported,
two loopback press sites, a DuckLake catalog on a throwaway PostgreSQL.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.crash.bulk_site import BulkSite
from tests.lakepg import running_postgres
from warehouse.lake import parse_target
from warehouse.lake_read import connect_read_only
from warehouse.schema import load_migrations

ARTICLES = 20
# The CLI's own entry point, started by each process once Python and the CLI are
# imported and a shared start time is reached: the two attaches overlap.
RELEASE = ("import sys, time; from pressroom.cli import main; start = float(sys.argv[1]); "
           "time.sleep(max(start - time.time(), 0)); sys.exit(main(sys.argv[2:]))")


def test_two_first_runs_at_once_on_a_new_lake_both_succeed(tmp_path: Path) -> None:
    env = {**os.environ, "PRESSROOM_STATE_DIR": str(tmp_path / "state"),
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    data = str(tmp_path / "lake-data")
    with running_postgres() as pg, BulkSite(ARTICLES) as north, BulkSite(ARTICLES) as south:
        lake = pg.new_catalog()
        files = []
        for name, site in (("north", north), ("south", south)):
            path = tmp_path / f"{name}.toml"
            path.write_text(site.sources_toml(name), encoding="utf-8")
            files.append(path)
        start = time.time() + 8.0  # both processes are imported by then, even on a busy machine
        procs = [subprocess.Popen(
            [sys.executable, "-c", RELEASE, repr(start), "ingest", "--no-prefect",
             "--sources", str(f), "--db", lake, "--data-path", data],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for f in files]
        outs = [p.communicate(timeout=300) for p in procs]
        for proc, (_out, err) in zip(procs, outs, strict=True):
            assert proc.returncode == 0, err[-3000:]
            assert "Traceback" not in err, err[-3000:]
        con = connect_read_only(parse_target(lake, data))
        try:
            stored = con.execute("SELECT source, count(*), count(DISTINCT url) FROM articles "
                                 "GROUP BY ALL ORDER BY ALL").fetchall()
            versions = con.execute("SELECT version, count(*) FROM schema_migrations "
                                   "GROUP BY ALL ORDER BY ALL").fetchall()
            runs = con.execute("SELECT status, count(*) FROM runs GROUP BY ALL").fetchall()
        finally:
            con.close()
    assert stored == [("north", ARTICLES, ARTICLES), ("south", ARTICLES, ARTICLES)]
    assert versions == [(m.version, 1) for m in load_migrations()]
    assert runs == [("ok", 2)]
