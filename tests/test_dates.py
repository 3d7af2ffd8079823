"""Dates: finding date expressions in real sentences and resolving them.

Every row of REAL is a sentence (or an excerpt of one) quoted from the shared corpus;
the comment above it names the file and the article id. `published` is the date the
article carries: for the seeds the date its dateline states (003 has none, so the
date metadata infers from its newest reference), for IndoSum the `crawled` field,
for CLICK-ID the `published` field as it is written there.
"""

from __future__ import annotations

import time
from importlib import resources

import pytest

from warta.language.dates import find_dates, parse_published
from warta.language.dates.vocabulary import load_vocabulary


def only(text: str, published: str | None, expected: str):
    """The expression whose text is `expected`, after checking the whole result."""
    found = find_dates(text, published)
    assert [d.start for d in found] == sorted(d.start for d in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:])), "overlapping expressions"
    assert all(text[d.start: d.end] == d.text for d in found)
    matching = [d for d in found if d.text == expected]
    assert matching, f"{expected!r} not among {[d.text for d in found]}"
    return matching[0]


REAL = [
    # seeds/002_87c44d51124bee6b.txt (Kompas TV, dateline 21 November 2024)
    ("Kompas dunia | 21 November 2024, 13:38 WIB", None,
     "21 November 2024, 13:38 WIB", "2024-11-21", "day", "explicit"),
    ("berpose untuk dalam upacara penandatanganan kemitraan baru di Pyongyang, Korea Utara, pada 19 Juni 2024.",
     "2024-11-21", "19 Juni 2024", "2024-06-19", "day", "explicit"),
    ("Pada Rabu (20/11/2024), Rusia dan Korea Utara kembali melakukan kesepakatan untuk memperkuas kerja sama ekonomi.",
     "2024-11-21", "Rabu (20/11/2024)", "2024-11-20", "day", "explicit"),
    ("Kesepakatan ini diberitakan oleh media pemerintah Korea Utara, Kamis (21/11/2024).",
     "2024-11-21", "Kamis (21/11/2024)", "2024-11-21", "day", "explicit"),
    ("Korea Utara dan Rusia mencapai kesepakatan baru untuk memperluas kerja sama ekonomi menyusul pembicaraan "
     "tingkat tinggi di Pyongyang minggu ini.", "2024-11-21", "minggu ini", "2024-11", "month", "relative"),
    ("Kantor Berita Pusat Korea (KCNA) tidak merinci lebih lanjut tentang perjanjian yang ditandatangani "
     "pada hari Rabu,",
     "2024-11-21", "hari Rabu", "2024-11-20", "day", "relative"),
    ("Kantor berita Rusia Tass pada hari Selasa mengatakan para pejabat sepakat",
     "2024-11-21", "hari Selasa", "2024-11-19", "day", "relative"),
    ("Kozlov, yang tiba di Korea Utara pada hari Minggu, bertemu dengan pemimpin Korea Utara Kim Jong Un",
     "2024-11-21", "hari Minggu", "2024-11-17", "day", "relative"),
    ("sekitar 11.000 tentara Korea Utara pada akhir Oktober telah dipindahkan ke wilayah Kursk Rusia",
     "2024-11-21", "akhir Oktober", "2024-10", "month", "relative"),
    ("tempat pasukan Ukraina merebut sebagian wilayahnya tahun ini.",
     "2024-11-21", "tahun ini", "2024", "year", "relative"),
    # seeds/001_dc909485f31bc26a.txt (dateline 2020-05-21)
    ("#Fokus Sepekan l 2020-05-21", None, "2020-05-21", "2020-05-21", "day", "explicit"),
    ("Pada tanggal 9 Mei lalu, surat kabar resmi Korea Utara, Rodong Sinmun mengabarkan",
     "2020-05-21", "tanggal 9 Mei lalu", "2020-05-09", "day", "relative"),
    ("Pada tanggal 17 Mei, sebuah situs propaganda Korea Utara berulang kali menekankan persahabatan",
     "2020-05-21", "tanggal 17 Mei", "2020-05-17", "day", "relative"),
    ("Kim dan Putin mengadakan pertemuan puncak pertama mereka pada April tahun lalu di Vladivostok, Rusia.",
     "2020-05-21", "April tahun lalu", "2019-04", "month", "relative"),
    ("Pada November tahun lalu, Wakil Pertama Menteri Luar Negeri",
     "2020-05-21", "November tahun lalu", "2019-11", "month", "relative"),
    # seeds/003_e7e18ad5e0cff924.txt (no dateline; 2024-10-07 from its newest reference)
    ("telah mendapatkan momentum sejak invasi Rusia ke Ukraina pada tahun 2022[1] yang menyebabkan ketegangan",
     "2024-10-07", "tahun 2022", "2022", "year", "explicit"),
    ("Sergei Shoigu ke Pyongyang pada Juli 2023, yang kemudian disusul dengan kunjungan",
     "2024-10-07", "Juli 2023", "2023-07", "month", "explicit"),
    ("pemimpin Korea Utara Kim Jong-un ke Moskow pada September 2023[2].",
     "2024-10-07", "September 2023", "2023-09", "month", "explicit"),
    ("Presiden Rusia, Vladimir Putin, diperkirakan akan mengunjungi Pyongyang sekali lagi pada tahun 2024",
     "2024-10-07", "tahun 2024", "2024", "year", "explicit"),
    ("Bulan lalu, Putin menghadiahkan sebuah mobil mewah", "2024-10-07", "Bulan lalu", "2024-09", "month", "relative"),
    ("Pada Februari 2024, Pyongyang juga menyambut kelompok",
     "2024-10-07", "Februari 2024", "2024-02", "month", "explicit"),
    ("perjanjian makanan untuk senjata, yang buktinya muncul pada bulan Agustus 2023, meskipun",
     "2024-10-07", "bulan Agustus 2023", "2023-08", "month", "explicit"),
    ("[2] Ap. (2023, September 12). North Korea’s Kim Jong-un arrives", None,
     "(2023, September 12)", "2023-09-12", "day", "explicit"),
    # seeds/000_93a7580f813b697a.txt states no date at all: relative stays unresolved
    ("perdagangan bilateral tahun lalu dilaporkan mencapai $120 juta", None, "tahun lalu", None, None, "relative"),
    # news/indosum-dev.jsonl 1490674536-mustahil-transportasi-tradisional-dan-online-bersa
    ('"ucap Zulkifli di Gedung DPR, Senayan, Jakarta Pusat, Senin (27/3).',
     "2017-03-28", "Senin (27/3)", "2017-03-27", "day", "relative"),
    # news/indosum-dev.jsonl 1499149800-menang-6-0-pada-laga-debut-ini-kata-pelatih-persip
    ("Pada pertandingan yang digelar di Stadion Mandala Jayapura, Senin (03/07) ini, Mutiara Hitam menang",
     "2017-07-04", "Senin (03/07)", "2017-07-03", "day", "relative"),
    # news/indosum-dev.jsonl 1514112565-hasil-real-madrid-vs-barcelona
    ("Barcelona berhasil memboyong kemenangan besar di laga Clasico 2017 dengan skor 3-0 atas Real Madrid, "
     "Sabtu (23/12/2017).", "2017-12-24", "Sabtu (23/12/2017)", "2017-12-23", "day", "explicit"),
    # news/indosum-dev.jsonl 1489273216-pedagang-dvd-edarkan-kupon-togel
    ("KNR ditangkap polisi di rumahnya di Kampung Merdeka Lingungan III, Kelurahan Pekan Dolok Masihul, dua hari lalu.",
     "2017-03-11", "dua hari lalu", "2017-03-09", "day", "relative"),
    # news/indosum-dev.jsonl 1507844190-produksi-game-of-thrones-tertunda-pernikahan-jon-s
    ("Pasangan cinta lokasi itu mengumumkan kabar soal pertunangan mereka pada bulan lalu.",
     "2017-10-12", "bulan lalu", "2017-09", "month", "relative"),
    # news/indosum-dev.jsonl 1499216400-berger-salah-rekrutan-fantastis
    ("Ia sudah membuktikan itu semua di Italia tahun lalu.", "2017-07-05", "tahun lalu", "2016", "year", "relative"),
    # news/indosum-dev.jsonl 1479861046-baru-rilis-video-call-whatsapp-masih-rentan-direta
    ("Whatsapp memperkenalkan fitur terbaru mereka, video call atau panggilan video awal pekan ini",
     "2016-11-23", "awal pekan ini", "2016-11", "month", "relative"),
    # news/indosum-dev.jsonl 1499978700-liburan-lindsay-lohan-ke-bali
    ("Saudara Lohan, Mike Lohan baru saja menikahi kekasihnya pekan lalu di Rhode Island.",
     "2017-07-13", "pekan lalu", "2017-07", "month", "relative"),
    # clickid.jsonl#8112 (Tuesday 17 September 2019): a weekend with no direction is the one just past
    ("Namun, serangan akhir pekan terhadap fasilitas pemrosesan minyak mentah milik Saudi Aramco di Abqaiq dan "
     "Khura memangkas produksi hingga 5,7 juta barel per hari.", "2019-09-17", "akhir pekan", "2019-09", "month",
     "relative"),
    # news/indosum-dev.jsonl 1500489000-pita-suara-rusak-adele-belajar-bahasa-isyarat
    ("Saat minggu lalu ia mencari sekolah untuk anaknya", "2017-07-19", "minggu lalu", "2017-07", "month", "relative"),
    # news/indosum-dev.jsonl 1502307976-isco-berharap-segera-teken-kontrak-baru
    ("pemain 25 tahun ini belum memperpanjang kontrak yang kedaluwarsa tahun depan",
     "2017-08-09", "tahun depan", "2018", "year", "relative"),
    # news/indosum-dev.jsonl 1507786200-musik-lima-seri-awal-harry-potter-dikemas-dalam-ve
    ("Album yang telah ditetapkan untuk rilis bulan depan itu akan berisi gabungan",
     "2017-10-12", "bulan depan", "2017-11", "month", "relative"),
    # news/indosum-dev.jsonl 1508551200-google-calendar-versi-web-kini-usung-tampilan-baru
    ("Administrator G Suite juga dapat mengaktifkan tampilan baru Calendar ini mulai hari ini juga.",
     "2017-10-21", "hari ini", "2017-10-21", "day", "relative"),
    # news/indosum-dev.jsonl 1515826987-mouse-gaming-terbaru-steelseries-mengemas-sensor-o
    ("Agustus tahun lalu, SteelSeries memperkenalkan dua mouse gaming baru",
     "2018-01-13", "Agustus tahun lalu", "2017-08", "month", "relative"),
    # news/indosum-dev.jsonl 1504382380-seorang-pemuda-di-papua-ditangkap-karena-bawa-gran
    ("kejadian ini terjadi pada hari Jumat (1/9).", "2017-09-02", "hari Jumat (1/9)", "2017-09-01", "day", "relative"),
    # news/indosum-dev.jsonl 1480134051-hanya-110-pengacara-amnesti-pajak-menkeu-very-sham
    ("hanya 110 pengacara yang mengikuti program amnesti pajak hingga periode akhir Oktober 2016",
     "2016-11-26", "akhir Oktober 2016", "2016-10", "month", "explicit"),
    # news/indosum-dev.jsonl 1480075262-renovasi-disneyland-hong-kong-telan-dana-triliunan
    ("setelah dibukanya taman bermain serupa di Shanghai pada pertengahan Juni lalu",
     "2016-11-25", "pertengahan Juni lalu", "2016-06", "month", "relative"),
    # news/indosum-dev.jsonl 1503658679-ka-pariwisata-akan-tambah-destinasi-jakarta-suraba
    ("KA Pariwisata Priority tujuan Jakarta-Surabaya akan diluncurkan paling lambat pada akhir tahun ini.",
     "2017-08-25", "akhir tahun ini", "2017", "year", "relative"),
    # news/indosum-dev.jsonl 1504900800-bocor-james-bond-nikah-di-sekuel-terbaru
    ("Lea diketahui bermain sebagai gadis Bond di sekuel Spectre pada 2015 silam.",
     "2017-09-08", "2015", "2015", "year", "explicit"),
    # news/indosum-dev.jsonl 1493024403-melihat-aneka-burung-langka-di-tmii
    ("Hendri bergabung dengan komunitas tersebut sejak 2015 melalui Facebook.",
     "2017-04-24", "2015", "2015", "year", "explicit"),
    # news/indosum-dev.jsonl 1501036200-kit-kat-jepang-keluarkan-rasa-baru (crawled a day after publication)
    ("karena Kit Kat Chocolatory akan resmi dibuka pada tanggal 25 Juli mendatang.",
     "2017-07-26", "tanggal 25 Juli mendatang", "2017-07-25", "day", "relative"),
    # news/indosum-dev.jsonl 1502842800-samsung-janjikan-kejutan-besar-di-galaxy-note-8
    ("Kini, jelang hari peluncuran yang dijadwalkan pada tanggal 23 Agustus, Samsung melakukan pemanasan",
     "2017-08-16", "tanggal 23 Agustus", "2017-08-23", "day", "relative"),
    # news/indosum-dev.jsonl 1498518181-rahasia-sally-di-dont-look-back-in-anger
    ("“ Sekitar setahun lalu saya melakukan pentas bersama Richard Ashcroft.",
     "2017-06-26", "setahun lalu", "2016", "year", "relative"),
    # news/indosum-dev.jsonl 1496831400-timnas-u-16-indonesia-siap-lawan-singapura
    ("anak-anak asuhnya sudah berkumpul di Kompleks Kopassus, Cijantung, Jakarta Timur, sejak Rabu pekan lalu",
     "2017-06-07", "Rabu pekan lalu", "2017-05-31", "day", "relative"),
    # news/indosum-dev.jsonl 1497897000-pangeran-george-dan-putri-charlotte-curi-perhatian
    ("Parade yang diselenggara oleh Kerajaan Inggris Sabtu kemarin (17/6) boleh saja mengenai perayaan",
     "2017-06-19", "Sabtu kemarin (17/6)", "2017-06-17", "day", "relative"),
    # news/indosum-dev.jsonl 1513943502-almarhum-sukamdani-sahid-dimakamkan-secara-militer
    ("Kamis sore (21/12)sekitar pukul empat lebih jenazah bersama rombongan diberangkatkan",
     "2017-12-22", "Kamis sore (21/12)", "2017-12-21", "day", "relative"),
    # news/indosum-dev.jsonl 1476171015-new-toyota-camry-penyempurnaan-keselamatan-berkend
    ("dari total penjualan whole sales lima merek yang bersaing di segmen medium sedan pada Januari-Agustus 2016",
     "2016-10-11", "Januari", "2016-01", "month", "explicit"),
    # news/indosum-dev.jsonl 1505520000-pemerintah-indonesia-blokir-fight-of-gods ("Minggu lalu" is last week)
    ("Minggu lalu, pemblokiran Steam oleh pemerintah Malaysia terkait game yang dianggap melecehkan agama",
     "2017-09-16", "Minggu lalu", "2017-09", "month", "relative"),
    # news/indosum-dev.jsonl 1502905200-chelsea-siap-penuhi-gaji-chamberlain
    ("yang diharapkan bisa dituntaskan sebelum jendela transfer ditutup dua pekan lagi.",
     "2017-08-16", "dua pekan lagi", "2017-08", "month", "relative"),
    # news/indosum-dev.jsonl 1507785300-agnez-mo-masih-berjiwa-rb-di-album-debut-internasi
    ("salah satunya Long As I Get Paid yang sudah dirilis Agnez pada 22 September lalu.",
     "2017-10-12", "22 September lalu", "2017-09-22", "day", "relative"),
    # news/indosum-dev.jsonl 1497694500-juventus-berduka-satu-suporter-tewas-akibat-traged
    ("nonton bersama final Liga Champions yang diadakan di Piazza San Carlo, Turin, Italia, pada 3 Juni lalu.",
     "2017-06-17", "3 Juni lalu", "2017-06-03", "day", "relative"),
    # news/indosum-dev.jsonl 1518032698-novel-baswedan-masih-perlu-operasi-tambahan
    ("Jadi, ada rencana pekan depan akan dilakukan operasi tambahan dengan mendatangkan dokter ahli dari Inggris",
     "2018-02-07", "pekan depan", "2018-02", "month", "relative"),
    # news/indosum-dev.jsonl 1506205057-untuk-kali-keenam-marcuskevin-ditantang-boemogense
    ('"Pertandingan besok pasti akan seru, karena mereka banyak pengalaman.',
     "2017-09-23", "besok", "2017-09-24", "day", "relative"),
    # news/indosum-dev.jsonl 1515312683-golden-raspberry-awards-penghargaan-untuk-karya-te
    ("memenangkan 11 penghargaan termasuk Aktor Terburuk Abad Ini pada tahun 2000.",
     "2018-01-07", "tahun 2000", "2000", "year", "explicit"),
    # news/clickid.jsonl clickid-kapanlagi-755 (a two-digit year in parentheses)
    ('tulis Jerinx mengawali caption pada foto yang ia unggah pada Minggu (18/8/19).',
     "18 Agustus 2019", "Minggu (18/8/19)", "2019-08-18", "day", "explicit"),
    # news/clickid.jsonl clickid-kapanlagi-81
    ("Dalam unggahannya pada Jumat (12/4/2019), Asri menyatakan bahwa proses persalinan tersebut meleset",
     "13 April 2019", "Jumat (12/4/2019)", "2019-04-12", "day", "explicit"),
    # news/clickid.jsonl clickid-tribunnews-2034
    ("Ya, sekitar 2 hari yang lalu\xa0Farhat Abbas\xa0sempat mengunggah foto kartu pengenal dirinya",
     "10-Sep-19", "2 hari yang lalu", "2019-09-08", "day", "relative"),
    # news/clickid.jsonl clickid-pos_metro-1055
    ("akan menggelar rapat pengambilan keputusan terkait RUU Pertanahan pada Senin (23/9) pekan depan.",
     "September 20, 2019", "Senin (23/9)", "2019-09-23", "day", "relative"),
    # news/indosum-dev.jsonl 1517819400-tol-padang-pekanbaru-mulai-dikerjakan-februari-ini ("last night")
    ('"Malam tadi kita telah rapat dengan pemilik lahan dan mereka bersedia tanahnya digunakan untuk tol '
     'Padang-Pekanbaru," ujar dia.', "2018-02-04", "Malam tadi", "2018-02-03", "day", "relative"),
    # news/clickid.jsonl clickid-okezone-7508 (a week of a month is the month)
    ("dalam suratnya yang dikirimkan pada pekan ketiga Agustus, Kim berbicara tentang \"kesediaannya\"",
     "2019-09-17", "pekan ketiga Agustus", "2019-08", "month", "relative"),
    # news/indosum-dev.jsonl 1499807700-ribuan-nelayan-tuntut-menteri-susi-diganti (crawled 2017-07-11: the
    # date after "hari ini" says which day it is, whatever publication day was estimated)
    ("menggelar aksi demonstrasi damai di depan Istana Negara, Jakarta, hari ini, Selasa (11/7), pukul 09.00 WIB.",
     "2017-07-10", "hari ini, Selasa (11/7)", "2017-07-11", "day", "relative"),
    # news/indosum-dev.jsonl 1505269952-halimah-yacob-wanita-pertama-jadi-presiden-singapu
    ("Halimah Yacob besok, Rabu (13/9/17) akan dilantik setelah Departemen Pemilu menyatakan",
     "2017-09-12", "besok, Rabu (13/9/17)", "2017-09-13", "day", "explicit"),
    # news/clickid.jsonl clickid-tribunnews-2087
    ("Kejadian itu dialami Kades\xa0Paluhombo\xa0Juwanti (51), pada pertengahan Agustus 2019 lalu.",
     "10-Sep-19", "pertengahan Agustus 2019", "2019-08", "month", "explicit"),
    # news/clickid.jsonl clickid-tribunnews-1374
    ("Bursa transfer paruh musim dibuka pada akhir Agustus lalu dan akan ditutup pada Senin (16/9/2019).",
     "10-Sep-19", "akhir Agustus lalu", "2019-08", "month", "relative"),
    # news/clickid.jsonl clickid-kapanlagi-199
    ("yang merupakan daerah tempat Daniel tinggal pada 1 Agustus lalu.",
     "05 Agustus 2019", "1 Agustus lalu", "2019-08-01", "day", "relative"),
    # news/clickid.jsonl clickid-kapanlagi-80 (a range of days: its first day, when the event began, as the
    # annotated corpus dates "5-6 September 2019", "10 hingga 12 Juli 2019", "6-7 September 2017")
    ("Acara perdana digelar selama tiga hari pada 26-28 Agustus 2019 mendatang di Pullman Hotel",
     "13 April 2019", "26-28 Agustus 2019", "2019-08-26", "day", "explicit"),
    # news/indosum-dev.jsonl line 1601 (crawled 2017-07-25)
    ("Penilangan ini merupakan hasil razia yang dilakukan pihak kepolisian sejak tanggal 17 hingga 23 Juli.",
     "25 Juli 2017", "tanggal 17 hingga 23 Juli", "2017-07-17", "day", "relative"),
]


