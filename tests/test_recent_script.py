"""scripts/evaluate_recent.py on one real article of corpus/recent: its events and, from
entities.tsv, its named entities with their countries."""

from __future__ import annotations

import shutil
import sys

from conftest import ROOT
from warta.events.learned import NONE
from warta.settings import load_options

sys.path.insert(0, str(ROOT / "scripts"))
import evaluate_recent  # noqa: E402

NAME = "b05-liputan6-korsel-panggil-dubes-rusia.txt"


def _folder(tmp_path):
    tmp_path.mkdir(parents=True, exist_ok=True)
    recent = ROOT / "corpus" / "recent"
    shutil.copy(recent / NAME, tmp_path / NAME)
    for table in ("gold.tsv", "entities.tsv"):
        lines = (recent / table).read_text("utf-8").splitlines(keepends=True)
        (tmp_path / table).write_text("".join([lines[0]] + [x for x in lines[1:] if x.startswith(NAME)]), "utf-8")
    (tmp_path / "published.tsv").write_text("file\tpublished\n", "utf-8")
    return tmp_path


def test_recent_script_scores_events_and_named_entities(tmp_path, capsys):
    folder = _folder(tmp_path)
    counts, docs = evaluate_recent.score(folder, load_options(coder="rules", ner_model=False), verbose=False)
    assert counts == {"gold": 9, "coded": 18, "typed": 8, "strict": 6, "dated": 6}
    lines = evaluate_recent.score_names(folder, docs, verbose=True)
    # every name found with its country (-v would list the others), "Kim Hong-kyun" too:
    # his title "Wakil Menteri Luar Negeri Pertama Korea Selatan" puts the ordinal after
    # the office (titles.tsv)
    assert "  name " not in capsys.readouterr().out
    kim = next(m for m in docs[NAME].mentions if m.text == "Kim Hong-kyun")
    assert (kim.country, kim.source) == ("KOR", "title")
    assert lines[0] == "named entities, 1 articles"
    assert lines[-2:] == ["1 articles; mentions: gold 45, predicted 45",
                          "name+country precision 1.000  recall 1.000  F1 1.000 (95% interval 1.000-1.000)"]


def test_recent_script_records_train_types_and_triggers_only(tmp_path):
    """scripts/train_coder.py --recent: the article's every sentence a record's, each gold
    row on the sentence of its snippet with its trigger's offsets; no role examples."""
    import train_coder

    folder = _folder(tmp_path)
    records, docs = train_coder.recent_records([str(folder)], load_options(coder="rules", ner_model=False))
    (record,) = records
    doc = docs[record["doc"]]
    assert record["doc"] == f"recent:{folder.name}/{NAME}" and len(record["events"]) == 9
    first = record["events"][0]
    assert (first["type"], first["roles"], doc.text[first["trigger"]["start"]:first["trigger"]["end"]]) == (
        "ACCUSE", False, "memanggil")
    assert doc.text[slice(*first["sentence"])].startswith("Liputan6.com, Seoul - Korea Selatan memanggil")
    examples = train_coder.examples(records, docs)
    assert len(examples["sentence"]) == len(doc.sentences)
    assert examples["role"] == [] and examples["certainty"] == []
    assert sorted(label for _, label in examples["trigger"] if label != NONE) == sorted(e["type"] for e in record["events"])


def test_recent_script_pools_several_sets(tmp_path, capsys, monkeypatch):
    """Given --folder twice, each set's line, then the two pooled: the same article twice
    counts twice."""
    first, second = _folder(tmp_path / "a"), _folder(tmp_path / "b")
    monkeypatch.setattr(sys, "argv", ["evaluate_recent.py", "--coder", "rules", "--folder", str(first),
                                      "--folder", str(second)])
    evaluate_recent.main()
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("rules")]
    assert [line.split("|")[0].split()[1:4] for line in lines] == [["a", "gold", "9"], ["b", "gold", "9"],
                                                                    ["pooled", "gold", "18"]]
    assert len({tuple(line.split("|")[1:3]) for line in lines}) == 1  # the same F1s
    assert lines[-1].endswith("dates 12/12")


def test_recent_script_scores_the_type_plover_codes(tmp_path):
    """A meeting to come, told as an expected CONSULT, is the AGREE the annotators code, as
    `warta evaluate events` scores it (plover.yaml future_as)."""
    name = "x01-antara-jadwal.txt"
    (tmp_path / name).write_text(
        "Jokowi dijadwalkan bertemu Turnbull\n"
        "Sydney (ANTARA) - Presiden Joko Widodo dijadwalkan bertemu Perdana Menteri Australia Malcolm Turnbull "
        "di Sydney pada Sabtu (17/3/2018).\n", "utf-8")
    (tmp_path / "gold.tsv").write_text(
        "file\tsnippet\ttrigger\ttype\tactor_country\trecipient_country\tdate\tquantity\n"
        f"{name}\tJoko Widodo dijadwalkan bertemu Perdana Menteri Australia\tdijadwalkan bertemu\tAGREE\tIDN\tAUS\t"
        "2018-03-17\t\n", "utf-8")
    (tmp_path / "published.tsv").write_text("file\tpublished\n", "utf-8")
    counts, docs = evaluate_recent.score(tmp_path, load_options(coder="rules", ner_model=False), verbose=False)
    (event,) = docs[name].events
    assert (event.event_type, event.certainty) == ("CONSULT", "expected")
    assert (counts["strict"], counts["dated"]) == (1, 1)
