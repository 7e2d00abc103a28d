-- http_cache rows of URLs answered through a redirect keep no validators (k54s).
--
-- Before s54 (d8d5f3d) a feed, child sitemap or article read through a redirect had its
-- row keep the target's ETag and Last-Modified under the URL asked. Once that URL stopped
-- redirecting and served its own list or page under the same Last-Modified (a generator
-- stamping every file with one generation time), it was asked with If-Modified-Since,
-- answered 304, and the copy stored under it (the target's) was read back: its own
-- articles were never fetched (tests/hostile/test_legacy_redirect_validators_k54s.py).
-- s54 writes only the body's hash for such an answer; this drops the validators of the
-- rows written before it: every row whose URL answered this source a redirect (a 3xx
-- other than 304 in fetch_log) or was stored through one (pages.final_url). The hash
-- stays, so the same bytes are still no new archived copy; the next answer of the URL's
-- own (a 200 with no redirect) writes its validators again. Nothing is lost: a request
-- without validators lists everything a 304 would have hidden; the cost is one full read
-- of each such URL.
-- The URLs are gathered in a work table first: a step that only changes rows would commit
-- twice when two hosts' first runs migrate one lake at once (DuckLake's conflict check
-- refuses the second only for a catalog change; tests/warehouse/test_lake_migration_race.py).
CREATE TABLE redirected_022 (source VARCHAR, url VARCHAR);
INSERT INTO redirected_022
SELECT source, url FROM fetch_log WHERE status BETWEEN 300 AND 399 AND status <> 304
UNION
SELECT source, url FROM pages WHERE final_url IS NOT NULL AND final_url <> url;
UPDATE http_cache SET etag = NULL, last_modified = NULL
WHERE (etag IS NOT NULL OR last_modified IS NOT NULL)
  AND EXISTS (SELECT 1 FROM redirected_022 AS r
              WHERE r.source = http_cache.source AND r.url = http_cache.url);
DROP TABLE redirected_022;
