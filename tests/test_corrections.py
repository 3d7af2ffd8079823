"""The analyst's corrections (issue 20): the append-only log, the corrected state read
from it, exports with `checked`, surviving a recode, the training export and the API."""

from __future__ import annotations

import io
import json
import sqlite3

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from conftest import run_cli
from warta.corpus.format import Article
from warta.corpus.validate import validate_record
from warta.store import corrections
from warta.store.database import Store
from warta.views.export import export
from warta.views.query.records import event_records
from warta.views.training import training_records
from warta.views.web.app import create_app

# (the rule coder's events: tests/data/rules-coder.toml)
# Seed 001 (b256ed466b4686b1): "Pada November tahun lalu, Wakil Pertama Menteri Luar Negeri Korea Utara saat itu,
# Choe Son-hui, ... ke Moskow ..." coded CONSULT visit with recipient "Moskow"; the sentence names the ministry too.
CHOE = "1fa90fc20430e4fa"
MINISTRY = [1774, 1803]  # "Kementerian Luar Negeri Rusia"
# Seed 000 (a9388d6fd849aff0), sentence 0: "Kedua pemimpin Rusia dan Korea Utara saat berkunjung ke Pusat Antariksa
# Vostochny Rusia." coded CONSULT visit, Korea Utara -> Rusia, asserted
KIM = "59e08e549bb715aa"
AT = "2025-01-01T00:00:00+00:00"


@pytest.fixture
def db(seeds_db, tmp_path):
    path = tmp_path / "seeds.db"
    with sqlite3.connect(seeds_db) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    return path


def events(store, **kw):
    return {e["event_id"]: e for e in event_records(store, **kw)}


def test_corrections_fix_shows_in_every_export(db):
    with Store(db) as store:
        row = corrections.correct(store, "fix", "ana", event_id=CHOE, changes={"recipient": {"mention": MINISTRY}}, at=AT)
        assert (row["before"]["recipient"]["text"], row["before"]["recipient"]["country"]) == ("Moskow", "RUS")
        assert row["after"]["recipient"]["text"] == "Kementerian Luar Negeri Rusia"
        assert (row["event"]["event_type"], row["event"]["mode"]) == ("CONSULT", "visit")
        e = events(store)[CHOE]
        assert e["recipient"]["text"] == "Kementerian Luar Negeri Rusia" and e["recipient"]["country"] == "RUS"
        assert e["checked"] == {"by": "ana", "at": AT, "action": "fixed"}
        assert events(store)[KIM]["checked"] is None
        out = io.BytesIO()
        export(store, "events", "jsonl", out)
        lines = [json.loads(line) for line in out.getvalue().splitlines()]
        assert [x["checked"] for x in lines if x["event_id"] == CHOE] == [{"by": "ana", "at": AT, "action": "fixed"}]
        assert all("checked" in x for x in lines)
        out = io.BytesIO()
        export(store, "events", "csv", out)
        assert '"{""by"": ""ana"", ""at"": ""2025-01-01T00:00:00+00:00"", ""action"": ""fixed""}"' in out.getvalue().decode()
        out = io.BytesIO()
        export(store, "events", "parquet", out)
        table = pq.read_table(io.BytesIO(out.getvalue()))
        checked = [c for c in table.column("checked").to_pylist() if c]
        assert checked == [{"by": "ana", "at": AT, "action": "fixed"}]


def test_corrections_wrong_leaves_exports_and_undo_brings_it_back(db):
    with Store(db) as store:
        total = len(events(store))
        wrong = corrections.correct(store, "wrong", "ana", event_id=KIM, at=AT)
        assert KIM not in events(store) and len(events(store)) == total - 1
        assert events(store, hidden=True)[KIM]["correction"] == "wrong"
        corrections.correct(store, "undo", "ana", undoes=wrong["id"], at=AT)
        assert events(store)[KIM]["checked"] is None and len(events(store)) == total


