"""The persistent story index: assign articles to stories as they are written.

Tables (007_stories.sql): ``story_members`` (article -> story, its MinHash),
``story_bands`` (banded LSH keys), ``story_paragraphs`` (per-source paragraph
counts for boilerplate). :func:`assign_written` runs inside
:func:`warehouse.writes.write_batch`'s transaction, once per batch: the
batch's new or changed articles are looked up by band key (one join against
``story_bands``, never all pairs), confirmed with :func:`warehouse.stories.is_copy`
and joined to the best matching story, or start their own.

:func:`rebuild` empties the tables and replays every article in the order it
was first clustered (``seq``), through the same code, so it gives the same
clusters as the incremental path. One known difference: an article whose text
changed was clustered by the incremental path while its old text still
counted for boilerplate in the articles clustered between its two versions;
the rebuild sees only the newest text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb
import pyarrow as pa

from warehouse import stories

_REBUILD_CHUNK = 500


@dataclass(frozen=True, slots=True)
class Doc:
    """What clustering needs of one article."""

    article_id: str
    source: str
    content_hash: str
    body: str


@dataclass(frozen=True, slots=True)
class AssignResult:
    """Articles clustered by one call: how many started a story, how many joined one."""

    new_stories: int = 0
    new_copies: int = 0


@dataclass(slots=True)
class _Member:
    story_id: str
    seq: int
    minhash: tuple[int, ...]
    n_shingles: int


# Articles of the batch whose current content has not been clustered yet.
_PENDING_SQL = """
SELECT b.article_id, b.source, b.content_hash, b.body,
       EXISTS (SELECT 1 FROM story_members AS m WHERE m.article_id = b.article_id) AS known
FROM _pr_articles AS b
WHERE NOT EXISTS (SELECT 1 FROM story_members AS m
                  WHERE m.article_id = b.article_id AND m.content_hash = b.content_hash)
