/* circlekit worksheets: keeps what a reader fills in (worksheets and before-next checklists)
   in this browser's localStorage and nowhere else. Without JavaScript the fields still work;
   they are just not remembered.
   Key: "circlekit:" + page path + "#" + data-worksheet + "/" + control name; "/@saved" holds
   when the worksheet last changed (milliseconds), so the workbook's import keeps the newer. */
(function () {
  "use strict";
  var store = null;
  try {
    store = window.localStorage;
    store.setItem("circlekit:probe", "1");
    store.removeItem("circlekit:probe");
  } catch (e) {
    store = null;
  }
  if (!store) return;

  function keyFor(group, control) {
    return "circlekit:" + window.location.pathname + "#" +
      group.getAttribute("data-worksheet") + "/" + (control.name || control);
  }

  function read(key) {
    try { return store.getItem(key); } catch (e) { return null; }
  }

  function write(key, value) {
    try {
      if (value === null || value === "") store.removeItem(key);
      else store.setItem(key, value);
    } catch (e) { /* full or blocked: the field keeps working */ }
  }

  function fields(group) {
    return group.querySelectorAll("input[name], textarea[name], select[name]");
  }

  function restore(group, control) {
    var saved = read(keyFor(group, control));
    if (saved === null) return;
    if (control.type === "checkbox") control.checked = saved === "1";
    else if (control.type === "radio") control.checked = control.value === saved;
    else control.value = saved;
  }

  function save(group, control) {
    if (!control.name) return;
    var key = keyFor(group, control);
    if (control.type === "checkbox") write(key, control.checked ? "1" : "0");
    else if (control.type === "radio") { if (control.checked) write(key, control.value); }
    else write(key, control.value);
    write(keyFor(group, "@saved"), String(Date.now()));
  }

  function clear(group) {
    var list = fields(group);
    for (var i = 0; i < list.length; i++) {
      var c = list[i];
      try { store.removeItem(keyFor(group, c)); } catch (e) { /* ignore */ }
      if (c.type === "checkbox" || c.type === "radio") c.checked = c.defaultChecked;
      else c.value = c.defaultValue;
    }
    write(keyFor(group, "@saved"), "");
  }

  /* Again on "circlekit:patched" (serve's patch in place): fields and worksheets met for the
     first time are restored and listened to; the others keep what they hold. */
  function setup() {
    var groups = document.querySelectorAll("[data-worksheet]");
    for (var g = 0; g < groups.length; g++) {
      (function (group) {
        var list = fields(group);
        for (var i = 0; i < list.length; i++) if (!list[i].ck) { list[i].ck = 1; restore(group, list[i]); }
        var actions = group.querySelector(".ws-actions");
        if (actions) actions.hidden = false;
        var button = group.querySelector("[data-ws-clear]");
        if (button && !button.ck) {
          button.ck = 1;
          button.addEventListener("click", function () { clear(group); });
        }
        if (group.ck) return;
        group.ck = 1;
        var onChange = function (event) {
          var t = event.target;
          if (t && t.name && group.contains(t)) save(group, t);
        };
        group.addEventListener("input", onChange);
        group.addEventListener("change", onChange);
      })(groups[g]);
    }
  }
  setup();
  document.addEventListener("circlekit:patched", setup);
})();
