// circlekit FAQ filter: shows the questions (with their category's title) holding every
// word typed, ignoring case and accents, and the contents entries and headings that still
// lead somewhere; again after serve's patch. Without JavaScript all stays visible.
(function () {
  "use strict";
  var box = document.querySelector("[data-faq-filter]");
  if (!box) return;
  var input = box.querySelector("input");
  var status = box.querySelector("[data-faq-status]");
  var questions, categories, texts;
  function all(sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); }
  function fold(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  function scan() {
    questions = all("[data-faq-question]");
    categories = all("[data-faq-category]");
    texts = questions.map(function (q) {
      var cat = q.closest("[data-faq-category]"), title = cat && cat.querySelector("[id]");
      return fold((title ? title.textContent + " " : "") + q.textContent);
    });
  }
  scan();
  function tocEntry(el) {
    var heading = el.querySelector("[id]");
    var link = heading && document.querySelector('.toc a[href="#' + heading.id + '"]');
    return link && link.parentNode;
  }
  /* "{n} questions match": data-forms' form for n's CLDR plural category. */
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
  document.addEventListener("circlekit:patched", function () { scan(); apply(); });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; apply(); }
})();
