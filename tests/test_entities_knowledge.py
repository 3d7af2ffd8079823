"""What the gazetteer knows, on real sentences of ../shared/corpus/news: places of the wars
reported since 2015, military ranks, outlets' datelines, a known body of another country,
and the everyday words that are place names only outside title-case headlines."""

from __future__ import annotations

import pytest

from conftest import needs_shared

from warta.language.entities import find_mentions


def found(text: str) -> list[tuple[str, str, str | None, str | None]]:
    return [(m.text, m.type, m.country, m.sector) for m in find_mentions(text, model=True, language="id", edges=True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(  # clickid-okezone-7806: a Syrian province, not the story's main country (Turkey)
            "Turki memiliki 12 pos pengamatan di Idlib.",
            [("Turki", "COUNTRY", "TUR", None), ("Idlib", "LOCATION", "SYR", None)],
            id="idlib",
        ),
        pytest.param(  # clickid-sindonews-8372: Indonesia's "Kementerian Kesehatan" followed by another country
            "Kementerian Kesehatan Palestina kemudian mengkonfirmasi bahwa ia menyerah pada lukanya.",
            [("Kementerian Kesehatan Palestina", "ORG", "PSE", "GOV")],
            id="ministry-abroad",
        ),
        pytest.param(  # indosum-dev 1500660600-wni-yang-dinikahi-militan-isis: Indonesia's embassy in Ankara
            "Arrmanatha juga menuturkan, KBRI Ankara sudah bertemu kepala wilayah Adana dan terus berkoordinasi "
            "dengan otoritas terkait setempat.",
            [("Arrmanatha", "PERSON", "IDN", None), ("KBRI Ankara", "ORG", "IDN", "GOV"),
             ("Adana", "LOCATION", "TUR", None)],
            id="embassy-city",
        ),
        pytest.param(  # indosum-dev 1500322140-pejabat-bakamla: "Laksamana Madya" is one rank, not a name
            "Selain itu, penerimaan suap juga baru diketahui Eko dari Kepala Bakamla Laksamana Madya Arie Soedewo.",
            [("Eko", "PERSON", "IDN", None), ("Bakamla", "ORG", "IDN", "MIL"),
             ("Arie Soedewo", "PERSON", "IDN", "MIL")],
            id="rank-two-words",
        ),
        pytest.param(  # clickid.jsonl, on Veronica Koman: a unit of the police is in the police's sector
            "Polda Jawa Timur akan berkoordinasi dengan Divisi Hubungan Internasional Polri untuk menangkap Veronica.",
            [("Polda Jawa Timur", "ORG", "IDN", "COP"), ("Divisi Hubungan Internasional Polri", "ORG", "IDN", "COP"),
             ("Veronica", "PERSON", "IDN", None)],
            id="unit-of-a-body",
        ),
        pytest.param(  # the Joint Chiefs, named by their Indonesian title and a country. The learned
            # edges cut the org pattern's span to its country in session 15, kept it in sessions 16
            # and 17, and cut it again in session 18, whose retraining chose C=10 over C=30 (dev
            # name and country F1 0.8674 against 0.8672): the models are on the edge of this
            # case. The country stays South Korea's either way; its sector is GOV, not MIL.
            "Kepala Staf Gabungan Korea Selatan mengatakan rudal itu terbang sejauh 400 kilometer.",
            [("Korea Selatan", "COUNTRY", "KOR", None)],
            id="joint-chiefs",
        ),
        pytest.param(  # clickid-kompas-4098's headline: "Serang" is a verb there, not the city in Banten
            "Dituduh AS Serang Pabrik Minyak Arab Saudi, Iran Siap Perang\nTeheran membantah tuduhan itu.",
            [("AS", "COUNTRY", "USA", None), ("Arab Saudi", "COUNTRY", "SAU", None), ("Iran", "COUNTRY", "IRN", None),
             ("Teheran", "COUNTRY", "IRN", "GOV")],
            id="headline-verb",
        ),
        pytest.param(  # indosum-dev.jsonl: the news agency in capitals, not the word "antara" (between)
            "Hal itu dikatakan Menteri Perdagangan Enggartiasto Lukita, mengutip ANTARA, Kamis (25/5).",
            [("Enggartiasto Lukita", "PERSON", "IDN", "GOV"), ("ANTARA", "ORG", "IDN", "JRN")],
            id="agency-in-capitals",
        ),
        pytest.param(  # clickid.jsonl (dev), on a kidnapping in Milan: the US Department of Homeland Security
            "Departemen Keamanan Dalam Negeri AS dan FBI tengah menyelidiki kasus ini.",
            [("Departemen Keamanan Dalam Negeri AS", "ORG", "USA", "GOV"), ("FBI", "ORG", "USA", "COP")],
            id="homeland-security",
        ),
        pytest.param(  # clickid.jsonl (Tribun Medan): an army corps after the rank ("Inf") is no part of the name
            "Saat disinggung terkait anggota TNI yang menjadi korban, Kolonel Inf Zeni Djunaidi juga membenarkan "
            "peristiwa tersebut.",
            [("TNI", "ORG", "IDN", "MIL"), ("Zeni Djunaidi", "PERSON", "IDN", "MIL")],
            id="army-corps",
        ),
        pytest.param(  # clickid.jsonl (dev): a commissioner takes the sector of the body he serves
            "Bahkan, usai Firli terpilih, Komisioner KPK Saut Situmorang dan penasihat KPK Mohammad Tsani menyatakan "
            "mundur dari jabatannya.",
            [("Firli", "PERSON", "IDN", "COP"), ("KPK", "ORG", "IDN", "COP"), ("Saut Situmorang", "PERSON", "IDN", "COP"),
             ("KPK", "ORG", "IDN", "COP"), ("Mohammad Tsani", "PERSON", "IDN", None)],
            id="commissioner",
        ),
        pytest.param(  # clickid.jsonl, on the attack on Aramco: the Saudi-led coalition and its spokesman
            "Juru bicara Koalisi Arab yang dipimpin Arab Saudi, Kolonel Turki al-Maliki, dalam konferensi pers "
            "mengatakan hal itu.",
            [("Koalisi Arab", "ORG", "SAU", "MIL"), ("Arab Saudi", "COUNTRY", "SAU", None),
             ("Turki al-Maliki", "PERSON", "SAU", "MIL")],
            id="coalition-spokesman",
        ),
        pytest.param(  # clickid.jsonl (dev), on the Kremlin's reply: an adviser titled by his government
            "\"Tak ada yang bisa mengklaim itu,\" kata penasihat Pemerintah Rusia Yuri Ushakov mengutip AFP, Senin "
            "(16/9/2019).",
            [("Rusia", "COUNTRY", "RUS", None), ("Yuri Ushakov", "PERSON", "RUS", "GOV"), ("AFP", "ORG", "FRA", "JRN")],
            id="adviser",
        ),
        pytest.param(  # clickid.jsonl: a foreign university, misspelt as Indonesian news often does
            "Penelitian yang dilakukan oleh para peneliti di Universitas John Hopkins telah meneliti lebih dari seribu "
            "pasien.",
            [("Universitas John Hopkins", "ORG", "USA", "EDU")],
            id="university",
        ),
        pytest.param(  # indosum-dev.jsonl (dev): a lower-case form of organisations.tsv matches any case, even
            # beside a capitalised form of the same outlet ("Kumparan|kumparan"); its web address is its name too
            "Hal itu tertuang dalam surat perintah kepada seluruh Kapolda yang didapatkan kumparan (kumparan.com), "
            "Minggu (25/6).",
            [("kumparan", "ORG", "IDN", "JRN"), ("kumparan.com", "ORG", "IDN", "JRN")],
            id="outlet-in-lower-case",
        ),
        pytest.param(  # clickid.jsonl's headline: the name ends before a capitalised verb
            "Gubernur Khofifah Sebut akan Ada Investasi Produksi Mobil Listrik ITS di Gresik\nKhofifah hadir.",
            [("Khofifah", "PERSON", "IDN", "GOV"), ("ITS", "ORG", "IDN", "EDU"), ("Gresik", "LOCATION", "IDN", None),
             ("Khofifah", "PERSON", "IDN", "GOV")],
            id="headline-name-before-a-verb",
        ),
        pytest.param(  # ANTARA, 28 July 2025: an acting official is titled ("Penjabat", titles.tsv), and a
            # one-sentence paragraph full of titles is running text, not a title-case headline
            "Pertemuan itu dihadiri oleh Penjabat Perdana Menteri Thailand Phumtham Wechayachai dan Perdana Menteri "
            "Kamboja Hun Manet.",
            [("Thailand", "COUNTRY", "THA", None), ("Phumtham Wechayachai", "PERSON", "THA", "GOV"),
             ("Kamboja", "COUNTRY", "KHM", None), ("Hun Manet", "PERSON", "KHM", "GOV")],
            id="acting-title",
        ),
        pytest.param(  # clickid.jsonl, on the Tokyo Olympics: a coast guard named by its head and country
            "Melalui upaya gabungan dari polisi, pemadam kebakaran, Penjaga Pantai Jepang, dan Pasukan Bela Diri, "
            "kami akan sepenuhnya siap.",
            [("Penjaga Pantai Jepang", "ORG", "JPN", "MIL"), ("Pasukan Bela Diri", "ORG", "JPN", None)],
            id="coast-guard",
        ),
        pytest.param(  # corpus/recent b08 (on the Second Thomas Shoal, June 2024) and an agency's credit:
            # the short form in parentheses is the Philippine armed forces, which the gazetteer knows as
            # Agence France-Presse; the credit after "kantor berita" stays the agency
            "Panglima Angkatan Bersenjata Filipina (AFP) Jenderal Romeo Brawner Jr menuntut China mengembalikan "
            "senapan milik pasukannya. Hal itu dilaporkan kantor berita AFP.",
            [("Angkatan Bersenjata Filipina", "ORG", "PHL", "MIL"), ("AFP", "ORG", "PHL", "MIL"),
             ("Romeo Brawner Jr", "PERSON", "PHL", "MIL"), ("China", "COUNTRY", "CHN", None),
             ("AFP", "ORG", "FRA", "JRN")],
            id="short-form-of-another-country-s-entry",
        ),
        pytest.param(  # a navy is no sea: "Laut Jepang" inside "Angkatan Laut Jepang" gives way to the org head
            "Kapal Angkatan Laut Jepang berlayar di Laut Jepang.",
            [("Angkatan Laut Jepang", "ORG", "JPN", "MIL"), ("Laut Jepang", "LOCATION", None, None)],
            id="navy-not-sea",
        ),
        pytest.param(  # but a country inside a head keeps its name ("Penjaga Pantai" and Côte d'Ivoire)
            "Penjaga Pantai Gading menahan kapal.",
            [("Pantai Gading", "COUNTRY", "CIV", None)],
            id="country-inside-a-head",
        ),
        pytest.param(  # corpus/recent a06 (Myanmar, April 2025): an alliance named by a head ("Aliansi") in a
            # story about another country is that country's, as a person is, not the outlet's
            "Aliansi Persaudaraan menyatakan jeda pertempuran selama satu bulan. Junta Myanmar mengumumkan "
            "gencatan senjata setelah gempa melanda Myanmar. Menteri Luar Negeri Sugiono mendesak junta membuka "
            "akses bantuan ke Myanmar.",
            [("Aliansi Persaudaraan", "ORG", "MMR", "NGO"), ("Junta Myanmar", "ORG", "MMR", None),
             ("Myanmar", "COUNTRY", "MMR", None), ("Sugiono", "PERSON", "IDN", "GOV"),
             ("Myanmar", "COUNTRY", "MMR", None)],
            id="association-abroad",
        ),
        pytest.param(  # clickid.jsonl#5883: a kelurahan of East Jakarta; "Cina" in it is no country
            "Warga Bidara Cina diketahui mengajukan gugatan class action (gugatan yang diajukan seseorang atau sebuah "
            "kelompok kecil atas nama sebuah kelompok besar) ke Pengadilan Negeri Jakarta Pusat pada 15 Juli 2015.",
            [("Bidara Cina", "LOCATION", "IDN", None), ("Pengadilan Negeri Jakarta Pusat", "ORG", "IDN", "JUD")],
            id="place-named-with-a-country",
        ),
        pytest.param(  # indosum-dev.jsonl#1633: the official name as outlets write it
            "Menteri Pemuda dan Olahraga Imam Nahrawi, yang melakukan kunjungan ke beberapa negara di Timur-Tengah, "
            "menandatangani kesepakatan kerja sama itu bersama Menteri Pemuda dan Olahraga Republik Lebanon Mohammad "
            "Fneish di Beirut pada Jumat (10/11).",
            [("Imam Nahrawi", "PERSON", "IDN", "GOV"), ("Republik Lebanon", "COUNTRY", "LBN", None),
             ("Mohammad Fneish", "PERSON", "LBN", "GOV"), ("Beirut", "LOCATION", "LBN", None)],
            id="republic-of-lebanon",
        ),
    ],
)
def test_entities_knowledge_on_real_sentences(text: str, expected: list) -> None:
    assert found(text) == expected


