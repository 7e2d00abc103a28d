-- 'held' runs: a scheduled run that a backfill turned away is recorded.
--
-- A backfill holds its source's run lock for as long as it runs (hours, for
-- years of sitemaps); an `ingest` of that source meanwhile fetches nothing for
-- it and exits 4 (README, "Exit codes"). Before this migration such a run left
-- no row, so SQL could not tell a scheduled run that was held from one that
-- never started. It now writes one row per held source, like any other
-- source of a run: runs is one row per (run, source) and status is what
-- became of that source in that run, so 'held' is a status, not a kind (the
-- run is still an 'ingest'). A held row has no counters (all 0), no error
-- (it is no failure: source_health and `status` read errors from this column),
-- and started_at = finished_at = the moment the run found the source held.
--
-- runs.status gains 'held'. DuckDB cannot drop a CHECK constraint, so the table
-- is rebuilt as in 003 with the same columns in the same order (012's kind
-- last) and every row copied by name; the views over it bind by name at query
-- time. The lake has no CHECK (warehouse/lake_schema.py drops it from the
-- CREATE TABLE) and runs the same statements.
CREATE TABLE runs_013 (
    run_id      VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    status      VARCHAR NOT NULL
                CHECK (status IN ('running', 'ok', 'partial', 'failed', 'crashed', 'held')),
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
    PRIMARY KEY (run_id, source)
);
INSERT INTO runs_013 (run_id, source, started_at, finished_at, status, pid, host,
                      discovered, fetched, new, updated, unchanged, failed, error, kind)
SELECT run_id, source, started_at, finished_at, status, pid, host,
       discovered, fetched, new, updated, unchanged, failed, error, kind
FROM runs;
DROP TABLE runs;
ALTER TABLE runs_013 RENAME TO runs;
