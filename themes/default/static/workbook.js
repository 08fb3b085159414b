/* circlekit workbook (loaded by the workbook page only): gathers the answers worksheets.js
   keeps in this browser ("circlekit:" + page path + "#" + worksheet id + "/" + control; "/@saved"
   is when the worksheet last changed) in the program's order; prints, exports (JSON, Markdown),
   imports (the newer worksheet wins; no time = oldest) and clears them. Nothing leaves the device. */
(function () {
  "use strict";
  var box = document.querySelector("[data-workbook]"), dataEl = document.getElementById("workbook-data");
  if (!box || !dataEl) return;
  var store = null, data;
  try { store = window.localStorage; store.getItem("circlekit:probe"); data = JSON.parse(dataEl.textContent); } catch (e) { return; }
  var P = "circlekit:", SAVED = "@saved", FORMAT = "circlekit-workbook", loc = window.location;
  var attr = function (n) { return box.getAttribute("data-" + n) || ""; };
  var q = function (s) { return box.querySelector(s); };
  var base = attr("root") || "./", root = new URL(base, loc.href).pathname;
  var list = q("[data-wb-list]"), status = q("[data-wb-status]");
  function pathOf(url) { return new URL(base + url, loc.href).pathname + (loc.protocol === "file:" ? "index.html" : ""); }

  /* Every stored worksheet of this site: "<url>#<id>" -> {saved, values, keys}. */
  function groups() {
    var out = {}, start = P + root;
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i) || "";
      var rest = key.slice(start.length), hash = rest.indexOf("#"), slash = rest.indexOf("/", hash);
      if (key.indexOf(start) !== 0 || hash < 0 || slash < 0) continue;
      var id = rest.slice(0, hash).replace(/index\.html$/, "") + "#" + rest.slice(hash + 1, slash);
      var g = out[id] || (out[id] = { saved: 0, values: {}, keys: [] }), name = rest.slice(slash + 1), v = store.getItem(key);
      g.keys.push(key);
      if (name === SAVED) g.saved = Math.max(g.saved, Number(v) || 0); else g.values[name] = v;
    }
    return out;
  }
  function filled(g) {
    for (var k in (g ? g.values : {})) if (g.values[k] && g.values[k] !== "0") return true;
    return false;
  }
  function boxes(texts, v, name) {
    var b = texts.map(function (t, j) { return { text: t, on: v[name + "-i" + (j + 1)] === "1" }; });
    return b.some(function (x) { return x.on; }) ? b : null;
  }
  /* A sheet's answers. Fields: ["t", label], ["T", caption, columns, rows], ["c", label, items],
     ["s", label, max], ["d", label]; a before-next checklist's tasks are in `b`. */
  function parts(s, v) {
    var out = [], b = s.b && boxes(s.b, v, s.g);
    if (b) out.push({ label: "", boxes: b });
    (s.f || []).forEach(function (f, i) {
      var name = s.g + "-f" + (i + 1), part = { label: f[1] };
      if (f[0] === "T") {
        part.columns = f[2];
        part.rows = [];
        for (var r = 1; r <= f[3]; r++) {
          var row = f[2].map(function (c, j) { return v[name + "-r" + r + "-c" + (j + 1)] || ""; });
          if (row.join("")) part.rows.push(row);
        }
        if (!part.rows.length) return;
      } else if (f[0] === "c") {
        if (!(part.boxes = boxes(f[2], v, name))) return;
      } else if (v[name]) {
        part.text = f[0] === "s" ? v[name] + " / " + f[2] : v[name];
      } else return;
      out.push(part);
    });
    return out;
  }
  /* The pages with answered sheets, in the program's order. */
  function answered() {
    var gs = groups(), pages = [];
    data.pages.forEach(function (p) {
      var sheets = [];
      p.s.forEach(function (s) {
        var g = gs[p.u + "#" + s.g], ps = filled(g) ? parts(s, g.values) : [];
        if (ps.length) sheets.push({ title: s.t, parts: ps });
      });
      if (sheets.length) pages.push({ url: p.u, title: p.t, sheets: sheets });
    });
    return pages;
  }
  function el(parent, tag, text, cls) {
    var e = parent.appendChild(document.createElement(tag));
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function render() {
    var pages = answered();
    list.textContent = "";
    pages.forEach(function (p) {
      var section = el(list, "section", "", "wb-page");
      el(el(section, "h2"), "a", p.title).href = base + p.url;
      p.sheets.forEach(function (s) {
        var sheet = el(section, "div", "", "wb-sheet");
        if (s.title) el(sheet, "h3", s.title);
        s.parts.forEach(function (part) {
          if (part.label) el(sheet, "p", part.label, "wb-label");
          if (part.text) el(sheet, "p", part.text, "wb-answer");
          if (part.boxes) {
            var ul = el(sheet, "ul");
            part.boxes.forEach(function (b) { el(ul, "li", (b.on ? "☑ " : "☐ ") + b.text); });
          }
          if (part.rows) {
            var table = el(sheet, "table"), tr = el(el(table, "thead"), "tr"), body = el(table, "tbody");
            part.columns.forEach(function (c) { el(tr, "th", c).scope = "col"; });
            part.rows.forEach(function (row) {
              var r = el(body, "tr");
              row.forEach(function (c) { el(r, "td", c); });
            });
          }
        });
      });
    });
    q("[data-wb-empty]").hidden = pages.length > 0;
    return pages.length;
  }
  function exportJson() {
    var gs = groups(), answers = {};
    Object.keys(gs).sort().forEach(function (id) { answers[id] = { saved: gs[id].saved, values: gs[id].values }; });
    return JSON.stringify({ format: FORMAT, version: 1, exported: new Date().toISOString(), answers: answers }, null, 1);
  }
  function md(s) { return String(s).replace(/([\\`*_[\]|<>#])/g, "\\$1"); }
  function exportMarkdown() {
    var out = ["# " + md(attr("title")), ""];
    var line = function (cells) { return "| " + cells.map(function (c) { return md(c).replace(/\n/g, " "); }).join(" | ") + " |"; };
    answered().forEach(function (p) {
      out.push("## " + md(p.title), "");
      p.sheets.forEach(function (s) {
        if (s.title) out.push("### " + md(s.title), "");
        s.parts.forEach(function (part) {
          if (part.label) out.push("**" + md(part.label) + "**", "");
          if (part.text) out.push(part.text.split("\n").map(md).join("  \n"), "");
          (part.boxes || []).forEach(function (b) { out.push("- [" + (b.on ? "x" : " ") + "] " + md(b.text)); });
          if (part.rows) {
            out.push(line(part.columns), "|" + part.columns.map(function () { return " --- |"; }).join(""));
            part.rows.forEach(function (r) { out.push(line(r)); });
          }
          if (part.boxes || part.rows) out.push("");
        });
      });
    });
    return out.join("\n");
  }
  /* Merges a backup; returns how many worksheets it took. Throws on a file that is no backup. */
  function importText(text) {
    var doc = JSON.parse(text), local = groups(), taken = 0;
    if (!doc || doc.format !== FORMAT || !(doc.version <= 1) || !doc.answers || typeof doc.answers !== "object") throw new Error("not a workbook backup");
    Object.keys(doc.answers).forEach(function (id) {
      var m = /^([^:?#]*)#([^\/]+)$/.exec(id), theirs = doc.answers[id], mine = local[id];
      if (!m || !theirs || typeof theirs.values !== "object") return;
      var saved = Number(theirs.saved) || 0;
      if (mine && (filled(mine) ? saved <= mine.saved : saved < mine.saved)) return;
      if (mine) mine.keys.forEach(function (k) { store.removeItem(k); });
      var prefix = P + pathOf(m[1]) + "#" + m[2] + "/";
      Object.keys(theirs.values).forEach(function (name) {
        var v = theirs.values[name];
        if (typeof v === "string" && v && name.indexOf("/") < 0 && name !== SAVED) store.setItem(prefix + name, v);
      });
      if (saved) store.setItem(prefix + SAVED, String(saved));
      taken++;
    });
    render();
    return taken;
  }
  function clearAll(confirmed) {
    if (!confirmed && !window.confirm(attr("confirm"))) return false;
    var gs = groups();
    Object.keys(gs).forEach(function (id) { gs[id].keys.forEach(function (k) { store.removeItem(k); }); });
    render();
    return true;
  }
  function download(ext, type, text) {
    var a = el(document.body, "a");
    a.href = URL.createObjectURL(new Blob([text], { type: type }));
    a.download = "workbook-" + new Date().toISOString().slice(0, 10) + ext;
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  window.circlekitWorkbook = { render: render, exportJson: exportJson, exportMarkdown: exportMarkdown, importText: importText, clearAll: clearAll };
  render();
  q(".wb-actions").hidden = false;
  var file = q("[data-wb-file]"), on = function (s, f) { q(s).addEventListener("click", f); };
  on("[data-wb-print]", function () { window.print(); });
  on("[data-wb-export=json]", function () { download(".json", "application/json", exportJson()); });
  on("[data-wb-export=md]", function () { download(".md", "text/markdown", exportMarkdown()); });
  on("[data-wb-import]", function () { file.click(); });
  on("[data-wb-clear]", function () { clearAll(false); });
  file.addEventListener("change", function () {
    var reader = new FileReader();
    reader.onload = function () {
      try { importText(String(reader.result)); status.textContent = attr("done"); } catch (e) { status.textContent = attr("failed"); }
      file.value = "";
    };
    if (file.files && file.files[0]) reader.readAsText(file.files[0]);
  });
  window.addEventListener("storage", render);
})();
