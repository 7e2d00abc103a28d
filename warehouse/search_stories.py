"""Stories for ``search --collapse``: each hit's story and each story's size, without scans.

``story_members`` has no index DuckDB can use (see 001_init.sql), so asking it
for the story of 20 articles and for the copies and sources of 20 stories
scans its ``article_id`` and ``story_id`` text columns: about 100-250 ms each
at 1M articles. The search index (:mod:`warehouse.search_index`, format 5)
keeps a snapshot of ``story_members`` taken with the text it indexed:
``ix.members`` (article -> story, ART index on ``article_id``) and
``ix.stories`` (copies and sources of every story that is more than its own
single article, ART index on ``story_id``). A lookup is a few index probes,
plus the members written since the build.

The snapshot is used only while it still describes every member it holds.
The write path only appends members (``seq`` above the committed maximum);
it deletes a member only to re-cluster an article (and then may rename that
story's other members), and ``stories --rebuild`` rewrites every row with a
new ``assigned_at``. So if the rows at or below the snapshot's highest
``seq`` still have the same count, ``seq`` sum and ``assigned_at`` range,
they are the snapshot's rows, and the members now are the snapshot's plus the
rows above that ``seq`` (read by zone maps on ``seq``: only the newest row
groups). Otherwise, or without a snapshot, ``story_members`` is scanned as
before; both ways give the same answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import duckdb

H = TypeVar("H")

# Copied by build_index in the same transaction as the text it indexes.
MEMBERS_COPY_SQL = """
CREATE TABLE members_src AS
SELECT article_id, story_id, source, seq, assigned_at FROM wh.story_members
"""

# The snapshot, written from that copy.
SNAPSHOT_SQL = """
CREATE TABLE ix.member_check AS
SELECT max(seq)::BIGINT AS max_seq, count(*)::BIGINT AS n, sum(seq)::HUGEINT AS seq_sum,
       min(assigned_at) AS first_at, max(assigned_at) AS last_at
FROM members_src;

CREATE TABLE ix.members AS
SELECT article_id, story_id, source FROM members_src ORDER BY article_id;
CREATE INDEX members_article ON ix.members (article_id);

-- Every story that is not just its own single article (the common case is left
-- out: a story absent here has the one member ix.members says, or none).
CREATE TABLE ix.stories AS
SELECT story_id, count(*)::BIGINT AS n, list(DISTINCT source ORDER BY source) AS sources
FROM members_src GROUP BY story_id
HAVING count(*) > 1 OR any_value(article_id) <> story_id
ORDER BY story_id;
CREATE INDEX stories_id ON ix.stories (story_id);
"""

# A warehouse without story_members (never migrated): an empty snapshot, never used.
EMPTY_SNAPSHOT_SQL = """
CREATE TABLE ix.member_check AS
SELECT NULL::BIGINT AS max_seq, 0::BIGINT AS n, NULL::HUGEINT AS seq_sum,
       NULL::TIMESTAMPTZ AS first_at, NULL::TIMESTAMPTZ AS last_at;
CREATE TABLE ix.members (article_id VARCHAR, story_id VARCHAR, source VARCHAR);
CREATE TABLE ix.stories (story_id VARCHAR, n BIGINT, sources VARCHAR[]);
"""

_CHECK_SQL = """
SELECT c.max_seq, (SELECT (count(*), sum(seq)::HUGEINT, min(assigned_at), max(assigned_at))
                   FROM story_members WHERE seq <= c.max_seq) = (c.n, c.seq_sum, c.first_at,
                                                               c.last_at)
