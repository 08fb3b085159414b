/* circlekit: the light/dark toggle (kept in localStorage "circlekit:theme", applied before
   first paint by a line in <head>), the loader of theme/search.js, and, for a site opened
   from disk, links to folders that open the folder's index.html. */
(function () {
  "use strict";
  var root = document.documentElement;
  var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function isDark() {
    var t = root.getAttribute("data-theme");
    return t ? t === "dark" : !!(dark && dark.matches);
  }
  function syncToggles() {
    document.querySelectorAll("[data-theme-toggle]").forEach(function (b) {
      b.setAttribute("aria-pressed", isDark() ? "true" : "false");
    });
  }
  document.querySelectorAll("[data-theme-toggle]").forEach(function (b) {
    b.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem("circlekit:theme", next); } catch (e) { /* not kept */ }
      syncToggles();
    });
  });
  if (dark && dark.addEventListener) dark.addEventListener("change", syncToggles);
  syncToggles();

  /* The search code is loaded when a reader first turns to a search box. */
  function loadSearch(e) {
    var form = e.target.closest && e.target.closest("[data-search]");
    if (!form || window.circlekitSearchUi) return;
    window.circlekitSearchUi = true;
    var s = document.createElement("script");
    s.src = form.getAttribute("data-root") + "theme/search.js";
    document.head.appendChild(s);
  }
  /* From disk a folder shows as a file listing: point folder links at their index.html. */
  if (location.protocol === "file:") {
    document.querySelectorAll("a[href]").forEach(function (a) {
      var u = new URL(a.href);
      if (u.protocol === "file:" && /\/$/.test(u.pathname)) {
        u.pathname += "index.html";
        a.href = u.href;
      }
    });
  }
  document.addEventListener("focusin", loadSearch);
  document.addEventListener("pointerdown", loadSearch);
})();

/* Offline: sw.js keeps the manifest's language; not from disk, nor in `serve` (live reload). */
(function (m, s, w) {
  if (!m || !s || !w || location.protocol === "file:" || document.getElementById("circlekit-livereload")) return;
  w.register(new URL("../sw.js", s)).then(function () { return w.ready; })
    .then(function (r) { r.active.postMessage(new URL(".", m.href).href); }, function () {});
})(document.querySelector("link[rel=manifest]"), document.currentScript && document.currentScript.src, navigator.serviceWorker);

/* The language switcher keeps the reader's place: translated ids carry the original's
   (data-source-id); a page reached with an original's id goes to the element standing for it. */
(function () {
  "use strict";
  function hashId() {
    try { return decodeURIComponent(location.hash.slice(1)); } catch (e) { return ""; }
  }
  document.querySelectorAll(".language-switcher a[hreflang]").forEach(function (a) {
    a.addEventListener("click", function () {
      var id = hashId(), el = id && document.getElementById(id);
      a.hash = id ? (el && el.getAttribute("data-source-id")) || id : "";
    });
  });
  var id = hashId();
  var el = id && !document.getElementById(id) && window.CSS &&
    document.querySelector('[data-source-id="' + CSS.escape(id) + '"]');
  if (el && el.id) {
    history.replaceState(null, "", "#" + el.id);
    el.scrollIntoView();
  }
})();
