"""The words the coder reads sentences by: the clause grammar (`data/events/clauses.yaml`) and the
certainty cues, negators and attribution frames (`data/events/certainty.yaml`), loaded and checked once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import product
from typing import Any

from .codebook import CERTAINTIES, CodebookError, load_ontology, read_data
from .phrases import PhraseSet, Words, keyed_words, phrase_words, words_list


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
    same_event_openers: frozenset[str]
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
    reciprocal_markers: frozenset[str]
    denial_verbs: frozenset[str]
    appositive_openers: tuple[Words, ...]
    example_markers: PhraseSet
    stateless_modifiers: frozenset[str]
    office_modifiers: frozenset[str]
    indonesians: frozenset[str]
    product_nouns: frozenset[str]
    munition_nouns: frozenset[str]
    plate: re.Pattern[str]  # a plate cue and the plate after it (clauses.yaml plate_cues)
    speaker_adjuncts: frozenset[str]
    reaction_types: frozenset[str]
    reaction_nouns: PhraseSet  # value: the types of the act the noun names (empty: any)
    background_openers: tuple[Words, ...]

    def limit(self, name: str) -> int:
        return self.limits[name]


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
    _, data = read_data("certainty.yaml")
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
        # value: (effect, the words that, right before the cue, make it no background)
        background = [(item["cue"], (item.get("effect", "habitual"), frozenset(item.get("not_after", ()))))
                      for item in data["background"]]
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
    _, data = read_data("clauses.yaml")
    if not isinstance(data, dict):
        raise CodebookError("clauses.yaml: must be a mapping")
    for key, value in data.items():
        if isinstance(value, list) and not value:
            raise CodebookError(f"clauses.yaml: {key} is empty (an empty list would match nothing)")
    return data


def _clauses_negators() -> list[str]:
    """The negators of certainty.yaml (a negator before a noun is no compound head)."""
    _, data = read_data("certainty.yaml")
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
        same_event_openers=word_set("same_event_openers"),
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
        reciprocal_markers=word_set("reciprocal_markers"),
        denial_verbs=word_set("denial_verbs"),
        appositive_openers=tuple(phrase_words(w) for w in grammar_words("appositive_openers")),
        example_markers=PhraseSet((w, w) for w in grammar_words("example_markers")),
        stateless_modifiers=word_set("stateless_modifiers"),
        office_modifiers=word_set("office_modifiers"),
        indonesians=word_set("indonesians"),
        product_nouns=word_set("product_nouns"),
        munition_nouns=word_set("munition_nouns"),
        plate=re.compile(r"(?i:\b(?:%s))\s+[A-Z]{1,2}\s?\d{1,4}(?:\s?[A-Z]{1,3})?\b"
                         % "|".join(re.escape(w) for w in sorted(grammar_words("plate_cues"), key=len, reverse=True))),
        speaker_adjuncts=word_set("speaker_adjuncts"),
        reaction_types=frozenset(w.upper() for w in grammar_words("reaction_types")),
        reaction_nouns=_reaction_nouns(data.get("reaction_nouns")),
        background_openers=tuple(phrase_words(w) for w in grammar_words("background_openers")),
    )


def _reaction_nouns(table: Any) -> PhraseSet:
    """clauses.yaml `reaction_nouns`: each event type (or ANY) to the nouns that name such an act."""
    try:
        keyed = keyed_words(table, "clauses.yaml: reaction_nouns", {*load_ontology().types, "ANY"},
                            "clauses.yaml: reaction_nouns must map event types (or ANY) to nouns", "is no event type")
    except ValueError as exc:
        raise CodebookError(str(exc)) from None
    return PhraseSet((words, frozenset() if kind == "ANY" else frozenset({kind})) for kind, nouns in keyed for words in nouns)


def _sector_nouns(table: Any) -> PhraseSet:
    if not isinstance(table, dict) or not table:
        raise CodebookError("clauses.yaml: sector_nouns must map sector codes to nouns")
    items = []
    for sector, nouns in table.items():
        if not re.fullmatch(r"[A-Z]{3}", str(sector)):
            raise CodebookError(f"clauses.yaml: sector_nouns: {sector!r} is not a three-letter sector code")
        items.extend((words, (sector, " ".join(words))) for words in words_list(nouns, f"sector_nouns.{sector}"))
    return PhraseSet(items)