def test_entities_headline_words_are_places_in_running_text() -> None:
    # the city of Serang in a sentence is still a place
    assert ("Serang", "LOCATION", "IDN", None) in found("Polisi menangkap dua pelaku di Serang, Banten, pada Senin.")


@pytest.mark.parametrize(
    ("place", "country"),
    [("Rafah", "PSE"), ("Khan Younis", "PSE"), ("Jenin", "PSE"), ("Bakhmut", "UKR"), ("Avdiivka", "UKR"),
     ("Mariupol", "UKR"), ("Sudzha", "RUS"), ("Hodeidah", "YEM"), ("El Fasher", "SDN"), ("Tigray", "ETH"),
     ("Laut Merah", None), ("Beting Scarborough", None), ("Laut Karibia", None), ("Natanz", "IRN"),
     ("Anchorage", "USA"), ("Laut Kuning", None), ("Laut Mediterania", None), ("Samudra Hindia", None),
     ("Teluk Oman", None), ("Laut Jawa", "IDN"), ("Selat Sunda", "IDN")],
)
def test_entities_places_of_recent_wars(place: str, country: str | None) -> None:
    text = f"Pasukan itu tiba di {place} pada hari itu."
    assert found(text)[0] == (place, "LOCATION", country, None)


@pytest.mark.parametrize("outlet", ["REPUBLIKA.CO.ID", "CNBC Indonesia", "Antaranews.com", "JawaPos.com", "IDN Times"])
def test_entities_indonesian_outlets(outlet: str) -> None:
    text = f"Menurut laporan {outlet}, presiden itu bertemu dengan menteri di kantor kemarin."
    assert found(text)[0] == (outlet, "ORG", "IDN", "JRN")


