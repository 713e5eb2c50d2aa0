/* Filters for the room's lists (quotes wall, clips index): narrow the items in the page, no
   server. A form [data-cr-filter=NAME] filters the children of [data-cr-items=NAME]; each select
   matches the item's data attribute of the same name (lists are written "a|b|c"). */
(function () {
  "use strict";
  document.querySelectorAll("form[data-cr-filter]").forEach(function (form) {
    var name = form.dataset.crFilter;
    var list = document.querySelector('[data-cr-items="' + name + '"]');
    if (!list) return;
    var items = Array.prototype.slice.call(list.children);
    var count = form.querySelector(".cr-filter-count");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var params = new URLSearchParams(window.location.search);

    function matches(item, select) {
      if (!select.value) return true;
      return (item.dataset[select.name] || "").split("|").indexOf(select.value) !== -1;
    }

    function apply() {
      var shown = 0;
      var query = new URLSearchParams();
      selects.forEach(function (s) { if (s.value) query.set(s.name, s.value); });
      items.forEach(function (item) {
        var ok = selects.every(function (s) { return matches(item, s); });
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown === items.length
        ? "Showing all " + items.length + " " + name
        : "Showing " + shown + " of " + items.length + " " + name;
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
  });
})();
