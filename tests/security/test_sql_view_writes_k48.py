"""k48 on o48: writes through a view that o48's refusal did not read. ``MERGE INTO
articles`` (DuckDB 1.4) printed "query failed: Binder Error: Can only merge into base
tables!", with or without --write; ``TRUNCATE articles`` was refused without naming the
view. Real CLI subprocesses on a real DuckDB file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.security.test_sql_view_writes import _error
from tests.security.test_sql_view_writes import db as db

MERGE = (
    "MERGE INTO articles USING (SELECT 'x' AS title) AS s ON articles.title = s.title "
    "WHEN MATCHED THEN DELETE"
)


@pytest.mark.parametrize("extra", [(), ("--write",)], ids=["read-only", "write"])
@pytest.mark.parametrize("query", [MERGE, "TRUNCATE articles", "TRUNCATE TABLE articles"])
def test_a_merge_or_truncate_of_a_view_is_refused_naming_it(
        db: Path, query: str, extra: tuple[str, ...]) -> None:
    line = _error(db, query, *extra)
    assert "`articles` is a view" in line and "article_versions" in line, line
