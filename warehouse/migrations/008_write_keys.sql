-- 64-bit keys for the write path's lookups (warehouse/keys.py).
--
-- Every batch looks its articles and URLs up in article_state and seen_urls.
-- Those tables carry no index (001_init.sql), so each lookup is a scan, and
-- scanning the text columns (article_id, url) made the cost per batch grow
-- with the warehouse: 10.3k articles/s at 10k rows, 1.2k/s at 1M. The write
-- path now reads only these BIGINT columns (md5_number_lower of the text) and
-- small numeric ones, once per batch, and writes new rows without anti-joins.
-- The text columns stay the truth; integrity_problems() checks the keys
-- against them.
ALTER TABLE article_state ADD COLUMN id_key BIGINT;       -- of article_id
ALTER TABLE article_state ADD COLUMN url_key BIGINT;      -- of url (moves with it)
ALTER TABLE article_state ADD COLUMN canon_key BIGINT;    -- of canonical_url
ALTER TABLE article_state ADD COLUMN content_key BIGINT;  -- of content_hash
UPDATE article_state SET
    id_key = (md5_number_lower(article_id) >> 1)::BIGINT,
    url_key = (md5_number_lower(url) >> 1)::BIGINT,
    canon_key = (md5_number_lower(canonical_url) >> 1)::BIGINT,
    content_key = (md5_number_lower(content_hash) >> 1)::BIGINT;

ALTER TABLE seen_urls ADD COLUMN url_key BIGINT;          -- of url
UPDATE seen_urls SET url_key = (md5_number_lower(url) >> 1)::BIGINT;
