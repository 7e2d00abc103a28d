"""Runs and sources (write side): each run's rows as it starts, is turned away and
ends, numbered in the order the warehouse wrote them (:mod:`warehouse.run_seq`).

Every function takes a plain DuckDB connection; :class:`warehouse.Warehouse`
adds locking and error translation on top. Runs whose process is gone are found
and closed by :mod:`warehouse.crashed_runs`.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

import duckdb
import pyarrow as pa

from warehouse.crashed_runs import pid_namespace, process_identity
from warehouse.records import RUN_KINDS, RUN_STATUSES, RunCounts, SourceEnd
from warehouse.run_seq import merge_parts, run_number, runs_has_column
from warehouse.txn import registered, transaction


def start_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    sources: Sequence[str],
    started_at: datetime,
    pid: int,
    host: str | None = None,
    kind: str = "ingest",
) -> None:
    """Record a run of ``kind`` (see RUN_KINDS) as 'running' for each source
    (restarting resets the row), with the identity of process ``pid`` when it runs on
    this host (boot id and start ticks, 019; the pid namespace it was read in, 020:
    :mod:`warehouse.crashed_runs`)."""
    _check_kind(kind)
    if not sources:
        return
    here = socket.gethostname()
    local = host in (None, here)
    boot, ticks = (process_identity(pid) if local else None) or (None, None)
    owner = [boot, ticks, pid_namespace() if local else None]
    table = _sources_table(sources)
    with registered(con, {"_pr_sources": table}), transaction(con):
        seq = run_number(con, run_id)  # kept on a restart: the run has its number (018)
        owned = next((n for n, column in ((3, "pid_ns"), (2, "pid_start_ticks"))
                      if runs_has_column(con, column)), 0)
        con.execute(
            _START_SQL[seq is not None, owned],
            [run_id, started_at, pid, host or here, kind]
            + ([] if seq is None else [seq]) + owner[:owned],
        )


# start_run's MERGE; with the run's number (018) only when the warehouse has run_seq, its
# process's boot id and start ticks (019) and pid namespace (020) only when it has them (a
# restart writes its own).
_START_TEMPLATE = """
MERGE INTO runs AS t
USING (SELECT ? AS run_id, source, ?::TIMESTAMPTZ AS started_at,
              ?::INTEGER AS pid, ?::VARCHAR AS host, ?::VARCHAR AS kind{value}{owner_value}
       FROM _pr_sources) AS x
ON t.run_id = x.run_id AND t.source = x.source
WHEN MATCHED THEN UPDATE SET
    started_at = x.started_at, finished_at = NULL,
    status = 'running', pid = x.pid, host = x.host, kind = x.kind,
    discovered = 0, fetched = 0, new = 0, updated = 0, unchanged = 0,
    failed = 0, error = NULL{set}{owner_set}
WHEN NOT MATCHED THEN INSERT (run_id, source, started_at, status, pid, host,
                              kind{column}{owner_column})
    VALUES (x.run_id, x.source, x.started_at, 'running', x.pid, x.host,
            x.kind{insert}{owner_insert})
"""
# The owner's columns as far as the warehouse has them: none, 019's two, 020's third.
_OWNER = (("boot_id", "VARCHAR"), ("pid_start_ticks", "BIGINT"), ("pid_ns", "VARCHAR"))


def _owner_parts(owned: int) -> dict[str, str]:
    columns = _OWNER[:owned]
    return {"owner_value": "".join(f", ?::{kind} AS {c}" for c, kind in columns),
            "owner_set": "".join(f", {c} = x.{c}" for c, _ in columns),
            "owner_column": "".join(f", {c}" for c, _ in columns),
            "owner_insert": "".join(f", x.{c}" for c, _ in columns)}


_START_SQL = {
    (numbered, owned): _START_TEMPLATE.format(**merge_parts(numbered), **_owner_parts(owned))
    for numbered in (False, True) for owned in (0, 2, 3)}


def record_held(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    sources: Sequence[str],
    held_at: datetime,
    pid: int,
    host: str | None = None,
    *,
    status: str = "held",
    kind: str = "ingest",
    held_by: Mapping[str, str | None] | None = None,
) -> None:
    """Record that run ``run_id`` (of ``kind``) found each of ``sources`` held by another
    run: one row per source, ``status`` 'held' (a backfill held an ingest, migration 013)
    or 'skipped' (any other holder, 014), started and finished at ``held_at``, no
    counters and no error (it is no failure), ``held_by`` the holder's run_id per source
    (None: unknown). Recording it again changes nothing."""
    if status not in ("held", "skipped"):
        raise ValueError(f"a turned-away run is held or skipped: {status!r}")
    _check_kind(kind)
    if not sources:
        return
    names = list(dict.fromkeys(sources))
    holders = held_by or {}
    table = pa.Table.from_pydict(
        {"source": names, "held_by": [holders.get(n) for n in names]},
        schema=pa.schema([("source", pa.string()), ("held_by", pa.string())]))
    with registered(con, {"_pr_sources": table}), transaction(con):
        seq = run_number(con, run_id)
        con.execute(_HELD_SQL[seq is not None],
                    [run_id, held_at, pid, host or socket.gethostname(), status, kind]
                    + ([] if seq is None else [seq]))


_HELD_TEMPLATE = """
MERGE INTO runs AS t
USING (SELECT ? AS run_id, source, held_by, ?::TIMESTAMPTZ AS held_at,
              ?::INTEGER AS pid, ?::VARCHAR AS host, ?::VARCHAR AS status,
              ?::VARCHAR AS kind{value} FROM _pr_sources) AS x