ORDER BY b.article_id
"""


def assign_written(con: duckdb.DuckDBPyConnection, now: datetime) -> AssignResult:
    """Cluster the articles of the registered ``_pr_articles`` table (write_batch's)."""
    rows = con.execute(_PENDING_SQL).fetchall()
    return assign(con, [Doc(str(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in rows], now,
                  redo=any(bool(r[4]) for r in rows))


def _paragraph_counts(con: duckdb.DuckDBPyConnection, pairs: set[tuple[str, int]]
                      ) -> dict[tuple[str, int], int]:
    if not pairs:
        return {}
    table = pa.table({"source": [p[0] for p in pairs], "para_hash": [p[1] for p in pairs]},
                     schema=pa.schema([("source", pa.string()), ("para_hash", pa.int64())]))
    con.register("_pr_story_paras", table)
    try:
        rows = con.execute(
            "SELECT p.source, p.para_hash, p.docs FROM story_paragraphs AS p "
            "JOIN _pr_story_paras AS q ON q.source = p.source AND q.para_hash = p.para_hash"
        ).fetchall()
    finally:
        con.unregister("_pr_story_paras")
    return {(str(s), int(h)): int(n) for s, h, n in rows}


def _candidates(con: duckdb.DuckDBPyConnection, keys: set[int]
                ) -> tuple[dict[int, list[str]], dict[str, _Member]]:
    """Stored articles per band key (for the given keys only) and their signatures.

    One query: the batch's keys joined to ``story_bands``, then to ``story_members``.
    """
    if not keys:
        return {}, {}
    con.register("_pr_story_keys", pa.table({"band_key": pa.array(sorted(keys), pa.int64())}))
    try:
        rows = con.execute(
            "SELECT b.band_key, m.article_id, m.story_id, m.seq, m.minhash, m.n_shingles "
            "FROM story_bands AS b "
            "JOIN _pr_story_keys AS k ON k.band_key = b.band_key "
            "JOIN story_members AS m ON m.article_id = b.article_id "
            "WHERE m.minhash IS NOT NULL"
        ).fetchall()
    finally:
        con.unregister("_pr_story_keys")
    found: dict[int, list[str]] = defaultdict(list)
    members: dict[str, _Member] = {}
    for key, article_id, story_id, seq, minhash, n in rows:
        found[int(key)].append(str(article_id))
        if article_id not in members:
            members[str(article_id)] = _Member(str(story_id), int(seq),
                                               stories.unpack(bytes(minhash)), int(n))
    return found, members


def assign(con: duckdb.DuckDBPyConnection, docs: Sequence[Doc], now: datetime, *,
           redo: bool = True) -> AssignResult:
    """Cluster ``docs`` in order (inside the caller's transaction) and store the result.

    A doc already clustered with other content is taken out first and clustered
    anew (``redo=False`` says none is, and skips that step). Cost: a few joins
    keyed by this batch's band keys and paragraph hashes.
    """
    if not docs:
        return AssignResult()
    if redo:
        _take_out(con, docs)
    row = con.execute("SELECT coalesce(max(seq), 0) FROM story_members").fetchone()
    seq = int(row[0]) if row else 0
    return _assign(con, docs, now, seq)


def _take_out(con: duckdb.DuckDBPyConnection, docs: Sequence[Doc]) -> None:
    ids = pa.table({"article_id": pa.array([d.article_id for d in docs], pa.string())})
    con.register("_pr_story_redo", ids)
    try:
        # A re-clustered article no longer counts towards its old paragraphs.
        con.execute(
            "UPDATE story_paragraphs AS p SET docs = p.docs - x.n FROM ("
            "  SELECT source, para_hash, count(*) AS n FROM ("
            "    SELECT source, unnest(paragraphs) AS para_hash FROM story_members"
            "    WHERE article_id IN (SELECT article_id FROM _pr_story_redo)) GROUP BY ALL"
            ") AS x WHERE p.source = x.source AND p.para_hash = x.para_hash")
        con.execute("DELETE FROM story_bands WHERE article_id IN "
                    "(SELECT article_id FROM _pr_story_redo)")
        con.execute("DELETE FROM story_members WHERE article_id IN "
                    "(SELECT article_id FROM _pr_story_redo)")
    finally:
        con.unregister("_pr_story_redo")


def _assign(con: duckdb.DuckDBPyConnection, docs: Sequence[Doc], now: datetime,
            seq: int) -> AssignResult:
    parsed = [stories.paragraphs(d.body) for d in docs]
    hashes = [[stories.paragraph_hash(p) for p in paras] for paras in parsed]
    counts = _paragraph_counts(
        con, {(d.source, h) for d, hs in zip(docs, hashes, strict=True) for h in hs})
    before = dict(counts)

    sigs: list[stories.Signature] = []
    for doc, hs in zip(docs, hashes, strict=True):
        boiler = {h for h in hs if counts.get((doc.source, h), 0) >= stories.BOILERPLATE_DOCS}
        sig = stories.signature(doc.body, boiler)
        sigs.append(sig)
        for h in sig.paragraphs:
            counts[(doc.source, h)] = counts.get((doc.source, h), 0) + 1

    keys = [stories.band_keys(s.minhash) if not s.short else [] for s in sigs]
    stored, known = _candidates(con, {k for ks in keys for k in ks})

    in_batch: dict[int, list[str]] = defaultdict(list)
    out_members: list[tuple[Any, ...]] = []
    out_bands: list[tuple[int, str]] = []
    new_stories = new_copies = 0
    for doc, sig, ks in zip(docs, sigs, keys, strict=True):
        seq += 1
        best: tuple[float, int, str] | None = None  # (-jaccard, seq, story_id)
        for cand in {a for k in ks for a in stored.get(k, []) + in_batch.get(k, [])}:
            m = known.get(cand)
            if m is None or cand == doc.article_id:
                continue
            ok, j = stories.is_copy(sig, (m.minhash, m.n_shingles))
            if ok and (best is None or (-j, m.seq) < best[:2]):
                best = (-j, m.seq, m.story_id)
        story_id = best[2] if best else doc.article_id
        if best:
            new_copies += 1
        else:
            new_stories += 1
        out_members.append((doc.article_id, story_id, seq, doc.source, doc.content_hash,
                            sig.n_shingles, stories.pack(sig.minhash) if ks else None,
                            list(sig.paragraphs), now))
        if ks:
            known[doc.article_id] = _Member(story_id, seq, sig.minhash, sig.n_shingles)
            for k in ks:
                in_batch[k].append(doc.article_id)
                out_bands.append((k, doc.article_id))
    _store(con, out_members, out_bands, counts, before)
    return AssignResult(new_stories=new_stories, new_copies=new_copies)


def _store(con: duckdb.DuckDBPyConnection, members: list[tuple[Any, ...]],
           bands: list[tuple[int, str]], counts: dict[tuple[str, int], int],
           before: dict[tuple[str, int], int]) -> None:
    cols = list(zip(*members, strict=True))
    m_table = pa.table(
        {"article_id": pa.array(cols[0], pa.string()), "story_id": pa.array(cols[1], pa.string()),
         "seq": pa.array(cols[2], pa.int64()), "source": pa.array(cols[3], pa.string()),
         "content_hash": pa.array(cols[4], pa.string()),
         "n_shingles": pa.array(cols[5], pa.int32()), "minhash": pa.array(cols[6], pa.binary()),
         "paragraphs": pa.array(cols[7], pa.list_(pa.int64())),
         "assigned_at": pa.array(cols[8], pa.timestamp("us", tz="UTC"))})
    b_table = pa.table({"band_key": pa.array([b[0] for b in bands], pa.int64()),
                        "article_id": pa.array([b[1] for b in bands], pa.string())})
    changed = {k: v for k, v in counts.items() if before.get(k) != v}
    p_table = pa.table({"source": pa.array([k[0] for k in changed], pa.string()),
                        "para_hash": pa.array([k[1] for k in changed], pa.int64()),
                        "docs": pa.array(list(changed.values()), pa.int32())})
    for name, table in (("_pr_sm", m_table), ("_pr_sb", b_table), ("_pr_sp", p_table)):
        con.register(name, table)
    try:
        con.execute("INSERT INTO story_members BY NAME SELECT * FROM _pr_sm")
        if bands:
            con.execute("INSERT INTO story_bands BY NAME SELECT * FROM _pr_sb")
        if changed:
            con.execute("UPDATE story_paragraphs AS p SET docs = x.docs FROM _pr_sp AS x "
                        "WHERE p.source = x.source AND p.para_hash = x.para_hash")
            con.execute("INSERT INTO story_paragraphs BY NAME SELECT x.* FROM _pr_sp AS x "
                        "WHERE NOT EXISTS (SELECT 1 FROM story_paragraphs AS p "
                        "WHERE p.source = x.source AND p.para_hash = x.para_hash)")
    finally:
        for name in ("_pr_sm", "_pr_sb", "_pr_sp"):
            con.unregister(name)


_REBUILD_ORDER_SQL = """
SELECT a.article_id, a.source, a.content_hash, a.body
FROM articles_latest AS a
LEFT JOIN story_members AS m ON m.article_id = a.article_id
ORDER BY m.seq NULLS LAST, a.first_seen_at, a.article_id
"""


def rebuild(con: duckdb.DuckDBPyConnection, now: datetime | None = None) -> AssignResult:
    """Recompute every story from scratch, in one transaction of the caller's making.

    Articles are replayed in their clustering order (``seq``), then articles
    never clustered (written before migration 007) by first-seen time.
    """
    when = now or datetime.now(UTC)
    docs = [Doc(str(a), str(s), str(h), str(b))
            for a, s, h, b in con.execute(_REBUILD_ORDER_SQL).fetchall()]
    con.execute("DELETE FROM story_bands")
    con.execute("DELETE FROM story_members")
    con.execute("DELETE FROM story_paragraphs")
    total = AssignResult()
    for i in range(0, len(docs), _REBUILD_CHUNK):
        part = assign(con, docs[i : i + _REBUILD_CHUNK], when, redo=False)
        total = AssignResult(total.new_stories + part.new_stories,
                             total.new_copies + part.new_copies)
    return total
