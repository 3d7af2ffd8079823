"""The web app (issue 7) through FastAPI's TestClient, on the seed articles' store."""

from __future__ import annotations

import json
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra (fastapi, uvicorn, jinja2, httpx) is not installed")
from fastapi.testclient import TestClient  # noqa: E402

from warta.store.database import Store, StoreError  # noqa: E402
from warta.views.web.app import CSP, create_app  # noqa: E402
from warta.views.query.fulltext import fts_query, search_terms  # noqa: E402
from warta.views.web.render import annotated_text, choose_spans, safe_url  # noqa: E402

TOKEN = "test-token-7"
LOOPBACK = "http://127.0.0.1"  # the Host every test client sends: an allowed (loopback) name
HOSTILE_TITLE = '<script>alert("title")</script> Judul "berbahaya"'
HOSTILE_TEXT = (
    "Presiden Rusia Vladimir Putin mengunjungi Pyongyang pada Rabu (19/6/2024) untuk bertemu pemimpin "
    "Korea Utara Kim Jong Un. <script>alert(1)</script> Kedua pemimpin menandatangani perjanjian kemitraan "
    "strategis yang komprehensif di Pyongyang. <img src=x onerror=alert(1)> Menurut kantor berita KCNA, "
    "Korea Utara dan Rusia sepakat memperluas kerja sama ekonomi dan militer. "
    '<a href="javascript:alert(1)">klik di sini</a> dan javascript:alert(document.cookie) tidak boleh menjadi tautan. '
    "Pejabat Amerika Serikat menuduh Korea Utara mengirim ribuan tentara ke Rusia bulan lalu. "
    "Kementerian Luar Negeri Rusia membantah tuduhan tersebut dalam pernyataan pada Kamis (20/6/2024)."
)


def copy_store(source: Path, target: Path) -> Path:
    """A writable copy of a store (SQLite's backup API, so the WAL is included)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


@pytest.fixture(scope="module")
def client(seeds_db):
    return TestClient(create_app(seeds_db), base_url=LOOPBACK)


@pytest.fixture(scope="module")
def hostile(seeds_db, tmp_path_factory):
    """A writable store with a hostile article ingested over the API; (client, doc_id)."""
    db = copy_store(seeds_db, tmp_path_factory.mktemp("hostile") / "hostile.db")
    client = TestClient(create_app(db, allow_ingest=True, token=TOKEN), base_url=LOOPBACK)
    response = client.post("/api/documents", json={"text": HOSTILE_TEXT, "title": HOSTILE_TITLE,
                                                    "url": "javascript:alert(document.cookie)", "outlet": "Contoh <b>News</b>"},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201, response.text
    return client, response.json()["doc_id"]


def first_doc(client) -> dict:
    return client.get("/api/documents", params={"per_page": 200}).json()["items"][0]


PAGES = ["/", "/events", "/events?type=CONSULT", "/events?q=kunjungan", "/events?dyad=PRK-RUS&from=2024&to=2024-12",
         "/stories", "/stories?sources=2", "/dyads", "/dyads/RUS/PRK", "/flows", "/flows?source=RUS&target=PRK",
         "/network", "/documents", "/entities", "/entities?type=PERSON", "/search?q=kunjungan"]


@pytest.mark.parametrize("path", PAGES)
def test_web_page_renders_with_strict_csp(client, path):
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CSP
    assert "default-src 'self'" in CSP and "script-src 'self'" in CSP and "style-src 'self'" in CSP
    assert "unsafe-inline" not in CSP
    tags = Tags()
    tags.feed(response.text)
    assert all(src.startswith("/static/") for src in tags.script_srcs)
    assert tags.inline_scripts == 0 and tags.style_attributes == 0 and tags.style_elements == 0


class Tags(HTMLParser):
    """What a page's markup holds that could run or style things."""

    def __init__(self) -> None:
        super().__init__()
        self.script_srcs: list[str] = []
        self.inline_scripts = 0
        self.style_attributes = 0
        self.style_elements = 0
        self.handlers: list[str] = []
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            if attributes.get("src"):
                self.script_srcs.append(attributes["src"])
            else:
                self.inline_scripts += 1
        if tag == "style":
            self.style_elements += 1
        if "style" in attributes:
            self.style_attributes += 1
        self.handlers += [name for name in attributes if name.startswith("on")]
        for name in ("href", "src", "action"):
            if attributes.get(name) is not None:
                self.hrefs.append(attributes[name])
        if attributes.get("id"):
            self.ids.add(attributes["id"])