@pytest.mark.parametrize("text, published, expected, value, precision, basis", REAL)
def test_dates_real_sentences(text, published, expected, value, precision, basis):
    found = only(text, published, expected)
    assert (found.value, found.precision, found.basis) == (value, precision, basis)


@pytest.mark.parametrize(
    "text, published, expected, value, precision, basis",
    [
        # constructed: forms the corpus has too few of, and the resolution conventions
        ("3 hari yang lalu", "2024-11-21", "3 hari yang lalu", "2024-11-18", "day", "relative"),
        ("tiga minggu lalu", "2024-11-21", "tiga minggu lalu", "2024-10", "month", "relative"),
        ("dua puluh lima tahun lalu", "2024-11-21", "dua puluh lima tahun lalu", "1999", "year", "relative"),
        ("pekan ini", "2024-11-21", "pekan ini", "2024-11", "month", "relative"),  # a week is a month's
        # a week across two months is the month of its Thursday (ISO 8601): Mon 29 Jul - Sun 4 Aug 2024
        ("akhir pekan", "2024-08-01", "akhir pekan", "2024-07", "month", "relative"),  # Thu 1 Aug: 27-28 July
        ("akhir pekan", "2024-08-03", "akhir pekan", "2024-08", "month", "relative"),  # Sat 3 Aug: this one
        ("pekan lalu", "2024-08-06", "pekan lalu", "2024-08", "month", "relative"),
        ("pekan lalu", "2024-08-09", "pekan lalu", "2024-08", "month", "relative"),
        ("pekan lalu", "2024-07-09", "pekan lalu", "2024-07", "month", "relative"),  # Mon 1 Jul
        ("kemarin", "2024-11-21", "kemarin", "2024-11-20", "day", "relative"),
        ("Rabu", "2024-11-20", "Rabu", "2024-11-20", "day", "relative"),  # on or before publication
        ("Rabu lalu", "2024-11-20", "Rabu lalu", "2024-11-13", "day", "relative"),  # strictly before
        ("22 Januari tahun lalu", "2018-01-31", "22 Januari tahun lalu", "2017-01-22", "day", "relative"),
        ("pada Oktober", "2024-11-21", "Oktober", "2024-10", "month", "relative"),
        ("pada Februari", "2024-11-21", "Februari", "2025-02", "month", "relative"),  # up to 3 months ahead
        ("pada Maret", "2024-11-21", "Maret", "2024-03", "month", "relative"),
        ("bulan lalu", "2024-01-15", "bulan lalu", "2023-12", "month", "relative"),
        ("tahun lalu", "2024", "tahun lalu", "2023", "year", "relative"),  # a year is enough for a year
        ("29 Februari", "2025-03-10", "29 Februari", "2024-02-29", "day", "relative"),
        ("pertengahan Juli", "2024-11-21", "pertengahan Juli", "2024-07", "month", "relative"),
        ("awal 2024", "2024-11-21", "awal 2024", "2024", "year", "explicit"),  # a part keeps the year
        ("Desember-Januari 2017", "2017-06-01", "Desember", "2016-12", "month", "explicit"),  # across New Year
        ("21 Desember atau 22 Desember 2017", None, "21 Desember", "2017-12-21", "day", "explicit"),
    ],
)
def test_dates_resolution_conventions(text, published, expected, value, precision, basis):
    found = only(text, published, expected)
    assert (found.value, found.precision, found.basis) == (value, precision, basis)


