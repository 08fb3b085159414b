/* circlekit search (loaded by site.js on first use of a search box): loads the language's
   search-index.js (format: src/render/search.rs), folds case and accents, pairs CJK
   characters, lists page › section and a snippet with <mark>. Keys: ↓ ↑ Enter Escape. */
(function () {
  "use strict";
  var CJK = /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/;
  var index = null, loading = null, failed = false, waiting = [];

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, "").toLowerCase();
  }
  /* Words of letters and digits; runs of CJK characters become overlapping pairs. */
  function tokens(s) {
    var out = [];
    (fold(s).match(/[\p{L}\p{N}]+/gu) || []).forEach(function (w) {
      var run = "";
      function flush() {
        if (run.length === 1) out.push(run);
        for (var i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
        run = "";
      }
      var plain = "";
      for (var ch of w) {
        if (CJK.test(ch)) { if (plain) { out.push(plain); plain = ""; } run += ch; }
        else { flush(); plain += ch; }
      }
      flush();
      if (plain) out.push(plain);
    });
    return out;
  }
  var LAST = " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNO";
  var MORE = "PQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
  function decode(s) {
    var out = [], lead = 0;
    for (var i = 0; i < s.length; i++) {
      var d = MORE.indexOf(s[i]);
      if (d >= 0) { lead = lead * 46 + d; continue; }
      out.push(lead * 47 + LAST.indexOf(s[i]));
      lead = 0;
    }
    return out;
  }
  function prepare(data) {
    var post = new Map();
    var wordTokens = data.words.map(tokens);
    function add(tok, si, weight) {
      var m = post.get(tok);
      if (!m) { m = new Map(); post.set(tok, m); }
      m.set(si, (m.get(si) || 0) + weight);
    }
    var sections = data.sections.map(function (s, si) {
      var ids = decode(s[3]);
      ids.forEach(function (id) { wordTokens[id].forEach(function (t) { add(t, si, 1); }); });
      tokens(s[2]).forEach(function (t) { add(t, si, 8); });
      tokens(data.pages[s[0]][1]).forEach(function (t) { add(t, si, s[1] ? 2 : 6); });
      return { page: data.pages[s[0]], id: s[1], heading: s[2], ids: ids };
    });
    return { post: post, keys: Array.from(post.keys()), sections: sections, words: data.words, wordTokens: wordTokens };
  }
  function load(form, done) {
    if (index || failed) return done();
    waiting.push(done);
    if (loading) return;
    loading = document.createElement("script");
    loading.src = form.getAttribute("data-index");
    loading.onload = function () {
      if (window.circlekitSearch) index = prepare(window.circlekitSearch);
      else failed = true;
      waiting.splice(0).forEach(function (f) { f(); });
    };
    loading.onerror = function () { failed = true; waiting.splice(0).forEach(function (f) { f(); }); };
    document.head.appendChild(loading);
  }
  /* Sections holding every query token (the last one may be the start of a word). */
  function search(query) {
    var q = tokens(query);
    if (!q.length) return [];
    var scores = null;
    q.forEach(function (t, i) {
      var prefix = i === q.length - 1 && !CJK.test(t);
      var hits = new Map();
      index.keys.forEach(function (k) {
        if (k === t || (prefix && k.length > t.length && k.lastIndexOf(t, 0) === 0)) {
          index.post.get(k).forEach(function (w, si) { hits.set(si, (hits.get(si) || 0) + (k === t ? w * 2 : w)); });
        }
      });
      if (scores === null) scores = hits;
      else scores.forEach(function (v, si) { if (hits.has(si)) scores.set(si, v + hits.get(si)); else scores.delete(si); });
    });
    return Array.from(scores.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; })
      .slice(0, 20).map(function (e) { return index.sections[e[0]]; });
  }
  /* "{n} questions match" in the page's language: the form for the number's CLDR plural
     category (Intl.PluralRules), from the JSON forms of a data-forms attribute. */
  function counted(el, n) {
    var forms = {};
    try { forms = JSON.parse(el.getAttribute("data-forms") || "{}"); } catch (e) {}
    var cat = "other";
    try { cat = new Intl.PluralRules(document.documentElement.lang || "en").select(n); } catch (e) {}
    return (forms[cat] || forms.other || "{n}").replace("{n}", String(n));
  }
  function escape(s) {
    return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }
  function matches(toks, q) {
    return toks.some(function (t) {
      return q.some(function (w) { return t === w || (t.lastIndexOf(w, 0) === 0 && !CJK.test(w)) || (CJK.test(w) && t.indexOf(w) >= 0); });
    });
  }
  function highlight(text, q) {
    return text.split(/(\s+)/).map(function (w) {
      if (!w.trim() || !matches(tokens(w), q)) return escape(w);
      var m = /^([^\p{L}\p{N}]*)([\s\S]*?)([^\p{L}\p{N}]*)$/u.exec(w);
      return escape(m[1]) + "<mark>" + escape(m[2]) + "</mark>" + escape(m[3]);
    }).join("");
  }
  function snippet(section, q) {
    var ids = section.ids, at = 0;
    for (var i = 0; i < ids.length; i++) { if (matches(index.wordTokens[ids[i]], q)) { at = i; break; } }
    var from = Math.max(0, at - 8), to = Math.min(ids.length, from + 28);
    var text = ids.slice(from, to).map(function (id) { return index.words[id]; }).join(" ");
    if (text.length > 220) text = text.slice(0, 220);
    return (from > 0 ? "… " : "") + highlight(text, q) + (to < ids.length ? " …" : "");
  }
  function href(form, section) {
    var url = form.getAttribute("data-root") + section.page[0];
    if (location.protocol === "file:" && /\/$|^$/.test(url)) url += "index.html";
    return url + (section.id ? "#" + section.id : "");
  }

  document.querySelectorAll("[data-search]").forEach(function (form) {
    var input = form.querySelector("input");
    var panel = form.querySelector(".search-panel");
    var status = form.querySelector(".search-status");
    var list = form.querySelector(".search-list");
    function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }
    function close() { panel.hidden = true; }
    function show() {
      var query = input.value.trim();
      if (!query) { close(); return; }
      panel.hidden = false;
      if (!index) {
        list.innerHTML = "";
        status.textContent = form.getAttribute(failed ? "data-failed" : "data-loading");
        if (!failed) load(form, show);
        return;
      }
      var q = tokens(query);
      var found = search(query);
      list.innerHTML = found.map(function (s) {
        var where = s.heading && s.heading !== s.page[1] ? escape(s.page[1]) + " › " + highlight(s.heading, q) : highlight(s.page[1], q);
        return '<li><a href="' + escape(href(form, s)) + '"><span class="where">' + where + '</span><span class="snippet">' +
          snippet(s, q) + "</span></a></li>";
      }).join("");
      status.textContent = !found.length ? form.getAttribute("data-none")
        : counted(form, found.length);
    }
    input.addEventListener("focus", function () { load(form, function () { if (input.value.trim()) show(); }); });
    input.addEventListener("input", show);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var first = links()[0];
      if (first) first.click();
    });
    form.addEventListener("keydown", function (e) {
      var all = links(), i = all.indexOf(document.activeElement);
      if (e.key === "Escape") { close(); input.focus(); }
      else if (e.key === "ArrowDown" && all.length) { e.preventDefault(); panel.hidden = false; all[Math.min(i + 1, all.length - 1)].focus(); }
      else if (e.key === "ArrowUp" && i >= 0) { e.preventDefault(); if (i === 0) input.focus(); else all[i - 1].focus(); }
    });
    form.addEventListener("focusout", function (e) {
      if (!form.contains(e.relatedTarget)) close();
    });
  });
  /* Loaded while a box had focus (and maybe words): catch up. */
  var active = document.activeElement;
  if (active && active.closest && active.closest("[data-search]") && active.tagName === "INPUT") {
    active.dispatchEvent(new Event("focus"));
    if (active.value.trim()) active.dispatchEvent(new Event("input"));
  }
})();
