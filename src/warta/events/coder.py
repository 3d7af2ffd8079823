"""PLOVER events from one document: who did what to whom, when, and according to whom.

`code_events` is the pipeline stage. For each sentence it

1. finds **triggers**: the word forms and phrases of the codebook
   (`data/events/codebook/<type>.yaml`, loaded and validated once by `load_codebook`). All
   patterns sit in one index keyed by their first word (a ``*`` is a gap of up to three
   words, never across a verb or a clause connective), so a sentence costs one look-up
   per token. An entry whose `needs` are not met (`next_is`, `not_next`, `object_nouns`,
   `sentence_has`, the sports veto, ...) drops out before overlaps are settled, so the
   next candidate takes its place; so does a match inside a name ("Organisasi Kerja
   Sama Islam"), a bare noun qualifying the noun before it ("kapal perang") and a noun
   that is the unit of a count ("131,6 ribu kunjungan"). Overlaps are settled in one
   function, `settle_triggers`: the longest span wins, then the more specific entry
   (its `object_nouns` satisfied), then the codebook order. A governing trigger
   (REQUEST, REJECT, THREATEN, AGREE) that takes another trigger as its complement
   ("mendesak Myanmar menghentikan serangan", "sepakat untuk bekerja sama") is coded
   alone; the complement sets its mode (`plover.yaml` `complement_modes`) and lends it
   its recipient; an order whose object is the act itself ("Kuwait memerintahkan
   pengusiran 15 diplomat Iran", `executive_verbs`) is that act, by the one who orders.
   At most `max_triggers_per_sentence` triggers are kept.
2. cuts the sentence into **clauses** (`data/events/clauses.yaml`): at ``;``, ``:`` and
   dashes, at a comma followed by a conjunction, before a complementiser (``bahwa``,
   ``agar``) and a subordinating conjunction (``setelah``, ``ketika``: `clause_openers`),
   after the verb of a reporting frame ("Tass mengatakan | para pejabat
   sepakat"), and at the first comma of a clause opened by a subordinator or a
   preposition ("Meskipun ..., ", "Selama kunjungan Kozlov, "). Relative clauses
   ("Kozlov, yang tiba di Korea Utara, bertemu ...") stay inside their clause but are
   skipped when the subject is looked for; a trigger inside one takes the noun before
   the relativiser as its subject.
3. finds the **actor and recipient** inside the trigger's clause, among the names of
   the entity stage (a capital standing for its government is a COUNTRY mention) and
   what the coder infers: "kedua negara" (the two countries most named in the last
   sentences), "ia"/"dia" (the person last named at the head of a sentence), and
   sector nouns naming no one ("Polisi menangkap ...": a participant with sector COP;
   before a name, "militer Amerika", they give the name's sector). Such a participant,
   and a named state body whose name gives no country ("Kementerian Luar Negeri"),
   belongs to the country of a place right after it ("Media pemerintah di Pyongyang"),
   else to the one named last before it in the sentence, else, for a state body, to
   the story's dateline country when the story names it again (`home_country`).
   Active verbs: the nearest such participant before the trigger that is neither
   inside a prepositional phrase (a conjunct counts as its first conjunct: "dengan
   China dan Rusia") nor the object of an earlier verb; "dengan X + verb" makes X the
   subject. Coordinated subjects ("Korea Utara dan Rusia", "kedua negara") give one
   event, first -> second, for reciprocal types or with no other party, else one event
   per actor. The recipient is the direct object (a name within `np_words` words after
   the verb, or the first of the next clause when a reporting verb ends its clause:
   "Qatar menuding | Saudi mempolitisir ..."), the doer of an act the object names
   ("menyesalkan ancaman yang diluncurkan Korut"), or the first name after one of the
   entry's `recipient_prep`; -kan verbs, whose object is the thing moved, try the
   preposition first. Passives: the agent
   follows the verb or "oleh"; the subject is the recipient, unless the subject is the
   moved thing itself ("11.000 tentara Korea Utara ... dipindahkan ke ..."), whose owner
   is then the actor. Nominalisations ("kunjungan Kozlov", "invasi Rusia ke Ukraina",
   "pengiriman pasukan Korea Utara", "serangan yang dilakukan militer"): the doer named
   after the noun or after "oleh" (or "dari" for the `source_types`: "aksi penembakan
   dari India"), else the clause subject; "antara X dan Y" gives both parties; a mutual
   act with no party in its clause is that of the sentence's "kedua negara"; a noun
   naming only its doer ("Selama kunjungan Kozlov") is the act of that doer told up to
   `anaphor_sentences` before, whose recipient (and date, if it has none) it takes. In an
   apposition ("pemimpin Korea Utara Kim Jong Un") the person is the participant, and a
   person carries its own country and sector. A recipient who is the actor (same
   entity, or a state and its own body) is dropped. An event with no participant, a type that
   requires a recipient (`plover.yaml`) or an actor (`requires_actor`) without one, and
   a CONSULT with the press are not coded; two triggers of one type for one dyad in a
   sentence give one event, and an event missing a party that another of its type in
   the sentence names is dropped ("menembak dan menewaskan seorang tentara Pakistan").
4. reads **attribution and certainty** (`data/events/certainty.yaml`): postposed frames ("...,
   kata Lim", also after a closing quote that opened sentences earlier), preposed ones
   ("menurut X", "X mengatakan bahwa"), passive and media frames ("diberitakan oleh X",
   "studi terbaru oleh X"; "Kesepakatan ini diberitakan oleh X" reports on the sentence
   before). Certainty cues act on the next trigger (scope `predicate`, within
   `cue_window` words) or on the whole clause; `unconfirmed` and `denied` cues govern
   the whole sentence, and so does a negated verb of confirmation ("belum ...
   mengakui bahwa"). When several reach an event, `certainty_precedence` decides; an
   attribution frame gives `reported` (`claimed` for "mengklaim") unless the source
   speaks of its own act. A negator within `cue_window` words before a trigger (or a
   prohibition: "melarang bantuan militer") sets `negated`; "not only" ("tidak hanya",
   "tak cuma") negates nothing.
5. dates the event: the date expression of the clause nearest the trigger (preferring
   one in the same relative clause), else of the sentence; none when the sentence has
   a background or habitual marker ("telah lama", "selama bertahun-tahun"); else the
   publication date (basis ``publication``). Location: a place after "di" (or
   "ke"/"menuju" for MOBILIZE, ASSAULT and CONSULT visits); quantities: those of the
   clause; mode: the entry's, its complement's, its `cues`, or the type's
   `mode_cues_id` (cues that belong to another trigger or inside a name do not count);
   context: the entry's plus the type's typical contexts cued in the clause; score:
   the mode's PLOVER score, else the type's.

Decision: a future or intended event keeps its type and says so in `certainty`
(``expected`` / ``intended``). PLOVER recodes it by `plover.yaml` `future_as` (future
CONSULT -> AGREE, future ASSAULT -> THREATEN); `plover.plover_type` applies that reading
for the PLOVER export and the gold evaluation. Coding it here would lose what the text
said ("Putin diperkirakan akan mengunjungi Pyongyang" is a visit, expected).

Everything runs in time linear in the length of the text: each token is looked up a
fixed number of times, each trigger looks at most at its clause, and the numbers of
triggers and events per sentence are capped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib.resources import files
from itertools import product
from typing import Any

import simplemma
import yaml

from warta.document import DateExpr, Document, Event, Mention, Participant, Quantity, Sentence, Token
from warta.language.entities import STATE_SECTORS, home_country
from warta.settings import Options
from warta.language.tokens import tokenize

GAP = 3  # words a `*` in a phrase stands for
CLITICS = ("nya", "lah", "pun", "kah")  # may follow any form: "kunjungannya"
INFERRED = frozenset({"anaphor", "generic", "pronoun"})  # mentions the coder adds, not the entity stage
ACTOR_TYPES = frozenset({"PERSON", "ORG", "COUNTRY"})
CLOSING_QUOTES = frozenset({'"', "”", "’", "'", "»"})
OPENING_QUOTES = frozenset({'"', "“", "‘", "«"})
CERTAINTIES = ("asserted", "reported", "claimed", "alleged", "estimated", "expected", "intended",
               "possible", "unconfirmed", "denied")  # fmt: skip
ENTRY_KEYS = frozenset({"id", "lemma", "forms", "phrase", "mode", "context", "needs", "cues", "example", "source", "why"})
NEEDS_LISTS = ("recipient_prep", "object_nouns", "sentence_has", "next_is", "not_next", "not_prev",
               "not_in_sentence", "not_in_clause", "not_domain")  # fmt: skip
NEEDS_KEYS = frozenset({*NEEDS_LISTS, "direct_object", "subject_is", "roles", "partner", "if_partner", "if_purpose"})


class CodebookError(ValueError):
    """A data file of the event coder cannot be used; the message names file and line."""


# ---------------------------------------------------------------------------------
# Phrases: lower-case word sequences with gaps, matched over a sentence's tokens
# ---------------------------------------------------------------------------------

Words = tuple[str | None, ...]  # None is a gap of 0..GAP words


def phrase_words(text: str) -> Words:
    """"menjatuhkan * sanksi" -> ("menjatuhkan", None, "sanksi")."""
    words = tuple(None if w == "*" else w for w in text.lower().split())
    if not words or words[0] is None or words[-1] is None or any(a is b is None for a, b in zip(words, words[1:])):
        raise ValueError(f"bad phrase {text!r}: it needs words, and a '*' only between two words")
    return words


class PhraseSet:
    """Phrases indexed by their first word; each carries a value.

    `matches_at` tries only the phrases whose first word is the token's, so a
    sentence costs one dictionary look-up per token and phrase start.
    """

    def __init__(self, items: Iterable[tuple[str | Words, Any]] = ()) -> None:
        self.index: dict[str, list[tuple[Words, Any]]] = {}
        for phrase, value in items:
            words = phrase if isinstance(phrase, tuple) else phrase_words(phrase)
            self.index.setdefault(words[0], []).append((words[1:], value))  # type: ignore[index]

    def __bool__(self) -> bool:
        return bool(self.index)

    def matches_at(self, view: _View, i: int, hi: int) -> Iterator[tuple[int, Any]]:
        """(end, value) of every phrase starting at token i and ending by hi."""
        for key in view.keys[i]:
            for rest, value in self.index.get(key, ()):
                end = _match_rest(rest, view, i + 1, hi)
                if end is not None:
                    yield end, value

    def matches(self, view: _View, lo: int, hi: int) -> Iterator[tuple[int, int, Any]]:
        """(start, end, value) of every phrase inside tokens [lo, hi), by start."""
        starts = view.positions.keys() & self.index.keys()
        if not starts:
            return
        positions = sorted({i for key in starts for i in view.positions[key] if lo <= i < hi})
        for i in positions:
            for end, value in self.matches_at(view, i, hi):
                yield i, end, value


def _match_rest(rest: Words, view: _View, k: int, hi: int) -> int | None:
    """Where `rest` ends when matched from token k (None if it does not match)."""
    for n, word in enumerate(rest):
        if word is None:
            for skip in range(GAP + 1):
                if skip and (k + skip - 1 >= hi or not view.gap_ok[k + skip - 1]):
                    return None
                end = _match_rest(rest[n + 1 :], view, k + skip, hi)
                if end is not None:
                    return end
            return None
        if k >= hi or word not in view.keys[k]:
            return None
        k += 1
    return k


def _phrase_at(view: _View, words: Words, k: int, hi: int) -> int | None:
    if k >= hi or words[0] not in view.keys[k]:
        return None
    return _match_rest(words[1:], view, k + 1, hi)


def _find(view: _View, phrases: tuple[Words, ...], lo: int, hi: int) -> int:
    """Start of the first of `phrases` found in tokens [lo, hi), or -1."""
    best = -1
    for words in phrases:
        if words[0] not in view.present:
            continue
        for k in view.positions.get(words[0], ()):
            if lo <= k < hi and (best < 0 or k < best) and _phrase_at(view, words, k, hi) is not None:
                best = k
                break
    return best


def _words_list(values: Any, where: str) -> tuple[Words, ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise ValueError(f"{where} must be a list of words")
    return tuple(phrase_words(v) for v in values)


def _keyed_words(values: Any, where: str, allowed: Collection[str], not_a_mapping: str,
                 not_allowed: str) -> tuple[tuple[str, tuple[Words, ...]], ...]:
    """A mapping of keys (event types, modes) to word lists, each key checked
    against `allowed`: ValueError with the given wording otherwise."""
    values = values or {}
    if not isinstance(values, dict):
        raise ValueError(not_a_mapping)
    keyed = []
    for key, words in values.items():
        if key not in allowed:
            raise ValueError(f"{where}: {key!r} {not_allowed}")
        keyed.append((key, _words_list(words, f"{where}.{key}")))
    return tuple(keyed)


# ---------------------------------------------------------------------------------
# Data: the codebook, PLOVER's ontology, certainty cues and the clause grammar
# ---------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class Frame:
    """An attribution frame of certainty.yaml: `side` is where the source stands."""

    side: str  # before | after
    certainty: str
    pronoun: bool  # "kata dia", "katanya": the source is the last named speaker
    postposed: bool  # only after a comma or a closing quote
    passive: bool  # "diberitakan oleh X": may report on the sentence before


@dataclass(frozen=True)
class Certainty:
    cues: PhraseSet  # value (certainty, scope)
    negation: PhraseSet  # value: "negate" | "conflict" | "double" | "affirm"
    frames: PhraseSet  # value Frame
    background: PhraseSet


@dataclass(frozen=True)
class Grammar:
    limits: dict[str, int]
    clause_marks: frozenset[str]
    comma_conjunctions: frozenset[str]
    complementisers: frozenset[str]
    clause_openers: frozenset[str]
    subordinators: frozenset[str]
    relativisers: tuple[Words, ...]
    relative_ends: frozenset[str]
    prepositions: frozenset[str]
    recipient_prepositions: tuple[Words, ...]
    agent_prepositions: frozenset[str]
    source_prepositions: frozenset[str]
    source_types: frozenset[str]
    between: frozenset[str]
    coordinators: frozenset[str]
    locative_prepositions: frozenset[str]
    goal_prepositions: frozenset[str]
    goal_types: frozenset[str]
    dual_anaphors: PhraseSet
    neighbour_anaphors: PhraseSet
    phrase_stops: frozenset[str]
    predicate_adverbs: frozenset[str]
    confirmation_verbs: frozenset[str]
    estimating_verbs: frozenset[str]
    certainty_precedence: tuple[str, ...]
    postposed_frame_words: frozenset[str]
    anaphoric_subjects: frozenset[str]
    demonstratives: frozenset[str]
    absolute_prepositions: frozenset[str]
    gap_stops: frozenset[str]
    prohibitives: frozenset[str]
    sector_nouns: PhraseSet  # value: sector code
    person_pronouns: frozenset[str]
    determiners: frozenset[str]
    light_passives: frozenset[str]
    negation_words: frozenset[str]
    press_sectors: frozenset[str]
    requires_actor: frozenset[str]
    owner_is_actor: frozenset[str]
    light_verbs: frozenset[str]
    executive_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    appositive_openers: tuple[Words, ...]
    example_markers: PhraseSet
    stateless_modifiers: frozenset[str]
    speaker_adjuncts: frozenset[str]

    def limit(self, name: str) -> int:
        return self.limits[name]


def _read_yaml(name: str) -> tuple[str, Any]:
    path = files("warta.data").joinpath("events", name)
    text = path.read_text("utf-8")
    try:
        return text, yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CodebookError(f"{name}: not valid YAML ({exc})") from None


@cache
def load_ontology() -> Ontology:
    """`plover.yaml`: types, scores, modes, mode and context cues, complement modes."""
    _, data = _read_yaml("plover.yaml")
    try:
        contexts = {
            name: _words_list(spec.get("cues_id", []) or [], f"contexts.{name}.cues_id")
            for name, spec in data["contexts"].items()
        }
        types = {}
        for name, spec in data["event_types"].items():
            modes = {mode: (None if m.get("score") is None else float(m["score"])) for mode, m in (spec.get("modes") or {}).items()}
            cues = tuple(
                (mode, _words_list(words, f"{name}.mode_cues_id.{mode}"))
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
        patterns = _words_list(raw["forms"], "forms")
        if any(None in p for p in patterns):
            raise ValueError("`forms` take no '*' (use `phrase`)")
    else:
        phrases = raw["phrase"] if isinstance(raw["phrase"], list) else [raw["phrase"]]
        patterns = _words_list(phrases, "phrase")
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
    lists = {key: _words_list(needs_raw[key], f"needs.{key}") for key in NEEDS_LISTS if key in needs_raw and key != "not_domain"}
    domains = tuple(needs_raw.get("not_domain") or ())
    for domain in domains:
        if domain not in ontology.domains:
            raise ValueError(f"needs.not_domain: unknown domain {domain!r}")
    if_purpose = _keyed_words(needs_raw.get("if_purpose"), "needs.if_purpose", ontology.types,
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
    cues = _keyed_words(raw.get("cues"), "cues", info.modes, "`cues` must be a mapping of mode to words",
                        f"is not a mode of {event_type}")
    example = raw.get("example")
    if example is not None and not isinstance(example, str):
        raise ValueError("`example` must be a string or null")
    return Entry(entry_id, event_type, patterns, mode, tuple(context), needs, cues, example, file, line, order)


@cache
def load_codebook() -> Codebook:
    """The packaged codebook (`data/events/codebook/`), read once; see `read_codebook`."""
    return read_codebook(files("warta.data").joinpath("events", "codebook"))


def read_codebook(folder: Any) -> Codebook:
    """Every entry of the codebook in `folder` (one `<type>.yaml` per PLOVER type),
    validated, and the trigger index.

    Raises CodebookError naming `file:line` and the entry id for a bad entry.
    """
    ontology = load_ontology()
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    for event_type in ontology.types:
        name = f"{event_type.lower()}.yaml"
        where = f"codebook/{name}"
        try:
            text = folder.joinpath(name).read_text("utf-8")
        except OSError as exc:
            raise CodebookError(f"{where}: cannot be read ({exc})") from None
        try:
            raw_entries = yaml.safe_load(text) or []
        except yaml.YAMLError as exc:
            raise CodebookError(f"{where}: not valid YAML ({exc})") from None
        if not isinstance(raw_entries, list):
            raise CodebookError(f"{where}: must be a list of entries")
        lines = _line_numbers(text)
        for n, raw in enumerate(raw_entries):
            line = lines[n] if n < len(lines) else 0
            label = raw.get("id") if isinstance(raw, dict) else None
            try:
                entry = _entry(raw, event_type, where, line, len(entries), ontology)
            except ValueError as exc:
                raise CodebookError(f"{where}:{line}: {label or 'entry'}: {exc}") from None
            if entry.id in seen:
                raise CodebookError(f"{where}:{line}: {entry.id}: id already used at {seen[entry.id]}")
            seen[entry.id] = f"{where}:{line}"
            entries.append(entry)
    triggers = PhraseSet((pattern, entry) for entry in entries for pattern in entry.patterns)
    return Codebook(tuple(entries), triggers)


def _frame_phrases(frame: str) -> tuple[list[Words], str]:
    """"X mengatakan (bahwa)" -> its cue phrases and the source's side.

    `X` marks the source (before or after the cue; "none" for "kata dia", "katanya");
    a word in parentheses is optional, "a / b" are alternatives, "menyebut(kan)" is
    "menyebut" or "menyebutkan".
    """
    parts = frame.split()
    side = "before" if parts[0] == "X" else "after" if parts[-1] == "X" else "none"
    slots: list[list[str | None]] = []
    alternative = False
    for part in parts:
        if part == "X":
            continue
        if part == "/":
            alternative = True
            continue
        optional = part.startswith("(") and part.endswith(")")
        word = part[1:-1] if optional else part
        if "(" in word:
            base, tail = word.split("(", 1)
            options: list[str | None] = [base.lower(), (base + tail.rstrip(")")).lower()]
        else:
            options = [word.lower()]
        if alternative and slots:
            slots[-1].extend(options)
        else:
            slots.append([*options, None] if optional else options)
        alternative = False
    phrases = []
    for combo in product(*slots):
        words = tuple(w for w in combo if w is not None)
        if words and words not in phrases:
            phrases.append(words)
    return phrases, side


@cache
def load_certainty() -> Certainty:
    """`certainty.yaml`: certainty cues, negators, attribution frames, background."""
    _, data = _read_yaml("certainty.yaml")
    grammar = load_grammar()
    try:
        cues = []
        for item in data["certainty_cues"]:
            if item["value"] not in CERTAINTIES or item["scope"] not in ("predicate", "clause", "quantity"):
                raise ValueError(f"cue {item['cue']!r}: unknown value or scope")
            cues.append((item["cue"], (item["value"], item["scope"])))
        skip = {phrase_words(w) for w in grammar_words("not_negating")}
        conflict = {phrase_words(w) for w in grammar_words("not_negating_conflict")}
        negation = [(w, "double") for w in grammar_words("double_negation")]
        negation += [(w, "affirm") for w in grammar_words("not_only")]
        for item in data["negation"]:
            words = phrase_words(item["cue"])
            if words not in skip:
                negation.append((words, "conflict" if words in conflict else "negate"))
        frames = []
        for item in data["attribution_frames"]:
            phrases, side = _frame_phrases(item["frame"])
            certainty = item.get("certainty", "reported")
            if certainty not in CERTAINTIES:
                raise ValueError(f"frame {item['frame']!r}: unknown certainty {certainty!r}")
            for words in phrases:
                postposed = words[0] in grammar.postposed_frame_words
                pronoun = side == "none" or words[-1] in grammar.person_pronouns or words[0].endswith("nya")
                passive = words[0].startswith("di") or "oleh" in words
                frame = Frame("before" if side == "before" or words[0].endswith("nya") else "after",
                              certainty, pronoun, postposed, passive)  # fmt: skip
                frames.append((_gapped(words), frame))
        background = [(item["cue"], item.get("effect", "habitual")) for item in data["background"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise CodebookError(f"certainty.yaml: {exc}") from None
    return Certainty(PhraseSet(cues), PhraseSet(negation), PhraseSet(frames), PhraseSet(background))


def _gapped(words: Words) -> Words:
    """A frame ending in a preposition tolerates a gap before it: "studi terbaru oleh X",
    "dikutip langsung dari X"."""
    if len(words) < 2 or words[-1] not in ("oleh", "dari"):
        return words
    return (*words[:-1], None, words[-1])


@cache
def _clauses_data() -> dict[str, Any]:
    _, data = _read_yaml("clauses.yaml")
    if not isinstance(data, dict):
        raise CodebookError("clauses.yaml: must be a mapping")
    for key, value in data.items():
        if isinstance(value, list) and not value:
            raise CodebookError(f"clauses.yaml: {key} is empty (an empty list would match nothing)")
    return data


def _clauses_negators() -> list[str]:
    """The negators of certainty.yaml (a negator before a noun is no compound head)."""
    _, data = _read_yaml("certainty.yaml")
    return [str(item["cue"]).lower() for item in (data or {}).get("negation", []) if isinstance(item, dict) and "cue" in item]


def grammar_words(key: str) -> list[str]:
    try:
        values = _clauses_data()[key]
    except KeyError:
        raise CodebookError(f"clauses.yaml: missing {key}") from None
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise CodebookError(f"clauses.yaml: {key} must be a list of words")
    return [v.lower() for v in values]


@cache
def load_grammar() -> Grammar:
    """`clauses.yaml`: the words that cut clauses and bound noun phrases."""
    data = _clauses_data()
    limits = data.get("limits")
    if not isinstance(limits, dict) or not all(isinstance(v, int) and v > 0 for v in limits.values()):
        raise CodebookError("clauses.yaml: limits must map names to positive integers")
    word_set = lambda key: frozenset(grammar_words(key))  # noqa: E731
    precedence = tuple(grammar_words("certainty_precedence"))
    if sorted(precedence) != sorted(CERTAINTIES):
        raise CodebookError("clauses.yaml: certainty_precedence must list every certainty once")
    return Grammar(
        limits=dict(limits),
        clause_marks=word_set("clause_marks"),
        comma_conjunctions=word_set("comma_conjunctions"),
        complementisers=word_set("complementisers"),
        clause_openers=word_set("clause_openers"),
        subordinators=word_set("subordinators"),
        relativisers=tuple(phrase_words(w) for w in grammar_words("relativisers")),
        relative_ends=word_set("relative_ends"),
        prepositions=word_set("prepositions"),
        recipient_prepositions=tuple(phrase_words(w) for w in grammar_words("recipient_prepositions")),
        agent_prepositions=word_set("agent_prepositions"),
        source_prepositions=word_set("source_prepositions"),
        source_types=frozenset(w.upper() for w in grammar_words("source_types")),
        between=word_set("between"),
        coordinators=word_set("coordinators"),
        locative_prepositions=word_set("locative_prepositions"),
        goal_prepositions=word_set("goal_prepositions"),
        goal_types=frozenset(w.upper() for w in grammar_words("goal_types")),
        dual_anaphors=PhraseSet((w, w) for w in grammar_words("dual_anaphors")),
        neighbour_anaphors=PhraseSet((w, w) for w in grammar_words("neighbour_anaphors")),
        phrase_stops=word_set("phrase_stops"),
        predicate_adverbs=word_set("predicate_adverbs"),
        confirmation_verbs=word_set("confirmation_verbs"),
        estimating_verbs=word_set("estimating_verbs"),
        certainty_precedence=precedence,
        postposed_frame_words=word_set("postposed_frame_words"),
        anaphoric_subjects=word_set("anaphoric_subjects"),
        demonstratives=word_set("demonstratives"),
        absolute_prepositions=word_set("absolute_prepositions"),
        gap_stops=word_set("gap_stops"),
        prohibitives=word_set("prohibitives"),
        sector_nouns=_sector_nouns(data.get("sector_nouns")),
        person_pronouns=word_set("person_pronouns"),
        determiners=word_set("determiners"),
        light_passives=word_set("light_passives"),
        negation_words=frozenset(w for item in _clauses_negators() for w in item.split()),
        press_sectors=frozenset(w.upper() for w in grammar_words("press_sectors")),
        requires_actor=frozenset(w.upper() for w in grammar_words("requires_actor")),
        owner_is_actor=frozenset(w.upper() for w in grammar_words("owner_is_actor")),
        light_verbs=word_set("light_verbs"),
        executive_verbs=word_set("executive_verbs"),
        denial_verbs=word_set("denial_verbs"),
        appositive_openers=tuple(phrase_words(w) for w in grammar_words("appositive_openers")),
        example_markers=PhraseSet((w, w) for w in grammar_words("example_markers")),
        stateless_modifiers=word_set("stateless_modifiers"),
        speaker_adjuncts=word_set("speaker_adjuncts"),
    )


def _sector_nouns(table: Any) -> PhraseSet:
    if not isinstance(table, dict) or not table:
        raise CodebookError("clauses.yaml: sector_nouns must map sector codes to nouns")
    items = []
    for sector, nouns in table.items():
        if not re.fullmatch(r"[A-Z]{3}", str(sector)):
            raise CodebookError(f"clauses.yaml: sector_nouns: {sector!r} is not a three-letter sector code")
        items.extend((words, (sector, " ".join(words))) for words in _words_list(nouns, f"sector_nouns.{sector}"))
    return PhraseSet(items)


# ---------------------------------------------------------------------------------
# One sentence as the coder sees it
# ---------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def _keys(low: str) -> tuple[str, ...]:
    """The forms a lower-case word matches as: itself, and without an enclitic
    ("kunjungannya") or as the word of a reduplicated plural ("sanksi-sanksi")."""
    stem = next((low[: -len(c)] for c in CLITICS if low.endswith(c) and len(low) - len(c) >= 3), None)
    if stem is None and "-" in low:
        left, _, right = low.partition("-")
        stem = left if left == right else None
    return (low, stem) if stem else (low,)


@lru_cache(maxsize=1 << 16)
def _token_info(text: str, prefix: str | None) -> tuple[str, tuple[str, ...], bool, bool, bool, bool]:
    """(lower case, match keys, is a word, is a verb, is capitalised, may stand in a gap)."""
    low = text.lower()
    word = text[:1].isalnum()
    verb = prefix in ("meN", "di", "ber")
    return low, _keys(low), word, verb, text[:1].isupper(), word and not verb and low not in load_grammar().gap_stops


class _View:
    """A sentence's tokens with what the coder asks of them, computed once."""

    def __init__(self, tokens: list[Token], mentions: list[Mention]) -> None:
        self.tokens = tokens
        self.n = n = len(tokens)
        info = [_token_info(t.text, t.prefix) for t in tokens]
        low, keys, word, verb, capital, gap_ok = (list(column) for column in zip(*info)) if info else ([], [], [], [], [], [])
        self.low, self.keys, self.word, self.verb, self.capital, self.gap_ok = low, keys, word, verb, capital, gap_ok
        self.positions: dict[str, list[int]] = {}
        for i, ks in enumerate(keys):
            for k in ks:
                self.positions.setdefault(k, []).append(i)
        self.present = self.positions.keys()
        # mentions over tokens
        self.mentions = mentions
        self.mention = [-1] * n
        self.m_first: list[int] = []
        self.m_last: list[int] = []
        self.pair: dict[int, int] = {}  # dual anaphor: first -> second mention
        self.sector: dict[int, str] = {}  # "pemerintah Rusia": the sector its head noun gives
        self.head_noun = [False] * n  # "delegasi" in "delegasi Rusia": a noun heading a name
        self.starts = starts = [t.start for t in tokens]
        for m_index, m in enumerate(mentions if n else ()):
            first = bisect.bisect_left(starts, m.start)
            last = first
            while last < n and tokens[last].end <= m.end:
                last += 1
            if last == first:  # a mention inside one token: take that token
                first = max(0, bisect.bisect_right(starts, m.start) - 1)
                last = first + 1
            for k in range(first, last):
                if self.mention[k] < 0:
                    self.mention[k] = m_index
            self.m_first.append(first)
            self.m_last.append(last)
        self.domain_words: dict[str, int] = {}
        self.dates: list[DateExpr] = []
        self.quantities: list[Quantity] = []
        self.in_date = [False] * n
        self.in_quantity = [False] * n
        self.clause = [0] * n
        self.clauses: list[tuple[int, int]] = [(0, n)]
        self.rel = [-1] * n
        self.rels: list[tuple[int, int, int]] = []  # (relativiser, end, antecedent token or -1)
        self.clause_subject: dict[int, list[int]] = {}  # the speaker of a reported clause without subject
        self.frame_sources: set[int] = set()  # sources of parenthetical frames (`_parenthetical_sources`)

    def __len__(self) -> int:
        return self.n

    def mark(self, spans: list[tuple[int, int]], flags: list[bool]) -> None:
        for start, end in spans:
            k = bisect.bisect_left(self.starts, start)
            while k < len(self.tokens) and self.tokens[k].start < end:
                flags[k] = True
                k += 1



