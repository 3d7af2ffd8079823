"""Learned mention edges (models/edges.npz), on real sentences of the annotated corpus's dev split."""

from __future__ import annotations

import sys
from pathlib import Path

from warta.corpus.format import articles
from warta.corpus.splits import load_split
from warta.document import RawInput
from warta.language.entities import find_mentions
from warta.language.entities.edges import EDGE, EdgeModels, edge_examples, packaged_edges, settle_edges
from warta.language.entities.gazetteer import load_gazetteer
from warta.language.entities.reading import Doc
from warta.pipeline import process
from warta.settings import load_options

# clickid.jsonl#4299, on Jack Ma leaving Alibaba; the gazetteer knows "Alibaba".
ALIBABA = "Meski terlepas dari jabatan , Ma tidak akan sepenuhnya meninggalkan Alibaba Group."
# clickid.jsonl#1105: the gazetteer's "Lampung" ends the office's name one word early.
LAMPUNG = "OTT tersebut terkait proyek di Dinas Pekerjaan Umum Kabupaten Lampung Utara."
# clickid.jsonl#5254: a run of capitalised words joins the airport and its manager.
AIRPORT = ('"Nama terminal tetap Terminal 1, Terminal 2, dan Terminal 3," kata Executive General Manager Bandara '
           "Internasional Soekarno-Hatta Agus Haryadi, dalam keterangannya di Jakarta, Senin (16/9/2019).")


def named(text: str, edges: bool) -> list[str]:
    return [m.text for m in find_mentions(text, model=True, language="id", edges=edges) if m.source != "capitalised"]


def test_a_name_grows_over_the_words_that_end_it() -> None:
    assert named(ALIBABA, edges=False) == ["Ma", "Alibaba"]
    assert named(ALIBABA, edges=True) == ["Ma", "Alibaba Group"]
    assert named(LAMPUNG, edges=False) == ["Dinas Pekerjaan Umum Kabupaten Lampung"]
    assert named(LAMPUNG, edges=True) == ["Dinas Pekerjaan Umum Kabupaten Lampung Utara"]


def test_a_name_run_into_the_next_name_ends_where_the_first_does() -> None:
    assert "Bandara Internasional Soekarno-Hatta Agus Haryadi" in named(AIRPORT, edges=False)
    moved = [m for m in find_mentions(AIRPORT, model=True, language="id", edges=True) if m.text.startswith("Bandara")]
    assert [(m.text, m.name, m.country) for m in moved] == [
        ("Bandara Internasional Soekarno-Hatta", "Bandara Internasional Soekarno-Hatta", "IDN")]


def test_an_organisation_grown_over_a_country_takes_that_country() -> None:
    # indosum-dev.jsonl#3268: Twitter's Indonesian office, not the American company. (The edges
    # learned on the 798 articles of waves 9 and 10 too no longer grow "Kadin" over "UEA" in
    # "Kadin UEA menyebut", session 15: the chamber of the Emirates is read as Indonesia's.)
    text = "Kedepannya, Novita Jong ditunjuk sebagai Industry Head Twitter Indonesia sebagai pengganti Roy."
    before = find_mentions(text, model=True, language="id")
    after = find_mentions(text, model=True, language="id", edges=True)
    assert [(m.text, m.type, m.country) for m in before if m.type != "PERSON"] == [
        ("Twitter", "ORG", "USA"), ("Indonesia", "COUNTRY", "IDN")]
    assert [(m.text, m.type, m.country, m.country_basis) for m in after if m.type != "PERSON"] == [
        ("Twitter Indonesia", "ORG", "IDN", "text")]


def test_the_setting_turns_the_edge_model_off() -> None:
    raw = RawInput("clickid.jsonl#4299", "text", ALIBABA)
    on = process(raw, load_options())
    off = process(raw, load_options(edge_model=False))
    assert [m.text for m in on.mentions][-1] == "Alibaba Group"
    assert [m.text for m in off.mentions][-1] == "Alibaba"


def test_training_rows_mark_the_gold_edge_among_the_candidates() -> None:
    mentions = find_mentions(ALIBABA, model=True, language="id")
    start = ALIBABA.index("Alibaba")
    gold = [{"start": start, "end": start + len("Alibaba Group"), "type": "ORG", "country": "CHN"}]
    ends, starts = edge_examples(ALIBABA, mentions, gold)
    # "Alibaba" may end after itself or after "Group" (the full stop stops it); it may start
    # at itself or up to three words before ("sepenuhnya meninggalkan Alibaba").
    assert [label for _, label in ends] == [EDGE if i == 1 else "no" for i in range(2)]
    assert [label for _, label in starts] == ["no", "no", "no", EDGE]
    assert "w=group" in ends[1][0] and "after=." in ends[1][0]


def test_the_models_survive_a_round_trip_through_their_file(tmp_path) -> None:
    models = packaged_edges()
    models.save(tmp_path / "edges.npz")
    back = EdgeModels.load(tmp_path / "edges.npz")
    features = ["d=1", "w=group", "nx=<none>", "after=."]
    assert back.end.classes == models.end.classes
    assert (back.end.scores(features) == models.end.scores(features)).all()


def test_edge_models_trained_on_a_few_articles_fit_their_gold_spans() -> None:
    """What `scripts/train_models.py edges` does, on 30 train articles: the models it fits
    move the edges of those articles' mentions towards their gold spans."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from train_coder import fit

    records = load_split("train")[:30]
    texts = articles([r["doc"] for r in records], options=load_options(edge_model=False))
    ends, starts = [], []
    for record in records:
        doc = texts[record["doc"]].document
        more_ends, more_starts = edge_examples(doc.text, doc.mentions, record["entities"])
        ends += more_ends
        starts += more_starts
    models = EdgeModels(fit(ends, 10.0), fit(starts, 10.0))
    assert models.end.classes == models.start.classes == (EDGE, "no")
    gazetteer = load_gazetteer()
    before = after = 0
    for record in records:
        doc = texts[record["doc"]].document
        gold = {(e["start"], e["end"]) for e in record["entities"]}
        hits = gazetteer.hits(doc.text, Doc(gazetteer, doc.text).lowered)
        before += sum((m.start, m.end) in gold for m in doc.mentions)
        after += sum((m.start, m.end) in gold for m in settle_edges(doc.text, doc.mentions, hits, models))
    assert after > before, (before, after)
