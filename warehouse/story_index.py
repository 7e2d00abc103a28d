"""The persistent story index: assign articles to stories as they are written.

Tables (007_stories.sql, keys from 009_story_keys.sql): ``story_members``
(article -> story, its MinHash), ``story_bands`` (banded LSH keys),
``story_paragraphs`` (per-source paragraph counts for boilerplate).
:func:`assign_written` runs inside :func:`warehouse.writes.write_batch`'s
transaction (the post-write step of :mod:`warehouse.article_writes`), once per
batch: the batch's new or changed articles are looked up by band key (BIGINT
columns only, never all pairs), their candidates' signatures read by seq,
confirmed with :func:`warehouse.stories.is_copy` and joined to the best
matching story whose first member they are also a copy of (:func:`_copy_of_root`),
or start their own. The lookups by band key, paragraph hash and id key go to
the SQLite sidecar's B-trees (:mod:`warehouse.story_sidecar`; DuckDB scans
without one), and members are read by seq: see docs/BENCHMARKS.md for what
that costs at 1M articles. :mod:`warehouse.story_rows` writes the decided
rows; the sidecar takes them once the batch has committed.

:func:`rebuild` empties the tables and replays every article in the order it
was first clustered (``seq``), through the same code, so it gives the same
clusters as the incremental path. One known difference: an article whose text
changed was clustered by the incremental path while its old text still
counted for boilerplate in the articles clustered between its two versions;
the rebuild sees only the newest text.
"""

from __future__ import annotations

import sqlite3
import sys
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb
import pyarrow as pa

from parsers.story_text import StoryText, story_text
from warehouse import stories, story_lookup, story_rows, story_sidecar
from warehouse.keys import key

_REBUILD_CHUNK = 500
_SEQ_GAP = 65_536  # seqs this close are read as one range (a row group holds up to 122,880)


@dataclass(frozen=True, slots=True)
class Doc:
    """What clustering needs of one article."""

    article_id: str
    source: str
    content_hash: str
    body: str
    text: StoryText | None = None  # the body's, as its parse worker normalised it


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
    paragraphs: tuple[int, ...]


def assign_written(con: duckdb.DuckDBPyConnection, written: pa.Table, now: datetime,
                   lookup: story_lookup.Lookup | None = None,
                   texts: Mapping[str, StoryText] | None = None) -> AssignResult:
    """Cluster the articles of ``written`` (write_batch's rows) whose current
    content has not been clustered yet, in article_id order.

    ``lookup`` finds stored rows (a :class:`warehouse.story_sidecar.Sidecar`,
    else DuckDB scans). A sidecar that fails is dropped for this batch (one
    line on stderr) and the batch is clustered by scans: it is rebuilt next time.
    ``texts`` are bodies already normalised (by their parse workers), by content
    hash: a content hash is a SHA-256 of the body, so it names the body's text.
    """
    found = texts or {}
    cols = written.select(["article_id", "source", "content_hash", "body"]).to_pydict()
    docs = [Doc(a, s, h, b, found.get(h))
            for a, s, h, b in zip(cols["article_id"], cols["source"], cols["content_hash"],
                                  cols["body"], strict=True)]
    look: story_lookup.Lookup = lookup or story_lookup.ScanLookup()
    try:
        return _assign_written(con, docs, now, look)
    except SidecarFailed as failed:
        print(f"story index: {failed.__cause__}; clustering this batch without it",
              file=sys.stderr)
        if isinstance(look, story_sidecar.Sidecar):
            look.discard()
        return _assign_written(con, docs, now, story_lookup.ScanLookup())


class SidecarFailed(Exception):
    """The sidecar failed before the batch wrote any story row, or during a rebuild
    (whose transaction its caller rolls back)."""


def _assign_written(con: duckdb.DuckDBPyConnection, docs: Sequence[Doc], now: datetime,
                    lookup: story_lookup.Lookup) -> AssignResult:
    try:
        seq = lookup.prepare(con)
        stored = lookup.stored(con, [key(d.article_id) for d in docs])
    except (sqlite3.Error, OSError) as exc:
        raise SidecarFailed from exc
    pending = sorted((d for d in docs if stored.get(key(d.article_id)) != key(d.content_hash)),
                     key=lambda d: d.article_id)
    return assign(con, pending, now, lookup, seq=seq,
                  redo=any(key(d.article_id) in stored for d in pending))


