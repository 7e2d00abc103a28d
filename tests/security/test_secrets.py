"""A source's secret header never leaves its origin and never lands in logs or the warehouse."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import duckdb
import pytest

from flows.config import SourceConfig
from flows.ingest import run_sources
from tests.reliability.fault_server import Conn, FaultServer, ok, redirect, status

SECRET = "Bearer tok-5ecr3t-d0-not-leak"
ENV = "PRESSROOM_TEST_SECRET_TOKEN"


def page(title: str) -> bytes:
    """A small article page."""
    para = f"<p>{title}: the council adopted the resolution after a long debate today.</p>"
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{para * 4}</article></body></html>").encode()


def echo(conn: Conn) -> None:
    """A hostile page that reflects the Authorization header into its response headers."""
    auth = conn.request.headers.get("authorization", "")
    status(200, headers=[("Content-Type", "text/html"), ("X-Echo", auth),
                         ("Set-Cookie", f"session={auth}")], body=page("Echo"))(conn)


def echo_redirect(conn: Conn) -> None:
    """Redirects to itself with the secret in the query: a loop that carries the token."""
    auth = conn.request.headers.get("authorization", "").replace(" ", "+")
    redirect(f"/s/loop?t={auth}")(conn)


def test_secret_header_stays_on_origin_and_out_of_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(ENV, SECRET)
    # INFO is what runs log; httpcore's DEBUG trace prints raw response headers (see docs).
    caplog.set_level(logging.INFO)
    db = tmp_path / "s.duckdb"
    with FaultServer() as srv:
        links = ["/s/echo", "/s/away", "/s/loop", "/s/500", "/s/ok"]
        items = "".join(f"<item><link>{srv.url}{p}</link></item>" for p in links)
        srv.route("/s/feed.xml", ok(f'<rss version="2.0"><channel>{items}</channel></rss>'
                                    .encode(), "application/rss+xml"))
        srv.route("/s/echo", echo)
        srv.route("/s/away", redirect(f"http://localhost:{srv.port}/s/landing"))
        srv.route("/s/landing", ok(page("Landing")))
        srv.route("/s/loop", echo_redirect)
        srv.route("/s/500", status(500, body=SECRET.encode()))
        srv.route("/s/ok", ok(page("Fine")))
        src = SourceConfig(
            name="secret", feeds=(srv.url_for("/s/feed.xml"),), allow_private_network=True,
            allowed_hosts=("localhost",), min_delay=0.0, timeout=0.5, respect_robots=True,
            headers=(("Authorization", ENV),),
        )
        _, reports = asyncio.run(run_sources([src], db, as_tasks=False, lock_timeout=5.0))
        sent = {(r.path.split("?")[0], r.headers.get("authorization")) for r in srv.requests}
        foreign = [(r.path, r.headers.get("authorization")) for r in srv.requests
                   if r.headers.get("host", "").startswith("localhost")]
    # The header was really sent to the source's origin (so the test can fail)...
    assert ("/s/feed.xml", SECRET) in sent and ("/s/ok", SECRET) in sent
    # ...and never to another origin a redirect pointed at.
    assert ("/s/landing", None) in sent
    assert not any(path == "/s/landing" and auth for path, auth in sent)
    # Nor to the other origin's robots.txt, fetched on the way.
    assert ("/robots.txt", None) in foreign and all(auth is None for _, auth in foreign), foreign
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
        ).fetchall()]
        assert {"fetch_log", "pages", "runs"} <= set(tables)
        for table in tables:
            dump = repr(con.execute(f'SELECT * EXCLUDE (body) FROM "{table}"').fetchall()
                        if table in ("pages", "article_versions")
                        else con.execute(f'SELECT * FROM "{table}"').fetchall())
            assert "tok-5ecr3t" not in dump, table
        headers = con.execute("SELECT headers FROM pages WHERE url LIKE '%/s/echo'").fetchall()
        assert "x-echo" in str(headers).lower()  # archived, with the value redacted
    finally:
        con.close()
    messages = [f.message for r in reports for f in r.failures]
    # The redirect that carried the token was refused, not requested.
    assert any("carries the source's secret" in m for m in messages), messages
    assert not any("tok-5ecr3t" in m for m in messages)
    assert "tok-5ecr3t" not in caplog.text
    out = capsys.readouterr()
    assert "tok-5ecr3t" not in out.out + out.err
