"""Backups that restore (ops39): a warehouse written out by DuckDB's EXPORT DATABASE
comes back with IMPORT DATABASE into a new file, and the file copied while no run
holds it is a backup too; the restored warehouse is the same and keeps working.

Before migration 015 the import failed: EXPORT DATABASE writes views in name order
and ``articles`` (which read ``articles_latest``) came first, so "Table with name
articles_latest does not exist" (and the ``search`` macro, written before every view,
read it too). tests/warehouse/test_views_from_tables.py checks the schema itself.

Real parts throughout: the pipeline ingests a loopback press site through the real CLI,
twice, one page edited between, four sources carrying copies of one release (versions,
pages, runs, retries, a story); the export is the command README gives (``pressroom sql
--write --allow-files``), the import Python's ``duckdb`` module into a new file;
``status``, ``sql``, ``search``, ``reparse`` and a further ``ingest`` then run as
subprocesses on the restored file and on a copy of the original, and must leave both the
same.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.cli_run import run_cli
from tests.site import PressSite, manifest, sources_toml, syndication
from warehouse.schema import load_migrations

# Every table, counted and hashed row by row in rowid (write) order: `reparse` takes a
# URL's copy written last by rowid, so the order is part of what must come back.
TABLES_SQL = ("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
              "ORDER BY 1")
DIGEST_SQL = ("SELECT count(*), md5(coalesce(string_agg(md5(CAST(t AS VARCHAR)), ',' "
              "ORDER BY rid), '')) FROM (SELECT rowid AS rid, t FROM {table} AS t)")
VIEWS = ("articles", "articles_latest", "daily_counts", "run_clock", "source_health", "stories")
# What must answer the same before and after: each view, the search macro, by rows.
ANSWERS = {**{v: f"SELECT * FROM {v}" for v in VIEWS},
           "search": "SELECT * FROM search('trafficking')"}
AT_014 = {k: q for k, q in ANSWERS.items() if k != "run_clock"}  # 017's view (o45)
# What reparse and ingest leave that does not hang on the clock (they stamp last_seen_at,
# fetched_at and run ids with the time they run).
STABLE = {
    "articles": "SELECT article_id, source, url, version, content_hash, title, body, "
                "published_at, story_id FROM articles",
    "stories": "SELECT story_id, sources, n_articles, title FROM stories",
    "versions": "SELECT article_id, version, content_hash FROM article_versions",
}
COUNTS = ("SELECT (SELECT count(*) FROM articles) AS articles, "
          "(SELECT count(*) FROM article_versions) AS versions, "
          "(SELECT count(*) FROM pages) AS pages, (SELECT count(*) FROM runs) AS runs, "
          "(SELECT count(*) FROM stories) AS stories, "
          "(SELECT count(*) FROM stories WHERE n_sources > 1) AS shared_stories")


@dataclass
class Archive:
    """A warehouse the pipeline wrote (closed: no run holds it), and its site."""

    site: PressSite
    toml: Path
    db: Path

    def copy_to(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / "pressroom.duckdb"
        shutil.copyfile(self.db, target)
        return target


def pressroom(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, timeout=300)


def ingest(toml: Path, db: Path, *options: str) -> str:
    done = pressroom("ingest", "--no-prefect", *options, "--sources", str(toml), "--db", str(db))
    assert done.returncode in (0, 3), done.stderr[-3000:]  # 3: the fixture's fault routes
    return done.stdout


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    tmp = tmp_path_factory.mktemp("archive")
    with PressSite() as site:
        syndication.install(site)
        toml = tmp / "sources.toml"
        toml.write_text(sources_toml(site) + "\n" + syndication.sources_toml(site),
                        encoding="utf-8")
        db = tmp / "pressroom.duckdb"
        ingest(toml, db)
        spec = manifest.by_key("belta_un_trafficking")
        html = site.get_page(spec.path)
        site.set_page(spec.path, html.replace(b"co-sponsored by 80 countries",
                                              b"co-sponsored by 81 countries"))
        ingest(toml, db)
        yield Archive(site, toml, db)


def digests(db: Path) -> dict[str, Any]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(DIGEST_SQL.format(table=t)).fetchone()
                for (t,) in con.execute(TABLES_SQL).fetchall()}
    finally:
        con.close()


def answers(db: Path, queries: dict[str, str] = ANSWERS) -> dict[str, tuple[list[str], list[Any]]]:
    """Each query's columns and rows (sorted)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for name, sql in queries.items():
            rel = con.sql(sql)
            out[name] = ([f"{c} {t}" for c, t in zip(rel.columns, rel.types, strict=True)],
                         sorted(rel.fetchall(), key=repr))
        return out
    finally:
        con.close()


