-- Stories: one real-world event reported by one or more events (sentences),
-- in one or more documents. Events point at their story (events.story_id).
CREATE TABLE stories (
    story_id          TEXT PRIMARY KEY,
    event_type        TEXT NOT NULL,
    actor_country     TEXT,
    recipient_country TEXT,
    date              TEXT,
    date_precision    TEXT
);
CREATE INDEX stories_dyad ON stories(event_type, actor_country, recipient_country);
CREATE INDEX events_story ON events(story_id);