def test_entities_stateless_body_takes_no_home_country() -> None:
    # clickid.jsonl, on a stabbing in Indonesia: a story that names no other country still
    # gives ISIS (no country in organisations.tsv) none, as the corpus annotates it
    text = "Polisi menyebut kedua pelaku penusukan itu diduga telah terpapar radikalisme ISIS pimpinan Abu Bakar al-Baghdadi."
    countries = {m.text: m.country for m in find_mentions(text, model=True, language="id", edges=True)}
    assert countries["ISIS"] is None


def test_entities_international_body_named_by_a_head_takes_no_home_country() -> None:
    # indosum-dev.jsonl, on a threat to sue in The Hague: a court named by the head
    # "Pengadilan" and "Internasional" (cues.tsv stateless) is no one state's
    text = "Bukan hanya itu, ia bahkan mengancam dapat menggugatnya ke Pengadilan Rakyat Internasional (IPT) di Den Haag."
    countries = {m.text: m.country for m in find_mentions(text, model=True, language="id", edges=True)}
    assert countries["Pengadilan Rakyat Internasional"] is None
    assert countries["Den Haag"] == "NLD"


@pytest.mark.parametrize(("name", "country", "sector"), [
    ("Steve Witkoff", "USA", "GOV"), ("Tulsi Gabbard", "USA", "SPY"), ("Mohammad Mustafa", "PSE", "GOV"),
    ("Hemedti", "SDN", "REB"), ("Joseph Aoun", "LBN", "GOV"), ("Maria Corina Machado", "VEN", "OPP"),
    ("Francesca Albanese", None, "IGO"), ("Pasukan Dukungan Cepat", "SDN", "REB"), ("Tentara Arakan", "MMR", "REB"),
    ("Danantara", "IDN", "GOV"), ("USTR", "USA", "GOV"),
])
def test_entities_office_holders_and_bodies_of_2025(name: str, country: str | None, sector: str) -> None:
    # persons.tsv and organisations.tsv, checked against the news of 2025
    text = f"Dalam pertemuan itu, {name} mengatakan hal tersebut kepada wartawan di kantornya."
    assert [(m.text, m.country, m.sector) for m in find_mentions(text, model=True, language="id", edges=True)
            if m.text == name] == [(name, country, sector)]