def _segment(view: _View, grammar: Grammar, breaks_after: set[int]) -> None:
    """Cut the sentence into clauses and mark relative clauses (see module docstring)."""
    n = view.n
    starts = [0]
    opens = grammar.subordinators | grammar.prepositions
    sub_open = view.low[0] in opens if n else False
    for i in range(n):
        low = view.low[i]
        start = None
        if low in grammar.clause_marks:
            start = i + 1
        elif (low in grammar.complementisers or low in grammar.clause_openers) and i > starts[-1]:
            start = i
        elif low == "," and i + 1 < n and view.low[i + 1] in grammar.comma_conjunctions:
            start = i + 1
        elif low == "," and sub_open:
            start = i + 1
        elif i in breaks_after:
            start = i + 1
        if start is not None and start > starts[-1] and start < n:
            starts.append(start)
            # a subordinate clause opened mid-sentence with no comma runs on past commas:
            # "Foto arsip ketika Presiden Rusia Vladimir Putin, kiri, dan ... Kim Jong Un berpose"
            sub_open = view.low[start] in opens and not (start == i and low in grammar.clause_openers)
    bounds = [(s, e) for s, e in zip(starts, [*starts[1:], n])]
    view.clauses = bounds
    for c, (s, e) in enumerate(bounds):
        for k in range(s, e):
            view.clause[k] = c
    heads = sorted({k for words in grammar.relativisers for k in view.positions.get(words[0], ())})
    if not heads:
        return
    for c, (s, e) in enumerate(bounds):
        k = s
        while k < e:
            if k not in heads:
                k += 1
                continue
            end = None
            for words in grammar.relativisers:
                end = _phrase_at(view, words, k, e)
                if end is not None:
                    break
            if end is None:
                k += 1
                continue
            stop = _relative_end(view, end, e, grammar, restrictive=k == s or view.low[k - 1] != ",")
            antecedent = k - 1
            if antecedent >= s and view.low[antecedent] == ",":
                antecedent -= 1
            rel_index = len(view.rels)
            view.rels.append((k, stop, antecedent if antecedent >= s else -1))
            for j in range(k, stop):
                view.rel[j] = rel_index
            k = end


