"""u55: a careless user's inputs, each refused in one line before anything runs.

Found walking README on a fresh clone (docs/BENCHMARKS.md, "u55"):
- ``export``/``report`` ``--out ''`` was one line, exit 2, but the only usage error
  without the ``(see pressroom CMD --help)`` ending (q54's leftover);
- ``pressroom sql ''`` printed nothing and exited 0 (an unset shell variable as the query);
- ``--db ''`` said ``warehouse . is not a file but a folder``, ``--sources ''`` ``cannot
  read sources file .`` (``Path('')`` is ``.``), exit 1;
- ``serve`` started with a header secret too short to mask (q54's rule), or with its
  variable unset, and every run of the source then failed; ``ingest`` and ``sources
  check`` refused it at once. ``deploy`` let a value set on its host that no run could
  send through as well.
Real CLI subprocesses; nothing is served or written.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.cli_run import run_cli

VAR = "U55_TOKEN"
CLOSED_API = "http://127.0.0.1:9/api"  # nothing listens: a deploy that gets this far says so


def _one_usage_line(done: subprocess.CompletedProcess[str], command: str) -> str:
    assert done.returncode == 2, done.stdout + done.stderr
    err = done.stderr
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith(f"pressroom {command}: error: "), err
    assert err.endswith(f" (see pressroom {command} --help)\n"), err
    return err


@pytest.mark.parametrize("command", ["export", "report"])
@pytest.mark.parametrize("out", ["", " ", "..."])
def test_an_out_that_names_nothing_ends_as_every_usage_error(
        tmp_path: Path, command: str, out: str) -> None:
    done = run_cli(command, "--out", out, "--db", str(tmp_path / "w.duckdb"), cwd=tmp_path)
    assert "--out " in _one_usage_line(done, command)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_sql_query_is_a_usage_error(tmp_path: Path, query: str) -> None:
    done = run_cli("sql", query, "--db", str(tmp_path / "w.duckdb"), cwd=tmp_path)
    assert "the query is empty" in _one_usage_line(done, "sql")
    assert done.stdout == "" and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("command", "option"), [
    (("status",), "--db"), (("sql", "SELECT 1"), "--db"), (("search", "x"), "--index"),
    (("ingest", "--no-prefect"), "--db"), (("ingest", "--no-prefect"), "--sources"),
    (("sources",), "--sources"), (("export", "--out", "e"), "--db"),
])
def test_an_empty_path_option_is_a_usage_error(
        tmp_path: Path, command: tuple[str, ...], option: str) -> None:
    done = run_cli(*command, option, "", cwd=tmp_path)
    line = _one_usage_line(done, command[0])
    assert f"{option} is empty; give a path" in line, line
    assert list(tmp_path.iterdir()) == []


def _sources(tmp_path: Path) -> Path:
    path = tmp_path / "s.toml"
    path.write_text(
        '[[source]]\nname = "tok"\nfeeds = ["http://127.0.0.1:9/rss.xml"]\n'
        'allow_private_network = true\nschedule = "0 0 1 1 *"\n'
        f'headers = {{ "X-Token" = {{ env = "{VAR}" }} }}\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("value", ["t", "Bearer abc1234"])
def test_serve_refuses_a_secret_too_short_to_mask_at_start_up(
        tmp_path: Path, value: str) -> None:
    sources = _sources(tmp_path)
    done = run_cli("serve", "--sources", str(sources), "--db", str(tmp_path / "w.duckdb"),
                   env={VAR: value, "PREFECT_HOME": str(tmp_path / "prefect")},
                   unset=["PREFECT_API_URL"], timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr == (
        f"pressroom: error: source tok: environment variable {VAR} (header X-Token) is too "
        "short to be masked in what Pressroom stores: a secret (or the token after "
        "'Bearer ') needs 8 characters or more\n"), done.stderr
    assert not (tmp_path / "w.duckdb").exists() and not (tmp_path / "prefect").exists()


def test_serve_refuses_an_unset_secret_at_start_up(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    done = run_cli("serve", "--sources", str(sources), "--db", str(tmp_path / "w.duckdb"),
                   env={"PREFECT_HOME": str(tmp_path / "prefect")},
                   unset=["PREFECT_API_URL", VAR], timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr == f"pressroom: error: source tok: environment variable {VAR} is not set\n"


def test_deploy_refuses_a_short_secret_set_here_and_leaves_an_unset_one_to_workers(
        tmp_path: Path) -> None:
    sources, db = str(_sources(tmp_path)), str(tmp_path / "w.duckdb")
    short = run_cli("deploy", "--pool", "p", "--sources", sources, "--db", db,
                    env={VAR: "t"}, api=CLOSED_API)
    assert short.returncode == 1 and short.stderr.count("\n") == 1, short.stderr
    assert "too short to be masked" in short.stderr, short.stderr
    # Unset here: the workers' environment holds it; deploy goes on (to the closed API).
    unset = run_cli("deploy", "--pool", "p", "--sources", sources, "--db", db,
                    unset=[VAR], api=CLOSED_API)
    assert unset.returncode == 1 and unset.stderr.count("\n") == 1, unset.stderr
    assert unset.stderr.startswith(f"pressroom: error: no Prefect server answers at {CLOSED_API}")
