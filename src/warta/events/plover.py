"""PLOVER's ontology as data (data/events/plover.yaml): quad classes, scores, modes."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@lru_cache(maxsize=1)
def ontology() -> dict[str, Any]:
    """The parsed plover.yaml; ValueError when a type is missing or has no score."""
    data = yaml.safe_load(resources.files("warta.data").joinpath("events", "plover.yaml").read_text("utf-8"))
    types = data.get("event_types", {})
    missing = [t for t in EVENT_TYPES if t not in types or types[t].get("score") is None]
    if missing:
        raise ValueError(f"plover.yaml: no entry or no score for {', '.join(missing)}")
    return data


FUTURE_CERTAINTIES = ("expected", "intended")


def plover_type(event_type: str, certainty: str) -> str:
    """The type PLOVER codes: an expected or intended event is coded as its type's
    `future_as` (a planned meeting is AGREE, a threatened attack THREATEN); warta's own
    records keep the type the text told, with the certainty saying it is to come."""
    if certainty in FUTURE_CERTAINTIES:
        return ontology()["event_types"][event_type].get("future_as") or event_type
    return event_type


def quad_code(event_type: str) -> int:
    return int(ontology()["event_types"][event_type]["quad_code"])


def score(event_type: str, mode: str | None = None) -> float:
    """PLOVER's conflict-cooperation score of a type, or of its mode when the manual gives one."""
    spec = ontology()["event_types"][event_type]
    mode_spec = (spec.get("modes") or {}).get(mode) if mode else None
    if mode_spec and mode_spec.get("score") is not None:
        return float(mode_spec["score"])
    return float(spec["score"])