@pytest.mark.parametrize(
    "text, expected, value",
    [
        ("November 21, 2024", "November 21, 2024", "2024-11-21"),
        ("Nov 21, 2024", "Nov 21, 2024", "2024-11-21"),
        ("21 Nov 2024", "21 Nov 2024", "2024-11-21"),
        ("Thursday, November 21, 2024", "Thursday, November 21, 2024", "2024-11-21"),
        ("Kamis, 21 November 2024 13:38 WIB", "Kamis, 21 November 2024 13:38 WIB", "2024-11-21"),
        ("2024-11-21T13:38:00+07:00", "2024-11-21T13:38:00+07:00", "2024-11-21"),
        ("20/11/2024", "20/11/2024", "2024-11-20"),
        ("dirilis 5 mei 2019", "5 mei 2019", "2019-05-05"),  # lower case after a day number
    ],
)
def test_dates_explicit_forms(text, expected, value):
    found = only(text, None, expected)
    assert (found.value, found.precision, found.basis) == (value, "day", "explicit")


@pytest.mark.parametrize(
    "published",
    [None, "2024", "bukan tanggal"],
)
def test_dates_relative_unresolved_without_a_fine_enough_date(published):
    found = only("Senin (27/3) dan bulan lalu", published, "Senin (27/3)")
    assert (found.value, found.precision, found.basis) == (None, None, "relative")
    assert only("Senin (27/3) dan bulan lalu", published, "bulan lalu").value is None



