-- Daily monitoring (issue 18).
-- What coded each event: the codebook version ('codebook <hash of the packaged and the
-- rules folder's codebook files>') or the learned models' name. The same on the document:
-- what last coded it, so `warta recode` skips documents already coded by the coder in
-- use (and an interrupted recode continues). NULL for what was stored before.
ALTER TABLE events ADD COLUMN coder TEXT;
ALTER TABLE documents ADD COLUMN coder TEXT;

-- What `warta fetch` asked each URL last and what it answered: the validators for a
-- conditional request next time (ETag, Last-Modified), a hash of the body (a page whose
-- body has not changed is not read again), and the document a page became.
CREATE TABLE fetched (
    url           TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,  -- feed | sitemap | page
    status        INTEGER,        -- the last HTTP status, NULL when no answer came
    etag          TEXT,
    last_modified TEXT,
    body_hash     TEXT,
    doc_id        TEXT,
    fetched_at    TEXT NOT NULL,
    error         TEXT            -- why the last try failed, NULL when it did not
);

-- Story groups (event type and dyad, see stories.filing.story_group) whose events
-- `warta recode` changed: their stories are filed again from scratch, in input order,
-- so they end as an ingest of the same documents makes them. A group stays here until
-- that is done, so an interrupted recode finishes the filing when run again.
CREATE TABLE refile (
    event_type        TEXT NOT NULL,
    actor_country     TEXT,
    recipient_country TEXT,
    UNIQUE (event_type, actor_country, recipient_country)
);
