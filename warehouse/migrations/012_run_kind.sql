-- A run's kind, and which requests were a feed's older pages.
--
-- A scheduled run reads the newest page of each feed; only a backfill walks a
-- feed's older pages (flows/discover.py). A failed older page is therefore
-- asked again by the next backfill, not by the next run, and `status
-- --retries` (warehouse/retries.py) must tell the two apart: it lists such a
-- page as 'next_backfill' from the source's latest backfill, whatever
-- scheduled runs came after, and the other failures of the latest run as
-- 'next_run'.
--
-- runs.kind is 'ingest' (a scheduled or manual run) or 'backfill'. Runs
-- recorded before this migration are 'ingest': which of them were backfills
-- was not recorded, and 'ingest' reads their failures as before.
-- fetch_log.older_page is true for a request of a feed's older page; earlier
-- rows are false (nothing marked them), so they too are listed as before.
--
-- Added without DEFAULT and filled by UPDATE (as 011): DuckLake refuses a
-- default on an added column. The writers always set both.
ALTER TABLE runs ADD COLUMN kind VARCHAR;
UPDATE runs SET kind = 'ingest';
ALTER TABLE fetch_log ADD COLUMN older_page BOOLEAN;
UPDATE fetch_log SET older_page = false;
