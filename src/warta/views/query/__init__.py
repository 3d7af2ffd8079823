"""The query layer: what the CLI, the web app and the exporters read from a store.

Each function returns plain dicts and lists over a read-only `Store`: the HTML pages,
the JSON API, `warta export` and the terminal views are thin formatters over them
(STYLE §2), so they cannot disagree. User input reaches SQL only as bound parameters;
the only SQL text built here comes from fixed tables.

- `records`: the records of SPEC's field lists (documents, entities, events, stories,
  PLOVER events), what `warta export` writes and every view shows.
- `filters`: `EventFilter` and `StoryFilter` (their fields are the web app's query
  parameters), facets and the SQL they share; `fulltext`: search queries as FTS5 terms.
- `lists`: pages of events, stories, documents and entities; one document, one entity; search.
- `analysis`: dyad series, flows, the actor network, the timeline, GraphML;
  `summaries`: the overview, dyads, flows and network as the web app shows them.
"""
