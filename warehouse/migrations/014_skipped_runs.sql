-- 'skipped' runs, and the run that held a source: an ingest turned away by another
-- run of the source is recorded, and a turned-away row names its holder.
--
-- Two runs of one source never both write: the second takes no run lock and skips
-- the source (README, "Overlapping runs"). 013 records the case where a backfill
-- holds it ('held', exit 4: the run owes its work to the next one). A run turned
-- away by another ingest (or any run but a backfill holding it from an ingest) left
-- no row, so SQL could not tell it happened. It is not 'held': it exits 0, the run
-- holding the source does its work, and `status` counts held runs as work a
-- backfill is keeping waiting; so it gets its own status, 'skipped' (the word the
-- ingest-summary artifact already uses for it), with the same row shape as 'held':
-- counters 0, no error, started_at = finished_at = when the run found it held.
--
-- held_by: the run_id of the run that held the source, read from its lock file when
-- the row was written (both 'held' and 'skipped' rows; NULL in rows written before
-- this migration, when the holder wrote no run_id in its lock file, e.g. a reparse,
-- and in every other status). SQL names the holder from it instead of by overlapping
-- time ranges, which a stale 'running' row makes ambiguous.
--
-- runs.status gains 'skipped' and runs gains held_by (last). DuckDB cannot drop a
-- CHECK constraint, so the table is rebuilt as in 003 and 013, every row copied by
-- name. The lake has no CHECK (warehouse/lake_schema.py) and runs the same statements.
CREATE TABLE runs_014 (
    run_id      VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    status      VARCHAR NOT NULL
                CHECK (status IN ('running', 'ok', 'partial', 'failed', 'crashed', 'held',
                                  'skipped')),
    pid         INTEGER,
    host        VARCHAR,
    discovered  INTEGER NOT NULL DEFAULT 0,
    fetched     INTEGER NOT NULL DEFAULT 0,
    new         INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0,
    error       VARCHAR,
    kind        VARCHAR,
    held_by     VARCHAR,
    PRIMARY KEY (run_id, source)
);
INSERT INTO runs_014 (run_id, source, started_at, finished_at, status, pid, host,
                      discovered, fetched, new, updated, unchanged, failed, error, kind)
SELECT run_id, source, started_at, finished_at, status, pid, host,
       discovered, fetched, new, updated, unchanged, failed, error, kind
FROM runs;
DROP TABLE runs;
ALTER TABLE runs_014 RENAME TO runs;
