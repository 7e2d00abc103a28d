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
UPDATE http_cache SET etag = NULL, last_modified = NULL
WHERE (etag IS NOT NULL OR last_modified IS NOT NULL)
  AND (
    EXISTS (SELECT 1 FROM fetch_log AS f
            WHERE f.source = http_cache.source AND f.url = http_cache.url
              AND f.status BETWEEN 300 AND 399 AND f.status <> 304)
    OR EXISTS (SELECT 1 FROM pages AS p
               WHERE p.source = http_cache.source AND p.url = http_cache.url
                 AND p.final_url IS NOT NULL AND p.final_url <> p.url)
  );