def _relative_end(view: _View, k: int, e: int, grammar: Grammar, restrictive: bool) -> int:
    """Where a relative clause that starts its body at token k ends.

    After a comma it runs to the next comma. Without one ("langkah yang sama untuk
    memperkuat ...", "kesepakatan yang sangat baik diharapkan akan ditandatangani") it
    holds at most one verb: "yang" + adjectives ends before the next verb or "untuk";
    "yang" + verb ends before a second verb.
    """
    seen_verb = seen_word = False
    while k < e:
        low = view.low[k]
        if low == "," or low in grammar.clause_marks:
            return k
        if restrictive:
            if view.verb[k]:
                if seen_verb or seen_word:
                    return k
                seen_verb = True
            elif low in grammar.relative_ends and (seen_word or seen_verb):
                return k
            elif view.word[k] and low not in grammar.predicate_adverbs:
                seen_word = seen_word or not seen_verb
        k += 1
    return e


# ---------------------------------------------------------------------------------
# Triggers
# ---------------------------------------------------------------------------------


@dataclass
class Trigger:
    """A codebook entry matched over tokens [first, last) of a sentence."""

    entry: Entry
    first: int
    last: int
    start: int = 0  # character offsets in the text
    end: int = 0
    specific: int = 0  # 1 when the entry's object_nouns were satisfied
    mode: str | None = None  # set by a complement
    complement: Trigger | None = None
    doers: int = -1  # a sector noun inside the trigger: "pengunjuk rasa", "demonstran"

    @property
    def event_type(self) -> str:
        return self.entry.event_type

    @property
    def span(self) -> int:
        return self.last - self.first


def _window(view: _View, first: int, last: int, words: int) -> tuple[int, int]:
    """Tokens reaching `words` words before `first` and after `last`, in the clause."""
    lo_clause, hi_clause = view.clauses[view.clause[first]]
    lo, count = first, 0
    while lo > lo_clause and count < words:
        lo -= 1
        count += view.word[lo]
    hi, count = last, 0
    while hi < hi_clause and count < words:
        count += view.word[hi]
        hi += 1
    return lo, hi


def _vetoed(trigger: Trigger, view: _View, grammar: Grammar, ontology: Ontology, sports_in_doc: dict[str, int]) -> bool:
    """Do the entry's `needs` (the ones words alone decide) rule this match out?"""
    needs = trigger.entry.needs
    first, last = trigger.first, trigger.last
    n = view.n
    if any(view.mention[k] >= 0 and view.mentions[view.mention[k]].source not in INFERRED for k in (first, last - 1)):
        return True  # "Organisasi Kerja Sama Islam", "Partai Solidaritas Indonesia" (a gap may hold a name)
    if last - first == 1 and _modifier(view, first, grammar):
        return True  # "kapal perang", "ruang rapat": the word qualifies the noun before it
    if view.in_quantity[first] and view.tokens[first].prefix != "meN":
        return True  # "131,6 ribu kunjungan": the noun is what is counted
    for words in needs.not_next:
        if _phrase_at(view, words, last, n) is not None:
            return True
    for words in needs.not_prev:
        k = first - len([w for w in words if w is not None])
        if k >= 0 and _phrase_at(view, words, k, first) == first:
            return True
    if needs.not_in_sentence and _find(view, needs.not_in_sentence, 0, n) >= 0:
        return True
    if needs.sentence_has and _find(view, needs.sentence_has, 0, n) < 0:
        return True
    lo_clause, hi_clause = view.clauses[view.clause[first]]
    if needs.not_in_clause and _find(view, needs.not_in_clause, lo_clause, hi_clause) >= 0:
        return True
    if needs.object_nouns:
        lo, hi = _window(view, first, last, grammar.limit("object_noun_window"))
        if _find(view, needs.object_nouns, lo, first) < 0 and _find(view, needs.object_nouns, last, hi) < 0:
            return True
        trigger.specific = 1
    for domain in needs.not_domain:
        if domain not in view.domain_words:  # counted once per sentence
            view.domain_words[domain] = len({value for _, _, value in ontology.domains[domain].matches(view, 0, n)})
        if view.domain_words[domain] >= 2 or sports_in_doc.get(domain, 0) >= 6:
            return True
    return False


def _modifier(view: _View, k: int, grammar: Grammar) -> bool:
    """Is the bare root noun at k the second half of a noun compound?"""
    token = view.tokens[k]
    if k == 0 or token.prefix is not None or token.suffix is not None or token.voice is not None:
        return False
    if not _is_root(view.low[k]):
        return False  # a word the morphology could not take apart ("didiskualifikasi") may be a verb
    before = view.tokens[k - 1]
    low = view.low[k - 1]
    return (view.word[k - 1] and not view.capital[k - 1] and before.prefix is None and before.suffix is None
            and low not in grammar.phrase_stops and low not in grammar.prepositions and low not in grammar.determiners
            and low not in grammar.coordinators and low not in grammar.predicate_adverbs and view.mention[k - 1] < 0
            and not low[:1].isdigit() and low not in grammar.negation_words)  # fmt: skip


