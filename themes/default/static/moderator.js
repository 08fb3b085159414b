/* circlekit moderator view: one button opens or closes every moderator note of the page
   (<details class="moderator">) and is remembered across pages in localStorage under
   "circlekit:moderator-view" ("1" or "0"). Without JavaScript each note opens on its own. */
(function () {
  "use strict";
  var KEY = "circlekit:moderator-view";
  var notes = document.querySelectorAll("details.moderator");
  var buttons = document.querySelectorAll("[data-moderator-toggle]");
  if (!notes.length || !buttons.length) return;

  function remembered() {
    try { return window.localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }

  function remember(on) {
    try { window.localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* not kept */ }
  }

  function apply(on) {
    for (var i = 0; i < notes.length; i++) notes[i].open = on;
    for (var j = 0; j < buttons.length; j++) buttons[j].setAttribute("aria-pressed", on ? "true" : "false");
    document.documentElement.classList.toggle("moderator-view", on);
  }

  for (var k = 0; k < buttons.length; k++) {
    buttons[k].hidden = false;
    buttons[k].addEventListener("click", function (event) {
      var on = event.currentTarget.getAttribute("aria-pressed") !== "true";
      remember(on);
      apply(on);
    });
  }
  apply(remembered());
})();
