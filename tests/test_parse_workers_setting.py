"""The parse worker count: ``--parse-workers``, ``[pipeline] parse_workers``, the env var.

Real CLI subprocesses. A bad value is one line on stderr and a non-zero exit
before anything is fetched or created: a usage error (2) for the option, a
bad sources file (1, like every other key of the file) for the setting.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from flows.parsepool import WORKERS_ENV, default_workers, usable_cpus
from flows.settings import load_pipeline_settings
from pressroom.errors import ConfigError
from tests.cli_run import run_cli

SOURCE = ('[[source]]\nname = "x"\nfeeds = ["http://127.0.0.1:9/feed.xml"]\n'
          "allow_private_network = true\n")


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI with no worker count from our own environment: only ``env``'s."""
    return run_cli(*args, env=env, unset=(WORKERS_ENV,), timeout=120)


def _one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


@pytest.mark.parametrize("value", ["0", "-1", "1.5", "two", "65"])
def test_a_bad_parse_workers_option_is_a_one_line_usage_error(
    tmp_path: Path, value: str,
) -> None:
    sources = tmp_path / "s.toml"
    sources.write_text(SOURCE, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    proc = _run("ingest", "--no-prefect", "--sources", str(sources), "--db", str(db),
                f"--parse-workers={value}")
    assert proc.returncode == 2, proc.stderr
    line = _one_line(proc.stderr)
    assert "--parse-workers must be a whole number of parse worker processes from 1 to 64" in line
    assert repr(value) in line
    assert not db.exists()  # refused before the warehouse is created


@pytest.mark.parametrize("value", ["0", "-2", "1.5", '"4"', "true"])
def test_a_bad_parse_workers_setting_fails_loading_the_sources_file(
    tmp_path: Path, value: str,
) -> None:
    sources = tmp_path / "s.toml"
    sources.write_text(f"[pipeline]\nparse_workers = {value}\n\n{SOURCE}", encoding="utf-8")
    proc = _run("sources", "--sources", str(sources))  # any command that reads the file
    assert proc.returncode == 1, proc.stderr
    line = _one_line(proc.stderr)
    assert "[pipeline] 'parse_workers' must be a whole number" in line, line


def test_an_unknown_pipeline_key_is_refused(tmp_path: Path) -> None:
    sources = tmp_path / "s.toml"
    sources.write_text(f"[pipeline]\nparse_worker = 2\n\n{SOURCE}", encoding="utf-8")
    proc = _run("sources", "--sources", str(sources))
    assert proc.returncode == 1
    assert "[pipeline]: unknown key(s): parse_worker" in _one_line(proc.stderr)


def test_a_bad_environment_value_is_one_line(tmp_path: Path) -> None:
    sources = tmp_path / "s.toml"
    sources.write_text(SOURCE, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    proc = _run("ingest", "--no-prefect", "--sources", str(sources), "--db", str(db),
                env={WORKERS_ENV: "0"})
    assert proc.returncode == 1, proc.stderr
    assert f"${WORKERS_ENV} must be a whole number" in _one_line(proc.stderr)
    assert not db.exists()


def test_defaults_and_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = tmp_path / "s.toml"
    sources.write_text(f"[pipeline]\nparse_workers = 5\n\n{SOURCE}", encoding="utf-8")
    assert load_pipeline_settings(sources).parse_workers == 5
    plain = tmp_path / "plain.toml"
    plain.write_text(SOURCE, encoding="utf-8")
    assert load_pipeline_settings(plain).parse_workers is None
    monkeypatch.delenv(WORKERS_ENV, raising=False)
    assert default_workers() == usable_cpus() == len(os.sched_getaffinity(0))
    monkeypatch.setenv(WORKERS_ENV, "3")
    assert default_workers() == 3
    monkeypatch.setenv(WORKERS_ENV, "3.0")
    with pytest.raises(ConfigError):
        default_workers()
