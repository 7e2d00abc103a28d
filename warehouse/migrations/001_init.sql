-- Initial schema.
--
-- Article text is append-only (article_versions): DuckDB rewrites whole column
-- segments when updated text is checkpointed, so a changed article is a new
-- version row and only the narrow article_state row is updated in place.
--
-- Keys of the growing tables (article_versions, article_state, pages,
-- seen_urls) are NOT declared as PRIMARY KEY: with an index, every checkpoint
-- costs time proportional to the whole table, not to what changed. Measured
-- on 1.5.5: a 100-row append + checkpoint takes ~0.01 s without an index and
-- 0.2-0.5 s with one (20k rows of 5 KB text, or 300k narrow rows), and the
-- file grows faster; flows close the file after every batch, which
-- checkpoints. Uniqueness of those keys is kept by warehouse/writes.py (one
-- writer, one transaction per batch, de-duplicated input) and checked by
-- Warehouse.integrity_problems(). Small tables keep real primary keys.

-- One row, bumped first by every write transaction. Two connections of one
-- process share the DuckDB instance, and without unique indexes their
-- concurrent upserts would not conflict; updating the same row makes the
-- later transaction fail at once ("Conflict on update"), and it is retried.
CREATE TABLE write_token (n BIGINT NOT NULL);
INSERT INTO write_token VALUES (0);

CREATE TABLE sources (
    name       VARCHAR PRIMARY KEY,
    config     JSON NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE article_versions (
    article_id      VARCHAR NOT NULL,
    version         INTEGER NOT NULL,
    source          VARCHAR NOT NULL,
    url             VARCHAR NOT NULL,
    canonical_url   VARCHAR NOT NULL,
    title           VARCHAR,
    body            VARCHAR NOT NULL,
    published_at    TIMESTAMPTZ,
    modified_at     TIMESTAMPTZ,
    authors         VARCHAR[] NOT NULL,
    language        VARCHAR,
    description     VARCHAR,
    image_url       VARCHAR,
    tags            VARCHAR[] NOT NULL,
    section         VARCHAR,
    dateline_place  VARCHAR,
    dateline_agency VARCHAR,
    content_hash    VARCHAR NOT NULL,
    fetched_at      TIMESTAMPTZ NOT NULL,
    run_id          VARCHAR NOT NULL
    -- key: (article_id, version), kept by write_batch (see top of file)
);

-- Narrow and updated in place: cheap to rewrite on checkpoint.
CREATE TABLE article_state (
    article_id      VARCHAR NOT NULL,  -- key, kept by write_batch
    source          VARCHAR NOT NULL,
    url             VARCHAR NOT NULL,
    canonical_url   VARCHAR NOT NULL,
    first_seen_at   TIMESTAMPTZ NOT NULL,
    last_seen_at    TIMESTAMPTZ NOT NULL,
    last_fetched_at TIMESTAMPTZ NOT NULL,
    latest_version  INTEGER NOT NULL,
    content_hash    VARCHAR NOT NULL
);

CREATE VIEW articles_latest AS
SELECT
    s.article_id,
    s.source,
    s.url,
    s.canonical_url,
    v.title,
    v.body,
    v.published_at,
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

CREATE VIEW articles AS SELECT * FROM articles_latest;

-- Raw archive of every fetched document, so pages can be re-parsed later.
-- page_id is derived from (run_id, url, fetched_at, body_sha256), which makes
-- re-writing the same batch a no-op.
CREATE TABLE pages (
    page_id      VARCHAR NOT NULL,  -- key, kept by write_batch
    run_id       VARCHAR NOT NULL,
    source       VARCHAR NOT NULL,
    url          VARCHAR NOT NULL,
    final_url    VARCHAR,
    fetched_at   TIMESTAMPTZ NOT NULL,
    status       INTEGER,
    kind         VARCHAR NOT NULL CHECK (kind IN ('feed', 'listing', 'article', 'robots')),
    headers      JSON,
    content_type VARCHAR,
    encoding     VARCHAR,
    body_sha256  VARCHAR,
    body_size    BIGINT,
    compression  VARCHAR NOT NULL,
    body         BLOB
);

CREATE TABLE http_cache (
    url           VARCHAR PRIMARY KEY,
    etag          VARCHAR,
    last_modified VARCHAR,
    body_sha256   VARCHAR,
    fetched_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE fetch_log (
    run_id      VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,
    url         VARCHAR NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    status      INTEGER,
    bytes       BIGINT,
    elapsed_ms  DOUBLE,
    attempt     INTEGER NOT NULL,
    error_class VARCHAR,
    error       VARCHAR
);

CREATE TABLE runs (
    run_id      VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    status      VARCHAR NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'crashed')),
    pid         INTEGER,
    host        VARCHAR,
    discovered  INTEGER NOT NULL DEFAULT 0,
    fetched     INTEGER NOT NULL DEFAULT 0,
    new         INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0,
    error       VARCHAR,
    PRIMARY KEY (run_id, source)
);

-- Every discovered URL resolved so far, so discovery skips them before fetching.
CREATE TABLE seen_urls (
    url           VARCHAR NOT NULL,  -- key, kept by write_batch
    source        VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL CHECK (kind IN ('article', 'not_article', 'gone')),
    article_id    VARCHAR,
    first_seen_at TIMESTAMPTZ NOT NULL,
    last_seen_at  TIMESTAMPTZ NOT NULL
);