@pytest.mark.parametrize(("name", "country", "sector"), [
    ("Anura Kumara Dissanayake", "LKA", "GOV"), ("Mohamed Muizzu", "MDV", "GOV"), ("Kais Saied", "TUN", "GOV"),
    ("Paul Kagame", "RWA", "GOV"), ("Felix Tshisekedi", "COD", "GOV"), ("Bassirou Diomaye Faye", "SEN", "GOV"),
    ("Aleksandar Vucic", "SRB", "GOV"), ("Khalifa Haftar", "LBY", "MIL"), ("Roberta Metsola", None, "IGO"),
    ("Mohammad Bagher Ghalibaf", "IRN", "LEG"), ("M23", "COD", "REB"), ("Kataib Hezbollah", "IRQ", "REB"),
])
def test_entities_heads_of_state_and_groups_added_in_session_16(name: str, country: str | None, sector: str) -> None:
    # persons.tsv and organisations.tsv, checked against the heads of state and government of 2024-2025
    text = f"Dalam pertemuan itu, {name} mengatakan hal tersebut kepada wartawan di kantornya."
    assert [(m.text, m.country, m.sector) for m in find_mentions(text, model=True, language="id", edges=True)
            if m.text == name] == [(name, country, sector)]


@pytest.mark.parametrize(("place", "country"), [("Kolombo", "LKA"), ("Jenewa", "CHE"), ("Wina", "AUT"), ("Muskat", "OMN")])
def test_entities_indonesian_names_of_capitals(place: str, country: str) -> None:
    assert found(f"Para menteri itu bertemu di {place} pada hari itu.")[0] == (place, "LOCATION", country, None)


