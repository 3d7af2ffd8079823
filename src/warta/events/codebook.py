"""The codebook (`data/events/codebook/<type>.yaml`) and PLOVER's ontology (`data/events/plover.yaml`):
loaded once, each entry validated, a bad one named by file and line (`CodebookError`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from .. import rules
from .phrases import PhraseSet, Words, keyed_words, words_list

CERTAINTIES = ("asserted", "reported", "claimed", "alleged", "estimated", "expected", "intended",
               "possible", "unconfirmed", "denied")  # fmt: skip
ENTRY_KEYS = frozenset({"id", "lemma", "forms", "phrase", "mode", "context", "needs", "cues", "example", "source", "why"})
NEEDS_LISTS = ("recipient_prep", "object_nouns", "sentence_has", "next_is", "not_next", "not_prev",
               "not_in_sentence", "not_in_clause", "not_domain")  # fmt: skip
NEEDS_KEYS = frozenset({*NEEDS_LISTS, "direct_object", "subject_is", "roles", "partner", "if_partner", "if_purpose"})


class CodebookError(ValueError):
    """A data file of the event coder cannot be used; the message names file and line."""


@dataclass(frozen=True)
class Needs:
    """An entry's `needs` (codebook README): constraints and role hints."""

    recipient_prep: tuple[Words, ...] | None = None
    direct_object: bool = False
    swap_roles: bool = False  # subject_is: recipient, or roles: prep_is_actor
    partner: bool = False
    if_partner: str | None = None
    if_purpose: tuple[tuple[str, tuple[Words, ...]], ...] = ()  # code TYPE when a purpose phrase follows
    object_nouns: tuple[Words, ...] = ()
    sentence_has: tuple[Words, ...] = ()
    next_is: tuple[Words, ...] = ()
    not_next: tuple[Words, ...] = ()
    not_prev: tuple[Words, ...] = ()
    not_in_sentence: tuple[Words, ...] = ()
    not_in_clause: tuple[Words, ...] = ()
    not_domain: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    """One codebook line."""

    id: str
    event_type: str
    patterns: tuple[Words, ...]
    mode: str | None
    context: tuple[str, ...]
    needs: Needs
    cues: tuple[tuple[str, tuple[Words, ...]], ...]
    example: str | None
    file: str
    line: int
    order: int

    def __repr__(self) -> str:
        return f"Entry({self.id})"


@dataclass(frozen=True)
class Codebook:
    entries: tuple[Entry, ...]
    triggers: PhraseSet

    def entry(self, entry_id: str) -> Entry:
        return next(e for e in self.entries if e.id == entry_id)


@dataclass(frozen=True)
class TypeInfo:
    name: str
    quad: int
    score: float
    modes: dict[str, float | None]
    mode_cues: tuple[tuple[str, tuple[Words, ...]], ...]
    reciprocal: bool
    requires_recipient: bool
    typical_contexts: tuple[str, ...]


@dataclass(frozen=True)
class Ontology:
    types: dict[str, TypeInfo]
    contexts: dict[str, tuple[Words, ...]]
    domains: dict[str, PhraseSet]
    complement_modes: dict[str, dict[str, str]]


def read_data(name: str) -> tuple[str, Any]:
    path = files("warta.data").joinpath("events", name)
    text = path.read_text("utf-8")
    try:
        return text, yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CodebookError(f"{name}: not valid YAML ({exc})") from None


@cache
def load_ontology() -> Ontology:
    """`plover.yaml`: types, scores, modes, mode and context cues, complement modes."""
    _, data = read_data("plover.yaml")
    try:
        contexts = {
            name: words_list(spec.get("cues_id", []) or [], f"contexts.{name}.cues_id")
            for name, spec in data["contexts"].items()
        }
        types = {}
        for name, spec in data["event_types"].items():
            modes = {mode: (None if m.get("score") is None else float(m["score"])) for mode, m in (spec.get("modes") or {}).items()}
            cues = tuple(
                (mode, words_list(words, f"{name}.mode_cues_id.{mode}"))
                for mode, words in (spec.get("mode_cues_id") or {}).items()
            )
            for mode, _ in cues:
                if mode not in modes:
                    raise ValueError(f"{name}: mode cue for unknown mode {mode!r}")
            score = spec.get("score_corrected", spec["score"])
            types[name] = TypeInfo(
                name, int(spec["quad_code"]), float(score), modes, cues, bool(spec.get("reciprocal")),
                bool(spec.get("requires_recipient")), tuple(c for c in spec.get("typical_contexts") or () if c in contexts),
            )  # fmt: skip
        warta = data.get("warta") or {}
        domains = {name: PhraseSet((w, w) for w in words) for name, words in (warta.get("domains") or {}).items()}
        complement_modes = {gov: dict(mapping or {}) for gov, mapping in (warta.get("complement_modes") or {}).items()}
        for gov, mapping in complement_modes.items():
            for comp, mode in mapping.items():
                if gov not in types or comp not in types or mode not in types[gov].modes:
                    raise ValueError(f"complement_modes.{gov}.{comp}: {mode!r} is not a mode of {gov}")
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise CodebookError(f"plover.yaml: {exc}") from None
    return Ontology(types, contexts, domains, complement_modes)


