-- runs.run_seq: the order in which the warehouse numbered its runs, which no clock sets (o46).
--
-- Which run is the latest was decided by clocks: this host's (started_at) for `status`
-- and `status --retries`, and for `health`'s clock check (017) this host's clock moved by
-- the sites' (started_at + the run's median Date skew). Both can be wrong, and the
-- second was the check's own subject: three hostile sites claiming the year 9999 made
-- their run sort after every later run, so `health` kept its warning after the clock
-- was right (k45's strict xfail); a clock set back made `status` name the runs written
-- while it was right as the latest.
--
-- run_seq is given by the writer when it first writes a run's row, inside the write
-- transaction (warehouse/run_seq.py): the run's number if another row of the run has
-- one, else one more than the highest stored. Every writer takes its transactions in
-- turn (write_token, 001: a file's connections conflict on it, and so do a lake's
-- writers on every host, DuckLake's conflict check failing the later commit, which is
-- retried), so two runs never get one number and a later-written run gets a higher
-- one. Not a SEQUENCE: DuckLake has none ("DuckLake does not support sequences"), and
-- one code path serves both backends. A run's rows share its number, so it orders runs,
-- not rows; it is given when the run starts (start_run), or, for a run that never
-- wrote before its end (the warehouse locked from its start: its rows staged in the
-- spool), when the merge writes its rows. See warehouse/run_seq.py for what that order
-- means for such a run.
--
-- Rows stored before this migration are numbered in the best order they hold: each
-- run by its earliest started_at, then run_id (this host's clock: what was used
-- before). Added without DEFAULT (as 012, 016, 017): DuckLake refuses a default on an
-- added column.
ALTER TABLE runs ADD COLUMN run_seq BIGINT;
UPDATE runs SET run_seq = n.run_seq
FROM (SELECT run_id, row_number() OVER (ORDER BY min(started_at), run_id) AS run_seq
      FROM runs GROUP BY run_id) AS n
WHERE runs.run_id = n.run_id;

-- run_clock (017) gains run_seq (last: the columns before it keep their places), and
-- groups by it with run_id (one number per run: the same groups), so a filter on run_seq
-- reaches the scan of runs: `health` reads only the latest runs (warehouse/health.py).
CREATE OR REPLACE VIEW run_clock AS
WITH sites AS (
    SELECT run_seq, run_id, date_site AS site, min(started_at) AS started_at,
           median(date_ahead_s) AS ahead_s
    FROM runs
    WHERE date_site IS NOT NULL AND date_ahead_s IS NOT NULL
    GROUP BY run_seq, run_id, date_site
)
SELECT run_id,
       min(started_at) AS started_at,
       count(*) AS sites,
       count(*) FILTER (WHERE ahead_s > 300) AS ahead,
       median(ahead_s) FILTER (WHERE ahead_s > 300) AS ahead_median_s,
       median(ahead_s) AS skew_s,
       run_seq
FROM sites
GROUP BY run_seq, run_id;
