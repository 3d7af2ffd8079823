// Correcting events on a document page (issue 20). Served only when the app was started
// with --allow-ingest --token; every correction is a POST /api/corrections with that
// bearer token, and the page reloads to show the store's corrected state.
(function () {
  "use strict";
  const auth = document.getElementById("correct-auth");
  const panel = document.getElementById("correct-panel");
  if (!auth || !panel) return;
  const doc = auth.dataset.doc;
  const status = document.getElementById("correct-status");
  const rows = Array.from(document.querySelectorAll("table.correctable tbody tr[data-event]"));
  let selected = null;
  let docData = null;

  const who = () => sessionStorage.getItem("warta-who") || "";
  const token = () => sessionStorage.getItem("warta-token") || "";
  const ready = () => who() && token();

  function say(text) { status.textContent = text; }
  function refresh() {
    auth.elements.who.value = who();
    say(ready() ? `correcting as ${who()}` : "give your name and the token to correct events");
    rows.forEach((row) => row.classList.toggle("can-correct", !!ready()));
  }

  auth.addEventListener("submit", (ev) => {
    ev.preventDefault();
    sessionStorage.setItem("warta-who", auth.elements.who.value.trim());
    sessionStorage.setItem("warta-token", auth.elements.token.value.trim());
    auth.elements.token.value = "";
    refresh();
    if (!selected && rows.length) select(rows[0]);
  });

  async function send(body) {
    if (!ready()) { say("give your name and the token first"); return false; }
    const response = await fetch("/api/corrections", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Authorization": `Bearer ${token()}` },
      body: JSON.stringify({ who: who(), ...body }),
    });
    if (!response.ok) {
      const data = await response.json().catch(() => ({}));
      say(`not saved: ${data.detail || response.status}`);
      return false;
    }
    sessionStorage.setItem("warta-selected", body.event_id || "");
    window.location.reload();
    return true;
  }

  function select(row) {
    if (selected) selected.classList.remove("selected");
    selected = row;
    if (row) {
      row.classList.add("selected");
      row.scrollIntoView({ block: "nearest" });
    }
  }

  async function documentData() {
    if (!docData) {
      const response = await fetch(`/api/documents/${encodeURIComponent(doc)}`);
      docData = await response.json();
    }
    return docData;
  }

  function option(select, value, label) {
    const o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }

  // The mentions of a sentence (people, organisations, countries, places) as choices.
  function participants(select, sentence, data, current) {
    select.replaceChildren();
    option(select, "keep", current ? `keep: ${current}` : "keep: none");
    option(select, "none", "none");
    const s = data.sentences.find((x) => x.idx === sentence);
    if (!s) return;
    const seen = new Set();
    for (const span of data.spans) {
      if (!span.entity_id || span.start < s.start || span.end > s.end) continue;
      const key = `${span.start}-${span.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      option(select, `mention:${key}`, `${data.document.text.slice(span.start, span.end)} (${span.name || span.kind})`);
    }
  }

  async function openPanel(kind) {
    if (!ready()) { say("give your name and the token first"); auth.elements.who.focus(); return; }
    if (!selected && kind !== "add") return;
    const data = await documentData();
    const event = selected ? data.events.find((e) => e.event_id === selected.dataset.event) : null;
    const sentence = selected ? Number(selected.dataset.sentence) : 0;
    const f = panel.elements;
    panel.dataset.kind = kind;
    f.event_id.value = event ? event.event_id : "";
    f.sentence.value = sentence;
    f.event_type.value = event ? event.event_type : "CONSULT";
    f.mode.value = event && event.mode ? event.mode : "";
    f.date.value = event && event.date ? event.date : "";
    f.certainty.value = event ? event.certainty : "asserted";
    participants(f.actor, sentence, data, event && event.actor ? event.actor.text : "");
    participants(f.recipient, sentence, data, event && event.recipient ? event.recipient.text : "");
    f.duplicate_of.replaceChildren();
    for (const other of data.events) {
      if (event && other.event_id === event.event_id) continue;
      option(f.duplicate_of, other.event_id, `${other.event_type} §${other.sentence}: ${other.trigger_text || ""}`);
    }
    for (const label of panel.querySelectorAll("label")) {
      const name = label.querySelector("input, select").name;
      const shown = kind === "duplicate" ? name === "duplicate_of"
        : kind === "fix" ? !["duplicate_of", "sentence", "trigger"].includes(name)
        : name !== "duplicate_of";
      label.hidden = !shown;
    }
    panel.hidden = false;
    (kind === "duplicate" ? f.duplicate_of : kind === "add" ? f.trigger : f.event_type).focus();
  }

  function participantValue(value) {
    if (value === "keep") return undefined;
    if (value === "none") return null;
    const [start, end] = value.slice("mention:".length).split("-").map(Number);
    return { mention: [start, end] };
  }

  panel.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const f = panel.elements;
    const kind = panel.dataset.kind;
    if (kind === "duplicate") {
      await send({ action: "duplicate", event_id: f.event_id.value, duplicate_of: f.duplicate_of.value });
      return;
    }
    const changes = { event_type: f.event_type.value, mode: f.mode.value.trim() || null,
                      certainty: f.certainty.value };
    if (f.date.value.trim() || kind === "fix") changes.date = f.date.value.trim() || null;
    for (const role of ["actor", "recipient"]) {
      const value = participantValue(f[role].value);
      if (value !== undefined) changes[role] = value;
    }
    if (kind === "fix") {
      const data = await documentData();
      const event = data.events.find((e) => e.event_id === f.event_id.value) || {};
      for (const name of ["event_type", "mode", "certainty", "date"]) {
        if ((changes[name] ?? null) === (event[name] ?? null)) delete changes[name];
      }
      await send({ action: "fix", event_id: f.event_id.value, changes });
      return;
    }
    // add: the trigger is the first place its words stand in the sentence
    const data = await documentData();
    const s = data.sentences.find((x) => x.idx === Number(f.sentence.value));
    const words = f.trigger.value.trim();
    if (s && words) {
      const at = data.document.text.slice(s.start, s.end).indexOf(words);
      if (at < 0) { say(`"${words}" is not in sentence ${s.idx}`); return; }
      changes.trigger = [s.start + at, s.start + at + words.length];
    }
    await send({ action: "add", doc_id: doc, sentence: Number(f.sentence.value), changes });
  });
  panel.elements.cancel.addEventListener("click", () => { panel.hidden = true; });

  const act = {
    c: () => selected && send({ action: "confirm", event_id: selected.dataset.event }),
    w: () => selected && send({ action: "wrong", event_id: selected.dataset.event }),
    u: () => selected && selected.dataset.lastCorrection
      && send({ action: "undo", undoes: Number(selected.dataset.lastCorrection), event_id: selected.dataset.event }),
    f: () => openPanel("fix"),
    d: () => openPanel("duplicate"),
    a: () => openPanel("add"),
    j: () => select(rows[Math.min(rows.indexOf(selected) + 1, rows.length - 1)]),
    k: () => select(rows[Math.max(rows.indexOf(selected) - 1, 0)]),
  };

  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") { panel.hidden = true; return; }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.target.closest("input, select, textarea")) return;
    const action = act[ev.key];
    if (action) { ev.preventDefault(); action(); }
  });

  // buttons for the mouse, in each row's last cell
  for (const row of rows) {
    row.addEventListener("click", (ev) => { if (!ev.target.closest("a, button")) select(row); });
    const cell = row.lastElementChild;
    const tools = document.createElement("span");
    tools.className = "correct-tools";
    for (const [key, label] of [["c", "confirm"], ["w", "wrong"], ["d", "duplicate"], ["f", "fix"], ["u", "undo"]]) {
      if (key === "u" && !row.dataset.lastCorrection) continue;
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.dataset.action = label;
      b.title = `${label} (key ${key})`;
      b.addEventListener("click", () => { select(row); act[key](); });
      tools.appendChild(b);
    }
    cell.appendChild(tools);
  }
  const add = document.createElement("button");
  add.type = "button";
  add.id = "correct-add";
  add.textContent = "add a missed event (a)";
  add.addEventListener("click", () => openPanel("add"));
  auth.appendChild(add);

  refresh();
  const again = sessionStorage.getItem("warta-selected");
  select(rows.find((r) => r.dataset.event === again) || (ready() ? rows[0] : null));
})();
