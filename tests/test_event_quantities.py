"""Which quantities the rule coder attaches to an event (events/assemble.py `_quantities`).

Sentences are quoted from the annotated corpus (corpus/*.jsonl; the key names the
news line). An event takes the quantities of its trigger's clause, and those of the
clause a "ketika" (when) clause hangs on: the victims and the attack are one happening.
"""

from __future__ import annotations

from test_events import build


def quantities_of(text: str, event_type: str) -> list[list[str]]:
    return [[q.text for q in e.quantities] for e in build(text).events if e.event_type == event_type]


def test_event_quantities_victims_before_a_when_clause():
    # indosum-dev#2912 (dev): the soldiers were wounded when the shots were fired
    text = ("Sebelumnya, pada Maret, tiga orang tentara AS terluka ketika pasukan Afghanistan melepaskan tembakan di "
            "Provinsi Helmand, yang disebut sebagai ‘ insiden serangan orang dalam’ peritama tahun ini.")
    assert quantities_of(text, "ASSAULT") == [["tiga orang tentara"]]


def test_event_quantities_victims_of_a_shooting_when_clause():
    # clickid#8875 (dev)
    text = ("Di selatan, setidaknya sembilan pengunjuk rasa tewas ketika anggota milisi Asaib Ahl al-Haq (AAH) yang "
            "didukung Iran menembaki para pengunjuk rasa yang mencoba membakar kantor kelompok di kota Nasiriya, "
            "menurut sumber-sumber keamanan.")
    assert quantities_of(text, "ASSAULT") == [["setidaknya sembilan pengunjuk rasa"]]


def test_event_quantities_main_clause_after_an_opening_when_clause():
    # indosum-dev#1515 (train): the search found the phones; the unlisted noun "telepon" is counted
    text = ("Ketika menggeledah rumah Andi Lala di Jalan Pembangunan 2 Desa Sekip, Kecamatan Lubuk Pakam, Kabupaten "
            "Deliserdang, polisi menemukan sejumlah barang bukti berupa barang milik korban yang tewas dalam "
            "perampokan itu, antara lain empat telepon genggam milik korban.")
    assert quantities_of(text, "COERCE") == [["2 Desa", "empat telepon"]]  # "2 Desa": an address, left for now


def test_event_quantities_an_after_clause_is_another_happening():
    # clickid#8903 (train): the arrest is not measured by what was seized before it ("setelah")
    text = ("Para tersangka ditangkap oleh pasukan keamanan di sebuah distrik pusat ibu kota pada hari Selasa setelah "
            "pihak berwenang menyita dua laboratorium yang digunakan untuk memproduksi obat-obatan sintetis, 50 kg "
            "(110 pon) bahan kimia, lebih dari dua ton ganja dan 20 kg kokain.")
    assert quantities_of(text, "COERCE") == [[]]
