-- http_cache per (source, url): a source's validators describe its own copy (v53).
--
-- Validators were kept per URL, but the stored copy of a feed or child sitemap (read
-- back after a 304), the articles and the "everything behind it was handled" rule
-- (flows/pipeline.py saves a feed's validators only then) are per source. Two sources
-- listing one feed: beta was asked with alpha's newer ETag, got a 304 and read its own
-- older copy, so what the feed gained in between was never stored for beta (r52b;
-- tests/hostile/test_shared_feed_validators_v52.py). Each source now reads and writes
-- only its own rows (warehouse/cache.py): the last answer it handled in full.
--
-- DuckDB cannot change a PRIMARY KEY, so the table is rebuilt as in 013, source last
-- (columns are copied and inserted by name). Existing rows had no source. A row is kept
-- for the source that stored it when one source alone ever asked or stored its URL
-- (fetch_log, pages): that source's runs wrote it, so conditional GETs go on as before.
-- A URL that several sources asked is not kept for any of them: whose answer the row
-- holds is unknown (after alpha's read and beta's 304 it is alpha's ETag, beta's copy
-- is older), so each reads it once in full, as a new source would, and has its own row
-- from then on. Nothing is lost: a full read lists everything a 304 would have hidden.
CREATE TABLE http_cache_021 (
    url           VARCHAR NOT NULL,
    etag          VARCHAR,
    last_modified VARCHAR,
    body_sha256   VARCHAR,
    fetched_at    TIMESTAMPTZ NOT NULL,
    url_key       BIGINT,
    source        VARCHAR NOT NULL,
    PRIMARY KEY (source, url)
);
INSERT INTO http_cache_021 (url, etag, last_modified, body_sha256, fetched_at, url_key, source)
SELECT c.url, c.etag, c.last_modified, c.body_sha256, c.fetched_at, c.url_key, o.source
FROM http_cache AS c
JOIN (
    -- min = max: one source (a plain grouping: 1.5 s for 2M log and 1M page rows, where
    -- count(DISTINCT) over a UNION took 4.1 s; docs/BENCHMARKS.md, v53)
    SELECT url, min(source) AS source
    FROM (SELECT url, source FROM fetch_log UNION ALL SELECT url, source FROM pages)
    GROUP BY url
    HAVING min(source) = max(source)
) AS o ON o.url = c.url;
DROP TABLE http_cache;
ALTER TABLE http_cache_021 RENAME TO http_cache;