@pytest.mark.parametrize(
    ("text", "published", "basis", "expected", "value"),
    [
        # indosum-dev.jsonl, 1494439473-ahok-dipindahkan-ke-markas-brimob-kelapa-dua-depok:
        # crawled 2017-05-10 (a Wednesday), so published is inferred as Tuesday 9 May; its
        # URL (.../20170510023602-...) puts the story on the crawl day itself.
        ("Rabu petang, Ahok dinonaktifkan dari jabatan gubernur.", "2017-05-09", "inferred", "Rabu", "2017-05-10"),
        ("Rabu petang, Ahok dinonaktifkan dari jabatan gubernur.", "2017-05-09", "html-meta", "Rabu", "2017-05-03"),
        # indosum-dev.jsonl, 1484347317-kisruh-berlanjut-ke-bogor-fpi-diduga-bakar-markas-:
        # crawled Friday 2017-01-13, its lead "Jumat (13/1) dini hari" has no year.
        ("kericuhan antara FPI dan GMBI di Jalan Soekarno Hatta, Bandung, Kamis kemarin.", "2017-01-12", "inferred",
         "Kamis kemarin", "2017-01-12"),
        ("kericuhan antara FPI dan GMBI di Jalan Soekarno Hatta, Bandung, Kamis kemarin.", "2017-01-12", "url",
         "Kamis kemarin", "2017-01-05"),
    ],
)
def test_dates_weekday_of_an_inferred_publication_may_be_the_next_day(text, published, basis, expected, value):
    """An inferred publication date is a lower bound (a dump's crawl day less one): a
    weekday counts from the day after it, so the crawl day's weekday is that day, not
    a week before."""
    found = [d for d in find_dates(text, published, basis) if d.text == expected]
    assert [(d.value, d.basis) for d in found] == [(value, "relative")]

