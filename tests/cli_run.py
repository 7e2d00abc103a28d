"""The pressroom CLI as a new user runs it: a real subprocess of this interpreter."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

TIMEOUT = 180


def run_cli(*args: str, env: Mapping[str, str] | None = None, api: str | None = None,
            unset: Iterable[str] = (), cwd: Path | None = None, timeout: float = TIMEOUT,
            python: Sequence[str] = ()) -> subprocess.CompletedProcess[str]:
    """``python [PYTHON ...] -m pressroom ARGS``, its output captured; a non-zero exit is
    the caller's to judge. Its environment is ours less ``unset``, with Prefect's
    analytics off, ``api`` (if given) as ``PREFECT_API_URL``, then ``env`` on top."""
    drop = set(unset)
    full = {k: v for k, v in os.environ.items() if k not in drop}
    full["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    if api:
        full["PREFECT_API_URL"] = api
    full.update(env or {})
    return subprocess.run([sys.executable, *python, "-m", "pressroom", *args],
                          capture_output=True, text=True, env=full, cwd=cwd, timeout=timeout,
                          check=False)


def versions_from(first: int) -> list[int]:
    """The shipped migrations from version ``first`` on: what an older warehouse needs
    (so a new migration does not mean editing every test of an upgrade)."""
    from warehouse.schema import load_migrations

    return [m.version for m in load_migrations() if m.version >= first]


def refused_then_migrated(db: Path, command: str, first: int) -> None:
    """README ('Upgrading'): the read-only ``command`` on the old file ``db`` is refused
    in one line naming the migrations it needs (``first`` on); `sql --write` applies them."""
    done = run_cli(command, "--db", str(db))
    needs = f"needs migrations {versions_from(first)}"
    assert done.returncode == 1 and needs in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    migrated = run_cli("sql", "--db", str(db), "--write", "SELECT 1")
    assert migrated.returncode == 0, migrated.stderr


def dead_source(tmp_path: Path) -> tuple[str, Path]:
    """A sources file whose one source ("dead") lists two feeds and a listing on a
    closed loopback port; returns (its base URL, the file)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    sources = tmp_path / "s.toml"
    sources.write_text(
        f'[[source]]\nname = "dead"\nfeeds = ["{base}/rss.xml", "{base}/atom.xml"]\n'
        f'listings = [{{ url = "{base}/news/", links = "a" }}]\n'
        'allow_private_network = true\nmin_delay = 0\ntimeout = 0.5\n', encoding="utf-8")
    return base, sources
