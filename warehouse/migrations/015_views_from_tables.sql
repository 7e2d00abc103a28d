-- Every view and macro reads tables only, so EXPORT DATABASE / IMPORT DATABASE
-- round-trips the warehouse (ops39).
--
-- DuckDB 1.5.5's EXPORT DATABASE writes schema.sql as: tables, then macros, then
-- views, each kind in name order (not creation order, not dependency order), and
-- IMPORT DATABASE runs it as written; a macro or view binds what it reads when it is
-- created. Before this migration three objects read a view made later in that order,
-- so IMPORT DATABASE into a new file failed at the first of them and the backup could
-- not be restored:
--   search (002)    read articles_latest: macros come before every view;
--   articles (007)  read articles_latest: 'articles' sorts before 'articles_latest';
--   stories (007)   read articles: it followed articles, so failed with it (and
--                   would under any order that put it first).
-- They are redefined here from the tables, with the same columns in the same order
-- and the same rows (tests/warehouse/test_views_from_tables.py checks both on a
-- populated warehouse migrated from 014, and that every view and macro can be
-- created from the tables alone, in any order). articles_latest, daily_counts and
-- source_health already read tables only and are not touched. No table or row
-- changes; article text is not touched.

-- articles (007): articles_latest's columns (005), then story_id.
CREATE OR REPLACE VIEW articles AS
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
    v.run_id,
    coalesce(m.story_id, s.article_id) AS story_id
FROM article_state AS s
JOIN article_versions AS v
  ON v.article_id = s.article_id AND v.version = s.latest_version
LEFT JOIN story_members AS m ON m.article_id = s.article_id;

-- stories (007), its copies read from the tables as articles reads them.
CREATE OR REPLACE VIEW stories AS
WITH copies AS (
    SELECT coalesce(m.story_id, s.article_id) AS story_id,
           s.article_id,
           s.source,
           v.title,
           coalesce(v.published_at, s.first_seen_at) AS copy_at
    FROM article_state AS s
    JOIN article_versions AS v
      ON v.article_id = s.article_id AND v.version = s.latest_version
    LEFT JOIN story_members AS m ON m.article_id = s.article_id
)
SELECT
    story_id,
    min(copy_at) AS first_published_at,
    arg_min(source, (copy_at, article_id)) AS first_source,
    list(DISTINCT source ORDER BY source) AS sources,
    count(DISTINCT source) AS n_sources,
    count(*) AS n_articles,
    arg_min(title, (copy_at, article_id)) AS title,
    max(copy_at) AS last_published_at
FROM copies
GROUP BY story_id;

-- search(q) (002), over the newest version of each article read from the tables.
CREATE OR REPLACE MACRO search(q) AS TABLE
WITH hay AS (
    SELECT s.article_id, s.source, v.published_at, v.title, s.url,
           strip_accents(lower(coalesce(v.title, '') || ' ' || v.body)) AS text,
           strip_accents(lower(q)) AS needle
    FROM article_state AS s
    JOIN article_versions AS v
      ON v.article_id = s.article_id AND v.version = s.latest_version
)
SELECT article_id, source, published_at, title, url,
       (length(text) - length(replace(text, needle, ''))) // length(needle) AS hits
FROM hay
WHERE length(needle) > 0 AND contains(text, needle)
ORDER BY hits DESC, published_at DESC NULLS LAST, article_id;
