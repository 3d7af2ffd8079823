"""Persons named by a lone name or by initials (warta.language.entities: names.py, coreference.py).

Every passage is quoted verbatim from the news corpus (shared/corpus/news/*.jsonl),
with its article id.
"""

from __future__ import annotations

from warta.language.entities import find_mentions

# indosum-dev.jsonl#2021
RIKWANTO = (
    "Kepala Biro Penerangan Masyarakat Divisi Humas Polri Brigadir Jenderal Rikwanto menyebut Kapolri sudah "
    "meninjau titik kemacetan dari Jawa Tengah menuju Jawa Barat.\n“ Soal kemacetan, Kapolri sudah meninjau dari "
    "Jawa Tengah ke Jawa Barat. Memantau titik yang diduga akan jadi pusat kemacetan, seperti exit toll dan jalan "
    "arteri tertentu, ” ujar Rikwanto, di Jakarta, Sabtu (10/6).\nRikwanto menambahkan, polisi juga sudah "
    "bekerjasama dengan Kementerian Perhubungan Darat serta Pemerintah Daerah."
)
# clickid.jsonl#3968
THREE_SUSPECTS = (
    "Wakapolres Metro Jakarta Pusat AKBP Arie Ardian mengatakan, ketiga pelaku itu berinisial MHT, KKN, dan RK "
    "ditangkap saat hendak melakukan aksinya di sebuah hotel kelas melati di kawasan Senen, Jakarta Pusat pada "
    "Minggu (16/9/2019) dini hari."
)
# indosum-dev.jsonl#769
TOGEL = (
    "Rimanews- Polsek Dolok Masihul, Serdang Bedagai, Sumatera Utara, menangkap KNR (40), pedagang DVD yang "
    "biasanya mangkal di Pasar Dolok Masihul karena mengedarkan kupon togel.\nDikutip dari Tribratanews, KNR "
    "ditangkap polisi di rumahnya di Kampung Merdeka Lingungan III, Kelurahan Pekan Dolok Masihul, dua hari lalu."
)


def _persons(text: str) -> list[tuple[str, int, str]]:
    return [(m.text, m.start, m.source) for m in find_mentions(text) if m.type == "PERSON"]


def test_a_one_word_name_a_title_gave_is_that_person_wherever_it_stands_alone() -> None:
    assert _persons(RIKWANTO) == [("Rikwanto", 71, "title"), ("Rikwanto", 343, "name-run"),
                                  ("Rikwanto", 379, "coreference")]


def test_initials_after_a_cue_and_those_listed_with_them() -> None:
    assert [(text, source) for text, _, source in _persons(THREE_SUSPECTS)] == [
        ("Arie Ardian", "title"), ("MHT", "name-run"), ("KKN", "name-run"), ("RK", "name-run")]


def test_initials_before_an_age_and_their_repeats() -> None:
    initials = [person for person in _persons(TOGEL) if person[0] == "KNR"]
    assert initials == [("KNR", 75, "name-run"), ("KNR", 202, "coreference")]


def test_initials_are_a_person_not_the_country_they_spell() -> None:
    # news clickid-kompas-4345 (crime report): "AS" is the suspect, not the USA
    mentions = find_mentions("Kedua, tersangka berinisial AS (53) ditangkap di Karang Tengah, Cianjur, Jawa Barat.")
    assert [(m.text, m.type, m.country) for m in mentions if m.text == "AS"] == [("AS", "PERSON", None)]


def _countries(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.country) for m in find_mentions(text, model=True) if m.type == "PERSON"]


def test_an_origin_after_an_age_gives_the_country() -> None:
    # clickid.jsonl#9563
    text = ("Kedua korban tewas yaitu Caval Heir O Biron (48) asal Brazil dan Victor Johannes Allers (43) asal "
            "Afrika Selatan.")
    assert _countries(text) == [("Caval Heir O Biron", "BRA"), ("Victor Johannes Allers", "ZAF")]


def test_a_described_country_before_a_pair_gives_both_its_country() -> None:
    # indosum-dev.jsonl#1895, indosum-dev.jsonl#2359
    korea = ("Tiket perempat final didapat seusai mengalahkan wakil Korea Selatan, Chung Eui-seok/Kim Duk-young, "
             "21-17, 21-17, pada laga babak kedua yang berlangsung di Tap Seac Multisport Pavilion, Makau, Kamis "
             "(9/11/2017).")
    japan = ("Tommy bertanding melawan wakil Jerman Marc Zwiebler, sedangkan Marcus/Kevin menghadapi pasangan "
             "Jepang Takuro Hoki/Yugo Kobayashi")
    assert _countries(korea)[:2] == [("Chung Eui-seok", "KOR"), ("Kim Duk-young", "KOR")]
    assert _countries(japan)[-2:] == [("Takuro Hoki", "JPN"), ("Yugo Kobayashi", "JPN")]


