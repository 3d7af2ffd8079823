"""`warta evaluate`: the coder and the entity finder against the annotated corpus
(`--split`), the stored events against the old development gold, the NER model on a
BIO file. Each prints its overall F1 last."""

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from .cli import DbOption, fail, open_store, options_from, stdout

evaluate_app = typer.Typer(help="Score warta against hand-annotated files.", no_args_is_help=True)


class Split(str, Enum):
    train = "train"
    dev = "dev"
    test = "test"


class Coder(str, Enum):
    model = "model"
    rules = "rules"
    both = "both"


SplitOption = Annotated[Optional[Split], typer.Option("--split", help="score a split of the annotated corpus (test: to report, never to tune)")]
CorpusOption = Annotated[Optional[Path], typer.Option("--corpus", help="the annotated corpus folder [$WARTA_CORPUS, else ./corpus]")]


def _corpus_documents(ctx: typer.Context, split: Split, corpus: Path | None, coders: list[str]) -> tuple[list, dict]:
    """The split's records and, per coder, the pipeline's documents of its articles."""
    from ..corpus.format import articles
    from ..corpus.splits import CorpusError, load_split

    try:
        records = load_split(split.value, corpus)
    except CorpusError as exc:
        raise fail(str(exc)) from None
    keys = [r["doc"] for r in records]
    documents = {}
    for coder in coders:
        try:
            texts = articles(keys, options=options_from(ctx, coder=coder))
        except (OSError, ValueError) as exc:
            raise fail(str(exc)) from None
        missing = [k for k in keys if k not in texts]
        if missing:
            raise fail(f"{missing[0]}: not in the news corpus (is $WARTA_NEWS or ../shared/corpus/news there?)")
        documents[coder] = {k: a.document for k, a in texts.items()}
    return records, documents


@evaluate_app.command("events")
def evaluate_events(
    ctx: typer.Context,
    gold: Annotated[Optional[Path], typer.Argument(help="JSONL gold events of the old format (doc, evidence, event_type, ...), scored against --db")] = None,
    split: SplitOption = None,
    corpus: CorpusOption = None,
    coder: Annotated[Optional[Coder], typer.Option("--coder", help="with --split: the coder to score (default: the setting); both prints the rules coder first")] = None,
    db: DbOption = None,
) -> None:
    """Score events: with --split, the pipeline run on a split of the annotated corpus
    (per-type precision/recall/F1, roles, dates, certainty, quantities, type confusion,
    strict F1 with its 95% interval last); with GOLD, the stored events of --db."""
    if split is not None:
        from ..corpus.report import event_lines
        from ..corpus.score import score_events

        chosen = coder.value if coder else options_from(ctx).coder
        coders = ["rules", "model"] if chosen == "both" else [chosen]
        records, documents = _corpus_documents(ctx, split, corpus, coders)
        for n, name in enumerate(coders):
            report = score_events(records, documents[name])
            print(("\n" if n else "") + "\n".join(event_lines(report, f"events, {name} coder, {split.value} split")))
        return
    if gold is None:
        raise fail("give a GOLD file or --split dev|test")
    from .evaluate import evaluate, read_gold

    try:
        lines = read_gold(gold)
    except (OSError, ValueError) as exc:
        raise fail(str(exc) if isinstance(exc, ValueError) else f"{gold}: cannot read ({exc.strerror})") from None
    store = open_store(db, readonly=True)
    result = evaluate(store, lines)
    store.close()
    if result.missing_documents:
        print(f"warta: {len(result.missing_documents)} gold lines name documents not in the store, "
              f"e.g. {result.missing_documents[0]}: ingest them first", file=sys.stderr)
    table = Table("event type", "gold", "predicted", "correct", "precision", "recall", "F1", title=f"events vs {gold}")
    for name, score in sorted(result.by_type.items()):
        table.add_row(name, str(score.gold), str(score.predicted), str(score.true_positives),
                      f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}")
    stdout.print(table)
    o = result.overall
    print(f"events: gold {o.gold}, predicted {o.predicted}, correct {o.true_positives}")
    print(f"precision {o.precision:.3f}  recall {o.recall:.3f}  F1 {o.f1:.3f}")


@evaluate_app.command("entities")
def evaluate_entities(
    ctx: typer.Context,
    split: Annotated[Split, typer.Option("--split", help="the split of the annotated corpus to score")] = Split.dev,
    corpus: CorpusOption = None,
) -> None:
    """Named mentions with their countries against a split of the annotated corpus: per type,
    span-only and span+type scores, and name+country F1 with its 95% interval last."""
    from ..corpus.report import entity_lines
    from ..corpus.score import score_entities

    options = options_from(ctx)
    records, documents = _corpus_documents(ctx, split, corpus, [options.coder])
    report = score_entities(records, documents[options.coder])
    print("\n".join(entity_lines(report, f"entities, {split.value} split")))


class NerFormat(str, Enum):
    conll = "conll"


@evaluate_app.command("ner")
def evaluate_ner(
    file: Annotated[Path, typer.Argument(help="Token-per-line BIO file: the token first, the tag last, a blank line between sentences")],
    fmt: Annotated[NerFormat, typer.Option("--format", help="Input format")] = NerFormat.conll,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as one JSON object")] = False,
) -> None:
    """Entity-level precision, recall and F1 (exact span and label) of the shipped NER model on FILE,
    per label and overall (F1 last on each line, the overall line last)."""
    from ..models import ModelMissing
    from ..language.ner import ConllError, evaluate_conll

    try:
        scores = evaluate_conll(file, fmt.value)
    except (ConllError, ModelMissing) as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"{file}: cannot read ({exc.strerror})") from None
    print(json.dumps(scores.as_dict(), ensure_ascii=False) if as_json else scores.format())
