-- A 64-bit key for http_cache's url (warehouse/keys.py, warehouse/cache.py).
--
-- http_cache grows with the archive: the pipeline keeps the validators of every
-- article it fetched. Each batch upserted its validators with a MERGE joined on
-- the url text, and each run read them by a join on it, so both scanned every
-- stored url: with 1M rows, 190-500 ms per batch on the dev box under load (its
-- PRIMARY KEY index is not used for either). They now find rows by this key,
-- then read and update them by position (warehouse/rowranges.py).
ALTER TABLE http_cache ADD COLUMN url_key BIGINT;         -- of url
UPDATE http_cache SET url_key = (md5_number_lower(url) >> 1)::BIGINT;