def test_web_document_page_highlights_and_anchors_sentences(client, seeds_db):
    doc_id = next(e for e in client.get("/api/events").json()["items"])["doc_id"]
    html = client.get(f"/documents/{doc_id}").text
    tags = Tags()
    tags.feed(html)
    with Store(seeds_db, readonly=True) as store:
        sentences = store.count("sentences") and list(store.rows("SELECT idx FROM sentences WHERE doc_id = ?", (doc_id,)))
        events = list(store.rows("SELECT event_id FROM events WHERE doc_id = ?", (doc_id,)))
    assert {f"s{s['idx']}" for s in sentences} <= tags.ids
    assert {f"ev-{e['event_id']}" for e in events} <= tags.ids
    assert 'class="ann ann-event"' in html and 'class="ann ann-country"' in html
    assert "<details" in html and "Removed by cleaning" in html


def test_web_every_event_links_to_its_evidence_sentence(client):
    """Two clicks from a number: the count opens the events list, whose evidence
    links open the document at the sentence, which holds that evidence."""
    listing = client.get("/events", params={"per_page": 200}).text
    links = re.findall(r'<a class="evidence" href="/documents/([0-9a-f]+)#s(\d+)"', listing)
    events = client.get("/api/events", params={"per_page": 200}).json()["items"]
    assert len(links) == len(events) > 0
    pages: dict[str, str] = {}
    documents: dict[str, dict] = {}
    for (doc_id, idx), event in zip(links, events):
        assert (doc_id, int(idx)) == (event["doc_id"], event["sentence"])
        if doc_id not in pages:
            pages[doc_id] = client.get(f"/documents/{doc_id}").text
            documents[doc_id] = client.get(f"/api/documents/{doc_id}").json()
        assert f'id="s{idx}"' in pages[doc_id]
        document = documents[doc_id]
        sentence = next(s for s in document["sentences"] if s["idx"] == int(idx))
        assert document["document"]["text"][sentence["start"]:sentence["end"]] == event["evidence"]


def test_web_facet_counts_match_the_filtered_list(client):
    data = client.get("/api/events").json()
    assert data["total"] == sum(v["n"] for f in data["facets"] if f["name"] == "type" for v in f["values"])
    for facet in data["facets"]:
        for value in facet["values"][:4]:
            params = {"from": value["value"], "to": value["value"]} if facet["name"] == "month" else {facet["name"]: value["value"]}
            assert client.get("/api/events", params=params).json()["total"] == value["n"], (facet["name"], value)


def test_web_dyad_numbers_match_their_events(client):
    dyad = client.get("/api/dyads").json()[0]
    data = client.get(f"/api/dyads/{dyad['a']}/{dyad['b']}").json()
    assert data["events"] == dyad["events"] == client.get("/api/events", params={"dyad": dyad["dyad"]}).json()["total"]
    for row in data["by_type"]:
        assert client.get("/api/events", params={"dyad": dyad["dyad"], "type": row["event_type"]}).json()["total"] == row["n"]
    for month in data["months"]:
        got = client.get("/api/events", params={"dyad": dyad["dyad"], "negated": 0, "from": month["month"], "to": month["month"]})
        assert got.json()["total"] == month["events"]
    undated = client.get("/api/events", params={"dyad": dyad["dyad"], "negated": 0, "undated": 1}).json()["total"]
    assert undated == data["undated"]


def test_web_network_edge_counts_match_their_events(client):
    data = client.get("/api/network").json()
    assert data["edges"]
    for edge in data["edges"][:10]:
        params = {"source": edge["source"], "target": edge["target"], "type": edge["event_type"], "negated": 0}
        assert client.get("/api/events", params=params).json()["total"] == edge["count"]


def test_web_flows_and_sankey_agree(client):
    data = client.get("/api/flows").json()
    assert sum(link["value"] for link in data["sankey"]["links"]) == data["total"] == len(data["flows"])
    if data["summary"]:
        top = data["summary"][0]
        chosen = client.get("/api/flows", params={k: top[k] for k in ("source", "target", "resource")}).json()
        assert len(chosen["flows"]) == top["events"]


@pytest.mark.parametrize("query, lemmas", [("kunjungan", ["kunjung"]), ("Mengunjungi", ["kunjung"]),
                                           ('"Korea Utara"', [])])
def test_web_search_terms_carry_lemmas(query, lemmas):
    terms = search_terms(query)
    assert terms and terms[0][1] == lemmas