def test_corrections_log_is_append_only(db):
    with Store(db) as store:
        corrections.correct(store, "confirm", "ana", event_id=KIM, at=AT)
        for sql in ("DELETE FROM corrections", "UPDATE corrections SET who = 'x'"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                store.db.execute(sql)


def test_corrections_add_on_a_sentence(db):
    with Store(db) as store:
        row = corrections.correct(store, "add", "ana", doc_id="a9388d6fd849aff0", sentence=0,
                                  changes={"event_type": "COOPERATE", "trigger": [42, 52]}, at=AT)
        added = events(store)[row["event_id"]]
        assert (added["event_type"], added["mode"], added["evidence"], added["trigger_text"], added["score"]) == (
            "COOPERATE", None, "Kedua pemimpin Rusia dan Korea Utara saat berkunjung ke Pusat Antariksa Vostochny Rusia.",
            "berkunjung", 9.5)
        assert added["checked"]["action"] == "added"
        with pytest.raises(corrections.CorrectionError, match="not inside sentence 0"):
            corrections.correct(store, "add", "ana", doc_id="a9388d6fd849aff0", sentence=0,
                                changes={"event_type": "CONSULT", "trigger": [100, 110]})


@pytest.mark.parametrize("changes, message", [
    ({"event_type": "VISIT"}, "unknown event type 'VISIT'"),
    ({"mode": "phone-call"}, "CONSULT has no mode 'phone-call'"),
    ({"date": "21/11/2024"}, "a date is YYYY, YYYY-MM or YYYY-MM-DD"),
    ({"actor": {"mention": [0, 3]}}, "no mention at 0-3"),
    ({"score": 1}, "cannot fix score"),
    ({"mode": "visit"}, "the fix changes nothing"),
])
def test_corrections_bad_fix_is_refused(db, changes, message):
    with Store(db) as store, pytest.raises(corrections.CorrectionError, match=message):
        corrections.correct(store, "fix", "ana", event_id=KIM, changes=changes)


def test_corrections_survive_a_recode(db):
    """A recode replaces the coded events: the corrected event stays corrected, and a
    coding of the same trigger that differs is reported as a conflict, not applied."""
    with Store(db) as store:
        corrections.correct(store, "fix", "ana", event_id=KIM, changes={"event_type": "AGREE"}, at=AT)
        # what a recode that codes the trigger differently does to the events table
        store.db.execute("UPDATE events SET event_id = 'recoded0000001', event_type = 'REJECT' WHERE event_id = ?", (KIM,))
        e = events(store)
        assert "recoded0000001" not in e
        assert (e[KIM]["event_type"], e[KIM]["checked"]["action"]) == ("AGREE", "fixed")
        assert [(c["field"], c["coded"]["event_type"]) for c in e[KIM]["conflicts"]] == [("event", "REJECT")]
        # the same event coded with another certainty: kept as corrected, the difference shown
        store.db.execute("UPDATE events SET event_id = ?, event_type = 'CONSULT', certainty = 'reported'"
                         " WHERE event_id = 'recoded0000001'", (KIM,))
        e = events(store)[KIM]
        assert (e["event_type"], e["certainty"]) == ("AGREE", "asserted")
        assert [(c["field"], c["coded"]) for c in e["conflicts"]] == [("certainty", "reported")]
        # and an event the recode no longer finds at all
        store.db.execute("DELETE FROM events WHERE event_id = ?", (KIM,))
        e = events(store)[KIM]
        assert e["event_type"] == "AGREE" and e["conflicts"][-1] == {"field": "event", "corrected": None, "coded": None}


def test_corrections_export_in_the_corpus_format(db, tmp_path):
    with Store(db) as store:
        corrections.correct(store, "fix", "ana", event_id=KIM, changes={"mode": None, "certainty": "reported"}, at=AT)
        corrections.correct(store, "wrong", "budi", event_id="b86bd06ffbe4da3b", at=AT)
        records = list(training_records(store))
        text = store.db.execute("SELECT text FROM documents WHERE doc_id = 'a9388d6fd849aff0'").fetchone()[0]
    assert len(records) == 1
    r = records[0]
    assert (r["split"], r["complete"], r["annotator"], r["sentences"]) == ("train", False, "ana, budi", [[0, 88], [107, 261]])
    assert [(e["type"], e["mode"], e["trigger"]["text"], e["actor"]["text"], e["recipient"]["text"], e["certainty"])
            for e in r["events"]] == [("CONSULT", None, "berkunjung", "Korea Utara", "Rusia", "reported"),
                                      ("CONSULT", "multilateral", "bertemu", "pemimpin Korea Utara", "Putin", "asserted")]
    article = Article(r["doc"], text, tuple(tuple(s) for s in r["sentences"]), {}, None)
    assert validate_record(r, article) == []
    out = tmp_path / "corrections.jsonl"
    result = run_cli("export", "corrections", "--db", str(db), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["doc_id"] for line in out.read_text().splitlines()] == ["a9388d6fd849aff0"]
    assert run_cli("export", "corrections", "--format", "csv", "--db", str(db)).exit_code == 2


def test_corrections_api_needs_the_token(db):
    client = TestClient(create_app(db, allow_ingest=True, token="T"), base_url="http://127.0.0.1")
    body = {"action": "fix", "who": "ana", "event_id": CHOE, "changes": {"recipient": {"mention": MINISTRY}}}
    assert client.post("/api/corrections", json=body).status_code == 403
    assert client.post("/api/corrections", json=body, headers={"Authorization": "Bearer x"}).status_code == 403
    response = client.post("/api/corrections", json=body, headers={"Authorization": "Bearer T"})
    assert response.status_code == 201
    assert response.json()["event"]["recipient"]["text"] == "Kementerian Luar Negeri Rusia"
    assert client.get(f"/api/events/{CHOE}").json()["checked"]["by"] == "ana"
    bad = client.post("/api/corrections", json={**body, "changes": {"mode": "x"}}, headers={"Authorization": "Bearer T"})
    assert bad.status_code == 422 and bad.json()["detail"] == "CONSULT has no mode 'x'"
    assert [c["action"] for c in client.get("/api/corrections").json()["items"]] == ["fix"]
    page = client.get("/documents/b256ed466b4686b1").text
    assert 'class="corrected corrected-fixed"' in page and "/static/corrections.js" in page
    off = TestClient(create_app(db), base_url="http://127.0.0.1")
    assert off.post("/api/corrections", json=body, headers={"Authorization": "Bearer T"}).status_code == 404
    assert "/static/corrections.js" not in off.get("/documents/b256ed466b4686b1").text
