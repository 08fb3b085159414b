(function () {
  /* circlekit serve: live reload. Every build that changes pages is announced on an event
     stream with its id; "<id> patch" means only page text changed, and the page fetches
     itself and patches <main> (and header, footer, title) in place. Scroll, focus and caret,
     open <details>, typed answers and what the page's scripts set (hidden, aria-pressed)
     are kept; elements a script added carry data-added and are taken out first, and the
     scripts set up again on "circlekit:patched". Anything else reloads the page. */
  var id = "__ID__";
  var key = "circlekit:scroll:" + location.pathname;
  try {
    var saved = sessionStorage.getItem(key);
    if (saved) {
      sessionStorage.removeItem(key);
      var xy = JSON.parse(saved);
      var restore = function () { window.scrollTo(xy[0], xy[1]); };
      restore();
      window.addEventListener("load", restore);
    }
  } catch (e) {}
  function reload() {
    try { sessionStorage.setItem(key, JSON.stringify([window.scrollX, window.scrollY])); } catch (e) {}
    location.reload();
  }
  function swapStyles(next) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.searchParams.set("circlekit", next);
      links[i].href = url.href;
    }
    id = next;
  }

  var PARTS = ["body>header", "main", "body>footer"];
  var KEEP = /^(open|hidden|aria-pressed|aria-expanded)$/;
  function scripts(doc) {
    return [].map.call(doc.querySelectorAll('script:not(#circlekit-livereload):not([type="application/ld+json"]),link[rel~=stylesheet]'),
      function (s) { return s.getAttribute("src") || s.getAttribute("href") || s.textContent; }).join("\n");
  }
  /* Scripts known to set up again after a patch; a page with any other reloads. */
  function patchable(doc) {
    return [].every.call(doc.querySelectorAll("script[src]"), function (s) {
      return /(^|\/)(site|worksheets|moderator|faq)\.js$/.test(s.getAttribute("src"));
    });
  }
  /* The page as served, before any script ran: what a patch compares the next one with. */
  var base = { scripts: scripts(document), ok: patchable(document) && !!document.querySelector("main") };
  PARTS.forEach(function (p) { var el = document.querySelector(p); base[p] = el && el.outerHTML; });

  function attrs(l, n) {
    var i, a;
    for (i = l.attributes.length; i--;) {
      a = l.attributes[i].name;
      if (!n.hasAttribute(a) && !KEEP.test(a)) l.removeAttribute(a);
    }
    for (i = 0; i < n.attributes.length; i++) {
      a = n.attributes[i];
      if (!KEEP.test(a.name) && l.getAttribute(a.name) !== a.value) l.setAttribute(a.name, a.value);
    }
  }
  /* Whether a node like `node` (same tag and text) is among the next few of `list`. */
  function like(a, b) { return a.nodeName === b.nodeName && a.textContent === b.textContent; }
  function ahead(list, from, node) {
    for (var j = from; j < list.length && j < from + 32; j++) if (like(list[j], node)) return true;
    return false;
  }
  /* Children: by id where there is one, else in order by tag. A live child that comes
     again a little later among the new ones (and is not like the new child) waits there:
     the new child is inserted before it. Else a live child of another tag goes, and so do
     the next ones when the new child comes a little later among them; else the new
     child replaces it. */
  function kids(l, n) {
    var old = [].slice.call(l.childNodes), neu = [].slice.call(n.childNodes);
    var ids = {}, wanted = {}, used = new Set(), p = 0;
    old.forEach(function (c) { if (c.id) ids[c.id] = c; });
    neu.forEach(function (c) { if (c.id) wanted[c.id] = 1; });
    neu.forEach(function (c, k) {
      var m = c.id && ids[c.id], gone = false;
      if (m && (m.nodeName !== c.nodeName || used.has(m))) m = null;
      while (!m && p < old.length) {
        var o = old[p];
        if (used.has(o) || (o.id && wanted[o.id])) { p++; continue; }
        if (!gone && !like(o, c) && ahead(neu, k + 1, o)) break;
        if (o.nodeName === c.nodeName) { m = o; p++; break; }
        p++;
        if (!gone && !(gone = ahead(old, p, c))) break;
      }
      if (m) { used.add(m); morph(m, c); } else m = document.importNode(c, true);
      if (l.childNodes[k] !== m) l.insertBefore(m, l.childNodes[k] || null);
    });
    old.forEach(function (c) { if (!used.has(c)) l.removeChild(c); });
  }
  function morph(l, n) {
    if (l.nodeType !== 1) {
      if (l.nodeValue !== n.nodeValue) l.nodeValue = n.nodeValue;
      return;
    }
    var field = /^(INPUT|TEXTAREA|SELECT)$/.test(l.nodeName);
    var box = l.type === "checkbox" || l.type === "radio";
    var value = l.value, checked = l.checked;
    var typed = field && !box && value !== l.defaultValue, ticked = box && checked !== l.defaultChecked;
    attrs(l, n);
    kids(l, n);
    if (typed && l.value !== value) l.value = value;
    if (ticked) l.checked = checked;
  }
  function apply(doc) {
    var x = window.scrollX, y = window.scrollY, a = document.activeElement, caret = null;
    try { if (a.selectionStart != null) caret = [a.selectionStart, a.selectionEnd, a.selectionDirection]; } catch (e) {}
    var parts = PARTS.filter(function (p) {
      var html = document.querySelector(p) && doc.querySelector(p).outerHTML;
      if (!html || base[p] === html) return false;
      base[p] = html;
      return true;
    });
    if (document.title !== doc.title) document.title = doc.title;
    if (!parts.length) return;
    parts.forEach(function (p) {
      var now = document.querySelector(p);
      now.querySelectorAll("[data-added]").forEach(function (el) { el.remove(); });
      morph(now, doc.querySelector(p));
    });
    if (a && !a.isConnected && a.id) a = document.getElementById(a.id);
    if (a && a !== document.body && a.isConnected) {
      if (document.activeElement !== a) a.focus({ preventScroll: true });
      try { if (caret) a.setSelectionRange(caret[0], caret[1], caret[2]); } catch (e) {}
    }
    window.scrollTo(x, y);
    document.dispatchEvent(new CustomEvent("circlekit:patched"));
  }
  var latest = 0;
  function patch(next) {
    if (!base.ok) return reload();
    var mine = ++latest;
    fetch(location.href, { cache: "no-store" }).then(function (r) {
      if (!r.ok) throw r.status;
      return r.text();
    }).then(function (text) {
      if (mine !== latest) return;
      var doc = new DOMParser().parseFromString(text, "text/html");
      var same = PARTS.every(function (p) { return !document.querySelector(p) === !doc.querySelector(p); });
      if (!doc.querySelector("main") || !same || !patchable(doc) || scripts(doc) !== base.scripts) throw 0;
      apply(doc);
      id = next;
    }).catch(function () { if (mine === latest) reload(); });
  }

  var source;
  function connect() {
    source = new EventSource("/__circlekit/events");
    source.addEventListener("hello", function (e) { if (e.data !== id) reload(); });
    source.addEventListener("reload", function (e) {
      var d = e.data.split(" ");
      if (d[0] === id) return;
      if (d[1] === "patch") patch(d[0]); else reload();
    });
    source.addEventListener("css", function (e) { if (e.data !== id) swapStyles(e.data); });
    source.onerror = function () {
      if (source.readyState === 2) { source.close(); setTimeout(connect, 1000); }
    };
  }
  connect();
  var box = document.getElementById("circlekit-overlay");
  var set = box && box.getAttribute("data-dismiss");
  if (set) {
    var hide = function () { box.parentNode.removeChild(box); };
    try { if (sessionStorage.getItem("circlekit:dismissed") === set) hide(); } catch (e) {}
    box.querySelector("[data-dismiss-button]").addEventListener("click", function () {
      try { sessionStorage.setItem("circlekit:dismissed", set); } catch (e) {}
      hide();
    });
  }
})();
