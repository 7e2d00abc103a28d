"""``ingest --verbose`` shows each failed URL and why (README: "errors in full").

Review r25: the verbose summary printed every column but only pointed to
``status --retries`` for the URLs that failed. Now one line per failed URL,
``source: url: ErrorClass: reason``, control characters escaped as the other
views show them, through the CLI without Prefect and through a Prefect flow run.
A real CLI subprocess against a loopback site, a real DuckDB file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.hostile.site import Site, article_html, loopback_sources

# A redirect may name a target holding a C1 control (U+009B is CSI, which a terminal
# reads as ESC [; sent as its UTF-8 bytes): looping back to it, the refusal quotes the
# target, and the failure line must show it escaped, as the other views do.
CSI_TARGET = "/a/csi?\xc2\x9b2J"
FAILING = {  # path as printed -> the reason its line must carry
    "/a/gone": "HTTPStatusError: HTTP 404 at ",
    "/a/broken": "ServerError: HTTP 500 at ",
    "/bad-feed": "FeedError: ",
    "/a/csi": "TooManyRedirects: redirect loop at SITE/a/csi?\\x9b2J",
}


def _ingest(tmp_path: Path, api: str | None, *flags: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    with Site() as site:
        site.set("/a/ok", article_html("Harbour works begin"))
        site.set("/a/broken", "down", status=500)
        for path in ("/a/csi", "/a/csi?%C2%9B2J"):
            site.set(path, "", status=302, headers={"Location": CSI_TARGET})
        site.set("/bad-feed", b"\x1b[2J not a feed", "application/rss+xml")
        items = "".join(f"<item><link>{site.url}{p}</link></item>" for p in ("/a/ok", "/a/gone",
                                                                          "/a/broken", "/a/csi"))
        site.set("/rss", f"<rss version='2.0'><channel>{items}</channel></rss>",
                 "application/rss+xml")
        toml = loopback_sources(tmp_path / "s.toml", "b",
                                [f"{site.url}/rss", f"{site.url}/bad-feed"], timeout=60)
        args = [sys.executable, "-m", "pressroom", "ingest", *flags, "--sources", str(toml),
                "--db", str(tmp_path / "x.duckdb")]
        if api is None:
            args.append("--no-prefect")
        else:
            env["PREFECT_API_URL"] = api
        done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
        done.stdout = done.stdout.replace(site.url, "SITE")
    return done


def _check(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 3, done.stdout + done.stderr  # partial: some URLs failed
    lines = done.stdout.splitlines()
    assert "failed URLs:" in lines, done.stdout
    shown = lines[lines.index("failed URLs:") + 1:]
    for path, reason in FAILING.items():
        assert [line for line in shown
                if line.startswith(f"b: SITE{path}: {reason}")], (path, done.stdout)
    assert not [line for line in shown if "/a/ok" in line], done.stdout
    controls = [ch for ch in done.stdout
                if ch != "\n" and (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F)]
    assert not controls, ascii(done.stdout)


def test_verbose_ingest_prints_each_failed_url_and_its_reason(tmp_path: Path) -> None:
    _check(_ingest(tmp_path, None, "--verbose"))
    (tmp_path / "quiet").mkdir()
    quiet = _ingest(tmp_path / "quiet", None)
    assert quiet.returncode == 3 and "failed URLs:" not in quiet.stdout, quiet.stdout


def test_the_prefect_path_prints_the_same(tmp_path: Path, prefect_api: str) -> None:
    _check(_ingest(tmp_path, prefect_api, "--verbose"))
