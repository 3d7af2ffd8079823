"""Quantities and money in real Indonesian sentences.

Every sentence in the tables is quoted from the shared corpus; the comment names
the source: a seed file (`seeds/002`) or an article id of
`news/indosum-dev.jsonl` or `news/clickid.jsonl`. Each row lists every quantity
find_quantities must return for the sentence, in order, as
(text, kind, value, value_max, unit, approx, per).
"""

from __future__ import annotations

import gc
import random
import time

import pytest

from warta.language.quantities import find_quantities
from warta.language.quantities.vocabulary import build_grammar


def rows(text: str) -> list[tuple]:
    found = find_quantities(text)
    for q in found:
        assert text[q.start : q.end] == q.text
    return [(q.text, q.kind, q.value, q.value_max, q.unit, q.approx, q.per) for q in found]


SEED_SENTENCES = [
    # seeds/000
    (
        "perdagangan bilateral tahun lalu dilaporkan mencapai $120 juta, menandai peningkatan yang signifikan",
        [("$120 juta", "money", 1.2e8, None, "USD", None, None)],
    ),
    # seeds/002
    (
        "Presiden Rusia Vladimir Putin menghadiahkan Kebun Binatang Pusat Pyongyang dengan lebih dari 70 hewan, "
        "termasuk singa, beruang, dan beberapa",
        [("lebih dari 70 hewan", "count", 70.0, None, "hewan", "more_than", None)],
    ),
    # seeds/002
    (
        "Badan Intelijen Nasional Korea Selatan mengatakan kepada anggota parlemen dalam pengarahan tertutup pada "
        "hari Rabu bahwa sekitar 11.000 tentara Korea Utara pada akhir Oktober telah dipindahkan ke wilayah "
        "Kursk Rusia",
        [("sekitar 11.000 tentara", "count", 11000.0, None, "tentara", "about", None)],
    ),
    # seeds/002: the span starts at "antara", the opener that makes it a range
    (
        "Sementara itu sebagai timbal balik, Korea Utara kemungkinan akan mendapatkan antara $320 juta hingga "
        "$1,3 miliar per tahun dari Rusia untuk mengirim pasukannya ke Ukraina.",
        [("antara $320 juta hingga $1,3 miliar per tahun", "money", 3.2e8, 1.3e9, "USD", None, "year")],
    ),
]

