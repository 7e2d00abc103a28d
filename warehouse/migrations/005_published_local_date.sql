-- The day and UTC offset the page printed its publication date in.
--
-- published_at is a TIMESTAMPTZ: an instant, which DuckDB does not store with
-- its offset. A release published at 00:30 in Minsk (+03:00) is 21:30 UTC the
-- day before, so "published on 2019-11-16" could not be asked of the instant
-- alone. These two columns keep what the page said:
--   published_local_date          the calendar day in the page's own offset
--   published_utc_offset_minutes  that offset, minutes east of UTC (+180 for Minsk);
--                                 0 also when the page gave no offset and the
--                                 source has no timezone (the time is then read as UTC)
-- Both are derived from the parsed datetime (parsers.article.local_day_and_offset)
-- and written with every new version. Rows stored before this migration have
-- NULL in both: `pressroom reparse` fills them from the raw archive in place,
-- without a new version, for every latest version whose re-parsed text is
-- unchanged and whose re-parsed published_at is the same instant as the stored
-- one (warehouse/writes.py, _REFRESH_DATES_SQL). A row whose re-parsed date is
-- another instant keeps NULL: its stored published_at is not rewritten.
ALTER TABLE article_versions ADD COLUMN published_local_date DATE;
ALTER TABLE article_versions ADD COLUMN published_utc_offset_minutes INTEGER;

-- Views are recreated with the new columns after published_at (002's views and
-- macro name their columns and need no change).
CREATE OR REPLACE VIEW articles_latest AS
SELECT
    s.article_id,
    s.source,
    s.url,
    s.canonical_url,
    v.title,
    v.body,
    v.published_at,
    v.published_local_date,
    v.published_utc_offset_minutes,
    v.modified_at,
    v.authors,
    v.language,
    v.description,
    v.image_url,
    v.tags,
    v.section,
    v.dateline_place,
    v.dateline_agency,
    s.content_hash,
    s.first_seen_at,
    s.last_seen_at,
    s.last_fetched_at,
    s.latest_version AS version,
    v.fetched_at AS version_fetched_at,
    v.run_id
FROM article_state AS s
JOIN article_versions AS v
  ON v.article_id = s.article_id AND v.version = s.latest_version;

CREATE OR REPLACE VIEW articles AS SELECT * FROM articles_latest;
