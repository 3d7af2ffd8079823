-- What gave each mention its country (issue 17), and the entity's country decided by
-- that evidence rather than by its first mention: an entity takes the country of its
-- strongest mention so far (text, then corpus, then story: see Mention.country_basis
-- and Store.resolve_entities); among mentions of one basis the first stays.
--   country_basis  text | corpus | story (null without a country)
ALTER TABLE mentions ADD COLUMN country TEXT;
ALTER TABLE mentions ADD COLUMN country_basis TEXT;
ALTER TABLE entities ADD COLUMN country_basis TEXT;
-- A store made before this migration kept no basis: its countries count as the text's.
UPDATE entities SET country_basis = 'text' WHERE country IS NOT NULL