MONEY = [
    # indosum 1513903431-xiaomi-luncurkan-redmi-5a-di-indonesia
    (
        "Sedangkan, versi sebelumnya yakni Redmi 4A, yang saat ini masih dijual di Indonesia, dibanderol Rp 1,5 juta.",
        [("Rp 1,5 juta", "money", 1.5e6, None, "IDR", None, None)],
    ),
    # clickid-sindonews-8672: the currency glued to the number
    (
        "Tribune yang dibandrol Rp350.000, Bronze Rp500.000, Silver Rp850.000, Gold Rp1 juta, dan Platinum Rp1,5 juta.",
        [
            ("Rp350.000", "money", 350000.0, None, "IDR", None, None),
            ("Rp500.000", "money", 500000.0, None, "IDR", None, None),
            ("Rp850.000", "money", 850000.0, None, "IDR", None, None),
            ("Rp1 juta", "money", 1e6, None, "IDR", None, None),
            ("Rp1,5 juta", "money", 1.5e6, None, "IDR", None, None),
        ],
    ),
    # indosum 1513295866-hakim-tetapkan-praperadilan-setya-novanto-gugur
    (
        "Ia didakwa merugikan negara 7,3 juta dolar AS atau setara dengan Rp 2,3 triliun.",
        [
            ("7,3 juta dolar AS", "money", 7.3e6, None, "USD", None, None),
            ("Rp 2,3 triliun", "money", 2.3e12, None, "IDR", None, None),
        ],
    ),
    # indosum 1480075262-renovasi-disneyland-hong-kong-telan-dana-triliunan
    (
        "Film animasi ‘ Frozen’ meraup keuntungan lebih dari US$ 1,3 miliar (sekitar Rp 17 triliun) dari "
        "pemutarannya",
        [
            ("lebih dari US$ 1,3 miliar", "money", 1.3e9, None, "USD", "more_than", None),
            ("sekitar Rp 17 triliun", "money", 1.7e13, None, "IDR", "about", None),
        ],
    ),
    # clickid-kompas-4232: "Dollar" in any case, "AS" as written
    (
        "Bambang diduga telah menerima suap sedikitnya 2,9 juta Dollar AS selama periode 2010-2013 melalui rekening",
        [("sedikitnya 2,9 juta Dollar AS", "money", 2.9e6, None, "USD", "at_least", None)],
    ),
    # indosum 1502473144-barcelona-bertekad-tebus-klausul-marco-asensio
    (
        "Barca sejatinya bisa saja menebus harga yang diminta untuk kedua pemain itu, berbekal dana € 222 juta dari "
        "hasil penjualan Neymar.",
        [("€ 222 juta", "money", 2.22e8, None, "EUR", None, None)],
    ),
    # indosum 1513754100-huami-umumkan-duo-smartwatch-amazfit-baru
    (
        "masing-masing seharga 999 yuan (± Rp 2,1 juta) dan 1.499 yuan (± Rp 3,1 juta).",
        [
            ("999 yuan", "money", 999.0, None, "CNY", None, None),
            ("± Rp 2,1 juta", "money", 2.1e6, None, "IDR", "about", None),
            ("1.499 yuan", "money", 1499.0, None, "CNY", None, None),
            ("± Rp 3,1 juta", "money", 3.1e6, None, "IDR", "about", None),
        ],
    ),
    # indosum 1499241600-manchester-city-umumkan-harga-wilfried-bony
    (
        "tanda tangan pemain Pantai Gading itu bisa ditebus dengan harga tak kurang dari 17,5 juta poundsterling.",
        [("tak kurang dari 17,5 juta poundsterling", "money", 1.75e7, None, "GBP", "at_least", None)],
    ),
    # clickid-okezone-8181
    (
        "Ayahnya mengatakan, mereka telah menghabiskan RM300 ribu atau setara dengan Rp1 miliar untuk membangun",
        [
            ("RM300 ribu", "money", 300000.0, None, "MYR", None, None),
            ("Rp1 miliar", "money", 1e9, None, "IDR", None, None),
        ],
    ),
    # clickid-sindonews-9201: "T" is triliun, but only after a rupiah amount
    (
        "Total Realisasi penyaluran KUR dari Agustus 2015 sampai dengan 31 Juli 2019 sebesar Rp421,99 T dengan "
        "outstanding Rp150,9 T, dan Non Performing Loan (NPL) 1,38%.",
        [
            ("Rp421,99 T", "money", 4.2199e14, None, "IDR", None, None),
            ("Rp150,9 T", "money", 1.509e14, None, "IDR", None, None),
            ("1,38%", "percent", 1.38, None, "percent", None, None),
        ],
    ),
    # clickid-kapanlagi-542: "M" is miliar after a rupiah amount; "2 tahun" is a duration
    (
        "Sehingga ia bisa menghabiskan total biaya perawatan Rp 4 M dalam kurun 2 tahun.",
        [("Rp 4 M", "money", 4e9, None, "IDR", None, None)],
    ),
    # indosum 1495876500-injak-wasit-marcel-sacramento-dilarang-main-6-laga: the price tail ",-"
    (
        "Manahati Lestusen dikenakan sanksi 3 kali larangan bermain pada kompetisi Liga 1 tahun 2017 dan denda "
        "Rp. 10.000.000,-karena mencekik pemain PSM Makassar Sdr.",
        [("Rp. 10.000.000,-", "money", 1e7, None, "IDR", None, None)],
    ),
    # indosum 1500440400-batal-menikah-wanita-ini-undang-170-tunawisma: English "23,000"; "jutaan" as a rough scale
    (
        "pasangan ini menghabiskan biaya sebesar £ 23,000 atau setara dengan Rp 402 jutaan.",
        [
            ("£ 23,000", "money", 23000.0, None, "GBP", None, None),
            ("Rp 402 jutaan", "money", 4.02e8, None, "IDR", "about", None),
        ],
    ),
    # indosum 1507185000-ri-gandeng-yordania-promosikan-islam-rahmatan-lil-: English decimal point, no float noise
    (
        "Nilai perdagangan tahun 2016 hanya menyampai US$ 256.4 juta dan hampir tidak berbeda dibanding tahun 2015.",
        [("US$ 256.4 juta", "money", 2.564e8, None, "USD", None, None)],
    ),
]

RATES = [
    # indosum 1490455815-gaji-atlet-naik-semoga-keluarnya-lancar
    (
        "dari semula Rp 9 juta per bulan untuk atlet utama menjadi Rp 10 juta per bulan, atau dengan kenaikan "
        "mencapai 11 persen.",
        [
            ("Rp 9 juta per bulan", "money", 9e6, None, "IDR", None, "month"),
            ("Rp 10 juta per bulan", "money", 1e7, None, "IDR", None, "month"),
            ("11 persen", "percent", 11.0, None, "percent", None, None),
        ],
    ),
    # indosum 1501890300-sp-jict-mogok-untuk-bela-aset-negara
    (
        "Sementara Direksi JICT yang bergaji jauh lebih besar yakni diatas Rp 2,5 milyar per tahun diduga sengaja",
        [("diatas Rp 2,5 milyar per tahun", "money", 2.5e9, None, "IDR", "more_than", "year")],
    ),
    # indosum 1503658679-ka-pariwisata-akan-tambah-destinasi-jakarta-suraba: "per" + a counted noun
    (
        "Tiket KA Pariwisata tujuan Jakarta-Yogyakarta dan Jakarta-Solo dipatok seharga Rp 750 ribu per penumpang",
        [("Rp 750 ribu per penumpang", "money", 750000.0, None, "IDR", None, "penumpang")],
    ),
    # indosum 1474673408-rupiah-menguat-menjadi-rp13083-per-dolar-as
    (
        "Harga minyak jenis WTI Crude menguat 0,99 persen menjadi 45,79 dolar AS per barel",
        [
            ("0,99 persen", "percent", 0.99, None, "percent", None, None),
            ("45,79 dolar AS per barel", "money", 45.79, None, "USD", None, "barel"),
        ],
    ),
    # indosum 1499892420-polisi-di-china-tewas-setelah-bekerja-36-jam-tanpa
    (
        "Berdasarkan laporan, kantor polisi yang dipimpin Gao ini menangani sedikitnya 150 ribu kasus setiap tahun.",
        [("sedikitnya 150 ribu kasus setiap tahun", "count", 150000.0, None, "kasus", "at_least", "year")],
    ),
]