def test_web_search_finds_other_inflections(client):
    """'kunjungan' (a visit) finds 'berkunjung' (to visit) through the lemma column."""
    hits = client.get("/api/search", params={"q": "kunjungan", "per_page": 100}).json()
    texts = " ".join(h["text"] for h in hits["items"]).lower()
    assert "kunjungan" in texts and "berkunjung" in texts
    assert hits["total"] > client.get("/api/search", params={"q": '"kunjungan"'}).json()["total"]


@pytest.mark.parametrize("query", ['"', 'a" OR "b', "NEAR(", "*", "AND", "OR NOT", "kunjungan\"", ":", "^x", "-",
                                   "'; DROP TABLE events; --", "(((", "text:Rusia", "{lemmas}:x", "\\", "\x00", "  "])
def test_web_search_never_fails_on_stray_syntax(client, query):
    for path in ("/api/search", "/api/events", "/search", "/events"):
        assert client.get(path, params={"q": query}).status_code == 200, path


def test_web_fts_query_quotes_every_term():
    assert fts_query("kunjungan") == '(text : "kunjungan" OR lemmas : "kunjung")'
    assert fts_query('Rusia "Korea Utara" OR') == '(text : "rusia" OR lemmas : "rusia") AND text : "korea utara" AND (text : "or" OR lemmas : "or")'
    assert fts_query('" * ( : ^') is None


def test_web_api_records_follow_the_spec(client):
    event = client.get("/api/events", params={"per_page": 1}).json()["items"][0]
    for field in ("event_id", "doc_id", "event_type", "actor", "recipient", "date", "certainty", "evidence",
                  "char_start", "char_end", "story_id", "rule"):
        assert field in event
    assert client.get(f"/api/events/{event['event_id']}").json()["event_id"] == event["event_id"]
    story = client.get(f"/api/stories/{event['story_id']}").json()
    assert event["event_id"] in story["event_ids"] and story["events"]
    doc = client.get(f"/api/documents/{event['doc_id']}").json()
    assert doc["document"]["doc_id"] == event["doc_id"] and doc["spans"] and doc["sentences"]
    entity = client.get("/api/entities", params={"per_page": 1}).json()["items"][0]
    assert client.get(f"/api/entities/{entity['entity_id']}").json()["entity"]["mentions"] == entity["mentions"]


def test_web_entity_says_when_its_country_is_a_guess(client):
    """Issue 17: seed 001's "Kristina Kormilitsyna" is Russian by the story's main country
    only (no title, apposition or corpus name gives one); "Kim Jong Un" by the gazetteer."""
    by_name = {e["name"]: e for e in client.get("/api/entities", params={"per_page": 100}).json()["items"]}
    guessed, known = by_name["Kristina Kormilitsyna"], by_name["Kim Jong Un"]
    assert (guessed["country"], guessed["country_basis"], known["country"], known["country_basis"]) == (
        "RUS", "story", "PRK", "text")
    page = client.get(f"/entities/{guessed['entity_id']}").text
    assert '<span class="basis" title="guessed from the story&#39;s main country">(story)</span>' in page
    assert "(story)" not in client.get(f"/entities/{known['entity_id']}").text


def test_web_openapi_lists_the_api(client):
    schema = client.get("/openapi.json").json()
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/entities", "/api/events", "/api/stories",
                 "/api/dyads", "/api/dyads/{a}/{b}", "/api/flows", "/api/network", "/api/search"):
        assert path in schema["paths"], path
    assert "post" in schema["paths"]["/api/documents"]
    assert not any(p.startswith("/events") or p == "/" for p in schema["paths"])


@pytest.mark.parametrize("path, status", [("/documents/nope", 404), ("/entities/nope", 404), ("/dyads/R1/PRK", 404),
                                          ("/api/events/nope", 404), ("/api/events?from=yesterday", 422),
                                          ("/api/events?per_page=100000", 422), ("/events?dyad=RUSSIA", 422),
    # impossible dates (issue 19: from=9999-99-99 was accepted)
    ("/api/events?from=9999-99-99", 422), ("/events?from=9999-99-99", 422), ("/api/events?to=2024-13", 422),
    ("/api/events?from=2023-02-30", 422), ("/api/stories?from=2024-00", 422), ("/stories?to=2024-04-31", 422)])
def test_web_bad_requests_are_answered_not_crashed(client, path, status):
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == status
    assert response.headers["content-security-policy"] == CSP


def test_web_reads_through_read_only_connections(client):
    store = client.app.state.stores.get()
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.db.execute("DELETE FROM events")


