/* warta charts: the dyad's monthly cooperation-conflict chart, the flows Sankey and
 * the actor network, drawn as SVG from the JSON API. Hand-written, no library.
 * Text from the data goes into the page only through textContent and
 * setAttribute, never as markup; every mark links to the events behind it. */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var QUADS = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"];
  var QUAD_LABEL = {
    verbal_cooperation: "verbal cooperation", material_cooperation: "material cooperation",
    verbal_conflict: "verbal conflict", material_conflict: "material conflict"
  };

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function text(parent, x, y, content, attrs) {
    var node = el("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
    node.textContent = content;
    return node;
  }

  function tip(node, content) {
    el("title", {}, node).textContent = content;
  }

  function link(parent, href) {
    return el("a", { href: href }, parent);
  }

  function query(path, params) {
    var search = new URLSearchParams();
    Object.keys(params).forEach(function (key) {
      if (params[key] !== null && params[key] !== undefined && params[key] !== "") search.set(key, params[key]);
    });
    var qs = search.toString();
    return qs ? path + "?" + qs : path;
  }

  function empty(figure, message) {
    var p = document.createElement("p");
    p.className = "empty";
    p.textContent = message;
    figure.appendChild(p);
  }

  function load(figure, draw) {
    fetch(figure.getAttribute("data-src"), { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) { draw(figure, data); figure.setAttribute("data-ready", "1"); })
      .catch(function (error) { empty(figure, "Could not load the chart (" + error.message + ")."); figure.setAttribute("data-ready", "error"); });
  }

  function nextMonth(month) {
    var year = parseInt(month.slice(0, 4), 10), m = parseInt(month.slice(5, 7), 10) + 1;
    if (m > 12) { m = 1; year += 1; }
    return year + "-" + (m < 10 ? "0" : "") + m;
  }

  function niceStep(max) {
    var raw = max / 4, power = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1))));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * power >= raw) return Math.max(1, steps[i] * power);
    return 10 * power;
  }

  /* --- dyad: monthly cooperation (up) and conflict (down), mean score line --- */
  function drawDyad(figure, data) {
    var given = {};
    (data.months || []).forEach(function (m) { given[m.month] = m; });
    var names = Object.keys(given).sort();
    if (!names.length) return empty(figure, "No dated events between " + data.a + " and " + data.b + ".");
    var months = [], month = names[0], guard = 0;
    while (month <= names[names.length - 1] && guard++ < 600) {
      months.push(given[month] || { month: month, events: 0, quads: {}, score_mean: null });
      month = nextMonth(month);
    }
    var coopMax = 0, confMax = 0;
    months.forEach(function (m) {
      var q = m.quads || {};
      coopMax = Math.max(coopMax, (q.verbal_cooperation || 0) + (q.material_cooperation || 0));
      confMax = Math.max(confMax, (q.verbal_conflict || 0) + (q.material_conflict || 0));
    });
    var W = 960, H = 340, left = 44, right = 48, top = 16, bottom = 44;
    var plotW = W - left - right, plotH = H - top - bottom;
    var total = Math.max(coopMax + confMax, 1);
    var unit = plotH / total;
    var zero = top + coopMax * unit;
    if (!confMax) zero = top + plotH - 0.5;
    if (!coopMax) zero = top + 0.5;
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": data.a + "–" + data.b + " events by month" }, figure);
    var step = niceStep(Math.max(coopMax, confMax));
    for (var v = step; v <= coopMax; v += step) {
      el("line", { x1: left, x2: W - right, y1: zero - v * unit, y2: zero - v * unit, "class": "grid-line" }, svg);
      text(svg, left - 6, zero - v * unit + 4, String(v), { "text-anchor": "end" });
    }
    for (v = step; v <= confMax; v += step) {
      el("line", { x1: left, x2: W - right, y1: zero + v * unit, y2: zero + v * unit, "class": "grid-line" }, svg);
      text(svg, left - 6, zero + v * unit + 4, String(v), { "text-anchor": "end" });
    }
    text(svg, left - 6, zero + 4, "0", { "text-anchor": "end" });
    var band = plotW / months.length, barW = Math.max(2, Math.min(42, band * 0.7));
    var labelEvery = Math.ceil(months.length / 14);
    months.forEach(function (m, i) {
      var x = left + i * band + (band - barW) / 2, q = m.quads || {};
      var up = zero, down = zero;
      QUADS.forEach(function (quad) {
        var n = q[quad] || 0;
        if (!n) return;
        var h = n * unit, conflict = quad.indexOf("conflict") >= 0;
        var y = conflict ? down : up - h;
        if (conflict) down += h; else up -= h;
        var a = link(svg, query("/events", { dyad: data.dyad, negated: 0, quad: quad, from: m.month, to: m.month }));
        var rect = el("rect", { x: x, y: y, width: barW, height: Math.max(h, 1), "class": "bar bar-q-" + quad }, a);
        tip(rect, m.month + ": " + n + " " + QUAD_LABEL[quad] + " event" + (n === 1 ? "" : "s") + " — click for the evidence");
      });
      if (i % labelEvery === 0) text(svg, left + i * band + band / 2, H - bottom + 16, m.month, { "text-anchor": "middle" });
    });
    el("line", { x1: left, x2: W - right, y1: zero, y2: zero, "class": "axis" }, svg);
    if (zero - top >= 24) text(svg, left + 6, top + 10, "▲ cooperation", { "font-size": "10" });
    if (top + plotH - zero >= 24) text(svg, left + 6, top + plotH - 4, "▼ conflict", { "font-size": "10" });
    // mean PLOVER score on the right axis, -10..10
    var sy = function (s) { return top + (10 - s) / 20 * plotH; };
    [-10, 0, 10].forEach(function (s) { text(svg, W - right + 6, sy(s) + 4, (s > 0 ? "+" : "") + s, { "font-size": "10" }); });
    text(svg, W - right + 6, H - bottom + 16, "score", { "font-size": "10" });
    var points = [];
    months.forEach(function (m, i) {
      if (m.score_mean === null || m.score_mean === undefined) return;
      points.push([left + i * band + band / 2, sy(m.score_mean), m]);
    });
    if (points.length > 1) {
      el("polyline", { points: points.map(function (p) { return p[0] + "," + p[1]; }).join(" "), "class": "score-line" }, svg);
    }
    points.forEach(function (p) {
      var dot = el("circle", { cx: p[0], cy: p[1], r: 3.5, "class": "score-dot" }, svg);
      tip(dot, p[2].month + ": mean score " + (p[2].score_mean > 0 ? "+" : "") + p[2].score_mean + " over " + p[2].events + " events");
    });
  }

  /* --- flows: a two-column Sankey, senders left and receivers right --- */
  var PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#2f4b7c", "#a05195"];

  function drawSankey(figure, data) {
    var graph = data.sankey || { nodes: [], links: [] };
    if (!graph.links.length) return empty(figure, "No flows of resources between countries were found.");
    var nodes = graph.nodes.map(function (n, i) {
      var parts = n.name.split(" ");
      return { index: i, code: parts[0], side: parts[1] === "sends" ? 0 : 1, value: 0, offset: 0 };
    });
    graph.links.forEach(function (l) { nodes[l.source].value += l.value; nodes[l.target].value += l.value; });
    var resources = Array.from(new Set(graph.links.map(function (l) { return l.resource; }))).sort();
    var colour = {};
    resources.forEach(function (r, i) { colour[r] = PALETTE[i % PALETTE.length]; });
    var columns = [nodes.filter(function (n) { return n.side === 0; }), nodes.filter(function (n) { return n.side === 1; })];
    columns.forEach(function (column) { column.sort(function (a, b) { return b.value - a.value || (a.code < b.code ? -1 : 1); }); });
    var gap = 14, W = 960, top = 28, maxCount = Math.max(columns[0].length, columns[1].length);
    var H = Math.max(260, 46 * maxCount + 60);
    var totals = columns.map(function (c) { return c.reduce(function (s, n) { return s + n.value; }, 0); });
    var unit = Math.min.apply(null, columns.map(function (c, i) { return (H - top - 20 - gap * (c.length - 1)) / Math.max(totals[i], 1); }));
    var x0 = 150, x1 = W - 150, barW = 16;
    columns.forEach(function (column) {
      var y = top;
      column.forEach(function (n) { n.y = y; n.h = Math.max(n.value * unit, 2); y += n.h + gap; });
    });
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "flows of resources between countries" }, figure);
    text(svg, x0, 16, "sends", { "text-anchor": "end", "font-weight": "700" });
    text(svg, x1, 16, "receives", { "font-weight": "700" });
    var links = graph.links.slice().sort(function (a, b) {
      return nodes[a.source].y - nodes[b.source].y || nodes[a.target].y - nodes[b.target].y || (a.resource < b.resource ? -1 : 1);
    });
    links.forEach(function (l) {
      var s = nodes[l.source], t = nodes[l.target], h = l.value * unit;
      var sy0 = s.y + s.offset, ty0 = t.y + t.offset;
      s.offset += h; t.offset += h;
      var sx = x0 + barW, tx = x1, mid = (sx + tx) / 2;
      var d = "M" + sx + "," + sy0 + " C" + mid + "," + sy0 + " " + mid + "," + ty0 + " " + tx + "," + ty0 +
        " L" + tx + "," + (ty0 + h) + " C" + mid + "," + (ty0 + h) + " " + mid + "," + (sy0 + h) + " " + sx + "," + (sy0 + h) + " Z";
      var a = link(svg, query("/flows", { source: s.code, target: t.code, resource: l.resource }) + "#evidence");
      var path = el("path", { d: d, fill: colour[l.resource], "class": "link" }, a);
      tip(path, s.code + " → " + t.code + ": " + l.resource + ", " + l.value + " event" + (l.value === 1 ? "" : "s") + " — click for the evidence");
    });
    nodes.forEach(function (n) {
      var x = n.side === 0 ? x0 : x1;
      var a = link(svg, query("/flows", n.side === 0 ? { source: n.code } : { target: n.code }) + "#evidence");
      var rect = el("rect", { x: x, y: n.y, width: barW, height: n.h, "class": "node-bar" }, a);
      tip(rect, n.code + (n.side === 0 ? " sends " : " receives ") + n.value + " flow" + (n.value === 1 ? "" : "s"));
      text(svg, n.side === 0 ? x - 8 : x + barW + 8, n.y + n.h / 2 + 4, n.code + " (" + n.value + ")",
        { "text-anchor": n.side === 0 ? "end" : "start", "class": "node-label" });
    });
    var legend = document.createElement("ul");
    legend.className = "legend";
    resources.forEach(function (r) {
      var item = document.createElement("li"), swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = colour[r];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(r));
      legend.appendChild(item);
    });
    figure.appendChild(legend);
  }

  /* --- network: force-directed layout, hover to focus, click to list edges --- */
  // Fruchterman-Reingold on each connected component, the components then packed
  // in rows, largest first, so small islands neither fly off nor crowd the core.
  function components(nodes, pairs) {
    var parent = new Map();
    nodes.forEach(function (n) { parent.set(n, n); });
    function find(n) { while (parent.get(n) !== n) { parent.set(n, parent.get(parent.get(n))); n = parent.get(n); } return n; }
    pairs.forEach(function (p) { parent.set(find(p.a), find(p.b)); });
    var groups = new Map();
    nodes.forEach(function (n) { var root = find(n); if (!groups.has(root)) groups.set(root, []); groups.get(root).push(n); });
    return Array.from(groups.values()).sort(function (x, y) { return y.length - x.length; });
  }

  function layoutComponent(nodes, pairs) {
    var n = nodes.length, k = 40, inside = new Set(nodes);
    var mine = pairs.filter(function (p) { return inside.has(p.a); });
    nodes.forEach(function (node, i) {  // deterministic start: a spiral
      var angle = i * 2.399963, radius = k * Math.sqrt(i + 1);
      node.x = radius * Math.cos(angle);
      node.y = radius * Math.sin(angle);
    });
    var temperature = k * Math.sqrt(n), steps = n > 1 ? 300 : 0;
    for (var step = 0; step < steps; step++) {
      nodes.forEach(function (a) { a.dx = 0; a.dy = 0; });
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var a = nodes[i], b = nodes[j], dx = a.x - b.x, dy = a.y - b.y;
          var d2 = Math.max(dx * dx + dy * dy, 1), force = (k * k) / d2;
          a.dx += dx * force; a.dy += dy * force; b.dx -= dx * force; b.dy -= dy * force;
        }
      }
      mine.forEach(function (p) {
        var a = p.a, b = p.b, dx = a.x - b.x, dy = a.y - b.y, d = Math.sqrt(dx * dx + dy * dy) || 0.01;
        var force = d / k;
        a.dx -= dx * force; a.dy -= dy * force; b.dx += dx * force; b.dy += dy * force;
      });
      nodes.forEach(function (a) {
        a.dx -= a.x * 0.03; a.dy -= a.y * 0.03;  // gravity towards the component's centre
        var d = Math.sqrt(a.dx * a.dx + a.dy * a.dy) || 0.01, move = Math.min(d, temperature);
        a.x += a.dx / d * move; a.y += a.dy / d * move;
      });
      temperature = Math.max(temperature * 0.97, 0.5);
    }
    var xs = nodes.map(function (a) { return a.x; }), ys = nodes.map(function (a) { return a.y; });
    var box = { minX: Math.min.apply(null, xs), minY: Math.min.apply(null, ys) };
    box.w = Math.max.apply(null, xs) - box.minX;
    box.h = Math.max.apply(null, ys) - box.minY;
    return box;
  }

  function layout(nodes, pairs, W) {
    var groups = components(nodes, pairs), boxes = groups.map(function (g) { return layoutComponent(g, pairs); });
    // the largest component scaled to the width; the others in rows under it at the same scale
    var labelRoom = 130, pad = 30, main = boxes[0], maxHeight = 620;
    var scale = Math.min(1.6, (W - 2 * pad - labelRoom) / Math.max(main.w, 1), maxHeight / Math.max(main.h, 1));
    var x = Math.max(pad, (W - labelRoom - main.w * scale) / 2), y = pad, rowHeight = 0, height = 0;
    groups.forEach(function (group, i) {
      var box = boxes[i], w = box.w * scale + labelRoom, h = box.h * scale;
      if (x + w > W - pad && x > pad) { x = pad; y += rowHeight + 40; rowHeight = 0; }
      group.forEach(function (a) { a.x = x + (a.x - box.minX) * scale; a.y = y + (a.y - box.minY) * scale + 10; });
      x += w + 30;
      rowHeight = Math.max(rowHeight, h + 20);
      height = Math.max(height, y + rowHeight);
    });
    return height + pad;
  }

  function drawNetwork(figure, data) {
    if (!data.edges.length) return empty(figure, "No events between two actors yet.");
    var panel = document.getElementById("network-panel");
    var byId = {};
    var nodes = data.nodes.map(function (n) { var copy = Object.assign({}, n); byId[n.id] = copy; return copy; });
    var pairMap = {};
    data.edges.forEach(function (e) {
      var key = e.source < e.target ? e.source + "\u0000" + e.target : e.target + "\u0000" + e.source;
      var pair = pairMap[key] || (pairMap[key] = { a: byId[e.source], b: byId[e.target], count: 0, edges: [], quads: {} });
      pair.count += e.count;
      pair.edges.push(e);
      pair.quads[e.quad] = (pair.quads[e.quad] || 0) + e.count;
    });
    var pairs = Object.keys(pairMap).map(function (key) { return pairMap[key]; });
    var W = 960, H = Math.max(360, layout(nodes, pairs, W));
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "actor network" }, figure);
    var edgeLayer = el("g", {}, svg), nodeLayer = el("g", {}, svg);
    pairs.forEach(function (p) {
      var quad = Object.keys(p.quads).sort(function (x, y) { return p.quads[y] - p.quads[x]; })[0];
      p.line = el("line", { x1: p.a.x, y1: p.a.y, x2: p.b.x, y2: p.b.y, "class": "edge q-" + quad,
        "stroke-width": 1 + Math.log2(1 + p.count) * 1.4 }, edgeLayer);
      tip(p.line, p.a.label + " – " + p.b.label + ": " + p.count + " event" + (p.count === 1 ? "" : "s"));
      p.line.addEventListener("click", function () { show(p.a.label + " – " + p.b.label, p.edges); });
    });
    var maxEvents = Math.max.apply(null, nodes.map(function (n) { return n.events; }));
    nodes.forEach(function (n, index) {
      n.g = el("g", { "class": "node " + n.kind, transform: "translate(" + n.x + "," + n.y + ")", tabindex: "0" }, nodeLayer);
      var r = 4 + 14 * Math.sqrt(n.events / Math.max(maxEvents, 1));
      tip(el("circle", { r: r }, n.g), n.label + (n.country && n.kind === "person" ? " (" + n.country + ")" : "") + ": " + n.events + " events");
      var label = n.label.length > 22 ? n.label.slice(0, 21) + "…" : n.label;
      text(n.g, r + 3, 4, label, { "class": index < 25 ? "label" : "label minor" });  // the rest show on hover
      n.g.addEventListener("mouseenter", function () { focus(n); });
      n.g.addEventListener("mouseleave", unfocus);
      n.g.addEventListener("focus", function () { focus(n); });
      n.g.addEventListener("blur", unfocus);
      n.g.addEventListener("click", function () {
        show(n.label, data.edges.filter(function (e) { return e.source === n.id || e.target === n.id; }));
      });
    });

    function focus(n) {
      svg.classList.add("focus");
      n.g.classList.add("on");
      pairs.forEach(function (p) {
        if (p.a === n || p.b === n) {
          p.line.classList.add("on");
          p.a.g.classList.add("on");
          p.b.g.classList.add("on");
        }
      });
    }

    function unfocus() {
      svg.classList.remove("focus");
      svg.querySelectorAll(".on").forEach(function (node) { node.classList.remove("on"); });
    }

    function show(title, edges) {
      if (!panel) return;
      while (panel.firstChild) panel.removeChild(panel.firstChild);
      var h = document.createElement("h3");
      h.textContent = title;
      panel.appendChild(h);
      var list = document.createElement("ul");
      edges.slice().sort(function (x, y) { return y.count - x.count; }).forEach(function (e) {
        var item = document.createElement("li"), what = document.createElement("span"), a = document.createElement("a");
        what.textContent = (byId[e.source] || { label: e.source }).label + " → " + (byId[e.target] || { label: e.target }).label + " · " + e.event_type;
        a.href = query("/events", { source: e.source, target: e.target, type: e.event_type, negated: 0 });
        a.textContent = e.count + " event" + (e.count === 1 ? "" : "s");
        item.appendChild(what);
        item.appendChild(a);
        list.appendChild(item);
      });
      panel.appendChild(list);
    }
  }

  var charts = { "dyad-chart": drawDyad, "sankey": drawSankey, "network": drawNetwork };
  Object.keys(charts).forEach(function (id) {
    var figure = document.getElementById(id);
    if (figure) load(figure, charts[id]);
  });
})();
