// circlekit FAQ filter: shows only the questions whose text contains every word typed,
// ignoring case and accents. Without JavaScript the whole FAQ simply stays visible.
(function () {
  "use strict";
  var box = document.querySelector("[data-faq-filter]");
  if (!box) return;
  var input = box.querySelector("input");
  var status = box.querySelector("[data-faq-status]");
  var questions = Array.prototype.slice.call(document.querySelectorAll("[data-faq-question]"));
  var categories = Array.prototype.slice.call(document.querySelectorAll("[data-faq-category]"));
  function fold(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var texts = questions.map(function (q) { return fold(q.textContent); });
  box.hidden = false;
  function apply() {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    questions.forEach(function (q, i) {
      var match = words.every(function (w) { return texts[i].indexOf(w) !== -1; });
      q.hidden = !match;
      var heading = q.querySelector("[id]");
      var link = heading && document.querySelector('.toc a[href="#' + heading.id + '"]');
      if (link) link.parentNode.hidden = !match;
      if (match) shown++;
    });
    categories.forEach(function (c) {
      c.hidden = !c.querySelector("[data-faq-question]:not([hidden])");
    });
    status.textContent = words.length
      ? (shown === 1 ? status.getAttribute("data-one") : shown + " " + status.getAttribute("data-many"))
      : "";
  }
  input.addEventListener("input", apply);
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; apply(); }
})();