@lru_cache(maxsize=1 << 14)
def _is_root(word: str) -> bool:
    return simplemma.is_known(word, lang="id")


def settle_triggers(candidates: list[Trigger], length: int) -> list[Trigger]:
    """Overlapping matches: the longest span wins, then the more specific entry, then
    the earlier codebook line. Returns the kept triggers in text order."""
    taken = [False] * length
    kept = []
    for trigger in sorted(candidates, key=lambda t: (-t.span, -t.specific, t.entry.order, t.first)):
        if any(taken[trigger.first : trigger.last]):
            continue
        for k in range(trigger.first, trigger.last):
            taken[k] = True
        kept.append(trigger)
    return sorted(kept, key=lambda t: t.first)


def _govern(triggers: list[Trigger], view: _View, grammar: Grammar, ontology: Ontology) -> list[Trigger]:
    """Drop complements of governing triggers ("mendesak X menghentikan serangan");
    the complement gives the governing trigger its mode and lends its recipient."""
    kept: list[Trigger] = []
    governed: set[int] = set()
    window = grammar.limit("governed_window")
    for n, trigger in enumerate(triggers):
        if n in governed:
            continue
        kept.append(trigger)
        modes = ontology.complement_modes.get(trigger.event_type)
        if modes is None or n + 1 >= len(triggers):
            continue
        nxt = triggers[n + 1]
        executive = view.low[trigger.first] in grammar.executive_verbs
        if executive and nxt.first == trigger.last and _is_nominal(view, nxt, grammar):
            kept.pop()  # "Kuwait memerintahkan pengusiran 15 diplomat Iran": the order is the expulsion
            continue
        words, k, blocked = 0, trigger.last, False
        while k < nxt.first:
            low = view.low[k]
            if low in grammar.clause_marks or low == "bahwa" or (low == "," and k + 1 < view.n and view.low[k + 1] in grammar.comma_conjunctions):
                blocked = True
                break
            words += view.word[k]
            k += 1
        if blocked or words > window:
            continue
        governed.add(n + 1)
        trigger.complement = nxt
        trigger.mode = modes.get(nxt.event_type)
        # the complement's own object ("bersedia membantu menengahi perundingan") and a
        # coordinated second complement ("... serangan nuklir ..., dan menghancurkan ...")
        last = nxt
        for m in range(n + 2, len(triggers)):
            after = triggers[m]
            between = range(last.last, after.first)
            if any(view.low[k] in grammar.clause_marks or view.low[k] == "bahwa" for k in between):
                break
            coordinated = any(view.low[k] in grammar.coordinators for k in between)
            if not (sum(view.word[k] for k in between) <= 1 or (coordinated and sum(view.word[k] for k in between) <= window)):
                break
            governed.add(m)
            last = after
    return kept


def _next_is(view: _View, words: tuple[Words, ...], k: int) -> int:
    """The end of the longest of `words` right at token k, or -1: the trigger then
    spans it ("perjanjian makanan untuk senjata", not "perjanjian ... untuk membeli")."""
    return max((end for w in words if (end := _phrase_at(view, w, k, view.n)) is not None), default=-1)


def _sentence_triggers(view: _View, grammar: Grammar, sports_in_doc: dict[str, int]) -> list[Trigger]:
    book, ontology = load_codebook(), load_ontology()
    candidates = []
    for i in range(view.n):
        if not view.word[i]:
            continue
        for end, entry in book.triggers.matches_at(view, i, view.n):
            if entry.needs.next_is:
                end = _next_is(view, entry.needs.next_is, end)
                if end < 0:
                    continue
            trigger = Trigger(entry, i, end, view.tokens[i].start, view.tokens[end - 1].end)
            if not _vetoed(trigger, view, grammar, ontology, sports_in_doc):
                candidates.append(trigger)
    return settle_triggers(candidates, view.n)


def match_triggers(sentence: str) -> list[Trigger]:
    """The codebook triggers of one sentence, after vetoes and overlaps (no roles).

    A pure helper for tests and for analysts trying an entry: the sentence is
    tokenised here and no entity is known, so only the word constraints apply.
    """
    tokens = tokenize(sentence, [Sentence(0, len(sentence))])
    view = _View(tokens, [])
    grammar = load_grammar()
    _segment(view, grammar, set())
    return _sentence_triggers(view, grammar, {})


# ---------------------------------------------------------------------------------
# Noun phrases and roles
# ---------------------------------------------------------------------------------


def _np_after(view: _View, k: int, hi: int, grammar: Grammar) -> list[int]:
    """Mentions of the noun phrase that starts at token k: up to `np_words` common
    words (capitalised words are free), names, and an apposition after a comma."""
    found: list[int] = []
    common = 0
    limit = grammar.limit("np_words")
    while k < hi:
        m = view.mention[k]
        if m >= 0:
            found.append(m)
            k = view.m_last[m]
            continue
        low = view.low[k]
        if low == "," and found and k + 1 < hi and view.mention[k + 1] >= 0 and view.mentions[view.mention[k + 1]].type == "PERSON":
            k += 1
            continue
        if not view.word[k] or low in grammar.phrase_stops or low in grammar.prepositions or view.verb[k]:
            break
        if low in grammar.coordinators:
            break
        if not view.capital[k]:
            common += 1
            if common > limit or found:
                break
        k += 1
    return found


def _capable(mention: Mention) -> bool:
    """Can the mention act? People, organisations, countries (capitals standing for
    their government are COUNTRY mentions), a named people of a country ("pengungsi
    Rohingya") and sector nouns ("polisi"); not places."""
    return (mention.type in ACTOR_TYPES or mention.source == "generic"
            or (mention.type == "OTHER" and mention.country is not None))  # fmt: skip


def _pick(view: _View, found: list[int], allow_location: bool) -> int:
    """The participant of a phrase's mentions: the person of an apposition ("pemimpin
    Korea Utara Kim Jong Un"), else the first actor-capable name, else a place that
    belongs to a country (it stands for the place's government or people)."""
    mentions = view.mentions
    for a, b in zip(found, found[1:]):
        if mentions[a].type in ("COUNTRY", "ORG") and mentions[b].type == "PERSON":
            return b
    for m in found:
        if _capable(mentions[m]):
            return m
    if allow_location:
        for m in found:
            if mentions[m].type == "LOCATION" and mentions[m].country:
                return m
    return -1


def _np_start(view: _View, first: int, lo: int, grammar: Grammar, depth: int = 0) -> tuple[int, str]:
    """Walk back from a mention over its noun phrase; returns the phrase's first token
    and what stands before it: 'pp' (a preposition), 'object' (a verb) or 'subject'.
    A conjunct has the role of the first conjunct ("dengan China dan Rusia": 'pp')."""
    k, common = first - 1, 0
    start = first
    while k >= lo:
        if (view.low[k] == "," and k - 1 >= lo and k + 1 == start and view.mention[k - 1] >= 0
                and view.mention[start] >= 0 and view.mentions[view.mention[start]].type == "PERSON"
                and view.mentions[view.mention[k - 1]].type != "PERSON"):  # fmt: skip
            k -= 1  # an apposition: "oleh Presiden Rusia, Vladimir Putin"
            continue
        if view.low[k] in grammar.coordinators and depth < grammar.limit("max_coordinated"):
            j = k - 1
            while j >= lo and view.low[j] == ",":
                j -= 1
            if j < lo:
                return start, "subject"
            return start, _np_start(view, j + 1, lo, grammar, depth + 1)[1]
        m = view.mention[k]
        if m >= 0:
            k = view.m_first[m] - 1
            start = k + 1
            continue
        low = view.low[k]
        if low in grammar.prepositions:
            return start, "pp"
        if view.verb[k]:  # after a passive the name is its agent, the doer: "diutarakan Trump saat bertelepon"
            return start, "subject" if view.tokens[k].prefix == "di" else "object"
        if not view.word[k] or low in grammar.phrase_stops or low in grammar.coordinators:
            return start, "subject"
        common += 1
        if common > grammar.limit("np_words"):
            return start, "subject"
        start = k
        k -= 1
    return start, "subject"


def _coordinated(view: _View, m: int, lo: int, grammar: Grammar) -> list[int]:
    """A subject with the conjuncts before it: "AS, Korea Selatan, dan Ukraina"."""
    result = [m]
    if m in view.pair:
        return [m, view.pair[m]]
    start, _ = _np_start(view, view.m_first[m], lo, grammar)
    link_seen = False
    while len(result) < grammar.limit("max_coordinated"):
        k = start - 1
        if k < lo:
            break
        low = view.low[k]
        if low in grammar.coordinators:
            link_seen = True
        elif not (low == "," and link_seen):
            break
        j, skipped = k - 1, 0
        while j >= lo and view.mention[j] < 0 and skipped <= 2 and (view.low[j] == "," or view.word[j]):
            if view.low[j] in grammar.phrase_stops or view.verb[j]:
                break
            skipped += view.word[j]
            j -= 1
        if j < lo or view.mention[j] < 0:
            break
        n = view.mention[j]
        if not _capable(view.mentions[n]):
            break
        start, role = _np_start(view, view.m_first[n], lo, grammar)
        if role == "pp":
            break
        result.insert(0, n)
    return result


def _subject(view: _View, trigger_first: int, grammar: Grammar, limit: int | None = None,
             actor_only: bool = True) -> tuple[list[int], list[str]]:  # fmt: skip
    """The subject before a predicate: the nearest name that is neither inside a
    prepositional phrase nor an object, with its conjuncts; also the common words of
    its phrase (to tell "tentara Korea Utara" from "Korea Utara")."""
    lo, _ = view.clauses[view.clause[trigger_first]]
    rel = view.rel[trigger_first]
    k, words = trigger_first - 1, 0
    while k >= lo:
        if view.rel[k] >= 0 and view.rel[k] != rel:
            k -= 1
            continue
        if rel >= 0 and k == view.rels[rel][0]:
            antecedent = view.rels[rel][2]
            if antecedent >= 0 and view.mention[antecedent] >= 0:
                m = view.mention[antecedent]
                if _capable(view.mentions[m]) or not actor_only:
                    return _coordinated(view, m, lo, grammar), []
            return [], []
        m = view.mention[k]
        if m >= 0:
            start, role = _np_start(view, view.m_first[m], lo, grammar)
            capable = (_capable(view.mentions[m]) or (not actor_only and view.mentions[m].country)) and (
                m not in view.frame_sources)
            if words == 0 and (role == "object" or (role == "pp" and start > lo and view.low[start - 1] in grammar.absolute_prepositions)):
                role = "subject"  # right before the verb: "membuat Teheran menuduh", "dengan Putin juga menawarkan"
            if capable and role == "subject":
                head = _example_head(view, start, lo, grammar)
                if head >= 0:
                    return _coordinated(view, head, lo, grammar), []
                head_words = [view.low[j] for j in range(start, view.m_first[m]) if view.mention[j] < 0]
                return _coordinated(view, m, lo, grammar), head_words
            k = view.m_first[m] - 1
            words += 1
        else:
            if view.word[k] and not view.in_date[k] and view.low[k] not in grammar.predicate_adverbs:
                words += 1
            k -= 1
        if limit is not None and words > limit:
            break
    if rel < 0 and actor_only and view.clause[trigger_first] in view.clause_subject:
        return view.clause_subject[view.clause[trigger_first]], []
    return [], []


def _example_head(view: _View, start: int, lo: int, grammar: Grammar) -> int:
    """The name a list of examples illustrates, when the phrase starting at token
    `start` is one of them (clauses.yaml `example_markers`): the nearest name before
    the marker that can act and heads its phrase, with no verb between (or -1)."""
    markers = [(i, end) for i, end, _ in grammar.example_markers.matches(view, lo, start)
               if not any(view.verb[k] for k in range(end, start))]  # fmt: skip
    if not markers:
        return -1
    k = markers[-1][0] - 1
    while k >= lo and not view.verb[k]:
        m = view.mention[k]
        if m >= 0 and _capable(view.mentions[m]) and _np_start(view, view.m_first[m], lo, grammar)[1] == "subject":
            return m
        k = view.m_first[m] - 1 if m >= 0 else k - 1
    return -1


