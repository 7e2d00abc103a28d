"""Review k37: a manual trigger through Prefect with parameters the CLI would refuse.

``prefect deployment run 'ingest/belta' -p parse_workers=0`` (or 500, or
``-p lock_timeout=-1``) reached the pipeline as given: 0 parsed pages in a thread of
the run (no parse timeout, no crash isolation: README "A dying parser costs no page"),
500 started up to 500 parser processes, and a negative lock timeout was taken as it
came (``Infinity`` is refused by Prefect's own schema: JSON has no such number). The
flow now checks them as the CLI and the sources file do: the run fails in one line
naming the parameter, nothing fetched, and ``serve`` goes on.
Slow: a real Prefect server starts (about a minute).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.test_retry_schedule import rows
from tests.serve_run import belta_articles, serving_belta
from tests.site import manifest as m

BAD = (
    ("parse_workers=0", "parse_workers"),
    ("parse_workers=65", "parse_workers"),
    ("lock_timeout=-1", "lock_timeout"),
)


@pytest.mark.slow
def test_a_trigger_with_parameters_the_cli_refuses_fails_in_one_line(tmp_path: Path) -> None:
    with serving_belta(tmp_path) as (serve, _sources, db):
        serve.wait_for_api()
        serve.wait_for("ingest/belta")
        for param, name in BAD:
            run = serve.trigger("ingest/belta", param)
            out = run.stdout + run.stderr
            assert run.returncode != 0 and "Failed" in out, (param, out)
            error = serve.wait_for("Finished in state Failed(")
            assert "ConfigError" in error and name in error, (param, error)
        assert "Traceback" not in "".join(serve.seen)
        good = serve.trigger("ingest/belta", "parse_workers=1", "lock_timeout=5")
        assert good.returncode == 0, good.stdout + good.stderr
    assert serve.proc.returncode == 0
    assert belta_articles(db) == len(m.storable("belta"))
    # the refused triggers ran nothing
    assert rows(db, "SELECT count(DISTINCT run_id) FROM runs") == [(1,)]