COUNTS = [
    # indosum 1481551234-amerika-serikat-kirim-200-tentara-tambahan-ke-suri
    (
        "Amerika Serikat mengirim 200 tentara tambahan ke Suriah untuk membantu pasukan Kurdi.",
        [("200 tentara", "count", 200.0, None, "tentara", None, None)],
    ),
    # indosum 1509138570-28-korban-kebakaran-pabrik-kembang-api-masih-diraw: a two-word noun
    (
        "Dari hasil evakuasi didapatkan 47 korban tewas dengan kondisi mengenaskan.",
        [("47 korban tewas", "count", 47.0, None, "korban tewas", None, None)],
    ),
    # indosum 1499458500-perang-antargeng-di-penjara-meksiko-28-tewas: "ada" stands between, so no approximator
    (
        "mengatakan pada Reuters bahwa setidaknya ada empat korban jiwa yang dipenggal kepalanya.",
        [("empat korban jiwa", "count", 4.0, None, "korban jiwa", None, None)],
    ),
    # indosum 1497235620-pasukan-afghanistan-tewaskan-tiga-tentara-as: the noun after a classifier is the unit
    (
        "serangan udara AS menewaskan dan melukai enam orang polisi Afghanistan di selatan Provinsi Helmand.",
        [("enam orang polisi", "count", 6.0, None, "polisi", None, None)],
    ),
    # indosum 1490596246-wonogiri-jadi-model-pembangunan-kawasan-pedesaan-b
    (
        "Setiap kendang di satu desa dapat mengelola lebih dari 30 ekor sapi.",
        [
            ("satu desa", "count", 1.0, None, "desa", None, None),
            ("lebih dari 30 ekor sapi", "count", 30.0, None, "sapi", "more_than", None),
        ],
    ),
    # indosum 1509166560-mercy-klaim-kuasai-46-pasar-mobil-premium-indonesi
    (
        "Mercedes-Benz Distribusi Indonesia (MBDI), mengaku telah menjual sedikitnya 2.560 unit kendaraan dari awal "
        "tahun hingga September 2017.",
        [("sedikitnya 2.560 unit kendaraan", "count", 2560.0, None, "kendaraan", "at_least", None)],
    ),
    # indosum 1479780955-dunia-mengutuk-keras-sikap-suu-kyi-yang-diam-atas-
    (
        "penduduk Rohingya adalah sekelompok penganut Muslim yang jumlahnya sekitar satu juta orang dan tinggal di "
        "negara bagian Rakhine.",
        [("sekitar satu juta orang", "count", 1e6, None, "orang", "about", None)],
    ),
    # clickid-tribunnews-1359: number words with a multiplier
    (
        "terdapat lebih kurang 150 orang hadir ketika peristiwa terjadi.,Empat belas orang langsung dirawat",
        [
            ("lebih kurang 150 orang", "count", 150.0, None, "orang", "about", None),
            ("Empat belas orang", "count", 14.0, None, "orang", None, None),
        ],
    ),
    # clickid-kompas-3801: English "1,500" (three digits after the comma, no scale word)
    (
        "Menteri Kesehatan  , menyatakan, hampir 1,500 orang  , akibat terkena dua",
        [("hampir 1,500 orang", "count", 1500.0, None, "orang", "almost", None)],
    ),
    # indosum 1491673811-seribu-polisi-jaga-ceramah-zakir-naik-di-bekasi: "lebih" after the number
    (
        "Polres Metro Bekasi Kota, Jawa Barat, menyiagakan 1.000 lebih personel untuk mengamankan ceramah umum",
        [("1.000 lebih personel", "count", 1000.0, None, "personel", "more_than", None)],
    ),
    # indosum 1493416829-wuling-pastikan-perakitan-mobil-di-cikarang-juli: "-an" marks a rough number;
    # "industri" is counted though the vocabulary does not list it
    (
        "di lahan 60 hektar itu, di situ dia naruh kira-kira 16 industri komponen pemasok, jadi total bisa 5.000-an "
        "karyawan yang bekerja",
        [
            ("60 hektar", "measure", 60.0, None, "hektare", None, None),
            ("kira-kira 16 industri", "count", 16.0, None, "industri", "about", None),
            ("5.000-an karyawan", "count", 5000.0, None, "karyawan", "about", None),
        ],
    ),
]

