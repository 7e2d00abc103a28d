-- Each run's word on this host's clock, kept where `pressroom health` reads it (o45).
--
-- o44 made a host clock set back visible to the run: each source's responses vote
-- (the median of how far each response's Date header was ahead of this host's clock,
-- and the site most of them came from: flows/clock_witness.py), and a run where at
-- least three different sites, and more than half of the sites that sent a Date, are
-- more than 5 minutes ahead prints one warning line. A scheduled run's log is read by
-- nobody, and nothing of it was stored, so `health` could not say it.
--
-- runs gains the source's vote: date_site (the site) and date_ahead_s (seconds its
-- Date was ahead of this host's clock, the median of its responses, rounded; negative:
-- behind). Both NULL when no response of the source sent a readable Date, in rows of
-- turned-away runs ('held', 'skipped'), of runs that never finished ('running',
-- 'crashed': a run killed before its end wrote neither its counters nor its vote), and
-- in every row written before this migration. They are written by the same statement
-- as the row's counters (warehouse/runs.py finish_run), and staged with it when the
-- warehouse stays locked to the run's end (flows/spool.py, merged by the next run).
-- BIGINT: a server may claim the year 9999.
--
-- run_clock: one row per run that has a vote, as warehouse/clock_votes.clock_warning
-- reads them. Sources of one site are one site (the median of their votes); sites:
-- how many voted; ahead: how many are more than 300 s (clock_votes.AHEAD) ahead;
-- ahead_median_s: the median of those (how far behind the warning says this host is);
-- skew_s: the median of every site's vote. started_at is this host's clock, which is
-- what may be wrong: started_at + skew_s is when the run started by the sites' clocks.
--
-- Added without DEFAULT (as 012, 016): DuckLake refuses a default on an added column.
ALTER TABLE runs ADD COLUMN date_site VARCHAR;
ALTER TABLE runs ADD COLUMN date_ahead_s BIGINT;

CREATE VIEW run_clock AS
WITH sites AS (
    SELECT run_id, date_site AS site, min(started_at) AS started_at,
           median(date_ahead_s) AS ahead_s
    FROM runs
    WHERE date_site IS NOT NULL AND date_ahead_s IS NOT NULL
    GROUP BY run_id, date_site
)
SELECT run_id,
       min(started_at) AS started_at,
       count(*) AS sites,
       count(*) FILTER (WHERE ahead_s > 300) AS ahead,
       median(ahead_s) FILTER (WHERE ahead_s > 300) AS ahead_median_s,
       median(ahead_s) AS skew_s
FROM sites
GROUP BY run_id;
