"""``pressroom serve``: starts its own Prefect server, serves deployments, stops cleanly.

This is the slowest test (a real Prefect server starts): about a minute.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.serve_run import belta_articles, serving_belta
from tests.site import manifest as m


@pytest.mark.slow
def test_serve_starts_server_and_runs_a_triggered_deployment(tmp_path: Path) -> None:
    with serving_belta(tmp_path) as (serve, _sources, db):
        serve.wait_for("started a local Prefect server at")
        # The trigger below uses exactly what serve tells the user to export.
        api = serve.wait_for_api()
        serve.wait_for("ingest/belta")
        run = serve.trigger("ingest/belta")
        assert run.returncode == 0, run.stdout + run.stderr
        assert "Completed" in run.stdout + run.stderr
    assert serve.proc.returncode == 0
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{api}/health", timeout=2.0)  # the server it started is gone
    assert belta_articles(db) == len(m.storable("belta"))


@pytest.mark.slow
def test_a_sources_file_edited_while_serve_runs_is_read_at_each_run(tmp_path: Path) -> None:
    """Review r24: each run reads the sources file again; a broken edit fails that run
    with one line naming the file, serve keeps serving, and the next run after the
    file is mended stores the articles."""
    with serving_belta(tmp_path) as (serve, sources, db):
        good = sources.read_text(encoding="utf-8")
        serve.wait_for_api()
        serve.wait_for("ingest/belta")
        sources.write_text(good[: len(good) // 2], encoding="utf-8")  # a save cut short
        broken = serve.trigger("ingest/belta")
        assert broken.returncode != 0, broken.stdout + broken.stderr
        assert "Failed" in broken.stdout + broken.stderr
        error = serve.wait_for("ConfigError")
        assert "is not valid TOML" in error and str(sources) in error, error
        assert "Traceback" not in "".join(serve.seen)
        sources.write_text(good, encoding="utf-8")
        mended = serve.trigger("ingest/belta")
        assert mended.returncode == 0, mended.stdout + mended.stderr
        assert "Completed" in mended.stdout + mended.stderr
    assert serve.proc.returncode == 0
    assert belta_articles(db) == len(m.storable("belta"))
