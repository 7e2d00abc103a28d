"""TLS is always verified (README, "Safe by default"): a loopback HTTPS site with a
self-signed certificate, as a man in the middle would present, is refused, also when
the environment names that certificate as trusted (``trust_env=False``).

Review r24: the promise had no test attacking it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from flows.config import load_sources
from flows.ingest import run_sources
from tests.hostile.site import article_html


def _self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 that no authority signed, and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


@pytest.fixture
def tls_site(tmp_path: Path) -> Iterator[tuple[str, Path, list[str]]]:
    """An HTTPS feed and article on 127.0.0.1 under a self-signed certificate."""
    cert, key = _self_signed(tmp_path)
    served: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.append(self.path)
            port = self.server.server_address[1]
            if self.path == "/feed.xml":
                body = (f'<rss version="2.0"><channel><title>t</title><item><title>A</title>'
                        f"<link>https://127.0.0.1:{port}/a/1</link></item></channel></rss>")
                ctype = "application/rss+xml"
            else:
                body, ctype = article_html("A"), "text/html; charset=utf-8"
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}", cert, served
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("trusted_by_env", [False, True])
def test_a_self_signed_certificate_is_refused(
    tls_site: tuple[str, Path, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    trusted_by_env: bool,
) -> None:
    url, cert, served = tls_site
    if trusted_by_env:  # a careless environment: the attacker's certificate named as a CA
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        monkeypatch.setenv("SSL_CERT_DIR", str(cert.parent))
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
    toml = tmp_path / "s.toml"
    toml.write_text(f'[[source]]\nname = "tls"\nfeeds = ["{url}/feed.xml"]\n'
                    "allow_private_network = true\nmin_delay = 0\ntimeout = 10\n"
                    "respect_robots = false\n", encoding="utf-8")
    _, (report,) = asyncio.run(run_sources(load_sources(toml), tmp_path / "t.duckdb",
                                           as_tasks=False))
    assert report.status == "failed", report
    assert served == []  # the handshake failed: no request reached the handler
    import duckdb

    con = duckdb.connect(str(tmp_path / "t.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (0,)
        errors = con.execute("SELECT DISTINCT error_class, error FROM fetch_log").fetchall()
    finally:
        con.close()
    assert errors and all("CERTIFICATE_VERIFY_FAILED" in str(e) or "certificate" in str(e)
                          for _, e in errors), errors