def test_a_place_only_the_recogniser_found_takes_the_story_country() -> None:
    # clickid.jsonl#4539: a domestic story; "Cisauk" is in no gazetteer. Both are found, as the
    # corpus annotates them: the address line ends with a full stop, so it is no title-case headline
    text = ("006/009 Desa Suradita, Cisauk, Kabupaten Tangerang.\nKapolsek Cisauk AKP Fredy Yudha mengatakan, RF "
            "membuang bayinya pada Minggu (5/9/2019) malam.")
    places = [(m.text, m.source, m.country) for m in find_mentions(text, model=True, language="id") if m.text == "Cisauk"]
    assert places == [("Cisauk", "model", "IDN")] * 2


def test_a_body_with_the_place_it_serves_is_one_organisation() -> None:
    # clickid.jsonl#8259
    mentions = find_mentions("Meski sempat melawan, petugas kemudian membawa Emma ke kantor Satpol PP Kuta.")
    assert [(m.text, m.type, m.country) for m in mentions if m.type == "ORG"] == [("Satpol PP Kuta", "ORG", "IDN")]


def test_a_capitalised_common_word_before_a_name_is_left_out() -> None:
    # clickid.jsonl#1197 (clickid-pos_metro-1196): "Keterangan" opens the sentence
    text = ("Sehingga dia mengikuti prosesi doa yang sudah berjalan.,,Keterangan Agus Maftuh dimentahkan anak Mbah Moen. "
            "Gus Wafi' Maimun mengatakan kedatangan Habib Rizieq Syihab (HRS) ke pemakaman KH Maimun Zubair (Mbah "
            "Moen) adalah permintaan keluarga.")
    assert [text for text, _, _ in _persons(text)][:2] == ["Agus Maftuh", "Mbah Moen"]


def test_a_place_and_a_compass_word_are_one_place() -> None:
    # clickid.jsonl#1105 (clickid-pos_metro-1104): the regency of Lampung Utara, not the province
    text = ("Diberitakan sebelumnya, Agung yang juga kader Partai Nasdem ditangkap KPK dalam operasi tangkap tangan di "
            "rumah dinas Bupati Lampung Utara, Minggu (6/10/2019) malam.")
    places = [(m.text, m.type, m.country) for m in find_mentions(text) if m.type == "LOCATION"]
    assert places == [("Lampung Utara", "LOCATION", "IDN")]


def test_a_short_form_in_parentheses_names_the_longer_body_it_abbreviates() -> None:
    # clickid.jsonl#6845 (clickid-okezone-6844): "Hipmi" is the association, not Indonesia
    text = ("- Mardani H Maming (Mardani) terpilih menjadi Ketua Umum Himpunan Pengusaha Muda Indonesia (Hipmi) yang "
            "baru periode 2019 \u201a\u00c4\u00ec 2022. Mardani menggantikan posisi Bahlil Lahdahilia yang masa "
            "jabatannya sudah habis.,Pemilihan Mardani sebagai ketua umum HIPMI melalui proses yang panjang dan alot "
            "dalam rapat pleno. Mardani terpilih sebagai Ketua Umum (Ketum) Hipmi 2019")
    bodies = [(m.text, m.type, m.country) for m in find_mentions(text) if m.type != "PERSON"]
    assert bodies == [("Himpunan Pengusaha Muda Indonesia", "ORG", "IDN"), ("Hipmi", "ORG", "IDN"), ("Hipmi", "ORG", "IDN")]


def test_a_currency_code_after_a_country_is_no_short_form_of_it() -> None:
    # clickid.jsonl#9100 (clickid-sindonews-9099)
    text = ("Warjiyo mengatakan, pergerakan nilai tukar rupiah terhadap dolar Amerika Serikat (USD) sepanjang bulan "
            "September bergerak stabil.")
    assert [m.text for m in find_mentions(text) if m.type == "COUNTRY"] == ["Amerika Serikat"]


def test_a_name_after_a_described_body_is_a_person() -> None:
    # clickid.jsonl#4004 (clickid-kompas-4003), clickid.jsonl#3643 (clickid-kompas-3642)
    kpk = ",Bahkan, usai Firli terpilih, Komisioner KPK Saut Situmorang dan penasihat KPK Mohammad Tsani menyatakan " \
          "mundur dari jabatannya."
    dpr = ",Sebelumnya, anggota Komisi III DPR Arsul Sani mengatakan, Komisi III ingin seluruh calon pimpinan KPK " \
          "konsisten antara visi misi yang diungkapkan"
    assert "Mohammad Tsani" in [text for text, _, _ in _persons(kpk)]
    assert [text for text, _, _ in _persons(dpr)] == ["Arsul Sani"]


def test_a_described_country_before_a_name_found_by_the_rules() -> None:
    # news 1505236200-crystal-palace-pecat-frank-de (the model found him before the rules did)
    text = ("London (ANTARA News)-Pelatih asal Belanda Frank de Boer dipecat sebagai manajer Crystal Palace pada "
            "Senin setelah hanya empat pertandingan.")
    assert ("Frank de Boer", "NLD") in [(m.text, m.country) for m in find_mentions(text) if m.type == "PERSON"]