def test_web_ingest_is_off_by_default(client):
    response = client.post("/api/documents", json={"text": HOSTILE_TEXT}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 404


def test_web_ingest_needs_a_token():
    with pytest.raises(ValueError):
        create_app("unused.db", allow_ingest=True)


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer "])
def test_web_ingest_refuses_a_wrong_token(hostile, header):
    client, _ = hostile
    headers = {"Authorization": header} if header else {}
    assert client.post("/api/documents", json={"text": HOSTILE_TEXT + " Lagi."}, headers=headers).status_code == 403


def test_web_ingest_stores_once_and_rejects_with_reason(hostile):
    client, doc_id = hostile
    auth = {"Authorization": f"Bearer {TOKEN}"}
    again = client.post("/api/documents", json={"text": HOSTILE_TEXT, "title": HOSTILE_TITLE,
                                                "url": "javascript:alert(document.cookie)", "outlet": "Contoh <b>News</b>"},
                        headers=auth)
    assert again.status_code == 200 and again.json()["status"] == "exists" and again.json()["doc_id"] == doc_id
    empty = client.post("/api/documents", json={"title": "no text"}, headers=auth)
    assert empty.status_code == 422 and empty.json()["reason"]
    assert client.post("/api/documents", content=b"[1, 2", headers={**auth, "Content-Type": "application/json"}).status_code == 422
    document = client.get(f"/api/documents/{doc_id}").json()["document"]
    assert "<script>alert(1)</script>" in document["text"]  # stored verbatim: escaping is the page's job


@pytest.mark.parametrize("content_type, body", [
    ("text/plain; charset=utf-8", HOSTILE_TEXT.replace("Pyongyang", "Vladivostok").encode()),
    ("text/html", f"<html><head><title>Uji</title></head><body><article><p>{HOSTILE_TEXT.replace('Pyongyang', 'Moskow')}</p>"
                  "</article></body></html>".encode()),
])
def test_web_ingest_takes_text_and_html_bodies(hostile, content_type, body):
    client, _ = hostile
    response = client.post("/api/documents", content=body,
                           headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": content_type})
    assert response.status_code == 201, response.text
    assert client.get(response.json()["url"]).status_code == 200


def test_web_ingest_refuses_an_oversized_body(hostile):
    client, _ = hostile
    response = client.post("/api/documents", content=b"a" * (11 * 1024 * 1024),
                           headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"})
    assert response.status_code == 413


def test_web_hostile_article_is_escaped_everywhere(hostile):
    client, doc_id = hostile
    for path in (f"/documents/{doc_id}", f"/events?doc={doc_id}", "/search?q=alert", "/search?q=Pyongyang",
                 "/documents", "/entities?q=Kim", "/"):
        html = client.get(path).text
        tags = Tags()
        tags.feed(html)
        assert tags.inline_scripts == 0 and all(src.startswith("/static/") for src in tags.script_srcs), path
        assert not tags.handlers, path
        assert not any(h.strip().lower().startswith("javascript:") for h in tags.hrefs), path
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>News</b>" not in html, path
    page = client.get(f"/documents/{doc_id}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_web_annotated_text_escapes_every_piece():
    text = "A <b>Rusia</b> & \"Korea\" <script>x</script>."
    sentences = [{"idx": 0, "start": 0, "end": len(text)}]
    spans = [{"start": 5, "end": 10, "kind": "COUNTRY"}, {"start": 3, "end": 14, "kind": "ORG"},
             {"start": 18, "end": 23, "kind": "COUNTRY", "entity_id": 'x" onmouseover="y'}]
    html = str(annotated_text(text, sentences, spans, []))
    assert "<b>" not in html and "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html
    assert 'onmouseover="' not in html
    assert choose_spans(spans)[0]["kind"] == "ORG"  # the longer span wins an overlap


@pytest.mark.parametrize("url, safe", [("https://example.id/a", True), ("http://x.id", True), ("javascript:alert(1)", False),
                                       (" JavaScript:alert(1)", False), ("data:text/html,x", False), ("//evil", False),
                                       ("", False), (None, False)])
def test_web_safe_url_allows_only_http(url, safe):
    assert (safe_url(url) is not None) == safe


def test_web_migration_indexes_an_older_store(seeds_db, tmp_path):
    """A store made before migration 0005 gets its sentences and titles indexed (words as written)."""
    db = copy_store(seeds_db, tmp_path / "old.db")
    with sqlite3.connect(db) as connection:
        connection.executescript("DROP TABLE search; DROP TABLE search_rows; DROP INDEX events_sentence;"
                                 " ALTER TABLE events DROP COLUMN coder; ALTER TABLE documents DROP COLUMN coder;"
                                 " DROP TABLE fetched; DROP TABLE refile; DROP TABLE corrections; ALTER TABLE mentions DROP COLUMN country;"
                                 " ALTER TABLE mentions DROP COLUMN country_basis; ALTER TABLE entities DROP COLUMN country_basis;"
                                 " PRAGMA user_version = 4;")
    with pytest.raises(StoreError, match="older warta"):
        create_app(db)
    Store(db).close()  # a writer upgrades it
    client = TestClient(create_app(db), base_url=LOOPBACK)
    assert client.get("/api/search", params={"q": '"kunjungan"'}).json()["total"] > 0


# Issue 19, web: foreign Host headers, the token outside argv, HEAD, JSONL counts, a taken port.
@pytest.mark.parametrize("host, status", [("127.0.0.1", 200), ("localhost:8000", 200), ("[::1]:8000", 200),
                                          ("evil.example", 400), ("127.0.0.1.evil.example", 400)])
def test_web_answers_only_allowed_hosts(client, host, status):
    """DNS rebinding: a page on another name must not read the store."""
    response = client.get("/api/overview", headers={"Host": host})
    assert response.status_code == status


def test_web_allowed_hosts_setting_adds_names(seeds_db):
    from warta.settings import load_options

    app = create_app(seeds_db, options=load_options(allowed_hosts=["warta.lan"]))
    client = TestClient(app, base_url="http://warta.lan")
    assert client.get("/api/overview").status_code == 200
    assert client.get("/api/overview", headers={"Host": "localhost"}).status_code == 200
    assert client.get("/api/overview", headers={"Host": "other.lan"}).status_code == 400


def test_web_head_of_a_page_is_answered(client):
    for path in ("/", "/events", "/api/overview"):
        response = client.head(path)
        assert response.status_code == 200, path
        assert response.content == b""
    assert client.head("/documents/nope").status_code == 404


def test_web_ingest_of_jsonl_counts_every_line(hostile):
    client, _ = hostile
    lines = [json.dumps({"id": f"jsonl-{n}", "title": f"Judul {n}", "text": HOSTILE_TEXT.replace("Pyongyang", city)})
             for n, city in enumerate(["Hanoi", "Manila", "Jakarta"])]
    response = client.post("/api/documents", content="\n".join(lines).encode(),
                           headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["stored"] == 3 and len(body["items"]) == 3
    assert [item["status"] in ("added", "near-duplicate") for item in body["items"]] == [True] * 3  # all stored
    assert all(client.get(item["url"]).status_code == 200 for item in body["items"])


def test_serve_reads_the_token_from_the_environment_or_a_file(tmp_path, monkeypatch):
    from conftest import run_cli

    served = {}
    monkeypatch.setattr("warta.views.web.serve", lambda db, **kwargs: served.update(kwargs))
    monkeypatch.setenv("WARTA_TOKEN", "from-env")
    assert run_cli("serve", "--allow-ingest", "--db", str(tmp_path / "x.db")).exit_code == 0
    assert served["token"] == "from-env"
    monkeypatch.delenv("WARTA_TOKEN")
    token_file = tmp_path / "token"
    token_file.write_text("from-file\n", encoding="utf-8")
    assert run_cli("serve", "--allow-ingest", "--token-file", str(token_file), "--db", str(tmp_path / "x.db")).exit_code == 0
    assert served["token"] == "from-file"
    missing = run_cli("serve", "--allow-ingest", "--token-file", str(tmp_path / "none"), "--db", str(tmp_path / "x.db"))
    assert missing.exit_code == 2 and str(tmp_path / "none") in missing.stderr
    assert run_cli("serve", "--allow-ingest", "--db", str(tmp_path / "x.db")).exit_code == 2
    unused = run_cli("serve", "--token", "t", "--db", str(tmp_path / "x.db"))  # compared with the click package's
    assert unused.exit_code == 2 and "only used with --allow-ingest" in unused.stderr  # enum, it passed unseen


def test_serve_says_when_the_port_is_taken(seeds_db):
    import socket

    from conftest import run_cli

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--db", str(seeds_db), "--port", str(port))
    assert result.exit_code == 2
    assert result.stderr == f"warta: cannot listen on 127.0.0.1:{port}: the port is in use (try --port)\n"
