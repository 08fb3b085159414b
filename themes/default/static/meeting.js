// circlekit meeting mode: walks the agenda item by item with a countdown, an elapsed clock,
// pause/next/previous, a cue when an item's time is up, the current item's steps, and a
// turn-by-turn countdown for rounds. The state is kept in localStorage per week
// ("circlekit:meeting:" + path) as wall-clock times, so a reload, a discarded tab or a
// sleeping phone loses nothing; the screen stays on while the timer runs. Nothing is
// fetched, so it keeps working offline.
(function () {
  "use strict";
  var root = document.querySelector("[data-meeting]");
  if (!root) return;
  var items = Array.prototype.slice.call(root.querySelectorAll("[data-item]"));
  if (!items.length) return;
  function $(sel) { return root.querySelector(sel); }
  var titleEl = $("[data-current-title]"), remainingEl = $("[data-remaining]"), elapsedEl = $("[data-elapsed]");
  var toggle = $('[data-action="toggle"]'), soundButton = $('[data-action="sound"]'), resetButton = $('[data-action="reset"]');
  var roundEl = $("[data-round]"), peopleEl = $("[data-people]"), turnEl = $("[data-turn]"), turnLeftEl = $("[data-turn-left]"), turnButton = $('[data-action="turn"]');
  var controls = $(".meeting-controls");
  function label(el, name, fallback) { return el.getAttribute("data-" + name) || fallback; }
  var KEY = "circlekit:meeting:" + location.pathname, SOUND = "circlekit:meeting-sound", STALE = 12 * 3600000;
  var groupSize = Number(root.getAttribute("data-group-size")) || 5;
  var fresh = { index: 0, since: null, item: 0, total: 0, cued: false, turn: 0, turnAt: 0, people: groupSize };
  var state = load();
  var sound = read(SOUND) !== "off";
  var timer = null, lock = null, asking = false, ctx = null;

  function read(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function write(key, value) { try { localStorage.setItem(key, value); } catch (e) { /* not kept */ } }
  function load() {
    var s = null;
    try { s = JSON.parse(read(KEY)); } catch (e) { s = null; }
    if (!s || typeof s !== "object" || !(s.index >= 0 && s.index < items.length) || !(Date.now() - s.saved < STALE)) s = {};
    var out = {};
    for (var k in fresh) out[k] = k in s ? s[k] : fresh[k];
    return out;
  }
  function save() { state.saved = Date.now(); write(KEY, JSON.stringify(state)); }

  root.querySelectorAll("[data-controls]").forEach(function (el) { el.hidden = false; });

  function now() { return Date.now(); }
  function running() { return state.since !== null; }
  function itemElapsed() { return state.item + (running() ? now() - state.since : 0); }
  function totalElapsed() { return state.total + (running() ? now() - state.since : 0); }
  function minutes(i) { return Number(items[i].getAttribute("data-minutes")) * 60000; }
  function clock(ms) {
    var s = Math.floor(Math.abs(ms) / 1000);
    var text = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
    return ms < 0 && s > 0 ? "−" + text : text;
  }
  function show(el, ms) {
    el.textContent = clock(ms);
    el.setAttribute("datetime", "PT" + Math.max(0, Math.round(ms / 1000)) + "S");
  }
  function section() { return root.querySelector('[data-section="' + state.index + '"]'); }
  function turnLength(sec) {
    var largest = state.people >= groupSize;
    return Number(sec.getAttribute(largest ? "data-each-largest" : "data-each")) * 1000;
  }
  function renderRound(sec, elapsed) {
    var round = !!(sec && sec.hasAttribute("data-each"));
    roundEl.hidden = !round;
    if (!round) return;
    if (document.activeElement !== peopleEl) peopleEl.value = state.people;
    var done = state.turn > state.people;
    turnEl.textContent = done ? label(turnEl, "done", "") :
      label(turnEl, "label", "{n}/{total}").replace("{n}", Math.max(state.turn, 1)).replace("{total}", state.people);
    turnLeftEl.hidden = done;
    show(turnLeftEl, turnLength(sec) - (state.turn ? elapsed - state.turnAt : 0));
    turnLeftEl.classList.toggle("over", state.turn > 0 && !done && elapsed - state.turnAt > turnLength(sec));
    turnButton.hidden = done;
    turnButton.textContent = label(turnButton, state.turn ? "label-next" : "label-start", "→");
  }
  function render() {
    var elapsed = itemElapsed(), left = minutes(state.index) - elapsed, total = totalElapsed();
    var title = items[state.index].querySelector(".meeting-title").textContent;
    if (titleEl.textContent !== title) titleEl.textContent = title;
    show(remainingEl, left);
    show(elapsedEl, total);
    root.classList.toggle("overtime", left < 0);
    items.forEach(function (li, i) {
      li.classList.toggle("current", i === state.index);
      li.classList.toggle("done", i < state.index);
      if (i === state.index) li.setAttribute("aria-current", "step"); else li.removeAttribute("aria-current");
    });
    var sec = section();
    root.querySelectorAll("[data-section]").forEach(function (s) { s.classList.toggle("current", s === sec); });
    renderRound(sec, elapsed);
    toggle.textContent = label(controls, running() ? "label-pause" : (total ? "label-resume" : "label-start"), "");
    toggle.setAttribute("aria-pressed", running() ? "true" : "false");
    soundButton.setAttribute("aria-pressed", sound ? "true" : "false");
    resetButton.hidden = running() || (!total && !state.index);
  }
  function cue() {
    root.classList.remove("cue");
    void root.offsetWidth;
    root.classList.add("cue");
    var a = sound && audio();
    if (!a) return;
    try {
      var osc = a.createOscillator();
      var gain = a.createGain();
      osc.frequency.value = 660;
      gain.gain.setValueAtTime(0.0001, a.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.15, a.currentTime + 0.05);
      gain.gain.exponentialRampToValueAtTime(0.0001, a.currentTime + 1.2);
      osc.connect(gain).connect(a.destination);
      osc.start();
      osc.stop(a.currentTime + 1.3);
    } catch (e) { /* no audio: the visual cue is enough */ }
  }
  // One audio context, made (or woken) by a tap: phones keep sound made without one silent.
  function audio() {
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!ctx && Ctx) ctx = new Ctx();
      if (ctx && ctx.state === "suspended") ctx.resume().catch(function () { /* still silent */ });
    } catch (e) { ctx = null; }
    return ctx;
  }
  function tick() {
    if (running() && !state.cued && itemElapsed() >= minutes(state.index)) {
      state.cued = true;
      save();
      cue();
    }
    render();
  }

  // Screen Wake Lock: asked for while the timer runs and the page is visible; the browser
  // lets it go when the page is hidden, so it is asked for again when the page comes back.
  function keepAwake() {
    var api = navigator.wakeLock;
    if (!running() || lock || asking || !api || document.visibilityState !== "visible") return;
    asking = true;
    api.request("screen").then(function (l) {
      asking = false;
      lock = l;
      if (l.addEventListener) l.addEventListener("release", function () { if (lock === l) lock = null; });
      if (!running()) letSleep();
    }, function () { asking = false; });
  }
  function letSleep() {
    var l = lock;
    lock = null;
    if (l) l.release().catch(function () { /* already released */ });
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { keepAwake(); render(); } else lock = null;
  });

  function run() {
    clearInterval(timer);
    timer = running() ? setInterval(tick, 250) : null;
    if (running()) keepAwake(); else letSleep();
    render();
  }
  function start() {
    if (running()) return;
    state.since = now();
    save();
    run();
  }
  function pause() {
    if (!running()) return;
    state.item = itemElapsed();
    state.total = totalElapsed();
    state.since = null;
    save();
    run();
  }
  function go(step) {
    var next = state.index + step;
    if (next < 0 || next >= items.length) return;
    state.total = totalElapsed();
    state.item = 0;
    if (running()) state.since = now();
    state.index = next;
    state.cued = false;
    state.turn = 0;
    state.turnAt = 0;
    save();
    render();
  }
  function nextTurn() {
    if (!running()) start();
    state.turn += 1;
    state.turnAt = itemElapsed();
    save();
    render();
  }
  function setSound(on) {
    sound = on;
    write(SOUND, on ? "on" : "off");
    render();
  }
  function reset() {
    var people = state.people;
    state = {};
    for (var k in fresh) state[k] = fresh[k];
    state.people = people;
    save();
    run();
  }
  peopleEl.addEventListener("input", function () {
    var n = Math.round(Number(peopleEl.value));
    if (n >= 1 && n <= 99) { state.people = n; save(); render(); }
  });
  document.addEventListener("pointerdown", function () { if (sound) audio(); });
  root.addEventListener("click", function (e) {
    var action = e.target.closest("[data-action]");
    if (!action) return;
    var a = action.getAttribute("data-action");
    if (a === "toggle") { if (running()) pause(); else start(); }
    if (a === "next") go(1);
    if (a === "prev") go(-1);
    if (a === "turn") nextTurn();
    if (a === "sound") setSound(!sound);
    if (a === "reset") reset();
  });
  document.addEventListener("keydown", function (e) {
    if (e.target.closest("input, textarea, select, [contenteditable]") || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === " " && !e.target.closest("button")) { e.preventDefault(); if (running()) pause(); else start(); }
    else if (e.key === "ArrowRight" || e.key === "n") go(1);
    else if (e.key === "ArrowLeft" || e.key === "p") go(-1);
    else if (e.key === "s") setSound(!sound);
  });
  window.circlekitMeeting = {
    state: function () { return state; }, start: start, pause: pause, go: go,
    remaining: function () { return minutes(state.index) - itemElapsed(); }
  };
  run();
})();
