"""The keys that merge mentions of one entity across documents, and the ids of entities."""

from __future__ import annotations

import hashlib

from ...document import Mention
from .gazetteer import load_gazetteer


def entity_key(mention: Mention) -> str:
    """A key shared by every mention of one entity, in any document.

    Countries (and capitals standing for their government) are keyed by ISO code;
    everything else by type and the folded canonical name, so case, hyphens,
    spaces and accents do not split an entity, nor, for persons, common
    romanisation variants: "Kim Jong Un" = "Kim Jong-un" = "Kim Jong-Un",
    "Alexandr Kozlov" = "Alexander Kozlov".
    """
    if mention.type == "COUNTRY" and mention.country:
        return f"COUNTRY:{mention.country}"
    return f"{mention.type}:{load_gazetteer().fold(mention.name, romanised=mention.type == 'PERSON')}"


def entity_id(key: str) -> str:
    """The id of the entity created for `key` (an entity keeps the id of the key that
    created it, whichever mentions join it later)."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def country_entity_id(country: str) -> str:
    """The id of a country's entity (see `entity_key`)."""
    return entity_id(f"COUNTRY:{country}")


def last_name_key(mention: Mention) -> str | None:
    """For a person, the folded last word of the name ("Vladimir Putin" -> "putin"):
    what a bare surname in another document is resolved against."""
    if mention.type != "PERSON" or not mention.name.split():
        return None
    return load_gazetteer().fold(mention.name.split()[-1], romanised=True)