VAGUE = [
    # indosum 1511577000-ribuan-selebriti-norwegia-suarakan-pelecehan-seksu
    (
        "Namun menurut laporan media lokal pada Kamis (23/11), ribuan pekerja seni di sana melaporkan pelecehan",
        [("ribuan pekerja", "vague", 1000.0, None, "pekerja", "about", None)],
    ),
    # indosum 1516669200-ribuan-fan-iringi-jenazah-dolores-the-cranberries
    (
        "Jakarta, CNN Indonesia-- Ribuan orang tumplek-blek di Limerick, Irlandia, Minggu (21/1) waktu setempat.",
        [("Ribuan orang", "vague", 1000.0, None, "orang", "about", None)],
    ),
    # clickid-kompas-4019: right after a comma, as clickid joins paragraphs
    (
        "menjadi daerah persiapan pemekaran.,Ribuan warga Garut Selatan dari berbagai kalangan memadati lapangan",
        [("Ribuan warga", "vague", 1000.0, None, "warga", "about", None)],
    ),
    # indosum 1518689700-hasil-bali-united-vs-sriwijaya-fc: -nya on the noun
    (
        "Tak mau mengecewakan puluhan ribu pendukungnya, Bali United mencoba keluar dari tekanan.",
        [("puluhan ribu pendukungnya", "vague", 10000.0, None, "pendukung", "about", None)],
    ),
    # indosum 1479273650-presiden-korsel-akan-diperiksa-terkait-skandal-rah
    (
        "Akibat skandal pembocoran rahasia negara itu, ratusan ribu warga Korsel turun ke jalan pada Sabtu pekan lalu",
        [("ratusan ribu warga", "vague", 100000.0, None, "warga", "about", None)],
    ),
    # indosum 1496623800-belasan-rumah-rusak-akibat-puting-beliung-di-sukab
    (
        "bencana itu berawal dari kondisi cuaca yang cukup terik sebelum angin kencang menerjang belasan rumah warga.",
        [("belasan rumah", "vague", 11.0, None, "rumah", "about", None)],
    ),
    # indosum 1493138701-penderita-hepatitis-b-dan-c-capai-325-juta-orang
    (
        "kurangnya akses untuk mengetes dan cuti untuk berobat, jutaan orang berisiko alami progresi perlahan",
        [("jutaan orang", "vague", 1e6, None, "orang", "about", None)],
    ),
    # indosum 1500780166-menjajal-carousell-treasure-market-2017: a vague money range
    (
        "yang dibanderol mulai dari harga puluhan ribu sampai jutaan rupiah.",
        [("puluhan ribu sampai jutaan rupiah", "money", 1e4, 1e6, "IDR", "about", None)],
    ),
]

APPROXIMATORS = [
    # indosum 1504813020-content-collision-hadirkan-platform-c2live
    (
        "Tercatat sejauh ini memiliki kurang dari 10.000 pengguna.",
        [("kurang dari 10.000 pengguna", "count", 10000.0, None, "pengguna", "less_than", None)],
    ),
    # indosum 1505703600-puluhan-pengungsi-burundi-tewas-dalam-bentrokan-di
    (
        "Pengungsi Burundi mengatakan bahwa lebih dari 30 orang telah dibunuh dan sedikitnya 100 orang luka-luka",
        [
            ("lebih dari 30 orang", "count", 30.0, None, "orang", "more_than", None),
            ("sedikitnya 100 orang", "count", 100.0, None, "orang", "at_least", None),
        ],
    ),
    # indosum 1505703600-puluhan-pengungsi-burundi-tewas-dalam-bentrokan-di
    (
        "mengatakan dalam sebuah pernyataan pada Sabtu bahwa sedikitnya 36 pengungsi dilaporkan telah dibunuh.",
        [("sedikitnya 36 pengungsi", "count", 36.0, None, "pengungsi", "at_least", None)],
    ),
    # indosum 1497837600-nikmati-sensasi-makan-di-warung-turki
    (
        "Bahkan, Sezai mengatakan, hampir 80 persen bahan dari bumbu-bumbu masakan yang digunakan merupakan impor",
        [("hampir 80 persen", "percent", 80.0, None, "percent", "almost", None)],
    ),
    # indosum 1496618220-ledakan-di-afghanistan-tujuh-orang-tewas
    (
        "Taliban mengaku bertanggung jawab atas pemboman mobil yang menewaskan setidaknya 18 orang di Afghanistan",
        [("setidaknya 18 orang", "count", 18.0, None, "orang", "at_least", None)],
    ),
    # indosum 1515290587-polisi-tahan-jennifer-dunn-karena-khawatir-melarik: "lima tahun", "20 tahun" are durations
    (
        "Mereka diancam dengan hukuman penjara paling singkat lima tahun dan paling lama 20 tahun, serta pidana denda "
        "paling sedikit Rp 1 miliar dan paling banyak Rp 10 miliar.",
        [
            ("paling sedikit Rp 1 miliar", "money", 1e9, None, "IDR", "at_least", None),
            ("paling banyak Rp 10 miliar", "money", 1e10, None, "IDR", "up_to", None),
        ],
    ),
    # indosum 1504083385-lampung-sumbang-70-produksi-kopi-robusta-nasional
    (
        "karena di Indonesia ini produksi kopi lebih kurang 650 ribu ton, 400 ribu tonnya diproduksi di Lampung",
        [
            ("lebih kurang 650 ribu ton", "measure", 650000.0, None, "ton", "about", None),
            ("400 ribu tonnya", "measure", 400000.0, None, "ton", None, None),
        ],
    ),
    # indosum 1472893238-liga-inggris-tutup-transfer-dengan-rekor-baru: "hingga" before a single amount
    (
        "Lihat saja MU yang harus mengeluarkan dana hingga 105 juta euro untuk membeli Paul Pogba dari Juventus.",
        [("hingga 105 juta euro", "money", 1.05e8, None, "EUR", "up_to", None)],
    ),
]

