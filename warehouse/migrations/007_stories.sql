-- Story clusters: near-duplicate copies of one release share a story_id.
--
-- warehouse/stories.py decides membership (MinHash over word 5-shingles, banded
-- LSH, confirmed by the estimated Jaccard); warehouse/story_index.py keeps these
-- tables as articles are written, in the same transaction as the batch.
-- Like the other growing tables they carry no index (see 001_init.sql).

-- One row per article that has been clustered (its latest content).
CREATE TABLE story_members (
    article_id   VARCHAR NOT NULL,   -- key, kept by story_index.assign
    story_id     VARCHAR NOT NULL,   -- the article_id of the story's first copy
    seq          BIGINT NOT NULL,    -- clustering order; --rebuild replays it
    source       VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,   -- the content the signature was made from
    n_shingles   INTEGER NOT NULL,   -- 0: too short to cluster, a story of its own
    minhash      BLOB,               -- num_perm little-endian uint32; NULL when short
    paragraphs   BIGINT[] NOT NULL,  -- hashes of its paragraphs, counted in story_paragraphs
    assigned_at  TIMESTAMPTZ NOT NULL
);

-- Banded LSH keys: one row per (article, band). A new article's candidates are
-- the rows sharing one of its keys, so nothing is compared all-pairs.
CREATE TABLE story_bands (
    band_key   BIGINT NOT NULL,      -- hash of (band number, the band's minhash values)
    article_id VARCHAR NOT NULL
);

-- Paragraphs per source and how many of the source's documents carry them:
-- a paragraph already seen in an earlier document of one source is that
-- source's boilerplate ("Follow us on ...") or background paragraph, and is
-- left out of later signatures (warehouse/stories.py says why).
CREATE TABLE story_paragraphs (
    source    VARCHAR NOT NULL,
    para_hash BIGINT NOT NULL,
    docs      INTEGER NOT NULL
);

-- articles gains story_id (every column of 005's view is kept). An article
-- written before this migration is its own story until `pressroom stories
-- --rebuild` clusters the whole warehouse.
CREATE OR REPLACE VIEW articles AS
SELECT a.*, coalesce(m.story_id, a.article_id) AS story_id
FROM articles_latest AS a
LEFT JOIN story_members AS m ON m.article_id = a.article_id;

-- One row per story. The "earliest copy" is the one with the earliest
-- publication time (first-seen time when the page printed none), ties by article_id.
CREATE VIEW stories AS
WITH copies AS (
    SELECT story_id, article_id, source, title,
           coalesce(published_at, first_seen_at) AS copy_at
    FROM articles
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