def _candidates(con: duckdb.DuckDBPyConnection, hits: list[tuple[int, int]]
                ) -> tuple[dict[int, list[str]], dict[str, _Member]]:
    """Stored articles per band key and their signatures, read by seq.

    ``hits`` are (band key, seq) pairs from the lookup; only the row groups of
    ``story_members`` that hold one of the seqs are read, and a seq no longer
    there (a stale sidecar row) is no candidate.
    """
    if not hits:
        return {}, {}
    members = _read_members(con, {int(q) for _, q in hits})
    by_seq = {m.seq: article_id for article_id, m in members.items()}
    found: dict[int, list[str]] = defaultdict(list)
    for band_key, seq in hits:
        if int(seq) in by_seq:
            found[int(band_key)].append(by_seq[int(seq)])
    return found, members


def _read_members(con: duckdb.DuckDBPyConnection, seqs: set[int]) -> dict[str, _Member]:
    """The stored members at ``seqs`` that have a signature, by article id.

    Each run of nearby seqs is read as one range (``seq BETWEEN lo AND hi``,
    pruned by zone maps to the row groups holding it). One ``IN`` list over all
    of them is a join that reads every row between the smallest seq and the
    largest: the whole table when a story's first member is old (1.2 s for 70
    seqs at 1M articles against 0.2 s by ranges, docs/BENCHMARKS.md).
    """
    runs: list[list[int]] = []
    for q in sorted(seqs):
        if runs and q - runs[-1][-1] <= _SEQ_GAP:
            runs[-1].append(q)
        else:
            runs.append([q])
    if not runs:
        return {}
    sql = " UNION ALL ".join(
        "SELECT seq, article_id, story_id, minhash, n_shingles, paragraphs FROM story_members "
        f"WHERE seq BETWEEN {run[0]} AND {run[-1]} AND seq IN ({', '.join(map(str, run))}) "
        "AND minhash IS NOT NULL" for run in runs)
    return {str(article_id): _Member(str(story_id), int(seq), stories.unpack(bytes(minhash)),
                                     int(n), tuple(int(h) for h in paras))
            for seq, article_id, story_id, minhash, n, paras in con.execute(sql).fetchall()}


def _add_roots(con: duckdb.DuckDBPyConnection, known: dict[str, _Member],
               look: story_lookup.Lookup, redo: bool) -> None:
    """Add to ``known`` the first member (the root) of each candidate's story.

    Usually a band candidate already; otherwise its seq is found by id key
    through ``look`` (the sidecar's id-key B-tree) and the member read by seq,
    only for batches with such a candidate. With ``redo`` this runs after the
    take-out has written, so a sidecar failing here is not :class:`SidecarFailed`:
    it is dropped (rebuilt by the next batch) and the seqs are scanned for.
    Without, nothing is written yet: :class:`SidecarFailed` (the batch is clustered
    again by scans; a rebuild starts again without its sidecar).
    """
    need = {m.story_id for m in known.values()} - known.keys()
    if not need:
        return
    ids = [key(s) for s in need]
    try:
        seqs = look.seqs(con, ids)
    except (sqlite3.Error, OSError) as exc:
        if not redo:
            raise SidecarFailed from exc
        print(f"story index: {exc}; finding first members without it", file=sys.stderr)
        if isinstance(look, story_sidecar.Sidecar):
            look.discard()
        seqs = story_lookup.ScanLookup().seqs(con, ids)
    for article_id, m in _read_members(con, set(seqs)).items():
        if article_id in need:  # not another id with the same key, nor a stale seq
            known[article_id] = m


