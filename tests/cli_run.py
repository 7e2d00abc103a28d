"""The pressroom CLI as a new user runs it: a real subprocess of this interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TIMEOUT = 180


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pressroom", *args], capture_output=True,
                          text=True, timeout=TIMEOUT, check=False)


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
