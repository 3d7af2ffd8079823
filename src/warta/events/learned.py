"""The learned event coder: trained models decide event type and roles, the codebook
proposes candidates and features.

Per sentence, every word is a candidate trigger. A linear model over the word, its
neighbours, its morphology and the codebook entries that fire on it decides whether
it tells an event and of which PLOVER type (`trigger` model). For each event found,
a second model scores every candidate participant of the sentence — the mentions
the entity stage found, the participants the rule coder resolved (pronouns, "kedua
negara", state bodies), generic phrases and unnamed capitalised words, each with a
country (`warta.events.candidates`) — as actor, recipient or neither (`role` model).
Certainty and mode come from two small models over the trigger's features; date,
place, quantities and attribution come from the rule coder's event at the same
trigger when there is one, else from the sentence (its date expression, else the
publication day).

An entry the models were not trained with (an analyst's new codebook line) is not
overruled: its events are kept as the rule coder codes them, so adding an entry
still changes the output on sentences the model does not cover.

Which types a sentence tells is decided by a linear sentence model, averaged, where
given, with the fine-tuned sentence encoder (`warta.models.encoder`) for the sentences
where the linear model sees some type near (`sentence_types`).

The models are plain multinomial logistic regressions stored as feature lists and
8-bit weights (`models/coder.npz`), scored with numpy: no training library is
needed to run them. scripts/train_models.py trains them from corpus/.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path

import numpy as np

from ..language.tagger import load_clusters
from ..models import model_file
from ..models.encoder import SentenceEncoder
from ..models.linear import LinearModel
from ..document import Document, Event, Participant, Token
from .candidates import SPEECH, DocCandidates
from .codebook import load_ontology
from .date_place import date_statements, event_dates, iso_precision, nearest_date
from .grammar import load_grammar
from .plover import plover_type
from .reactions import reaction_recipients
from .roles import participant
from .triggers import DOMAIN_WORDS
from .view import participant_mentions

NONE = "O"
ACTOR, RECIPIENT = "actor", "recipient"
MODEL_FILE = "coder.npz"
ENCODER_FILE = "sentence_encoder.npz"
MODELS = ("sentence", "trigger", "role", "certainty", "mode")
# Words whose lower-case form alone carries no decision (punctuation, numbers).
_SKIP = frozenset('.,;:!?"\'()[]{}“”‘’-–—/')
_PREPS = frozenset({"dengan", "ke", "kepada", "terhadap", "oleh", "untuk", "antara", "dari", "atas", "bagi", "pada", "di",
                    "bersama", "melawan", "soal", "tentang", "agar", "supaya"})
_PRONOUNS = frozenset({"ia", "dia", "mereka", "kami", "kita", "pihaknya", "beliau", "keduanya", "kedua", "negara"})


@dataclass(frozen=True)
class CoderModels:
    sentence: LinearModel  # which types a sentence tells (one-vs-rest)
    trigger: LinearModel  # which word tells it
    role: LinearModel
    certainty: LinearModel
    mode: LinearModel
    known_rules: frozenset[str]  # codebook entries seen in training
    name: str  # "learned-coder 1 (sha ...)"
    threshold: float  # least P(type) for a sentence to tell an event of that type
    role_threshold: float  # least P(role) for a participant

    def save(self, path: Path) -> None:
        arrays: dict[str, np.ndarray] = {}
        for name in MODELS:
            arrays.update(getattr(self, name).to_arrays(name))
        meta = {"known_rules": sorted(self.known_rules), "name": self.name, "threshold": self.threshold,
                "role_threshold": self.role_threshold}
        arrays["meta"] = np.array(json.dumps(meta))
        with open(path, "wb") as stream:
            np.savez_compressed(stream, **arrays)

    @classmethod
    def load(cls, path: Path | None = None) -> CoderModels:
        source = path or model_file(MODEL_FILE)
        with open(source, "rb") as stream, np.load(stream, allow_pickle=False) as data:  # an array read when asked for
            meta = json.loads(str(data["meta"]))
            models = [LinearModel.from_arrays(data, n) for n in MODELS]
        return cls(*models, frozenset(meta["known_rules"]), meta["name"], meta["threshold"], meta["role_threshold"])


@cache
def word_clusters() -> dict[str, tuple[str, ...]]:
    """Word clusters learned from the news corpora (models/clusters.tsv): they let a
    trigger word the annotated corpus never showed share weights with its neighbours."""
    return load_clusters()


@cache
def packaged_models() -> CoderModels:
    return CoderModels.load()


@cache
def packaged_encoder() -> SentenceEncoder:
    return SentenceEncoder.load(model_file(ENCODER_FILE))


# --- the sentence as the models see it ---------------------------------------------


@dataclass
class ModelView:
    """One sentence's tokens, candidate participants and the rule coder's events."""

    start: int
    end: int
    tokens: list[Token]
    low: list[str]
    candidates: list[Participant]
    rule_events: list[Event]
    rule_at: list[list[Event]] = field(default_factory=list)  # per token: rule events whose trigger covers it
    hits_at: list[list[tuple[int, int, str, str]]] = field(default_factory=list)  # per token: codebook matches covering it
    # the second country of a "kedua negara" (one candidate per span: the first)
    partners: dict[tuple[int, int], Participant] = field(default_factory=dict)

    def token_at(self, offset: int) -> int:
        """Index of the token that covers or follows `offset`."""
        if not self.tokens or offset < self.tokens[0].start:
            return 0
        return min(bisect.bisect_right(self.starts, offset) - 1, len(self.tokens) - 1)

    @cached_property
    def starts(self) -> list[int]:
        return [t.start for t in self.tokens]


def sentence_views(doc: Document, rule_events: Sequence[Event]) -> list[ModelView]:
    """Every sentence of `doc` with its tokens, mentions and rule events, in order."""
    context = DocCandidates(doc)
    token_starts = [t.start for t in doc.tokens]
    mention_starts = [m.start for m in doc.mentions]
    quantity_starts = [q.start for q in doc.quantities]
    inferred = sorted(doc.inferred, key=lambda m: m.start)
    inferred_starts = [m.start for m in inferred]
    by_sentence: dict[int, list[Event]] = {}
    for event in rule_events:
        by_sentence.setdefault(event.sentence_start, []).append(event)
    views = []
    for s in doc.sentences:
        tokens = doc.tokens[bisect.bisect_left(token_starts, s.start):bisect.bisect_left(token_starts, s.end)]
        quantities = doc.quantities[bisect.bisect_left(quantity_starts, s.start):bisect.bisect_left(quantity_starts, s.end)]
        mentions = participant_mentions(doc.mentions[bisect.bisect_left(mention_starts, s.start):
                                                     bisect.bisect_left(mention_starts, s.end)], quantities, tokens)
        own_inferred = inferred[bisect.bisect_left(inferred_starts, s.start):bisect.bisect_left(inferred_starts, s.end)]
        mentions = mentions + own_inferred
        events = by_sentence.get(s.start, [])
        low = [t.text.lower() for t in tokens]
        candidates = context.sentence(s, tokens, low, mentions, quantities, events)
        view = ModelView(s.start, s.end, tokens, low, candidates, events)
        first = {(m.start, m.end): m for m in reversed(own_inferred) if m.source == "anaphor"}
        view.partners = {span: participant(m) for m in own_inferred if m.source == "anaphor"
                         and (span := (m.start, m.end)) in first and first[span].country != m.country}
        view.rule_at = [[e for e in events if e.trigger_start < t.end and t.start < e.trigger_end] for t in tokens]
        hits = [h for h in doc.codebook_hits if s.start <= h[0] < s.end]
        view.hits_at = [[h for h in hits if h[0] < t.end and t.start < h[1]] for t in tokens]
        views.append(view)
    return views


def _shape(text: str) -> str:
    if text.isdigit():
        return "d"
    if text[:1].isupper():
        return "X" if text.isupper() and len(text) > 1 else "Xx"
    return "x"


def trigger_features(view: ModelView, k: int) -> list[str]:
    """What the trigger, certainty and mode models read about token `k`."""
    t, low = view.tokens[k], view.low
    w = low[k]
    n = len(low)
    feats = [f"w={w}", f"l={t.lemma.lower()}", f"p={t.prefix}", f"s={t.suffix}", f"v={t.voice}", f"sh={_shape(t.text)}",
             f"w-1={low[k - 1] if k else '<s>'}", f"w+1={low[k + 1] if k + 1 < n else '</s>'}",
             f"w-2={low[k - 2] if k > 1 else '<s>'}", f"w+2={low[k + 2] if k + 2 < n else '</s>'}",
             f"l+p={t.lemma.lower()}|{t.prefix}", f"ww={w}|{low[k + 1] if k + 1 < n else '</s>'}",
             f"wp={low[k - 1] if k else '<s>'}|{w}"]
    clusters = word_clusters()
    for offset, name in ((0, "c"), (-1, "c-1"), (1, "c+1")):
        if 0 <= k + offset < n and low[k + offset] in clusters:
            ids = clusters[low[k + offset]]
            feats += [f"{name}64={ids[0]}", f"{name}256={ids[1]}"] + ([f"{name}1024={ids[2]}", f"{name}b={ids[4]}"] if not offset else [])
    for start, _end, kind, entry in view.hits_at[k]:
        feats += [f"ht={kind}", f"hr={entry}", f"ht1={kind}|{start >= t.start}"]
    feats += [f"win={x}" for x in low[max(0, k - 4):k]]
    feats += [f"wout={x}" for x in low[k + 1:k + 4]]
    for event in view.rule_at[k]:
        first = event.trigger_start >= t.start
        feats += [f"rt={event.event_type}", f"rr={event.rule}", f"rt1={event.event_type}|{first}",
                  f"rpt={plover_type(event.event_type, event.certainty)}",
                  f"rc={event.certainty}", f"rm={event.mode}"]
    if not view.rule_at[k]:
        feats.append("rt=none")
    before = sum(p.end <= t.start and p.country is not None for p in view.candidates)
    after = sum(p.start >= t.end and p.country is not None for p in view.candidates)
    feats += [f"cb={min(before, 2)}", f"ca={min(after, 2)}", f"cba={min(before, 2)}{min(after, 2)}",
              f"quote={'“' in view.low or chr(34) in view.low}", "bias"]
    return feats


def sentence_features(view: ModelView) -> list[str]:
    """What the sentence model reads: the sentence's lemmas, words, word pairs and
    clusters, the codebook entries that match in it and the events the rules code."""
    clusters = word_clusters()
    feats = {"bias"}
    for k, t in enumerate(view.tokens):
        w = view.low[k]
        if not any(ch.isalpha() for ch in w):
            continue
        feats.update((f"l={t.lemma.lower()}", f"w={w}"))
        if w in clusters:
            feats.update((f"c256={clusters[w][1]}", f"c1024={clusters[w][2]}"))
        if k + 1 < len(view.low):
            feats.add(f"bg={w}|{view.low[k + 1]}")
        feats.update(f"ht={hit[2]}" for hit in view.hits_at[k])
        feats.update(f"hr={hit[3]}" for hit in view.hits_at[k])
        feats.update(f"rt={plover_type(e.event_type, e.certainty)}" for e in view.rule_at[k])
    countries = {p.country for p in view.candidates if p.country}
    feats.update((f"nc={min(len(countries), 3)}", f"quote={chr(34) in view.low or '“' in view.low}"))
    return sorted(feats)


def _between(view: ModelView, a: int, b: int) -> list[str]:
    return view.low[min(a, b) + 1:max(a, b)]


def role_features(view: ModelView, k: int, event_type: str, c: int) -> list[str]:
    """What the role model reads about candidate `c` of the event triggered at token `k`."""
    p = view.candidates[c]
    t = view.tokens[k]
    ck = view.token_at(p.start)
    side = "L" if p.end <= t.start else "R" if p.start >= t.end else "I"
    between = _between(view, ck, k)
    distance = len(between)
    same_side = [q for q in view.candidates if (q.end <= t.start) == (p.end <= t.start)]
    rank = sorted(same_side, key=lambda q: abs(q.start - t.start)).index(p) if p in same_side else 9
    prev = view.low[ck - 1] if ck else "<s>"
    feats = [f"side={side}", f"ts={event_type}|{side}", f"d={min(distance, 8)}", f"tsd={event_type}|{side}|{min(distance, 5)}",
             f"rank={side}{min(rank, 3)}", f"trank={event_type}|{side}{min(rank, 3)}", f"type={p.type}", f"sec={p.sector}",
             f"has_c={p.country is not None}", f"prev={prev}", f"tprev={event_type}|{prev}",
             f"v={t.voice}|{side}", f"tw={view.low[k]}|{side}", f"pron={p.text.lower().split()[0] in _PRONOUNS}",
             f"speech={prev in SPEECH}", "bias"]
    feats += [f"prep={x}|{side}" for x in between if x in _PREPS]
    feats += [f"tprep={event_type}|{x}|{side}" for x in between if x in _PREPS]
    if between and between[-1] in _PREPS and side == "R":
        feats.append(f"near_prep={between[-1]}")
    if any(x in SPEECH for x in between):
        feats.append(f"speech_between={side}")
    # another clause's verb between: "Kementerian Pertahanan Taiwan menyatakan China
    # mengerahkan ...": the ministry says, China deploys
    lo, hi = (view.token_at(p.end - 1), k) if ck < k else (k, ck)  # not the candidate's own words
    verbs = sum(view.tokens[j].prefix in ("meN", "di") for j in range(lo + 1, hi))
    feats.append(f"verbs_between={side}{min(verbs, 2)}")
    if "," in between or '"' in between or "“" in between:
        feats.append(f"punct_between={side}")
    for event in view.rule_at[k]:
        for role, q in ((ACTOR, event.actor), (RECIPIENT, event.recipient)):
            if q is None:
                continue
            if (q.start, q.end) == (p.start, p.end):
                feats += [f"rule_{role}", f"rule_{role}|{event.event_type == event_type}"]
            elif q.country is not None and q.country == p.country:
                feats.append(f"rule_{role}_country")
    return feats


# --- decoding ------------------------------------------------------------------------


def _fits(mode: str, event_type: str) -> bool:
    return mode in load_ontology().types[event_type].modes


def plover_score(kind: str, mode: str | None) -> float:
    """The mode's PLOVER score, else the type's: the scores the rule coder gives."""
    info = load_ontology().types[kind]
    mode_score = info.modes.get(mode) if mode else None
    return mode_score if mode_score is not None else info.score


def _date_for(doc: Document, view: ModelView, position: int, certainty: str) -> tuple[str | None, str | None, str | None, str | None]:
    """The sentence's date expression nearest the trigger at `position` that can date an
    event of `certainty` (`event_dates`), else the publication day."""
    in_sentence = (d for d in doc.dates if view.start <= d.start < view.end)
    best = nearest_date(event_dates(in_sentence, doc.published, certainty), position)
    if best is not None:
        return best.value, best.precision, best.basis, best.text
    if doc.published:
        return doc.published, iso_precision(doc.published), "publication", None
    return None, None, None, None


def _rule_event(view: ModelView, k: int) -> Event | None:
    return view.rule_at[k][0] if view.rule_at[k] else None


def _between_states(doc: Document, view: ModelView, event: Event) -> bool:
    """Whether a rule event has an actor and a recipient of two different countries, in
    an article not about sports ("Indonesia menjamu Malaysia" is a match), told by a verb
    (a noun may name an act in passing: "mendukung perang Putin terhadap Ukraina"), not
    a passive after "yang" that describes a participant ("Houthi yang didukung Iran")."""
    actor, recipient = event.actor and event.actor.country, event.recipient and event.recipient.country
    if not (actor and recipient and actor != recipient) or doc.domain_words.get("sports", 0) >= DOMAIN_WORDS:
        return False
    k = view.token_at(event.trigger_start)
    voice = view.tokens[k].voice
    described = voice == "passive" and "yang" in view.low[max(0, k - 3):k]  # "yang (selama ini) didukung Iran"
    return voice is not None and not described


def decode_sentence(doc: Document, view: ModelView, models: CoderModels, kinds: list[str],
                    rule_dyads: bool = False) -> list[Event]:
    """The events the models find in one sentence that tells the types `kinds`
    (`sentence_types`). The rule coder's events of entries the models never saw are kept;
    with `rule_dyads`, so are its events between two states of a type the models do not
    tell here (settings.toml `rule_dyads`: the models, trained on news of 2016-2019, tell
    few hostage releases, expelled ambassadors or closed airspaces), and those of a type
    they tell at another trigger when the rule coder tells it twice (`_other_acts`)."""
    found: list[Event] = []
    seen: set[tuple[str, str | None, str | None]] = set()
    for event in view.rule_events:
        key = (plover_type(event.event_type, event.certainty), event.actor and event.actor.country,
               event.recipient and event.recipient.country)
        # two entries of one type and dyad are two acts ("Bangkok mengusir duta besar Kamboja
        # dan menarik pulang duta besarnya dari Phnom Penh")
        fresh = key not in seen or all(e.rule != event.rule for e in found)
        if fresh and (event.rule not in models.known_rules or (
                rule_dyads and _between_states(doc, view, event) and event.event_type not in kinds and key[0] not in kinds)):
            found.append(event)
            seen.add(key)
    words = [k for k, low in enumerate(view.low) if low not in _SKIP and any(ch.isalpha() for ch in low)]
    if not words or not kinds:
        return found
    features = {k: trigger_features(view, k) for k in words}
    by_word = {k: models.trigger.proba(features[k]) for k in words}
    for kind in kinds:
        column = models.trigger.classes.index(kind) if kind in models.trigger.classes else None
        k = max(words, key=lambda w: (by_word[w][column] if column is not None else 0.0,
                                      any(h[2] == kind for h in view.hits_at[w])))
        feats = features[k]
        actor, recipient = assign_roles(view, k, kind, models)
        certainty = models.certainty.classes[int(models.certainty.proba(feats).argmax())]
        mode_proba = models.mode.proba(feats + [f"type={kind}"])
        mode = next((m.split("|", 1)[1] for m in (models.mode.classes[i] for i in np.argsort(-mode_proba))
                     if m.startswith(kind + "|")), None)
        mode = None if mode in (None, "none") or not _fits(mode, kind) else mode
        # One event per type PLOVER codes: a planned meeting told as both AGREE and an
        # expected CONSULT is one AGREE (`plover.yaml` future_as).
        key = (plover_type(kind, certainty), actor and actor.country, recipient and recipient.country)
        if key in seen:
            continue
        seen.add(key)
        found.append(_make_event(doc, view, k, kind, actor, recipient, certainty, mode, models))
        if rule_dyads:
            found.extend(e for e in _other_acts(doc, view, kind, view.tokens[k]) if all(e is not f for f in found))
    return found


def _other_acts(doc: Document, view: ModelView, kind: str, trigger: Token) -> list[Event]:
    """The rule coder's events of `kind` between two states at other triggers than the
    model's, when it tells `kind` twice or more in the sentence: the models code one event
    of a type per sentence, and "Kementerian Pertahanan Kamboja menuding Thailand ..."
    beside another accusation is a second act. On the corpus's train and dev splits this
    adds one event (a wrong one); on corpus/recent, one right one."""
    same = [e for e in view.rule_events if e.event_type == kind]
    if len(same) < 2:
        return []
    return [e for e in same if not (e.trigger_start < trigger.end and trigger.start < e.trigger_end)
            and _between_states(doc, view, e)]


def assign_roles(view: ModelView, k: int, kind: str, models: CoderModels) -> tuple[Participant | None, Participant | None]:
    """The most likely actor and recipient among the sentence's candidates (or none)."""
    if not view.candidates:
        return None, None
    t = view.tokens[k]
    table = []
    for c, p in enumerate(view.candidates):
        if p.start < t.end and t.start < p.end:
            table.append(None)  # the trigger word itself names no participant
            continue
        table.append(models.role.proba(role_features(view, k, kind, c)))
    a_index, r_index = models.role.classes.index(ACTOR), models.role.classes.index(RECIPIENT)
    ranked_actor = sorted((row[a_index], c) for c, row in enumerate(table) if row is not None)
    actor = None
    if ranked_actor and ranked_actor[-1][0] >= models.role_threshold:
        actor = ranked_actor[-1][1]
    ranked_recipient = sorted((row[r_index], c) for c, row in enumerate(table) if row is not None and c != actor
                              and not (actor is not None and _same_side(view.candidates[actor], view.candidates[c])))
    recipient = None
    if ranked_recipient and ranked_recipient[-1][0] >= models.role_threshold:
        recipient = view.candidates[ranked_recipient[-1][1]]
    elif actor is not None and kind in _MUTUAL:
        recipient = _conjunct(view, actor)
    return view.candidates[actor] if actor is not None else None, recipient


