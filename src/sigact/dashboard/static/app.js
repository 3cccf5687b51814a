/* sigact dashboard: map (Leaflet + offline world-atlas basemap), timeline, table, evidence detail.
   Talks only to this server's API; every asset is served locally. */
(function () {
  "use strict";

  var TYPE_COLORS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#1f77b4",
    "Riots": "#2ca02c",
    "Strategic developments": "#8c564b",
    "unknown": "#7f7f7f"
  };
  var FIELD_LABELS = {
    trigger: "trigger", actor1: "actor 1", actor2: "actor 2", location: "place", date: "date",
    fatalities: "deaths", injuries: "injured", abducted: "abducted", arrested: "arrested"
  };
  var MAP_LIMIT = 5000, PAGE = 1000, TABLE_PAGE = 200;
  var state = { events: [], shown: 0, selected: null, apiKey: null, config: {} };
  var map = null, cluster = null, markersById = {};

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "class") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c != null) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  function color(type) { return TYPE_COLORS[type] || TYPE_COLORS.unknown; }

  try { state.apiKey = window.localStorage.getItem("sigact-api-key"); } catch (e) { state.apiKey = null; }

  function api(path) {
    var headers = { "Accept": "application/json" };
    if (state.apiKey) headers["X-API-Key"] = state.apiKey;
    return fetch(path, { headers: headers }).then(function (r) {
      if (r.status === 401) { $("keybox").hidden = false; throw new Error("API key needed"); }
      if (!r.ok) return r.json().then(function (b) { throw new Error((b && b.error) + ": " + JSON.stringify(b && b.detail)); });
      return r.json();
    });
  }

  function filterParams() {
    var p = new URLSearchParams();
    var f = $("filters");
    ["since", "until", "country", "event_type", "factuality", "q"].forEach(function (name) {
      var v = f.elements[name].value.trim();
      if (v) p.set(name, v);
    });
    if ($("f-bbox").checked && map) p.set("bbox", mapBbox());
    return p;
  }

  // ---------------------------------------------------------------- map
  function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, v)); }
  function mapBbox() {
    var b = map.getBounds();
    var w = b.getWest(), e = b.getEast();
    if (e - w >= 360) { w = -180; e = 180; }
    else { w = ((w + 540) % 360) - 180; e = ((e + 540) % 360) - 180; }  // wrapped: min_lon > max_lon crosses 180
    return [w, clamp(b.getSouth(), -90, 90), e, clamp(b.getNorth(), -90, 90)]
      .map(function (v) { return v.toFixed(4); }).join(",");
  }
  function initMap() {
    if (typeof L === "undefined") {
      $("map").appendChild(el("p", { class: "empty", text: "Map assets are missing: run `make setup-assets`." }));
      return;
    }
    map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12, preferCanvas: false }).setView([15, 20], 2);
    if (state.config.tile_url) {
      L.tileLayer(state.config.tile_url, { maxZoom: 18, attribution: "tiles: configured by SIGACT_TILE_URL" }).addTo(map);
    }
    fetch("/static/vendor/world-atlas/countries-50m.json").then(function (r) { return r.json(); }).then(function (topo) {
      var land = topojson.feature(topo, topo.objects.countries);
      // Antarctica (ISO 010) spans every longitude down to the pole, which Web Mercator cannot draw
      land.features = land.features.filter(function (f) { return f.id !== "010"; });
      land.features.forEach(function (f) { unwrapGeometry(f.geometry); });
      var layer = L.geoJSON(land, {
        interactive: false,
        style: { color: "#8c96a5", weight: 0.6, fillColor: "#fbfaf7", fillOpacity: state.config.tile_url ? 0 : 1 }
      }).addTo(map);
      layer.bringToBack();
      $("map").setAttribute("data-basemap", "loaded");
    }).catch(function (e) { console.warn("basemap", e); });
    cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
    map.addLayer(cluster);
    map.on("moveend", function () { if ($("f-bbox").checked) refresh(); });
  }

  // rings that cross the antimeridian jump from +180 to -180; keep them continuous so no stripe spans the map
  function unwrapRing(ring) {
    for (var i = 1; i < ring.length; i++) {
      while (ring[i][0] - ring[i - 1][0] > 180) ring[i][0] -= 360;
      while (ring[i][0] - ring[i - 1][0] < -180) ring[i][0] += 360;
    }
  }
  function unwrapGeometry(g) {
    if (!g) return;
    if (g.type === "Polygon") g.coordinates.forEach(unwrapRing);
    else if (g.type === "MultiPolygon") g.coordinates.forEach(function (p) { p.forEach(unwrapRing); });
  }

  function markerFor(ev) {
    var loc = ev.location;
    if (!loc || loc.lat == null || loc.lon == null) return null;
    var dead = ev.fatalities || 0;
    var size = Math.round(Math.min(34, 10 + 4 * Math.sqrt(dead)));
    var type = (ev.acled && ev.acled.event_type) || "unknown";
    var icon = L.divIcon({
      className: "ev-marker-wrap",
      html: '<div class="ev-marker" style="width:' + size + "px;height:" + size + "px;background:" + color(type) + '"></div>',
      iconSize: [size, size]
    });
    var m = L.marker([loc.lat, loc.lon], { icon: icon, title: type + (dead ? " (" + dead + " dead)" : "") });
    m.on("click", function () { showDetail(ev.id); });
    return m;
  }

  function drawMap() {
    if (!cluster) return;
    cluster.clearLayers();
    markersById = {};
    var layers = [];
    state.events.forEach(function (ev) {
      var m = markerFor(ev);
      if (m) { markersById[ev.id] = m; layers.push(m); }
    });
    cluster.addLayers(layers);
    $("map").setAttribute("data-markers", String(layers.length));
  }

  // ---------------------------------------------------------------- timeline
  function chooseInterval() {
    var s = $("f-since").value, u = $("f-until").value;
    if (s && u) {
      var days = (new Date(u) - new Date(s)) / 864e5;
      if (days <= 92) return "day";
      if (days > 1100) return "month";
      return "week";
    }
    return "week";
  }

  function drawTimeline(data) {
    var svg = $("timeline");
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var NS = "http://www.w3.org/2000/svg";
    var W = svg.clientWidth || 600, H = svg.clientHeight || 160, pad = { l: 34, r: 6, t: 6, b: 20 };
    $("tl-interval").textContent = data.interval;
    var legend = $("tl-legend");
    while (legend.firstChild) legend.removeChild(legend.firstChild);
    data.types.forEach(function (t) {
      var i = el("i"); i.style.background = color(t);
      legend.appendChild(el("span", null, [i, t]));
    });
    var periods = data.periods;
    if (!periods.length) {
      var tx = document.createElementNS(NS, "text");
      tx.setAttribute("x", 10); tx.setAttribute("y", 20); tx.textContent = "no dated events";
      svg.appendChild(tx); return;
    }
    var max = Math.max.apply(null, periods.map(function (p) { return p.count; }));
    var bw = (W - pad.l - pad.r) / periods.length;
    var y = function (v) { return H - pad.b - (H - pad.t - pad.b) * v / max; };
    [0, max].forEach(function (v) {
      var t = document.createElementNS(NS, "text");
      t.setAttribute("x", pad.l - 4); t.setAttribute("y", y(v) + 4); t.setAttribute("text-anchor", "end");
      t.setAttribute("font-size", "10"); t.textContent = String(v); svg.appendChild(t);
    });
    periods.forEach(function (p, i) {
      var base = 0;
      data.types.forEach(function (t) {
        var slot = p.by_type[t];
        if (!slot) return;
        var r = document.createElementNS(NS, "rect");
        r.setAttribute("x", pad.l + i * bw + 0.5);
        r.setAttribute("width", Math.max(1, bw - 1));
        r.setAttribute("y", y(base + slot.count));
        r.setAttribute("height", Math.max(0.5, y(base) - y(base + slot.count)));
        r.setAttribute("fill", color(t));
        var title = document.createElementNS(NS, "title");
        title.textContent = p.period + " · " + t + ": " + slot.count + " events, " + slot.fatalities + " deaths";
        r.appendChild(title);
        svg.appendChild(r);
        base += slot.count;
      });
    });
    // deaths per period: a line on its own scale (right axis)
    var maxDead = Math.max.apply(null, periods.map(function (p) { return p.fatalities; }));
    if (maxDead > 0) {
      var yd = function (v) { return H - pad.b - (H - pad.t - pad.b) * v / maxDead; };
      var pts = periods.map(function (p, i) { return (pad.l + (i + 0.5) * bw).toFixed(1) + "," + yd(p.fatalities).toFixed(1); });
      var line = document.createElementNS(NS, "polyline");
      line.setAttribute("points", pts.join(" "));
      line.setAttribute("fill", "none"); line.setAttribute("stroke", "#1d2430"); line.setAttribute("stroke-width", "1.2");
      line.setAttribute("opacity", "0.75"); line.setAttribute("id", "tl-deaths");
      svg.appendChild(line);
      var swatch = el("i"); swatch.style.background = "#1d2430"; swatch.style.height = "2px";
      swatch.style.verticalAlign = "3px";
      legend.appendChild(el("span", null, [swatch, "deaths (own scale, max " + maxDead + ")"]));
    }
    var step = Math.max(1, Math.ceil(periods.length / 8));
    periods.forEach(function (p, i) {
      if (i % step) return;
      var t = document.createElementNS(NS, "text");
      t.setAttribute("x", pad.l + i * bw); t.setAttribute("y", H - 5); t.setAttribute("font-size", "10");
      t.textContent = p.period; svg.appendChild(t);
    });
  }

  // ---------------------------------------------------------------- table
  function actorName(a) { return a ? (a.name || a.acled_name || a.text || "") : ""; }
  function placeName(l) { return l ? [l.name || l.text, l.country].filter(Boolean).join(", ") : ""; }

  function renderRows(reset) {
    var tbody = $("events").tBodies[0];
    if (reset) { while (tbody.firstChild) tbody.removeChild(tbody.firstChild); state.shown = 0; }
    var end = Math.min(state.events.length, state.shown + TABLE_PAGE);
    for (var i = state.shown; i < end; i++) {
      var ev = state.events[i];
      var tr = el("tr", { "data-id": ev.id }, [
        el("td", { text: ev.date ? ev.date.start || "" : "" }),
        el("td", { text: (ev.acled && ev.acled.event_type) || (ev.plover && ev.plover.type) || "" }),
        el("td", { text: actorName(ev.actor1) }),
        el("td", { text: actorName(ev.actor2) }),
        el("td", { text: placeName(ev.location) }),
        el("td", { class: "num", text: ev.fatalities == null ? "" : String(ev.fatalities) }),
        el("td", { class: "num", text: String(ev.source_count || 0) })
      ]);
      tr.addEventListener("click", (function (id) { return function () { showDetail(id); }; })(ev.id));
      tbody.appendChild(tr);
    }
    state.shown = end;
    $("more").hidden = state.shown >= state.events.length;
    if (!state.events.length) {
      tbody.appendChild(el("tr", null, [el("td", { colspan: "7", class: "empty", text: "No events match these filters." })]));
    }
  }

  // ---------------------------------------------------------------- detail
  // The snippet with its evidence spans marked.  Spans may nest ("killing three civilians" holds the
  // trigger "killing" and actor 2 "three civilians"): each piece of text gets the innermost span covering it.
  function highlighted(snippet) {
    var text = snippet.text;
    var evSpan = null, marks = [];
    snippet.highlights.forEach(function (h) {
      if (h.field === "event") { if (!evSpan) evSpan = h; } else if (h.end > h.start) marks.push(h);
    });
    var cuts = [0, text.length];
    if (evSpan) cuts.push(evSpan.start, evSpan.end);
    marks.forEach(function (m) { cuts.push(m.start, m.end); });
    cuts = cuts.filter(function (v, i, a) { return v >= 0 && v <= text.length && a.indexOf(v) === i; })
               .sort(function (a, b) { return a - b; });
    var pieces = [];
    for (var i = 0; i < cuts.length - 1; i++) {
      var s = cuts[i], e = cuts[i + 1];
      if (e <= s) continue;
      var covering = marks.filter(function (m) { return m.start <= s && e <= m.end; });
      covering.sort(function (a, b) { return (a.end - a.start) - (b.end - b.start); });
      var inner = covering[0] || null;
      var inEv = !!(evSpan && evSpan.start <= s && e <= evSpan.end);
      var last = pieces[pieces.length - 1];
      if (last && last.inner === inner && last.inEv === inEv) { last.end = e; continue; }
      pieces.push({ start: s, end: e, inner: inner, inEv: inEv, covering: covering });
    }
    var node = el("p", { class: "snippet" });
    pieces.forEach(function (p) {
      var piece = text.slice(p.start, p.end);
      var child;
      if (p.inner) {
        var f = p.inner.field;
        child = el("mark", {
          class: FIELD_LABELS[f] ? f : "other", "data-field": f, text: piece,
          title: p.covering.map(function (m) { return FIELD_LABELS[m.field] || m.field; }).join(" · ")
        });
      } else {
        child = document.createTextNode(piece);
      }
      if (p.inEv) child = el("span", { class: "ev" }, [child]);
      node.appendChild(child);
    });
    return node;
  }

  function row(dl, label, value) {
    if (value == null || value === "") return;
    dl.appendChild(el("dt", { text: label }));
    dl.appendChild(el("dd", { text: String(value) }));
  }

  function showDetail(id) {
    Array.prototype.forEach.call(document.querySelectorAll("#events tr.selected"), function (tr) { tr.classList.remove("selected"); });
    var tr = document.querySelector('#events tr[data-id="' + (window.CSS && CSS.escape ? CSS.escape(id) : id) + '"]');
    if (tr) tr.classList.add("selected");
    api("/events/" + encodeURIComponent(id)).then(function (d) {
      var ev = d.canonical || d.event, box = $("detail");  // the real-world event, merged from all its reports
      while (box.firstChild) box.removeChild(box.firstChild);
      var close = el("button", { type: "button", class: "close", text: "×", "aria-label": "close" });
      close.addEventListener("click", function () { box.hidden = true; });
      box.appendChild(close);
      box.appendChild(el("h2", { text: [(ev.acled && ev.acled.event_type), (ev.acled && ev.acled.sub_event_type)].filter(Boolean).join(" — ") || (ev.plover && ev.plover.type) || "Event" }));
      var dl = el("dl");
      row(dl, "date", ev.date ? ev.date.start + (ev.date.end && ev.date.end !== ev.date.start ? " – " + ev.date.end : "") + (ev.date.precision ? " (" + ev.date.precision + ")" : "") : null);
      row(dl, "actor 1", ev.actor1 ? [actorName(ev.actor1), ev.actor1.acled_name && ev.actor1.acled_name !== actorName(ev.actor1) ? "[" + ev.actor1.acled_name + "]" : "", ev.actor1.type ? "(" + ev.actor1.type + ")" : ""].join(" ").trim() : null);
      row(dl, "actor 2", ev.actor2 ? [actorName(ev.actor2), ev.actor2.acled_name && ev.actor2.acled_name !== actorName(ev.actor2) ? "[" + ev.actor2.acled_name + "]" : "", ev.actor2.type ? "(" + ev.actor2.type + ")" : ""].join(" ").trim() : null);
      row(dl, "place", ev.location ? [placeName(ev.location), ev.location.admin1, ev.location.precision ? "(" + ev.location.precision + ")" : ""].filter(Boolean).join(" · ") : null);
      var tolls = ["fatalities", "injuries", "abducted", "arrested"].filter(function (k) { return ev[k] != null; })
        .map(function (k) { return FIELD_LABELS[k] + " " + ev[k]; }).join(", ");
      row(dl, "toll", tolls || "not reported");
      row(dl, "PLOVER", ev.plover && ev.plover.type ? ev.plover.type + (ev.plover.mode ? " / " + ev.plover.mode : "") : null);
      row(dl, "factuality", ev.factuality);
      row(dl, "confidence", ev.confidence != null ? ev.confidence.toFixed(2) : null);
      row(dl, "sources", String(ev.source_count));
      box.appendChild(dl);
      var legend = el("div", { class: "hl-legend" });
      ["trigger", "actor1", "actor2", "location", "date", "fatalities"].forEach(function (f) { legend.appendChild(el("mark", { class: f, text: FIELD_LABELS[f] })); });
      box.appendChild(legend);
      d.articles.forEach(function (a) {
        var meta = a.article || {};
        var label = [meta.outlet, meta.published, meta.title].filter(Boolean).join(" · ") || meta.id;
        var src = el("div", { class: "source" });
        if (meta.url && /^https?:\/\//.test(meta.url)) src.appendChild(el("a", { href: meta.url, target: "_blank", rel: "noopener noreferrer", text: label }));
        else src.appendChild(document.createTextNode(label));
        box.appendChild(src);
        a.snippets.forEach(function (s) { box.appendChild(highlighted(s)); });
      });
      if (d.links && d.links.length) {
        var ul = el("ul");
        d.links.forEach(function (lk) { ul.appendChild(el("li", { text: lk.relation + " → " + (lk.event ? [lk.event.date, lk.event.event_type, lk.event.place].filter(Boolean).join(" ") : lk.target) })); });
        box.appendChild(el("div", { class: "source", text: "Linked events" }));
        box.appendChild(ul);
      }
      box.hidden = false;
      box.setAttribute("data-event", ev.id);
      var m = markersById[ev.id];
      if (m && map && !map.getBounds().contains(m.getLatLng())) map.panTo(m.getLatLng());
    }).catch(function (e) { console.error(e); });
  }

  // ---------------------------------------------------------------- load
  function loadEvents(params) {
    var out = [];
    function page(cursor) {
      var p = new URLSearchParams(params);
      p.set("limit", String(PAGE));
      if (cursor) p.set("cursor", cursor);
      if (!cursor) p.set("total", "true");
      return api("/events?" + p.toString()).then(function (b) {
        if (b.total != null) state.total = b.total;
        out = out.concat(b.events);
        if (b.next && out.length < MAP_LIMIT) return page(b.next);
        return out;
      });
    }
    return page(null);
  }

  function refresh() {
    var params = filterParams();
    var exp = new URLSearchParams(params); exp.set("format", "acled-csv"); exp.set("level", "canonical");  // the table's rows
    $("export-link").href = "/export?" + exp.toString();
    document.body.setAttribute("data-loading", "1");
    var tl = new URLSearchParams(params); tl.set("interval", chooseInterval());
    return Promise.all([
      loadEvents(params).then(function (events) {
        state.events = events;
        renderRows(true);
        drawMap();
        return events;
      }),
      api("/stats/timeline?" + tl.toString()).then(function (data) { drawTimeline(data); return data; })
    ]).then(function (res) {
      var events = res[0], periods = res[1].periods;
      var total = state.total != null ? state.total : events.length;
      var deaths = periods.reduce(function (s, p) { return s + p.fatalities; }, 0);  // every matching dated event
      var fmt = function (n) { return Number(n).toLocaleString("en"); };
      $("summary").textContent = fmt(total) + " events · " + fmt(deaths) + " deaths" +
        (events.length < total ? " · map and table show the newest " + fmt(events.length) : "");
    }).catch(function (e) { $("summary").textContent = String(e.message || e); })
      .then(function () { document.body.setAttribute("data-loading", "0"); });
  }

  function loadCountries() {
    return api("/places?limit=1000&factuality=all").then(function (b) {
      var seen = {};
      b.places.forEach(function (p) { if (p.country) seen[p.country] = (seen[p.country] || 0) + p.events; });
      var sel = $("f-country");
      Object.keys(seen).sort().forEach(function (c) { sel.appendChild(el("option", { value: c, text: c + " (" + seen[c] + ")" })); });
    }).catch(function () {});
  }

  function start() {
    $("filters").addEventListener("submit", function (e) { e.preventDefault(); refresh(); });
    ["f-country", "f-type", "f-fact", "f-since", "f-until"].forEach(function (id) { $(id).addEventListener("change", refresh); });
    $("f-reset").addEventListener("click", function () { $("filters").reset(); refresh(); });
    $("f-bbox").addEventListener("change", refresh);
    $("more").addEventListener("click", function () { renderRows(false); });
    $("keyform").addEventListener("submit", function (e) {
      e.preventDefault();
      state.apiKey = $("apikey").value;
      try { window.localStorage.setItem("sigact-api-key", state.apiKey); } catch (err) { /* private mode */ }
      $("keybox").hidden = true;
      loadCountries(); refresh();
    });
    fetch("/config.json").then(function (r) { return r.json(); }).catch(function () { return {}; }).then(function (cfg) {
      state.config = cfg || {};
      initMap();
      loadCountries();
      refresh().then(function () { document.body.setAttribute("data-ready", "1"); });
    });
  }

  window.sigactDashboard = { refresh: refresh, showDetail: showDetail, state: state, get map() { return map; } };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
