"""The countries the annotated corpus gives names (models/names.tsv), on real sentences."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from warta.language.entities import corpus_names, find_mentions
from warta.language.entities.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parents[1]

# clickid.jsonl: Paris Saint-Germain's sporting director on Neymar, in a story that names Spain's Barcelona.
NEYMAR = ("Leonardo menyebut Neymar sama sekali tak menunjukkan rasa kecewa, meski gagal pindah ke Barcelona pada "
          "bursa transfer musim panas 2019.")


def found(text: str, **kwargs) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.type, m.country) for m in find_mentions(text, **kwargs)]


def test_a_name_the_corpus_knows_takes_its_country_before_the_storys_main_one() -> None:
    assert found(NEYMAR, model=True, language="id") == [
        ("Leonardo", "PERSON", "BRA"), ("Neymar", "PERSON", "BRA"), ("Barcelona", "LOCATION", "ESP")]


def test_without_the_corpus_names_the_story_guesses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus_names, "corpus_names", lambda: {})
    assert found(NEYMAR, model=True, language="id") == [
        ("Leonardo", "PERSON", "ESP"), ("Neymar", "PERSON", "ESP"), ("Barcelona", "LOCATION", "ESP")]


def test_the_text_wins_over_the_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    # An apposition gives the country: the corpus's is only for mentions the text gives none.
    monkeypatch.setattr(corpus_names, "corpus_names", lambda: {("PERSON", "Magnus Carlsen"): "IDN"})
    assert found("Juara dunia catur Magnus Carlsen dari Norwegia menang lagi.", language="id")[0] == (
        "Magnus Carlsen", "PERSON", "NOR")


def test_short_single_words_and_bodies_named_by_a_head_are_left_to_the_story() -> None:
    known = corpus_names.corpus_names()
    # The corpus has them, but a surname of four letters ("Choi": South Korean in the train
    # split) or initials stand for many people, and "Kementerian Luar Negeri" is the
    # ministry of whichever state the story is about.
    assert known[("PERSON", "Choi")] == "KOR" and known[("ORG", "Kementerian Luar Negeri")] == "IDN"
    assert found("Choi mengatakan Korea Utara akan menanggapi.", model=True, language="id") == [
        ("Choi", "PERSON", "PRK"), ("Korea Utara", "COUNTRY", "PRK")]


def test_the_packaged_names_file_is_well_formed() -> None:
    known = corpus_names.corpus_names()
    countries = load_gazetteer().country_names
    assert len(known) > 5000
    assert {kind for kind, _ in known} <= {"PERSON", "ORG", "LOCATION"}
    # ISO 3166-1 codes, and Kosovo's user-assigned XKX, which the annotation guidelines use
    assert {country for country in known.values() if country not in countries} <= {"XKX"}
    header = (ROOT / "src/warta/models/names.tsv").read_text("utf-8").splitlines()[0]
    assert header.startswith("# Names of the annotated corpus's train split")


def test_name_rows_keep_names_whose_annotators_agree() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_models

    def entity(text: str, kind: str, country: str | None) -> dict:
        return {"text": text, "type": kind, "country": country}

    records = [
        {"doc": "a", "entities": [entity("Neymar", "PERSON", "BRA"), entity("Brasil", "COUNTRY", "BRA"),
                                  entity("Kim", "PERSON", "PRK"), entity("PBB", "ORG", None)]},
        {"doc": "b", "entities": [entity("Neymar", "PERSON", "BRA"), entity("Kim", "PERSON", "KOR")]},
        {"doc": "c", "entities": [entity("Kim", "PERSON", "KOR"), entity("Lionel Messi", "PERSON", "ARG")]},
    ]
    assert train_models.name_rows(records, 1, 0.6) == [
        ("PERSON", "Kim", "KOR", 3, 0.67, "b"), ("PERSON", "Lionel Messi", "ARG", 1, 1.0, "c"),
        ("PERSON", "Neymar", "BRA", 2, 1.0, "a")]
    assert train_models.name_rows(records, 2, 0.8) == [("PERSON", "Neymar", "BRA", 2, 1.0, "a")]