@pytest.mark.parametrize(
    "text",
    [
        # seeds/002_87c44d51124bee6b.txt
        "Korea Utara akan mendapatkan antara $320 juta hingga $1,3 miliar per tahun dari Rusia",
        "sekitar 11.000 tentara Korea Utara",
        # seeds/000_93a7580f813b697a.txt
        "Selama bertahun-tahun, perdagangan antara Rusia dan Korea Utara terhambat oleh sanksi internasional",
        "Namun, beberapa tahun terakhir telah terjadi pergeseran dinamika ekonomi",
        "Faktanya, hasil perdagangan selama dua tahun terakhir menunjukkan tren peningkatan yang jelas.",
        "Dalam kunjungan pertamanya dalam empat tahun, pemimpin Korea Utara mengunjungi Rusia",
        # seeds/001_dc909485f31bc26a.txt
        "dalam rangka peringatan 75 tahun kemenangan Uni Soviet dalam Perang Dunia II.",
        # news/indosum-dev.jsonl 1502780200-teka-teki-anniesa-hasibuan-biayai-peragaan-busana-
        "Beberapa minta dibayar USD 15 ribu (Rp Rp 200 juta) hingga USD 100 ribu (Rp 1,3 miliar).",
        # news/indosum-dev.jsonl 1515025800-mirabook-sulap-smartphone-anda-jadi-laptop-penunja
        "beberapa tahun lalu, prediksi analis soal akhir dari era PC menghebohkan seisi industri",
        # news/indosum-dev.jsonl 1514583908-danai-lrt-sindikasi-12-bank-kucurkan-kredit-rp-192
        "Setelah terbukti berhasil, pada tahun-tahun mendatang akan bisa diterapkan lagi model yang sama",
        # news/indosum-dev.jsonl 1498366500-nasib-ronaldo-morata-dan-james-rodriguez-di-real-m
        "kembali menjadi Presiden Real Madrid untuk periode lima tahun mendatang.",
        # news/indosum-dev.jsonl 1501893000-menristekdikti-mobil-listrik-dalam-negeri-diproduk
        "Universitas Negeri Sebelas Maret Surakarta (UNS), dan Institut Teknologi Sepuluh November",
        # news/indosum-dev.jsonl 1507785300-agnez-mo-masih-berjiwa-rb-di-album-debut-internasi
        "Lagu ini lebih pop dengan beat yang mirip dengan era awal 2000-an.",
        # news/clickid.jsonl clickid-pos_metro-1050
        "Anggota AB2TI kini sudah lebih 3.000 orang.",
        # news/indosum-dev.jsonl 1498256100-jelang-libur-lebaran-kamar-hotel-ludes (a Jakarta district)
        "Seluruh restoran baru itu akan dibangun di Jakarta, salah satunya di kawasan Pasar Minggu.",
        # news/indosum-dev.jsonl 1502781795-generasi-muda-partai-golkar-akan-klarifikasi-ke-ma (a university)
        "Adies Kadir di Universitas 17 Agustus 1945 (Untag) Surabaya",
        # constructed: a quantity, a bare month word used as a name, lower-case month and
        # abbreviation words, a score, a season, a fraction, a phone number, a URL date
        "sebanyak 2024 tentara dikirim",
        "kata Agustus Sani kepada wartawan",
        "Agustus",
        "juni dan mei",
        "Jan Ethes dan Des Alwi",
        "skor 4-0 pada musim 2017/18, separuh 1/2",
        "hubungi 0812-3456-7890",
        "https://www.reuters.com/world/north-korea-russia-rail-traffic-surges-2023-10-07/",
    ],
)
def test_dates_not_a_date(text):
    assert find_dates(text, "2024-11-21") == []


