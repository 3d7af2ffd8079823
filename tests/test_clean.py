"""Cleaning on the real seed articles: what must go, what must stay, and why."""

from __future__ import annotations

import pytest

from conftest import needs_shared, news_records
from warta.clean.boilerplate import clean_lines, default_rules, load_rules
from warta.clean.langid import detect
from warta.store.database import Store

pytestmark = needs_shared

# Debris that must not survive in any seed's cleaned text (issue 2).
DEBRIS = [
    ("001", "Pergi ke Menu"),
    ("001", "Go Top"),
    ("001", "YONHAP News"),
    ("001", "#Fokus Sepekan"),
    ("001", "Pilihan Editor"),
    ("001", "Close"),
    ("001", "menggunakan cookie"),
    ("002", "> >"),
    ("002", "Kompas dunia |"),
    ("002", "Baca Juga"),
    ("002", "Penulis :"),
    ("002", "Editor : Gading-Persada"),
    ("002", "Sumber : The Associated Press"),
    ("002", "TERBARU"),
    ("000", "[iklan_2]"),
    ("000", "Komentar (0)"),
    ("000", "| Kedua"),
    ("003", "[1] The Hindu Bureau"),
    ("003", "https://www.reuters.com"),
    ("004", "vipqiuqiu99"),
]

# Article sentences that must survive cleaning exactly as written.
KEPT = [
    ("000", "Kedua pemimpin Rusia dan Korea Utara saat berkunjung ke Pusat Antariksa Vostochny Rusia. (Sumber: Reuters)"),
    ("000", "Bantuan ini seringkali berupa komoditas penting dengan harga diskon"),
    ("001", "Upaya Korea Utara untuk Tingkatkan Hubungan dengan Rusia"),
    ("001", "Kim dan Putin mengadakan pertemuan puncak pertama mereka pada April tahun lalu di Vladivostok, Rusia."),
    ("002", "SEOUL, KOMPAS.TV — Korea Utara dan Rusia mencapai kesepakatan baru"),
    ("002", "“Hal ini menunjukkan bahwa pengiriman pasukan Korea Utara bukan tentang uang"),
    ("003", "sejak invasi Rusia ke Ukraina pada tahun 2022[1] yang menyebabkan"),
    ("003", "Faktor Amerika"),
    ("004", "- Perdagangan dan ekonomi"),
    ("004", "dan memunculkan dinamika baru dalam hubungan antarnegara besar.\nMeski kerja sama ini"),
]


@pytest.mark.parametrize("number, debris", DEBRIS)
def test_clean_removes_debris(seed_docs, number, debris):
    assert debris not in seed_docs[number]["text"]


@pytest.mark.parametrize("number, sentence", KEPT)
def test_clean_keeps_article_text(seed_docs, number, sentence):
    assert sentence in seed_docs[number]["text"]


@pytest.mark.parametrize(
    "number, text, rule",
    [
        ("002", "Baca Juga: Kim Jong-Un Kirim Tentara Korea Utara ke Rusia, Putin Malah Kirim Singa dan Beruang ke Pyongyang", "related-baca-juga"),
        ("002", "Penulis : Tussie Ayu Editor : Gading-Persada", "byline-credits"),
        ("002", "Kompas dunia | 21 November 2024, 13:38 WIB", "dateline"),
        ("002", "TERBARU", "tail-latest"),
        ("000", "[iklan_2]", "ad-marker"),
        ("000", "Komentar (0)", "comments-counter"),
        ("001", "Pergi ke Menu Pergi ke Halaman Utama", "menu-skip-links"),
        ("001", "#Fokus Sepekan l 2020-05-21", "dateline"),
        ("001", "ⓒ YONHAP News", "credit-photo"),
        ("001", "Pilihan Editor", "tail-editor-picks"),
        ("004", "vipqiuqiu99", "spam-alnum-token"),
    ],
)
def test_clean_keeps_removed_lines_with_their_rule(seeds_db, seed_docs, number, text, rule):
    with Store(seeds_db, readonly=True) as store:
        removed = store.removed(seed_docs[number]["doc_id"])
    assert {"text": text, "rule": rule} in [{"text": r["text"], "rule": r["rule"]} for r in removed]


def test_clean_footnotes_become_references(seeds_db, seed_docs):
    with Store(seeds_db, readonly=True) as store:
        refs = store.references(seed_docs["003"]["doc_id"])
    assert [r["marker"] for r in refs] == ["1", "2", "3", "4", "5", "6", "7"]
    assert refs[2]["url"] == "https://www.thehindu.com/news/international/north-koreas-kim-jong-un-receives-car-as-gift-from-putin/article67866140.ece"
    assert refs[2]["date"] == "2024-02-20"
    assert refs[0]["date"] is None  # "(n.d.)"
    assert "[3]" in seed_docs["003"]["text"]  # the marker stays, linked by its number


