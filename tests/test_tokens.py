"""Tokens, lemmas and Indonesian morphology on words from the shared corpus.

The comment on each case names where the word occurs: a seed file or an
indosum-dev article id.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import SEEDS, needs_shared

from warta.language.sentences import split_sentences
from warta.language.tokens import Morph, analyse, tokenize

SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.mark.parametrize(
    "word, lemma, prefix, suffix, voice",
    [
        # meN-: each spelling of the nasal prefix
        ("mengirim", "kirim", "meN", None, "active"),  # seeds/001: meng-, the k melts
        ("mengunjungi", "kunjung", "meN", "i", "active"),  # seeds/000: meng- + -i
        ("menghormati", "hormat", "meN", "i", "active"),  # seeds/004: meng- before h
        ("menyampaikan", "sampai", "meN", "kan", "active"),  # seeds/000: meny-, the s melts
        ("membawa", "bawa", "meN", None, "active"),  # seeds/000: mem- before b
        ("memukul", "pukul", "meN", None, "active"),  # 1502842800-samsung-janjikan-kejutan-besar: the p melts
        ("mendukung", "dukung", "meN", None, "active"),  # seeds/000: men- before d
        ("menulis", "tulis", "meN", None, "active"),  # 1486926047-katy-perry-rilis-lagu-baru: the t melts
        ("melarang", "larang", "meN", None, "active"),  # seeds/004: me- before l
        ("mengebom", "bom", "meN", None, "active"),  # 1499283420-kanada-bayar-rp-106-miliar: menge-
        ("memperkuat", "kuat", "meN", None, "active"),  # seeds/000: meN- + per-
        ("menggarisbawahi", "garisbawah", "meN", "i", "active"),  # seeds/003: a compound stem
        # di-: passive
        ("ditandatangani", "tandatangan", "di", "i", "passive"),  # seeds/002
        ("ditugaskan", "tugas", "di", "kan", "passive"),  # seeds/002
        ("diperkirakan", "kira", "di", "kan", "passive"),  # seeds/003: di- + per-
        ("dikomentari", "komentar", "di", "i", "passive"),  # seeds/000
        ("dibom", "bom", "di", None, "passive"),  # 1484891127-menteri-susi-laut-masa-depan-bangsa
        # ter-: passive, or a superlative that is none
        ("terpilih", "pilih", "ter", None, "passive"),  # 1479021007-start-up-indonesia-ku-ka-gebrak
        ("terhambat", "hambat", "ter", None, "passive"),  # seeds/000
        ("terbesar", "besar", "ter", None, None),  # 1502780200-teka-teki-anniesa-hasibuan
        ("termasuk", "masuk", "ter", None, None),  # seeds/000
        # ber- and its spellings
        ("berkunjung", "kunjung", "ber", None, None),  # seeds/000
        ("berencana", "rencana", "ber", None, None),  # 1498431600-meeting-owl-conference-cam: be-
        ("bertahun-tahun", "tahun", "ber", None, None),  # seeds/000: reduplicated
        # peN-, alone and in the confix peN-an
        ("pemimpin", "pimpin", "peN", None, None),  # seeds/000
        ("penyelamat", "selamat", "peN", None, None),  # seeds/003
        ("penandatanganan", "tandatangan", "peN", "an", None),  # seeds/002
        ("pengiriman", "kirim", "peN", "an", None),  # seeds/001
        ("pembangunan", "bangun", "peN", "an", None),  # seeds/000
        ("pengeboman", "bom", "peN", "an", None),  # 1497575700-ariana-grande-dapat-tanda-kehormatan
        # ke-an and per-an
        ("kesepakatan", "sepakat", "ke", "an", None),  # seeds/002
        ("Kesepakatan", "sepakat", "ke", "an", None),  # seeds/002, sentence-initial
        ("keberadaan", "ada", "ke", "an", None),  # seeds/003: ke- + ber-
        ("kepemimpinan", "pimpin", "ke", "an", None),  # 1496443620-donald-trump-tarik-as: ke- + peN-
        ("perjanjian", "janji", "per", "an", None),  # seeds/002
        ("pertemuan", "temu", "per", "an", None),  # seeds/000
        ("perusahaan-perusahaan", "usaha", "per", "an", None),  # seeds/000
        # se-
        ("seperjuangan", "juang", "se", "an", None),  # seeds/001: se- + per-
        ("sebelumnya", "belum", "se", "nya", None),  # seeds/002
        # -an, -i, -kan alone, and the clitics
        ("kunjungan", "kunjung", None, "an", None),  # seeds/000
        ("hubungannya", "hubung", None, "an", None),  # seeds/003: -an before -nya
        ("pertamanya", "pertama", None, "nya", None),  # seeds/000
        ("itulah", "itu", None, "lah", None),  # 1490674536-mustahil-transportasi-tradisional
        ("apakah", "apa", None, "kah", None),  # 1496990100-pertamina-pedekate-tiga-perusahaan
        ("negara-negara", "negara", None, None, None),  # seeds/004
        # the dictionary's "perintah" is no lemma for the government
        ("pemerintah", "pemerintah", None, None, None),  # seeds/004
        ("pemerintahan", "pemerintah", None, "an", None),  # 1512504000-dituding-picu-kekerasan
    ],
)
def test_tokens_morphology(word: str, lemma: str, prefix: str | None, suffix: str | None, voice: str | None) -> None:
    assert analyse(word) == Morph(lemma, prefix, suffix, voice)


@pytest.mark.parametrize(
    "word",
    [
        "dia",  # 1499216400-berger-salah-rekrutan-fantastis
        "dinas",  # 1512101700-warga-bandung-diimbau-antisipasi
        "diplomat",
        "diplomatik",  # seeds/000
        "dialog",  # seeds/001
        "media",  # seeds/001
        "menteri",  # seeds/002
        "terus",  # seeds/004
        "teroris",  # 1504827000-myanmar-lobi-china-rusia-blokir-kritik
        "tersebut",  # seeds/000: "the said", no passive
        "kepada",  # seeds/000
        "mereka",  # seeds/000
        "adalah",  # seeds/003
        "Dimas",  # 1491600797-timnas-indonesia-bakal-diuji-lionel-messi: a name, not di + mas
        "Kozlov",  # seeds/002
        "PBB",  # seeds/001
        "Jong-un",  # seeds/001
        "COVID-19",  # seeds/003
    ],
)
def test_tokens_false_prefixes_stay_whole(word: str) -> None:
    morph = analyse(word)
    assert (morph.prefix, morph.suffix, morph.voice) == (None, None, None)
    assert morph.lemma in (word, word.lower())


@pytest.mark.parametrize(
    "text, expected",
    [
        # seeds/002: money and counts keep their separators
        (
            "antara $320 juta hingga $1,3 miliar per tahun; sekitar 11.000 tentara",
            "antara $ 320 juta hingga $ 1,3 miliar per tahun ; sekitar 11.000 tentara",
        ),
        # seeds/002: time and date
        ("21 November 2024, 13:38 WIB. Rabu (20/11/2024),", "21 November 2024 , 13:38 WIB . Rabu ( 20/11/2024 ) ,"),
        # seeds/001, seeds/004: hyphenated names and reduplication are one token
        ("pemimpin Kim Jong-un dan negara-negara Barat", "pemimpin Kim Jong-un dan negara-negara Barat"),
        # seeds/003: abbreviation, footnote marker, quotes
        (
            "dipimpin oleh A.S. antara Washington, Tokyo, dan Seoul.[7] menunjukkan ‘pemantapan’",
            "dipimpin oleh A.S. antara Washington , Tokyo , dan Seoul . [ 7 ] menunjukkan ‘ pemantapan ’",
        ),
        # seeds/003: a URL keeps its dots and loses the sentence's final period
        (
            "The Hindu. https://www.thehindu.com/topic/russia-ukraine-crisis/.",
            "The Hindu . https://www.thehindu.com/topic/russia-ukraine-crisis/ .",
        ),
        # clickid sindonews-8746: an e-mail address; indosum-dev 1494022200: an ellipsis
        ('di artwork@customcollaboration.id. "Udah......,"', 'di artwork@customcollaboration.id . " Udah ...... , "'),
        # clickid kapanlagi-0: a comma join is one token
        ("keyakinan.,,,,,Belakangan", "keyakinan . ,,,,, Belakangan"),
    ],
)
def test_tokens_boundaries(text: str, expected: str) -> None:
    assert [token.text for token in tokenize(text)] == expected.split()


@needs_shared
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda path: path.name)
def test_tokens_offsets_round_trip(seed: Path) -> None:
    text = seed.read_text("utf-8")
    tokens = tokenize(text)
    assert tokens
    assert all(text[token.start : token.end] == token.text for token in tokens)
    assert all(a.end <= b.start for a, b in zip(tokens, tokens[1:]))
    # every character is in a token or is a space
    covered = sum(token.end - token.start for token in tokens)
    assert covered == sum(not char.isspace() for char in text)


@needs_shared
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda path: path.name)
def test_tokens_stay_inside_the_given_sentences(seed: Path) -> None:
    text = seed.read_text("utf-8")
    spans = split_sentences(text)
    tokens = tokenize(text, spans)
    bounds = iter(spans)
    span = next(bounds)
    for token in tokens:
        while token.start >= span.end:
            span = next(bounds)
        assert span.start <= token.start < token.end <= span.end


def test_tokens_lemmas_and_voice_in_a_seed_sentence() -> None:
    # seeds/002
    text = "Kantor Berita Pusat Korea (KCNA) tidak merinci lebih lanjut tentang perjanjian yang ditandatangani pada hari Rabu."
    by_text = {token.text: token for token in tokenize(text)}
    assert (by_text["ditandatangani"].lemma, by_text["ditandatangani"].voice) == ("tandatangan", "passive")
    assert (by_text["perjanjian"].prefix, by_text["perjanjian"].suffix) == ("per", "an")
    assert by_text["merinci"].voice == "active"
    assert by_text["KCNA"].lemma == "KCNA"
    assert by_text["."].lemma == "."


def test_tokens_five_megabyte_paragraph_is_fast() -> None:
    # seeds/002, one sentence repeated into a single 5 MB line
    sentence = (
        "Kim belum secara langsung mengakui bahwa ia telah menyediakan peralatan dan pasukan"
        " militer ke Rusia untuk mendukung pertempurannya melawan Ukraina. "
    )
    text = sentence * (5_000_000 // len(sentence))
    started = time.perf_counter()
    tokens = tokenize(text, split_sentences(text))
    assert time.perf_counter() - started < 20
    assert len(tokens) == len(tokenize(sentence)) * text.count(". ")


@pytest.mark.parametrize(
    "text",
    [
        "kerja sama ekonomi antara kedua negara " * 100_000,  # no punctuation
        "di" + "a" * 1_000_000 + "kan",  # one enormous "word" that looks affixed
        "😀🎉 Putin 🇷🇺 tiba 👍",
        "서울에서 회담이 열렸다. Путин прибыл в Пхеньян.",
        "",
        "\u200e\u200b\ufeff",
        "cafe\u0301 _x_ [iklan_2]",
    ],
    ids=["no-punctuation", "huge-word", "emoji", "korean-cyrillic", "empty", "invisible", "combining"],
)
def test_tokens_odd_input_does_not_crash(text: str) -> None:
    started = time.perf_counter()
    tokens = tokenize(text, split_sentences(text))
    assert time.perf_counter() - started < 20
    assert all(text[token.start : token.end] == token.text and token.lemma for token in tokens)