RANGES = [
    # indosum 1487034057-snap-akan-habiskan-1-miliar-dolar-untuk-sewa-cloud
    (
        "Snap bisa bernilai antara 20 miliar hingga 25 miliar dolar, menjadikan perusahaan itu bervaluasi terbesar",
        [("antara 20 miliar hingga 25 miliar dolar", "money", 2e10, 2.5e10, "USD", None, None)],
    ),
    # indosum 1498285200-stasiun-senen-hari-ini-berangkatkan-27058-pemudik
    (
        "jumlah lonjakan penumpang berkisar antara 25.000 hingga 26.000 penumpang.",
        [("berkisar antara 25.000 hingga 26.000 penumpang", "count", 25000.0, 26000.0, "penumpang", None, None)],
    ),
    # indosum 1514335414-maskulinitas-bumbu-asia-di-seven-friday-space
    (
        "Kalkun seberat 6-7 kilogram ini dapat dinikmati kira-kira 10 orang.",
        [
            ("6-7 kilogram", "measure", 6.0, 7.0, "kg", None, None),
            ("kira-kira 10 orang", "count", 10.0, None, "orang", "about", None),
        ],
    ),
    # clickid-kompas-6222: "dari" opens the range; "tiga hari" is a duration
    (
        "Harga tiket dipatok dari Rp 1,5 juta hingga Rp 3,3 juta untuk tiga hari.",
        [("dari Rp 1,5 juta hingga Rp 3,3 juta", "money", 1.5e6, 3.3e6, "IDR", None, None)],
    ),
    # indosum 1502780200-teka-teki-anniesa-hasibuan-biayai-peragaan-busana-
    (
        "Biaya mesti dibayar berkisar USD 15 ribu hingga USD 60 ribu (Rp 200 juta sampai Rp 800 jutaan).",
        [
            ("berkisar USD 15 ribu hingga USD 60 ribu", "money", 15000.0, 60000.0, "USD", None, None),
            ("Rp 200 juta sampai Rp 800 jutaan", "money", 2e8, 8e8, "IDR", "about", None),
        ],
    ),
    # indosum 1513299929-ihsg-bei-naik-1070-poin: the unit written at both ends
    (
        "memutuskan untuk menaikkan suku bunga acuan (fed fund rate) sebesar 25 basis poin menjadi 1,25 persen "
        "hingga 1,50 persen",
        [
            ("25 basis poin", "percent", 25.0, None, "basis_point", None, None),
            ("1,25 persen hingga 1,50 persen", "percent", 1.25, 1.5, "percent", None, None),
        ],
    ),
]

MEASURES = [
    # clickid-sindonews-9413: English decimal point in "17.77"
    (
        "Dari data tersebut terdapat potensi surplus sebanyak 577.918 ton atau 17.77 persen selama periode 2019.",
        [
            ("577.918 ton", "measure", 577918.0, None, "ton", None, None),
            ("17.77 persen", "percent", 17.77, None, "percent", None, None),
        ],
    ),
    # indosum 1496990100-pertamina-pedekate-tiga-perusahaan-migas-asing
    (
        "produksi minyak perseroan hingga kuartal I lalu hanya sebesar 337 ribu barel per hari, atau tidak mencukupi",
        [("337 ribu barel per hari", "measure", 337000.0, None, "barel", None, "day")],
    ),
    # indosum 1508802300-pengguna-paypal-bisa-kirim-uang-di-messenger
    (
        "Pendaftaran di PayPal 100% gratis, namun dibutuhkan verifikasi menggunakan kartu kredit",
        [("100%", "percent", 100.0, None, "percent", None, None)],
    ),
    # indosum 1509138570-28-korban-kebakaran-pabrik-kembang-api-masih-diraw: "tiga di antaranya" (three
    # of them) counts what the text counted before; with no count before it, the phrase is the unit
    (
        "Untuk di RSUD Tangerang, tiga di antaranya dirawat di ICU karena mengalami luka bakar di atas 50 persen.",
        [
            ("tiga di antaranya", "count", 3.0, None, "di antaranya", None, None),
            ("di atas 50 persen", "percent", 50.0, None, "percent", "more_than", None),
        ],
    ),
]

