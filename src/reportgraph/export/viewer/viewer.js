/* reportgraph viewer: sigma.js + graphology over the JSON embedded in the page.
   Everything runs offline; nothing is fetched. */
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var D = JSON.parse($("rg-data").textContent);
  var N = D.nodes, E = D.edges, P = D.posts || [], R = D.reports || [];
  var fmt = function (n) { return Number(n).toLocaleString("en-US"); };

  function showMessage(text) { var m = $("message"); m.textContent = text; m.hidden = false; }
  if (typeof Sigma === "undefined" || typeof graphology === "undefined") {
    showMessage("The viewer's scripts did not load.");
    return;
  }

  // --- search keys: NFKC, no spaces, lower case (traditional forms are not folded here) ---
  function norm(s) { return (s || "").normalize("NFKC").replace(/\s+/g, "").toLowerCase(); }

  // --- the nodes drawn: the most connected first, the rest on demand ---
  var shown = new Set();
  var byDegree = N.map(function (_, i) { return i; }).sort(function (a, b) {
    return N[b].degree - N[a].degree || (N[a].name < N[b].name ? -1 : 1);
  });
  byDegree.slice(0, D.initialNodes || N.length).forEach(function (i) { shown.add(i); });

  var neighbours = N.map(function () { return []; });
  var nodeEdges = N.map(function () { return []; });
  E.forEach(function (e, k) {
    neighbours[e.source].push(e.target); neighbours[e.target].push(e.source);
    nodeEdges[e.source].push(k); nodeEdges[e.target].push(k);
  });
  var postsOf = N.map(function () { return []; });
  P.forEach(function (p, k) {
    postsOf[p.person].push(k);
    if (p.organization !== null && p.organization !== undefined) postsOf[p.organization].push(k);
  });
  var yearsOf = function (reports) {
    var s = new Set();
    reports.forEach(function (r) { if (R[r] && R[r].year !== null) s.add(R[r].year); });
    return s;
  };
  var nodeYears = N.map(function (n) { return yearsOf(n.reports); });
  var edgeYears = E.map(function (e) { return yearsOf(e.reports); });
  var keys = N.map(function (n) { return [n.name].concat(n.aliases).map(norm); });

  // map view: nodes with no area in their part of the graph sit on the map's centre, hidden
  var mapped = N.filter(function (n) { return n.mapped; });
  var cx = 0, cy = 0;
  mapped.forEach(function (n) { cx += n.mx; cy += n.my; });
  if (mapped.length) { cx /= mapped.length; cy /= mapped.length; }

  // --- the graphology graph ---
  var graph = new graphology.MultiDirectedGraph();
  N.forEach(function (n, i) {
    graph.addNode(n.id, {
      label: n.name, x: n.x, y: n.y, size: Math.min(Math.max(2, n.size / 3), 25), color: n.color,
      etype: n.type, index: i, fixed: !!n.onMap
    });
  });
  E.forEach(function (e, k) {
    graph.addDirectedEdgeWithKey("e" + k, N[e.source].id, N[e.target].id, {
      label: e.role ? e.role : e.predicate, predicate: e.predicate, size: Math.min(1 + Math.log2(e.weight), 4),
      color: "#c8c8c8", type: "arrow", index: k
    });
  });

  // --- filters ---
  var state = { types: new Set(Object.keys(D.types)), predicates: new Set(), report: -1, year: null,
                view: "graph", selected: null, focus: new Set() };
  E.forEach(function (e) { state.predicates.add(e.predicate); });
  N.forEach(function (n) { state.types.add(n.type); });

  function nodeVisible(i) {
    var n = N[i];
    if (!shown.has(i) || !state.types.has(n.type)) return false;
    if (state.view === "map" && !n.mapped) return false;
    if (state.report >= 0 && n.reports.indexOf(state.report) < 0) return false;
    if (state.year !== null && !nodeYears[i].has(state.year)) return false;
    return true;
  }
  function edgeVisible(k) {
    var e = E[k];
    if (!state.predicates.has(e.predicate)) return false;
    if (state.report >= 0 && e.reports.indexOf(state.report) < 0) return false;
    if (state.year !== null && !edgeYears[k].has(state.year)) return false;
    return nodeVisible(e.source) && nodeVisible(e.target);
  }

  // --- the renderer ---
  var renderer;
  try {
    renderer = new Sigma(graph, $("sigma"), {
      defaultEdgeType: "arrow",
      renderEdgeLabels: false,
      labelFont: '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
      labelRenderedSizeThreshold: 5,
      labelDensity: 0.5,
      zIndex: true,
      nodeReducer: function (key, data) {
        var i = data.index, res = Object.assign({}, data);
        if (!nodeVisible(i)) { res.hidden = true; return res; }
        if (state.view === "map") {  // the map names its areas, and only them
          if (N[i].onMap) res.forceLabel = true;
          else if (i !== state.selected) res.label = "";
        }
        if (state.selected !== null) {
          if (i === state.selected) { res.highlighted = true; res.zIndex = 2; }
          else if (state.focus.has(i)) { res.zIndex = 1; res.forceLabel = true; }
          else {
            res.color = "#e2e2e2"; res.zIndex = 0;
            if (!(state.view === "map" && N[i].onMap)) res.label = "";  // the map keeps its place names
          }
        }
        return res;
      },
      edgeReducer: function (key, data) {
        var k = data.index, res = Object.assign({}, data);
        if (!edgeVisible(k)) { res.hidden = true; return res; }
        if (state.selected !== null) {
          var e = E[k];
          if (e.source === state.selected || e.target === state.selected) { res.color = "#777"; res.zIndex = 1; }
          else { res.color = "#f0f0f0"; }
        }
        return res;
      }
    });
  } catch (err) {
    showMessage("This browser cannot draw the graph (WebGL is needed): " + err.message);
    return;
  }

  // --- status line ---
  function status() {
    var visible = 0;
    for (var i = 0; i < N.length; i++) if (nodeVisible(i)) visible++;
    var text = "Showing " + fmt(visible) + " of " + fmt(N.length) + " entities";
    if (D.total.nodes > N.length) {
      text += " (the graph has " + fmt(D.total.nodes) + ": this file holds the " + fmt(N.length) +
        " with the most relations; `reportgraph view --max-nodes N` changes that)";
    }
    if (shown.size < N.length) text += "; search or a card's \u201cshow neighbours\u201d brings in the others";
    if (state.view === "map") {
      var off = N.length - mapped.length;
      if (off) text += "; map view: " + fmt(off) + " entities not linked to any administrative area are hidden";
    }
    $("status").textContent = text + ".";
  }

  function refresh() { renderer.refresh(); status(); }

  // --- filter controls ---
  function checkbox(parent, value, label, colour, onChange) {
    var l = document.createElement("label"), c = document.createElement("input");
    c.type = "checkbox"; c.checked = true; c.value = value;
    c.addEventListener("change", function () { onChange(value, c.checked); refresh(); });
    l.appendChild(c);
    if (colour) { var s = document.createElement("span"); s.className = "swatch"; s.style.background = colour; l.appendChild(s); }
    l.appendChild(document.createTextNode(label));
    parent.appendChild(l);
  }
  var typeCounts = {};
  N.forEach(function (n) { typeCounts[n.type] = (typeCounts[n.type] || 0) + 1; });
  Object.keys(typeCounts).sort().forEach(function (t) {
    checkbox($("filter-types"), t, t + " (" + fmt(typeCounts[t]) + ")", D.types[t] || "#999",
      function (v, on) { if (on) state.types.add(v); else state.types.delete(v); });
  });
  var predCounts = {};
  E.forEach(function (e) { predCounts[e.predicate] = (predCounts[e.predicate] || 0) + 1; });
  Object.keys(predCounts).sort().forEach(function (p) {
    checkbox($("filter-predicates"), p, p + " (" + fmt(predCounts[p]) + ")", null,
      function (v, on) { if (on) state.predicates.add(v); else state.predicates.delete(v); });
  });
  R.forEach(function (r, i) {
    var o = document.createElement("option");
    o.value = String(i); o.textContent = r.title + (r.year !== null ? " (" + r.year + ")" : "");
    $("filter-report").appendChild(o);
  });
  $("filter-report").addEventListener("change", function (ev) { state.report = Number(ev.target.value); refresh(); });
  (D.years || []).forEach(function (y) {
    var o = document.createElement("option"); o.value = String(y); o.textContent = String(y);
    $("filter-year").appendChild(o);
  });
  if (!(D.years || []).length) $("filter-year").disabled = true;
  $("filter-year").addEventListener("change", function (ev) {
    state.year = ev.target.value === "" ? null : Number(ev.target.value); refresh();
  });

  // --- search ---
  function search(text) {
    var q = norm(text), hits = [];
    if (!q) return hits;
    for (var i = 0; i < N.length; i++) {
      var exact = false, found = false;
      for (var j = 0; j < keys[i].length; j++) {
        if (keys[i][j] === q) { exact = true; found = true; break; }
        if (keys[i][j].indexOf(q) >= 0) found = true;
      }
      if (found) hits.push([exact ? 0 : 1, N[i].name.length, i]);
    }
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    return hits.slice(0, 30).map(function (h) { return h[2]; });
  }
  $("search").addEventListener("input", function (ev) {
    var list = $("search-results"); list.textContent = "";
    search(ev.target.value).forEach(function (i) {
      var li = document.createElement("li"), n = N[i];
      li.tabIndex = 0; li.dataset.node = n.id;
      var s = document.createElement("span"); s.className = "swatch"; s.style.background = n.color;
      li.appendChild(s); li.appendChild(document.createTextNode(" " + n.name));
      if (n.aliases.length) {
        var a = document.createElement("span"); a.className = "alias";
        a.textContent = " " + n.aliases.slice(0, 2).join(", ") + (n.aliases.length > 2 ? ", \u2026" : "");
        li.appendChild(a);
      }
      li.addEventListener("click", function () { select(i, true); });
      li.addEventListener("keydown", function (k) { if (k.key === "Enter") select(i, true); });
      list.appendChild(li);
    });
  });
  $("search").addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    var hits = search(ev.target.value);
    if (hits.length) select(hits[0], true);
  });

  // --- selection and the card ---
  function link(i) {
    var a = document.createElement("a"); a.textContent = N[i].name; a.dataset.node = N[i].id;
    a.addEventListener("click", function () { select(i, true); });
    return a;
  }
  function evidenceBlock(ev) {
    var q = document.createElement("blockquote"); q.className = "evidence";
    var p = document.createElement("p"); p.style.margin = "0";
    p.textContent = ev[1] >= 0 ? D.texts[ev[1]] : "(from shipped knowledge)";
    q.appendChild(p);
    var c = document.createElement("cite");
    var r = R[ev[0]];
    c.textContent = (r ? r.title + (r.year !== null ? " (" + r.year + ")" : "") : "") + (ev[2] ? " \u00b7 " + ev[2] : "");
    q.appendChild(c);
    return q;
  }
  function heading(card, text) { var h = document.createElement("h3"); h.textContent = text; card.appendChild(h); }

  function renderCard(i) {
    var n = N[i], card = $("card");
    card.textContent = ""; card.hidden = false;
    var h = document.createElement("h2"); h.textContent = n.name; card.appendChild(h);
    var t = document.createElement("span"); t.className = "type"; t.style.background = n.color; t.textContent = n.type;
    card.appendChild(t);
    var facts = [];
    if (n.aliases.length) facts.push("Also called: " + n.aliases.join(", "));
    if (n.code) facts.push("Division code: " + n.code);
    if (n.lon !== undefined) facts.push("Longitude " + n.lon + ", latitude " + n.lat);
    facts.push(fmt(n.degree) + " relations");
    facts.forEach(function (f) { var p = document.createElement("p"); p.className = "fact"; p.style.margin = ".2em 0"; p.textContent = f; card.appendChild(p); });

    var hidden = neighbours[i].filter(function (j) { return !shown.has(j); });
    if (hidden.length) {
      var b = document.createElement("button"); b.className = "expand"; b.type = "button";
      b.textContent = "Show " + fmt(new Set(hidden).size) + " hidden neighbours";
      b.addEventListener("click", function () { hidden.forEach(function (j) { shown.add(j); }); renderCard(i); refresh(); });
      card.appendChild(b);
    }

    if (postsOf[i].length) {
      heading(card, "Posts");
      var ul = document.createElement("ul");
      postsOf[i].forEach(function (k) {
        var p = P[k], li = document.createElement("li");
        if (p.person !== i) { li.appendChild(link(p.person)); li.appendChild(document.createTextNode(": ")); }
        li.appendChild(document.createTextNode(p.role));
        if (p.organization !== null && p.organization !== undefined && p.organization !== i) {
          li.appendChild(document.createTextNode(", ")); li.appendChild(link(p.organization));
        } else if (p.organizationName && p.organization === null) {
          li.appendChild(document.createTextNode(", " + p.organizationName));
        }
        p.evidence.forEach(function (ev) { li.appendChild(evidenceBlock(ev)); });
        ul.appendChild(li);
      });
      card.appendChild(ul);
    }

    heading(card, "Relations and evidence");
    var rel = document.createElement("ul"); rel.id = "relations";
    var ties = nodeEdges[i].filter(function (k) { return E[k].predicate !== "post"; });  // posts: above
    ties.sort(function (a, b) {
      return E[a].predicate < E[b].predicate ? -1 : E[a].predicate > E[b].predicate ? 1 : a - b;
    }).forEach(function (k) {
      var e = E[k], li = document.createElement("li");
      var what = e.role ? e.predicate + " (" + e.role + ")" : e.predicate;
      if (e.source === i) {
        li.appendChild(document.createTextNode(what + " \u2192 ")); li.appendChild(link(e.target));
      } else {
        li.appendChild(link(e.source)); li.appendChild(document.createTextNode(" \u2192 " + what));
      }
      e.evidence.forEach(function (ev) { li.appendChild(evidenceBlock(ev)); });
      if (e.evidenceCount > e.evidence.length) {
        var more = document.createElement("p"); more.className = "muted";
        more.textContent = "\u2026 and " + fmt(e.evidenceCount - e.evidence.length) + " more sentences";
        li.appendChild(more);
      }
      rel.appendChild(li);
    });
    if (!ties.length) { var none = document.createElement("p"); none.className = "muted"; none.textContent = "No relation."; card.appendChild(none); }
    card.appendChild(rel);

    if (n.reports.length) {
      heading(card, "Reports");
      var rl = document.createElement("ul");
      n.reports.forEach(function (r) {
        var li = document.createElement("li"); li.textContent = R[r].title + (R[r].year !== null ? " (" + R[r].year + ")" : "");
        rl.appendChild(li);
      });
      card.appendChild(rl);
    }
  }

  var AUTO_EXPAND = 50;  // a chosen node brings in up to this many hidden neighbours; more: its card's button
  function select(i, move) {
    shown.add(i);
    var hidden = new Set(neighbours[i].filter(function (j) { return !shown.has(j); }));
    if (hidden.size <= AUTO_EXPAND) hidden.forEach(function (j) { shown.add(j); });
    state.selected = i;
    state.focus = new Set(neighbours[i]);
    renderCard(i);
    refresh();
    if (move && nodeVisible(i)) {
      var d = renderer.getNodeDisplayData(N[i].id);
      if (d) renderer.getCamera().animate({ x: d.x, y: d.y, ratio: 0.5 }, { duration: 300 });
    }
  }
  renderer.on("clickNode", function (ev) { select(graph.getNodeAttribute(ev.node, "index"), false); });
  function clear() { state.selected = null; state.focus = new Set(); $("card").hidden = true; refresh(); }
  renderer.on("clickStage", clear);

  // --- graph and map views ---
  function setView(view) {
    state.view = view;
    $("view-graph").classList.toggle("active", view === "graph");
    $("view-map").classList.toggle("active", view === "map");
    $("relayout").disabled = view === "map";
    graph.updateEachNodeAttributes(function (key, a) {
      var n = N[a.index];
      if (view === "map") { a.x = n.mapped ? n.mx : cx; a.y = n.mapped ? n.my : cy; }
      else { a.x = n.x; a.y = n.y; }
      return a;
    }, { attributes: ["x", "y"] });
    refresh();
    renderer.getCamera().animatedReset({ duration: 200 });
  }
  $("view-graph").addEventListener("click", function () { setView("graph"); });
  $("view-map").addEventListener("click", function () { setView("map"); });

  $("relayout").addEventListener("click", function () {
    if (typeof graphologyLayoutForceAtlas2 === "undefined") return;
    var fa2 = graphologyLayoutForceAtlas2;
    var settings = fa2.inferSettings(graph);
    settings.barnesHutOptimize = graph.order > 1000;
    fa2.assign(graph, { iterations: 100, settings: settings });
    graph.forEachNode(function (key, a) { N[a.index].x = a.x; N[a.index].y = a.y; });
    refresh();
  });

  // --- the map's graticule (every 5 degrees), drawn under the graph in the map view ---
  var canvas = $("graticule"), ctx = canvas.getContext("2d");
  var COS = Math.cos(35 * Math.PI / 180);
  function project(lon, lat) { return { x: (lon - 105) * COS * 100, y: (lat - 35) * 100 }; }
  function drawGraticule() {
    var w = canvas.clientWidth, h = canvas.clientHeight, ratio = window.devicePixelRatio || 1;
    if (canvas.width !== w * ratio || canvas.height !== h * ratio) { canvas.width = w * ratio; canvas.height = h * ratio; }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    if (state.view !== "map") return;
    ctx.strokeStyle = "#e6e6e6"; ctx.fillStyle = "#aaa"; ctx.lineWidth = 1; ctx.font = "11px sans-serif";
    for (var lon = 70; lon <= 140; lon += 5) {
      var a = renderer.graphToViewport(project(lon, 15)), b = renderer.graphToViewport(project(lon, 55));
      ctx.beginPath(); ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y); ctx.stroke();
      ctx.fillText(lon + "\u00b0E", b.x + 2, Math.max(12, Math.min(h - 4, b.y + 12)));
    }
    for (var lat = 15; lat <= 55; lat += 5) {
      var c = renderer.graphToViewport(project(70, lat)), d = renderer.graphToViewport(project(140, lat));
      ctx.beginPath(); ctx.moveTo(c.x, c.y); ctx.lineTo(d.x, d.y); ctx.stroke();
      ctx.fillText(lat + "\u00b0N", Math.max(2, Math.min(w - 40, c.x + 2)), c.y - 2);
    }
  }
  renderer.on("afterRender", drawGraticule);

  status();
  window.reportgraphViewer = { graph: graph, renderer: renderer, select: select, clear: clear, search: search,
                               state: state };
})();
