/* Names for parts of the theme that have none: Material's search is a dialog without an
 * accessible name, so screen readers announce only "dialog". */
(function () {
  "use strict";
  document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
    dialog.setAttribute("aria-label", "Search the room");
  });
})();
