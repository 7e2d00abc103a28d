-- Views and macros for analysts (docs/QUERIES.md shows each with real output).
--
-- articles_latest already exists (001). Everything here is read-only SQL over
-- the base tables, so replacing a view later is a cheap migration.

-- Articles per day and source. The day is the publication date in UTC
-- (first-fetch date when the page printed none), taken from each article's
-- first version: one narrow scan of article_versions instead of joining
-- article_state to every version. Days are computed from epoch microseconds
-- (fdiv floors, also before 1970) and only the groups are turned into
-- dates: casting each TIMESTAMPTZ to DATE goes through the ICU time zone
-- code and is ~10x slower, and would follow the session's TimeZone.
CREATE VIEW daily_counts AS
SELECT
    DATE '1970-01-01' + CAST(d AS INTEGER) AS day,
    source,
    n
FROM (
    SELECT fdiv(epoch_us(coalesce(published_at, fetched_at)), 86400000000) AS d,
           source,
           count(*) AS n
    FROM article_versions
    WHERE version = 1
    GROUP BY ALL
);

-- One row per known source: last successful run, last error (a failed run or
-- a failed fetch, whichever is newer), the share of failed fetch attempts
-- over the last 7 days and the average number of new articles per day.
CREATE VIEW source_health AS
WITH names AS (
    SELECT name AS source FROM sources
    UNION SELECT source FROM runs
    UNION SELECT source FROM article_state
),
ok_runs AS (
    SELECT source, max(coalesce(finished_at, started_at)) AS last_success
    FROM runs WHERE status = 'ok' GROUP BY source
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
    -- Over the source's whole history: from its first article to now, at least one day.
    round(a.articles / greatest(date_diff('day', a.first_article_at, now()), 1), 2)
        AS articles_per_day,
    a.last_article_at
FROM names AS n
LEFT JOIN ok_runs AS o ON o.source = n.source
LEFT JOIN last_error AS e ON e.source = n.source
LEFT JOIN fetches_7d AS f ON f.source = n.source
LEFT JOIN articles AS a ON a.source = n.source;

-- search(q): case- and accent-insensitive substring search over the newest
-- version of each article, ranked by the number of occurrences. It needs no
-- extension, so it works in any DuckDB client. Ranked BM25 with stemming,
-- phrases and exclusions is `pressroom search` (a BM25 macro cannot live here:
-- DuckDB binds stem() when the macro is created, so the migration would need
-- the fts extension, and a network download, on every machine).
CREATE MACRO search(q) AS TABLE
WITH hay AS (
    SELECT a.article_id, a.source, a.published_at, a.title, a.url,
           strip_accents(lower(coalesce(a.title, '') || ' ' || a.body)) AS text,
           strip_accents(lower(q)) AS needle
    FROM articles_latest AS a
)
SELECT article_id, source, published_at, title, url,
       (length(text) - length(replace(text, needle, ''))) // length(needle) AS hits
FROM hay
WHERE length(needle) > 0 AND contains(text, needle)
ORDER BY hits DESC, published_at DESC NULLS LAST, article_id;
