"""``pressroom sql`` is a sandbox: DuckDB's external access is off and its settings locked.

Every attack runs through the real CLI against a real warehouse (with its
search index, a spool directory, a hard link to the file and a second
database beside it) and must end with one ``pressroom: error: refused`` line,
a non-zero exit, and every file in the directory byte-identical.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import shlex
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from pressroom.errors import QueryRefused
from tests.analyst.conftest import base_articles, write
from tests.security.test_sql_cli import sql
from warehouse.sandbox import open_session
from warehouse.search_index import build_index

ROOT = Path(__file__).resolve().parents[2]


def tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` with the SHA-256 of its bytes."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def one_error(proc: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a failed run (asserting there is exactly one)."""
    assert proc.returncode != 0, proc.stdout
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("pressroom: error: "), proc.stderr
    return lines[0]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A warehouse with articles and its search index, and tempting files beside it."""
    db = tmp_path / "pressroom.duckdb"
    write(db, base_articles())
    build_index(db)
    (tmp_path / "pressroom.duckdb.spool").mkdir()
    (tmp_path / "secret.csv").write_text("user,password\nroot,hunter2\n", encoding="utf-8")
    other = duckdb.connect(str(tmp_path / "other.duckdb"))
    other.execute("CREATE TABLE t AS SELECT 42 AS answer")
    other.execute(f"COPY t TO '{tmp_path / 'data.parquet'}' (FORMAT parquet)")
    other.close()
    os.link(db, tmp_path / "link.duckdb")  # the same inode under another name
    return db


ATTACKS = [
    "COPY (SELECT 1 AS x) TO '{dir}/out.csv'",
    "COPY (SELECT 1 AS x) TO '{db}'",
    "COPY (SELECT * FROM article_versions) TO '{db}.spool/9999-forged.batch'",
    "EXPORT DATABASE '{dir}/dump'",
    "ATTACH '{dir}/other.duckdb' AS o (READ_WRITE); DROP TABLE o.t",
    "ATTACH '{dir}/other.duckdb' AS o (READ_ONLY)",
    "USE ix; DETACH pressroom; ATTACH '{db}' AS w (READ_WRITE); DELETE FROM w.article_versions",
    "DETACH ix; ATTACH '{dir}/pressroom.search.duckdb' AS ix2 (READ_WRITE); DROP TABLE ix2.docs",
    "ATTACH '{dir}/link.duckdb' AS l (READ_WRITE); DELETE FROM l.article_versions",
    "SELECT * FROM read_csv('{dir}/secret.csv')",
    "SELECT * FROM '{dir}/secret.csv'",
    "SELECT * FROM read_text('{dir}/secret.csv')",
    "SELECT * FROM read_blob('{dir}/secret.csv')",
    "SELECT * FROM glob('{dir}/*')",
    "SELECT * FROM read_parquet('{dir}/data.parquet')",
    "SET enable_external_access = true",
    "SET GLOBAL enable_external_access = true; COPY (SELECT 1) TO '{dir}/out.csv'",
    "RESET enable_external_access",
    "SET lock_configuration = false",
    "SET threads = 1",
    "PRAGMA threads = 1",
    "INSTALL httpfs",
    "LOAD httpfs",
    "LOAD '{dir}/evil.duckdb_extension'",
    "CREATE SECRET s (TYPE s3, KEY_ID 'k', SECRET 'v')",
    "CREATE TABLE evil (i INTEGER)",
    "DELETE FROM article_versions",
    "DROP TABLE article_versions",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_attack_is_refused_and_changes_no_file(site: Path, attack: str) -> None:
    # In-process through the same session the CLI uses (one CLI start per attack
    # costs seconds); the CLI's one-line error is checked below on a sample.
    root = site.parent
    (root / "evil.duckdb_extension").write_bytes(b"\0" * 64)
    before = tree(root)
    with open_session(site) as session, pytest.raises(QueryRefused) as info:
        session.run(attack.format(db=site, dir=root))
    assert "\n" not in str(info.value)
    assert tree(root) == before  # same files, same bytes: nothing written, nothing new


CLI_SAMPLE = [a for a in ATTACKS if a.startswith((
    "COPY (SELECT 1 AS x) TO '{db}'", "COPY (SELECT * FROM article_versions)",
    "ATTACH '{dir}/link", "USE ix; DETACH", "SELECT * FROM read_blob", "SET GLOBAL",
    "CREATE SECRET"))]


@pytest.mark.parametrize("attack", CLI_SAMPLE)
def test_cli_refuses_with_one_line(site: Path, attack: str) -> None:
    root = site.parent
    before = tree(root)
    proc = sql(site, attack.format(db=site, dir=root))
    assert "refused" in one_error(proc)
    assert tree(root) == before
    assert proc.stdout == ""


def test_environment_is_not_readable(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Secrets of sources come from the environment; getenv() is gone in the sandbox.
    monkeypatch.setenv("PRESSROOM_SQL_TEST_SECRET", "hunter2")
    proc = sql(site, "SELECT getenv('PRESSROOM_SQL_TEST_SECRET') AS v", "--format", "csv")
    line = one_error(proc)
    assert "getenv" in line and "hunter2" not in proc.stdout + proc.stderr


def test_a_result_larger_than_memory_is_one_line(site: Path) -> None:
    # Rows converted to Python are outside DuckDB's memory limit: 1,000,000 rows of
    # 4,000 characters do not fit in a process capped at 2.5 GB of address space.
    # Before: a RuntimeError/MemoryError traceback (without a cap: the OOM killer).
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2_500_000_000, 2_500_000_000))

    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    proc = subprocess.run([sys.executable, "-m", "pressroom", "sql",
                           "SELECT repeat('x', 4000) AS s FROM range(1000000)", "--db", str(site),
                           "--format", "csv"], capture_output=True, text=True, env=env,
                          timeout=300, check=False, preexec_fn=cap)
    line = one_error(proc)
    assert "does not fit in memory" in line or "Out of Memory" in line, line
    assert proc.stdout == ""


class _Counter(BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 - one server per test, reset in the fixture

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        body = b"a,b\n1,2\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def http_site() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server serving a CSV, and the paths it was asked for."""
    _Counter.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Counter.hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("function", ["read_csv", "read_text"])