def test_entities_a_town_only_the_recogniser_finds_takes_its_country() -> None:
    """Gyeongju (APEC 2025) is in no gazetteer file, and the story names China twice: the
    town takes Korea from towns.tsv, not the story's main country."""
    text = ("Presiden China Xi Jinping bertemu Presiden Korea Selatan Lee Jae-myung di Gyeongju. "
            "Xi mengatakan China siap bekerja sama.")
    countries = {m.text: (m.country, m.source) for m in find_mentions(text, model=True, language="id", edges=True)}
    assert countries["Gyeongju"] == ("KOR", "model")


def test_entities_a_town_of_a_country_the_story_does_not_name_is_the_story_s() -> None:
    """"Banda" is also a town of India in towns.tsv; a story that names no India keeps it Indonesian."""
    text = "Para nelayan di Banda menolak rencana pemerintah daerah. Mereka berunjuk rasa di kantor bupati."
    assert [(m.text, m.country) for m in find_mentions(text, model=True, language="id", edges=True)
            if m.text == "Banda"] == [("Banda", "IDN")]


def test_entities_a_lone_last_name_is_the_person_named_before_it() -> None:
    """indosum-dev.jsonl#1788: the recogniser finds "Herba" alone; it is the Pole named in
    the sentence before, not a person of the story's Italy."""
    text = ("Di lokasi itulah sang penculik yang telah diidentifikasi sebagai warga Polandia bernama Lukasz "
            "Pawel Herba, 30, mengadakan lelang online model tersebut sebagai budak seks di Piedmont, Italia.\n"
            "Polisi Italia telah mendakwa Herba dengan tuduhan penculikan, kata Wakil Jaksa Penuntut Umum Milan "
            "Paolo Storari di Milan, Italia.")
    herba = [(m.text, m.name, m.country) for m in find_mentions(text, model=True, language="id", edges=True)
             if m.text.endswith("Herba")]
    assert herba == [("Lukasz Pawel Herba", "Lukasz Pawel Herba", "POL"), ("Herba", "Lukasz Pawel Herba", "POL")]


def test_entities_a_bracketed_portfolio_between_title_and_name_is_skipped() -> None:
    """indosum-dev.jsonl#1517: the title's country comes after a bracketed portfolio, and
    the minister is Singapore's, not the story's Indonesia."""
    text = ("Pertama adalah kerja sama pendidikan dan pelatihan vokasional antara Menteri Perindustrian Airlangga "
            "Hartarto dan Menteri Pendidikan (Pendidikan Tinggi dan Keterampilan) Singapura Ong Ye Kung.")
    assert [(m.text, m.country, m.source) for m in find_mentions(text, model=True, language="id", edges=True)
            if m.type == "PERSON"] == [("Airlangga Hartarto", "IDN", "gazetteer"), ("Ong Ye Kung", "SGP", "title")]