# Types whose two sides act together: the actor's conjunct is the other side
# ("Riyadh dan Teheran ... mengaktifkan kembali perjanjian", docs/annotation.md §5: the first
# party in text order acts, the second receives); clashes (ASSAULT) are left out, since
# "Israel dan AS menyerang" names two attackers.
_MUTUAL = frozenset({"AGREE", "CONSULT", "COOPERATE"})


def _conjunct(view: ModelView, actor: int) -> Participant | None:
    """The other country of a "kedua negara" the actor is ("kedua negara sepakat
    menghormati integritas wilayah masing-masing"), else the first candidate after the
    actor with a country other than the actor's, when "dan" alone stands between them."""
    a = view.candidates[actor]
    partner = view.partners.get((a.start, a.end))
    if partner is not None and partner.country != a.country:
        return partner
    for q in view.candidates:
        if q.start >= a.end and q.country and q.country != a.country:
            return q if _between(view, view.token_at(a.end - 1), view.token_at(q.start)) == ["dan"] else None
    return None


def _same_side(actor: Participant, candidate: Participant) -> bool:
    """Whether `candidate` cannot be the recipient of `actor`'s event: the same entity (the
    same key: two phrases that name no entity, "Polisi ... menangkap 3 orang lainnya", are
    two sides), or
    the bare name of the actor's own country ("PM Israel Benjamin Netanyahu memperingatkan
    bahwa Israel akan membalas": Israel is the one who acts). Of the train split's 1,306
    events whose two sides share a country, one has a country's name as the recipient."""
    if candidate.country is None or candidate.country != actor.country:
        return False
    return (candidate.key is not None and candidate.key == actor.key) or candidate.type == "COUNTRY"


