// circlekit FAQ filter: shows only the questions whose text (with their category's title)
// contains every word typed, ignoring case and accents, and only the contents entries and
// category headings that still lead somewhere. Without JavaScript the whole FAQ stays visible.
(function () {
  "use strict";
  var box = document.querySelector("[data-faq-filter]");
  if (!box) return;
  var input = box.querySelector("input");
  var status = box.querySelector("[data-faq-status]");
  var questions = Array.prototype.slice.call(document.querySelectorAll("[data-faq-question]"));
  var categories = Array.prototype.slice.call(document.querySelectorAll("[data-faq-category]"));
  function fold(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var texts = questions.map(function (q) {
    var cat = q.closest("[data-faq-category]");
    var title = cat && cat.querySelector("[id]");
    return fold((title ? title.textContent + " " : "") + q.textContent);
  });
  function tocEntry(el) {
    var heading = el.querySelector("[id]");
    var link = heading && document.querySelector('.toc a[href="#' + heading.id + '"]');
    return link && link.parentNode;
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
  box.hidden = false;
  function apply() {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    questions.forEach(function (q, i) {
      var match = words.every(function (w) { return texts[i].indexOf(w) !== -1; });
      q.hidden = !match;
      var entry = tocEntry(q);
      if (entry) entry.hidden = !match;
      if (match) shown++;
    });
    categories.forEach(function (c) {
      c.hidden = !c.querySelector("[data-faq-question]:not([hidden])");
      var entry = tocEntry(c);
      if (entry && entry.nextElementSibling) entry.hidden = entry.nextElementSibling.hidden = c.hidden;
    });
    status.textContent = words.length ? counted(status, shown) : "";
  }
  input.addEventListener("input", apply);
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; apply(); }
})();
