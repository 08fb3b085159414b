// circlekit meeting mode: walks the agenda item by item with a countdown, an elapsed clock,
// pause/next/previous, a gentle cue when an item's time is up, and keyboard shortcuts.
// Everything runs in the page: nothing is fetched, so it keeps working offline.
(function () {
  "use strict";
  var root = document.querySelector("[data-meeting]");
  if (!root) return;
  var items = Array.prototype.slice.call(root.querySelectorAll("[data-item]"));
  if (!items.length) return;
  var titleEl = root.querySelector("[data-current-title]");
  var remainingEl = root.querySelector("[data-remaining]");
  var elapsedEl = root.querySelector("[data-elapsed]");
  var toggle = root.querySelector('[data-action="toggle"]');
  var controls = root.querySelector(".meeting-controls");
  var labels = {
    start: controls.getAttribute("data-label-start") || "Start",
    pause: controls.getAttribute("data-label-pause") || "Pause",
    resume: controls.getAttribute("data-label-resume") || "Resume"
  };
  var soundKey = "circlekit:meeting-sound";
  var state = { index: 0, running: false, itemElapsed: 0, totalElapsed: 0, last: 0, cued: false };
  var sound = localStorage.getItem(soundKey) !== "off";
  var timer = null;

  root.querySelectorAll("[data-controls]").forEach(function (el) { el.hidden = false; });

  function minutes(i) { return Number(items[i].getAttribute("data-minutes")) * 60000; }
  function clock(ms) {
    var negative = ms < 0;
    var s = Math.floor(Math.abs(ms) / 1000);
    var text = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
    return negative ? "−" + text : text;
  }
  function render() {
    var left = minutes(state.index) - state.itemElapsed;
    titleEl.textContent = items[state.index].querySelector(".meeting-title").textContent;
    remainingEl.textContent = clock(left);
    remainingEl.setAttribute("datetime", "PT" + Math.max(0, Math.round(left / 1000)) + "S");
    elapsedEl.textContent = clock(state.totalElapsed);
    elapsedEl.setAttribute("datetime", "PT" + Math.round(state.totalElapsed / 1000) + "S");
    root.classList.toggle("overtime", left < 0);
    items.forEach(function (li, i) {
      li.classList.toggle("current", i === state.index);
      li.classList.toggle("done", i < state.index);
      if (i === state.index) li.setAttribute("aria-current", "step"); else li.removeAttribute("aria-current");
    });
    toggle.textContent = state.running ? labels.pause : (state.totalElapsed ? labels.resume : labels.start);
    toggle.setAttribute("aria-pressed", state.running ? "true" : "false");
  }
  function cue() {
    root.classList.remove("cue");
    void root.offsetWidth;
    root.classList.add("cue");
    if (!sound) return;
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      var ctx = new Ctx();
      var osc = ctx.createOscillator();
      var gain = ctx.createGain();
      osc.frequency.value = 660;
      gain.gain.setValueAtTime(0.0001, ctx.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.15, ctx.currentTime + 0.05);
      gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 1.2);
      osc.connect(gain).connect(ctx.destination);
      osc.start();
      osc.stop(ctx.currentTime + 1.3);
    } catch (e) { /* no audio: the visual cue is enough */ }
  }
  function tick() {
    var now = Date.now();
    var delta = now - state.last;
    state.last = now;
    state.itemElapsed += delta;
    state.totalElapsed += delta;
    if (!state.cued && state.itemElapsed >= minutes(state.index)) {
      state.cued = true;
      cue();
    }
    render();
  }
  function start() {
    if (state.running) return;
    state.running = true;
    state.last = Date.now();
    timer = setInterval(tick, 250);
    render();
  }
  function pause() {
    if (!state.running) return;
    tick();
    state.running = false;
    clearInterval(timer);
    render();
  }
  function go(step) {
    var next = state.index + step;
    if (next < 0 || next >= items.length) return;
    state.index = next;
    state.itemElapsed = 0;
    state.cued = false;
    render();
  }
  root.addEventListener("click", function (e) {
    var action = e.target.closest("[data-action]");
    if (!action) return;
    var a = action.getAttribute("data-action");
    if (a === "toggle") { if (state.running) pause(); else start(); }
    if (a === "next") go(1);
    if (a === "prev") go(-1);
  });
  document.addEventListener("keydown", function (e) {
    if (e.target.closest("input, textarea, select, [contenteditable]") || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === " " && !e.target.closest("button")) { e.preventDefault(); if (state.running) pause(); else start(); }
    else if (e.key === "ArrowRight" || e.key === "n") go(1);
    else if (e.key === "ArrowLeft" || e.key === "p") go(-1);
    else if (e.key === "s") { sound = !sound; localStorage.setItem(soundKey, sound ? "on" : "off"); }
  });
  window.circlekitMeeting = { state: state, start: start, pause: pause, go: go };
  render();
})();