def export(db: Path, folder: Path, fmt: str) -> None:
    """The backup as README gives it: EXPORT DATABASE through ``pressroom sql``."""
    options = " (FORMAT parquet)" if fmt == "parquet" else ""
    done = pressroom("sql", "--write", "--allow-files", "--db", str(db),
                     f"EXPORT DATABASE '{folder}'{options}")
    assert done.returncode == 0, done.stderr


def import_into(folder: Path, db: Path) -> None:
    """The restore as README gives it: IMPORT DATABASE into a new file."""
    assert not db.exists()
    con = duckdb.connect(str(db))
    try:
        con.execute(f"IMPORT DATABASE '{folder}'")
    finally:
        con.close()


def sql_json(db: Path, sql: str) -> str:
    done = pressroom("sql", "--db", str(db), "--format", "json", sql)
    assert done.returncode == 0, done.stderr
    return done.stdout


def works_the_same(archive: Archive, original: Path, restored: Path) -> None:
    """``status``, ``sql``, ``reparse`` and a further ``ingest`` on ``restored`` answer
    and store what they do on ``original`` (a copy of the same warehouse)."""
    for db in (original, restored):
        assert not Path(f"{db}.wal").exists()
    status = [pressroom("status", "--db", str(db)) for db in (original, restored)]
    assert [s.returncode for s in status] == [0, 0], status[1].stderr
    assert status[1].stdout == status[0].stdout
    counts = sql_json(restored, COUNTS)
    assert counts == sql_json(original, COUNTS)
    assert '"shared_stories": 1' in counts and '"versions": 0' not in counts
    found = [pressroom("search", "--db", str(db), "--format", "json", "trafficking")
             for db in (original, restored)]
    assert [f.returncode for f in found] == [0, 0], found[1].stderr
    assert found[1].stdout == found[0].stdout and "trafficking" in found[0].stdout.lower()
    reparsed = [pressroom("reparse", "--no-prefect", "--sources", str(archive.toml),
                          "--db", str(db)) for db in (original, restored)]
    assert [r.returncode for r in reparsed] == [0, 0], reparsed[1].stderr[-3000:]
    assert reparsed[1].stdout == reparsed[0].stdout  # "pages N, new 0, updated 0, ..."
    assert answers(restored, STABLE) == answers(original, STABLE)
    runs = [ingest(archive.toml, db) for db in (original, restored)]
    assert runs[1] == runs[0]  # the run summary: listed, fetched, new, updated, ...
    after = (digests(original), digests(restored))
    assert {t: n for t, (n, _) in after[1].items()} == {t: n for t, (n, _) in after[0].items()}
    assert answers(restored, STABLE) == answers(original, STABLE)


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_an_exported_warehouse_imports_into_a_new_file_and_works(
    archive: Archive, tmp_path: Path, fmt: str
) -> None:
    original = archive.copy_to(tmp_path / "original")
    export(original, tmp_path / "backup", fmt)
    shutil.move(tmp_path / "backup", tmp_path / "moved")  # the folder may be moved
    restored = tmp_path / "restored" / "pressroom.duckdb"
    restored.parent.mkdir()
    import_into(tmp_path / "moved", restored)  # before 015: CatalogException
    # Every table, row by row in write order, and every view and search().
    assert digests(restored) == digests(original)
    assert answers(restored) == answers(original)
    works_the_same(archive, original, restored)


def test_a_copy_of_the_file_while_no_run_holds_it_is_a_backup(
    archive: Archive, tmp_path: Path
) -> None:
    original = archive.copy_to(tmp_path / "original")
    assert not Path(f"{archive.db}.wal").exists()  # the runs ended: the file is all of it
    restored = archive.copy_to(tmp_path / "restored")
    assert digests(restored) == digests(original)
    works_the_same(archive, original, restored)