def test_http_urls_are_refused_without_a_request(
    site: Path, http_site: tuple[str, list[str]], function: str
) -> None:
    url, hits = http_site
    line = one_error(sql(site, f"SELECT * FROM {function}('{url}/x.csv')"))
    assert "refused" in line
    assert hits == []


# -- legitimate use inside the sandbox --------------------------------------


def documented_sql() -> list[str]:
    """Every ``pressroom sql "..."`` in README.md and docs/QUERIES.md, as written."""
    found = []
    for doc in (ROOT / "README.md", ROOT / "docs" / "QUERIES.md"):
        for block in re.findall(r"```sh\n(.*?)```", doc.read_text(encoding="utf-8"), re.S):
            words = shlex.split(block, comments=True)
            found += [words[i + 2] for i in range(len(words) - 2)
                      if words[i] == "pressroom" and words[i + 1] == "sql"
                      and "--write" not in words[i + 2:i + 6]]
    return found


def test_the_documented_queries_run_in_the_sandbox(site: Path) -> None:
    queries = documented_sql()
    assert len(queries) >= 10
    with open_session(site) as session:  # the CLI's session, without a start per query
        for query in queries:
            assert session.run(query).columns, query


def test_stem_and_the_search_index_work_in_the_sandbox(site: Path) -> None:
    query = ("SELECT a.title, p.tf FROM ix.dict AS t JOIN ix.postings AS p USING (termid) "
             "JOIN ix.docs AS d USING (docid) JOIN articles AS a USING (article_id) "
             "WHERE t.term = stem('trafficking', 'porter') ORDER BY p.tf DESC, a.title")
    proc = sql(site, query, "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    rows = proc.stdout.splitlines()
    assert rows[0] == "title,tf" and len(rows) == 3, proc.stdout
    assert rows[1].startswith("Belarus-sponsored resolution") and rows[1].endswith(",4")


# -- --write and --allow-files ----------------------------------------------


def test_write_changes_the_warehouse_but_no_other_file(site: Path) -> None:
    root = site.parent
    ok = sql(site, "CREATE TABLE notes AS SELECT 1 AS n", "--write")
    assert ok.returncode == 0, ok.stderr
    line = one_error(sql(site, f"COPY notes TO '{root}/notes.csv'", "--write"))
    assert "refused" in line and not (root / "notes.csv").exists()
    line = one_error(sql(site, f"ATTACH '{root}/other.duckdb' AS o; DROP TABLE o.t", "--write"))
    assert "refused" in line


WRITE_LOGGING = [
    "CALL enable_logging(storage = 'file', storage_path = '{dir}/logs'); SELECT 1",
    "SELECT * FROM \"Enable_Logging\" /* c */ (storage := 'file', "
    "storage_path := '{dir}/logs'); SELECT 1",
    # SQL text built at run time, out of sight of any check of the statement's text.
    "SELECT * FROM query('SELECT * FROM enable_' || 'logging(storage := ''file'', "
    "storage_path := ''{dir}/logs'')'); SELECT 1",
]


@pytest.mark.parametrize("attack", WRITE_LOGGING)
def test_write_refuses_file_logging_in_one_line(site: Path, attack: str) -> None:
    # DuckDB 1.5 takes a file log storage past the locked configuration in a --write
    # session, then its writer, denied the folder, aborted the process at the next
    # statement ("terminate called ...", exit 134) instead of one line.
    root = site.parent
    proc = sql(site, attack.format(dir=root), "--write")
    assert "refused" in one_error(proc)
    assert proc.returncode == 1 and not (root / "logs").exists()
    ok = sql(site, "SELECT current_setting('enable_logging') AS logging, 'query(' AS q",
             "--write")  # the names in strings are not calls
    assert ok.returncode == 0, ok.stderr


def test_write_cannot_reattach_the_search_index_writable(site: Path) -> None:
    # Review r26: DuckDB keeps an attached file on its allowed paths, and a --write
    # session keeps the file system (for its WAL): detached, the index (another
    # file) was attached again read-write and changed.
    index = site.with_name(f"{site.stem}.search.duckdb")
    before = index.read_bytes()
    for attack in (f"DETACH ix; ATTACH '{index}' AS ix2 (READ_WRITE); DROP TABLE ix2.docs",
                   "PREPARE p AS DETACH ix; EXECUTE p"):
        assert "refused" in one_error(sql(site, attack, "--write"))
    assert index.read_bytes() == before
    ok = sql(site, "SELECT 'detach' AS \"detach\"", "--write")  # a word, not the statement
    assert ok.returncode == 0, ok.stderr


def test_allow_files_is_the_owners_full_power_and_needs_write(site: Path) -> None:
    root = site.parent
    line = one_error(sql(site, f"COPY (SELECT 1 AS x) TO '{root}/out.csv'", "--allow-files"))
    assert "--allow-files needs --write" in line and not (root / "out.csv").exists()
    ok = sql(site, f"COPY (SELECT 1 AS x) TO '{root}/out.csv'", "--write", "--allow-files")
    assert ok.returncode == 0, ok.stderr
    assert (root / "out.csv").read_text(encoding="utf-8").splitlines() == ["x", "1"]
