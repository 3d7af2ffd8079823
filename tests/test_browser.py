"""The web app in a real headless Chromium (issue 7).

The tests start the real server (`warta serve`) on a free loopback port over a store of the seed articles, click
through every page with Debian's chromium driven by Playwright, and save
screenshots under test-artifacts/browser/. Chromium comes from
scripts/setup-browser.sh (`make test` runs it); the tests skip, saying why, only
when it cannot be installed here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
SETUP = ROOT / "scripts" / "setup-browser.sh"
HOST = "127.0.0.1"
TOKEN = "browser-test-token"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"]
HOSTILE = {
    "title": "<script>alert('judul')</script> Putin <img src=x onerror=alert(2)>",
    "url": "javascript:alert(document.cookie)",
    "outlet": "Warta <i>Palsu</i>",
    "text": (
        "Presiden Rusia Vladimir Putin mengunjungi Pyongyang pada Rabu (19/6/2024) untuk bertemu pemimpin Korea "
        "Utara Kim Jong Un. <script>alert(1)</script> Kedua pemimpin menandatangani perjanjian kemitraan strategis "
        "di Pyongyang. <img src=x onerror=alert(1)> Menurut kantor berita KCNA, Korea Utara dan Rusia sepakat "
        "memperluas kerja sama ekonomi. <a href=\"javascript:alert(1)\">klik di sini</a> atau javascript:alert(3) "
        "bukan tautan. Pejabat Amerika Serikat menuduh Korea Utara mengirim ribuan tentara ke Rusia bulan lalu."
    ),
}


def chromium() -> str:
    """Debian's chromium, installed by scripts/setup-browser.sh when missing."""
    found = shutil.which("chromium")
    if found is None and SETUP.exists():
        subprocess.run(["bash", str(SETUP)], capture_output=True, timeout=600, check=False)
        found = shutil.which("chromium")
    if found is None:
        pytest.skip("chromium is not installed and scripts/setup-browser.sh could not install it "
                    "(it needs root or sudo, and apt-get)")
    return found


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    playwright_api = pytest.importorskip("playwright.sync_api", reason="the Python package playwright is not installed")
    executable = chromium()
    with playwright_api.sync_playwright() as playwright:
        # a fresh --user-data-dir: Playwright passes the directory given here
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=executable, headless=True,
            args=[a for a in CHROMIUM_ARGS if a != "--headless"], viewport={"width": 1280, "height": 900},
            service_workers="block")
        yield context
        context.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def warta_command() -> list[str]:
    """The real CLI."""
    script = Path(sys.executable).with_name("warta")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from warta.views.cli import main; main()"]


def server_command(db: Path, port: int) -> list[str]:
    """The real CLI's `warta serve`."""
    args = ["--db", str(db), "--host", HOST, "--port", str(port), "--allow-ingest", "--token", TOKEN]
    return warta_command() + ["serve", *args]


SERVED: dict[str, Path] = {}  # server URL -> the store it serves