def catalog(db: Path) -> list[tuple[Any, ...]]:
    """The views' and macros' definitions, as DuckDB reads them from the file."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(
            con.execute("SELECT view_name, sql FROM duckdb_views() WHERE NOT internal").fetchall()
            + con.execute("SELECT function_name, macro_definition FROM duckdb_functions() "
                          "WHERE NOT internal AND function_type LIKE '%macro'").fetchall())
    finally:
        con.close()


def back_to_014(db: Path, scratch: Path) -> None:
    """Put the views and macro 015 redefines back as 014 made them, taking their
    statements from DuckDB's export of a new file migrated to 014, and unrecord 015;
    drop 016's runs.merged_at and unrecord 016, 017's view and columns and unrecord 017,
    018's runs.run_seq and unrecord 018, 019's runs.boot_id and pid_start_ticks and
    unrecord 019, 020's runs.pid_ns and unrecord 020, 021's http_cache per source (one
    row per url again, the latest) and unrecord 021.
    015 changes no table, so the file is then what a warehouse at 014 holds."""
    from warehouse.schema import apply_migrations, load_migrations

    fresh = scratch / "at014.duckdb"
    con = duckdb.connect(str(fresh))
    try:
        apply_migrations(con, [m for m in load_migrations() if m.version <= 14])
        con.execute(f"EXPORT DATABASE '{scratch / 'at014'}'")
    finally:
        con.close()
    text = (scratch / "at014" / "schema.sql").read_text(encoding="utf-8")
    old = {s.split()[2].strip('"'): s for s in (x.strip() for x in text.split(";;"))
           if s.startswith(("CREATE VIEW articles ", "CREATE VIEW stories ", "CREATE MACRO"))}
    con = duckdb.connect(str(db))
    try:
        con.execute("DROP VIEW stories; DROP VIEW articles; DROP MACRO TABLE search")
        for name in ("search", "articles", "stories"):
            con.execute(old[name])
        con.execute("DELETE FROM schema_migrations WHERE version = 15")
        # 016 (o41) added runs.merged_at: taken out too, so the file is at 014.
        con.execute("ALTER TABLE runs DROP COLUMN merged_at")
        con.execute("DELETE FROM schema_migrations WHERE version = 16")
        # 017 (o45) added runs.date_site, runs.date_ahead_s and the view run_clock.
        con.execute("DROP VIEW run_clock")
        con.execute("ALTER TABLE runs DROP COLUMN date_site")
        con.execute("ALTER TABLE runs DROP COLUMN date_ahead_s")
        con.execute("DELETE FROM schema_migrations WHERE version = 17")
        # 018 (o46) added runs.run_seq (and redefined run_clock, dropped above).
        con.execute("ALTER TABLE runs DROP COLUMN run_seq")
        con.execute("DELETE FROM schema_migrations WHERE version = 18")
        # 019 (o47) added the owner of a run's process: runs.boot_id, pid_start_ticks.
        con.execute("ALTER TABLE runs DROP COLUMN boot_id")
        con.execute("ALTER TABLE runs DROP COLUMN pid_start_ticks")
        con.execute("DELETE FROM schema_migrations WHERE version = 19")
        # 020 (k47) added the pid namespace a run's pid was read in: runs.pid_ns.
        con.execute("ALTER TABLE runs DROP COLUMN pid_ns")
        con.execute("DELETE FROM schema_migrations WHERE version = 20")
        # 021 (v53) rebuilt http_cache per (source, url): back to one row per url.
        con.execute("CREATE TABLE http_cache_020 (url VARCHAR PRIMARY KEY, etag VARCHAR, "
                    "last_modified VARCHAR, body_sha256 VARCHAR, "
                    "fetched_at TIMESTAMPTZ NOT NULL, url_key BIGINT)")
        con.execute("INSERT INTO http_cache_020 SELECT url, etag, last_modified, body_sha256, "
                    "fetched_at, url_key FROM http_cache "
                    "QUALIFY row_number() OVER (PARTITION BY url ORDER BY fetched_at DESC) = 1")
        con.execute("DROP TABLE http_cache")
        con.execute("ALTER TABLE http_cache_020 RENAME TO http_cache")
        con.execute("DELETE FROM schema_migrations WHERE version = 21")
    finally:
        con.close()
    assert catalog(db) == catalog(fresh)


def test_a_warehouse_written_at_014_migrated_by_this_release_exports_and_imports(
    archive: Archive, tmp_path: Path
) -> None:
    old = archive.copy_to(tmp_path / "old")
    back_to_014(old, tmp_path)
    before = answers(old, AT_014)
    # The bug, on the old warehouse: its export (by any DuckDB client: `pressroom sql
    # --write` would migrate it first) does not import.
    con = duckdb.connect(str(old), read_only=True)
    try:
        con.execute(f"EXPORT DATABASE '{tmp_path / 'old-backup'}' (FORMAT parquet)")
    finally:
        con.close()
    with pytest.raises(duckdb.CatalogException, match="articles_latest does not exist"):
        import_into(tmp_path / "old-backup", tmp_path / "old-restored.duckdb")
    # `pressroom sql --write` migrates it (README "Upgrading") before it exports: same rows.
    export(old, tmp_path / "backup", "parquet")
    latest = max(m.version for m in load_migrations())
    assert sql_json(old, "SELECT max(version) AS v FROM schema_migrations") == (
        f'[\n  {{\n    "v": {latest}\n  }}\n]\n')
    assert answers(old, AT_014) == before
    restored = tmp_path / "restored" / "pressroom.duckdb"
    restored.parent.mkdir()
    import_into(tmp_path / "backup", restored)
    assert digests(restored) == digests(old)
    assert answers(restored, AT_014) == before
    original = archive.copy_to(tmp_path / "original")
    works_the_same(archive, original, restored)


@pytest.mark.parametrize(("fmt", "comes_back"), [("parquet", ""), ("csv", None)])
def test_an_empty_string_comes_back_empty_from_parquet_but_null_from_csv(
    archive: Archive, tmp_path: Path, fmt: str, comes_back: str | None
) -> None:
    """DuckDB's CSV export writes an empty string as "" and its import reads that back
    as NULL in a column that allows NULL; Parquet keeps the two apart. Why README
    gives (FORMAT parquet)."""
    original = archive.copy_to(tmp_path / "original")
    con = duckdb.connect(str(original))
    try:
        con.execute("UPDATE http_cache SET etag = '' WHERE rowid = 0")
    finally:
        con.close()
    export(original, tmp_path / "backup", fmt)
    restored = tmp_path / "restored.duckdb"
    import_into(tmp_path / "backup", restored)
    con = duckdb.connect(str(restored), read_only=True)
    try:
        assert con.execute("SELECT etag FROM http_cache WHERE rowid = 0").fetchone() == (
            comes_back,)
    finally:
        con.close()


README = Path(__file__).resolve().parents[2] / "README.md"


def readme_backup_commands() -> list[list[str]]:
    """The shell lines of README's "Backups" block, as a new user types them, with
    ``uv run`` replaced by this interpreter (k39)."""
    import shlex
    import sys

    text = README.read_text(encoding="utf-8")
    section = text[text.index("**Backups.**"):]
    block = section[section.index("```sh") + len("```sh"):]
    block = block[: block.index("```")]
    commands = []
    for line in block.splitlines():
        words = shlex.split(line.strip(), comments=True)
        if not words:
            continue
        if words[:3] == ["uv", "run", "pressroom"]:
            words = [sys.executable, "-m", "pressroom", *words[3:]]
        elif words[:3] == ["uv", "run", "python"]:
            words = [sys.executable, *words[3:]]
        commands.append(words)
    return commands


def test_readmes_backup_commands_work_as_typed_in_a_fresh_folder(
    archive: Archive, tmp_path: Path
) -> None:
    """k39: README's lines run as given, from a folder holding only the default
    ``data/pressroom.duckdb`` (no ``backups/`` yet). Before: EXPORT DATABASE stopped with
    'Failed to create directory "backups/2026-12-05": No such file or directory' (DuckDB
    makes the last folder of the path only), and the import found no schema.sql."""
    original = archive.copy_to(tmp_path / "data")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRESSROOM_")}
    for words in readme_backup_commands():
        done = subprocess.run(words, cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=300, check=False)
        assert done.returncode == 0, (words, done.stderr[-2000:])
    restored = tmp_path / "data" / "restored.duckdb"
    assert digests(restored) == digests(original)
