"""The per-document pipeline: one `Document` through an ordered list of stages.

The CLI, the web app and the Spark job all call `process`; nothing else runs the
stages. Each stage is a function `(doc, options) -> doc` and declares which fields
it reads and sets, so `check_stages` can tell when a stage comes before what it needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from . import rules, sections
from .clean.boilerplate import clean, extract
from .language.dates import find_dates
from .language.entities import find_mentions
from .events.assemble import code_events
from .events.learned import code_with_models, packaged_encoder, packaged_models
from .language.quantities import find_quantities
from .language.sentences import split_sentences
from .language.tokens import tokenize
from .document import Document, RawInput, Rejection
from .errors import Errors, RejectDocument
from .models import ModelMissing
from .clean.fingerprint import content_hash, fingerprint
from .clean.langid import identify_language
from .clean.meta import find_metadata
from .settings import Options


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[Document, Options], Document]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


def split(doc: Document, options: Options) -> Document:
    doc.sentences = split_sentences(doc.text)
    return doc


def tokenise(doc: Document, options: Options) -> Document:
    doc.tokens = tokenize(doc.text, doc.sentences)
    return doc


def date(doc: Document, options: Options) -> Document:
    doc.dates = find_dates(doc.text, doc.published, doc.published_basis)
    return doc


def measure(doc: Document, options: Options) -> Document:
    doc.quantities = find_quantities(doc.text)
    return doc


def recognise(doc: Document, options: Options) -> Document:
    doc.mentions = find_mentions(doc.text, model=options.ner_model, published=doc.published, language=doc.language,
                                 edges=options.edge_model)
    return doc


def code(doc: Document, options: Options) -> Document:
    """The rule coder always runs: its events are the learned coder's candidates and
    features. Every event records what decided it (`Event.coder`, see `coder_name`)."""
    doc = code_events(doc, options)
    if options.coder == "model":
        doc.events = code_with_models(doc, doc.events, packaged_models(), packaged_encoder() if options.sentence_encoder else None,
                                      options.rule_dyads)
    name = doc.coder = coder_name(options)
    for event in doc.events:
        event.coder = name
    return doc


def coder_name(options: Options) -> str:
    """What codes events under `options`: the codebook's version (a hash of the packaged
    and the rules folder's codebook files), and with `coder = "model"` the learned
    models' name before it ("learned-coder 1 (ed2efa24) over codebook 9fb03081cf0e"),
    and the sentence encoder's after it when it is on ("learned-coder 1 (ed2efa24) +
    sentence-encoder 1 (...) over codebook ..."): the models read the codebook's matches,
    so a codebook change changes them too."""
    rules.activate(options.rules_dir)
    version = _codebook_version(rules.active())
    if options.coder != "model":
        return version
    encoder = f" + {packaged_encoder().name}" if options.sentence_encoder else ""
    return f"{packaged_models().name}{encoder} over {version}"


@cache
def _codebook_version(folder: object) -> str:
    return rules.codebook_version()


STAGES: tuple[Stage, ...] = (
    Stage("extract", extract, ("raw",), ("text", "extraction", "title", "author", "outlet", "url", "published")),
    Stage("clean", clean, ("text",), ("text", "removed", "references")),
    Stage("metadata", lambda doc, _: find_metadata(doc), ("raw", "text", "removed", "references"),
          ("title", "author", "outlet", "url", "published", "published_basis")),
    Stage("language", lambda doc, _: identify_language(doc), ("text",), ("language",)),
    Stage("fingerprint", fingerprint, ("text",), ("text_hash", "minhash")),
    Stage("sentences", split, ("text",), ("sentences",)),
    Stage("tokens", tokenise, ("text", "sentences"), ("tokens",)),
    Stage("dates", date, ("text", "published", "published_basis"), ("dates",)),
    Stage("quantities", measure, ("text",), ("quantities",)),
    Stage("entities", recognise, ("text", "published"), ("mentions",)),
    Stage("events", code,  ("text", "sentences", "tokens", "dates", "quantities", "mentions", "published"), ("events", "coder")),
)


# The first of the stages that work sentence by sentence: from it on, a long document, or
# one that repeats a sentence, is analysed in sections (see sections.py).
SECTIONED = "tokens"


def check_stages(stages: tuple[Stage, ...] = STAGES) -> list[str]:
    """Names of stages that require a field no earlier stage assigns."""
    available = {"raw", "source", "doc_id", "content_hash"}
    problems = []
    for stage in stages:
        missing = [field for field in stage.requires if field not in available]
        if missing:
            problems.append(f"{stage.name} requires {', '.join(missing)}")
        available.update(stage.assigns)
    return problems


def process(raw: RawInput, options: Options, stages: tuple[Stage, ...] | None = None) -> Document | Rejection:
    """Run every stage over one input. A stage that finds the input unusable raises
    RejectDocument; any other failure also becomes a Rejection, so one bad article
    never stops a batch or prints a traceback."""
    rules.activate(options.rules_dir)
    digest = content_hash(raw)
    doc = Document(source=raw.source, raw=raw, doc_id=digest[:16], content_hash=digest)
    del raw  # the document holds the input now, and lets it go once no stage needs it
    return _run(doc, options, STAGES if stages is None else stages)


def _run(doc: Document, options: Options, stages: tuple[Stage, ...], part: bool = False) -> Document | Rejection:
    """The stages over `doc`; from SECTIONED on over each of its sections, when it has
    some (`part`: `doc` is a section already)."""
    for number, stage in enumerate(stages):
        if stage.name == SECTIONED and not part and (how := sections.plan(doc, options.section_chars)) is not None:
            result = sections.analyse(doc, how, lambda section: _run(section, options, stages[number:], part=True))
            if isinstance(result, Rejection):
                return Rejection(doc.source, result.reason)
            break
        try:
            doc = stage.run(doc, options)
        except RejectDocument as exc:
            return Rejection(doc.source, str(exc))
        except ModelMissing as exc:
            return Rejection(doc.source, Errors.MODEL_MISSING.format(reason=exc))
        except Exception as exc:  # noqa: BLE001 - reported per input, never a traceback
            return Rejection(doc.source, Errors.INTERNAL.format(kind=type(exc).__name__, reason=f"{stage.name}: {exc}"))
        if doc.raw is not None and not any("raw" in later.requires for later in stages[number + 1:]):
            doc.raw = None  # its text is extracted and cleaned: a long input is not held twice
    doc.raw = None
    return doc


# What `recode` runs again on a stored document: everything after the text and its
# metadata and fingerprints are settled (those depend on the input, not on the rules).
RECODE_STAGES = ("language", "sentences", "tokens", "dates", "quantities", "entities", "events")


def recode(record: dict, options: Options) -> Document | Rejection:
    """A stored document (its `documents` row) through the stages of RECODE_STAGES
    again, with the rules and models of now (`warta recode`)."""
    rules.activate(options.rules_dir)
    doc = Document(**{name: record.get(name) for name in (
        "source", "doc_id", "title", "outlet", "author", "url", "published", "published_basis", "language",
        "extraction", "duplicate_of", "content_hash", "text_hash")}, text=record["text"])
    return _run(doc, options, tuple(stage for stage in STAGES if stage.name in RECODE_STAGES))


WARM_UP = "Presiden Rusia Vladimir Putin bertemu Kim Jong Un di Pyongyang pada 19 Juni 2024."


def warm_up(options: Options) -> None:
    """Load every stage's data (gazetteers, codebook, models) now, by processing one
    sentence: worker processes forked afterwards share it instead of each loading it."""
    process(RawInput(source="warm-up", kind="text", payload=WARM_UP), options)
