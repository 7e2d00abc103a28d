"""The spool is trusted only as written by the pipeline, and a bad batch loses nothing.

A file in ``<db>.spool/`` that the pipeline did not write (an analyst's
``COPY ... TO``) is quarantined with one line and never merged; a staged
batch that was truncated is quarantined too, and its articles are fetched
again by the very next run.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from flows.spool import Spool, encode_batch
from parsers.article import Article
from tests.crash.bulk_site import BulkSite
from tests.crash.campaign import ingest_cmd
from tests.crash.test_lock import release, start_holder, stored
from warehouse import open_warehouse
from warehouse.records import Batch, SeenURL

MAGIC = b"pressroom-spool/1"  # the integrity line's tag, as flows.spool writes it
ENV = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


def _ingest(sources: Path, db: Path, lock_timeout: str = "30") -> subprocess.Popen[str]:
    cmd = [*ingest_cmd(sources, db)[:-1], lock_timeout]
    return subprocess.Popen(cmd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _warnings(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith("pressroom: warning: spool file")]


@pytest.mark.slow
def test_a_truncated_spool_batch_is_fetched_again_by_the_next_run(tmp_path: Path) -> None:
    db = tmp_path / "spool.duckdb"
    articles = 150
    with BulkSite(articles, delay=0.02) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        run = _ingest(sources, db, lock_timeout="3")
        assert site.wait_served(10)
        holder = start_holder(db)  # a user opens the database mid-run: everything is staged
        try:
            _out, err = run.communicate(timeout=180)
            assert run.returncode == 1, err
        finally:
            release(holder)
        staged = Spool(db).pending()
        assert staged, err
        biggest = max(staged, key=lambda p: p.stat().st_size)
        data = biggest.read_bytes()
        biggest.write_bytes(data[: len(data) // 2])  # a torn write, a bad disk
        second = _ingest(sources, db)
        _out, err2 = second.communicate(timeout=180)
        assert second.returncode == 0, err2
        assert "Traceback" not in err2
        warnings = _warnings(err2)
        assert len(warnings) == 1 and biggest.name in warnings[0], err2
        assert "truncated or corrupt" in warnings[0]
    assert stored(db) == (articles, articles)
    assert Spool(db).pending() == []
    assert [p.name for p in (Spool(db).dir / "quarantine").iterdir()] == [biggest.name]


def _forged_batch(url: str) -> Batch:
    article = Article(url=url, canonical_url=url, title="FORGED by analyst SQL",
                      body="This text was never published by the site.\n\nIt came from COPY.",
                      source="bulk")
    return Batch(run_id="forged", source="bulk", fetched_at=datetime.now(UTC),
                 articles=(article,), seen=(SeenURL(url, "article", article.article_id),))


def _forged_versions(db: Path) -> tuple[int, int]:
    """(versions titled FORGED, highest version number) in the warehouse."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT count(*) FILTER (WHERE title LIKE 'FORGED%'), max(version) "
                          "FROM article_versions").fetchone()
    finally:
        con.close()
    assert row is not None
    return int(row[0]), int(row[1])


def _signed(payload: bytes, key: bytes) -> bytes:
    digest = hashlib.sha256(payload).hexdigest().encode()
    mac = hmac.new(key, payload, hashlib.sha256).hexdigest().encode()
    return MAGIC + b" " + digest + b" " + mac + b"\n" + payload


def test_batches_the_pipeline_did_not_write_are_quarantined_never_merged(
    tmp_path: Path,
) -> None:
    db = tmp_path / "forge.duckdb"
    spool = Spool(db)
    key_dir = db.with_name(db.name + ".spool-key")
    with BulkSite(5) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        payload = encode_batch(_forged_batch(f"{site.url}/a/0/"))
        spool.dir.mkdir()
        # The format of an unsigned batch, as COPY ... (FORMAT json, COMPRESSION gzip) writes it.
        (spool.dir / "20000101T000000000000-forged-bulk-00001.batch.json.gz").write_bytes(payload)
        # A writer that creates the key store itself, before the pipeline ever did, and
        # signs with its own key: the store is not as the pipeline leaves it (a writable
        # directory, a 0644 file), so nothing signed under it is trusted.
        key_dir.mkdir()
        own_key = secrets.token_bytes(32)
        (key_dir / "key").write_bytes(own_key)
        (spool.dir / "20000101T000000000001-forged-bulk-00002.batch").write_bytes(
            _signed(payload, own_key))
        first = _ingest(sources, db)
        _out, err = first.communicate(timeout=180)
        assert first.returncode == 0, err
        assert _forged_versions(db) == (0, 1)
        warnings = _warnings(err)
        assert len(warnings) == 2, err
        assert "no integrity record" in warnings[0]
        assert "key is missing or was tampered with" in warnings[1]
        assert spool.key() is not None and spool.key() != own_key  # a fresh key was made
        # Signed under a guessed key, once the pipeline's own key exists.
        (spool.dir / "20000101T000000000002-forged-bulk-00003.batch").write_bytes(
            _signed(payload, secrets.token_bytes(32)))
        second = _ingest(sources, db)
        _out, err2 = second.communicate(timeout=180)
        assert second.returncode == 0, err2
        warnings = _warnings(err2)
        assert len(warnings) == 1 and "HMAC does not match" in warnings[0], err2
    assert _forged_versions(db) == (0, 1)
    assert stored(db) == (5, 5)
    assert spool.pending() == []
    assert len(list((spool.dir / "quarantine").iterdir())) == 3


@pytest.mark.parametrize("squatter", ["file", "symlink"])
def test_a_file_or_symlink_on_the_quarantine_name_is_moved_aside_never_followed(
    tmp_path: Path, squatter: str
) -> None:
    db = tmp_path / "squat.duckdb"
    said: list[str] = []
    spool = Spool(db, warn=said.append)
    spool.dir.mkdir()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.batch").write_bytes(b"precious")
    if squatter == "file":  # before: every run crashed (FileExistsError) on it
        spool.quarantine.write_bytes(b"not a directory")
    else:  # before: the bad batch was moved through the link, over the file outside
        spool.quarantine.symlink_to(outside)
    (spool.dir / "x.batch").write_bytes(b"junk, not a batch")
    with open_warehouse(db) as wh:
        assert list(spool.merge_into(wh)) == []
    assert (outside / "x.batch").read_bytes() == b"precious"
    assert spool.quarantine.is_dir() and not spool.quarantine.is_symlink()
    assert (spool.quarantine / "x.batch").read_bytes() == b"junk, not a batch"
    assert spool.pending() == []
    assert any("x.batch" in line for line in said), said


@pytest.mark.slow
def test_a_batch_that_cannot_be_staged_is_one_line_and_fetched_again(tmp_path: Path) -> None:
    db = tmp_path / "nospace.duckdb"
    spool = Spool(db)
    # The spool cannot take a file (as on a full disk or a failing one): before,
    # the ingest ended in a FileExistsError traceback from Spool.stage.
    spool.dir.write_bytes(b"")
    with BulkSite(6) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        holder = start_holder(db)  # the run finds the file busy: every batch goes to the spool
        try:
            run = _ingest(sources, db, lock_timeout="3")
            _out, err = run.communicate(timeout=300)
        finally:
            release(holder)
        assert "Traceback" not in err, err
        assert run.returncode != 0
        assert any("cannot stage" in ln and str(spool.dir) in ln for ln in err.splitlines()), err
        spool.dir.unlink()
        again = _ingest(sources, db)
        _out, err2 = again.communicate(timeout=300)
        assert again.returncode == 0, err2
    assert stored(db) == (6, 6)