def _line_numbers(text: str) -> list[int]:
    """1-based line of each item of a YAML list document."""
    node = yaml.compose(text)
    if node is None or not isinstance(node, yaml.SequenceNode):
        return []
    return [item.start_mark.line + 1 for item in node.value]


def _entry(raw: Any, event_type: str, file: str, line: int, order: int, ontology: Ontology) -> Entry:
    """Validate one codebook line; raises ValueError with the reason."""
    if not isinstance(raw, dict):
        raise ValueError("an entry must be a mapping")
    unknown = set(raw) - ENTRY_KEYS
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))}")
    entry_id = raw.get("id")
    if not isinstance(entry_id, str) or not re.fullmatch(rf"{event_type.lower()}\.[a-z0-9_]+", entry_id):
        raise ValueError(f"id {entry_id!r} must be '{event_type.lower()}.<slug>'")
    if ("forms" in raw) == ("phrase" in raw):
        raise ValueError("an entry has `forms` or `phrase`, exactly one")
    if "forms" in raw:
        patterns = words_list(raw["forms"], "forms")
        if any(None in p for p in patterns):
            raise ValueError("`forms` take no '*' (use `phrase`)")
    else:
        phrases = raw["phrase"] if isinstance(raw["phrase"], list) else [raw["phrase"]]
        patterns = words_list(phrases, "phrase")
    info = ontology.types[event_type]
    mode = raw.get("mode")
    if mode is not None and mode not in info.modes:
        raise ValueError(f"mode {mode!r} is not a mode of {event_type} ({', '.join(info.modes) or 'none'})")
    context = raw.get("context") or []
    if not isinstance(context, list) or any(c not in ontology.contexts for c in context):
        raise ValueError(f"context {context!r}: every context must be one of plover.yaml's")
    needs_raw = raw.get("needs") or {}
    if not isinstance(needs_raw, dict):
        raise ValueError("`needs` must be a mapping")
    unknown = set(needs_raw) - NEEDS_KEYS
    if unknown:
        raise ValueError(f"unknown need(s) {', '.join(sorted(unknown))}")
    lists = {key: words_list(needs_raw[key], f"needs.{key}") for key in NEEDS_LISTS if key in needs_raw and key != "not_domain"}
    domains = tuple(needs_raw.get("not_domain") or ())
    for domain in domains:
        if domain not in ontology.domains:
            raise ValueError(f"needs.not_domain: unknown domain {domain!r}")
    if_purpose = keyed_words(needs_raw.get("if_purpose"), "needs.if_purpose", ontology.types,
                              "needs.if_purpose must map an event type to phrases", "is not an event type")
    if_partner = needs_raw.get("if_partner")
    if if_partner is not None and if_partner not in ontology.types:
        raise ValueError(f"needs.if_partner: {if_partner!r} is not an event type")
    if needs_raw.get("subject_is", "recipient") != "recipient" or needs_raw.get("roles", "prep_is_actor") != "prep_is_actor":
        raise ValueError("needs.subject_is may only be 'recipient' and needs.roles only 'prep_is_actor'")
    for flag in ("direct_object", "partner"):
        if not isinstance(needs_raw.get(flag, False), bool):
            raise ValueError(f"needs.{flag} must be true or false")
    needs = Needs(
        recipient_prep=lists.get("recipient_prep"),
        direct_object=needs_raw.get("direct_object", False),
        swap_roles="subject_is" in needs_raw or "roles" in needs_raw,
        partner=needs_raw.get("partner", False),
        if_partner=if_partner,
        if_purpose=if_purpose,
        object_nouns=lists.get("object_nouns", ()),
        sentence_has=lists.get("sentence_has", ()),
        next_is=lists.get("next_is", ()),
        not_next=lists.get("not_next", ()),
        not_prev=lists.get("not_prev", ()),
        not_in_sentence=lists.get("not_in_sentence", ()),
        not_in_clause=lists.get("not_in_clause", ()),
        not_domain=domains,
    )
    cues = keyed_words(raw.get("cues"), "cues", info.modes, "`cues` must be a mapping of mode to words",
                        f"is not a mode of {event_type}")
    example = raw.get("example")
    if example is not None and not isinstance(example, str):
        raise ValueError("`example` must be a string or null")
    return Entry(entry_id, event_type, patterns, mode, tuple(context), needs, cues, example, file, line, order)


