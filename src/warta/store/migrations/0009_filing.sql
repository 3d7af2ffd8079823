-- Story filing looks stories up by type, dyad and date (a window around the event's
-- date), and undated candidates by the event's actor and rule: each filed event meets a
-- bounded number of candidates however many stories its dyad holds (issue 19).
CREATE INDEX IF NOT EXISTS stories_filing ON stories(event_type, actor_country, recipient_country, date);
CREATE INDEX IF NOT EXISTS events_told_alike ON events(event_type, actor_entity_id, rule, story_id)
