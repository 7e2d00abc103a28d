"""``search`` shows a page's own date as published: an undated article's is empty (z40c).

Before, the index and the tail stored ``coalesce(published_at, fetched_at)``, so an
article whose page gave no date showed the day it was fetched in the "published"
column of every format: an analyst reads that as the release's date.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest

from tests.analyst.conftest import T0, CliRunner, article, write
from warehouse.search_index import build_index

FETCHED = T0 + timedelta(days=40)  # a day no article was published on


@pytest.fixture
def undated_db(tmp_path: Path) -> Path:
    path = tmp_path / "pressroom.duckdb"
    write(
        path,
        [
            article(
                "undated",
                "Walrus census begins",
                "The walrus census begins on the coast.",
                published_at=None,
            ),
            article(
                "dated",
                "Walrus census ends",
                "The walrus census ends with 300 walruses.",
                days_ago=2,
            ),
        ],
        at=FETCHED,
    )
    return path


@pytest.mark.parametrize("indexed", [True, False], ids=["index", "tail"])
def test_an_undated_article_shows_no_published_day(
    undated_db: Path, cli: CliRunner, indexed: bool
) -> None:
    if indexed:
        build_index(undated_db)
    db = ["--db", str(undated_db)]
    proc = cli("search", "walrus", *db, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    shown = {h["url"].rsplit("/", 1)[1]: h["published"] for h in json.loads(proc.stdout)}
    assert shown == {"undated": None, "dated": str((T0 - timedelta(days=2)).date())}

    proc = cli("search", "walrus", *db, "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    rows = {
        r["url"].rsplit("/", 1)[1]: r["published"] for r in csv.DictReader(io.StringIO(proc.stdout))
    }
    assert rows == {"undated": "", "dated": str((T0 - timedelta(days=2)).date())}

    proc = cli("search", "walrus", *db)
    assert proc.returncode == 0, proc.stderr
    assert str(FETCHED.date()) not in proc.stdout
    assert any(
        "NULL" in line and "Walrus census begins" in line for line in proc.stdout.splitlines()
    )
    assert str((T0 - timedelta(days=2)).date()) in proc.stdout

    # --since/--until still place an undated article by its fetch time (README).
    proc = cli("search", "walrus", *db, "--format", "json", "--since", str(FETCHED.date()))
    assert proc.returncode == 0, proc.stderr
    assert [(h["url"].rsplit("/", 1)[1], h["published"]) for h in json.loads(proc.stdout)] == [
        ("undated", None)
    ]
