"""A run given a symbolic link to the warehouse file keeps its state beside the file
itself: the spool, the search index (and the story sidecar, the run locks, DuckDB's
WAL). Before ops37 a run given the link staged its batches in `<link>.spool/`, merged
only by a later run given that same link: a run given the file's own name fetched
every staged article again, and `search` through the link found no index built
through the file's name. Batches an earlier release staged under the link's name are
still merged by a run given the link. README: "How it behaves"."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from flows.spool import Spool
from parsers.article import Article
from tests.cli_run import run_cli
from tests.crash.bulk_site import BulkSite
from tests.crash.campaign import ingest_cmd
from tests.crash.test_lock import release, start_holder, stored
from warehouse import open_warehouse
from warehouse.records import Batch, SeenURL

ARTICLES = 40
ENV = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


def _ingest(sources: Path, db: Path, lock_timeout: str = "30") -> subprocess.CompletedProcess[str]:
    cmd = [*ingest_cmd(sources, db)[:-1], lock_timeout]
    return subprocess.run(cmd, env=ENV, capture_output=True, text=True, timeout=180,
                          check=False)


def _links(tmp_path: Path) -> tuple[Path, Path]:
    """The file, and a chain of two relative links to it from another folder."""
    db = tmp_path / "data" / "pressroom.duckdb"
    db.parent.mkdir()
    (tmp_path / "current.duckdb").symlink_to(Path("data") / "pressroom.duckdb")
    link = tmp_path / "links" / "latest.duckdb"
    link.parent.mkdir()
    link.symlink_to(Path("..") / "current.duckdb")
    return db, link


@pytest.mark.slow
def test_batches_a_run_through_a_link_staged_are_merged_by_a_run_given_the_file(
    tmp_path: Path,
) -> None:
    db, link = _links(tmp_path)
    with BulkSite(ARTICLES) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        holder = start_holder(db)  # a user's DuckDB shell holds the file the whole run
        try:
            first = _ingest(sources, link, lock_timeout="2")
        finally:
            release(holder)
        assert first.returncode == 1, first.stderr
        assert "staged" in first.stderr and "Traceback" not in first.stderr
        assert Spool(db).pending(), "staged beside the file, not beside the link"
        assert not Spool(link).dir.exists()
        second = _ingest(sources, db)
        assert second.returncode == 0, second.stderr
        # Merged, not fetched again (before: every article asked twice).
        assert [site.hits(p) for p in site.article_paths()] == [1] * ARTICLES
    assert stored(db) == (ARTICLES, ARTICLES)
    assert Spool(db).pending() == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "bulk.toml", "current.duckdb", "data", "links"]
    assert sorted(p.name for p in link.parent.iterdir()) == ["latest.duckdb"]
    # The index built through the file's name is the one a search through the link reads.
    built = run_cli("index", "--db", str(db))
    assert built.returncode == 0, built.stderr
    found = run_cli("search", "--db", str(link), "--format", "csv", "regional cooperation")
    assert found.returncode == 0, found.stderr
    assert len(found.stdout.strip().splitlines()) > 1, found.stdout


@pytest.mark.slow
def test_batches_staged_under_the_links_name_before_the_upgrade_are_merged(
    tmp_path: Path,
) -> None:
    db, link = _links(tmp_path)
    open_warehouse(db).close()  # the link is to a warehouse (a link to nothing is refused)
    with BulkSite(3) as site:
        sources = tmp_path / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        url = f"{site.url}/a/0/"
        article = Article(url=url, canonical_url=url, title="Staged under the link",
                          body="Staged by an earlier release beside the link.\n\nKept.",
                          source="bulk")
        # What a run of an earlier release given the link left: a signed batch in
        # <link>.spool/, its key in <link>.spool-key/ (flows.spool, unchanged).
        Spool(link).stage(Batch(run_id="earlier", source="bulk", fetched_at=datetime.now(UTC),
                                articles=(article,),
                                seen=(SeenURL(url, "article", article.article_id),)), 1)
        run = _ingest(sources, link)
        assert run.returncode == 0, run.stderr
        assert site.hits("/a/0/") == 0  # merged first, so not fetched again
    assert Spool(link).pending() == []
    assert stored(db) == (3, 3)


def test_a_dangling_link_is_one_error_line_and_makes_no_file(tmp_path: Path) -> None:
    link = tmp_path / "current.duckdb"
    link.symlink_to(Path("gone") / "pressroom.duckdb")
    loop = tmp_path / "loop.duckdb"
    loop.symlink_to(loop.name)
    sources = tmp_path / "none.toml"
    sources.write_text('[[source]]\nname = "x"\nfeeds = ["http://127.0.0.1:9/feed"]\n',
                       encoding="utf-8")
    for db, words in ((link, "is a symbolic link to gone/pressroom.duckdb, which does not "
                       "exist"), (loop, "symbolic links cannot be followed")):
        for args in (["ingest", "--no-prefect", "--sources", str(sources), "--db", str(db)],
                     ["status", "--db", str(db)], ["search", "--db", str(db), "x"]):
            done = run_cli(*args)
            assert done.returncode == 1, (args, done.stderr)
            assert done.stderr.count("\n") == 1 and words in done.stderr, (args, done.stderr)
            assert done.stderr.startswith("pressroom: error:"), done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "current.duckdb", "loop.duckdb", "none.toml"]