def test_entities_a_name_the_recogniser_cut_at_a_space_is_one_person() -> None:
    """clickid.jsonl#1197: the recogniser tags "Habib" and "Rizieq" as two persons side by side."""
    text = ("Sebelumnya Dubes RI untuk Arab Saudi Agus Maftuh Abegebriel menyebut Habib Rizieq melakukan "
            "penyerobotan doa.")
    assert [m.text for m in find_mentions(text, model=True, language="id", edges=True)
            if m.type == "PERSON"] == ["Agus Maftuh Abegebriel", "Habib Rizieq"]


def test_entities_body_with_no_country_is_where_di_places_it() -> None:
    # a headline of 2025: the school is in Gaza, not the Indonesian outlet's
    text = "Israel Serang Sekolah Pengungsian di Gaza, 30 Orang Tewas\nSerangan itu menewaskan 30 orang."
    countries = {m.text: (m.country, m.country_basis) for m in find_mentions(text, model=True, language="id", edges=True)}
    assert countries["Sekolah Pengungsian"] == ("PSE", "text")


@needs_shared
def test_entities_local_body_is_the_story_s_not_the_outlet_s() -> None:
    """clickid.jsonl#8593, on the attack on Aramco: "Kementerian Pertahanan setempat" (the
    local ministry) is Saudi Arabia's, the country the story is about, as the corpus
    annotates it, not the Indonesian outlet's."""
    from warta.corpus.format import article

    doc = article("clickid.jsonl#8593").document
    start = doc.text.index("Kementerian Pertahanan setempat")
    assert [m.country for m in doc.mentions if m.start == start] == ["SAU"]


def test_entities_a_minister_of_transport_is_titled() -> None:
    # clickid.jsonl#8676 (dev): the portfolio is no name
    text = ("Menteri Perhubungan Budi Karya Sumadi bertemu dengan Menteri Transportasi dan Pekerjaan Umum Kamboja "
            "Sun Chanthol bersama delegasi.")
    assert found(text) == [("Budi Karya Sumadi", "PERSON", "IDN", "GOV"), ("Kamboja", "COUNTRY", "KHM", None),
                           ("Sun Chanthol", "PERSON", "KHM", "GOV")]


def test_entities_a_former_office_holder_is_eli() -> None:
    # "mantan" before the title of a known holder: PLOVER's ELI, not the gazetteer's GOV
    text = "Dalam acara itu, mantan Presiden AS Barack Obama dan mantan Presiden Rodrigo Duterte hadir bersama tamu lain."
    assert [(m.text, m.sector) for m in find_mentions(text, model=True, language="id", edges=True) if m.type == "PERSON"] \
        == [("Barack Obama", "ELI"), ("Rodrigo Duterte", "ELI")]


def test_entities_an_operation_s_code_name_is_no_person() -> None:
    # Israel's strike on Iran of 13 June 2025, as the news of that day wrote it
    text = 'Sebelumnya, Israel melancarkan operasi bertajuk "Rising Lion" yang menargetkan fasilitas nuklir Iran.'
    assert found(text) == [("Israel", "COUNTRY", "ISR", None), ("Iran", "COUNTRY", "IRN", None)]



@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(  # corpus/recent/b05-liputan6-korea-rusia.txt: the recogniser stops at the hyphen
            "Kim Hong-kyun juga memperingatkan bahwa dukungan Moskow terhadap Pyongyang akan berdampak negatif.",
            ["Kim Hong-kyun"],
            id="recogniser",
        ),
        pytest.param(  # the gazetteer knows South Korea's Park Jin; "Park Jin-woo" is someone else
            "Menurut Park Jin-woo, Rusia harus menghentikan kerja sama militer dengan Korea Utara.",
            ["Park Jin-woo"],
            id="gazetteer",
        ),
        pytest.param(  # indosum-dev.jsonl#1106: the hyphen before a longer word is a dash
            "JUARA.net -Pemain SC Cambuur berkebangsaan Indonesia, Stefano Lilipaly, dan Jakmania-pendukung Persija "
            "Jakarta-memberikan dukungan kepada kota Jakarta yang baru saja diterpa tragedi.",
            ["JUARA.net", "Stefano Lilipaly", "Persija Jakarta"],
            id="dash",
        ),
    ],
)
def test_entities_a_hyphenated_syllable_goes_on_with_the_name(text: str, expected: list[str]) -> None:
    mentions = find_mentions(text, model=True, language="id", edges=True)
    assert [m.text for m in mentions if m.type in ("PERSON", "ORG")] == expected


