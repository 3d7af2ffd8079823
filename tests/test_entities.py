"""Entity mentions and entity keys (warta.language.entities).

Every sentence below is quoted verbatim from the corpus (no-break spaces
included, as "\u00a0"), with its source: a seed file under shared/corpus/seeds/
or an article id from shared/corpus/news/*.jsonl.  Only the robustness inputs
(emoji, Korean, Cyrillic, huge paragraphs) are made up.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from warta.document import Mention
from warta.language.entities import find_mentions
from warta.language.entities.countries import home_country
from warta.language.entities.gazetteer import GAZETTEER_DIR, Gazetteer, GazetteerError, load_gazetteer
from warta.language.entities.keys import entity_key
from warta.language.entities.spans import settle_overlaps

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SEED_002 = "seeds/002_87c44d51124bee6b.txt"
SEED_003 = "seeds/003_e7e18ad5e0cff924.txt"


def _mention(text: str, surface: str) -> Mention:
    found = [m for m in find_mentions(text) if m.text == surface]
    assert found, f"{surface!r} not found in {[m.text for m in find_mentions(text)]}"
    return found[0]


# (sentence, surface, type, name, country, sector); the comment names the source.
MENTIONS = [
    # --- seeds: countries, short forms, capitals
    pytest.param(  # seeds/001
        "Di tengah kebuntuan yang berkepanjangan dalam hubungan antara Korea Utara dan Amerika Serikat (AS), "
        "Pyongyang menjangkau Rusia untuk hubungan yang lebih dekat, mengikuti langkah yang sama untuk "
        "memperkuat hubungan dengan China.",
        "Amerika Serikat", "COUNTRY", "United States", "USA", None, id="seed001-amerika-serikat-as",
    ),
    pytest.param(  # seeds/001: the short form in parentheses is a mention of its own, as the annotation lists it
        "Di tengah kebuntuan yang berkepanjangan dalam hubungan antara Korea Utara dan Amerika Serikat (AS), "
        "Pyongyang menjangkau Rusia untuk hubungan yang lebih dekat.",
        "AS", "COUNTRY", "United States", "USA", None, id="seed001-as-in-parentheses",
    ),
    pytest.param(  # seeds/001
        "Di tengah kebuntuan yang berkepanjangan dalam hubungan antara Korea Utara dan Amerika Serikat (AS), "
        "Pyongyang menjangkau Rusia untuk hubungan yang lebih dekat.",
        "Pyongyang", "COUNTRY", "North Korea", "PRK", "GOV", id="seed001-pyongyang-government",
    ),
    pytest.param(  # seeds/001
        "Pyongyang menjangkau Rusia untuk hubungan yang lebih dekat, mengikuti langkah yang sama untuk "
        "memperkuat hubungan dengan China.",
        "China", "COUNTRY", "China", "CHN", None, id="seed001-china",
    ),
    pytest.param(  # seeds/000
        "Tentu saja, jika dibandingkan dengan volume perdagangan Korea Utara dengan Tiongkok, angkanya tampak "
        "jauh lebih rendah.",
        "Tiongkok", "COUNTRY", "China", "CHN", None, id="seed000-tiongkok",
    ),
    pytest.param(  # seeds/003
        "Inisiatif diplomatik yang dilakukan oleh Rusia, yang sering kali bekerja sama dengan Cina, "
        "menggarisbawahi keinginan untuk membentuk arsitektur keamanan regional.",
        "Cina", "COUNTRY", "China", "CHN", None, id="seed003-cina",
    ),
    pytest.param(  # seeds/000
        "Korea Utara, dari perspektif Rusia, berperan sebagai penyeimbang terhadap pengaruh AS yang semakin "
        "besar di kawasan tersebut.",
        "AS", "COUNTRY", "United States", "USA", None, id="seed000-as",
    ),
    pytest.param(  # seeds/000
        "Korea Utara, dari perspektif Rusia, berperan sebagai penyeimbang terhadap pengaruh AS.",
        "Rusia", "COUNTRY", "Russia", "RUS", None, id="seed000-rusia",
    ),
    pytest.param(  # seeds/003
        "Menteri Luar Negeri Korea Utara, Choe Son-hui, mengamati pada Oktober 2023 bahwa hubungan yang kuat "
        "antara Moskow dan Pyongyang berpotensi mengimbangi upaya aliansi kuat yang dipimpin oleh A.S. antara "
        "Washington, Tokyo, dan Seoul.",
        "A.S.", "COUNTRY", "United States", "USA", None, id="seed003-a-s",
    ),
    pytest.param(  # seeds/003
        "hubungan yang kuat antara Moskow dan Pyongyang berpotensi mengimbangi upaya aliansi kuat yang "
        "dipimpin oleh A.S. antara Washington, Tokyo, dan Seoul.",
        "Moskow", "COUNTRY", "Russia", "RUS", "GOV", id="seed003-moskow-government",
    ),
    pytest.param(  # seeds/003
        "aliansi kuat yang dipimpin oleh A.S. antara Washington, Tokyo, dan Seoul.",
        "Washington", "COUNTRY", "United States", "USA", "GOV", id="seed003-washington-government",
    ),
    pytest.param(  # seeds/003
        "aliansi kuat yang dipimpin oleh A.S. antara Washington, Tokyo, dan Seoul.",
        "Tokyo", "COUNTRY", "Japan", "JPN", "GOV", id="seed003-tokyo-government",
    ),
    pytest.param(  # seeds/003
        "Hal itu semakin menguat saat kunjungan delegasi Rusia yang dipimpin oleh Menteri Pertahanan Rusia "
        "Sergei Shoigu ke Pyongyang pada Juli 2023.",
        "Pyongyang", "LOCATION", "Pyongyang", "PRK", None, id="seed003-ke-pyongyang-place",
    ),
    pytest.param(  # seeds/002
        "Selama kunjungan Kozlov, Presiden Rusia Vladimir Putin menghadiahkan Kebun Binatang Pusat Pyongyang "
        "dengan lebih dari 70 hewan, termasuk singa, beruang, dan beberapa spesies burung.",
        "Pyongyang", "LOCATION", "Pyongyang", "PRK", None, id="seed002-zoo-pyongyang-place",
    ),
    pytest.param(  # seeds/002
        "SEOUL, KOMPAS.TV — Korea Utara dan Rusia mencapai kesepakatan baru untuk memperluas kerja sama "
        "ekonomi menyusul pembicaraan tingkat tinggi di Pyongyang minggu ini.",
        "SEOUL", "LOCATION", "Seoul", "KOR", None, id="seed002-dateline-seoul",
    ),
    pytest.param(  # seeds/002
        "SEOUL, KOMPAS.TV — Korea Utara dan Rusia mencapai kesepakatan baru.",
        "KOMPAS.TV", "ORG", "Kompas", "IDN", "JRN", id="seed002-kompas-tv",
    ),
    pytest.param(  # seeds/002
        "Ia secara aktif mendukung perang Putin terhadap Ukraina dengan menggambarkan Korea Utara sebagai pemain "
        "dalam front persatuan melawan Washington.",
        "Ukraina", "COUNTRY", "Ukraine", "UKR", None, id="seed002-ukraina",
    ),
    pytest.param(  # seeds/004
        "Beberapa negara Barat, terutama Amerika Serikat dan sekutunya di Asia seperti Korea Selatan dan Jepang, "
        "menyatakan kekhawatiran atas kemungkinan kerja sama militer antara kedua negara.",
        "Jepang", "COUNTRY", "Japan", "JPN", None, id="seed004-jepang",
    ),
    pytest.param(  # seeds/004
        "Beberapa negara Barat, terutama Amerika Serikat dan sekutunya di Asia seperti Korea Selatan dan Jepang, "
        "menyatakan kekhawatiran.",
        "Korea Selatan", "COUNTRY", "South Korea", "KOR", None, id="seed004-korea-selatan",
    ),
    pytest.param(  # seeds/001
        "dalam rangka peringatan 75 tahun kemenangan Uni Soviet dalam Perang Dunia II.",
        "Uni Soviet", "COUNTRY", "Soviet Union", None, None, id="seed001-uni-soviet",
    ),
    pytest.param(  # seeds/002
        "sekitar 11.000 tentara Korea Utara pada akhir Oktober telah dipindahkan ke wilayah Kursk Rusia, "
        "tempat pasukan Ukraina merebut sebagian wilayahnya tahun ini.",
        "Korea Utara", "COUNTRY", "North Korea", "PRK", None, id="seed002-tentara-korea-utara",
    ),
    pytest.param(  # seeds/003
        "dinamika Semenanjung Korea dan kawasan Asia Timur Laut yang lebih luas.",
        "Semenanjung Korea", "LOCATION", "Korean Peninsula", None, None, id="seed003-semenanjung-korea",
    ),
    # --- seeds: organisations
    pytest.param(  # seeds/002
        "Kantor Berita Pusat Korea (KCNA) tidak merinci lebih lanjut tentang perjanjian yang ditandatangani "
        "pada hari Rabu.",
        "Kantor Berita Pusat Korea", "ORG", "Korean Central News Agency", "PRK", "JRN",
        id="seed002-kcna-long-form",
    ),
    pytest.param(  # seeds/002
        "Kantor Berita Pusat Korea (KCNA) tidak merinci lebih lanjut tentang perjanjian yang ditandatangani "
        "pada hari Rabu.",
        "KCNA", "ORG", "Korean Central News Agency", "PRK", "JRN", id="seed002-kcna-in-parentheses",
    ),
    pytest.param(  # seeds/000
        'Seperti yang dikomentari KCNA - sebuah "peristiwa penting", yang akan membantu memperkuat hubungan '
        "strategis antara Rusia dan Korea Utara.",
        "KCNA", "ORG", "Korean Central News Agency", "PRK", "JRN", id="seed000-kcna",
    ),
    pytest.param(  # seeds/002
        "Kantor berita Rusia Tass pada hari Selasa mengatakan para pejabat\u00a0sepakat untuk meningkatkan jumlah "
        "penerbangan carter antara kedua negara untuk mempromosikan pariwisata.",
        "Tass", "ORG", "TASS", "RUS", "JRN", id="seed002-tass",
    ),
    pytest.param(  # seeds/002
        "Badan Intelijen Nasional Korea Selatan mengatakan kepada anggota parlemen dalam pengarahan tertutup "
        "pada hari Rabu.",
        "Badan Intelijen Nasional Korea Selatan", "ORG", "National Intelligence Service", "KOR", "SPY",
        id="seed002-nis-long-form",
    ),
    pytest.param(  # seeds/002
        "Hal ini diungkapkan oleh studi terbaru oleh Lim Soo-ho, seorang analis Korea Selatan di sebuah "
        "lembaga pemikir yang dikelola NIS.",
        "NIS", "ORG", "National Intelligence Service", "KOR", "SPY", id="seed002-nis",
    ),
    pytest.param(  # seeds/001
        "Pada tanggal 9 Mei lalu, surat kabar resmi Korea Utara, Rodong Sinmun mengabarkan bahwa pemimpin "
        "Kim Jong-un mengirim pesan kepada Presiden Rusia, Vladimir Putin.",
        "Rodong Sinmun", "ORG", "Rodong Sinmun", "PRK", "JRN", id="seed001-rodong-sinmun",
    ),
    pytest.param(  # seeds/001
        "Choe Son-hui yang merupakan salah satu pejabat penting yang melibatkan negosiasi nuklir dengan AS, "
        "mengunjungi Moskow untuk membahas kerja sama strategis dengan para pejabat Kementerian Luar Negeri "
        "Rusia dalam urusan regional dan internasional.",
        "Kementerian Luar Negeri Rusia", "ORG", "Ministry of Foreign Affairs (Russia)", "RUS", "GOV",
        id="seed001-ministry-by-pattern",
    ),
    pytest.param(  # seeds/004
        "“Kami berharap Rusia tetap mematuhi komitmen internasionalnya dan tidak memperburuk situasi di "
        "kawasan Semenanjung Korea,” ujar juru bicara Gedung Putih.",
        "Gedung Putih", "ORG", "White House", "USA", "GOV", id="seed004-gedung-putih",
    ),
    pytest.param(  # seeds/004
        "terutama jika ada indikasi pelanggaran terhadap resolusi Dewan Keamanan PBB yang melarang bantuan "
        "militer ke Korea Utara.",
        "Dewan Keamanan PBB", "ORG", "United Nations Security Council", None, "IGO", id="seed004-dk-pbb",
    ),
    pytest.param(  # seeds/004
        "Keduanya sama-sama menghadapi sanksi dan tekanan internasional, terutama dari negara-negara Barat dan "
        "aliansi NATO.",
        "NATO", "ORG", "NATO", None, "IGO", id="seed004-nato",
    ),
    pytest.param(  # seeds/001
        "masalah pelonggaran sanksi PBB terhadap Korea Utara.",
        "PBB", "ORG", "United Nations", None, "IGO", id="seed001-pbb",
    ),
    # --- seeds: persons
    pytest.param(  # seeds/002
        "Foto arsip ketika Presiden Rusia Vladimir Putin, kiri, dan pemimpin Korea Utara Kim Jong Un berpose "
        "untuk dalam upacara penandatanganan kemitraan baru di Pyongyang, Korea Utara, pada 19 Juni 2024.",
        "Vladimir Putin", "PERSON", "Vladimir Putin", "RUS", "GOV", id="seed002-vladimir-putin",
    ),
    pytest.param(  # seeds/002
        "Foto arsip ketika Presiden Rusia Vladimir Putin, kiri, dan pemimpin Korea Utara Kim Jong Un berpose "
        "untuk dalam upacara penandatanganan kemitraan baru di Pyongyang, Korea Utara, pada 19 Juni 2024.",
        "Kim Jong Un", "PERSON", "Kim Jong Un", "PRK", "GOV", id="seed002-kim-jong-un",
    ),
    pytest.param(  # seeds/002
        "Foto arsip ketika Presiden Rusia Vladimir Putin, kiri, dan pemimpin Korea Utara Kim Jong Un berpose "
        "untuk dalam upacara penandatanganan kemitraan baru di Pyongyang, Korea Utara, pada 19 Juni 2024.",
        "Pyongyang", "LOCATION", "Pyongyang", "PRK", None, id="seed002-pyongyang-comma-korea-utara",
    ),
    pytest.param(  # seeds/003
        "kunjungan pemimpin Korea Utara Kim Jong-un ke Moskow pada September 2023",
        "Kim Jong-un", "PERSON", "Kim Jong Un", "PRK", "GOV", id="seed003-kim-jong-un-hyphen",
    ),
    pytest.param(  # seeds/002 ("Baca Juga" headline)
        "Baca Juga: Kim Jong-Un Kirim Tentara Korea Utara ke Rusia, Putin Malah Kirim Singa dan Beruang ke "
        "Pyongyang",
        "Kim Jong-Un", "PERSON", "Kim Jong Un", "PRK", "GOV", id="seed002-kim-jong-un-capital-u",
    ),
    pytest.param(  # seeds/000
        "Dalam kunjungan pertamanya dalam empat tahun, pemimpin Korea Utara mengunjungi Rusia untuk bertemu "
        "Presiden Putin dan menghadiri Forum Ekonomi Timur Jauh.",
        "Putin", "PERSON", "Vladimir Putin", "RUS", "GOV", id="seed000-presiden-putin",
    ),
    pytest.param(  # seeds/003
        "Hal itu semakin menguat saat kunjungan delegasi Rusia yang dipimpin oleh Menteri Pertahanan Rusia "
        "Sergei Shoigu ke Pyongyang pada Juli 2023.",
        "Sergei Shoigu", "PERSON", "Sergei Shoigu", "RUS", "GOV", id="seed003-sergei-shoigu",
    ),
    pytest.param(  # seeds/003
        "Dengan tahun 2023 sebagai tahun di mana hubungan bilateral berjalan dengan cepat, Duta Besar Rusia "
        "untuk Korea Utara, Alexander Matsegora, mengantisipasi tahun 2024 sebagai tahun terobosan bagi kedua "
        "negara.",
        "Alexander Matsegora", "PERSON", "Alexander Matsegora", "RUS", "GOV", id="seed003-ambassador-sending-state",
    ),
    pytest.param(  # clickid.jsonl#8650: a name after a comma, closed by no punctuation, still takes the title
        "Duta Besar Indonesia untuk Amerika, Mahendra Siregar mengajak, para asosiasi pelaku usaha dan industri di "
        "Tanah Air untuk terus secara proaktif melakukan ekspor ke Amerika.",
        "Mahendra Siregar", "PERSON", "Mahendra Siregar", "IDN", "GOV", id="news-ambassador-comma-no-closing",
    ),
    pytest.param(  # seeds/001
        "Pada November tahun lalu, Wakil Pertama Menteri Luar Negeri Korea Utara saat itu, Choe Son-hui yang "
        "merupakan salah satu pejabat penting yang melibatkan negosiasi nuklir dengan AS, mengunjungi Moskow.",
        "Choe Son-hui", "PERSON", "Choe Son Hui", "PRK", "GOV", id="seed001-choe-son-hui",
    ),
    pytest.param(  # seeds/004
        "Kunjungan pejabat tinggi Rusia ke Korea Utara dipimpin oleh Menteri Luar Negeri Rusia, Sergei Lavrov, "
        "yang disambut langsung oleh pemimpin tertinggi Korea Utara, Kim Jong-un.",
        "Sergei Lavrov", "PERSON", "Sergei Lavrov", "RUS", "GOV", id="seed004-sergei-lavrov",
    ),
    pytest.param(  # seeds/002
        "Kozlov, yang tiba di Korea Utara pada hari Minggu, bertemu dengan pemimpin Korea Utara Kim Jong Un "
        "dan pejabat ekonomi utamanya, Perdana Menteri Kim Tok Hun, sebelum kembali ke negaranya\u00a0pada hari Rabu, "
        "kata KCNA.",
        "Kim Tok Hun", "PERSON", "Kim Tok Hun", "PRK", "GOV", id="seed002-kim-tok-hun",
    ),
    pytest.param(  # seeds/002
        "antara pejabat perdagangan seniornya dan delegasi Rusia yang dipimpin oleh Menteri Sumber Daya Alam "
        "dan Skologi Alexandr Kozlov.",
        "Alexandr Kozlov", "PERSON", "Alexandr Kozlov", "RUS", "GOV", id="seed002-kozlov-coordinated-portfolio",
    ),
    pytest.param(  # seeds/002
        "“Badan mata-mata tersebut meyakini tentara Korea Utara ditugaskan ke unit angkatan laut dan udara "
        "Rusia dan beberapa dari mereka telah mulai bertempur bersama Rusia di garis depan,” kata Lee Seong "
        "Kweun, seorang anggota parlemen yang menghadiri pertemuan tersebut.",
        "Lee Seong Kweun", "PERSON", "Lee Seong Kweun", None, "LEG", id="seed002-lee-postposed-title",
    ),
    pytest.param(  # seeds/002
        "Hal ini diungkapkan oleh studi terbaru oleh Lim Soo-ho, seorang analis Korea Selatan di sebuah "
        "lembaga pemikir yang dikelola NIS.",
        "Lim Soo-ho", "PERSON", "Lim Soo-ho", "KOR", "CVL", id="seed002-lim-postposed-title-country",
    ),
    # --- news: countries and short forms
    pytest.param(  # news 1472925641-tidur-di-rapat-kim-jong-un-hukum-mati-2-pejabat-pa
        "Suara.com-Pemimpin Korea Utara (Korut) Kim Jong-un dikenal memiliki sikap yang tegas.",
        "Korea Utara", "COUNTRY", "North Korea", "PRK", None, id="news-korea-utara-korut",
    ),
    pytest.param(  # news 1473986756-korea-utara-ancam-jadikan-washington-tumpukan-debu
        "Ancaman Korut ini dilontarkan menyusul latihan militer bersama tahunan antara AS dan Korsel awal "
        "pekan ini.",
        "Korut", "COUNTRY", "North Korea", "PRK", None, id="news-korut",
    ),
    pytest.param(  # news 1473986756-korea-utara-ancam-jadikan-washington-tumpukan-debu
        "Ancaman Korut ini dilontarkan menyusul latihan militer bersama tahunan antara AS dan Korsel awal "
        "pekan ini.",
        "Korsel", "COUNTRY", "South Korea", "KOR", None, id="news-korsel",
    ),
    pytest.param(  # news 1503738468-jepang-beri-sanksi-tambahan-untuk-korut
        "Selama kebijakan permusuhan dan ancaman nuklir AS berlanjut, DPRK... tidak akan pernah menempatkan "
        "program pencegahan nuklirnya sendiri di meja perundingan",
        "DPRK", "COUNTRY", "North Korea", "PRK", None, id="news-dprk",
    ),
    pytest.param(  # news 1501663544-kunjungan-turis-mancanegara-turun-selama-juni
        "Pada Juni 2017, wisatawan asal Republik Rakyat Tiongkok (RRT) masih yang tertinggi menurut data BPS.",
        "Republik Rakyat Tiongkok", "COUNTRY", "China", "CHN", None, id="news-rrt",
    ),
    pytest.param(  # news 1518321600-eks-gelandang-manchester-united-liam-miller-mening
        "Sepak bola Britania Raya pun berduka menyusul meninggalnya Miller.",
        "Britania Raya", "COUNTRY", "United Kingdom", "GBR", None, id="news-britania-raya",
    ),
    pytest.param(  # news 1504900800-bocor-james-bond-nikah-di-sekuel-terbaru
        "agen rahasia 007 berhenti menjadi mata-mata Inggris demi menikah dengan perempuan yang dicintainya.",
        "Inggris", "COUNTRY", "United Kingdom", "GBR", None, id="news-inggris",
    ),
    pytest.param(  # news 1495423800-lorenzo-kecelakaan-miller-adalah-peringatan-dari-t
        "Pebalap MotoGP asal Australia, Jack Miller, betul-betul beruntung dalam sesi MotoGP Perancis 2017.",
        "Perancis", "COUNTRY", "France", "FRA", None, id="news-perancis",
    ),
    pytest.param(  # news 1495260000-miller-kuasai-latihan-pertama-gp-prancis
        "Berikut hasil latihan bebas pertama GP Prancis.",
        "Prancis", "COUNTRY", "France", "FRA", None, id="news-prancis",
    ),
    pytest.param(  # news 1493966100-pierre-emerick-aubameyang-segera-bertolak-ke-paris
        "Situs berita Jerman, Kicker, mengklaim harga jual Aubameyang pada 2017 bisa mencapai angka 70 juta euro.",
        "Jerman", "COUNTRY", "Germany", "DEU", None, id="news-jerman",
    ),
    pytest.param(  # news 1498267800-jadwal-motogp-belanda-2017
        "Para pebalap akan bersaing pada GP Belanda yang berlangsung di Sirkuit Assen, 23-25 Juni.",
        "Belanda", "COUNTRY", "Netherlands", "NLD", None, id="news-belanda",
    ),
    pytest.param(  # news 1519268400-rizieq-masih-buron-pa-alumni-212-sebut-anies-kacan
        "Rizieq mengabarkan bakal pulang dari pelariannya di Arab Saudi pada Rabu (21/2/2018) hari ini.",
        "Arab Saudi", "COUNTRY", "Saudi Arabia", "SAU", None, id="news-arab-saudi",
    ),
    pytest.param(  # news 1499141700-kirim-tni-ke-marawi-tak-mudah-perlu-persiapan
        "Sebelumnya, Presiden Filipina Rodrigo Duterte sudah memberikan lampu hijau untuk mendapatkan bantuan "
        "dari negara lain, termasuk Indonesia.",
        "Filipina", "COUNTRY", "Philippines", "PHL", None, id="news-filipina",
    ),
    pytest.param(  # news 1508885340-foo-fighters-batalkan-tiga-konser-karena-urusan-ke
        "Mereka juga akan ke Amerika Latin dan Australia serta Selandia Baru, tapi belum ke Asia.",
        "Selandia Baru", "COUNTRY", "New Zealand", "NZL", None, id="news-selandia-baru",
    ),
    pytest.param(  # news 1508885340-foo-fighters-batalkan-tiga-konser-karena-urusan-ke
        "Mereka juga akan ke Amerika Latin dan Australia serta Selandia Baru, tapi belum ke Asia.",
        "Amerika Latin", "LOCATION", "Latin America", None, None, id="news-amerika-latin-not-usa",
    ),
    pytest.param(  # news 1489536002-mentan-lepas-ekspor-perdana-daging-ayam-olahan-ke-
        "ekspor produk-produk peternakan lainnya ke Jepang dan Vietnam yang saat ini sedang dalam proses",
        "Vietnam", "COUNTRY", "Vietnam", "VNM", None, id="news-vietnam",
    ),
    pytest.param(  # news 1485240343-arema-fc-rebut-kiper-persela-lamongan
        "SIMAK JUGA: Arema Datangkan Pemain Naturalisasi Timor Leste",
        "Timor Leste", "COUNTRY", "Timor-Leste", "TLS", None, id="news-timor-leste",
    ),
    pytest.param(  # news 1491530431-keikutsertaan-timnas-u-22-di-isg-2017-belum-jelas
        "Adapun peringkat terendah dari delapan negara yang diumumkan AISGOC untuk sepak bola adalah Palestina "
        "yang berperingkat 134.",
        "Palestina", "COUNTRY", "Palestine", "PSE", None, id="news-palestina",
    ),
    pytest.param(  # news 1503508260-malaysia-pesta-gol-ke-gawang-timnas-futsal-indones
        "SIMAK JUGA: Timnas Futsal Putri Indonesia Bungkam Myanmar",
        "Myanmar", "COUNTRY", "Myanmar", "MMR", None, id="news-myanmar",
    ),
    # --- news: capitals and seats of government
    pytest.param(  # news 1502189184-as-jepang-australia-minta-hukum-ditegakkan-di-lcs
        "Putusan itu ditolak oleh Beijing dan Taiwan.",
        "Beijing", "COUNTRY", "China", "CHN", "GOV", id="news-beijing-government",
    ),
    pytest.param(  # news 1519021201-pesawat-iran-jatuh-66-penumpang-dan-kru-tak-ada-ya
        "Pesawat yang ditenagai dua mesin turboprop itu jatuh di daerah Semirom, yang berjarak sekitar 620 "
        "kilometer sebelah selatan ibu kota Iran, Teheran.",
        "Teheran", "LOCATION", "Tehran", "IRN", None, id="news-teheran-apposed-place",
    ),
    pytest.param(  # news 1496443620-donald-trump-tarik-as-dari-kesepakatan-iklim-globa
        'Dan itu tidak akan terjadi, "kata Trump di Gedung Putih.',
        "Gedung Putih", "LOCATION", "White House", "USA", None, id="news-di-gedung-putih-place",
    ),
    pytest.param(  # news 1496562300-motor-siluman-andalan-departemen-pertahanan-amerik
        "Pentagon nampaknya perlu kendaraan dengan spesifikasi khusus yang bisa digunakan untuk misi-misi "
        "tertentu.",
        "Pentagon", "ORG", "Pentagon", "USA", "MIL", id="news-pentagon",
    ),
    pytest.param(  # news 1507483800-ini-lawan-pertama-simona-halep-setelah-jadi-pemain
        "Konta wajib mencapai babak final Kremlin Cup apabila tidak ingin posisinya digusur Garcia.",
        "Kremlin", "LOCATION", "Kremlin", "RUS", None, id="news-kremlin-cup-not-government",
    ),
    pytest.param(  # news 1492052439-kami-percaya-jokowi-masih-punya-nurani
        "Sembilan perempuan petani Kendeng memulai aksi menabuh lesung di depan Istana Merdeka pada hari ini.",
        "Istana Merdeka", "ORG", "Istana Kepresidenan", "IDN", "GOV", id="news-istana-merdeka",
    ),
    # --- news: organisations
    pytest.param(  # news 1505362861-suu-kyi-lewatkan-sidang-umum-pbb-untuk-atasi-krisi
        "Dewan Keamanan PBB akan bertemu di ruang tertutup pada Rabu ini untuk membahas situasi krisis Rohingya.",
        "Dewan Keamanan PBB", "ORG", "United Nations Security Council", None, "IGO", id="news-dk-pbb",
    ),
    pytest.param(  # news 1491093038-saudi-tawari-ri-bangun-kereta-bawah-tanah
        "Indonesia juga mempunyai pengalaman mengembangkan infrastruktur di negara anggota ASEAN, yaitu di "
        "Vietnam melalui grup Ciputra.",
        "ASEAN", "ORG", "ASEAN", None, "IGO", id="news-asean",
    ),
    pytest.param(  # news 1494475110-prabowo-paparkan-kondisi-indonesia-ke-20-dubes-uni
        "Sebanyak 20 duta besar dari negara-negara Uni Eropa hari ini mendatangi kediaman Ketua Umum Partai "
        "Gerindra Prabowo Subianto.",
        "Uni Eropa", "ORG", "European Union", None, "IGO", id="news-uni-eropa",
    ),
    pytest.param(  # news 1493138701-penderita-hepatitis-b-dan-c-capai-325-juta-orang
        "Laporan terakhir dari World Health Organization (WHO) ini dianggap sebagai ancaman mematikan bagi "
        "kesehatan publik.",
        "World Health Organization", "ORG", "World Health Organization", None, "IGO", id="news-who",
    ),
    pytest.param(  # news 1496802780-dikucilkan-negara-arab-ekonomi-qatar-terancam
        "Pada tahun 2016, data Dana Moneter Internasional (IMF) mencatat Qatar merupakan negara dengan PDB per "
        "kapita keempat terbesar di dunia.",
        "Dana Moneter Internasional", "ORG", "International Monetary Fund", None, "IGO", id="news-imf",
    ),
    pytest.param(  # news 1508985795-kota-tua-di-turki-terancam-ditenggelamkan-bendunga
        "Pembangunannya sempat ditunda pada 2008 karena Bank Dunia tidak sepakat dengan rencana penggusuran "
        "tempat bersejarah di sana.",
        "Bank Dunia", "ORG", "World Bank", None, "IGO", id="news-bank-dunia",
    ),
    pytest.param(  # news 1507256057-raja-saudi-lakukan-kunjungan-resmi-ke-rusia-untuk-
        "OPEC dan beberapa negara bukan anggota termasuk Rusia sudah sepakat memangkas produksi minyak mentah.",
        "OPEC", "ORG", "OPEC", None, "IGO", id="news-opec",
    ),
    pytest.param(  # news 1499545500-indonesia-dan-australia-sepakat-tingkatkan-perdaga
        "Presiden Joko Widodo melakukan pertemuan bilateral dengan Perdana Menteri Australia Malcolm Turnbull "
        "di KTT G20, Hamburg, Jerman.",
        "G20", "ORG", "G20", None, "IGO", id="news-g20",
    ),
    pytest.param(  # news 1496435195-polda-metro-koordinasi-dengan-interpol-bahas-rizie
        "Agus mengatakan koordinasi dengan Interpol ini melibatkan Badan Reserse Kriminal (Bareskrim) Polri.",
        "Interpol", "ORG", "Interpol", None, "IGO", id="news-interpol",
    ),
    pytest.param(  # news 1472875213-gempa-71-skala-richter-guncang-selandia-baru
        "Menurut warta kantor berita Xinhua, GeoNet mencatat beberapa gempa susulan kuat.",
        "Xinhua", "ORG", "Xinhua", "CHN", "JRN", id="news-xinhua",
    ),
    pytest.param(  # news 1510717399-rap-monster-ganti-nama-jelang-bts-jadi-tamu-james-
        "dikutip dari Yonhap.",
        "Yonhap", "ORG", "Yonhap", "KOR", "JRN", id="news-yonhap",
    ),
    pytest.param(  # news 1502737800-garry-kasparov-si-dewa-catur-turun-gunung
        '"Semua orang membicarakannya," kata Grand Master Alejandro Ramirez dari AS kepada AFP.',
        "AFP", "ORG", "Agence France-Presse", "FRA", "JRN", id="news-afp",
    ),
    pytest.param(  # news 1478650528-skandal-email-trump-tuding-clinton-dilindungi-sist
        "Dua hari menjelang pemilu, melalui secarik surat kepada Kongres AS, Comey mengatakan pihaknya sudah "
        "bekerja keras.",
        "Kongres AS", "ORG", "United States Congress", "USA", "LEG", id="news-kongres-as",
    ),
    pytest.param(  # news 1506904200-polisi-hentikan-kasus-yusuf-mansur
        "Kemungkinan langkah yang akan ditempuh, lanjut dia, bisa melalui upaya praperadilan atau melaporkan "
        "perkara ini ke Mabes Polri.",
        "Mabes Polri", "ORG", "Mabes Polri", "IDN", "COP", id="news-mabes-polri",
    ),
    # --- news: persons from the actor dictionary
    pytest.param(  # news 1478831433-harapan-veteran-untuk-para-pemuda-bangsa
        "Presiden Joko Widodo bersama Wakil Presiden Jusuf Kalla memperingati Hari Pahlawan 2016.",
        "Joko Widodo", "PERSON", "Joko Widodo", "IDN", "GOV", id="news-joko-widodo",
    ),
    pytest.param(  # news 1478831433-harapan-veteran-untuk-para-pemuda-bangsa
        "Presiden Jokowi bertindak selaku inspektur upacara.",
        "Jokowi", "PERSON", "Joko Widodo", "IDN", "GOV", id="news-jokowi",
    ),
    pytest.param(  # news 1494475110-prabowo-paparkan-kondisi-indonesia-ke-20-dubes-uni
        "mendatangi kediaman Ketua Umum Partai Gerindra Prabowo Subianto.",
        "Prabowo Subianto", "PERSON", "Prabowo Subianto", "IDN", "GOV", id="news-prabowo",
    ),
    pytest.param(  # news 1498846500-as-sanksi-bank-yang-sokong-program-senjata-korut
        "Presiden Donald Trump dijadwalkan bertemu dengan Presiden Korea Selatan Moon Jae-in di Gedung Putih "
        "pada Kamis (29/6).",
        "Moon Jae-in", "PERSON", "Moon Jae-in", "KOR", "GOV", id="news-moon-jae-in",
    ),
    pytest.param(  # news 1496624820-cdb-investasi-jalur-sutra-rp-488-triliun
        "Pembangunan kembali Jalur Sutra adalah visi ambisius Presiden China Xi Jinping.",
        "Xi Jinping", "PERSON", "Xi Jinping", "CHN", "GOV", id="news-xi-jinping",
    ),
    pytest.param(  # news 1484983809-mengenal-fenomena-karoshi-di-jepang
        "Perdana Menteri Shinzo Abe mengatakan, pihaknya kini tengah berdiskusi.",
        "Shinzo Abe", "PERSON", "Shinzo Abe", "JPN", "GOV", id="news-shinzo-abe",
    ),
    pytest.param(  # news 1505343834-presiden-lepas-bantuan-untuk-pengungsi-rohingya-di
        "pengiriman bantuan itu dapat dilakukan Menteri Luar Negeri Retno Marsudi berbicara dengan Pemerintah "
        "Myanmar dan Bangladesh.",
        "Retno Marsudi", "PERSON", "Retno Marsudi", "IDN", "GOV", id="news-retno-marsudi",
    ),
    pytest.param(  # news 1501102320-presiden-turki-ajak-muslim-kunjungi-dan-lindungi-y
        "Presiden Turki Recep Tayyip Erdogan mengajak semua umat Muslim di dunia untuk berkunjung dan "
        "melindungi Yerusalem.",
        "Recep Tayyip Erdogan", "PERSON", "Recep Tayyip Erdoğan", "TUR", "GOV", id="news-erdogan",
    ),
    pytest.param(  # news 1501102320-presiden-turki-ajak-muslim-kunjungi-dan-lindungi-y
        "Presiden Turki Recep Tayyip Erdogan mengajak semua umat Muslim di dunia untuk berkunjung dan "
        "melindungi Yerusalem.",
        "Yerusalem", "LOCATION", "Jerusalem", None, None, id="news-yerusalem-no-country",
    ),
    pytest.param(  # news 1508692500-spanyol-ambil-alih-pemerintahan-dan-memecat-pemimp
        "Pemimpin Eropa lainnya, seperti Angela Merkel dari Jerman dan Emmanuel Macron dari Prancis, juga "
        "memberikan dukungan mereka kepada Madrid.",
        "Angela Merkel", "PERSON", "Angela Merkel", "DEU", "GOV", id="news-merkel",
    ),
    pytest.param(  # news 1508692500-spanyol-ambil-alih-pemerintahan-dan-memecat-pemimp
        "Pemimpin Eropa lainnya, seperti Angela Merkel dari Jerman dan Emmanuel Macron dari Prancis.",
        "Emmanuel Macron", "PERSON", "Emmanuel Macron", "FRA", "GOV", id="news-macron",
    ),
    pytest.param(  # news 1496696158-pm-inggris-sebut-pemilu-tetap-akan-digelar-8-juni
        "Perdana Inggris Theresa May menyebut Pemilu Parlementer tetap akan digelar pada Kamis (8/6).",
        "Theresa May", "PERSON", "Theresa May", "GBR", "GOV", id="news-theresa-may",
    ),
    pytest.param(  # news 1490925626-israel-sunat-sumbangan-ke-pbb
        "Bahkan, Menteri Luar Negeri AS Rex Tillerson secara terbuka mengancam akan menarik diri dari PBB.",
        "Rex Tillerson", "PERSON", "Rex Tillerson", "USA", "GOV", id="news-tillerson",
    ),
    pytest.param(  # news clickid-tribunnews-2318
        'Mike Pompeo mengecam serangan ke Arab Saudi sebagai "tindakan perang" Iran.',
        "Mike Pompeo", "PERSON", "Mike Pompeo", "USA", "GOV", id="news-pompeo",
    ),
    pytest.param(  # news 1491093038-saudi-tawari-ri-bangun-kereta-bawah-tanah
        "Seperti diketahui dalam kunjungan Raja Salman ke Indonesia awal Maret lalu disepakati sejumlah "
        "perjanjian kerjasama.",
        "Raja Salman", "PERSON", "Salman bin Abdulaziz", "SAU", "GOV", id="news-raja-salman",
    ),
    # --- news: persons found by title patterns
    pytest.param(  # news 1511140500-pemprov-dki-akan-lebih-perhatikan-pendidikan-anak-
        "JAKARTA (Pos Kota) – Gubernur DKI Jakarta Anies Baswedan kembali mengingatkan pentingnya pendidikan "
        "anak usia dini.",
        "Anies Baswedan", "PERSON", "Anies Baswedan", "IDN", "GOV", id="news-title-gubernur-region",
    ),
    pytest.param(  # news 1519172100-kpk-periksa-cagub-ntt-terkait-suap-proyek
        '"Dia diperiksa sebagai saksi untuk tersangka WIU (Wilhelmus Iwan Ulumbu)," kata Juru Bicara KPK '
        "Febri Diansyah saat dikonfirmasi, Selasa (20/2).",
        "Febri Diansyah", "PERSON", "Febri Diansyah", "IDN", "COP", id="news-title-sector-from-org",
    ),
    pytest.param(  # news 1506833547-menteri-susi-hadiri-coctail-party-di-italia-bersam
        "ITALIA – Menteri Kelautan dan Perikanan Susi Pudjiastuti menjadi tamu kehormatan pada acara Cocktail "
        "Party di KRI Bima Suci.",
        # IDN since persons.tsv lists her (issue 17); the title alone gives no country
        "Susi Pudjiastuti", "PERSON", "Susi Pudjiastuti", "IDN", "GOV", id="news-title-coordinated-portfolios",
    ),
    pytest.param(  # news 1518058800-pemerintah-diminta-tak-terbitkan-aturan-khusus-soa
        "Rencana pemotongan zakat dari gaji PNS sebelumnya disebutkan oleh Menteri Agama Lukman Hakim Saifuddin.",
        # IDN since persons.tsv lists him (issue 17)
        "Lukman Hakim Saifuddin", "PERSON", "Lukman Hakim Saifuddin", "IDN", "GOV", id="news-title-word-inside-name",
    ),
    pytest.param(  # news 1513987200-kinerja-pimpinan-dpr-pada-2017-dinilai-terburuk-da
        "Namun, di sisi lain mantan Ketua DPR Setya Novanto meminta aksi tersebut tidak dilakukan karena ada "
        "proses di DPR.",
        "Setya Novanto", "PERSON", "Setya Novanto", "IDN", "ELI", id="news-title-former-official",
    ),
    pytest.param(  # news 1495840260-kondisi-polisi-korban-penganiayaan-di-jayapura-sta (Jayapura: cities.tsv)
        "Kedua anggota yang dianiaya itu adalah Kapolres Jayapura AKBP Tober Sirait dan ajudannya, Briptu Nyoman.",
        "Tober Sirait", "PERSON", "Tober Sirait", "IDN", "COP", id="news-title-unit-and-rank",
    ),
    pytest.param(  # news 1504576800-banyak-festival-jumlah-wisman-ke-indonesia-tembus-
        "Kepala BPS Suhariyanto mengungkapkan, setidaknya ada dua festival yang digelar di Jawa Tengah.",
        "Suhariyanto", "PERSON", "Suhariyanto", "IDN", "GOV", id="news-title-single-name-after-org",
    ),
    pytest.param(  # news 1516015800-iran-resmi-cabut-blokir-terhadap-telegram-dan-inst
        "Kantor berita ISNA menulis pemblokiran Telegram telah dicabut sepenuhnya berdasarkan perintah Presiden "
        "Hassan Rouhani.",
        "Hassan Rouhani", "PERSON", "Hassan Rouhani", "IRN", "GOV", id="news-hassan-rouhani",
    ),
]


@pytest.mark.parametrize(("sentence", "surface", "type_", "name", "country", "sector"), MENTIONS)
def test_entities_finds_mention(sentence: str, surface: str, type_: str, name: str, country: str, sector: str) -> None:
    mention = _mention(sentence, surface)
    assert (mention.type, mention.name, mention.country, mention.sector) == (type_, name, country, sector)
    assert sentence[mention.start : mention.end] == surface
    assert mention.key == entity_key(mention)


@pytest.mark.parametrize(
    ("sentence", "surface", "source"),
    [
        pytest.param(  # seeds/002: title before the name, with a coordinated portfolio
            "delegasi Rusia yang dipimpin oleh Menteri Sumber Daya Alam dan Skologi Alexandr Kozlov.",
            "Alexandr Kozlov", "title", id="title-before",
        ),
        pytest.param(  # seeds/002: title after the name
            "kata Lee Seong Kweun, seorang anggota parlemen yang menghadiri pertemuan tersebut.",
            "Lee Seong Kweun", "title", id="title-after",
        ),
        pytest.param(  # seeds/002: a person of the actor dictionary
            "Kim Jong Un dalam beberapa bulan terakhir telah memprioritaskan hubungan dengan Moskow.",
            "Kim Jong Un", "gazetteer", id="gazetteer",
        ),
        pytest.param(  # news 1473181206-mucikari-ar-punya-stok-99-anak-untuk-ditawarkan-ke: speaker
            'Ini akan kita tangani secara berkelanjutan, "kata Agung dalam konferensi pers di Bareskrim Polri, '
            "Jakarta, Rabu (31/8).",
            "Agung", "name-run", id="name-run",
        ),
    ],
)
def test_entities_records_mechanism(sentence: str, surface: str, source: str) -> None:
    assert _mention(sentence, surface).source == source


# Passages of two real sentences from one seed, quoted whole and in order (the
# text between them left out), where a short form must resolve to a full name
# seen earlier in the same document.
COREFERENCE = [
    pytest.param(  # seeds/002
        "Kantor Berita Pusat Korea (KCNA) tidak merinci lebih lanjut tentang perjanjian yang ditandatangani pada "
        "hari Rabu, antara pejabat perdagangan seniornya dan delegasi Rusia yang dipimpin oleh Menteri Sumber "
        "Daya Alam dan Skologi Alexandr Kozlov. Kozlov, yang tiba di Korea Utara pada hari Minggu, bertemu "
        "dengan pemimpin Korea Utara Kim Jong Un dan pejabat ekonomi utamanya, Perdana Menteri Kim Tok Hun, "
        "sebelum kembali ke negaranya\u00a0pada hari Rabu, kata KCNA.",
        "Kozlov", "Alexandr Kozlov", "RUS", "GOV", id="seed002-kozlov",
    ),
    pytest.param(  # seeds/001
        "Pada tanggal 9 Mei lalu, surat kabar resmi Korea Utara, Rodong Sinmun mengabarkan bahwa pemimpin "
        "Kim Jong-un mengirim pesan kepada Presiden Rusia, Vladimir Putin. Kim dan Putin mengadakan pertemuan "
        "puncak pertama mereka pada April tahun lalu di Vladivostok, Rusia.",
        "Kim", "Kim Jong Un", "PRK", "GOV", id="seed001-kim",
    ),
    pytest.param(  # seeds/002
        "Hal ini diungkapkan oleh studi terbaru oleh Lim Soo-ho, seorang analis Korea Selatan di sebuah lembaga "
        "pemikir yang dikelola NIS. “Hal ini menunjukkan bahwa pengiriman pasukan Korea Utara bukan tentang "
        "uang, melainkan tentang perolehan teknologi utama Rusia untuk lebih memajukan program senjata nuklir "
        "dan rudalnya, yang merupakan perhatian utama di Seoul,” tambah Lim.",
        "Lim", "Lim Soo-ho", "KOR", "CVL", id="seed002-lim",
    ),
    pytest.param(  # seeds/004
        "Kunjungan pejabat tinggi Rusia ke Korea Utara dipimpin oleh Menteri Luar Negeri Rusia, Sergei Lavrov, "
        "yang disambut langsung oleh pemimpin tertinggi Korea Utara, Kim Jong-un. “Rusia dan Korea Utara "
        "memiliki sejarah panjang dalam menjalin hubungan yang saling menghormati. Kini saatnya mempererat "
        "kerja sama untuk menghadapi tantangan global bersama,” ujar Lavrov dalam konferensi pers.",
        "Lavrov", "Sergei Lavrov", "RUS", "GOV", id="seed004-lavrov",
    ),
]


@pytest.mark.parametrize(("passage", "surface", "name", "country", "sector"), COREFERENCE)
def test_entities_resolves_short_form_within_document(
    passage: str, surface: str, name: str, country: str | None, sector: str
) -> None:
    mentions = find_mentions(passage)
    short = [m for m in mentions if m.text == surface][-1]
    full = next(m for m in mentions if m.name == name and m.text != surface)
    assert (short.name, short.country, short.sector) == (name, country, sector)
    assert short.key == full.key


def test_entities_leaves_ambiguous_short_form_unresolved() -> None:
    # seeds/002: two earlier Kims (Kim Jong Un, Kim Tok Hun); a lone "Kim" could be either.
    passage = (
        "Kozlov, yang tiba di Korea Utara pada hari Minggu, bertemu dengan pemimpin Korea Utara Kim Jong Un dan "
        "pejabat ekonomi utamanya, Perdana Menteri Kim Tok Hun, sebelum kembali ke negaranya\u00a0pada hari Rabu, "
        "kata KCNA. Kim belum secara langsung mengakui bahwa ia telah menyediakan peralatan dan pasukan militer ke "
        "Rusia untuk mendukung pertempurannya melawan Ukraina."
    )
    lone = passage.index("Kim belum")
    assert not [m for m in find_mentions(passage) if m.start == lone]


SEED_002_RELATED = (
    "Baca Juga: Kim Jong-Un Kirim Tentara Korea Utara ke Rusia, Putin Malah Kirim Singa dan Beruang ke Pyongyang"
)


@pytest.mark.parametrize(
    ("sentence", "not_entity"),
    [
        pytest.param(SEED_002_RELATED, "Singa", id="singa-headline"),  # seeds/002
        pytest.param(SEED_002_RELATED, "Baca Juga", id="baca-juga"),  # seeds/002
        pytest.param(  # seeds/002
            "Selama kunjungan Kozlov, Presiden Rusia Vladimir Putin menghadiahkan Kebun Binatang Pusat Pyongyang "
            "dengan lebih dari 70 hewan, termasuk singa, beruang, dan beberapa spesies burung.",
            "singa", id="singa",
        ),
        pytest.param(  # seeds/000
            "| Kedua pemimpin Rusia dan Korea Utara saat berkunjung ke Pusat Antariksa Vostochny Rusia. "
            "(Sumber: Reuters) |",
            "Sumber", id="sumber",
        ),
        pytest.param(  # seeds/000
            "Saat ini, Rusia dan Korea Utara memiliki potensi untuk banyak pertukaran pelajar, interaksi budaya, "
            "dan kerja sama ilmiah, karena kedua negara memiliki sejarah panjang dalam kemampuan akademik dan "
            "ilmiah.",
            "sama", id="sama",
        ),
        pytest.param(  # seeds/000
            'Oleh karena itu, kerja sama dalam pengembangan teknologi dan inovasi bisa menjadi "batas" berikutnya '
            "yang perlu dihapus.",
            "bisa", id="bisa",
        ),
        pytest.param(  # seeds/002
            "Kesepakatan ini diberitakan oleh media pemerintah Korea Utara, Kamis (21/11/2024).", "Kamis", id="kamis"
        ),
        pytest.param(  # seeds/002
            "sekitar 11.000 tentara Korea Utara pada akhir Oktober telah dipindahkan ke wilayah Kursk Rusia",
            "Oktober", id="oktober",
        ),
        pytest.param(  # seeds/002
            "Kozlov, yang tiba di Korea Utara pada hari Minggu, bertemu dengan pemimpin Korea Utara Kim Jong Un",
            "Minggu", id="minggu",
        ),
        pytest.param(  # seeds/000: a lone "Kim" with no full name before it has no antecedent
            "Kim menyampaikan kepada pemimpin Rusia bahwa pertemuan tersebut telah membawa hubungan bilateral "
            "Rusia-Korea Utara ke tingkat yang baru.",
            "Kim", id="lone-kim",
        ),
        pytest.param(  # news 1506327632-loudi-idola-k-pop-pertama-dari-indonesia: a language
            "Ia juga bisa berbahasa Inggris dan Jepang.", "Inggris", id="language"
        ),
    ],
)
def test_entities_rejects_common_words(sentence: str, not_entity: str) -> None:
    assert not_entity not in {m.text for m in find_mentions(sentence)}
    assert not any(not_entity in m.text.split() for m in find_mentions(sentence) if m.type == "PERSON")


@pytest.mark.parametrize(
    "forms",
    [
        ["Kim Jong Un", "Kim Jong-un", "Kim Jong-Un", "KIM JONG UN"],
        ["Alexandr Kozlov", "Alexander Kozlov", "Aleksandr Kozlov"],
        ["Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy"],
        ["Sergei Lavrov", "Sergey Lavrov"],
        ["Choe Son-hui", "Choe Son Hui"],
        ["Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"],
        ["Mohammed bin Salman", "Mohammad bin Salman", "Muhammad bin Salman"],
    ],
    ids=["kim-jong-un", "kozlov", "zelensky", "lavrov", "choe", "erdogan", "mbs"],
)
def test_entities_key_merges_spelling_variants(forms: list[str]) -> None:
    keys = {entity_key(Mention(0, len(f), f, "PERSON", f)) for f in forms}
    assert len(keys) == 1


def test_entities_key_keeps_distinct_people_apart() -> None:
    names = ["Kim Jong Un", "Kim Jong Il", "Kim Yo Jong", "Kim Tok Hun", "Alexander Kozlov", "Alexander Matsegora"]
    assert len({entity_key(Mention(0, 1, n, "PERSON", n)) for n in names}) == len(names)


def test_entities_key_merges_country_and_capital_as_government() -> None:
    # seeds/001, two sentences
    text = (
        "Pada tanggal 17 Mei, sebuah situs propaganda Korea Utara berulang kali menekankan persahabatan antara "
        "Pyongyang dan Moskow. Jadi, mengapa Korea Utara membiarkan media menyoroti hubungan dekatnya dengan Rusia?"
    )
    keys = {m.text: m.key for m in find_mentions(text)}
    assert keys["Moskow"] == keys["Rusia"] == "COUNTRY:RUS"
    assert keys["Pyongyang"] == keys["Korea Utara"] == "COUNTRY:PRK"


def test_entities_every_data_file_parses_and_is_not_empty() -> None:
    files = sorted(p for p in GAZETTEER_DIR.iterdir() if p.suffix in (".tsv", ".txt"))
    assert {p.name for p in files} >= {
        "countries.tsv", "countries_id_overrides.tsv", "capitals.tsv", "places.tsv", "subdivisions_idn.tsv",
        "organisations.tsv", "persons.tsv", "titles.tsv", "org_patterns.tsv", "cues.tsv", "translit.tsv",
        "stoplist.txt",
    }
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert [line for line in lines if line.strip() and not line.startswith("#")], f"{path.name} has no entries"
    gazetteer = Gazetteer(GAZETTEER_DIR)  # validates every row
    assert len(gazetteer.country_names) == 249  # every ISO 3166-1 country


def test_entities_no_form_names_two_entities() -> None:
    seen: dict[str, set[tuple[str, str]]] = {}
    for form, entries in load_gazetteer().entries.items():
        seen.setdefault(form.lower(), set()).update((e.type, e.name) for e in entries)
    assert {form: e for form, e in seen.items() if len(e) > 1} == {}


@pytest.mark.parametrize(
    ("name", "bad_line", "message"),
    [
        ("persons.tsv", "Nobody Known\t-\tXXX\tGOV\trole\tsource\n", "persons.tsv:"),
        ("organisations.tsv", "Only three\tfields\there\n", "organisations.tsv:"),
        ("capitals.tsv", "Atlantis\tAtlantis\tGRC\tcapital\tmaybe\tGOV\tnote\n", "capitals.tsv:"),
        ("titles.tsv", "raja muda\tgov\tcountry\ttitle\n", "titles.tsv:"),
        ("offices.tsv", "presiden\tRUS\tNobody Known\t2000-01-01\t-\tsource\n", "offices.tsv:"),
        ("offices.tsv", "kaisar galaksi\tRUS\tVladimir Putin\t2000-01-01\t-\tsource\n", "offices.tsv:"),
        ("offices.tsv", "presiden\tRUS\tVladimir Putin\t2000\t-\tsource\n", "offices.tsv:"),
    ],
    ids=["unknown-country", "too-few-fields", "bad-metonym", "bad-sector", "unknown-holder", "unknown-title",
         "bad-day"],
)
def test_entities_rejects_bad_data_line_by_number(tmp_path: Path, name: str, bad_line: str, message: str) -> None:
    directory = tmp_path / "gazetteer"
    shutil.copytree(GAZETTEER_DIR, directory)
    path = directory / name
    lines = path.read_text(encoding="utf-8").count("\n")
    path.write_text(path.read_text(encoding="utf-8") + bad_line, encoding="utf-8")
    with pytest.raises(GazetteerError, match=f"{message}{lines + 1}:"):
        Gazetteer(directory)


# An office named with its country and no name is its holder on the publication day
# (sentences from ../shared/corpus/news and seeds/000; dates as published).
OFFICES = [
    ("Dalam kunjungan pertamanya dalam empat tahun, pemimpin Korea Utara mengunjungi Rusia untuk bertemu "
     "Presiden Putin.", None, "pemimpin Korea Utara", "Kim Jong Un"),  # seeds/000, undated: the holder now
    ("Sementara itu, pemimpin China juga semakin khawatir terhadap kemunculan gerakan itu.",
     "2016-12-29", "pemimpin China", "Xi Jinping"),
    ("Presiden Korea Selatan mengatakan pada Senin bahwa terdapat tanda-tanda uji coba nuklir.",
     "2016-09-16", "Presiden Korea Selatan", "Park Geun-hye"),
    ("Dari situ juga kehadiran PM Malaysia dan Obama makin meramaikan situasi.", "2017-06-24", "PM Malaysia", "Najib Razak"),
    ("Dari situ juga kehadiran PM Malaysia dan Obama makin meramaikan situasi.", "2019-06-24", "PM Malaysia",
     "Mahathir Mohamad"),
    # a description refers back to the holder named before it, whatever the date
    ("Obama masih belum menyampaikan pidatonya. Presiden AS itu sudah berada di Jakarta.", "2017-07-02",
     "Presiden AS", "Barack Obama"),
    ("Donald Trump, Presiden Amerika Serikat, yang menodai citra Amerika.", "2018-01-13",
     "Presiden Amerika Serikat", "Donald Trump"),
    # a defence minister (indosum-dev.jsonl#3192, on the apology to Ryamizard in October 2017)
    ('"Permintaan maaf disampaikan secara khusus sebelum Menhan AS bertemu para Mehan ASEAN," ujar Totok.',
     "2017-10-23", "Menhan AS", "James Mattis"),
]

NOT_OFFICES = [
    ("Trump yang akan dilantik sebagai Presiden AS pada 20 Januari, berjanji memperluas lapangan pekerjaan.", "2016-11-10"),
    ("Pemberian maaf atas kesalahan yang dilakukan Presiden AS ke-37 Richard Nixon.", "2017-05-01"),
    ("Ibu istri dari presiden RI keenam saat ini tengah menjalani perawatan.", "2019-05-21"),
    ("Yusof Ishak menjabat Presiden Singapura tahun 1965-1970.", "2017-09-12"),
    ("Kata George W Bush, presiden Amerika saat mengumumkan serangan udara.", "2019-09-10"),
    ("Pemimpin Korea Utara (Korut) Kim Jong-un dikenal memiliki sikap yang tegas.", "2019-01-01"),
    ("Para pemimpin Rusia dan Korea Utara tiba di Vladivostok.", "2019-04-25"),
    ("Mantan Presiden AS itu berbicara di Jakarta.", "2017-07-01"),
    ("Presiden Chad tiba di Jakarta.", None),  # no one in office now in offices.tsv
    # a building named after the office (clickid.jsonl#1717)
    ('"(Permintaan) yang kesembilan membangun Istana Presiden RI di Papua, di ibu kota provinsi Papua, '
     'di Kota Jayapura," kata Abisai.', "2019-09-11"),
]


@pytest.mark.parametrize(("sentence", "published", "surface", "name"), OFFICES)
def test_entities_office_is_its_holder(sentence: str, published: str | None, surface: str, name: str) -> None:
    found = [(m.text, m.name, m.source) for m in find_mentions(sentence, published=published) if m.source == "office"]
    assert found == [(surface, name, "office")]


@pytest.mark.parametrize(("sentence", "published"), NOT_OFFICES)
def test_entities_office_without_a_present_holder(sentence: str, published: str | None) -> None:
    assert [m.text for m in find_mentions(sentence, published=published) if m.source == "office"] == []


def test_entities_office_holder_then_a_lone_surname() -> None:
    """seeds/000: "pemimpin Korea Utara" is Kim Jong Un, so the next sentence's lone
    "Kim" is too, and "pemimpin Rusia" is Putin, named before."""
    text = ("Dalam kunjungan pertamanya dalam empat tahun, pemimpin Korea Utara mengunjungi Rusia untuk bertemu "
            "Presiden Putin dan menghadiri Forum Ekonomi Timur Jauh. Kim menyampaikan kepada pemimpin Rusia bahwa "
            "pertemuan tersebut telah membawa hubungan bilateral Rusia-Korea Utara ke tingkat yang baru.")
    persons = [(m.text, m.name, m.source) for m in find_mentions(text) if m.type == "PERSON"]
    assert persons == [
        ("pemimpin Korea Utara", "Kim Jong Un", "office"),
        ("Putin", "Vladimir Putin", "gazetteer"),
        ("Kim", "Kim Jong Un", "coreference"),
        ("pemimpin Rusia", "Vladimir Putin", "office"),
    ]


def test_entities_settle_overlaps_prefers_longest_then_surer_source() -> None:
    long = Mention(0, 19, "Kim Jong Un (Korut)", "PERSON", "A", source="coreference")
    inner = Mention(0, 11, "Kim Jong Un", "PERSON", "B", source="gazetteer")
    same_span_title = Mention(20, 25, "Kozlo", "PERSON", "C", source="title")
    same_span_gazetteer = Mention(20, 25, "Kozlo", "PERSON", "D", source="gazetteer")
    kept = settle_overlaps([inner, same_span_title, long, same_span_gazetteer])
    assert [m.name for m in kept] == ["A", "D"]


# seeds/000: two sentences, one without entities, repeated into one 5 MB paragraph.
FIVE_MB_PARAGRAPH = (
    "Meskipun kedua negara masih memelihara hubungan baik, lanskap geopolitik saat ini mendorong mereka untuk "
    "mengeksplorasi kemitraan strategis dan komersial yang lebih dalam. Rusia telah mendukung suara Korea Utara "
    "di forum-forum multilateral Asia dan melihat adanya konvergensi kepentingan strategis di sana. "
) * 17_000


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n\t",
        FIVE_MB_PARAGRAPH,
        "Kim Jong Un bertemu Vladimir Putin di Pyongyang. " * 4_000,  # 200 kB, four mentions a sentence
        "🇷🇺🇰🇵 Putin 🤝 Kim Jong Un 🎉 di Pyongyang 😀" * 10,
        "김정은 국무위원장이 블라디미르 푸틴 대통령과 만났다. Korea Utara",
        "Владимир Путин встретился с Ким Чен Ыном. Rusia",
        "İSTANBUL, Türkiye — Erdoğan",  # a character whose lower case is longer
        "\x00\x01 AS\u200b Rusia\ufeff",
        "-" * 10_000 + "AS",
    ],
    ids=["empty", "blank", "5mb-paragraph", "dense", "emoji", "korean", "cyrillic", "dotted-i", "controls", "dashes"],
)
def test_entities_survives_unusual_text(text: str) -> None:
    mentions = find_mentions(text)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))


def test_entities_offsets_survive_length_changing_lower_case() -> None:
    text = "İİİ Presiden Rusia Vladimir Putin"
    assert [m.text for m in find_mentions(text)] == ["Rusia", "Vladimir Putin"]


@pytest.mark.skipif(not (CORPUS / SEED_002).exists(), reason="shared corpus not mounted")
def test_entities_seed_article_persons() -> None:
    text = (CORPUS / SEED_002).read_text(encoding="utf-8")
    persons = {(m.name, m.country, m.sector) for m in find_mentions(text) if m.type == "PERSON"}
    assert persons == {
        ("Vladimir Putin", "RUS", "GOV"),
        ("Kim Jong Un", "PRK", "GOV"),
        ("Alexandr Kozlov", "RUS", "GOV"),
        ("Kim Tok Hun", "PRK", "GOV"),
        ("Lee Seong Kweun", "KOR", "LEG"),
        ("Lim Soo-ho", "KOR", "CVL"),
        ("Kristina Kormilitsyna", None, None),  # the photo credit: a name of two capitalised words (names.py)
    }


@pytest.mark.parametrize(
    "text, home",
    [
        # the Jakarta newsroom's dateline, in a story that names Indonesia again (indosum-dev.jsonl#405)
        ("Jakarta, CNN Indonesia-- Seorang simpatisan Organisasi Papua Merdeka memanjat tembok kantor Konsulat "
         "Jenderal Republik Indonesia di Melbourne.", "IDN"),
        # ... and in one that does not: no home (indosum-dev.jsonl#3394)
        ("Jakarta, CNN Indonesia-- Presiden Afrika Selatan Jacob Zuma akhirnya mengundurkan diri.", None),
        # the agency style (indosum-dev.jsonl#729) and a capitalised place with a long dash (indosum-dev.jsonl#1538)
        ("Yangon (ANTARA News)-Pemimpin nasional Myanmar Aung San Suu Kyi tidak akan menghadiri Sidang Umum.", "MMR"),
        ("KUWAIT – Meski belum ada pernyataan resmi, namun seorang diplomat Korea Utara menyebutkan, jika duta besar "
         "mereka diusir oleh Kuwait.", "KWT"),
        # a place and a hyphen spaced on both sides, as detik.com and okezone write it (clickid-okezone-8226)
        ("TOKYO - Produsen otomotif asal Jepang ini telah mengukuhkan namanya untuk pasar EV (Electric Vehicle) "
         "sejak tahun 2010.", "JPN"),
        # a hyphen between two countries is no dateline
        ("Korut-Rusia Sepakat Perluas Kerja Sama\nKorea Utara dan Rusia mencapai kesepakatan baru.", None),
        # the outlet's web address first, then the place (Republika, Liputan6 and Tempo write so)
        ("REPUBLIKA.CO.ID, NAYPYIDAW -- Junta militer Myanmar mengumumkan gencatan senjata sementara.", "MMR"),
        ("Liputan6.com, Port Sudan - Pemerintah Sudan memutus hubungan diplomatik dengan Uni Emirat Arab.", "SDN"),
    ],
)
def test_entities_home_country_from_the_dateline(text, home):
    assert home_country(text, find_mentions(text)) == home


def test_entities_unnamed_persons_country_is_a_foreign_datelines() -> None:
    """A story datelined abroad happens there, however often it names Indonesia: the junta's
    spokesman whom no list knows is Myanmar's, not Indonesia's (news of April 2025)."""
    text = ("REPUBLIKA.CO.ID, NAYPYIDAW -- Junta militer Myanmar mengumumkan gencatan senjata sementara setelah gempa "
            "mengguncang Myanmar. Militer Myanmar masih menyerang desa di Sagaing. Menteri Luar Negeri Indonesia "
            "Sugiono mendesak junta membuka akses bantuan. Pemerintah Indonesia mengirimkan bantuan kemanusiaan. "
            "Zaw Min Tun membantah tuduhan itu.")
    found = {m.text: m.country for m in find_mentions(text, model=True, language="id", edges=True)}
    assert found["Zaw Min Tun"] == "MMR"
    # ANTARA's "Makkah (ANTARA) -" over Indonesia's pilgrims: an unlisted pilgrim is Indonesian
    text = ("Makkah (ANTARA) - Jamaah haji Indonesia mulai tiba di Makkah, Arab Saudi. Petugas haji Indonesia "
            "mendampingi jamaah Indonesia. Kementerian Agama Indonesia menyiapkan hotel. Dedi Supriadi bersyukur.")
    found = {m.text: m.country for m in find_mentions(text, model=True, language="id", edges=True)}
    assert found["Dedi Supriadi"] == "IDN"


# (sentence, language, expected (surface, type, country) of every mention); the comment names the source.
@pytest.mark.parametrize(
    "text, language, expected",
    [
        pytest.param(  # clickid.jsonl#1463: a domestic story; the title names no country
            "Kabid Humas\nKombes Pol Argo Yuwono, mengimbau agar suporter timnas Indonesia tidak melakukan aksi "
            "anarkis saat lanjutan laga kualifikasi Piala Dunia 2022 Zona Asia Grup G di Stadion Utama Gelora Bung "
            "Karno, Jakarta, Selasa (10/9/2019).",
            "id",
            [("Argo Yuwono", "PERSON", "IDN"), ("Indonesia", "COUNTRY", "IDN"), ("Asia", "LOCATION", None),
             ("Stadion Utama Gelora Bung Karno", "LOCATION", "IDN"), ("Jakarta", "LOCATION", "IDN")],
            id="domestic-titled-person",
        ),
        pytest.param(  # clickid.jsonl#2244: an unqualified ministry of an Indonesian outlet
            "Imam Nahrawi juga telah berpamitan dengan sejumlah pejabat dan staf di Kementerian Pemuda dan Olahraga "
            "(Kemenpora), Kamis sore.",
            "id",
            [("Imam Nahrawi", "PERSON", "IDN"), ("Kementerian Pemuda dan Olahraga", "ORG", "IDN"),
             ("Kemenpora", "ORG", "IDN")],
            id="domestic-ministry",
        ),
        pytest.param(  # the same sentence in a document of no known language: no home country (the
            # ministry is Indonesia's by organisations.tsv, the minister by the annotated corpus's names)
            "Imam Nahrawi juga telah berpamitan dengan sejumlah pejabat dan staf di Kementerian Pemuda dan Olahraga "
            "(Kemenpora), Kamis sore.",
            None,
            [("Imam Nahrawi", "PERSON", "IDN"), ("Kementerian Pemuda dan Olahraga", "ORG", "IDN"),
             ("Kemenpora", "ORG", "IDN")],
            id="no-language",
        ),
        pytest.param(  # clickid.jsonl#2335: an international body keeps no country (home.tsv: except IGO)
            "Setelah , dan red notice dari Interpol, Barung mengatakan bahwa langkah polisi selanjutnya adalah "
            "ekstradiksi.",
            "id",
            [("Interpol", "ORG", None)],
            id="domestic-igo",
        ),
    ],
)
def test_entities_home_country_of_a_domestic_story(text: str, language: str | None, expected: list) -> None:
    assert [(m.text, m.type, m.country) for m in find_mentions(text, language=language)] == expected


def test_entities_short_form_of_an_english_name_defined_in_parentheses() -> None:
    """News of 2025 on Sudan: "Pasukan Dukungan Cepat (RSF)" defines "RSF" by the English
    name's initials (Rapid Support Forces), so every "RSF", which the recogniser also finds
    alone, is that body and Sudan's, not the story's other country."""
    text = ("Pasukan Dukungan Cepat (RSF) merebut kota El Fasher dari tentara Sudan. Presiden China berkata pihaknya "
            "prihatin. RSF membantah.")
    found = [(m.text, m.name, m.country, m.source) for m in find_mentions(text, model=True, language="id", edges=True)
             if m.type == "ORG"]
    assert found == [("Pasukan Dukungan Cepat", "Rapid Support Forces", "SDN", "gazetteer"),
                     ("RSF", "Rapid Support Forces", "SDN", "coreference"),
                     ("RSF", "Rapid Support Forces", "SDN", "coreference")]


def test_entities_a_name_in_parentheses_is_no_short_form() -> None:
    """Crime news gives a witness's name in brackets after his town: "Budi" stays a person."""
    text = "Seorang warga Bandung (Budi) melapor ke polisi. Budi mengaku kehilangan sepeda motornya."
    assert [m.type for m in find_mentions(text, model=True, language="id", edges=True) if m.text == "Budi"] == [
        "PERSON", "PERSON"]


