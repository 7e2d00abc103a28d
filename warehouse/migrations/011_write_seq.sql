-- A write sequence for article_versions: the search index's watermark.
--
-- The index (warehouse/search_index.py) records how far it has read
-- article_versions, and every row past that mark is the unindexed tail that
-- each search scans. The mark was a rowid, and a rowid is a position: the
-- compaction of a table's trailing row groups (warehouse/compaction.py)
-- rewrites rows at other positions, so article_versions had to be left out of
-- it and gained a row group per run that stored articles (issue 15). seq is
-- filled by the writer at insert, one higher than any stored row's
-- (warehouse/article_writes.py, NEXT_SEQ_SQL), within the write transaction
-- that every writer takes in turn (write_token), so it follows the commit
-- order and moves with a row when the row is rewritten.
--
-- Rows stored before this migration get their rowid: their position is their
-- write order (article_versions was never compacted and rows are never
-- deleted), and an index built before keeps meaning what it recorded (its
-- watermark was the highest rowid indexed). The text is not touched.
ALTER TABLE article_versions ADD COLUMN seq BIGINT;
UPDATE article_versions SET seq = rowid;
