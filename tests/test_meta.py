"""Metadata on real articles: titles, authors, outlets and publication dates."""

from __future__ import annotations

import json

import pytest

from conftest import EXAMPLES, needs_shared, run_cli
from warta.clean.meta import canonical_outlet
from warta.store.database import Store


@needs_shared
@pytest.mark.parametrize(
    "number, field, value",
    [
        ("001", "published", "2020-05-21"),
        ("001", "published_basis", "text"),
        ("001", "title", "Upaya Korea Utara untuk Tingkatkan Hubungan dengan Rusia"),
        ("002", "published", "2024-11-21"),
        ("002", "published_basis", "text"),
        ("002", "author", "Tussie Ayu"),
        ("002", "outlet", "Kompas TV"),
        ("002", "title", "Korea Utara dan Rusia Sepakat Untuk Memperluas Kerja Sama Ekonomi"),
        ("003", "title", "Transformasi cepat hubungan Rusia-Korea Utara"),
        # 003 states no date: it is inferred from its newest dated reference, and marked so
        ("003", "published", "2024-10-07"),
        ("003", "published_basis", "inferred"),
        ("000", "published", None),
        ("000", "published_basis", None),
        ("000", "title", None),  # the first line is a photo caption, not a headline
        ("004", "published", None),
        ("004", "title", None),
        ("000", "language", "id"),
        ("004", "language", "id"),
    ],
)
def test_meta_seeds(seed_docs, number, field, value):
    assert seed_docs[number][field] == value


@pytest.mark.parametrize(
    "given, canonical",
    [
        ("KOMPAS.TV", "Kompas TV"),
        ("kompas.com", "Kompas"),
        ("nasional.kompas.com", "Kompas"),
        ("www.cnnindonesia.com", "CNN Indonesia"),
        ("cnn indonesia", "CNN Indonesia"),
        ("antaranews", "Antara"),
        ("www.cnbcindonesia.com", "CNBC Indonesia"),  # outlets of today's news
        ("ekonomi.bisnis.com", "Bisnis Indonesia"),
        ("www.idntimes.com", "IDN Times"),
        ("Harian Lokal", "Harian Lokal"),
        ("", None),
    ],
)
def test_meta_canonical_outlet(given, canonical):
    assert canonical_outlet(given) == canonical


@pytest.mark.parametrize(
    "lead, outlet",
    [
        ("Beijing (ANTARA) - Presiden Sri Lanka Anura Kumara Dissanayake tiba di Beijing pada Minggu.", "Antara"),
        ("Jakarta (ANTARA News)-Ratu Maxima dari Belanda akan siap membantu perluasan inklusi keuangan.", "Antara"),
        ("Jakarta, CNN Indonesia -- Pemerintah Iran menolak tuntutan Badan Energi Atom Internasional.", "CNN Indonesia"),
        ("TEMPO.CO, Jakarta - Tentara Israel menembak mati tiga warga Palestina di Khan Younis.", "Tempo"),
        ("REPUBLIKA.CO.ID, JAKARTA -- Kementerian Luar Negeri mengecam serangan tersebut.", "Republika"),
        ("SEOUL, KOMPAS.TV - Korea Utara kembali meluncurkan rudal balistik.", "Kompas TV"),
        # a dateline without an outlet, and a hyphenated word, name none
        ("Jakarta - Presiden Joko Widodo menerima kunjungan Perdana Menteri Australia.", None),
        ("Korea Utara-Rusia sepakat memperluas kerja sama ekonomi.", None),
        ("Suara-suara protes terdengar di depan Kedutaan Besar Amerika Serikat - kata polisi.", None),
    ],
)
def test_meta_outlet_from_the_lead_dateline(lead, outlet):
    from warta.clean.meta import find_outlet
    from warta.document import Document

    assert find_outlet(Document(source="x", text=lead), {}) == outlet