def _copy_of_root(body: str | StoryText, sig: stories.Signature, m: _Member,
                  known: dict[str, _Member]) -> int | None:
    """Whether ``sig``, a copy of member ``m``, is also a copy of the first member of
    ``m``'s story, and, when it is a part of that first member, one starting at its
    lead (:func:`warehouse.stories.part_elsewhere`). A page printing two releases
    (a "News in brief" digest) is a copy of each; without the first test, the
    second release would join the first's story through the digest stored after
    them, and without the second, both would join a digest stored before them.
    When the root is gone from its story (re-clustered), ``m`` suffices.

    Failing that, a copy starting at the lead of ``m`` joins when ``m`` is a part
    of the root opening with the root's first paragraph: with a digest as the
    root, the release it opens with is such a member, and a trimmed copy of that
    release, too small to be a copy of the digest, still joins its story. The
    copy must start at ``m``'s lead even at a high Jaccard, so whatever joins this
    way opens as the root does.

    None when it may not join; else 1 when it is a part of the root (Jaccard
    below :data:`warehouse.stories.LEAD_FREE`), 0 when not: a release that is a
    part of a digest's story and contains a trimmed copy of itself, the first of
    another, joins the copy's (ranked first), as when the digest came later.
    """
    root = known.get(m.story_id)
    if root is None or root.story_id != m.story_id:
        return 0
    ok, j = stories.is_copy(sig, (root.minhash, root.n_shingles))
    part = int(sig.n_shingles < root.n_shingles and j < stories.LEAD_FREE)
    if ok and not stories.part_elsewhere(body, sig.n_shingles, root.n_shingles,
                                         root.paragraphs, root.minhash, j):
        return part
    if (m is not root and m.n_shingles < root.n_shingles
            and m.paragraphs[:1] == root.paragraphs[:1] != ()
            and stories.starts_at_lead(stories.words_of(body), m.paragraphs, m.minhash,
                                       m.n_shingles)):
        return 1
    return None


def assign(con: duckdb.DuckDBPyConnection, docs: Sequence[Doc], now: datetime,
           lookup: story_lookup.Lookup | None = None, *, seq: int | None = None,
           redo: bool = True, absorb: bool = False) -> AssignResult:
    """Cluster ``docs`` in order (inside the caller's transaction) and store the result.

    A doc already clustered with other content is taken out first and clustered
    anew (``redo=False`` says none is, and skips that step). ``seq`` is the
    highest committed seq (read when not given; new members are numbered
    after it, so seq only grows). The stored rows go to ``lookup``: held until
    the caller's transaction commits (:meth:`~warehouse.story_lookup.Lookup.wrote`),
    or with ``absorb`` taken at once (a rebuild's private sidecar). Every read of
    ``lookup`` comes before the first story row is written.
    """
    if not docs:
        return AssignResult()
    look: story_lookup.Lookup = lookup or story_lookup.ScanLookup()
    if seq is None:
        seq = story_lookup.ScanLookup().prepare(con)
    ids = [key(d.article_id) for d in docs]
    taken = story_rows.taken_out_paragraphs(con, ids) if redo else Counter[tuple[str, int]]()
    texts = [d.text if d.text is not None else story_text(d.body) for d in docs]
    hashes = [t.hashes for t in texts]
    try:
        counts = look.paragraph_counts(
            con, {(d.source, h) for d, hs in zip(docs, hashes, strict=True) for h in hs})
        # What the take-out below leaves of them.
        counts = {k: v - taken.get(k, 0) for k, v in counts.items()}
        before_counts = dict(counts)
        sigs: list[stories.Signature] = []
        for doc, text in zip(docs, texts, strict=True):
            boiler = {h for h in text.hashes
                      if counts.get((doc.source, h), 0) >= stories.BOILERPLATE_DOCS}
            sig = stories.signature(doc.body, boiler, text=text)
            sigs.append(sig)
            for h in sig.paragraphs:
                counts[(doc.source, h)] = counts.get((doc.source, h), 0) + 1
        keys = [stories.band_keys(s.minhash) if not s.short else [] for s in sigs]
        hits = look.bands(con, {k for ks in keys for k in ks})
    except (sqlite3.Error, OSError) as exc:
        raise SidecarFailed from exc
    before = story_rows.take_out(con, ids) if redo else {}
    stored, known = _candidates(con, hits)
    _add_roots(con, known, look, redo)
    return _decide(con, docs, sigs, keys, stored, known, now, seq, (counts, before_counts),
                   look, absorb, before)


