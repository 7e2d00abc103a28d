"""Ctrl-C or SIGTERM while the ``pressroom`` script still imports the CLI, or parses its
options before its handlers are in: one line, exit 130, no traceback (k55b).

The console script (``uv run pressroom``'s, ``[project.scripts]``) runs
``from pressroom.cli import main`` before ``main`` can catch anything: a Ctrl-C in the
first ~0.1 s of any command (an impatient user, a script's ``timeout``) printed
KeyboardInterrupt's traceback through importlib's frames and exited -2; a SIGTERM there,
or while ``ingest --parse-workers`` read its setting, killed it with no line (-15).
The signal is sent at one exact moment: a ``sitecustomize`` (on PYTHONPATH, before the
script runs) sends it from the import system when the named module is imported.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("pressroom")

SIGNAL_ON_IMPORT = '''
import os, signal, sys

class SignalOnImport:
    def find_spec(self, name, path=None, target=None):
        if name == os.environ["K55B_ON_IMPORT"]:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), getattr(signal, os.environ["K55B_SIGNAL"]))
        return None

sys.meta_path.insert(0, SignalOnImport())
'''


def _run(tmp_path: Path, module: str, signame: str, *args: str) -> subprocess.CompletedProcess[str]:
    hook = tmp_path / "hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(SIGNAL_ON_IMPORT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(hook), "K55B_ON_IMPORT": module,
           "K55B_SIGNAL": signame}
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120, check=False)


@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
def test_a_signal_while_the_script_imports_the_cli_is_one_line(tmp_path: Path,
                                                               signame: str) -> None:
    done = _run(tmp_path, "pressroom.interrupts", signame, "sql", "select 1",
                "--db", str(tmp_path / "w.duckdb"))
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stderr == "pressroom: error: interrupted\n", done.stderr
    assert done.returncode == 130, done
    assert done.stdout == ""


def test_sigterm_while_the_options_are_read_is_one_line(tmp_path: Path) -> None:
    # ingest --parse-workers imports flows.settings to check the value (before the CLI's
    # handlers are in): SIGTERM there killed the command with no line.
    done = _run(tmp_path, "flows.settings", "SIGTERM", "ingest", "--parse-workers", "2",
                "--sources", str(tmp_path / "s.toml"), "--db", str(tmp_path / "w.duckdb"))
    assert done.stderr == "pressroom: error: interrupted\n", done.stderr
    assert done.returncode == 130, done
    assert not (tmp_path / "w.duckdb").exists()


def test_the_hook_reaches_the_script(tmp_path: Path) -> None:
    # The same hook on a module the command never imports: the command runs as always.
    done = _run(tmp_path, "no.such.module", "SIGINT", "sql", "select 1",
                "--db", str(tmp_path / "w.duckdb"))
    assert done.returncode == 1, done
    assert "does not exist" in done.stderr, done.stderr