@pytest.mark.parametrize("text", ["31/02/2024", "30 Februari 2024", "(31/2)", "2024-13-45", "Februari 30, 2024"])
def test_dates_invalid_calendar_dates_are_skipped(text):
    assert find_dates(text, "2024-11-21") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("김정은 위원장은 2024년 11월 21일 푸틴과 만났다", []),
        ("Путин прибыл в Пхеньян 19 июня 2024 года", []),
        ("🇰🇵🤝🇷🇺 Rabu (20/11/2024) 🎉", ["Rabu (20/11/2024)"]),
        ("٢٠٢٤-١١-٢١ and ２０２４-１１-２１", []),  # only ASCII digits make dates
        ("\x00\ufffd tahun 2024 \u200b", ["tahun 2024"]),
        ("", []),
    ],
)
def test_dates_other_scripts_and_odd_characters(text, expected):
    found = find_dates(text, "2024-11-21")
    assert [d.text for d in found] == expected
    assert all(text[d.start: d.end] == d.text for d in found)


def test_dates_five_megabyte_paragraph_is_linear():
    # seeds/002_87c44d51124bee6b.txt, a real paragraph with two dates, repeated into one 5 MB line
    paragraph = ("SEOUL, KOMPAS.TV — Korea Utara dan Rusia mencapai kesepakatan baru untuk memperluas kerja "
                 "sama ekonomi menyusul pembicaraan tingkat tinggi di Pyongyang minggu ini. Kesepakatan ini "
                 "diberitakan oleh media pemerintah Korea Utara, Kamis (21/11/2024). ")
    repeats = 5_000_000 // len(paragraph)
    started = time.process_time()
    found = find_dates(paragraph * repeats, "2024-11-21")
    elapsed = time.process_time() - started
    assert len(found) == 2 * repeats
    assert elapsed < 2.5, f"{elapsed:.2f} s of CPU for 5 MB"  # 1.3 s on a slow shared core