FROM ix.member_check AS c
"""

# The story of each article, scanning (an article never clustered has no row).
_SCAN_STORY_SQL = """
SELECT article_id, story_id FROM story_members
WHERE article_id IN (SELECT unnest($ids::VARCHAR[]))
"""

# Copies and sources of stories, scanning.
_SCAN_SIZE_SQL = """
SELECT story_id, count(*), count(DISTINCT source) FROM story_members
WHERE story_id IN (SELECT unnest($ids::VARCHAR[]))
GROUP BY story_id
"""


def _texts(values: Sequence[str]) -> str:
    """Quoted SQL literals: a literal list is probed through the ART index (a bound
    list would be a join that scans)."""
    return ",".join("'" + v.replace("'", "''") + "'" for v in values)


class StoryLookup:
    """Stories on one read-only session (``ix`` attached when ``indexed``).

    The snapshot's check and the members since are read once per session, and
    answers remembered (up to ``cap`` articles): a session of a warehouse file
    sees no writer (DuckDB lets none in while it is open). A lake's session is
    no snapshot either way (docs/SCALE.md); it is checked once, as the index is.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, indexed: bool,
                 cap: int = 100_000) -> None:
        self.con = con
        self._indexed = indexed
        self._cap = cap
        self._story: dict[str, str] = {}
        # Members written since the snapshot: article -> (story, source); None: scan.
        self._since: dict[str, tuple[str, str]] | None = None
        self._checked = False

    def _snapshot(self) -> dict[str, tuple[str, str]] | None:
        """The members added since a still-valid snapshot, or None (scan instead)."""
        if self._checked:
            return self._since
        self._checked = True
        if not self._indexed:
            return None
        row = self.con.execute(_CHECK_SQL).fetchone()
        if row is None or row[0] is None or not row[1]:
            return None
        self._since = {str(a): (str(s), str(src)) for a, s, src in self.con.execute(
            "SELECT article_id, story_id, source FROM story_members WHERE seq > $m",
            {"m": int(row[0])}).fetchall()}
        return self._since

    def uses_snapshot(self) -> bool:
        """True if the index's snapshot answers (else ``story_members`` is scanned)."""
        return self._snapshot() is not None

    def stories(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The story of each article (itself when it was never clustered)."""
        missing = [a for a in dict.fromkeys(article_ids) if a not in self._story]
        if missing:
            if len(self._story) + len(missing) > self._cap:
                self._story.clear()
            since = self._snapshot()
            if since is None:
                rows = self.con.execute(_SCAN_STORY_SQL, {"ids": missing}).fetchall()
            else:
                old = [a for a in missing if a not in since]
                rows = [(a, since[a][0]) for a in missing if a in since]
                if old:
                    rows += self.con.execute(
                        f"SELECT article_id, story_id FROM ix.members "
                        f"WHERE article_id IN ({_texts(old)})").fetchall()
            found = {str(a): str(s) for a, s in rows}
            self._story.update({a: found.get(a, a) for a in missing})
        return {a: self._story[a] for a in article_ids}

    def sizes(self, story_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
        """(copies, sources) of each story that has a member; absent: none has."""
        ids = sorted(set(story_ids))
        if not ids:
            return {}
        since = self._snapshot()
        if since is None:
            return {str(s): (int(n), int(k)) for s, n, k in
                    self.con.execute(_SCAN_SIZE_SQL, {"ids": ids}).fetchall()}
        members: dict[str, tuple[int, set[str]]] = {
            str(s): (int(n), {str(x) for x in src}) for s, n, src in self.con.execute(
                f"SELECT story_id, n, sources FROM ix.stories WHERE story_id IN ({_texts(ids)})"
            ).fetchall()}
        single = [s for s in ids if s not in members]
        if single:  # a story left out of ix.stories is its own single member, or has none
            for a, s, src in self.con.execute(
                    f"SELECT article_id, story_id, source FROM ix.members "
                    f"WHERE article_id IN ({_texts(single)})").fetchall():
                if a == s:
                    members[str(s)] = (1, {str(src)})
        wanted = set(ids)
        for story, source in since.values():
            if story in wanted:
                n, sources = members.get(story, (0, set()))
                members[story] = (n + 1, sources | {source})
        return {s: (n, len(src)) for s, (n, src) in members.items() if n}


def collapse(hits: Sequence[H], ids: Sequence[str], stories: dict[str, str]) -> list[H]:
    """The first (best-ranked) hit of each story, order kept; ``ids`` are the hits' articles."""
    seen: set[str] = set()
    out: list[H] = []
    for hit, article_id in zip(hits, ids, strict=True):
        story = stories.get(article_id, article_id)
        if story not in seen:
            seen.add(story)
            out.append(hit)
    return out
