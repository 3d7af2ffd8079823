"""Sentence splitting on real Indonesian news text.

Each case quotes a short passage of the shared corpus (file and article id in the
comment) and lists the sentences it must give, cut from the text by offset.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import NEWS, SEEDS, needs_shared

from warta.language.sentences import HARD_MAX_CHARS, HARD_MAX_WORDS, SOFT_MAX_WORDS, load_abbreviations, split_sentences

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # seeds/002: a quote closed by a comma and attributed is one sentence
        (
            "“Badan mata-mata tersebut meyakini tentara Korea Utara ditugaskan ke unit angkatan"
            " laut dan udara Rusia dan beberapa dari mereka telah mulai bertempur bersama Rusia"
            " di garis depan,” kata Lee Seong Kweun, seorang anggota parlemen yang menghadiri"
            " pertemuan tersebut. ",
            [
                "“Badan mata-mata tersebut meyakini tentara Korea Utara ditugaskan ke unit angkatan"
                " laut dan udara Rusia dan beberapa dari mereka telah mulai bertempur bersama Rusia"
                " di garis depan,” kata Lee Seong Kweun, seorang anggota parlemen yang menghadiri"
                " pertemuan tersebut."
            ],
        ),
        # seeds/004: two sentences inside one quote; the second keeps the speaker
        (
            "“Rusia dan Korea Utara memiliki sejarah panjang dalam menjalin hubungan yang saling"
            " menghormati. Kini saatnya mempererat kerja sama untuk menghadapi tantangan global"
            " bersama,” ujar Lavrov dalam konferensi pers.",
            [
                "“Rusia dan Korea Utara memiliki sejarah panjang dalam menjalin hubungan yang saling"
                " menghormati.",
                "Kini saatnya mempererat kerja sama untuk menghadapi tantangan global bersama,”"
                " ujar Lavrov dalam konferensi pers.",
            ],
        ),
        # indosum-dev 1490832935-djarot-janjikan-kursi-roda-untuk-anak-penderita-lu:
        # a question closed inside the quote, then a lower-case attribution
        (
            '"Ini kenapa?" tanya Djarot.\n\n"Ada tumor di tulang belakangnya," jawab ibu Agnes'
            " kepada Djarot.",
            ['"Ini kenapa?" tanya Djarot.', '"Ada tumor di tulang belakangnya," jawab ibu Agnes kepada Djarot.'],
        ),
        # indosum-dev 1490674536-mustahil-transportasi-tradisional-dan-online-bersa:
        # a closing quote detached by a space from the words it closes
        (
            '"Tidak hanya tarif tapi apa saja harus diatur. Dipanggil keduanya untuk berbicara'
            " masing-masing. Kan bisa saling melengkapi, negara lain bisa masa kita enggak bisa,"
            ' "ucap Zulkifli di Gedung DPR, Senayan, Jakarta Pusat, Senin (27/3).',
            [
                '"Tidak hanya tarif tapi apa saja harus diatur.',
                "Dipanggil keduanya untuk berbicara masing-masing.",
                'Kan bisa saling melengkapi, negara lain bisa masa kita enggak bisa, "ucap Zulkifli'
                " di Gedung DPR, Senayan, Jakarta Pusat, Senin (27/3).",
            ],
        ),
        # indosum-dev 1494022200-naga-lyla-...: an ellipsis and comma inside a quote
        (
            '"Udah......," ucap Feby menggantung.\n\n"Ada lah...," Naga menimpali.',
            ['"Udah......," ucap Feby menggantung.', '"Ada lah...," Naga menimpali.'],
        ),
        # seeds/003 (footnote [5]): a closing quote after the period, then a new sentence
        (
            "Kim tells Putin that Russia has North Korea’s “Full and unconditional support.”"
            " RadioFreeEurope/RadioLiberty.",
            [
                "Kim tells Putin that Russia has North Korea’s “Full and unconditional support.”",
                "RadioFreeEurope/RadioLiberty.",
            ],
        ),
    ],
)
def test_sentences_quotes(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # seeds/003: "A.S." in mid-sentence, then a footnote marker after the period
        (
            "berpotensi mengimbangi upaya aliansi kuat yang dipimpin oleh A.S. antara Washington,"
            " Tokyo, dan Seoul.[7]",
            [
                "berpotensi mengimbangi upaya aliansi kuat yang dipimpin oleh A.S. antara"
                " Washington, Tokyo, dan Seoul.[7]"
            ],
        ),
        # indosum-dev 1509743926-trump-resmi-tunjuk-powell-jadi-bos-baru-fed
        (
            "Trump menggambarkan Powell sebagai pemimpin yang akan membangun prestasi Yellen dalam"
            " mengarahkan ekonomi A.S. setelah pemulihan krisis keuangan 2007-2009.",
            [
                "Trump menggambarkan Powell sebagai pemimpin yang akan membangun prestasi Yellen"
                " dalam mengarahkan ekonomi A.S. setelah pemulihan krisis keuangan 2007-2009."
            ],
        ),
        # indosum-dev 1498852800-ayam-geprek-mas-eko-kejontoran-bibir-yang-hakiki: "No." before a number
        (
            "Kalau belum, buruan ke rumah makan Ayam Geprek Mas Eko! Lokasinya di Jalan Tanjung"
            " Duren Utara IV No. 54, Jakarta Barat.",
            [
                "Kalau belum, buruan ke rumah makan Ayam Geprek Mas Eko!",
                "Lokasinya di Jalan Tanjung Duren Utara IV No. 54, Jakarta Barat.",
            ],
        ),
        # indosum-dev 1492818356-kpk-periksa-farhat-abbas: an initial inside a name
        (
            "Penyidik KPK akan memeriksa pengacara, Farhat Abbas, ihwal dugaan pemberian keterangan"
            " palsu Politisi Hanura, Miryam S. Haryani, dalam persidangan e-KTP.",
            [
                "Penyidik KPK akan memeriksa pengacara, Farhat Abbas, ihwal dugaan pemberian"
                " keterangan palsu Politisi Hanura, Miryam S. Haryani, dalam persidangan e-KTP."
            ],
        ),
        # seeds/003 (footnote [4]): "N." is an initial, not a sentence end
        (
            "Putin offers technical support for spy satellite, Kim says N. Korea shares same fight"
            " as Russia.",
            ["Putin offers technical support for spy satellite, Kim says N. Korea shares same fight as Russia."],
        ),
        # indosum-dev 1502961372-menteri-susi-daftarkan-16-ribu-pulau-ke-pbb: "dll." closes a list
        (
            "didistribusikan dalam bentuk standar nasional seperti gazetteers, atlas, pedoman"
            " toponimi atau nama, dll. Sebagai dasar perlunya standardisasi global nama geografis,"
            " UNGEGN mengutamakan pencatatan nama lokal.",
            [
                "didistribusikan dalam bentuk standar nasional seperti gazetteers, atlas, pedoman"
                " toponimi atau nama, dll.",
                "Sebagai dasar perlunya standardisasi global nama geografis, UNGEGN mengutamakan"
                " pencatatan nama lokal.",
            ],
        ),
        # indosum-dev 1492129542-strategi-zidane-di-balik-kemenangan-madrid: "dkk." mid-sentence
        (
            "Pertahanan rendah yang dibangun oleh Sergio Ramos dkk. membuat Bayern kesulitan untuk"
            " menciptakan peluang.",
            [
                "Pertahanan rendah yang dibangun oleh Sergio Ramos dkk. membuat Bayern kesulitan"
                " untuk menciptakan peluang."
            ],
        ),
        # clickid tribunnews-1542: an abbreviation in capitals
        (
            "KAB. CIREBON -- Pemerintah Daerah Provinsi menggelar rapat.",
            ["KAB. CIREBON -- Pemerintah Daerah Provinsi menggelar rapat."],
        ),
    ],
)
def test_sentences_abbreviations_and_initials(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # seeds/002: decimals and thousands separators are not sentence ends
        (
            "Korea Utara kemungkinan akan mendapatkan antara $320 juta hingga $1,3 miliar per tahun"
            " dari Rusia. Hal ini diungkapkan oleh studi terbaru oleh Lim Soo-ho.",
            [
                "Korea Utara kemungkinan akan mendapatkan antara $320 juta hingga $1,3 miliar per"
                " tahun dari Rusia.",
                "Hal ini diungkapkan oleh studi terbaru oleh Lim Soo-ho.",
            ],
        ),
        # seeds/002
        (
            "bahwa sekitar 11.000 tentara Korea Utara pada akhir Oktober telah dipindahkan ke"
            " wilayah Kursk Rusia. Sebelumnya, mereka diketahui telah melakukan latihan.",
            [
                "bahwa sekitar 11.000 tentara Korea Utara pada akhir Oktober telah dipindahkan ke"
                " wilayah Kursk Rusia.",
                "Sebelumnya, mereka diketahui telah melakukan latihan.",
            ],
        ),
        # indosum-dev 1511252437-ini-5-manfaat-berjalan-kaki: a numbered heading
        (
            "Apa saja?\n\n1. Memperkuat Massa Tulang\n\nMendekati usia 30-an, tulang akan lebih"
            " rentan mengalami pengeroposan.",
            [
                "Apa saja?",
                "1. Memperkuat Massa Tulang",
                "Mendekati usia 30-an, tulang akan lebih rentan mengalami pengeroposan.",
            ],
        ),
        # indosum-dev 1500247800-mengirimkan-pesan-dan-gambar-tanpa-jaringan-selule: a URL
        (
            "Anda hanya tinggal menyambungkannya ke smartphone via Wi-Fi dan membuka link"
            " https://app.sonnetlabs.com. Selanjutnya, chatting bisa segera dilanjutkan.",
            [
                "Anda hanya tinggal menyambungkannya ke smartphone via Wi-Fi dan membuka link"
                " https://app.sonnetlabs.com.",
                "Selanjutnya, chatting bisa segera dilanjutkan.",
            ],
        ),
        # clickid sindonews-8746: an e-mail address
        (
            "mengunggah hasil karyanya di artwork@customcollaboration.id. Proses penjurian pada"
            " ajang digital modifikasi ini dinilai oleh para dewan juri.",
            [
                "mengunggah hasil karyanya di artwork@customcollaboration.id.",
                "Proses penjurian pada ajang digital modifikasi ini dinilai oleh para dewan juri.",
            ],
        ),
    ],
)
def test_sentences_numbers_and_addresses(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # seeds/002: headline, dateline and caption lines without a final period
        (
            "Korea Utara dan Rusia Sepakat Untuk Memperluas Kerja Sama Ekonomi\n\nKompas dunia |"
            " 21 November 2024, 13:38 WIB\nFoto arsip ketika Presiden Rusia Vladimir Putin"
            " berpose di Pyongyang, Korea Utara, pada 19 Juni 2024.",
            [
                "Korea Utara dan Rusia Sepakat Untuk Memperluas Kerja Sama Ekonomi",
                "Kompas dunia | 21 November 2024, 13:38 WIB",
                "Foto arsip ketika Presiden Rusia Vladimir Putin berpose di Pyongyang, Korea Utara,"
                " pada 19 Juni 2024.",
            ],
        ),
        # seeds/000: a section heading between paragraphs
        (
            "termasuk, tentu saja, hubungan ekonomi.\nKonvergensi kepentingan strategis\nKorea"
            " Utara dianggap memiliki kepentingan geopolitik khusus bagi Rusia.",
            [
                "termasuk, tentu saja, hubungan ekonomi.",
                "Konvergensi kepentingan strategis",
                "Korea Utara dianggap memiliki kepentingan geopolitik khusus bagi Rusia.",
            ],
        ),
        # seeds/004: list bullets are sentences without their bullet
        (
            "kedua negara membahas peluang kerja sama lebih lanjut dalam bidang:\n- Perdagangan dan"
            " ekonomi\n- Energi dan infrastruktur\n",
            [
                "kedua negara membahas peluang kerja sama lebih lanjut dalam bidang:",
                "Perdagangan dan ekonomi",
                "Energi dan infrastruktur",
            ],
        ),
        # seeds/000: a caption in a table cell; the borders are no part of a sentence
        (
            "| Kedua pemimpin Rusia dan Korea Utara saat berkunjung ke Pusat Antariksa Vostochny"
            " Rusia. (Sumber: Reuters) |",
            [
                "Kedua pemimpin Rusia dan Korea Utara saat berkunjung ke Pusat Antariksa Vostochny Rusia.",
                "(Sumber: Reuters)",
            ],
        ),
        # seeds/002: lines with no word are no sentence
        ("> >\n\nKorea Utara dan Rusia Sepakat\n \n", ["Korea Utara dan Rusia Sepakat"]),
    ],
)
def test_sentences_lines(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # seeds/003: a footnote marker after the period stays with its sentence
        (
            "dengan Putin juga menawarkan dukungan teknis untuk pengembangan satelit mata-mata"
            " (suatu hal yang telah diincar oleh Korea Utara selama beberapa waktu terakhir).[4]"
            " Ada juga pembicaraan tentang latihan angkatan laut trilateral dengan Beijing.",
            [
                "dengan Putin juga menawarkan dukungan teknis untuk pengembangan satelit mata-mata"
                " (suatu hal yang telah diincar oleh Korea Utara selama beberapa waktu terakhir).[4]",
                "Ada juga pembicaraan tentang latihan angkatan laut trilateral dengan Beijing.",
            ],
        ),
        # seeds/003: a marker inside the sentence ends nothing
        (
            "sejak invasi Rusia ke Ukraina pada tahun 2022[1] yang menyebabkan ketegangan di"
            " sebagian besar hubungan internasional Moskow. Hal itu semakin menguat.",
            [
                "sejak invasi Rusia ke Ukraina pada tahun 2022[1] yang menyebabkan ketegangan di"
                " sebagian besar hubungan internasional Moskow.",
                "Hal itu semakin menguat.",
            ],
        ),
    ],
)
def test_sentences_footnote_markers(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # clickid kapanlagi-0: paragraphs joined by ".," and ".,,,,,"
        (
            "- Meski sempat menghilang, kini hubungan dengan ayahnya sudah membaik. Bahkan Sunan"
            " Kalijaga sudah menerima fakta bahwa sekarang anaknya sudah berpindah keyakinan.,Hal"
            " itu terungkap dari postingan Salmafina. Salma pun menegaskan bahwa ia dan Sunan sudah"
            " tak lagi bertengkar.,,,,,Belakangan hubungan Salmafina dan Sunan Kalijaga kerap"
            " bertemu.,",
            [
                "Meski sempat menghilang, kini hubungan dengan ayahnya sudah membaik.",
                "Bahkan Sunan Kalijaga sudah menerima fakta bahwa sekarang anaknya sudah berpindah keyakinan.",
                "Hal itu terungkap dari postingan Salmafina.",
                "Salma pun menegaskan bahwa ia dan Sunan sudah tak lagi bertengkar.",
                "Belakangan hubungan Salmafina dan Sunan Kalijaga kerap bertemu.",
            ],
        ),
        # clickid kapanlagi-100: comma joins with no period, before a bullet and after a date
        (
            "bekerja sama dengan sutradara dan para pemeran dari Hong Kong,,,,,,- Jet Tone Film juga"
            ' membenarkan kabar bergabungnya Song Hye Kyo.,"Song Hye Kyo telah menandatangani'
            ' kontrak," ungkap pihak agensi pada Senin (15/4/2019),Kabar ini pertama kali mencuat.',
            [
                "bekerja sama dengan sutradara dan para pemeran dari Hong Kong",
                "Jet Tone Film juga membenarkan kabar bergabungnya Song Hye Kyo.",
                '"Song Hye Kyo telah menandatangani kontrak," ungkap pihak agensi pada Senin (15/4/2019)',
                "Kabar ini pertama kali mencuat.",
            ],
        ),
        # clickid tribunnews-1323: a no-break space inside the join
        (
            "membuat suporter Indonesia meluapkan kekesalannya.\xa0,Di akhir laga, mereka pun"
            " terdengar menyoraki pemain Indonesia.",
            [
                "membuat suporter Indonesia meluapkan kekesalannya.",
                "Di akhir laga, mereka pun terdengar menyoraki pemain Indonesia.",
            ],
        ),
        # indosum-dev 1512427523-kemenpar-sokong-world-memory-championship-2017: no space after "."
        (
            "mengingat mayoritas peserta berasal dari berbagai negara.Momentum ini sangat tepat"
            " untuk mempromosikan destinasi di Indonesia.",
            [
                "mengingat mayoritas peserta berasal dari berbagai negara.",
                "Momentum ini sangat tepat untuk mempromosikan destinasi di Indonesia.",
            ],
        ),
        # clickid kapanlagi-909: a domain name is no glued sentence end
        (
            "Dilansir dari Nakita.Grid.id, Tri Hanurita tampaknya sudah cukup lama.",
            ["Dilansir dari Nakita.Grid.id, Tri Hanurita tampaknya sudah cukup lama."],
        ),
    ],
)
def test_sentences_scraped_joins(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@needs_shared
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda path: path.name)
def test_sentences_offsets_are_trimmed_and_ordered(seed: Path) -> None:
    text = seed.read_text("utf-8")
    spans = split_sentences(text)
    assert spans
    previous_end = 0
    for span in spans:
        piece = text[span.start : span.end]
        assert previous_end <= span.start < span.end <= len(text)
        assert piece == piece.strip()
        assert "\n" not in piece
        previous_end = span.end


@needs_shared
def test_sentences_cover_every_word_of_a_corpus_sample() -> None:
    """Only spaces, stray commas, bullets and table borders fall between sentences."""
    path = NEWS / "indosum-dev.jsonl"
    with path.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for _, line in zip(range(200), lines)]
    for text in texts:
        covered = bytearray(len(text))
        for span in split_sentences(text):
            covered[span.start : span.end] = b"\x01" * (span.end - span.start)
        outside = {char for char, inside in zip(text, covered) if not inside}
        assert not {char for char in outside if char.isalnum()}


def test_sentences_long_run_is_cut_at_a_comma_after_the_soft_limit() -> None:
    # seeds/000: a real clause repeated into one enormous sentence without a period
    clause = "Rusia telah lama mengekspor minyak mentah, produk minyak bumi, batu bara, mesin"
    text = " dan ".join([clause] * 200)
    pieces = sentences(text)
    assert len(pieces) > 1
    first = pieces[0].split()
    assert SOFT_MAX_WORDS <= len(first) <= SOFT_MAX_WORDS + len(clause.split())
    assert pieces[0].endswith(",")
    assert all(len(piece.split()) <= HARD_MAX_WORDS for piece in pieces)


@pytest.mark.parametrize(
    "text",
    [
        # no punctuation at all: cut at HARD_MAX_WORDS words
        "kerja sama ekonomi antara kedua negara " * 120_000,
        # one 5 MB "word": cut at HARD_MAX_CHARS characters
        "a" * 5_000_000,
    ],
    ids=["no-punctuation", "one-word"],
)
def test_sentences_runs_without_boundaries_are_bounded(text: str) -> None:
    started = time.perf_counter()
    spans = split_sentences(text)
    assert time.perf_counter() - started < 10
    assert all(
        span.end - span.start <= HARD_MAX_CHARS and len(text[span.start : span.end].split()) <= HARD_MAX_WORDS
        for span in spans
    )
    # nothing is lost between the pieces
    assert "".join(text[span.start : span.end] for span in spans).replace(" ", "") == text.replace(" ", "")


def test_sentences_five_megabyte_paragraph_is_fast() -> None:
    # seeds/002, one sentence repeated into a single 5 MB line
    sentence = (
        "Kim belum secara langsung mengakui bahwa ia telah menyediakan peralatan dan pasukan"
        " militer ke Rusia untuk mendukung pertempurannya melawan Ukraina. "
    )
    text = sentence * (5_000_000 // len(sentence))
    started = time.perf_counter()
    spans = split_sentences(text)
    assert time.perf_counter() - started < 10
    assert len(spans) == text.count(". ")
    assert text[spans[1].start : spans[1].end] == sentence.strip()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Putin tiba di Pyongyang. 😀 Kim menyambutnya! 🎉🎉", ["Putin tiba di Pyongyang. 😀", "Kim menyambutnya! 🎉🎉"]),
        ("서울에서 회담이 열렸다. 푸틴 대통령은 평양을 방문했다.", ["서울에서 회담이 열렸다.", "푸틴 대통령은 평양을 방문했다."]),
        ("Путин прибыл в Пхеньян. Ким встретил его.", ["Путин прибыл в Пхеньян.", "Ким встретил его."]),
        ("", []),
        ("...!!! ,,, ???", []),
        ('"', []),
        ("\u2028Satu.\u2029Dua.\r\nTiga.", ["Satu.", "Dua.", "Tiga."]),
    ],
)
def test_sentences_other_scripts_and_symbols(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentences_abbreviation_file_has_both_sections() -> None:
    abbreviations = load_abbreviations()
    assert abbreviations.kind("A.S.") == "never-ends"
    assert abbreviations.kind("Dll.") == "may-end"
    assert abbreviations.kind("negara.") is None