def _recipient_by_prep(view: _View, k: int, hi: int, preps: tuple[Words, ...], grammar: Grammar, rel: int) -> int:
    """The first name after one of `preps`, from token k to the clause end `hi`,
    stopping at a new active predicate. A complementiser listed in `preps` ("meminta
    agar Myanmar ...") may introduce it from the next clause."""
    start, n = k, view.n
    if rel >= 0:
        hi = min(hi, view.rels[rel][1])  # not out of the trigger's relative clause
    if k > 0 and any(words == (view.low[k - 1],) for words in preps):
        m = _pick(view, _np_after(view, k, hi, grammar), allow_location=True)  # "sanksi * terhadap | Korea Utara"
        if m >= 0:
            return m
    while k < n:
        if k >= hi:
            if k == hi and view.low[k] in grammar.complementisers and (view.low[k],) in preps:
                hi = view.clauses[view.clause[k]][1]
            else:
                break
        matched = False
        for words in preps:
            end = _phrase_at(view, words, k, hi)
            if end is not None:
                while end + 1 < hi and view.low[end] in grammar.coordinators and view.low[end + 1] in grammar.prepositions:
                    end += 2  # "ke dan dari Pyongyang": coordinated prepositions share their object
                m = _pick(view, _np_after(view, end, hi, grammar), allow_location=True)
                if m >= 0:
                    return m
                matched = True
                break
        if not matched and k > start and view.tokens[k].prefix in ("meN", "ber") and view.rel[k] == rel:
            break
        k += 1
    return -1


def _between(view: _View, k: int, hi: int, grammar: Grammar) -> tuple[int, int]:
    """"antara X dan Y" after token k in the clause (before another verb): both
    parties. With one of them unnamed, the named one is returned first."""
    for j in range(k, min(hi, k + 8)):
        if view.verb[j] and j > k:
            break
        if view.low[j] not in grammar.between:
            continue
        if j > k and view.low[j - 1] != "," and not view.in_date[j - 1]:
            break  # "hubungan antara X dan Y": the pair belongs to another noun
        x = _pick(view, _np_after(view, j + 1, hi, grammar), allow_location=False)
        if x >= 0 and x in view.pair:
            return x, view.pair[x]
        p = j + 1
        while p < hi and view.low[p] not in grammar.coordinators and not view.verb[p] and p - j < 10:
            p += 1
        y = -1
        if p < hi and view.low[p] in grammar.coordinators:
            y = _pick(view, _np_after(view, p + 1, hi, grammar), allow_location=False)
        return (x, y) if x >= 0 else (y, -1)
    return -1, -1


def _agent(view: _View, trigger: Trigger, hi: int, grammar: Grammar) -> int:
    """The agent of a passive: the phrase right after the verb, or after "oleh"."""
    k = trigger.last
    if k < hi and view.low[k] not in grammar.prepositions:
        m = _pick(view, _np_after(view, k, hi, grammar), allow_location=False)
        if m >= 0:
            return m
    while k < hi:
        if view.low[k] in grammar.agent_prepositions:
            return _pick(view, _np_after(view, k + 1, hi, grammar), allow_location=False)
        if view.verb[k] or view.low[k] in grammar.clause_marks:
            break
        k += 1
    return -1


def _nominalised(token: Token) -> bool:
    """A noun of an act: peN-/per-/ke- forms and bare -an nouns ("serangan")."""
    return token.prefix in ("peN", "per", "ke") or (token.prefix is None and token.suffix == "an")


def _is_nominal(view: _View, trigger: Trigger, grammar: Grammar) -> bool:
    token = view.tokens[trigger.first]
    if _nominalised(token):
        return True
    if token.prefix is not None or token.voice is not None:
        return False
    inside = range(trigger.first + 1, trigger.last)
    if any(_nominalised(view.tokens[k]) for k in inside) and not any(view.verb[k] for k in inside):
        return True  # a noun heading an act noun: "aksi penembakan"
    before = trigger.first - 1
    if before >= 0 and (view.low[before] in grammar.prepositions or view.verb[before]):
        return True
    return trigger.last < view.n and view.mention[trigger.last] >= 0


@dataclass
class _Roles:
    actors: list[int] = field(default_factory=list)
    recipients: list[int] = field(default_factory=list)


def _roles(trigger: Trigger, view: _View, grammar: Grammar) -> _Roles:
    """Actor and recipient mentions of a trigger (see the module docstring)."""
    needs = trigger.entry.needs
    head = view.tokens[trigger.first]
    lo, hi = view.clauses[view.clause[trigger.first]]
    rel = view.rel[trigger.first]
    preps = needs.recipient_prep or grammar.recipient_prepositions
    roles = _Roles()
    if head.voice == "passive":
        agent = _agent(view, trigger, hi, grammar)
        patient, head_words = _subject(view, trigger.first, grammar, limit=grammar.limit("patient_words"), actor_only=False)
        moved = bool(needs.object_nouns) and any((w,) in needs.object_nouns for w in head_words)
        if agent < 0 and patient and moved:
            # "11.000 tentara Korea Utara ... dipindahkan ke ...": the owner moves them
            roles.actors = patient
            m = _recipient_by_prep(view, trigger.last, hi, preps, grammar, rel)
            roles.recipients = [m] if m >= 0 else []
        else:
            roles.actors = [agent] if agent >= 0 else []
            roles.recipients = patient[:1] if patient else []
            if not roles.recipients:
                m = _recipient_by_prep(view, trigger.last, hi, preps, grammar, rel)
                roles.recipients = [m] if m >= 0 else []
            if not roles.actors and not roles.recipients:
                x, y = _between(view, trigger.last, hi, grammar)
                roles.actors, roles.recipients = [x] if x >= 0 else [], [y] if y >= 0 else []
    elif _is_nominal(view, trigger, grammar):
        x, y = _between(view, trigger.last, hi, grammar)
        if x >= 0 or y >= 0:
            roles.actors = [x] if x >= 0 else []
            roles.recipients = [y] if y >= 0 else []
        else:
            genitive, role = _genitive(view, trigger, hi, grammar)
            doer = _light_passive_agent(view, trigger.last, hi, grammar)
            if doer < 0 and trigger.event_type in grammar.source_types and trigger.last < hi:
                doer = _source(view, trigger.last, hi, grammar)
            if doer >= 0:
                roles.actors = _coordinated_after(view, doer)
            elif genitive >= 0 and role == "actor":
                roles.actors = _coordinated_after(view, genitive)
            elif _subject_does(view, trigger, grammar):
                roles.actors, _ = _subject(view, trigger.first, grammar)
            m = genitive if role == "recipient" else _recipient_by_prep(view, trigger.last, hi, preps, grammar, rel)
            roles.recipients = [m] if m >= 0 else []
    else:
        roles.actors, _ = _subject(view, trigger.first, grammar)
        object_first = needs.direct_object or head.suffix != "kan"
        direct, reach = -1, hi
        if trigger.last == hi < view.n and view.low[hi] not in grammar.complementisers:
            # a reporting verb ends its clause: "Qatar menuding | Saudi mempolitisir ..."
            reach = view.clauses[view.clause[hi]][1]
        if head.prefix in ("meN", "ber") or head.prefix is None:
            if trigger.last < reach and view.low[trigger.last] not in grammar.prepositions:
                direct = _pick(view, _np_after(view, trigger.last, reach, grammar), allow_location=True)
                if direct >= 0 and _is_theme(view.mentions[direct], needs):
                    direct = -1  # "mengerahkan pasukan": the troops are what is moved
        by_prep = _recipient_by_prep(view, trigger.last, hi, preps, grammar, rel)
        doer = _object_doer(view, trigger.last, hi, grammar) if direct < 0 else -1
        order = (direct, doer, by_prep) if object_first else (by_prep, direct, doer)
        recipient = next((m for m in order if m >= 0), -1)
        roles.recipients = [recipient] if recipient >= 0 else []
        if not roles.actors and not roles.recipients:
            x, y = _between(view, trigger.last, hi, grammar)
            roles.actors, roles.recipients = [x] if x >= 0 else [], [y] if y >= 0 else []
    if trigger.doers >= 0:  # the trigger names its doers: "pengunjuk rasa", "pelaku bom bunuh diri"
        roles.actors = [trigger.doers]
    if needs.swap_roles:
        roles.actors, roles.recipients = roles.recipients[:1], roles.actors[:1]
    if not roles.recipients and trigger.complement is not None:
        borrowed = _roles(trigger.complement, view, grammar)
        roles.recipients = borrowed.recipients
    return roles


def _genitive(view: _View, trigger: Trigger, hi: int, grammar: Grammar) -> tuple[int, str]:
    """The party named right after a nominal trigger and its role: the doer in
    "kunjungan Kozlov", "invasi Rusia", "kunjungan resmi delegasi Rusia"; after the
    entry's object noun, the owner of the thing acted on, who is the actor for the
    types of `owner_is_actor` ("pengiriman pasukan Korea Utara") and the recipient
    otherwise ("pengusiran diplomat India"). Not the owner of another noun:
    "pelonggaran sanksi PBB" gives (-1, "")."""
    k, words, after_noun = trigger.first + 1, 0, False
    object_nouns = trigger.entry.needs.object_nouns
    people = grammar.sector_nouns.index
    owned = False  # an object noun stands between: the name owns the thing acted on
    while k < hi and words <= grammar.limit("np_words"):
        m = view.mention[k]
        if m >= 0:
            found = _pick(view, _np_after(view, k, hi, grammar), allow_location=False)
            if owned and trigger.event_type not in grammar.owner_is_actor:
                return found, "recipient"
            return found, "actor"
        low = view.low[k]
        owned = owned or (k >= trigger.last and any((key,) in object_nouns for key in view.keys[k]))
        noun = view.head_noun[k] or any(key in people or (key,) in object_nouns for key in view.keys[k])
        # a count may stand before the noun: "pengusiran 15 diplomat Iran"
        allowed = (k < trigger.last or noun or after_noun or low in grammar.determiners
                   or low in grammar.predicate_adverbs or view.in_quantity[k])  # fmt: skip
        if not view.word[k] or view.verb[k] or low in grammar.prepositions or not allowed:
            return -1, ""
        after_noun = noun  # one word may qualify such a noun: "pejabat tinggi Rusia"
        words += k >= trigger.last
        k += 1
    return -1, ""


def _subject_does(view: _View, trigger: Trigger, grammar: Grammar) -> bool:
    """Is the clause subject the doer of a nominal trigger? After a light verb
    ("melancarkan serangan"), with a possessive ("kunjungannya"), or right after the
    subject ("Korut Tolak Dialog")."""
    if view.tokens[trigger.first].suffix == "nya" or view.keys[trigger.first][-1] != view.low[trigger.first]:
        return True
    k = trigger.first - 1
    while k >= 0 and (view.low[k] in grammar.predicate_adverbs or view.low[k] in grammar.determiners):
        k -= 1
    return k >= 0 and (view.low[k] in grammar.light_verbs or view.low[k] in grammar.executive_verbs
                       or view.mention[k] >= 0)  # fmt: skip


def _source(view: _View, k: int, hi: int, grammar: Grammar) -> int:
    """"aksi penembakan | dari India", "kecaman | dari Indonesia": the party named after
    a source preposition right after a noun of an act (or -1)."""
    if view.low[k] not in grammar.source_prepositions:
        return -1
    return _pick(view, _np_after(view, k + 1, hi, grammar), allow_location=False)


def _light_passive_agent(view: _View, k: int, hi: int, grammar: Grammar) -> int:
    """"serangan yang dilakukan (oleh) X", "penembakan oleh X": X, the doer of the
    noun's act (or -1)."""
    if k < hi and view.low[k] in grammar.agent_prepositions:
        return _pick(view, _np_after(view, k + 1, hi, grammar), allow_location=False)
    if k + 1 < hi and view.low[k] == "yang" and view.low[k + 1] in grammar.light_passives:
        j = k + 2
        if j < hi and view.low[j] in grammar.agent_prepositions:
            j += 1
        return _pick(view, _np_after(view, j, hi, grammar), allow_location=False)
    return -1


def _object_doer(view: _View, k: int, hi: int, grammar: Grammar) -> int:
    """The doer of the act an object noun names, given by a passive relative clause:
    "menyesalkan ancaman | yang diluncurkan Korut", "menolak gencatan senjata | yang
    dideklarasikan oleh ARSA" (or -1)."""
    common = 0
    while (k < hi and common < grammar.limit("np_words") and view.word[k] and not view.verb[k] and view.mention[k] < 0
           and view.low[k] not in grammar.phrase_stops and view.low[k] not in grammar.prepositions):  # fmt: skip
        common += 1
        k += 1
    if not common or k + 1 >= hi or view.low[k] != "yang" or view.tokens[k + 1].prefix != "di":
        return -1
    j = k + 2
    if j < hi and view.low[j] in grammar.agent_prepositions:
        j += 1
    return _pick(view, _np_after(view, j, hi, grammar), allow_location=False)


