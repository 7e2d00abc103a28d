-- Per-URL retry schedule, and 'partial' runs.
--
-- Before this migration a URL whose fetch failed for good (a 403 from a
-- firewall, a 404 during a deploy, a robots.txt Disallow later lifted) was
-- written to seen_urls as 'gone' and never asked for again. Now such a URL
-- gets a row here instead: it is retried after a backoff (see
-- warehouse/retries.py for the schedule) and given up only after the last
-- step, with the reason of its latest failure kept.
--
-- Small table (failures only), so it keeps a real primary key.
CREATE TABLE url_retries (
    url             VARCHAR PRIMARY KEY,
    source          VARCHAR NOT NULL,
    state           VARCHAR NOT NULL CHECK (state IN ('pending', 'given_up')),
    attempts        INTEGER NOT NULL,      -- failed runs so far
    first_failed_at TIMESTAMPTZ NOT NULL,
    last_failed_at  TIMESTAMPTZ NOT NULL,
    next_attempt_at TIMESTAMPTZ,           -- NULL once given up
    error_class     VARCHAR NOT NULL,      -- of the latest failure
    error           VARCHAR,
    status          INTEGER,               -- HTTP status of the latest failure, if any
    run_id          VARCHAR                -- run of the latest failure
);

-- Old 'gone' marks become retries due at once: the next run asks again, and
-- the schedule takes over from there. The reason is the URL's latest failed
-- fetch_log row (unknown when the log was pruned).
INSERT INTO url_retries
SELECT s.url, s.source, 'pending', 1, s.first_seen_at, s.last_seen_at, now(),
       coalesce(l.error_class, 'unknown'), l.error, l.status, l.run_id
FROM seen_urls AS s
LEFT JOIN (
    SELECT url, error_class, error, status, run_id FROM fetch_log
    WHERE error_class IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY url ORDER BY started_at DESC, attempt DESC) = 1
) AS l ON l.url = s.url
WHERE s.kind = 'gone'
QUALIFY row_number() OVER (PARTITION BY s.url ORDER BY s.last_seen_at DESC) = 1;

DELETE FROM seen_urls WHERE kind = 'gone';

-- runs.status gains 'partial' (the source ran, but some URLs failed). DuckDB
-- cannot drop a CHECK constraint, so the table is rebuilt with the same
-- columns in the same order; the views over it bind by name at query time.
CREATE TABLE runs_003 (
    run_id      VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    status      VARCHAR NOT NULL
                CHECK (status IN ('running', 'ok', 'partial', 'failed', 'crashed')),
    pid         INTEGER,
    host        VARCHAR,
    discovered  INTEGER NOT NULL DEFAULT 0,
    fetched     INTEGER NOT NULL DEFAULT 0,
    new         INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0,
    error       VARCHAR,
    PRIMARY KEY (run_id, source)
);
INSERT INTO runs_003 SELECT * FROM runs;
DROP TABLE runs;
ALTER TABLE runs_003 RENAME TO runs;

-- source_health (002) gains the retry picture: URLs pending retry, the next
-- attempt, URLs given up. A 'partial' run counts as a success (the source was
-- read and what could be stored was); its failed URLs show up here instead.
CREATE OR REPLACE VIEW source_health AS
WITH names AS (
    SELECT name AS source FROM sources
    UNION SELECT source FROM runs
    UNION SELECT source FROM article_state
),
ok_runs AS (
    SELECT source, max(coalesce(finished_at, started_at)) AS last_success
    FROM runs WHERE status IN ('ok', 'partial') GROUP BY source
),
run_errors AS (
    SELECT source, coalesce(finished_at, started_at) AS error_at,
           status || ': ' || coalesce(error, 'no message') AS error
    FROM runs WHERE status IN ('failed', 'crashed') OR error IS NOT NULL
),
fetch_errors AS (
    SELECT source, started_at AS error_at,
           error_class || coalesce(': ' || error, '') || ' (' || url || ')' AS error
    FROM fetch_log WHERE error_class IS NOT NULL
),
last_error AS (
    SELECT source, error_at, error FROM (
        SELECT * FROM run_errors UNION ALL SELECT * FROM fetch_errors
    )
    QUALIFY row_number() OVER (PARTITION BY source ORDER BY error_at DESC, error) = 1
),
fetches_7d AS (
    SELECT source,
           count(*) AS attempts,
           count(*) FILTER (WHERE error_class IS NOT NULL) AS failed
    FROM fetch_log
    WHERE started_at >= now() - INTERVAL 7 DAY
    GROUP BY source
),
articles AS (
    SELECT source,
           count(*) AS articles,
           count(*) FILTER (WHERE first_seen_at >= now() - INTERVAL 7 DAY) AS new_7d,
           min(first_seen_at) AS first_article_at,
           max(first_seen_at) AS last_article_at
    FROM article_state GROUP BY source
),
retries AS (
    SELECT source,
           count(*) FILTER (WHERE state = 'pending') AS pending_retry,
           min(next_attempt_at) FILTER (WHERE state = 'pending') AS next_retry_at,
           count(*) FILTER (WHERE state = 'given_up') AS given_up
    FROM url_retries GROUP BY source
)
SELECT
    n.source,
    o.last_success,
    e.error_at AS last_error_at,
    e.error AS last_error,
    coalesce(f.attempts, 0) AS fetches_7d,
    coalesce(f.failed, 0) AS failed_fetches_7d,
    round(f.failed / nullif(f.attempts, 0), 4) AS error_rate_7d,
    coalesce(a.articles, 0) AS articles,
    round(coalesce(a.new_7d, 0) / 7.0, 2) AS articles_per_day_7d,
    round(a.articles / greatest(date_diff('day', a.first_article_at, now()), 1), 2)
        AS articles_per_day,
    a.last_article_at,
    coalesce(r.pending_retry, 0) AS pending_retry,
    r.next_retry_at,
    coalesce(r.given_up, 0) AS given_up
FROM names AS n
LEFT JOIN ok_runs AS o ON o.source = n.source
LEFT JOIN last_error AS e ON e.source = n.source
LEFT JOIN fetches_7d AS f ON f.source = n.source
LEFT JOIN articles AS a ON a.source = n.source
LEFT JOIN retries AS r ON r.source = n.source;

