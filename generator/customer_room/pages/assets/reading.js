/* Reading list progress, kept in this browser (localStorage) by item id, so reordering the list
 * keeps what was read. Without JavaScript the list and its links still work; only the ticks,
 * the progress bar and "mark as read" need it. */
(function () {
  "use strict";

  function storeOf(element) {
    var key = element.getAttribute("data-store");
    return {
      read: function () {
        try {
          var saved = JSON.parse(window.localStorage.getItem(key) || "{}");
          return saved && typeof saved.done === "object" && saved.done ? saved : { done: {} };
        } catch (error) {
          return { done: {} };
        }
      },
      write: function (state) {
        try {
          window.localStorage.setItem(key, JSON.stringify(state));
          return true;
        } catch (error) {
          return false; // storage off (private window): progress lasts as long as the page
        }
      },
    };
  }

  function setDone(store, id, done) {
    var state = store.read();
    if (done) state.done[id] = new Date().toISOString().slice(0, 10);
    else delete state.done[id];
    store.write(state);
  }

  function readingList(list) {
    var store = storeOf(list);
    var items = Array.prototype.slice.call(list.querySelectorAll("[data-item]"));
    var progress = list.querySelector(".cr-reading-list__progress");
    var bar = list.querySelector(".cr-reading-list__bar");
    var status = list.querySelector(".cr-reading-list__status");

    function update() {
      var done = store.read().done;
      var required = 0, requiredDone = 0, minutesLeft = 0, optionalDone = 0;
      items.forEach(function (item) {
        var id = item.getAttribute("data-item");
        var isDone = Object.prototype.hasOwnProperty.call(done, id);
        var isRequired = item.getAttribute("data-required") === "true";
        item.querySelector("input").checked = isDone;
        item.classList.toggle("is-done", isDone);
        if (isRequired) {
          required += 1;
          if (isDone) requiredDone += 1;
          else minutesLeft += parseInt(item.getAttribute("data-minutes"), 10) || 0;
        } else if (isDone) {
          optionalDone += 1;
        }
      });
      bar.value = requiredDone;
      status.textContent = requiredDone + " of " + required + " required items read" +
        (optionalDone ? " (and " + optionalDone + " optional)" : "") +
        (requiredDone === required ? " · all the required reading is done" : " · " + minutesLeft + " minutes to go");
    }

    items.forEach(function (item) {
      var box = item.querySelector("input");
      box.hidden = false;
      box.addEventListener("change", function () {
        setDone(store, item.getAttribute("data-item"), box.checked);
        update();
      });
    });
    list.querySelector(".cr-reading-list__reset").addEventListener("click", function () {
      store.write({ done: {} });
      update();
      status.textContent = "Progress cleared. " + status.textContent;
    });
    progress.hidden = false;
    update();
  }

  function pageFooter(footer) {
    var store = storeOf(footer);
    var id = footer.getAttribute("data-item");
    var button = footer.querySelector(".cr-reading-footer__mark");

    function update() {
      var done = Object.prototype.hasOwnProperty.call(store.read().done, id);
      button.setAttribute("aria-pressed", done ? "true" : "false");
      button.textContent = done ? "Read ✓ (select to undo)" : "Mark as read";
    }

    button.addEventListener("click", function () {
      setDone(store, id, button.getAttribute("aria-pressed") !== "true");
      update();
    });
    button.hidden = false;
    update();
  }

  document.querySelectorAll("[data-cr-reading-list]").forEach(readingList);
  document.querySelectorAll("[data-cr-reading]").forEach(pageFooter);
})();