def _is_theme(mention: Mention, needs: Needs) -> bool:
    """A sector noun that is one of the entry's object nouns is the thing acted on."""
    return mention.source == "generic" and phrase_words(mention.name) in needs.object_nouns


def _subject_pair(view: _View, grammar: Grammar) -> list[int]:
    """The first "kedua negara" of the sentence that is a subject (not "di perbatasan
    kedua negara"): the parties of a mutual act named by a noun with no party in its
    clause ("adalah perjanjian makanan untuk senjata, ..., meskipun kedua negara belum
    mengkonfirmasi ...")."""
    for m in sorted(view.pair):
        lo, _ = view.clauses[view.clause[view.m_first[m]]]
        if _np_start(view, view.m_first[m], lo, grammar)[1] == "subject":
            return [m, view.pair[m]]
    return []


def _coordinated_after(view: _View, m: int) -> list[int]:
    return [m, view.pair[m]] if m in view.pair else [m]


# ---------------------------------------------------------------------------------
# Attribution, certainty, negation, dates
# ---------------------------------------------------------------------------------


@dataclass
class _Attribution:
    source: Participant | None
    certainty: str
    lo: int  # tokens of the sentence it covers
    hi: int


def _participant(m: Mention, sector: str | None = None) -> Participant:
    """A participant from its mention; `sector` (from a head noun) fills a missing one,
    and replaces a country's ("pemerintah Rusia" is GOV, "militer Amerika" MIL)."""
    if sector is None or (m.sector is not None and m.type != "COUNTRY"):
        sector = m.sector
    return Participant(m.text, m.start, m.end, m.name, m.type, m.country, sector, m.key)


@dataclass
class _DocState:
    """What the coder carries from one sentence to the next."""

    last_speaker: Participant | None = None
    last_subject: tuple[int, Mention] | None = None  # (sentence index, person named at a sentence's head)
    sports: dict[str, int] = field(default_factory=dict)
    # (type, actor key) -> (sentence index, the last event of that doer with a recipient)
    told: dict[tuple[str, str], tuple[int, Event]] = field(default_factory=dict)


def _source_after(view: _View, k: int, grammar: Grammar) -> Participant | None:
    """The source named after a frame: "kata Lim", "menurut laporan media Rusia"."""
    m = _source_mention(view, k, grammar)
    return _participant(view.mentions[m]) if m >= 0 else None


def _source_mention(view: _View, k: int, grammar: Grammar) -> int:
    """The mention of the source named from token k on (or -1)."""
    return _pick(view, _np_after(view, k, view.n, grammar), allow_location=False)


def _parenthetical_sources(view: _View, frames: list[tuple[int, int, Frame]], grammar: Grammar) -> set[int]:
    """The sources of frames set off by a comma after them ("Pejabat Suriah itu,
    sebagaimana diberitakan Xinhua, ... mendesak", "Tujuh ormas itu, kata Yusri,
    berunjuk rasa"): they only report, so they are neither the subject of what
    follows nor the country of a body named after them. Without the comma, or with
    an adjunct after it, the source is the subject ("kata Aris Budiman saat
    menghadiri rapat", "ujar Suwarno, usai melakukan penyidikan")."""
    sources = set()
    for _, end, frame in frames:
        m = _source_mention(view, end, grammar) if frame.side == "after" else -1
        k = view.m_last[m] if m >= 0 else view.n
        if k + 1 < view.n and view.low[k] == "," and view.low[k + 1] not in grammar.speaker_adjuncts:
            sources.add(m)
    return sources


def _frames(view: _View, grammar: Grammar, certainty: Certainty) -> list[tuple[int, int, Frame]]:
    """Attribution frames of the sentence, longest first where they overlap."""
    found = []
    for i, end, frame in certainty.frames.matches(view, 0, view.n):
        if frame.postposed and (i == 0 or view.low[i - 1] not in (",", *CLOSING_QUOTES)):
            continue
        found.append((i, end, frame))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept, reach = [], -1
    for i, end, frame in found:
        if i >= reach:
            kept.append((i, end, frame))
            reach = end
    return kept


def _attributions(view: _View, frames: list[tuple[int, int, Frame]], triggers: list[Trigger], grammar: Grammar,
                  state: _DocState) -> tuple[list[_Attribution], _Attribution | None, _Attribution | None]:  # fmt: skip
    """Who the sentence's events are attributed to. Also returns an attribution that
    reaches back to the previous sentence(s): a passive frame after an anaphoric
    subject, or a postposed frame closing a quote opened earlier."""
    n = view.n
    result: list[_Attribution] = []
    back = quote_back = None
    for i, end, frame in frames:
        if any(t.first <= i and end <= t.last and t.span > end - i for t in triggers):
            continue  # "menyatakan * kesiapan" is an AGREE trigger, not a frame
        if frame.side == "before" and not frame.pronoun:
            subject, _ = _subject(view, i, grammar)
            source = _participant(view.mentions[subject[0]]) if subject else None
            if source is None:
                continue
            if end < n:  # "Korut menyatakan tidak akan pernah menegosiasikan ...": Korut negotiates
                clause = view.clause[end]
                view.clause_subject[clause] = subject
                if clause + 1 < len(view.clauses) and view.low[view.clauses[clause + 1][0]] in grammar.complementisers:
                    view.clause_subject[clause + 1] = subject
            result.append(_Attribution(source, frame.certainty, end, n))
            if source.type == "PERSON":
                state.last_speaker = source
            continue
        source = state.last_speaker if frame.pronoun else _source_after(view, end, grammar)
        if source is not None and source.type == "PERSON":
            state.last_speaker = source
        if frame.postposed or frame.pronoun:
            attribution = _Attribution(source, frame.certainty, 0, i)
            result.append(attribution)
            if i > 0 and view.low[i - 1] in CLOSING_QUOTES and not any(view.low[k] in OPENING_QUOTES for k in range(0, i - 1)):
                quote_back = attribution
            continue
        if frame.passive and not any(t.first < i for t in triggers) and _anaphoric_start(view, i, grammar):
            back = _Attribution(source, frame.certainty, 0, 0)
            continue
        result.append(_Attribution(source, frame.certainty, 0, n))
    return result, back, quote_back


def _anaphoric_start(view: _View, before: int, grammar: Grammar) -> bool:
    """Does the sentence open with "Hal ini", "Kesepakatan tersebut", ...?"""
    for k in range(0, min(before, 4)):
        if view.low[k] in grammar.demonstratives:
            return any(view.low[j] in grammar.anaphoric_subjects for j in range(0, k))
    return False


@dataclass
class _Cues:
    """Certainty, negation and background cues of one sentence."""

    predicate: list[tuple[int, int, str]]  # (start, end, certainty)
    clause: list[tuple[int, int, str]]
    sentence: list[str]  # unconfirmed / denied anywhere
    estimating: list[int]  # token positions of estimating verbs before a number
    negators: list[tuple[int, int, str]]
    unconfirmed_from: int  # a negated confirmation verb: events after it are unconfirmed
    denied_from: int  # "membantah bahwa ...": events after it are denied
    background: bool


def _cues(view: _View, triggers: list[Trigger], certainty: Certainty, grammar: Grammar) -> _Cues:
    n = view.n
    inside = [False] * n
    for t in triggers:
        for k in range(t.first, t.last):
            inside[k] = True
    raw = [(i, end, value) for i, end, value in certainty.cues.matches(view, 0, n) if not inside[i]]
    raw.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    predicate, clause, sentence, estimating = [], [], [], []
    reach = -1
    for i, end, (value, scope) in raw:
        if i < reach:
            continue  # the longest cue wins: "diperkirakan akan" over "diperkirakan"
        reach = end
        if scope == "predicate":
            predicate.append((i, end, value))
        elif scope == "clause":
            if value in ("unconfirmed", "denied"):
                sentence.append(value)
            clause.append((i, end, value))
        elif view.low[i] in grammar.estimating_verbs and not view.in_quantity[i]:
            if any(view.tokens[k].text[:1].isdigit() for k in range(end, min(n, end + 3))):
                estimating.append(i)
    negators = [(i, end, value) for i, end, value in certainty.negation.matches(view, 0, n) if not inside[i]]
    negators.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    kept, reach = [], -1
    for item in negators:
        if item[0] >= reach:
            kept.append(item)
            reach = item[1]
    unconfirmed_from = denied_from = n
    for i, end, value in predicate:
        if value == "denied" and view.low[i] in grammar.denial_verbs:
            k = end
            while k < n and view.low[k] not in grammar.complementisers and k - end < 2:
                k += 1
            if k < n and view.low[k] in grammar.complementisers:
                denied_from = min(denied_from, k + 1)
    for i, end, value in kept:
        if value in ("double", "affirm"):
            continue
        for k in range(end, min(n, end + grammar.limit("cue_window") + 1)):
            if view.low[k] in grammar.confirmation_verbs:
                unconfirmed_from = min(unconfirmed_from, k + 1)
                break
    background = any(not inside[i] for i, _, _ in certainty.background.matches(view, 0, n))
    return _Cues(predicate, clause, sentence, estimating, kept, unconfirmed_from, denied_from, background)


def _words_between(view: _View, a: int, b: int) -> int:
    return sum(view.word[k] for k in range(a, b))


def _certainty(trigger: Trigger, view: _View, cues: _Cues, attribution: _Attribution | None, actor: Participant | None,
               grammar: Grammar) -> str:  # fmt: skip
    clause = view.clause[trigger.first]
    window = grammar.limit("cue_window")
    found = set(cues.sentence)
    for i, end, value in cues.predicate:
        if end <= trigger.first and view.clause[i] == clause and _words_between(view, end, trigger.first) <= window:
            found.add(value)
    for i, _, value in cues.clause:
        if view.clause[i] == clause:
            found.add(value)
    for i in cues.estimating:
        if view.clause[i] == clause:
            found.add("estimated")
    if trigger.first >= cues.unconfirmed_from:
        found.add("unconfirmed")
    if trigger.first >= cues.denied_from:
        found.add("denied")
    if attribution is not None:
        if attribution.certainty != "reported" or not _same_party(attribution.source, actor):
            found.add(attribution.certainty)
    for value in grammar.certainty_precedence:
        if value in found:
            return value
    return "asserted"


def _same_state(actor: Participant | None, recipient: Participant | None) -> bool:
    """Is the recipient the actor itself: the same entity, or a state and one of its
    own bodies ("Rusia ... pemerintah Rusia")? Two bodies or officials of one state
    are two parties ("Trump memerintahkan kepada Kementerian Luar Negeri")."""
    if actor is None or recipient is None:
        return False
    if actor.key is not None and actor.key == recipient.key:
        return True
    state = lambda p: p.type == "COUNTRY" or p.sector in STATE_SECTORS  # noqa: E731
    return (actor.country is not None and actor.country == recipient.country and "COUNTRY" in (actor.type, recipient.type)
            and state(actor) and state(recipient))  # fmt: skip


def _same_party(source: Participant | None, actor: Participant | None) -> bool:
    """Does the source speak of its own act (a ministry announcing its sanctions)?"""
    if source is None or actor is None:
        return False
    if source.key is not None and source.key == actor.key:
        return True
    state = lambda p: p.type == "COUNTRY" or p.sector in STATE_SECTORS  # noqa: E731
    return source.country is not None and source.country == actor.country and state(source) and state(actor)


def _negated(trigger: Trigger, view: _View, cues: _Cues, info: TypeInfo, grammar: Grammar) -> tuple[bool, bool]:
    """(negated, possible): a negator within `cue_window` words before the trigger;
    "bukan tidak mungkin" is a double negation, read as possible."""
    clause = view.clause[trigger.first]
    window = grammar.limit("cue_window")
    negated = possible = False
    for k in range(max(0, trigger.first - window), trigger.first):
        if view.low[k] in grammar.prohibitives and view.clause[k] == clause:
            negated = True
    for i, end, value in cues.negators:
        if end > trigger.first or view.clause[i] != clause or _words_between(view, end, trigger.first) > window:
            continue
        if value == "affirm":
            continue  # "Tak cuma itu, AS menuduh ...": not only, so it happened
        if value == "double":
            possible, negated = True, False
        elif value == "conflict" and info.quad == 4:
            continue
        else:
            negated = True
    return negated, possible


def _precision(value: str) -> str:
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "day")


# ---------------------------------------------------------------------------------
# The stage
# ---------------------------------------------------------------------------------


def _sentence_tokens(doc: Document) -> list[Token]:
    return doc.tokens if doc.tokens else tokenize(doc.text, doc.sentences)


def _sports_counts(doc: Document, views: list[_View], ontology: Ontology) -> dict[str, int]:
    counts = {}
    for name, words in ontology.domains.items():
        found = set()
        for view in views:
            found.update(value for _, _, value in words.matches(view, 0, view.n))
        counts[name] = len(found)
    return counts