@pytest.mark.parametrize(
    "value, expected",
    [
        # the five formats of news/clickid.jsonl `published`, with real values
        ("10-Sep-19", ("2019-09-10", "day")),  # clickid-tribunnews-1313
        ("2019-09-10", ("2019-09-10", "day")),  # clickid-fimela_combined-2792
        ("Oktober 19, 2019", ("2019-10-19", "day")),  # clickid-pos_metro-1006
        ("September 20, 2019", ("2019-09-20", "day")),  # clickid-pos_metro-1055
        ("16/09/2019", ("2019-09-16", "day")),  # clickid-kompas-3493
        ("31 Juli 2019", ("2019-07-31", "day")),  # clickid-kapanlagi-0
        ("05 Agustus 2019", ("2019-08-05", "day")),  # clickid-kapanlagi-199
        # other metadata and dateline formats
        ("September 05, 2019", ("2019-09-05", "day")),
        ("26 April 2019", ("2019-04-26", "day")),
        ("02 Mei 2019", ("2019-05-02", "day")),
        ("2024-11-21T13:38:00+07:00", ("2024-11-21", "day")),
        ("2019-10-09 00:00:00", ("2019-10-09", "day")),
        ("21 November 2024, 13:38 WIB", ("2024-11-21", "day")),
        ("Kamis, 21 November 2024 13:38 WIB", ("2024-11-21", "day")),
        ("2020-05-21", ("2020-05-21", "day")),
        ("09/16/2019", ("2019-09-16", "day")),  # the second number > 12: month/day
        ("2024-11", ("2024-11", "month")),
        ("Juli 2019", ("2019-07", "month")),
        ("2024", ("2024", "year")),
        # nothing to read: None, never an exception
        ("31/02/2024", None),
        ("2024-13", None),
        ("0000", None),
        ("Senin (27/3)", None),
        ("bukan tanggal", None),
        ("", None),
        (None, None),
        (20240101, None),
    ],
)
def test_dates_parse_published(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "yaml_text, complaint",
    [
        ("weekday:\n  senin: 1\n", "test.yaml: 'weekday' is an unknown or empty group"),
        ("cues: []\n", "test.yaml: 'cues' is an unknown or empty group"),
        ("months:\n  mei: 6\n", "test.yaml: months 'mei' is 6 here but 5 elsewhere"),
        ("cues:\n  pada: 1\n", "test.yaml: 'cues' must be a list"),
        ("- pada\n", "test.yaml: expected a mapping of groups"),
    ],
)
def test_dates_vocabulary_rejects_bad_files(yaml_text, complaint):
    packaged = resources.files("warta.data").joinpath("language", "id", "dates.yaml").read_text("utf-8")
    with pytest.raises(ValueError, match=complaint):
        load_vocabulary([("data/language/id/dates.yaml", packaged), ("test.yaml", yaml_text)])
