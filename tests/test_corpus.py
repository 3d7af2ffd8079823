"""The annotated corpus: every record checked against its article, the compiler and
validator on real sentences, the scorer's exact figures, the frozen test split."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import pytest

from conftest import ROOT, needs_shared
from warta.corpus.compile import CompileError, compile_annotation, load_annotation, span
from warta.corpus.format import article, articles, read_records
from warta.corpus.score import Predicted, score_article, score_entities
from warta.corpus.splits import CorpusError, checksum, frozen_checksum, load_split
from warta.corpus.validate import validate_record

CORPUS = ROOT / "corpus"
EXAMPLE = ROOT / "docs" / "examples" / "indosum-dev-416.yaml"


@pytest.fixture(scope="module")
def korea() -> object:
    return article("indosum-dev.jsonl#416")


@pytest.fixture(scope="module")
def example(korea) -> dict:
    record = compile_annotation(load_annotation(EXAMPLE), korea, str(EXAMPLE))
    record["split"] = "train"
    return record


@needs_shared
def test_corpus_example_compiles_to_offsets_of_the_stored_text(korea, example):
    first = example["events"][0]
    assert first["sentence"] == [0, 195]
    assert first["trigger"] == {"start": 37, "end": 46, "text": "mengancam"}
    assert (first["actor"]["start"], first["actor"]["text"], first["actor"]["country"]) == (25, "Korea Utara", "PRK")
    assert first["recipient"]["text"] == "Korea Selatan"
    assert korea.text[first["recipient"]["start"]:first["recipient"]["end"]] == "Korea Selatan"
    # 'AS@2': the second "AS" of sentence 14, not the first
    mobilize = example["events"][-1]
    assert (mobilize["type"], mobilize["actor"]["text"]) == ("MOBILIZE", "AS")
    sentence = korea.text[mobilize["sentence"][0]:mobilize["sentence"][1]]
    assert mobilize["actor"]["start"] - mobilize["sentence"][0] == sentence.index("AS", sentence.index("AS") + 1)
    assert [q["value"] for q in example["events"][4]["quantities"]] == [25000, 50000]
    # "Washington" inside "Washington, D.C." is not a second mention
    washington = [e for e in example["entities"] if e["text"].startswith("Washington")]
    assert [(e["text"], e["type"]) for e in washington] == [("Washington, D.C.", "LOCATION"), ("Washington", "COUNTRY"),
                                                           ("Washington", "COUNTRY")]  # sentences 3 and 7
    assert validate_record(example, korea) == []


@needs_shared
@pytest.mark.parametrize("change, problem", [
    (lambda r: r["events"][0].update(mode="troops"),
     "mode 'troops' is not a mode of THREATEN (restrict, arrest, relations, expel, territory, violence)"),
    (lambda r: r["events"][0]["actor"].update(country="KOU"), "actor: unknown country code 'KOU'"),
    (lambda r: r["events"][0]["trigger"].update(start=38), "trigger: text 'mengancam' is not what 38..46 holds ('engancam')"),
    (lambda r: r["events"][0].update(certainty="likely"), "certainty 'likely' is not one of SPEC's values"),
    (lambda r: r["events"][0]["recipient"].update(start=200, end=213), "lies outside its sentence 0..195"),
    (lambda r: r["events"][1]["date"].update(value="2016-9"), "'2016-9' is not an ISO date of precision month"),
    (lambda r: r["entities"][0].update(type="GPE"), "type 'GPE' is not one of PERSON, ORG, COUNTRY, LOCATION"),
    (lambda r: r.update(text_sha256="0" * 64), "the stored text changed since annotation"),
])
def test_corpus_validator_names_each_problem(korea, example, change, problem):
    record = copy.deepcopy(example)
    change(record)
    problems = validate_record(record, korea)
    assert any(problem in p for p in problems), problems


@needs_shared
def test_corpus_compiler_refuses_a_string_not_in_the_sentence(korea):
    with pytest.raises(CompileError, match="'Jepang' not found in the sentence"):
        span(korea, "Jepang", "event 1 actor", korea.sentences[0])
    with pytest.raises(CompileError, match=r"'Korut' not found in the sentence \(occurrence 3\)"):
        span(korea, "Korut@3", "event 1 actor", korea.sentences[2])


@needs_shared
@pytest.mark.parametrize("name", ["train", "dev", "test", "legacy-gold"])
def test_corpus_every_record_matches_its_article(name):
    """Every span and offset of the corpus against the text warta stores today."""
    records = list(read_records(CORPUS / f"{name}.jsonl"))
    assert records
    texts = articles([r["doc"] for r in records])
    problems = [p for r in records for p in validate_record(r, texts.get(r["doc"]))]
    assert problems == []


def test_corpus_test_split_is_frozen():
    assert frozen_checksum(CORPUS) == checksum(CORPUS / "test.jsonl")
    assert load_split("test", CORPUS)


def test_corpus_a_changed_test_split_is_refused(tmp_path):
    for name in ("test.jsonl", "test.sha256"):
        (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    with open(tmp_path / "test.jsonl", "a", encoding="utf-8") as out:
        out.write("{}\n")
    with pytest.raises(CorpusError, match="does not match the frozen checksum"):
        load_split("test", tmp_path)


def test_corpus_counts():
    """What the issue asked for: 400+ articles, 5,000+ sentences read, 3,000+ events, 80+ test articles."""
    splits = {name: list(read_records(CORPUS / f"{name}.jsonl")) for name in ("train", "dev", "test")}
    records = [r for rs in splits.values() for r in rs]
    assert len(records) >= 400
    assert sum(len(r["sentences"]) for r in records) >= 5000
    assert sum(len(r["events"]) for r in records) >= 3000
    assert len(splits["test"]) >= 80
    docs = [r["doc"] for r in records]
    assert len(docs) == len(set(docs))  # an article is in one split only


def _gold(kind: str, sentence: tuple[int, int], actor: str | None, recipient: str | None, **extra) -> dict:
    return {"type": kind, "sentence": list(sentence), "actor": actor and {"country": actor},
            "recipient": recipient and {"country": recipient}, "certainty": "asserted", "negated": False,
            "date": {"value": "2016-09-15"}, "quantities": [], **extra}


def test_corpus_scorer_counts_strict_matches_roles_and_dates():
    s1, s2 = (0, 195), (196, 303)
    gold = [_gold("THREATEN", s1, "PRK", "KOR"), _gold("COOPERATE", s2, "USA", "KOR"),
            _gold("ACCUSE", s2, "KOR", "PRK", quantities=[{"value": 3}])]
    predicted = [Predicted("THREATEN", s1, "PRK", None, "2016-09-15", "asserted", ()),  # recipient missing
                 Predicted("COOPERATE", s2, "KOR", "USA", "2016-08", "asserted", ()),  # reciprocal: either order
                 Predicted("ASSAULT", s2, "KOR", "PRK", None, "asserted", (3.0,))]  # wrong type
    counts = score_article(gold, predicted)
    assert (counts.strict.true_positives, counts.strict.predicted, counts.strict.gold) == (1, 3, 3)
    assert counts.date == [0, 1]  # the matched COOPERATE has the wrong date
    assert counts.actor == [2, 2] and counts.recipient == [1, 2]  # on the type-matched THREATEN and COOPERATE
    assert counts.confusion[("ACCUSE", "ASSAULT")] == 1
    assert counts.by_type["THREATEN"].gold == 1 and counts.by_type["THREATEN"].true_positives == 0


def test_corpus_entity_scorer_counts_named_mentions_with_their_country():
    """A lone name that coreference resolves ("Retno") is a named mention the annotation lists; a
    pronoun the event stage infers is not scored; a right span with the wrong country is no match."""
    from warta.corpus.report import entity_lines
    from warta.document import Document, Mention

    text = "Menlu Retno Marsudi bertemu Lavrov. Retno mengatakan ia puas."
    gold = [{"start": 6, "end": 19, "type": "PERSON", "country": "IDN"},
            {"start": 28, "end": 34, "type": "PERSON", "country": "RUS"},
            {"start": 36, "end": 41, "type": "PERSON", "country": "IDN"}]
    mentions = [Mention(6, 19, "Retno Marsudi", "PERSON", "Retno Marsudi", "IDN", "GOV", "title", country_basis="text"),
                Mention(28, 34, "Lavrov", "PERSON", "Sergei Lavrov", None, "GOV", "gazetteer"),
                Mention(36, 41, "Retno", "PERSON", "Retno Marsudi", "IDN", "GOV", "coreference", country_basis="story"),
                Mention(53, 55, "ia", "PERSON", "ia", "IDN", None, "pronoun")]
    document = Document(source="d", text=text, mentions=mentions)
    report = score_entities([{"doc": "d", "entities": gold}], {"d": document})
    assert (report.name_country.true_positives, report.name_country.predicted, report.name_country.gold) == (2, 3, 3)
    assert report.span.true_positives == 3
    # The country of each matched span, by what gave it (issue 17): how far a guess can be trusted.
    assert report.by_basis == {"text": [1, 1], "none": [0, 1], "story": [1, 1]}
    assert entity_lines(report, "t")[-3] == ("country right on matched spans, by what gave it: "
                                             "text 1.000 (1), story 1.000 (1), none 0.000 (1)")


def test_corpus_training_never_opens_the_test_split(tmp_path, monkeypatch):
    """Run the coder's training on a tiny corpus under an audit hook: no open() of test.jsonl."""
    import sys

    pytest.importorskip("sklearn")
    train_records = list(read_records(CORPUS / "train.jsonl"))[:6]
    dev_records = list(read_records(CORPUS / "dev.jsonl"))[:3]
    for name, records in (("train", train_records), ("dev", dev_records)):
        (tmp_path / f"{name}.jsonl").write_text("".join(__import__("json").dumps(r) + "\n" for r in records), "utf-8")
    (tmp_path / "test.jsonl").write_bytes((CORPUS / "test.jsonl").read_bytes())
    (tmp_path / "test.sha256").write_bytes((CORPUS / "test.sha256").read_bytes())
    opened: list[str] = []

    def audit(event: str, args: tuple) -> None:
        if event == "open" and args and isinstance(args[0], (str, Path)) and str(args[0]).endswith("test.jsonl"):
            opened.append(str(args[0]))

    sys.addaudithook(audit)
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_coder

    out = tmp_path / "models"
    out.mkdir()
    monkeypatch.setattr(sys, "argv", ["train_coder.py", "--corpus", str(tmp_path), "--out", str(out)])
    train_coder.main()
    assert (out / "coder.npz").exists()
    assert opened == []
    assert hashlib.sha256((tmp_path / "test.jsonl").read_bytes()).hexdigest() == frozen_checksum(CORPUS)
