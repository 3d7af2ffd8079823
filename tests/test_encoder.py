"""The sentence encoder (warta.models.encoder): its word-piece tokenizer, its 4-bit word
vectors, its probabilities on real sentences, how the learned coder averages them with
its sentence model, and the setting that turns it off."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from warta.document import RawInput
from warta.events.learned import code_with_models, packaged_encoder, packaged_models, sentence_types, sentence_views
from warta.models import MODEL_DIR
from warta.models.encoder import UNK, SentenceEncoder, dequantize_q4
from warta.pipeline import coder_name, process
from warta.settings import load_options

THREAT = "Korea Utara mengancam akan menyerang pangkalan militer Amerika Serikat di Guam."
MEETING = "Presiden Joko Widodo bertemu Perdana Menteri Malaysia Mahathir Mohamad di Istana Bogor."
WEATHER = "Hujan deras mengguyur Jakarta sejak pagi hingga sore hari."
PIECES = ["\u2581Korea", "\u2581Utara", "\u2581melu", "n", "cur", "kan", "\u2581rud", "al", "\u2581bal", "istik"]
# Four sentences of the dev split (clickid.jsonl#4384, its last comma dropped;
# indosum-dev.jsonl#3237; clickid.jsonl#9527; clickid.jsonl#2335): a meeting that never
# took place ("tidak pernah bertemu"), praise, a seizure and an account frozen. The
# sentence model of session 24 sees no meeting, the praise, not the seizure, and an
# ACCUSE beside the COERCE of the frozen account; blended with the encoder, the ACCUSE
# goes. Averaged with the encoder's probabilities, as before session 24, the seizure was
# told too; the log-odds blend wants both models to see a type (`learned.blend`), and the
# sentence model gives the seizure next to nothing. (The sentence model of wave 8 took the
# first for a meeting and saw no praise.)
DOC = ("Pelapor Titi Sumawijaya Empel mengaku tidak pernah bertemu dengan pendiri forum daring terbesar di Indonesia, "
       "Kaskus. Trump memuji miliuner China berusia 52 tahun ini sebagai pengusaha yang hebat, dan bahkan salah satu "
       "yang terbaik di dunia. Pemerintah Thailand menyita 147 ekor harimau dari Wat Pha Luang Ta Bua atau Tiger "
       "Temple (Kuil Harimau) tiga tahun lalu. Polda Jawa Timur mengaku sudah memblokir rekening aktivis , yang sudah "
       "berstatus tersangka terkait kerusuhan di Papua.")
WITHOUT = [[], ["SUPPORT"], [], ["ACCUSE", "COERCE"]]
# The shipped settings (tests/conftest.py points $WARTA_CONFIG at the rule coder's).
SHIPPED = {"coder": "model", "ner_model": True}
WITH = [[], ["SUPPORT"], [], ["COERCE"]]


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return packaged_encoder()


def test_tokenizer_cuts_a_news_sentence_into_xlmr_pieces(encoder):
    tokenizer = encoder.tokenizer
    assert [tokenizer.pieces[i] for i in tokenizer.ids("Korea Utara meluncurkan rudal balistik")] == PIECES
    assert tokenizer.encode("Korea")[0] == 0 and tokenizer.encode("Korea")[-1] == 2  # <s> ... </s>


def test_tokenizer_collapses_spaces_and_marks_an_unknown_character(encoder):
    tokenizer = encoder.tokenizer
    assert tokenizer.ids("Korea   Utara") == tokenizer.ids("Korea Utara")
    assert UNK in tokenizer.ids("\u4e00\u4e01")  # CJK ideographs: pruned from the news vocabulary


def test_q4_blocks_decode_as_the_base_model_stores_them():
    block = np.zeros(18, dtype=np.uint8)
    block[:2] = np.frombuffer(np.float16(0.5).tobytes(), dtype=np.uint8)
    block[2] = 0x9F  # weight 0: low nibble 15 - 8 = 7; weight 16: high nibble 9 - 8 = 1
    values = dequantize_q4(block)
    assert values.shape == (32,) and values[0] == 3.5 and values[16] == 0.5 and values[1] == -4.0


def test_encoder_tells_a_threat_from_a_meeting_and_the_weather(encoder):
    p = encoder.proba([THREAT, MEETING, WEATHER])
    assert [encoder.classes[i] for i in p[:2].argmax(axis=1)] == ["THREATEN", "CONSULT"]
    # the weather tells no type: trained with the rare types weighed up (BALANCE), the encoder
    # gives rare types more (here PROTEST 0.19, 0.28 with other weights of the same training),
    # still below the threshold its average with the linear model needs
    assert p[0].max() > 0.4 and p[1].max() > 0.8 and p[2].max() < encoder.threshold


def test_encoder_gives_each_sentence_its_own_answer_in_a_long_article(encoder):
    """A long article's sentences are encoded in batches of BATCH, shortest first, each
    padded to its own longest: every row is still its own sentence's, in the given order."""
    sentences = [THREAT, MEETING, WEATHER, DOC] * 20
    alone = np.vstack([encoder.proba([s]) for s in (THREAT, MEETING, WEATHER, DOC)])
    assert np.allclose(encoder.proba(sentences), np.tile(alone, (20, 1)), atol=1e-5)