def test_meta_examples_html_and_jsonl(tmp_path):
    db = tmp_path / "ex.db"
    assert run_cli("ingest", str(EXAMPLES), "--db", str(db)).exit_code == 0
    with Store(db, readonly=True) as store:
        docs = {row["source"].split("/")[-1]: row for row in store.rows("SELECT * FROM documents")}
    html = docs["02_asean_myanmar.html"]
    assert (html["title"], html["outlet"], html["published"], html["published_basis"]) == (
        "ASEAN Desak Junta Myanmar Hentikan Kekerasan", "Warta Contoh", "2024-10-09", "html-meta")
    assert "menggunakan cookie" not in html["text"] and "Baca juga" not in html["text"]
    record = docs["03_wire.jsonl#1"]
    assert (record["published"], record["published_basis"], record["url"]) == (
        "2023-07-12", "html-meta", "https://contoh.example/dunia/2023/07/12/korsel-protes-rudal")
    text = docs["01_jepang_indonesia.txt"]
    assert (text["published"], text["published_basis"], text["author"], text["outlet"]) == (
        "2025-03-12", "text", "Redaksi Contoh", "Warta Contoh")


def test_meta_jsonl_fields_under_other_names(tmp_path):
    """A dump that names its fields "content", "date", "headline" and "link" is read as
    one that names them "text", "published", "title" and "url" (read/inputs.py FIELD_ALIASES)."""
    line = {"id": "a1", "headline": "Korsel Protes Peluncuran Rudal Korut", "link": "https://contoh.example/a1",
            "date": "2023-07-12T09:30:00+07:00",
            "content": "Kementerian Unifikasi Korea Selatan memprotes peluncuran rudal Korea Utara pada hari Rabu."}
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    db = tmp_path / "dump.db"
    assert run_cli("ingest", str(path), "--db", str(db)).exit_code == 0
    with Store(db, readonly=True) as store:
        row = next(store.rows("SELECT title, url, published, published_basis FROM documents"))
    assert tuple(row.values()) == ("Korsel Protes Peluncuran Rudal Korut", "https://contoh.example/a1", "2023-07-12", "html-meta")


@needs_shared
@pytest.mark.parametrize(
    "key, published",
    [
        # crawled 2018-02-23; the lead's "siraman air keras 11 April 2017" is the story's, not its publication
        ("indosum-dev.jsonl#1494", "2018-02-22"),
        # crawled 2017-10-13; the lead's "14 Oktober 2017" is after the crawl: an announced date
        ("indosum-dev.jsonl#1498", "2017-10-12"),
        # crawled 2017-01-06 (no full date in the lead): the day before the crawl
        ("indosum-dev.jsonl#2550", "2017-01-05"),
    ],
)
def test_meta_lead_date_bounded_by_the_crawl(key, published):
    from warta.corpus.format import article

    doc = article(key).document
    assert (doc.published, doc.published_basis) == (published, "inferred")


@pytest.mark.parametrize(
    "url, published, basis",
    [
        ("https://contoh.example/read/2019/09/10/polisi-tangkap", "2019-09-10", "url"),
        # no such day: the URL gives none, the lead's full date is inferred
        ("https://contoh.example/read/2019/02/31/polisi-tangkap", "2019-09-09", "inferred"),
    ],
)
def test_meta_url_date_is_a_real_day(url, published, basis):
    from warta.document import RawInput
    from warta.pipeline import process
    from warta.settings import load_options

    raw = RawInput("x.jsonl#1", "text", "Polisi menangkap dua tersangka di Bekasi, Senin (9/9/2019).", {"url": url})
    doc = process(raw, load_options(ner_model=False))
    assert (doc.published, doc.published_basis) == (published, basis)



