"""The web app for daily work: the filtered events as CSV, `next` links on API list
pages, unknown query parameters refused, English articles marked on their page."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra (fastapi, uvicorn, jinja2, httpx) is not installed")
from fastapi.testclient import TestClient  # noqa: E402

from conftest import run_cli  # noqa: E402
from warta.views.query.records import EVENT_FIELDS  # noqa: E402
from warta.views.web.app import create_app  # noqa: E402

PLOVER_RECORDS = Path(__file__).resolve().parents[2] / "shared" / "reference" / "plover" / "gold_standard_records" / "PLOVER_GSR_CAMEO.txt"


@pytest.fixture(scope="module")
def client(seeds_db):
    return TestClient(create_app(seeds_db), base_url="http://127.0.0.1")


@pytest.mark.parametrize("url, unknown", [
    ("/api/events?limit=100", "'limit'"),
    ("/api/events?type=CONSULT&sort=date&foo=1", "'foo', 'sort'"),
    ("/api/documents?lang=id", "'lang'"),
    ("/api/dyads?per_page=5", "'per_page'"),
    ("/api/events.csv?page=2", "'page'"),
])
def test_web_api_unknown_query_parameter_is_400(client, url: str, unknown: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert f"Unknown query parameter{'s' if ',' in unknown else ''} {unknown}:" in response.text


def test_web_api_known_parameters_still_work(client) -> None:
    assert client.get("/api/events", params={"per_page": 100, "type": "CONSULT", "facets": "false"}).status_code == 200
    assert client.get("/api/dyads", params={"limit": 5}).status_code == 200


def test_web_api_list_pages_carry_next(client) -> None:
    first = client.get("/api/events", params={"per_page": 20, "type": "CONSULT", "facets": "false"}).json()
    assert first["total"] == 19 and first["next"] is None
    first = client.get("/api/events", params={"per_page": 25}).json()
    assert first["total"] == 61
    assert first["next"] == "/api/events?per_page=25&page=2"
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()
    assert (second["page"], third["page"], third["next"]) == (2, 3, None)
    ids = [e["event_id"] for page in (first, second, third) for e in page["items"]]
    assert len(ids) == len(set(ids)) == 61
    documents = client.get("/api/documents", params={"per_page": 2}).json()
    assert documents["next"] == "/api/documents?per_page=2&page=2"
    assert client.get("/api/stories", params={"per_page": 200}).json()["next"] is None


def test_web_events_csv_is_the_filtered_view(client) -> None:
    response = client.get("/api/events.csv", params={"type": "CONSULT", "dyad": "RUS-PRK"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    listed = client.get("/api/events", params={"type": "CONSULT", "dyad": "RUS-PRK", "per_page": 100}).json()
    assert tuple(rows[0]) == EVENT_FIELDS
    assert sorted(r["event_id"] for r in rows) == sorted(e["event_id"] for e in listed["items"])
    assert len(rows) == listed["total"] and {r["event_type"] for r in rows} == {"CONSULT"}
    assert all(r["coder"].startswith("codebook ") for r in rows)
    # the events page links to it with its own filter, without paging
    page = client.get("/events", params={"type": "CONSULT", "page": "1"}).text
    assert 'href="/api/events.csv?type=CONSULT" download>download CSV</a>' in page


def test_web_events_csv_with_full_text_query(client) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events.csv", params={"q": "kunjungan"}).text)))
    assert len(rows) == client.get("/api/events", params={"q": "kunjungan"}).json()["total"] > 0


@pytest.mark.skipif(not PLOVER_RECORDS.exists(), reason="../shared/reference is not beside the repo")
def test_web_document_page_says_english_is_not_coded(tmp_path: Path) -> None:
    records = json.loads(PLOVER_RECORDS.read_text("utf-8"))
    article = tmp_path / "english.txt"
    article.write_text(" ".join(r["text"].strip() for r in records if r.get("language") == "en" and r.get("text"))[:3000], "utf-8")
    db = tmp_path / "en.db"
    assert run_cli("ingest", str(article), "--db", str(db), "-q").exit_code == 0
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    [doc] = client.get("/api/documents").json()["items"]
    page = client.get(f"/documents/{doc['doc_id']}").text
    assert "English: events not coded." in page