def test_encoder_survives_saving_and_loading(encoder, tmp_path: Path):
    encoder.save(tmp_path / "e.npz")
    back = SentenceEncoder.load(tmp_path / "e.npz")
    assert (back.name, back.weight, back.gate, back.threshold, back.role_threshold) == (
        encoder.name, encoder.weight, encoder.gate, encoder.threshold, encoder.role_threshold)
    assert np.array_equal(back.proba([THREAT]), encoder.proba([THREAT]))


def test_shipped_models_stay_under_40_mb():
    """Issue 16: the files the package loads are at most 40 MB in all."""
    assert sum(p.stat().st_size for p in MODEL_DIR.iterdir() if p.suffix in (".npz", ".crfsuite", ".tsv")) <= 40_000_000


def test_coder_blends_the_encoder_where_the_sentence_model_sees_a_type():
    doc = process(RawInput(source="test", kind="text", payload=DOC), load_options(**{**SHIPPED, "coder": "rules"}))
    views = [v for v in sentence_views(doc, doc.events) if v.tokens]
    assert sentence_types(doc, views, packaged_models()) == WITHOUT
    assert sentence_types(doc, views, packaged_models(), packaged_encoder()) == WITH


def test_sentence_encoder_setting_off_gives_the_linear_coder():
    on, off = load_options(**SHIPPED), load_options(**SHIPPED, sentence_encoder=False)
    assert " + sentence-encoder 1 (" in coder_name(on) and "sentence-encoder" not in coder_name(off)
    assert [e.event_type for e in process(RawInput(source="test", kind="text", payload=DOC), off).events] == [
        "SUPPORT", "ACCUSE", "COERCE"]
    assert [e.event_type for e in process(RawInput(source="test", kind="text", payload=DOC), on).events] == ["SUPPORT", "COERCE"]


def test_coder_with_the_encoder_takes_the_role_threshold_chosen_with_it(encoder):
    """The role threshold chosen on dev with the blend is the one the coder uses beside the
    encoder: for session 16's models it is 0.2, as the coder's own chosen without the encoder
    (0.2 and 0.25 tie on dev; the first wins), so the test sets another to see it used."""
    assert (packaged_models().role_threshold, encoder.role_threshold) == (0.2, 0.2)
    doc = process(RawInput(source="test", kind="text", payload=DOC), load_options(**{**SHIPPED, "coder": "rules"}))
    coded = code_with_models(doc, doc.events, packaged_models(), encoder)
    assert any(e.actor for e in coded)
    none = code_with_models(doc, doc.events, packaged_models(), replace(encoder, role_threshold=1.0))
    assert [(e.actor, e.recipient) for e in none] == [(None, None)] * len(none) and len(none) == len(coded)

