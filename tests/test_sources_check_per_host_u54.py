"""u54: `pressroom sources check` offline says a host's unreadable robots.txt once, not
once per feed and listing of that host, and says what the line stands for.

Before: a source with two feeds and a listing on one unreachable host printed the same
`FAILED  RobotsUnavailable  robots.txt of http://127.0.0.1:N unavailable ...` line three
times. Real parts: `pressroom sources check` subprocesses, closed loopback ports."""

from __future__ import annotations

import socket
from pathlib import Path

from tests.cli_run import dead_source, run_cli


def _closed_base() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def _failed(stdout: str) -> list[list[str]]:
    return [line.split("\t") for line in stdout.splitlines() if line.startswith("FAILED\t")]


def test_one_unreachable_host_is_one_line(tmp_path: Path) -> None:
    base, sources = dead_source(tmp_path)  # two feeds and a listing on one closed port
    done = run_cli("sources", "check", "dead", "--sources", str(sources))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    (line,) = _failed(done.stdout)
    assert line[1] == "RobotsUnavailable", line
    assert line[2].startswith(f"robots.txt of {base} unavailable"), line
    assert line[2].endswith("; not crawling (2 feeds and 1 listing)"), line


def test_two_unreachable_hosts_are_a_line_each(tmp_path: Path) -> None:
    one, two = _closed_base(), _closed_base()
    sources = tmp_path / "s.toml"
    sources.write_text(
        f'[[source]]\nname = "dead"\nfeeds = ["{one}/rss.xml", "{two}/rss.xml", '
        f'"{one}/atom.xml", "{two}/atom.xml"]\nallowed_hosts = ["127.0.0.1"]\n'
        'allow_private_network = true\nmin_delay = 0\ntimeout = 0.5\n', encoding="utf-8")
    done = run_cli("sources", "check", "dead", "--sources", str(sources))
    assert done.returncode == 1, done.stdout + done.stderr
    lines = _failed(done.stdout)
    assert [line[2].split(" unavailable")[0] for line in lines] == [
        f"robots.txt of {one}", f"robots.txt of {two}"], lines
    assert all(line[2].endswith("; not crawling (2 feeds)") for line in lines), lines


def test_the_summary_counts_the_failures_it_printed(tmp_path: Path) -> None:
    """q54: one FAILED line standing for three URLs was summed up as '3 failure(s)'."""
    _base, sources = dead_source(tmp_path)
    done = run_cli("sources", "check", "dead", "--sources", str(sources))
    assert len(_failed(done.stdout)) == 1, done.stdout
    assert done.stderr.splitlines()[-1] == (
        "0 candidate article(s), 1 failure(s) (3 URLs); nothing written"), done.stderr