def test_entities_short_form_defined_in_parentheses_names_the_body_everywhere() -> None:
    """clickid.jsonl: "Dinas Kesehatan (Dinkes)" defines "Dinkes"; the name and the short form are two
    mentions (as the annotation lists them), and each "Dinkes" is the same body."""
    text = ("Data Dinas Kesehatan (Dinkes) Kabupaten Sukabumi menyebutkan hingga Selasa petang jumlah pasien menjadi "
            "182 orang, mulai anak hingga dewasa. Di antaranya pemberian cairan infus untuk menggantikan keseimbangan "
            'cairan dan elektrolit dalam tubuh," ungkap Pelaksana Tugas (Plt) Kepala Dinas Kesehatan (Dinkes) '
            "Kabupaten Sukabumi, Harun Al Rasyid kepada , di Pustu Cibuntu, Selasa.")
    orgs = [(m.text, m.name, m.country, m.source) for m in find_mentions(text, language="id") if m.type == "ORG"]
    assert orgs == [
        ("Dinas Kesehatan", "Dinas Kesehatan", "IDN", "gazetteer"),
        ("Dinkes", "Dinas Kesehatan", "IDN", "coreference"),
        ("Dinas Kesehatan", "Dinas Kesehatan", "IDN", "gazetteer"),
        ("Dinkes", "Dinas Kesehatan", "IDN", "coreference"),
        ("Pustu Cibuntu", "Pustu Cibuntu", "IDN", "gazetteer"),
    ]
    persons = [m.text for m in find_mentions(text, language="id") if m.type == "PERSON"]
    assert persons == ["Harun Al Rasyid"]  # "Pelaksana Tugas (Plt)" is a title (titles.tsv)