ON t.run_id = x.run_id AND t.source = x.source
WHEN NOT MATCHED THEN INSERT (run_id, source, started_at, finished_at, status,
                              pid, host, kind, held_by{column})
    VALUES (x.run_id, x.source, x.held_at, x.held_at, x.status, x.pid, x.host,
            x.kind, x.held_by{insert})
"""
_HELD_SQL = {numbered: _HELD_TEMPLATE.format(**merge_parts(numbered))
             for numbered in (False, True)}


def _check_kind(kind: str) -> None:
    if kind not in RUN_KINDS:
        raise ValueError(f"a run's kind is ingest or backfill: {kind!r}")


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    source: str,
    counts: RunCounts,
    status: str,
    error: str | None,
    finished_at: datetime,
    kind: str = "ingest",
    started_at: datetime | None = None,
    merged_at: datetime | None = None,
    from_versions: bool = False,
    vote: tuple[str, int] | None = None,
) -> None:
    """Close a run row with its counters; creates the row (of ``kind``) if start_run
    was skipped (a run that found the file locked), started at ``started_at``
    (default: ``finished_at``).

    ``vote``: the source's word on this host's clock (site, seconds its ``Date`` was
    ahead), written by the same statement as the counters (017); None: as before 017.

    ``merged_at``: a row the run staged in the spool, written by a later merge at that
    time (migration 016). It is written only while the stored row has no ``merged_at``
    (none yet, 'running', or marked crashed meanwhile), so merging the same staged row
    again, after a crash before its spool file went, changes nothing. Its ``new`` and
    ``updated`` are the versions the run's articles stored (k41c): a merge cut between
    the run's batches and its row counted only the batches after the cut. So are a
    run's own when ``from_versions`` (it staged batches: another run may have merged
    some of them, uncounted by this one)."""
    with transaction(con):
        _finish(con, run_id, SourceEnd(source, counts, status, error, from_versions, vote),
                finished_at, kind, started_at, merged_at, run_number(con, run_id))


def finish_runs(con: duckdb.DuckDBPyConnection, run_id: str, ends: Sequence[SourceEnd],
                finished_at: datetime, kind: str = "ingest",
                started_at: datetime | None = None) -> None:
    """:func:`finish_run` for each of a run's sources, in one transaction: a reader (a
    lake's, or `health` after a kill mid-way) sees all of the run's rows closed, with
    their votes on this host's clock, or none (o45)."""
    with transaction(con):  # a bad status or kind: ValueError, nothing written
        seq = run_number(con, run_id)
        for end in ends:
            _finish(con, run_id, end, finished_at, kind, started_at, None, seq)


def _finish(con: duckdb.DuckDBPyConnection, run_id: str, end: SourceEnd,
            finished_at: datetime, kind: str, started_at: datetime | None,
            merged_at: datetime | None, seq: int | None) -> None:
    """One source's row; ``seq``: the run's number (:func:`warehouse.run_seq.run_number`,
    read in this transaction: a run that wrote nothing before its end gets it now), None
    before migration 018."""
    if end.status not in RUN_STATUSES - {"running", "held", "skipped"}:
        raise ValueError(
            f"finish_run status must be ok, partial, failed or crashed: {end.status!r}")
    _check_kind(kind)
    counts = end.counts
    if merged_at is not None or end.from_versions:
        counts = _stored_by_run(con, run_id, end.source, counts)
    params = [run_id, end.source, started_at or finished_at, finished_at, end.status,
              counts.discovered, counts.fetched, counts.new, counts.updated,
              counts.unchanged, counts.failed, end.error, kind]
    if merged_at is not None:
        params.append(merged_at)
    if end.vote is not None:
        params.extend(end.vote)
    if seq is not None:
        params.append(seq)
    con.execute(_FINISH_SQL[merged_at is not None, end.vote is not None, seq is not None],
                params)