def test_entities_a_verb_after_the_comma_is_no_apposition() -> None:
    # corpus/recent2 e02 (the ICJ, January 2024): "Tal Becker, menuduh Afrika Selatan" is no
    # "Tal Becker, diplomat Afrika Selatan"; he is Israel's (persons.tsv)
    text = ("Penasihat hukum Kementerian Luar Negeri Israel, Tal Becker, menuduh Afrika Selatan telah menyajikan "
            "gambaran yang menyimpang.")
    people = {m.text: m.country for m in find_mentions(text, model=True, language="id", edges=True)}
    assert people["Tal Becker"] == "ISR"
    # without the gazetteer's entry the recogniser's name takes no country from the verb's
    # object: South Africa is only the story's guess here, the one country it names
    text = "Penasihat hukum itu, Yoav Harel, menuduh Afrika Selatan telah menyajikan gambaran yang menyimpang."
    harel = next(m for m in find_mentions(text, model=True, language="id", edges=True) if m.text == "Yoav Harel")
    assert (harel.country, harel.country_basis) == ("ZAF", "story")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(  # corpus/recent2 e03: the KBRI spelling of Ethiopia
            "Mesir, Etiopia, Iran, dan Uni Emirat Arab bergabung pada 1 Januari 2024.",
            [("Mesir", "EGY"), ("Etiopia", "ETH"), ("Iran", "IRN"), ("Uni Emirat Arab", "ARE")],
            id="etiopia",
        ),
        pytest.param(  # corpus/recent2 f01: the UN force in Lebanon belongs to no state
            "Dua prajurit TNI yang bertugas di UNIFIL terluka di Naqoura.",
            [("TNI", "IDN"), ("UNIFIL", None), ("Naqoura", "LBN")],
            id="unifil",
        ),
        pytest.param(  # corpus/recent2 d05: Niger's deposed president
            "Militer menahan Presiden Mohamed Bazoum sejak Rabu.",
            [("Mohamed Bazoum", "NER")],
            id="bazoum",
        ),
        pytest.param(  # corpus/recent2 c06: the enclave ISO counts Azerbaijan's
            "Rusia akan menempatkan tentara penjaga perdamaian di Nagorno-Karabakh selama lima tahun.",
            [("Rusia", "RUS"), ("Nagorno-Karabakh", "AZE")],
            id="karabakh",
        ),
        pytest.param(  # corpus/recent3 g06: the spelling of Belarus many outlets use
            "Kementerian Luar Negeri Belarusia memanggil pulang duta besarnya dari Polandia.",
            [("Kementerian Luar Negeri Belarusia", "BLR"), ("Polandia", "POL")],
            id="belarusia",
        ),
        pytest.param(  # corpus/recent3 h05: Indonesian outlets call the US House "DPR AS"
            "China menjatuhkan sanksi kepada Ketua DPR Amerika Serikat (AS) Nancy Pelosi.",
            [("China", "CHN"), ("DPR Amerika Serikat", "USA"), ("AS", "USA"), ("Nancy Pelosi", "USA")],
            id="dpr-as",
        ),
        pytest.param(  # corpus/recent3 h03: the Russian-led alliance of post-Soviet states is no one state
            "Pada Rabu malam, Tokayev meminta bantuan Organisasi Perjanjian Keamanan Kolektif (CSTO).",
            [("Tokayev", "KAZ"), ("Organisasi Perjanjian Keamanan Kolektif", None), ("CSTO", None)],
            id="csto",
        ),
        pytest.param(  # a region named by a place head takes no guessed country (it had taken Kuwait)
            "Menteri Luar Negeri Sugiono mengatakan situasi di Kawasan Timur Tengah semakin memburuk.",
            [("Sugiono", "IDN"), ("Kawasan Timur Tengah", None)],
            id="kawasan",
        ),
    ],
)
def test_entities_knowledge_of_2020_2025(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(m.text, m.country) for m in find_mentions(text, model=True, language="id", edges=True)] == expected