NOT_QUANTITIES = [
    # seeds/001: an anniversary (a duration) and a Roman numeral
    "dalam rangka peringatan 75 tahun kemenangan Uni Soviet dalam Perang Dunia II. Ini adalah kal",
    # seeds/002: dates
    "pada 19 Juni 2024. Pada Rabu (20/11/2024), Rusia dan Korea Utara kembali melakukan kesepakatan",
    # seeds/002: a date line with a time
    "Kompas dunia | 21 November 2024, 13:38 WIB",
    # seeds/003: a name with a number in it
    "Pada Februari 2024, Pyongyang juga menyambut kelompok wisatawan pertama dari Rusia sejak pandemi COVID-19.",
    # seeds/003: years; "kedua" (both) is not "dua"
    "diperkirakan akan mengunjungi Pyongyang sekali lagi pada tahun 2024, dengan kedua negara mempersiapkan",
    # seeds/001: an ISO date
    "#Fokus Sepekan l 2020-05-21",
    # indosum 1472578239-mirip-ahok-pemuda-dipukuli-di-halte-busway: a date and a time
    "Pengeroyokan itu terjadi pada Jumat (26/8/2016) sekira pukul 21:00.",
    # clickid-sindonews-9615: a repetition, not a count
    "John Driscoll dari JTD Energy menyatakan, ‚ÄúIni penting karena menghilangkan dua kali volume kapasitas",
    # clickid-sindonews-9154: an aircraft type
    "Kementerian Pertahanan Belgia mengatakan tidak ada seorang pun di darat yang terluka ketika jet tempur "
    "F-16 jatuh.",
    # indosum 1499545500-indonesia-dan-australia-sepakat-tingkatkan-perdaga
    "melakukan pertemuan bilateral dengan Perdana Menteri Australia Malcolm Turnbull di KTT G20, Hamburg, Jerman.",
    # indosum 1514349300-tamara-geraldine-donasikan-rumahnya-untuk-anak-ber: an age and decades
    "Wanita yang kini berusia 43 tahun tersebut, pernah dikenal menjadi salah satu presenter ternama di Indonesia, "
    "sejak tahun 1990-an hingga awal 2000-an.",
    # clickid-kapanlagi-462: a phone number
    "Untuk Informasi lebih lanjut tentang Europe On Screen, hubungi:,Emira Paradytia (Mia),0858-8394-4639,Penulis",
    # clickid-sindonews-8761: a toll-free number
    "bisa menghubungi call center Halo Suzuki (bebas pulsa) di nomor 0800-1100-800.",
]


# Counted nouns the vocabulary does not list (quantities/nouns.py), from the annotated
# corpus (corpus/dev.jsonl, corpus/train.jsonl): each article's key is named.
OPEN_NOUNS = [
    # clickid#2319: "fasilitas" and "lokasi" are no listed nouns; -nya-less units
    (
        "Namun juru bicara militer Huthi, Brigadir Yahya Saree mengatakan, serangan terhadap dua fasilitas minyak di "
        "Abar Saudi itu diluncurkan dari tiga lokasi di Yaman, menggunakan pesawat canggih tanpa awak dengan "
        "kemampuan jarak jauh.",
        [
            ("dua fasilitas", "count", 2.0, None, "fasilitas", None, None),
            ("tiga lokasi", "count", 3.0, None, "lokasi", None, None),
        ],
    ),
    # clickid#7585: a reduplicated noun is one word
    (
        "Otoritas Pakistan pada Senin mengklaim telah menangkap dua mata-mata India yang dituduh terlibat dalam "
        "aktivitas terorisme di Provinsi Balochistan.",
        [("dua mata-mata", "count", 2.0, None, "mata-mata", None, None)],
    ),
    # clickid#8949: -nya stays out of the unit; "(25/10/2019)" is a date
    (
        "pada Jumat (25/10/2019), mengumbar tembakan yang menewaskan delapan rekannya sesama prajurit di sebuah "
        "pangkalan militer di Transbaikal, Chita, Siberia.",
        [("delapan rekannya", "count", 8.0, None, "rekan", None, None)],
    ),
    # indosum-dev#2506: a vague word before an unlisted noun; "25 Agustus" is a date
    (
        "Gelombang pengungsi Rohingya ke Bangladesh dimulai sejak 25 Agustus lalu setelah kelompok militan Rohingya "
        "menyerang puluhan pos polisi.",
        [("puluhan pos", "vague", 10.0, None, "pos", "about", None)],
    ),
    # indosum-dev#2425 (train): "di antaranya" (of them) counts the noun counted before it
    (
        "\"Pada tanggal 30 dan 31 Desember, 396 orang ditangkap dalam peristiwa di Arak dan kota-kota lain di Propinsi "
        "Tengah, 65 di antaranya adalah remaja di bawah usia 18 tahun,\" kata Kepala Hakim Provinsi Pusat pada tanggal "
        "4 Januari.",
        [
            ("396 orang", "count", 396.0, None, "orang", None, None),
            ("65 di antaranya", "count", 65.0, None, "orang", None, None),
        ],
    ),
    # clickid#8875 (dev): "paling tidak" (at least) before a count "of them"
    (
        "Paling tidak lima dari mereka adalah pengunjuk rasa yang diserang oleh tabung gas air mata, kata sumber "
        "keamanan.",
        [("Paling tidak lima dari mereka", "count", 5.0, None, "dari mereka", "at_least", None)],
    ),
    # clickid#8875: "dua minggu" is a duration; "lainnya" counts the noun counted before it
    (
        "Serangkaian bentrokan dua minggu lalu antara pengunjuk rasa dan pasukan keamanan menewaskan 157 orang dan "
        "lebih dari 6.000 lainnya terluka.",
        [
            ("157 orang", "count", 157.0, None, "orang", None, None),
            ("lebih dari 6.000 lainnya", "count", 6000.0, None, "orang", "more_than", None),
        ],
    ),
    # indosum-dev#259: "jam tangan" is a watch, not hours; "17 Januari 2018" a date
    (
        "Selain menangkap empat tersangka, polisi menyita tujuh telepon selular, uang tunai Rp 6 juta, enam amplop "
        "surat perintah penyidikan KPK palsu, empat Surat Izin Mengemudi (SIM) A dan C milik para tersangka dan tiga "
        "jam tangan Endria yang merupakan Ketua Lembaga Pengembangan Jasa Konstruksi Daerah (LPJKD) Jambi sempat "
        "menjalani pemeriksaan sebagai saksi terkait kasus itu pada 17 Januari 2018.",
        [
            ("empat tersangka", "count", 4.0, None, "tersangka", None, None),
            ("tujuh telepon", "count", 7.0, None, "telepon", None, None),
            ("Rp 6 juta", "money", 6e6, None, "IDR", None, None),
            ("enam amplop", "count", 6.0, None, "amplop", None, None),
            ("tiga jam tangan", "count", 3.0, None, "jam tangan", None, None),
        ],
    ),
    # indosum-dev#2272: "terduga" (a suspect) is listed, as ter- words are otherwise verbs
    (
        "Sejauh ini sudah enam terduga teroris diamankan, yang masuk dalam sel kelompok Jamaah Ansharut Daulah (JAD).",
        [("enam terduga teroris", "count", 6.0, None, "terduga teroris", None, None)],
    ),
    # clickid#2319: a digit count of a foreign noun
    (
        "Para pejabat Saudi menunjukkan apa yang mereka katakan sebagai pecahan dari 25 drone dan rudal jelajah yang "
        "ditembakkan hari Sabtu (14/09) di dua instalasi minyak terbesar negara itu",
        [
            ("25 drone", "count", 25.0, None, "drone", None, None),
            ("dua instalasi", "count", 2.0, None, "instalasi", None, None),
        ],
    ),
    # clickid#9598: "selusin" is a dozen
    (
        "dilakukan oleh Iran dengan selusin rudal jelajah dan lebih dari 20 pesawat nirawak",
        [
            ("selusin rudal", "count", 12.0, None, "rudal", None, None),
            ("lebih dari 20 pesawat", "count", 20.0, None, "pesawat", "more_than", None),
        ],
    ),
    # clickid#3935: "atau" joins an uncertain count
    ("Namun, ia hanya menyetujui dua atau tiga wilayah", [("dua atau tiga wilayah", "count", 2.0, 3.0, "wilayah", None, None)]),
]

