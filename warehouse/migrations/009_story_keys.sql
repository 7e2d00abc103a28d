-- Story index lookups on numbers (warehouse/keys.py, warehouse/story_index.py).
--
-- Each batch asked story_members whether its articles were clustered (a join on
-- article_id and content_hash) and read the signatures of its band-key
-- candidates by a join on article_id: text scans of tables that grow with the
-- warehouse (about 0.7 s and 0.8 s per batch at 100k articles on the dev box
-- under load). Members now carry the keys of their id and content, bands the
-- seq of their member: a batch reads BIGINT columns to find its rows, and
-- story_members (appended in seq order, so its row groups' seq ranges do not
-- overlap) only in the row groups holding a candidate's seq.
ALTER TABLE story_members ADD COLUMN id_key BIGINT;       -- of article_id
ALTER TABLE story_members ADD COLUMN content_key BIGINT;  -- of content_hash
UPDATE story_members SET
    id_key = (md5_number_lower(article_id) >> 1)::BIGINT,
    content_key = (md5_number_lower(content_hash) >> 1)::BIGINT;

ALTER TABLE story_bands ADD COLUMN seq BIGINT;            -- story_members.seq of article_id
UPDATE story_bands AS b SET seq = m.seq
FROM story_members AS m WHERE m.article_id = b.article_id;