def test_clean_repairs_comma_joined_paragraphs(options):
    # clickid-kapanlagi-0: a scraper joined the paragraphs with commas.
    text = news_records("clickid.jsonl", {"clickid-kapanlagi-0"})["clickid-kapanlagi-0"]["text"]
    lines, _, _ = clean_lines(text, options, default_rules())
    assert "Netizen yang bertanya, penasaran bagaimana hubungan Salmafina dengan ayahnya sekarang. Salma pun menegaskan bahwa ia dan Sunan sudah tak lagi bertengkar." in lines
    assert "Belakangan hubungan Salmafina dan Sunan Kalijaga kerap bertemu. Meski Sunan mengaku belum bicara soal kepindahan agama putrinya, namun Salma menyebut bahwa ayahnya sudah mulai bisa menerima." in lines


@needs_shared
def test_clean_drops_the_syndication_footer(options):
    # clickid-tribunnews-1339: Tribun's "Artikel ini telah tayang di ... dengan judul ..." after the last paragraph
    text = news_records("clickid.jsonl", {"clickid-tribunnews-1339"})["clickid-tribunnews-1339"]["text"]
    lines, removed, _ = clean_lines(text, options, default_rules())
    assert lines[-1].startswith("Beruntung, pria kelahiran Magelang, 27 November 1980")
    assert [r.rule for r in removed if r.text.startswith("Artikel ini telah tayang di")] == ["related-syndication"]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("[Gambas:Video CNN]", "ad-embed-marker"),  # CNN Indonesia's embed placeholder
        ('Simak Video "Video: Momen Prabowo Sambut Anwar Ibrahim di Istana"', "related-simak-video"),  # detik.com
        ("Simak breaking news dan berita pilihan kami langsung di ponselmu.", "related-simak-video"),  # Kompas.com
        ("Pilihan Editor: Jokowi Bertemu Paus Fransiskus", "related-editor-pick-line"),  # Tempo
        ('Baca artikel detiknews, "Israel Serang Rafah" selengkapnya https://news.detik.com/d-7360000/israel',
         "related-read-article"),  # detik.com's copy footer
        ("Download Apps Detikcom Sekarang https://apps.detik.com/detik/", "ad-download-app"),
        ("Dapatkan berita terbaru dari kami di Google News.", "follow-us"),
        ("Halaman Selanjutnya", "nav-next-page"),
        ("Lanjutkan membaca artikel di bawah", "ad-continue-reading"),  # Kompas.com
        ("(Reuters/AFP)", "credit-wires"),
    ],
)
def test_clean_drops_outlets_promotions(options, line, rule):
    text = f"Presiden menerima tamu negara di Istana Merdeka pada Senin pagi.\n{line}\nKedua pemimpin membahas kerja sama."
    lines, removed, _ = clean_lines(text, options, default_rules())
    assert [(r.rule, r.text) for r in removed] == [(rule, line)]
    assert len(lines) == 2


@pytest.mark.parametrize("word", ["tahun2020", "covid19"])
def test_clean_spam_rule_keeps_real_words_with_digits(options, word):
    lines, removed, _ = clean_lines(f"Kasus baru tercatat pada {word} di Jakarta menurut data pemerintah.", options, default_rules())
    assert word in lines[0]


def test_clean_every_group_has_rules():
    groups = {rule.group for rule in default_rules()}
    assert groups == {"repair", "navigation", "related", "advertising", "comments", "social",
                      "consent", "byline", "credit", "tail", "spam"}


@pytest.mark.parametrize(
    "text, message",
    [
        ("menu: []\n", "boilerplate group 'menu' is empty"),
        ("menu:\n  - {id: x, scope: line, re: '(', why: y}\n", "boilerplate rule menu/x: bad regular expression"),
        ("menu:\n  - {id: x, scope: everywhere, re: 'a', why: y}\n", "boilerplate rule menu/x: needs scope"),
    ],
)
def test_clean_rejects_bad_rule_files(text, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace("[", r"\[")):
        load_rules(text)


@needs_shared
@pytest.mark.parametrize("key", ["clickid-okezone-6981", "clickid-okezone-7052"])
def test_clean_indonesian_article_about_malaysia_is_indonesian(key):
    # Two okezone stories on the 2019 haze, full of Malaysian names: pycld2 calls them Malay
    # (reliably); their Indonesian weekdays and spellings (malay_indonesian.tsv) say otherwise.
    assert detect(news_records("clickid.jsonl", {key})[key]["text"]) == "id"


def test_clean_short_indonesian_text_without_malay_words_is_indonesian():
    # pycld2 calls this detik-style lead Malay; it writes no word only Malay writes
    text = ("Beirut - Kementerian Kesehatan mengatakan 20 orang tewas dalam serangan Israel di Lebanon selatan, "
            "Selasa (1/10/2024).")
    assert detect(text) == "id"


def test_clean_malay_stays_malay():
    text = ("Kerajaan Malaysia berkata bahawa ia akan mengambil tindakan tegas terhadap nelayan asing yang "
            "menceroboh perairan negara kerana ia menjejaskan pendapatan nelayan tempatan pada hari Isnin.")
    assert detect(text) == "ms"