def _stored_by_run(con: duckdb.DuckDBPyConnection, run_id: str, source: str,
                   counts: RunCounts) -> RunCounts:
    """A staged row's counters as the warehouse holds them (k41c): ``new`` and ``updated``
    are the run's version rows (first versions, later ones), whichever merge stored them,
    the run itself included (a run that had the lock for a while). The merge's own count
    missed the batches a merge cut short had stored before the row, and counted a batch
    replayed after such a cut (committed, its file not yet gone) as unchanged. So
    ``unchanged`` (no row says it) is what the merge counted, at most the URLs the run
    listed that are neither new nor updated."""
    found = con.execute(
        "SELECT count(*) FILTER (WHERE version = 1), count(*) FILTER (WHERE version > 1) "
        "FROM article_versions WHERE run_id = ? AND source = ?", [run_id, source]).fetchone()
    new, updated = (int(found[0]), int(found[1])) if found else (0, 0)
    unchanged = min(counts.unchanged, max(0, counts.discovered - new - updated))
    return replace(counts, new=new, updated=updated, unchanged=unchanged)


# finish_run's MERGE; a staged row's (merged_at) matches a stored row only while that
# row has no merged_at, so it is written once. A run's own row never names merged_at:
# it is written as before migration 016 (and on a file not yet migrated, in tests);
# nor the vote's columns (017) when it has no vote; run_seq (018) last, when the
# warehouse has it (warehouse.run_seq).
_FINISH_TEMPLATE = """
MERGE INTO runs AS t
USING (SELECT ?::VARCHAR AS run_id, ?::VARCHAR AS source,
              ?::TIMESTAMPTZ AS started_at, ?::TIMESTAMPTZ AS finished_at,
              ?::VARCHAR AS status, ?::INTEGER AS discovered, ?::INTEGER AS fetched,
              ?::INTEGER AS new, ?::INTEGER AS updated, ?::INTEGER AS unchanged,
              ?::INTEGER AS failed, ?::VARCHAR AS error, ?::VARCHAR AS kind{value}{seq_value}
      ) AS x
ON t.run_id = x.run_id AND t.source = x.source
WHEN MATCHED{once} THEN UPDATE SET
    finished_at = x.finished_at, status = x.status,
    discovered = x.discovered, fetched = x.fetched,
    new = x.new, updated = x.updated,
    unchanged = x.unchanged, failed = x.failed,
    error = x.error{set_}{seq_set}
WHEN NOT MATCHED THEN INSERT (run_id, source, started_at, finished_at, status,
                              discovered, fetched, new, updated, unchanged,
                              failed, error, kind{column}{seq_column})
    VALUES (x.run_id, x.source, x.started_at, x.finished_at, x.status,
            x.discovered, x.fetched, x.new, x.updated, x.unchanged,
            x.failed, x.error, x.kind{insert}{seq_insert})
"""


def _finish_sql(merged: bool, voted: bool, numbered: bool) -> str:
    """finish_run's MERGE, naming merged_at (016) and the vote (017) only when given,
    run_seq (018) when the warehouse has it."""
    extra = ([("merged_at", "TIMESTAMPTZ")] if merged else []) + (
        [("date_site", "VARCHAR"), ("date_ahead_s", "BIGINT")] if voted else [])
    return _FINISH_TEMPLATE.format(
        value="".join(f", ?::{kind} AS {name}" for name, kind in extra),
        once=" AND t.merged_at IS NULL" if merged else "",
        set_="".join(f", {name} = x.{name}" for name, _ in extra),
        column="".join(f", {name}" for name, _ in extra),
        insert="".join(f", x.{name}" for name, _ in extra),
        **{f"seq_{k}": v for k, v in merge_parts(numbered).items()})


_FINISH_SQL = {(m, v, n): _finish_sql(m, v, n)
               for m in (False, True) for v in (False, True) for n in (False, True)}


def upsert_sources(
    con: duckdb.DuckDBPyConnection, configs: Mapping[str, Mapping[str, Any]], now: datetime
) -> None:
    """Store each source's config; ``updated_at`` moves only when the config changed."""
    if not configs:
        return
    table = pa.Table.from_pydict(
        {
            "name": list(configs),
            "config": [
                json.dumps(dict(cfg), sort_keys=True, default=str) for cfg in configs.values()
            ],
        },
        schema=pa.schema([("name", pa.string()), ("config", pa.string())]),
    )
    with registered(con, {"_pr_sources": table}), transaction(con):
        con.execute(
            """
            MERGE INTO sources AS t
            USING (SELECT name, config::JSON AS config, ?::TIMESTAMPTZ AS updated_at
                   FROM _pr_sources) AS x
            ON t.name = x.name
            WHEN MATCHED THEN UPDATE SET
                updated_at = CASE WHEN t.config::VARCHAR <> x.config::VARCHAR
                                  THEN x.updated_at ELSE t.updated_at END,
                config = x.config
            WHEN NOT MATCHED THEN INSERT (name, config, updated_at)
                VALUES (x.name, x.config, x.updated_at)
            """,
            [now],
        )


def _sources_table(sources: Sequence[str]) -> pa.Table:
    """The distinct ``sources``, in order, as a one-column Arrow table to MERGE from."""
    return pa.Table.from_pydict(
        {"source": list(dict.fromkeys(sources))}, schema=pa.schema([("source", pa.string())])
    )