def test_entities_person_without_a_country_in_a_foreign_story() -> None:
    """clickid.jsonl#4533: a story naming another country does not make its countryless
    speaker Indonesian; he takes the country the story names most (here the only one)."""
    text = ('"Senjata yang dikembangkan Korea Utara kini hampir sempurna untuk menghindari sistem pertahanan," '
            "kata Choi dikutip , via , Senin (9/9/2019).")
    found = [(m.text, m.type, m.country) for m in find_mentions(text, language="id")]
    assert found == [("Korea Utara", "COUNTRY", "PRK"), ("Choi", "PERSON", "PRK")]


def test_entities_person_without_a_country_takes_the_story_s_main_country() -> None:
    """clickid.jsonl#1463 (the speaker's title names no country): a Jakarta story that also names
    Australia once keeps its police spokesman Indonesian."""
    text = ("Kabid Humas Polda Metro Jaya Kombes Pol Argo Yuwono mengatakan polisi sudah berkoordinasi dengan "
            "Kedutaan Besar Australia di Jakarta, Selasa (10/9/2019). Argo Yuwono menambahkan, Polda Metro Jaya "
            "akan memeriksa dua saksi di Jakarta.")
    persons = [(m.text, m.country) for m in find_mentions(text, language="id") if m.type == "PERSON"]
    assert persons == [("Argo Yuwono", "IDN"), ("Argo Yuwono", "IDN")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(  # clickid.jsonl: two names without a title, one after a comma
            "Sebelumnya KPK menetapkan Imam Nahrawi beserta asisten pribadinya, Miftahul Ulum, sebagai tersangka.",
            [("Imam Nahrawi", "IDN", "name-run"), ("Miftahul Ulum", "IDN", "name-run")],
            id="bare-names",
        ),
        pytest.param(  # clickid.jsonl: one name after a person cue
            "Menurut Argo, kepolisian akan menelusuri terlebih dahulu lokasi dan waktu pembuatan video ancaman "
            "pembunuhan terhadap tiga tokoh tersebut.",
            [("Argo", "IDN", "name-run")],
            id="menurut",
        ),
        pytest.param(  # clickid.jsonl: an honorific, and a verb of saying
            "“Jadi waktu itu saya diminta oleh Pak Mulyana, mobilnya sudah tidak enak, dan beliau butuh yang "
            "baru,” kata Supriyono saat bersaksi.",
            [("Mulyana", "IDN", "name-run"), ("Supriyono", "IDN", "name-run")],
            id="pak",
        ),
        pytest.param(  # clickid.jsonl: a term in title case and a court are no persons
            "Tak menempuh langkah banding atau kasasi atas vonis 15 tahun penjara oleh majelis hakim pada "
            "Pengadilan Tindak Pidana Korupsi Jakarta.",
            [],
            id="term-in-title-case",
        ),
        pytest.param(  # clickid.jsonl#5372: a title, not a name, after a verb of saying
            "\"Kemarin datang totalnya 5.600 (pasukan),\" ujar Presiden di Pangkalan TNI AU Roesmin Nurjadin.",
            [],
            id="kata-presiden",
        ),
    ],
)
def test_entities_names_without_a_title(text: str, expected: list) -> None:
    persons = [(m.text, m.country, m.source) for m in find_mentions(text, language="id") if m.type == "PERSON"]
    assert persons == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(  # clickid.jsonl: a head of org_patterns.tsv takes the province as part of its name
            "Oleh Polda Jawa Timur, Veronica Koman dijerat pasal berlapis.",
            [("Polda Jawa Timur", "ORG", "IDN", "COP"), ("Veronica Koman", "PERSON", "IDN", None)],
            id="polda-province",
        ),
        pytest.param(  # clickid.jsonl: a court named with its city
            '"Mohon yang mulia," ujar Kivlan Zen lalu dia terbatuk-batuk, dihadapan majelis hakim di Pengadilan '
            "Negeri Jakarta Pusat, Selasa (10/9/2019).",
            [("Kivlan Zen", "PERSON", "IDN", None), ("Pengadilan Negeri Jakarta Pusat", "ORG", "IDN", "JUD")],
            id="court-city",
        ),
        pytest.param(  # clickid.jsonl: a body, its short form, and a place of place_patterns.tsv
            "Maryono mengatakan, sejumlah sampel makanan dari warung nasi dan sampel muntah dari korban dugaan "
            "keracunan sudah dibawa Dinas Kesehatan (Dinkes) Kabupaten Sukabumi.",
            [("Dinas Kesehatan", "ORG", "IDN", "GOV"), ("Dinkes", "ORG", "IDN", "GOV"),
             ("Kabupaten Sukabumi", "LOCATION", "IDN", None)],
            id="dinas-kabupaten",
        ),
    ],
)
def test_entities_bodies_and_places_named_by_a_head(text: str, expected: list) -> None:
    found = [(m.text, m.type, m.country, m.sector) for m in find_mentions(text, language="id")]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(  # clickid.jsonl: clubs named with their city (names.place_compounds; Bandung: cities.tsv)
            "Persib Bandung harus membayar denda sebesar Rp 300 juta karena ulah suporter Maung Bandung pada pekan "
            "ke-17 Liga 1 2019.",
            [("Persib Bandung", "ORG", "IDN"), ("Maung Bandung", "ORG", "IDN")],
            id="clubs",
        ),
        pytest.param(  # news: an event named after a country is no body (test above: "GP Prancis"); a place
            # named by a head with no country of its own takes the story's main country
            "Para pebalap akan bersaing pada GP Belanda yang berlangsung di Sirkuit Assen, 23-25 Juni.",
            [("Belanda", "COUNTRY", "NLD"), ("Sirkuit Assen", "LOCATION", "NLD")],
            id="event",
        ),
    ],
)
def test_entities_names_holding_a_place(text: str, expected: list) -> None:
    assert [(m.text, m.type, m.country) for m in find_mentions(text, language="id")] == expected


