/* Quote wall filters: narrow the wall by tone, theme and persona, in the page, no server. */
(function () {
  "use strict";
  var form = document.querySelector('[data-cr-filter="quotes"]');
  if (!form) return;
  var cards = Array.prototype.slice.call(document.querySelectorAll(".cr-quote-wall .cr-quote"));
  var count = form.querySelector(".cr-filter-count");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var params = new URLSearchParams(window.location.search);

  function matches(card, name, value) {
    if (!value) return true;
    if (name === "tone") return card.dataset.tone === value;
    if (name === "persona") return card.dataset.persona === value;
    return (card.dataset.themes || "").split("|").indexOf(value) !== -1;
  }

  function apply() {
    var shown = 0;
    var query = new URLSearchParams();
    selects.forEach(function (s) { if (s.value) query.set(s.name, s.value); });
    cards.forEach(function (card) {
      var ok = selects.every(function (s) { return matches(card, s.name, s.value); });
      card.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = shown === cards.length
      ? "Showing all " + cards.length + " quotes"
      : "Showing " + shown + " of " + cards.length + " quotes";
    var search = query.toString();
    window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
  }

  selects.forEach(function (s) {
    if (params.has(s.name)) s.value = params.get(s.name);
    s.addEventListener("change", apply);
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.hidden = false;
  apply();
})();