@pytest.fixture(scope="module")
def server(seeds_db, tmp_path_factory):
    """The server on a free loopback port over a writable copy of the seed store."""
    db = tmp_path_factory.mktemp("serve") / "seeds.db"
    with sqlite3.connect(seeds_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    port = free_port()
    log = tmp_path_factory.mktemp("serve-log") / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(server_command(db, port), stdout=out, stderr=subprocess.STDOUT,
                                   env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://{HOST}:{port}"
    deadline = time.monotonic() + 30
    while True:
        if process.poll() is not None:
            pytest.fail(f"the server exited: {log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(base + "/api/overview", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the server did not answer in 30 s: {log.read_text(errors='replace')}")
        time.sleep(0.1)
    SERVED[base] = db
    yield base
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()


class Watch:
    """A page with its console errors, CSP reports, page errors and dialogs recorded."""

    def __init__(self, context):
        self.page = context.new_page()
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.problems.append(f"console {m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def goto(self, url: str) -> None:
        response = self.page.goto(url)
        assert response is not None and response.status == 200, url

    def charts_ready(self) -> None:
        self.page.wait_for_function(
            "() => [...document.querySelectorAll('figure.chart')].every(f => f.dataset.ready)", timeout=10_000)
        not_drawn = self.page.eval_on_selector_all("figure.chart", "fs => fs.filter(f => f.dataset.ready !== '1').length")
        assert not_drawn == 0, "a chart failed to load"

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)

    def close(self) -> None:
        self.page.close()
        assert not self.dialogs, self.dialogs
        assert not self.problems, self.problems


def number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def test_browser_every_page_renders_without_errors(browser, server):
    """Every page, its charts drawn from the API, no console error and no CSP report."""
    w = Watch(browser)
    pages = [("overview", "/"), ("events", "/events"), ("events-facet", "/events?type=CONSULT"),
             ("stories", "/stories"), ("dyads", "/dyads"), ("flows", "/flows"), ("network", "/network"),
             ("documents", "/documents"), ("entities", "/entities"), ("search", "/search?q=kunjungan")]
    for name, path in pages:
        w.goto(server + path)
        if w.page.locator("figure.chart").count():
            w.charts_ready()
            assert w.page.locator("figure.chart svg").count() >= 1, name
        w.shot(name)
    w.close()


def test_browser_two_clicks_from_a_number_to_its_sentence(browser, server):
    """Overview: a dyad's event count -> the events list -> the evidence sentence,
    highlighted as the page's :target in its document."""
    w = Watch(browser)
    w.goto(server + "/")
    count = w.page.locator("table.grid tbody tr").first.locator("td.num a").first
    shown = number(count.inner_text())
    count.click()
    w.page.wait_for_url(re.compile(r"/events\?dyad="))
    assert number(w.page.locator("h1 .count").inner_text()) == shown
    evidence = w.page.locator("a.evidence").first
    sentence_text = evidence.inner_text()
    evidence.click()
    w.page.wait_for_url(re.compile(r"/documents/[0-9a-f]+#s\d+$"))
    target = w.page.locator(":target")
    assert target.count() == 1 and "sentence" in target.get_attribute("class")
    assert target.inner_text().replace("\n", " ").split() == [
        t for t in sentence_text.replace("\n", " ").split() if t]  # labels are CSS ::after, not text
    assert target.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    w.shot("document-at-sentence")
    w.page.locator("details.removed summary").click()
    assert w.page.locator("details.removed").get_attribute("open") is not None
    w.shot("document-removed-open")
    w.close()


def test_browser_charts_link_to_their_events(browser, server):
    w = Watch(browser)
    # dyad chart: a bar opens the events of that month and quad
    w.goto(server + "/dyads/RUS/PRK")
    w.charts_ready()
    w.shot("dyad")
    bar = w.page.locator("#dyad-chart svg a").first
    title = bar.locator("title").text_content()
    bar.click()
    w.page.wait_for_url(re.compile(r"/events\?.*quad="))
    assert number(w.page.locator("h1 .count").inner_text()) == int(title.split(": ")[1].split()[0])
    # Sankey: a band opens its flows with their evidence sentences
    w.goto(server + "/flows")
    w.charts_ready()
    band = w.page.locator("#sankey svg a path.link").first
    flows = int(re.search(r", (\d+) event", band.locator("title").text_content()).group(1))
    band.click(force=True)
    w.page.wait_for_url(re.compile(r"/flows\?source=.*#evidence"))
    assert w.page.locator("#evidence a.evidence").count() == flows
    w.shot("flows-evidence")
    # network: hovering a node focuses its edges; clicking lists them with links
    w.goto(server + "/network")
    w.charts_ready()
    node = w.page.locator("#network svg g.node").first
    node.hover()
    assert "focus" in w.page.locator("#network svg").get_attribute("class")
    assert w.page.locator("#network svg .edge.on").count() >= 1
    w.shot("network-hover")
    node.click()
    link = w.page.locator("#network-panel li a").first
    events = number(link.inner_text())
    w.shot("network-panel")
    link.click()
    w.page.wait_for_url(re.compile(r"/events\?source="))
    assert number(w.page.locator("h1 .count").inner_text()) == events
    w.close()


def test_browser_search_and_facets(browser, server):
    w = Watch(browser)
    w.goto(server + "/")
    w.page.fill("header form.search input[name=q]", 'kunjungan "  OR (')
    w.page.press("header form.search input[name=q]", "Enter")
    w.page.wait_for_url(re.compile(r"/search\?q="))
    w.goto(server + "/search?q=kunjungan")
    assert w.page.locator("ol.hits li").count() > 0
    assert w.page.locator("ol.hits mark", has_text=re.compile("berkunjung", re.I)).count() >= 1  # by its lemma
    w.shot("search")
    w.goto(server + "/events")
    facet = w.page.locator("section.facet").first.locator("li a").first
    n = number(facet.locator(".n").inner_text())
    facet.click()
    w.page.wait_for_url(re.compile(r"/events\?type="))
    assert number(w.page.locator("h1 .count").inner_text()) == n
    assert w.page.locator("table.events tbody tr").count() == min(n, 50)
    w.shot("events-filtered")
    w.close()


def test_browser_hostile_article_cannot_run_script(browser, server):
    """An article with a script element, an onerror image and javascript: links,
    ingested over the API, shows as text: nothing from it runs or links."""
    request = urllib.request.Request(server + "/api/documents", data=json.dumps(HOSTILE).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 201
        doc_id = json.loads(response.read())["doc_id"]
    w = Watch(browser)
    for name, path in (("hostile-document", f"/documents/{doc_id}"), ("hostile-events", f"/events?doc={doc_id}"),
                       ("hostile-search", "/search?q=alert"), ("hostile-documents", "/documents")):
        w.goto(server + path)
        dom = w.page.evaluate("""() => ({
            scripts: [...document.scripts].map(s => s.getAttribute('src')),
            handlers: [...document.querySelectorAll('*')].flatMap(el => [...el.attributes].map(a => a.name))
                        .filter(n => n.startsWith('on')),
            javascriptLinks: [...document.querySelectorAll('[href],[src],[action]')]
                        .map(el => el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action'))
                        .filter(v => /^\\s*javascript:/i.test(v)),
            images: document.images.length,
            text: document.body.innerText,
        })""")
        assert all(src and src.startswith("/static/") for src in dom["scripts"]), (path, dom["scripts"])
        assert dom["handlers"] == [], path
        assert dom["javascriptLinks"] == [], path
        assert dom["images"] == 0, path
        w.shot(name)
        if name == "hostile-document":
            assert "<script>alert(1)</script>" in dom["text"] and "<img src=x onerror=alert(1)>" in dom["text"]
            assert "javascript:alert(document.cookie)" in dom["text"]  # the url, shown as text, not a link
    w.close()


def test_browser_correct_an_event_reload_and_export(browser, server, tmp_path):
    """Issue 20: the analyst corrects an event on its document page (the token, a key,
    the fix form), reloads and sees it corrected, and it is in the exports."""
    doc = "b256ed466b4686b1"  # seed 001: Choe Son-hui's visit to Moscow, coded CONSULT visit, recipient "Moskow"
    choe = "1fa90fc20430e4fa"
    w = Watch(browser)
    w.goto(f"{server}/documents/{doc}")
    w.page.fill("#correct-who", "ana")
    w.page.fill("#correct-token", TOKEN)
    w.page.click("#correct-auth button[type=submit]")
    w.page.wait_for_selector("#correct-status:has-text('correcting as ana')")
    row = w.page.locator(f"#ev-{choe}")
    row.click()
    w.page.keyboard.press("f")  # fix: the recipient is the ministry the sentence names
    w.page.wait_for_selector("#correct-panel:not([hidden])")
    w.page.select_option("#correct-panel select[name=recipient]", label="Kementerian Luar Negeri Rusia "
                         "(Ministry of Foreign Affairs (Russia))")
    w.page.select_option("#correct-panel select[name=certainty]", "reported")
    with w.page.expect_navigation():
        w.page.click("#correct-panel button[name=save]")
    row = w.page.locator(f"#ev-{choe}")
    assert "corrected-fixed" in row.get_attribute("class")
    assert "Kementerian Luar Negeri Rusia" in row.inner_text() and "reported" in row.inner_text()
    w.shot("correction-fixed")
    # mark another event wrong with its key, then undo it with its key
    other = w.page.locator("table.correctable tbody tr[data-event]").first
    other_id = other.get_attribute("data-event")
    other.click()
    with w.page.expect_navigation():
        w.page.keyboard.press("w")
    assert "corrected-wrong" in w.page.locator(f"#ev-{other_id}").get_attribute("class")
    w.page.locator(f"#ev-{other_id}").click()
    with w.page.expect_navigation():
        w.page.keyboard.press("u")
    assert "corrected" not in (w.page.locator(f"#ev-{other_id}").get_attribute("class") or "")
    w.page.reload()  # a plain reload: the store holds it
    assert "corrected-fixed" in w.page.locator(f"#ev-{choe}").get_attribute("class")
    w.close()
    with urllib.request.urlopen(f"{server}/api/events/{choe}") as response:
        event = json.load(response)
    assert event["recipient"]["text"] == "Kementerian Luar Negeri Rusia" and event["checked"]["by"] == "ana"
    out = tmp_path / "corrections.jsonl"
    subprocess.run([*warta_command(), "export", "corrections", "--db", str(SERVED[server]), "-o", str(out)], check=True)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["doc_id"] for r in records] == [doc]
    assert [(e["type"], e["recipient"]["text"], e["certainty"]) for e in records[0]["events"]] == [
        ("CONSULT", "Kementerian Luar Negeri Rusia", "reported")]
