"""The records that flow through the pipeline.

One `Document` goes through every stage (see `pipeline.py`); each stage reads some
fields and sets others. Annotations are spans over `Document.text` (character
offsets, end exclusive): they copy no text except for readability in tests, so the
exported evidence can always be cut from the text again. The records a document holds
by the ten thousand (sentences, tokens, annotations, events) have `__slots__`: a
third less memory each than an attribute dict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RawInput:
    """One article as it was read, before any cleaning.

    `kind` is the payload's format, `text` or `html`. `fields` holds the metadata
    that came with it: a JSONL record's other fields (its `text` and `html` are not
    repeated there), or a WARC record's URL and date.
    """

    source: str
    kind: str
    payload: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rejection:
    """An input that could not be read, with the reason in one line."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class Removed:
    """A line (or part of one) the cleaner took out, and the rule that did it."""

    line: int  # 1-based line number in the extracted text before cleaning
    text: str
    rule: str


@dataclass
class Reference:
    """An entry of the article's footnote list, linked from `[marker]` in the text."""

    marker: str
    text: str
    url: str | None = None
    date: str | None = None  # ISO date the reference carries, if any


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    lemma: str
    # morphology the event coder reads: the outer prefix (meN, peN, ber, di, ter,
    # per, ke, se) and suffix (kan, i, an, or the clitic nya/lah/kah); see tokens.py
    prefix: str | None = None
    suffix: str | None = None
    voice: str | None = None  # active | passive | None

    def __reduce__(self) -> tuple:
        # Tokens cross from ingest's worker processes to the writer by the thousand
        # per article; pickled as an argument tuple they go about 40% faster than
        # with their attribute dict.
        return Token, (self.start, self.end, self.text, self.lemma, self.prefix, self.suffix, self.voice)


@dataclass(slots=True)
class DateExpr:
    """A date expression and what it resolves to."""

    start: int
    end: int
    text: str
    value: str | None  # ISO YYYY-MM-DD, YYYY-MM or YYYY; None when unresolved
    precision: str | None  # day | month | year
    basis: str  # explicit | relative
    rule: str


@dataclass(slots=True)
class Quantity:
    start: int
    end: int
    text: str
    kind: str  # money | count | percent | vague
    value: float | None
    value_max: float | None = None
    unit: str | None = None  # ISO 4217 currency for money, the counted noun otherwise
    approx: str | None = None  # about | more_than | less_than | almost | up_to
    per: str | None = None  # "year" for "per tahun"


# What can give a mention its country (Mention.country_basis), strongest first.
COUNTRY_BASES = ("text", "corpus", "story")


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    type: str  # PERSON | ORG | COUNTRY | LOCATION | OTHER
    name: str  # canonical name
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # PLOVER sector code (GOV, MIL, SPY, ...)
    source: str = "gazetteer"  # gazetteer | title | office | model | name-run | coreference
    key: str | None = None  # entity key shared by every mention of one entity
    # What gave the country (COUNTRY_BASES): "text" (the gazetteer, a title, an apposition
    # or origin, a country in the name), "corpus" (the annotated corpus's names), "story"
    # (the story's main or home country, guessed); None without a country.
    country_basis: str | None = None


@dataclass(slots=True)
class Participant:
    """An actor, recipient or source of an event: the mention and its entity."""

    text: str
    start: int
    end: int
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    key: str | None = None  # Mention.key: the store maps it to an entity_id


@dataclass(slots=True)
class Event:
    """One PLOVER event coded from one sentence; offsets into Document.text."""

    event_type: str  # AGREE ... ASSAULT
    rule: str  # id of the codebook entry that fired
    sentence_start: int  # the evidence sentence
    sentence_end: int
    trigger_start: int  # the predicate that fired the rule
    trigger_end: int
    actor: Participant | None = None
    recipient: Participant | None = None
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    date: str | None = None
    date_precision: str | None = None  # day | month | year
    date_basis: str | None = None  # explicit | relative | publication | None
    date_text: str | None = None
    location: Participant | None = None
    quantities: list[Quantity] = field(default_factory=list)
    attribution: Participant | None = None
    certainty: str = "asserted"
    negated: bool = False
    score: float | None = None
    coder: str | None = None  # what decided: the codebook version ("codebook 1a2b...") or the model's name


@dataclass
class Document:
    """An article and everything the pipeline found in it."""

    source: str
    raw: RawInput | None = None
    doc_id: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    published_basis: str | None = None  # text | html-meta | url | inferred | record
    language: str | None = None
    text: str = ""
    extraction: str | None = None  # which path produced `text`
    removed: list[Removed] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    content_hash: str | None = None  # of the raw input: the same input is the same document
    text_hash: str | None = None  # of the cleaned text: exact duplicates across sources
    minhash: list[int] | None = None  # signature for near-duplicate search
    duplicate_of: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    coder: str | None = None  # what coded the events (see Event.coder); set by the events stage
    # Participants the event coder inferred beyond `mentions` (pronouns resolved, "kedua
    # negara", "pasukan Israel", "polisi" of the home country): candidates for the learned
    # coder's role model; not stored.
    inferred: list[Mention] = field(default_factory=list)
    # The codebook entries that matched, whether or not an event came of them: (start,
    # end, event type, entry id) of each trigger; the learned coder's features. Not stored.
    codebook_hits: list[tuple[int, int, str, str]] = field(default_factory=list)
    # How many distinct words of each plover.yaml domain ("sports") the article holds, as
    # the rule coder counted them. Not stored.
    domain_words: dict[str, int] = field(default_factory=dict)

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]