def _dual_anaphors(view: _View, doc: Document, sentence_index: int, grammar: Grammar, named: list[Mention],
                   named_starts: list[int]) -> None:  # fmt: skip
    """Add "kedua negara" as a pair of mentions: the two countries most named (people
    and organisations count for their country) in this and the previous
    `anaphor_sentences` sentences before it, the more recent first on a tie."""
    lo_sentence = doc.sentences[max(0, sentence_index - grammar.limit("anaphor_sentences"))].start
    for i, end, _ in grammar.dual_anaphors.matches(view, 0, view.n):
        if any(view.mention[k] >= 0 for k in range(i, end)):
            continue
        start, stop = view.tokens[i].start, view.tokens[end - 1].end
        counts: dict[str, list] = {}
        k = bisect.bisect_left(named_starts, start) - 1
        while k >= 0 and named[k].start >= lo_sentence:
            mention = named[k]
            entry = counts.setdefault(mention.country, [0, k, None])
            entry[0] += 1
            if mention.type == "COUNTRY" and entry[2] is None:
                entry[2] = mention
            k -= 1
        ranked = sorted(counts.items(), key=lambda item: (-item[1][0], -item[1][1]))
        pair = [(code, entry[2] or named[entry[1]]) for code, entry in ranked[:2]]
        if len(pair) < 2:
            continue
        pair.sort(key=lambda item: counts[item[0]][1])  # in the order they were last named
        first = len(view.mentions)
        for code, p in pair:
            _anaphor_mention(view, i, end, doc.text[start:stop], code, p)
        view.pair[first] = first + 1
        for k in range(i, end):
            view.mention[k] = first


def _anaphor_mention(view: _View, i: int, end: int, text: str, code: str, named: Mention) -> int:
    """A COUNTRY mention over tokens [i, end) standing for `code`, which `named` (a
    country, or a person or body of it) named earlier."""
    country = named.type == "COUNTRY"
    start, stop = view.tokens[i].start, view.tokens[end - 1].end
    return _add_mention(view, i, end, Mention(start, stop, text, "COUNTRY", named.name if country else code, code,
                                              named.sector if country else "GOV", "anaphor",
                                              named.key if country else f"COUNTRY:{code}"))  # fmt: skip


def _neighbour_anaphors(view: _View, doc: Document, sentence_index: int, grammar: Grammar, named: list[Mention],
                        named_starts: list[int]) -> None:  # fmt: skip
    """Add "negara tetangganya" as a mention of the country last named before it in
    this and the previous `anaphor_sentences` sentences, passing over the countries
    its own sentence names before it (its subject's among them); a COUNTRY mention of
    that country names it."""
    lo_sentence = doc.sentences[max(0, sentence_index - grammar.limit("anaphor_sentences"))].start
    here = bisect.bisect_left(named_starts, doc.sentences[sentence_index].start)
    for i, end, _ in grammar.neighbour_anaphors.matches(view, 0, view.n):
        if any(view.mention[k] >= 0 for k in range(i, end)):
            continue
        start = view.tokens[i].start
        last = bisect.bisect_left(named_starts, start)
        own = {m.country for m in named[here:last]}
        window = [m for m in reversed(named[bisect.bisect_left(named_starts, lo_sentence) : last]) if m.country not in own]
        if window:
            code = window[0].country
            referent = next((m for m in window if m.type == "COUNTRY" and m.country == code), window[0])
            _anaphor_mention(view, i, end, doc.text[start : view.tokens[end - 1].end], code, referent)


def _add_mention(view: _View, i: int, end: int, mention: Mention) -> int:
    """A mention the coder infers (a pronoun, a sector noun) over tokens [i, end)."""
    index = len(view.mentions)
    view.mentions.append(mention)
    view.m_first.append(i)
    view.m_last.append(end)
    for j in range(i, end):
        view.mention[j] = index
    return index


def _pronouns(view: _View, index: int, state: _DocState, grammar: Grammar) -> None:
    """"Ia", "dia", "beliau" stand for the person last named at a sentence's head."""
    if state.last_subject is None or index - state.last_subject[0] > grammar.limit("anaphor_sentences"):
        return
    person = state.last_subject[1]
    for k, low in enumerate(view.low):
        if low in grammar.person_pronouns and view.mention[k] < 0:
            token = view.tokens[k]
            _add_mention(view, k, k + 1, Mention(token.start, token.end, token.text, "PERSON", person.name,
                                                 person.country, person.sector, "pronoun", person.key))  # fmt: skip


def _head_person(view: _View, index: int, state: _DocState) -> None:
    """Remember a person named before the first verb of the sentence (its subject)."""
    for k in range(min(view.n, 8)):
        if view.verb[k]:
            break
        m = view.mention[k]
        if m >= 0 and view.mentions[m].type == "PERSON" and view.mentions[m].source != "pronoun":
            state.last_subject = (index, view.mentions[m])
            return


def _countries_before(view: _View) -> list[str | None]:
    """For each token, the country of the last name of an actor with a country that
    ends before it in the sentence: whose body an unnamed "pemerintah" is. The source
    of a parenthetical frame (", sebagaimana diberitakan Xinhua,") owns nothing."""
    owners = sorted((m for i, m in enumerate(view.mentions) if _capable(m) and m.country and m.source not in INFERRED
                     and i not in view.frame_sources), key=lambda m: m.end)  # fmt: skip
    result: list[str | None] = []
    passed, country = 0, None
    for token in view.tokens:
        while passed < len(owners) and owners[passed].end <= token.start:
            country = owners[passed].country
            passed += 1
        result.append(country)
    return result


def _owner(view: _View, first: int, after: int, sector: str | None, home: str | None, before: list[str | None],
           grammar: Grammar) -> str | None:  # fmt: skip
    """The country of a state body or group named without one (tokens [first, after)):
    the place right after it ("Media pemerintah di Pyongyang"), else the country named
    last before it in the sentence ("Ribuan pengungsi Rohingya berencana menuju
    Bangladesh, tapi pemerintah menolak ..."), else, for a state body, the story's
    `home` country, its dateline's ("Jakarta, CNN Indonesia-- ... Pemerintah langsung
    menyampaikan protes ke Australia")."""
    return _place_country(view, after, grammar) or before[first] or (home if sector in STATE_SECTORS else None)


def _state_bodies(view: _View, grammar: Grammar, home: str | None, before: list[str | None]) -> None:
    """A named state body or official whose name gives no country ("Kementerian Luar
    Negeri", "Wakil Presiden Cyril Ramaphosa") takes the one its context gives (see
    `_owner`), in this sentence's view only: the entity keeps its own."""
    for m, mention in enumerate(view.mentions):
        if mention.country is None and mention.sector in STATE_SECTORS and mention.type in ("ORG", "PERSON"):
            owner = _owner(view, view.m_first[m], view.m_last[m], mention.sector, home, before, grammar)
            if owner is not None:
                view.mentions[m] = replace(mention, country=owner)


def _sector_heads(view: _View, grammar: Grammar, home: str | None, before: list[str | None]) -> None:
    """Sector nouns: give a following name its sector ("militer Amerika"), or stand
    as a participant of their own ("Polisi memeriksa enam saksi"), whose country
    `_owner` finds."""
    n = view.n
    reach = -1
    for i, end, (sector, name) in sorted(grammar.sector_nouns.matches(view, 0, n), key=lambda m: (m[0], -m[1])):
        if i < reach or any(view.mention[k] >= 0 for k in range(i, end)):
            continue
        reach = end
        if i > 0 and not _opens_phrase(view, i - 1, grammar):
            continue  # "peralatan militer": a modifier, not a participant
        k, common = end, 0
        while k < n and view.mention[k] < 0 and view.word[k] and not view.verb[k] and common < 2:
            low = view.low[k]
            if low in grammar.prepositions or low in grammar.phrase_stops or low in grammar.coordinators:
                break
            common += 1
            k += 1
        if k < n and view.mention[k] >= 0:
            m = view.mention[k]
            if view.mentions[m].type in ("COUNTRY", "ORG", "OTHER") and view.mentions[m].source != "anaphor":
                view.sector.setdefault(m, sector)
            for j in range(i, end):
                view.head_noun[j] = True
            continue
        named = _apposed_name(view, i, grammar)
        if named >= 0:  # "Lee Seong Kweun, seorang anggota parlemen": the noun describes Lee
            for j in range(i, end):
                view.mention[j] = named
            continue
        token_start, token_end = view.tokens[i].start, view.tokens[end - 1].end
        text = " ".join(view.tokens[j].text for j in range(i, end))
        stateless = any(view.low[j] in grammar.stateless_modifiers for j in range(end, k))
        owner = None if stateless else _owner(view, i, k, sector, home, before, grammar)
        _add_mention(view, i, end, Mention(token_start, token_end, text, "OTHER", name, owner, sector, "generic", None))


def _place_country(view: _View, k: int, grammar: Grammar) -> str | None:
    """The country of a place right after token k ("Media pemerintah | di Pyongyang",
    "polisi | di Jakarta"): the body of that place."""
    if k + 1 < view.n and view.low[k] in grammar.locative_prepositions and view.mention[k + 1] >= 0:
        return view.mentions[view.mention[k + 1]].country
    return None


def _opens_phrase(view: _View, k: int, grammar: Grammar) -> bool:
    """Can a noun after token k head its own phrase? Not after a common noun it would
    qualify ("peralatan militer"), except a bare -an noun of an act, whose doer it
    names ("serangan militan")."""
    low = view.low[k]
    token = view.tokens[k]
    if token.prefix is None and token.suffix == "an":
        return True
    return (not view.word[k] or view.verb[k] or low in grammar.prepositions or low in grammar.phrase_stops
            or low in grammar.coordinators or low in grammar.determiners or low[:1].isdigit()
            or view.tokens[k].prefix in ("ter",) or view.mention[k] >= 0)  # fmt: skip


def _apposed_name(view: _View, i: int, grammar: Grammar) -> int:
    """The name before ", seorang <noun>" (or -1)."""
    for words in grammar.appositive_openers:
        size = len(words)
        k = i - size
        if k >= 1 and _phrase_at(view, words, k, i) == i and view.low[k - 1] == ",":
            m = view.mention[k - 2] if k >= 2 else -1
            if m >= 0 and view.mentions[m].type in ("PERSON", "ORG"):
                return m
    return -1


def code_events(doc: Document, options: Options) -> Document:
    """Code the PLOVER events of every sentence of `doc` into `doc.events`."""
    doc.events = []
    if not doc.text or not doc.sentences:
        return doc
    ontology, certainty, grammar = load_ontology(), load_certainty(), load_grammar()
    tokens = _sentence_tokens(doc)
    token_starts = [t.start for t in tokens]
    mention_starts = [m.start for m in doc.mentions]
    date_starts = [d.start for d in doc.dates]
    quantity_starts = [q.start for q in doc.quantities]
    named = [m for m in doc.mentions if m.type in ACTOR_TYPES and m.country]
    named_starts = [m.start for m in named]
    home = home_country(doc.text, doc.mentions)
    views: list[_View] = []
    for s in doc.sentences:
        a, b = bisect.bisect_left(token_starts, s.start), bisect.bisect_left(token_starts, s.end)
        ma, mb = bisect.bisect_left(mention_starts, s.start), bisect.bisect_left(mention_starts, s.end)
        view = _View(tokens[a:b], list(doc.mentions[ma:mb]))
        view.dates = doc.dates[bisect.bisect_left(date_starts, s.start) : bisect.bisect_left(date_starts, s.end)]
        view.quantities = doc.quantities[bisect.bisect_left(quantity_starts, s.start) : bisect.bisect_left(quantity_starts, s.end)]
        view.mark([(d.start, d.end) for d in view.dates], view.in_date)
        view.mark([(q.start, q.end) for q in view.quantities], view.in_quantity)
        views.append(view)
    state = _DocState()
    state.sports = _sports_counts(doc, views, ontology) if views else {}
    per_sentence: list[list[tuple[Event, _Attribution | None]]] = []
    for index, (sentence, view) in enumerate(zip(doc.sentences, views)):
        if not view.n:
            per_sentence.append([])
            continue
        _dual_anaphors(view, doc, index, grammar, named, named_starts)
        _neighbour_anaphors(view, doc, index, grammar, named, named_starts)
        _pronouns(view, index, state, grammar)
        _head_person(view, index, state)
        frames = _frames(view, grammar, certainty)
        view.frame_sources = _parenthetical_sources(view, frames, grammar)
        before = _countries_before(view)
        _state_bodies(view, grammar, home, before)
        _sector_heads(view, grammar, home, before)
        breaks = {end - 1 for i, end, frame in frames if frame.side == "before" and not frame.pronoun}
        _segment(view, grammar, breaks)
        triggers = _sentence_triggers(view, grammar, state.sports)
        for trigger in triggers:  # a trigger word is no participant, unless it names the
            for k in range(trigger.first, trigger.last):  # doers ("pengunjuk rasa", "demonstran")
                m = view.mention[k]
                if m >= 0 and view.mentions[m].source in INFERRED:
                    if view.mentions[m].source == "generic" and view.m_first[m] == trigger.first:
                        trigger.doers = m  # the head names the doers; a later word is the object
                    view.mention[k] = -1
        triggers = _govern(triggers, view, grammar, ontology)[: grammar.limit("max_triggers_per_sentence")]
        attributions, back, quote_back = _attributions(view, frames, triggers, grammar, state)
        cues = _cues(view, triggers, certainty, grammar)
        coded, seen = [], set()
        for trigger in triggers:
            nominal = _is_nominal(view, trigger, grammar)
            for event, attribution in _events(trigger, view, doc, sentence, cues, attributions, ontology, grammar, triggers):
                if nominal:
                    _resume(event, index, state, grammar)
                key = (event.event_type, event.actor and event.actor.key, event.recipient and event.recipient.key)
                if key not in seen:  # two triggers of one type for one dyad: one event
                    seen.add(key)
                    coded.append((event, attribution))
        per_sentence.append(_drop_partial(coded))
        for event, _ in per_sentence[-1]:
            if event.actor is not None and event.actor.key and event.recipient is not None:
                state.told[(event.event_type, event.actor.key)] = (index, event)
        if back is not None and index > 0:
            _attribute_back(per_sentence[index - 1], back, grammar)
        if quote_back is not None:
            opened = _quote_opening(doc, views, index, grammar)
            for j in range(opened, index):
                _attribute_back(per_sentence[j], quote_back, grammar)
    doc.events = [event for coded in per_sentence for event, _ in coded]
    return doc