def load_codebook() -> Codebook:
    """The packaged codebook (`data/events/codebook/`) with the active rules folder's
    entries over it (`warta.rules`); read once per rules folder, see `read_codebook`."""
    folder = rules.active()
    return _load_codebook(folder / "events" / "codebook" if folder else None)


@cache
def _load_codebook(extra: Path | None) -> Codebook:
    return read_codebook(files("warta.data").joinpath("events", "codebook"), extra)


def _read_entries(text: str, where: str, event_type: str, ontology: Ontology) -> list[tuple[Entry, int]]:
    """The validated entries of one codebook file, each with its line."""
    try:
        raw_entries = yaml.safe_load(text) or []
    except yaml.YAMLError as exc:
        raise CodebookError(f"{where}: not valid YAML ({exc})") from None
    if not isinstance(raw_entries, list):
        raise CodebookError(f"{where}: must be a list of entries")
    lines = _line_numbers(text)
    found = []
    for n, raw in enumerate(raw_entries):
        line = lines[n] if n < len(lines) else 0
        label = raw.get("id") if isinstance(raw, dict) else None
        try:
            found.append((_entry(raw, event_type, where, line, 0, ontology), line))
        except ValueError as exc:
            raise CodebookError(f"{where}:{line}: {label or 'entry'}: {exc}") from None
    return found


def read_codebook(folder: Any, extra: Path | None = None) -> Codebook:
    """Every entry of the codebook in `folder` (one `<type>.yaml` per PLOVER type),
    validated, and the trigger index.

    `extra` is a rules folder's codebook (RULES/events/codebook/, any of the same
    files): an entry whose id is already packaged replaces that entry where it stands,
    a new id is added after its type's packaged entries. Raises CodebookError naming
    `file:line` and the entry id for a bad entry.
    """
    ontology = load_ontology()
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    if extra is not None and extra.is_dir():
        known = {f"{t.lower()}.yaml" for t in ontology.types}
        for path in sorted(extra.iterdir()):
            if path.suffix == ".yaml" and path.name not in known:
                raise CodebookError(f"{path}: not a codebook file: the files are named after PLOVER's types"
                                    f" ({', '.join(sorted(known))})")
    for event_type in ontology.types:
        name = f"{event_type.lower()}.yaml"
        where = f"codebook/{name}"
        try:
            text = folder.joinpath(name).read_text("utf-8")
        except OSError as exc:
            raise CodebookError(f"{where}: cannot be read ({exc})") from None
        found = _read_entries(text, where, event_type, ontology)
        position = {}
        for entry, line in found:
            if entry.id in position:
                raise CodebookError(f"{where}:{line}: {entry.id}: id already used at {seen[entry.id]}")
            position[entry.id] = len(position)
            seen[entry.id] = f"{where}:{line}"
        user = extra / name if extra is not None else None
        if user is not None and user.is_file():
            try:
                user_text = user.read_text("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise CodebookError(f"{user}: cannot be read ({exc})") from None
            overridden: set[str] = set()
            for entry, line in _read_entries(user_text, str(user), event_type, ontology):
                if entry.id in overridden or (entry.id in seen and entry.id not in position):
                    raise CodebookError(f"{user}:{line}: {entry.id}: id already used at {seen[entry.id]}")
                overridden.add(entry.id)
                seen[entry.id] = f"{user}:{line}"
                if entry.id in position:
                    found[position[entry.id]] = (entry, line)
                else:
                    position[entry.id] = len(found)
                    found.append((entry, line))
        for entry, _ in found:
            entries.append(replace(entry, order=len(entries)))
    triggers = PhraseSet((pattern, entry) for entry in entries for pattern in entry.patterns)
    return Codebook(tuple(entries), triggers)
