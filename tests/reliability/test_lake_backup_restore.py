"""README "Backups" for a lake: its commands run as written back up and restore it (o42).

README told a DuckLake user nothing about backups (RELIABILITY: "a DuckLake is not
backed up this way (its catalog and data folder are; not tested here)"). Now README gives
the commands for the lake of "From one machine to three" (a PostgreSQL catalog, a shared
data folder): ``pg_dump`` of the catalog, then a copy of the folder; ``createdb``,
``pg_restore`` and the folder copied back. This test runs README's lines through a shell
as a user types them (host and folder put in, ``uv run`` as this interpreter, the
PostgreSQL tools of the test's server first on PATH), loses the catalog database and the
folder, restores, and reads the articles back.

Real parts: PostgreSQL (pgserver), ``pressroom`` subprocesses, the loopback bulk site. A
run writes between the dump and the copy: its files are in the copy, unused, and the
restored lake is the lake at the dump. No sleeps.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.crash.bulk_site import BulkSite
from tests.lakepg import Postgres, run_cli, running_postgres

README = Path(__file__).resolve().parents[2] / "README.md"
FIRST, LATER = 20, 5
ARTICLES = "SELECT url, title, md5(body) AS body_md5, version FROM articles ORDER BY url"


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres]:
    with running_postgres() as pg:
        yield pg


def readme_lake_backup() -> tuple[list[str], list[str]]:
    """README's lines backing up a lake, and those restoring it (the block's two parts)."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("**Backups.**") :]
    section = section[section.index("A lake (DuckLake") :]
    block = section[section.index("```sh") + len("```sh") : section.index("```\n", 10)]
    lines = [line for line in block.strip().splitlines() if line.strip()]
    cut = next(i for i, line in enumerate(lines) if line.startswith("# restore"))
    keep = [line for line in lines if not line.startswith("#")]
    return keep[: cut - 1], keep[cut - 1 :]


def _shell(line: str, *, cwd: Path, host: str, folder: Path, env: dict[str, str]) -> None:
    """One README line, as typed: its host and folder put in, `uv run` as this interpreter."""
    typed = (
        line.replace("DB_HOST", host)
        .replace("/shared/lake", str(folder))
        .replace("uv run pressroom", f"{sys.executable} -m pressroom")
    )
    done = subprocess.run(
        ["bash", "-c", typed],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, (typed, done.stdout[-2000:], done.stderr[-2000:])


def _ingest(sources: Path, db: str, folder: Path, env: dict[str, str]) -> None:
    """One run of README's lake ingest, which must succeed."""
    done = run_cli("ingest", "--no-prefect", "--sources", str(sources), "--db", db,
                   "--data-path", str(folder), env=env)
    assert done.returncode == 0, done.stderr[-3000:]


def _articles(db: str, folder: Path, env: dict[str, str]) -> list[dict[str, object]]:
    done = run_cli(
        "sql", ARTICLES, "--db", db, "--data-path", str(folder), "--format", "json", env=env
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rows: list[dict[str, object]] = json.loads(done.stdout)
    return rows


def test_readmes_lake_backup_restores_the_lake_as_it_was_at_the_dump(
    postgres: Postgres, tmp_path: Path
) -> None:
    import pgserver

    backup, restore = readme_lake_backup()
    assert any("pg_dump" in line for line in backup) and any("cp -a" in line for line in backup)
    # README's setup of the catalog (its "PostgreSQL host" lines), on the test's server.
    postgres.server.psql("CREATE ROLE pressroom LOGIN;")
    postgres.server.psql("CREATE DATABASE pressroom OWNER pressroom;")
    host = postgres.socket_dir
    db = f"ducklake:postgres:dbname=pressroom host={host} user=pressroom"
    folder = tmp_path / "shared" / "lake"
    tools = Path(pgserver.__file__).parent / "pginstall" / "bin"  # the server's own version
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PRESSROOM_")},
        "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}",
        "PRESSROOM_STATE_DIR": str(tmp_path / "state"),
        "PRESSROOM_LAKE_FLUSH_ROWS": "1",  # the rows in Parquet files, not only the catalog
    }
    with BulkSite(FIRST) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")

        def ingest() -> None:
            _ingest(sources, db, folder, env)

        ingest()
        at_dump = _articles(db, folder, env)
        assert len(at_dump) == FIRST
        assert any(folder.rglob("*.parquet"))
        for line in backup:
            _shell(line, cwd=tmp_path, host=host, folder=folder, env=env)
            if "pg_dump" in line:  # a run writes after the dump, before the copy
                site.grow(LATER)
                ingest()
                assert len(_articles(db, folder, env)) == FIRST + LATER
        # The lake is lost: its catalog database and its data folder.
        postgres.server.psql("DROP DATABASE pressroom;")
        shutil.rmtree(folder)
        for line in restore:
            _shell(line, cwd=tmp_path, host=host, folder=folder, env=env)
        # The lake as it was at the dump: every article, text and title as stored.
        assert _articles(db, folder, env) == at_dump
        # And it works on: the next run stores the articles written after the dump again.
        ingest()
    assert len(_articles(db, folder, env)) == FIRST + LATER


def test_a_lake_with_a_local_catalog_file_is_backed_up_as_a_warehouse_file_is(
    tmp_path: Path,
) -> None:
    """README: copy the catalog file while no run holds it, then the folder."""
    catalog, folder = tmp_path / "data" / "meta.ducklake", tmp_path / "data" / "lake"
    db = f"ducklake:{catalog}"
    saved = tmp_path / "backups" / "2026-12-05"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PRESSROOM_")},
        "PRESSROOM_STATE_DIR": str(tmp_path / "state"),
        "PRESSROOM_LAKE_FLUSH_ROWS": "1",
    }
    with BulkSite(FIRST) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")

        def ingest() -> None:
            _ingest(sources, db, folder, env)

        ingest()
        at_backup = _articles(db, folder, env)
        assert len(at_backup) == FIRST and any(folder.rglob("*.parquet"))
        assert not catalog.with_name(catalog.name + ".wal").exists()  # no run holds it
        saved.mkdir(parents=True)
        shutil.copy2(catalog, saved / catalog.name)
        site.grow(LATER)
        ingest()  # a run after the catalog's copy, before the folder's
        shutil.copytree(folder, saved / "lake")
        catalog.unlink()
        shutil.rmtree(folder)
        shutil.copy2(saved / catalog.name, catalog)
        shutil.copytree(saved / "lake", folder)
        assert _articles(db, folder, env) == at_backup
        ingest()
    assert len(_articles(db, folder, env)) == FIRST + LATER