def _resume(event: Event, index: int, state: _DocState, grammar: Grammar) -> None:
    """A noun naming an act and only its doer ("Selama kunjungan Kozlov, ...") refers to
    the act of that doer told a few sentences before ("Kozlov ... bertemu dengan ...
    Kim Jong Un" on Sunday): it takes that act's recipient, and its date when the
    sentence gives none of its own."""
    if event.recipient is not None or event.actor is None or not event.actor.key:
        return
    index_told, told = state.told.get((event.event_type, event.actor.key), (-1, None))
    if told is None or index - index_told > grammar.limit("anaphor_sentences"):
        return
    event.recipient = told.recipient
    if event.date_basis in (None, "publication") and told.date:
        event.date, event.date_precision, event.date_basis = told.date, told.date_precision, told.date_basis
        event.date_text = told.date_text


def _drop_partial(coded: list[tuple[Event, _Attribution | None]]) -> list[tuple[Event, _Attribution | None]]:
    """Drop an event missing a party that another event of its type in the sentence
    names, with the same other party: "Para militan menembak dan menewaskan seorang
    tentara Pakistan" is one attack on Pakistan, not also one on no one."""
    def key(p: Participant | None) -> tuple[str | None, int]:
        return (None, -1) if p is None else (p.key, -1) if p.key else (p.name, p.start)  # a sector noun: its mention

    def partial(e: Event) -> bool:
        return any(o is not e and o.event_type == e.event_type and (
            (e.recipient is None and o.recipient is not None and key(o.actor) == key(e.actor))
            or (e.actor is None and o.actor is not None and key(o.recipient) == key(e.recipient)))
            for o, _ in coded)  # fmt: skip

    return [(event, attribution) for event, attribution in coded if not partial(event)]


def _quote_opening(doc: Document, views: list[_View], index: int, grammar: Grammar) -> int:
    """The sentence where the quote closed in sentence `index` opened."""
    for j in range(index - 1, max(-1, index - grammar.limit("quote_sentences") - 1), -1):
        if any(low in OPENING_QUOTES for low in views[j].low[:2]):
            return j
    return index


def _attribute_back(coded: list[tuple[Event, _Attribution | None]], attribution: _Attribution, grammar: Grammar) -> None:
    for event, existing in coded:
        if existing is not None or event.attribution is not None:
            continue
        event.attribution = attribution.source
        if attribution.certainty != "reported" or not _same_party(attribution.source, event.actor):
            event.certainty = _stronger(event.certainty, attribution.certainty, grammar)


def _stronger(a: str, b: str, grammar: Grammar) -> str:
    order = grammar.certainty_precedence
    return a if order.index(a) <= order.index(b) else b


def _events(trigger: Trigger, view: _View, doc: Document, sentence: Sentence, cues: _Cues,
            attributions: list[_Attribution], ontology: Ontology, grammar: Grammar,
            triggers: list[Trigger]) -> list[tuple[Event, _Attribution | None]]:  # fmt: skip
    entry = trigger.entry
    event_type = entry.event_type
    roles = _roles(trigger, view, grammar)
    mentions = view.mentions
    actors = [m for m in roles.actors if m >= 0][: grammar.limit("max_coordinated")]
    recipients = [m for m in roles.recipients if m >= 0]
    if not actors and not recipients and view.pair and ontology.types[event_type].reciprocal:
        if _is_nominal(view, trigger, grammar):
            actors = _subject_pair(view, grammar)
    partner = len(actors) > 1 or bool(recipients)
    if entry.needs.partner and not partner:
        return []
    if entry.needs.if_partner and partner:
        event_type = entry.needs.if_partner
    lo, hi = view.clauses[view.clause[trigger.first]]
    for purpose_type, phrases in entry.needs.if_purpose:
        if _find(view, phrases, trigger.last, hi) >= 0:
            event_type = purpose_type
            break
    info = ontology.types[event_type]
    part = lambda m: _participant(mentions[m], sector=view.sector.get(m))  # noqa: E731
    pairs: list[tuple[Participant | None, Participant | None]] = []
    if len(actors) > 1 and not recipients:
        if info.reciprocal or entry.needs.partner or actors[0] in view.pair:
            pairs = [(part(actors[0]), part(actors[1]))]
        else:
            pairs = [(part(a), None) for a in actors]
    elif len(actors) > 1:
        r = part(recipients[0])
        if info.reciprocal and any(mentions[a].key == r.key for a in actors):
            other = next(a for a in actors if mentions[a].key != r.key)
            pairs = [(part(other), r)]
        else:
            pairs = [(part(a), r) for a in actors]
    else:
        actor = part(actors[0]) if actors else None
        pairs = [(actor, part(r)) for r in recipients] or [(actor, None)]
    events: list[tuple[Event, _Attribution | None]] = []
    seen = set()
    for actor, recipient in pairs:
        if _same_state(actor, recipient):
            recipient = None
        if actor is None and recipient is None:
            continue
        if (info.requires_recipient and recipient is None) or (event_type in grammar.requires_actor and actor is None):
            continue
        if event_type == "CONSULT" and any(p is not None and p.sector in grammar.press_sectors for p in (actor, recipient)):
            continue  # a press contact ("ditemui wartawan"), not a consultation
        key = (actor.key if actor else None, recipient.key if recipient else None)
        if key in seen:
            continue
        seen.add(key)
        events.append(_event(trigger, event_type, info, actor, recipient, view, doc, sentence, cues, attributions,
                             ontology, grammar, triggers))  # fmt: skip
        if len(events) >= grammar.limit("max_events_per_trigger"):
            break
    return events


def _event(trigger: Trigger, event_type: str, info: TypeInfo, actor: Participant | None, recipient: Participant | None,
           view: _View, doc: Document, sentence: Sentence, cues: _Cues, attributions: list[_Attribution],
           ontology: Ontology, grammar: Grammar, triggers: list[Trigger]) -> tuple[Event, _Attribution | None]:  # fmt: skip
    entry = trigger.entry
    lo, hi = view.clauses[view.clause[trigger.first]]
    clause_start, clause_end = view.tokens[lo].start, view.tokens[hi - 1].end
    attribution = next((a for a in reversed(attributions) if a.lo <= trigger.first < a.hi), None)
    negated, possible = _negated(trigger, view, cues, info, grammar)
    certainty = _certainty(trigger, view, cues, attribution, actor, grammar)
    if possible:
        certainty = _stronger(certainty, "possible", grammar)
    free = _free_tokens(view, trigger, triggers)
    mode = _mode(trigger, event_type, info, view, lo, hi, free)
    context = list(entry.context)
    for name in info.typical_contexts:
        if name not in context and _find_free(view, ontology.contexts[name], lo, hi, free):
            context.append(name)
    score = info.score
    if mode is not None and info.modes.get(mode) is not None:
        score = info.modes[mode]
    event = Event(
        event_type=event_type,
        rule=entry.id,
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        trigger_start=trigger.start,
        trigger_end=trigger.end,
        actor=actor,
        recipient=recipient,
        mode=mode,
        context=context,
        location=_location(trigger, event_type, mode, view, grammar, lo, hi),
        quantities=[q for q in view.quantities if clause_start <= q.start and q.end <= clause_end],
        attribution=attribution.source if attribution else None,
        certainty=certainty,
        negated=negated,
        score=score,
    )
    _date(event, trigger, view, doc, sentence, clause_start, clause_end, cues)
    return event, attribution


def _free_tokens(view: _View, trigger: Trigger, triggers: list[Trigger]) -> list[bool]:
    """Tokens a mode or context cue may come from: not another event's trigger
    ("mengunjungi" does not make the summit in the same clause a visit)."""
    free = [view.mention[k] < 0 or view.mentions[view.mention[k]].source in INFERRED for k in range(view.n)]
    for other in triggers:
        if other is not trigger and other is not trigger.complement:
            for k in range(other.first, other.last):
                free[k] = False
    return free


def _find_free(view: _View, phrases: tuple[Words, ...], lo: int, hi: int, free: list[bool]) -> bool:
    for words in phrases:
        if words[0] not in view.present:
            continue
        for k in view.positions.get(words[0], ()):
            if lo <= k < hi and free[k] and _phrase_at(view, words, k, hi) is not None:
                return True
    return False


def _mode(trigger: Trigger, event_type: str, info: TypeInfo, view: _View, lo: int, hi: int, free: list[bool]) -> str | None:
    """The entry's mode, else its complement's, else the entry's cues, else the type's
    cues found in the clause; a mode that is not one of the type's is dropped."""
    entry = trigger.entry
    if event_type != entry.event_type and not any(t == event_type for t, _ in entry.needs.if_purpose):
        return None  # if_partner: the entry's mode belongs to its own type
    candidates = [entry.mode, trigger.mode]
    for cues in (entry.cues, info.mode_cues):
        candidates.extend(mode for mode, words in cues if _find_free(view, words, lo, hi, free))
    return next((mode for mode in candidates if mode is not None and mode in info.modes), None)


def _location(trigger: Trigger, event_type: str, mode: str | None, view: _View, grammar: Grammar, lo: int,
              hi: int) -> Participant | None:  # fmt: skip
    preps = set(grammar.locative_prepositions)
    if event_type in grammar.goal_types and (event_type != "CONSULT" or mode == "visit"):
        preps |= grammar.goal_prepositions
    best, best_distance = None, None
    for k in range(lo, hi):
        if view.low[k] not in preps:
            continue
        for m in _np_after(view, k + 1, hi, grammar):
            mention = view.mentions[m]
            if mention.type in ("LOCATION", "COUNTRY") and mention.source != "anaphor":
                distance = abs(k - trigger.first)
                if best_distance is None or distance < best_distance:
                    best, best_distance = mention, distance
                break
    return _participant(best) if best is not None else None


def _date(event: Event, trigger: Trigger, view: _View, doc: Document, sentence: Sentence, clause_start: int,
          clause_end: int, cues: _Cues) -> None:  # fmt: skip
    """The nearest dated expression of the clause, else of the sentence; none for
    background; else the publication date."""
    anchor = trigger.start
    in_sentence = [d for d in view.dates if d.end <= sentence.end and d.value]
    in_clause = [d for d in in_sentence if clause_start <= d.start and d.end <= clause_end]
    rel = view.rel[trigger.first]
    same_rel = [d for d in in_clause if view.rel[max(0, bisect.bisect_right(view.starts, d.start) - 1)] == rel]
    for pool in (same_rel, in_clause, in_sentence):
        if pool:
            best = min(pool, key=lambda d: min(abs(d.start - anchor), abs(d.end - anchor)))
            event.date, event.date_precision, event.date_basis = best.value, best.precision, best.basis
            event.date_text = best.text
            return
    if cues.background:
        return
    if doc.published:
        event.date, event.date_precision, event.date_basis = doc.published, _precision(doc.published), "publication"