def _make_event(doc: Document, view: ModelView, k: int, kind: str, actor: Participant | None,
                recipient: Participant | None, certainty: str, mode: str | None, models: CoderModels) -> Event:
    rule = _rule_event(view, k)
    t = view.tokens[k]
    if rule is not None:
        mode = mode if mode is not None else (rule.mode if rule.mode and _fits(rule.mode, kind) else None)
        return replace(rule, event_type=kind, actor=actor, recipient=recipient, certainty=certainty, mode=mode,
                       score=plover_score(kind, mode))
    date, precision, basis, text = _date_for(doc, view, t.start, certainty)
    quantities = [q for q in doc.quantities if view.start <= q.start < view.end]  # measures and percents too
    return Event(event_type=kind, rule="model", sentence_start=view.start, sentence_end=view.end,
                 trigger_start=t.start, trigger_end=t.end, actor=actor, recipient=recipient, mode=mode,
                 date=date, date_precision=precision, date_basis=basis, date_text=text,
                 quantities=quantities, certainty=certainty, score=plover_score(kind, mode))


# Probabilities are clipped here before their log-odds are taken: a linear model's 0.000
# for a word it never saw in train is no certainty.
_CLIP = 1e-4


def blend(linear: np.ndarray, encoded: np.ndarray, weight: float) -> np.ndarray:
    """The probability of the two models' log-odds averaged (`weight` the encoder's): the
    type must be likely to both. Averaging the probabilities instead let one confident
    model tell a type alone. With session 23's models the two scored the same on dev
    (strict F1 0.423 and 0.425, each at its best threshold) and 0.554 against 0.542 on
    the 968 events of the recent development sets; with session 24's, 0.415 against 0.413
    and 0.578 against 0.567 (README, session 24)."""
    def logit(p: np.ndarray) -> np.ndarray:
        p = np.clip(p, _CLIP, 1.0 - _CLIP)
        return np.log(p / (1.0 - p))
    return 1.0 / (1.0 + np.exp(-((1.0 - weight) * logit(linear) + weight * logit(encoded))))