def test_meta_lead_date_in_the_second_sentence_s_frame():
    """corpus/recent2 f04 (Suara.com, May 2024): no date before the speech frame of the
    second sentence, whose "Senin (13/5/2024)" dates the story."""
    from warta.document import RawInput
    from warta.pipeline import process
    from warta.settings import load_options

    text = ("Suara.com - Badan Reserse Kriminal (Bareskrim) Polri menangkap tiga warga negara asing (WNA) yang "
            "mengoperasikan laboratorium rahasia narkoba di sebuah vila di kawasan Canggu, Kabupaten Badung, Bali. "
            "Dua di antaranya merupakan saudara kembar asal Ukraina, sedangkan seorang lainnya warga Rusia.\n"
            '"Ini merupakan clandestine lab terbesar yang pernah kami ungkap di Bali," kata Kabareskrim Polri Komjen '
            "Wahyu Widada dalam konferensi pers di Badung, Senin (13/5/2024).")
    doc = process(RawInput("f04.jsonl#1", "text", text, {}), load_options(ner_model=False))
    assert (doc.published, doc.published_basis) == ("2024-05-13", "inferred")
    assert {e.date for e in doc.events} == {"2024-05-13"}


@pytest.mark.parametrize(
    "stamp, published",
    [
        ("Rabu, 03 Des 2025 09:12 WIB", "2025-12-03"),  # CNN Indonesia, detik
        ("Kompas.com - 27/10/2025, 14:05 WIB", "2025-10-27"),
        ("Senin, 8 Desember 2025 | 21:40 WITA", "2025-12-08"),  # Tribun, Sindonews: a bar or dash before the time
        ("Berita terpopuler 3 Desember 2025", None),  # no clock time: the portal's date, or the news's
        ("Selasa, 02.12.2025", None),  # a dotted date is no clock time
    ],
)
def test_meta_page_timestamp(stamp, published):
    from warta.clean.boilerplate import page_timestamp

    assert page_timestamp(f"Beranda Internasional {stamp} Bagikan") == published


def test_meta_publication_stamp_outside_the_article(tmp_path):
    """A page with no date meta tag: its stamp beside the article is the publication day,
    and the lead's "Selasa (2/12)" resolves against it."""
    lead = ("Jakarta, CNN Indonesia -- Juru bicara Kementerian Luar Negeri Iran Esmaeil Baghaei mengatakan "
            "Teheran tidak akan bekerja sama dengan Badan Energi Atom Internasional, Selasa (2/12). ")
    body = "Menteri Luar Negeri Abbas Araghchi sebelumnya menuduh Amerika Serikat merusak diplomasi. " * 3
    page = (f"<html><head><title>Iran Tolak Tuntutan IAEA</title></head><body><div class='date'>Rabu, 03 Des 2025 "
            f"09:12 WIB</div><article><p>{lead}</p><p>{body}</p></article></body></html>")
    (tmp_path / "cnn.html").write_text(page, encoding="utf-8")
    db = tmp_path / "cnn.db"
    assert run_cli("ingest", str(tmp_path / "cnn.html"), "--db", str(db)).exit_code == 0
    with Store(db, readonly=True) as store:
        doc = next(store.rows("SELECT outlet, published, published_basis FROM documents"))
        dates = [row["value"] for row in store.rows("SELECT value FROM dates")]
    assert tuple(doc.values()) == ("CNN Indonesia", "2025-12-03", "text")
    assert "2025-12-02" in dates


def test_meta_page_timestamp_nearest_before_the_article():
    """A stamp of another story listed before the article loses to the article's own, the
    last before its first words; with none before, the first after them."""
    from warta.clean.boilerplate import page_timestamp

    lead = "Jakarta, CNN Indonesia -- Pemerintah Iran menolak"
    page = f"Terpopuler Senin, 01 Des 2025 08:00 WIB Rabu, 03 Des 2025 09:12 WIB {lead} tuntutan IAEA."
    assert page_timestamp(page, lead) == "2025-12-03"
    assert page_timestamp(f"{lead} tuntutan IAEA. Kamis, 04 Des 2025 10:00 WIB Lainnya 05 Des 2025 11:00 WIB", lead) == "2025-12-04"