@pytest.mark.parametrize(
    ("text", "surface", "country", "sector"),
    [
        pytest.param(  # persons.tsv, issue 17: a head of government named without a title
            "Claudia Sheinbaum mengatakan pemerintahnya akan menunggu hingga awal April sebelum membalas tarif "
            "tersebut.",
            "Claudia Sheinbaum", "MEX", "GOV", id="head-of-government",
        ),
        pytest.param(  # a surname alone, as Indonesian outlets write it
            "Anutin menegaskan kedua negara telah sepakat menghentikan tembakan di sepanjang perbatasan.",
            "Anutin", "THA", "GOV", id="surname-alone",
        ),
        pytest.param(  # an armed group's leader
            "Abdul-Malik al-Houthi dalam pidatonya mengancam akan terus menyerang kapal-kapal di Laut Merah.",
            "Abdul-Malik al-Houthi", "YEM", "REB", id="armed-group-leader",
        ),
        pytest.param(  # a head of an IGO keeps no country
            "Kao Kim Hourn menyambut baik keputusan para pemimpin untuk menerima Timor-Leste sebagai anggota.",
            "Kao Kim Hourn", None, "IGO", id="igo-head",
        ),
        pytest.param(  # an Indonesian minister of the Prabowo cabinet
            "Purbaya Yudhi Sadewa mengatakan anggaran tambahan itu akan dicairkan bulan depan.",
            "Purbaya Yudhi Sadewa", "IDN", "GOV", id="indonesian-minister",
        ),
        pytest.param(  # corpus/recent a12 (session 21): a chief of staff named without his title, in a
            # sentence naming only China
            "Romeo Brawner mengecam tindakan itu sebagai pembajakan, sementara China membantah tuduhan tersebut.",
            "Romeo Brawner", "PHL", "MIL", id="chief-of-staff",
        ),
        pytest.param(  # corpus/recent b03 (session 21): Lebanon's foreign minister of 2021-2025
            "Abdallah Bou Habib menyatakan negaranya akan mengadukan Israel ke Dewan Keamanan PBB.",
            "Abdallah Bou Habib", "LBN", "GOV", id="foreign-minister",
        ),
    ],
)
def test_entities_person_of_the_wider_list_gets_its_country(text: str, surface: str, country: str | None,
                                                           sector: str) -> None:
    found = [(m.type, m.country, m.sector) for m in find_mentions(text, language="id") if m.text == surface]
    assert found == [("PERSON", country, sector)]
