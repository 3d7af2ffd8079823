"""Entities across documents: the entity each mention row belongs to, found by key (or
by surname), created when new, its name and sector filled in and its country decided by
the evidence of its mentions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from ..document import COUNTRY_BASES
from ..language.entities.keys import entity_id


# An entity's country is its strongest mention's (Mention.country_basis: text, then corpus,
# then story), the first of that basis: a name the story's main country was guessed for
# in one article takes the country another article's apposition gives it.
_RANK = "CASE {} " + " ".join(f"WHEN '{b}' THEN {i}" for i, b in enumerate(COUNTRY_BASES)) + f" ELSE {len(COUNTRY_BASES)} END"
_STRONGER = f"(?1 IS NOT NULL AND (country IS NULL OR {_RANK.format('?2')} < {_RANK.format('country_basis')}))"
ENTITY_UPDATE = (
    f"UPDATE entities SET country = CASE WHEN {_STRONGER} THEN ?1 ELSE country END,"
    f" country_basis = CASE WHEN {_STRONGER} THEN ?2 ELSE country_basis END, sector = coalesce(sector, ?3),"
    " name = CASE WHEN ?4 = 'gazetteer' THEN ?5 ELSE name END WHERE entity_id = ?6")


class EntityResolver:
    """The entity methods of `Store` (database.py), over its connection `db`."""

    db: sqlite3.Connection

    def resolve_entity(self, mention: dict[str, Any]) -> str:
        """The entity a mention row (see `document_rows`) belongs to, across documents,
        created when new.

        Same key, same entity (keys fold spelling variants). A bare surname with no
        full name in its own document ("Kozlov") joins the one person of that
        surname already stored, when there is exactly one; otherwise it stays its
        own entity rather than risk merging two people.
        """
        return self.resolve_entities([mention])[(mention["char_start"], mention["char_end"])]

    def resolve_entities(self, mentions: Iterable[dict[str, Any]]) -> dict[tuple[int, int], str]:
        """The entity of each of one document's mention rows (by span), as `resolve_entity`
        resolves them one after the other, with what a document repeats done once: a key
        found is not looked up again, and an entity is not updated with the values it was
        last updated with (an article repeating a sentence 140,000 times)."""
        found: dict[tuple[int, int], str] = {}
        by_key: dict[str, str] = {}
        last: dict[str, tuple[Any, ...]] = {}  # entity -> the values it was last written with
        for mention in mentions:
            values = (mention["country"], mention["country_basis"], mention["sector"], mention["source"], mention["name"])
            entity = by_key.get(mention["key"])
            if entity is None:
                entity, by_key_found = self._find_entity(mention)
                if by_key_found:
                    by_key[mention["key"]] = entity
            if entity is None:
                entity = by_key[mention["key"]] = entity_id(mention["key"])
                self.db.execute(
                    "INSERT INTO entities (entity_id, key, type, name, country, country_basis, sector, last_name)"
                    " VALUES (?,?,?,?,?,?,?,?)", (entity, mention["key"], mention["type"], mention["name"],
                                                  mention["country"], mention["country_basis"], mention["sector"],
                                                  mention["last_name"]))
            elif last.get(entity) != values:
                self.db.execute(ENTITY_UPDATE, (*values, entity))
            last[entity] = values
            found[(mention["char_start"], mention["char_end"])] = entity
        return found

    def _find_entity(self, mention: dict[str, Any]) -> tuple[str | None, bool]:
        """The stored entity of a mention row, and whether it was found by its key (else
        by its surname, see `resolve_entity`); (None, False) when there is none."""
        row = self.db.execute("SELECT entity_id FROM entities WHERE key = ?", (mention["key"],)).fetchone()
        if row is not None:
            return row[0], True
        if mention["surname_only"]:
            rows = self.db.execute("SELECT entity_id FROM entities WHERE type = 'PERSON' AND last_name = ? LIMIT 2",
                                   (mention["last_name"],)).fetchall()
            if len(rows) == 1:
                return rows[0][0], False
        return None, False
