"""Reading stories: the listing behind ``pressroom stories`` and search's ``--collapse``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from warehouse.lake import LakeTarget
from warehouse.opening import open_warehouse
from warehouse.records import QueryResult
from warehouse.search_stories import collapse

# collapse lives beside search's story lookups, so search loads no write path.
__all__ = ["STORY_COLUMNS", "collapse", "list_stories", "story_ids"]

STORY_COLUMNS = ["story_id", "first_published_at", "first_source", "n_sources", "n_articles",
                 "sources", "title"]

_LIST_SQL = f"""
SELECT {", ".join(STORY_COLUMNS)}
FROM stories
WHERE n_sources >= ?
ORDER BY first_published_at DESC, story_id
LIMIT ?
"""


def list_stories(db: Path | LakeTarget, *, min_sources: int = 1, limit: int = 20,
                 lock_timeout: float = 30.0) -> QueryResult:
    """Stories newest first (by their first copy), carried by at least ``min_sources``."""
    with open_warehouse(db, read_only=True, lock_timeout=lock_timeout) as wh:
        return wh.query(_LIST_SQL, [min_sources, limit])


def story_ids(db: Path, article_ids: Sequence[str], *, lock_timeout: float = 30.0
              ) -> dict[str, str]:
    """The story of each given article (an article not clustered is its own story)."""
    if not article_ids:
        return {}
    with open_warehouse(db, read_only=True, lock_timeout=lock_timeout) as wh:
        rows = wh.query("SELECT article_id, story_id FROM articles "
                        "WHERE list_contains(?, article_id)", [list(article_ids)]).rows
    return {str(a): str(s) for a, s in rows}
