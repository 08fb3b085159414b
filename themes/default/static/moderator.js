/* circlekit moderator view: a button opens or closes every moderator note (<details
   class="moderator">, each where it applies), remembered in localStorage
   "circlekit:moderator-view" ("1"/"0"). While on, the page says how many notes it has,
   links to the first, and lists them in "On this page". Set up again on "circlekit:patched"
   (serve's patch in place, which takes out what carries data-added); notes kept open or
   closed stay so. */
(function () {
  "use strict";
  var KEY = "circlekit:moderator-view", notes, buttons, added;

  function item(tag, note, text) {
    var el = document.createElement(tag), a = document.createElement("a");
    a.href = "#" + note.id;
    a.textContent = text;
    el.appendChild(a);
    el.setAttribute("data-added", "");
    added.push(el);
    return el;
  }
  function apply(on, all) {
    notes.forEach(function (d) { if (all || !d.ck) d.open = on; d.ck = 1; });
    buttons.forEach(function (x) { x.setAttribute("aria-pressed", on); });
    added.forEach(function (x) { x.hidden = !on; });
    document.documentElement.classList.toggle("moderator-view", on);
  }
  function setup() {
    notes = document.querySelectorAll("details.moderator");
    buttons = document.querySelectorAll("[data-moderator-toggle]");
    added = [];
    if (!notes.length || !buttons.length) return document.documentElement.classList.remove("moderator-view");
    var b = buttons[0];
    for (var i = 0; i < notes.length; i++) if (!notes[i].id) notes[i].id = "moderator-note-" + (i + 1);
    var summary = item("p", notes[0], b.getAttribute("data-first") || "→");
    summary.className = "moderator-summary";
    summary.insertBefore(document.createTextNode((b.getAttribute("data-count") || "{n}").replace("{n}", notes.length) + " · "), summary.firstChild);
    b.parentNode.after(summary);
    /* Each note goes into "On this page" after the last entry above it. */
    var toc = document.querySelector(".page-toc ol");
    var entries = toc ? toc.querySelectorAll("li > a[href^='#']") : [];
    for (var n = 0; toc && n < notes.length; n++) {
      var li = item("li", notes[n], notes[n].querySelector("summary").textContent);
      li.className = "toc-note";
      li.style.cssText = "margin-inline-start:1rem";
      li.firstChild.style.color = "var(--mod)";
      var after = null;
      for (var e = 0; e < entries.length; e++) {
        var t = document.getElementById(decodeURIComponent(entries[e].hash.slice(1)));
        if (t && t.compareDocumentPosition(notes[n]) & 4) after = entries[e].parentNode;
      }
      var next = after ? after.nextElementSibling : toc.firstElementChild;
      while (next && next.className === "toc-note") next = next.nextElementSibling;
      (after ? after.parentNode : toc).insertBefore(li, next);
    }
    buttons.forEach(function (x) {
      x.hidden = false;
      if (x.ck) return;
      x.ck = 1;
      x.addEventListener("click", function () {
        var on = x.getAttribute("aria-pressed") !== "true";
        try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* not kept */ }
        apply(on, true);
      });
    });
    var on = false;
    try { on = localStorage.getItem(KEY) === "1"; } catch (e) { /* off */ }
    apply(on);
  }
  setup();
  document.addEventListener("circlekit:patched", setup);
})();
