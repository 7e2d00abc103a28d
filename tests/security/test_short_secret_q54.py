"""q54: a header secret too short to mask is refused before the run, in one line.

Pressroom masks every spelling of a secret header value in all it stores (flows/redact.py).
A one-character value (``t``) masked every ``t`` of every URL and message: fetch_log said
``h******p://127.0.0.1:N/robo***s.***x***``, and `status --retries` listed an article twice
(once masked) and lost its robots.txt exclusion. A value (or, for ``Bearer <token>``, its
longest word) under 8 characters is now refused: it cannot be masked without masking
ordinary text. Real parts: the loopback press site, CLI subprocesses, a DuckDB file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import run_cli
from tests.site import PressSite
from tests.site.sources import write_sources_toml

VAR = "Q54_TOKEN"


def _sources(site: PressSite, tmp_path: Path) -> str:
    path = write_sources_toml(site, tmp_path / "s.toml", names=("belta",))
    path.write_text(path.read_text(encoding="utf-8")
                    + f'headers = {{ "X-Token" = {{ env = "{VAR}" }} }}\n', encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("value", ["t", "", "abc1234", "Bearer t", "Bearer abc1234"])
def test_a_secret_too_short_to_mask_is_refused_in_one_line(
        press_site: PressSite, tmp_path: Path, value: str) -> None:
    sources, db = _sources(press_site, tmp_path), tmp_path / "p.duckdb"
    done = run_cli("ingest", "--no-prefect", "--sources", sources, "--db", str(db),
                   env={VAR: value})
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith(
        f"pressroom: error: source belta: environment variable {VAR} (header X-Token) "
        "is too short to be masked"), done.stderr
    assert not db.exists() and press_site.requests == []
    check = run_cli("sources", "check", "belta", "--sources", sources, env={VAR: value})
    assert check.returncode == 1 and "too short to be masked" in check.stderr, check.stderr


def test_a_secret_of_8_characters_runs_and_leaves_urls_whole(
        press_site: PressSite, tmp_path: Path) -> None:
    sources, db = _sources(press_site, tmp_path), str(tmp_path / "p.duckdb")
    done = run_cli("ingest", "--no-prefect", "--sources", sources, "--db", db,
                   env={VAR: "Bearer tok-q54x"})
    assert done.returncode == 0, done.stdout + done.stderr
    rows = run_cli("sql", "--db", db, "--format", "json",
                   "SELECT DISTINCT url FROM fetch_log WHERE url LIKE '%robots.txt'")
    assert json.loads(rows.stdout) == [{"url": press_site.url_for("/robots.txt")}], rows
    assert all(headers.get("x-token") == "Bearer tok-q54x"
               for _verb, _path, headers in press_site.requests)