def sentence_types(doc: Document, views: list[ModelView], models: CoderModels,
                   encoder: SentenceEncoder | None = None) -> list[list[str]]:
    """The types each sentence tells: those the linear sentence model gives at least its
    threshold; with the encoder, the sentences where the linear model gives some type at
    least `encoder.gate` are encoded (all of an article's at once) and a type is told
    when the two models' weighted log-odds (`blend`) reach `encoder.threshold`."""
    told = [models.sentence.independent(sentence_features(view)) for view in views]
    threshold = models.threshold
    if encoder is not None:
        asked = [i for i, p in enumerate(told) if p.max() >= encoder.gate]
        order = [encoder.classes.index(kind) for kind in models.sentence.classes]
        encoded = encoder.proba([doc.text[views[i].start:views[i].end] for i in asked])
        for i, row in zip(asked, encoded):
            told[i] = blend(told[i], row[order], encoder.weight)
        threshold = encoder.threshold
    return [[kind for kind, p in zip(models.sentence.classes, row) if p >= threshold] for row in told]


def _opens_with(view: ModelView, words: tuple[str | None, ...]) -> bool:
    """Whether the sentence's first words (after punctuation) are `words`."""
    low = [w for w in view.low if w not in _SKIP]
    return tuple(low[:len(words)]) == words


def code_with_models(doc: Document, rule_events: list[Event], models: CoderModels,
                     encoder: SentenceEncoder | None = None, rule_dyads: bool = False) -> list[Event]:
    """Re-decide `rule_events` (the rule coder's output for `doc`) with the trained models
    (and the sentence encoder, when given, with the role threshold chosen with it);
    `rule_dyads`: see `decode_sentence`."""
    if encoder is not None and encoder.role_threshold is not None:
        models = replace(models, role_threshold=encoder.role_threshold)
    events: list[Event] = []
    openers = load_grammar().background_openers
    views = [view for view in sentence_views(doc, rule_events)
             if view.tokens and not any(_opens_with(view, words) for words in openers)]
    for view, kinds in zip(views, sentence_types(doc, views, models, encoder)):
        events.extend(decode_sentence(doc, view, models, kinds, rule_dyads))
    events = reaction_recipients(doc, events)
    date_statements(doc, events)
    return events