def _decide(con: duckdb.DuckDBPyConnection, docs: Sequence[Doc],
            sigs: Sequence[stories.Signature], keys: Sequence[list[int]],
            stored: dict[int, list[str]], known: dict[str, _Member], now: datetime, seq: int,
            paragraph_counts: tuple[dict[tuple[str, int], int], dict[tuple[str, int], int]],
            look: story_lookup.Lookup, absorb: bool, was_in: dict[str, str]) -> AssignResult:
    """Store the story of each doc; count those that started or joined a story
    (an edited article left in the story it was in is neither)."""
    in_batch: dict[int, list[str]] = defaultdict(list)
    out_members: list[tuple[Any, ...]] = []
    out_bands: list[tuple[int, str, int]] = []
    new_stories = new_copies = 0
    left: list[str] = []
    for doc, sig, ks in zip(docs, sigs, keys, strict=True):
        seq += 1
        best: tuple[int, float, int, str] | None = None  # (part, -jaccard, seq, story_id)
        for cand in {a for k in ks for a in stored.get(k, []) + in_batch.get(k, [])}:
            m = known.get(cand)
            if m is None or cand == doc.article_id:
                continue
            ok, j = stories.is_copy(sig, (m.minhash, m.n_shingles))
            if not ok or (best is not None and (0, -j, m.seq) >= best[:3]):
                continue  # a part ranks after every whole: the test below is skipped
            fit = _copy_of_root(doc.body if doc.text is None else doc.text, sig, m, known)
            if fit is not None and (best is None or (fit, -j, m.seq) < best[:3]):
                best = (fit, -j, m.seq, m.story_id)
        story_id = best[3] if best else doc.article_id
        leaves = (was_in.get(doc.article_id) == doc.article_id
                  and (best is None or best[3] != doc.article_id))
        if leaves:
            left.append(doc.article_id)
        if was_in.get(doc.article_id) == story_id:
            pass  # an edit left in the story (of the id) it was in
        elif best:
            new_copies += 1
        else:
            new_stories += 1
        out_members.append((doc.article_id, story_id, seq, doc.source, doc.content_hash,
                            sig.n_shingles, stories.pack(sig.minhash) if ks else None,
                            list(sig.paragraphs), now))
        if ks:
            known[doc.article_id] = _Member(story_id, seq, sig.minhash, sig.n_shingles,
                                            sig.paragraphs)
            for k in ks:
                in_batch[k].append(doc.article_id)
                out_bands.append((k, doc.article_id, seq))
    story_rows.store(con, out_members, out_bands, *paragraph_counts)
    for root in left:
        story_rows.rename_left(con, root)
    rows = ([(m[2], key(m[0]), key(m[4]), m[3], m[7]) for m in out_members],
            [(k, q) for k, _, q in out_bands])
    if not absorb:
        look.wrote(*rows, story_rows.epoch_us(now))  # taken when the batch commits
        return AssignResult(new_stories=new_stories, new_copies=new_copies)
    try:
        look.absorb(*rows)
    except (sqlite3.Error, OSError) as exc:  # a rebuild's sidecar: the caller rolls back
        raise SidecarFailed from exc
    return AssignResult(new_stories=new_stories, new_copies=new_copies)


_REBUILD_ORDER_SQL = """
SELECT a.article_id, a.source, a.content_hash, a.body
FROM articles_latest AS a
LEFT JOIN story_members AS m ON m.article_id = a.article_id
ORDER BY m.seq NULLS LAST, a.first_seen_at, a.article_id
"""


def rebuild(con: duckdb.DuckDBPyConnection, now: datetime | None = None,
            sidecar: story_sidecar.Sidecar | None = None) -> AssignResult:
    """Recompute every story from scratch, in one transaction of the caller's making.

    Articles are replayed in their clustering order (``seq``), then articles
    never clustered (written before migration 007) by first-seen time. With
    ``sidecar`` (a fresh one, not the live file: see :meth:`Sidecar.start_empty`)
    the replay looks up and fills it as it goes; the caller puts it in place
    after the commit.
    """
    when = now or datetime.now(UTC)
    docs = [Doc(str(a), str(s), str(h), str(b))
            for a, s, h, b in con.execute(_REBUILD_ORDER_SQL).fetchall()]
    con.execute("DELETE FROM story_bands")
    con.execute("DELETE FROM story_members")
    con.execute("DELETE FROM story_paragraphs")
    total = AssignResult()
    for i in range(0, len(docs), _REBUILD_CHUNK):
        part = assign(con, docs[i : i + _REBUILD_CHUNK], when, sidecar, seq=i, redo=False,
                      absorb=True)
        total = AssignResult(total.new_stories + part.new_stories,
                             total.new_copies + part.new_copies)
    return total