# Words after a number that are no counted nouns: verbs by their prefix, not_counted words.
NOT_OPEN_NOUNS = [
    # indosum 1503908072-bangladesh-paksa-puluhan-rohingya-pulang-ke-myanma: "tewas" is the event's
    # verb (an ASSAULT trigger), not a noun to count
    "Sejak Jumat pekan lalu, lebih dari 100 tewas ketika anggota Bala Keselamatan Arakan Rohingya (ARSA) "
    "menyerang kepolisian Myanmar",
    # clickid-kapanlagi-9: ber- makes a verb ("bersaudara", being siblings)
    "Bungsu dari tiga bersaudara ini merasa kesulitan menemukan pria yang sesuai dengan kriteria",
    # clickid-kapanlagi-902: "satu per satu" (one by one)
    "Satu per satu kemudian berlutut untuk memberikan penghormatan terakhir kepada pahlawan",
    # clickid#9376: a fraction ("pertiga" is per- + tiga), not a count
    "Putra Mahkota mengatakan dua pertiga dari fasilitas telah dipulihkan",
    # clickid-kapanlagi-135: a duration
    "tak bisa menahan rasa bahagianya karena terakhir ia kerja bareng Aryan adalah 15 tahun lalu",
]


@pytest.mark.parametrize("sentence, expected", OPEN_NOUNS)
def test_quantities_count_nouns_the_vocabulary_does_not_list(sentence, expected):
    assert rows(sentence) == expected


@pytest.mark.parametrize("sentence", NOT_OPEN_NOUNS)
def test_quantities_verbs_and_durations_are_no_counted_nouns(sentence):
    assert rows(sentence) == []


@pytest.mark.parametrize("sentence, expected", SEED_SENTENCES)
def test_quantities_seed_sentences(sentence, expected):
    assert rows(sentence) == expected


@pytest.mark.parametrize("sentence, expected", MONEY)
def test_quantities_money(sentence, expected):
    assert rows(sentence) == expected


@pytest.mark.parametrize("sentence, expected", RATES)
def test_quantities_rates(sentence, expected):
    assert rows(sentence) == expected


@pytest.mark.parametrize("sentence, expected", COUNTS)
def test_quantities_counts(sentence, expected):
    assert rows(sentence) == expected


@pytest.mark.parametrize("sentence, expected", VAGUE)
def test_quantities_vague_counts(sentence, expected):
    assert rows(sentence) == expected


@pytest.mark.parametrize("sentence, expected", APPROXIMATORS)
def test_quantities_approximators(sentence, expected):
    assert rows(sentence) == expected


@pytest.mark.parametrize("sentence, expected", RANGES)
def test_quantities_ranges(sentence, expected):
    assert rows(sentence) == expected


@pytest.mark.parametrize("sentence, expected", MEASURES)
def test_quantities_percent_and_measures(sentence, expected):
    assert rows(sentence) == expected


