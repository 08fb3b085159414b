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