@pytest.mark.parametrize("sentence", NOT_QUANTITIES)
def test_quantities_skip_years_dates_times_names_and_durations(sentence):
    assert rows(sentence) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # emoji around a quantity; Korean and Cyrillic counts are not Indonesian units
        ("🔥 50% warga 😀 setuju", [("50%", "percent", 50.0, None, "percent", None, None)]),
        ("북한 군인 11.000명 파병", []),
        ("около 11 000 солдат КНДР", []),
        # "İ" lowercases to two characters: offsets must still point at the right words
        ("İstanbul: ribuan warga turun", [("ribuan warga", "vague", 1000.0, None, "warga", "about", None)]),
        # a quantity never runs across a line break
        ("sekitar\n11.000 tentara", [("11.000 tentara", "count", 11000.0, None, "tentara", None, None)]),
    ],
)
def test_quantities_other_scripts_and_line_breaks(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("value", [None, b"Rp 5 juta", 42, "", " ", "\x00\x01", "Rp", "$", "1" * 5000, "ribuan"])
def test_quantities_odd_input_gives_nothing(value):
    assert find_quantities(value) == []


def test_quantities_never_raise_on_noise():
    alphabet = "0123456789.,-–/:%$€£ RpUSDjutamiliarribuan tentara orang persen hingga antara sekitar İ🔥\n\t"
    generator = random.Random(7)
    for _ in range(300):
        text = "".join(generator.choice(alphabet) for _ in range(generator.randint(0, 200)))
        found = find_quantities(text)
        assert all(text[q.start : q.end] == q.text for q in found)
        assert all(a.end <= b.start for a, b in zip(found, found[1:]))


# seeds/002, the sentence with "sekitar 11.000 tentara"
LONG_SENTENCE = (
    "Badan Intelijen Nasional Korea Selatan mengatakan kepada anggota parlemen dalam pengarahan tertutup pada hari "
    "Rabu bahwa sekitar 11.000 tentara Korea Utara pada akhir Oktober telah dipindahkan ke wilayah Kursk Rusia, "
    "tempat pasukan Ukraina merebut sebagian wilayahnya tahun ini. "
)


def _cpu_seconds(text: str) -> float:
    """The best of three runs: one run's figure can carry a garbage collection or a
    busy neighbour (CI once measured 1.91 s for 5 MB against 0.18 s for 1 MB)."""
    times = []
    for _ in range(3):
        gc.collect()
        started = time.process_time()
        find_quantities(text)
        times.append(time.process_time() - started)
    return min(times)


def test_quantities_5mb_paragraph_in_linear_time():
    """Linear, not quadratic: five times the text costs about five times the CPU (a
    quadratic parser would cost 25 times). A ratio, not a time limit, so a loaded
    machine cannot fail it."""
    repeats = 5_000_000 // len(LONG_SENTENCE)
    found = find_quantities(LONG_SENTENCE * repeats)
    assert len(found) == repeats
    assert found[-1].text == "sekitar 11.000 tentara"
    small, large = _cpu_seconds(LONG_SENTENCE * (repeats // 5)), _cpu_seconds(LONG_SENTENCE * repeats)
    assert large < 10 * small, f"{large:.2f} s for 5 MB, {small:.2f} s for 1 MB"


@pytest.mark.parametrize(
    "text",
    ["1 " * 100_000, "1." * 100_000, "dua " * 50_000, "1 hingga " * 20_000, "Rp " * 50_000, " " * 500_000 + "5"],
)
def test_quantities_no_backtracking_on_repetitive_text(text):
    """No regex backtracks over repetitive text: five times the text costs about five
    times the CPU (a ratio, as above)."""
    small, large = _cpu_seconds(text[: len(text) // 5] + text[-1]), _cpu_seconds(text)
    assert large < 10 * max(small, 0.01), f"{large:.2f} s against {small:.2f} s for a fifth"


VOCABULARY = {
    "scales": {"juta": 1_000_000},
    "scales_for_currency": {"M": {"value": 1_000_000_000, "currency": "IDR"}},
    "number_words": {"dua": 2},
    "number_multipliers": {"puluh": {"times": 10}},
    "vague": {"ribuan": 1000},
    "approximate_suffixes": {"-an": "about"},
    "approximators_before": {"sekitar": "about"},
    "approximators_after": {"lebih": "more_than"},
    "range_connectors": {"hingga": "any"},
    "range_openers": {"antara": "between"},
    "currency_prefixes": {"Rp": "IDR"},
    "currency_suffixes": {"rupiah": "IDR"},
    "percent": {"persen": "percent"},
    "classifiers": {"ekor": "ekor"},
    "counts": {"tentara": None},
    "measures": {"ton": "ton"},
    "per": {"per tahun": "year"},
    "per_words": {"per": "per"},
    "not_after": {"tahun": "year"},
    "not_counted": {"tahun": "duration"},
    "verb_affixes": {"di": "prefix"},
    "previous_noun": {"lainnya": "others"},
}


@pytest.mark.parametrize(
    "section, broken, message",
    [
        ("counts", {}, "section 'counts' must be a non-empty mapping"),
        ("not_after", {False: "reference"}, "quote words YAML reads as booleans"),
        ("approximators_before", {"sekitar": "roughly"}, "approximators_before.sekitar: 'roughly' is not one of"),
        ("scales", {"juta": "1e6"}, "scales.juta: '1e6' is not a positive number"),
        ("range_connectors", {"hingga": "sometimes"}, "range_connectors.hingga"),
    ],
)
def test_quantities_vocabulary_errors_name_the_entry(section, broken, message):
    build_grammar(VOCABULARY)  # the minimal vocabulary itself is valid
    with pytest.raises(ValueError, match=message):
        build_grammar({**VOCABULARY, section: broken})
