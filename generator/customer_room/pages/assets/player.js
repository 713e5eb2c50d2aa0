/* Clip player: keyboard-usable controls, a waveform that shows progress and seeks, and a
   transcript that follows playback (current line and word) and seeks when a line is chosen.
   Without JavaScript the browser's own audio controls and the full transcript remain. */
(function () {
  "use strict";
  var player = document.querySelector("[data-cr-player]");
  if (!player) return;
  var audio = player.querySelector("audio");
  var controls = player.querySelector(".cr-player__controls");
  var play = controls.querySelector(".cr-player__play");
  var seek = controls.querySelector(".cr-player__seek");
  var time = controls.querySelector(".cr-player__time");
  var speed = controls.querySelector("select");
  var wave = player.querySelector(".cr-wave");
  var duration = parseFloat(player.dataset.duration) || 0;
  var lines = Array.prototype.slice.call(document.querySelectorAll(".cr-transcript .cr-line"));
  var live = document.createElement("p");
  live.className = "cr-sr-only";
  live.setAttribute("aria-live", "polite");
  player.appendChild(live);
  var progress = null;
  var currentLine = null;
  var currentWord = null;

  audio.removeAttribute("controls");
  controls.hidden = false;

  if (wave) {
    progress = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    progress.setAttribute("class", "cr-wave__progress");
    progress.setAttribute("x", "0");
    progress.setAttribute("y", "0");
    progress.setAttribute("height", "40");
    progress.setAttribute("width", "0");
    wave.insertBefore(progress, wave.firstChild);
    wave.addEventListener("click", function (event) {
      var box = wave.getBoundingClientRect();
      jump(duration * (event.clientX - box.left) / box.width, false);
    });
  }

  function clock(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  function within(el, t) {
    return parseFloat(el.dataset.start) <= t && t < parseFloat(el.dataset.end);
  }

  function mark(t) {
    var line = null;
    for (var i = 0; i < lines.length; i++) {
      if (within(lines[i], t)) { line = lines[i]; break; }
    }
    if (line !== currentLine) {
      if (currentLine) { currentLine.classList.remove("is-current"); currentLine.removeAttribute("aria-current"); }
      currentLine = line;
      if (line) {
        line.classList.add("is-current");
        line.setAttribute("aria-current", "true");
        if (!audio.paused) {
          live.textContent = line.querySelector(".cr-line__speaker").textContent + ": " +
            line.querySelector(".cr-line__text").textContent;
          var box = line.getBoundingClientRect();
          if (box.top < 0 || box.bottom > window.innerHeight) {
            line.scrollIntoView({ block: "center", behavior: "auto" });
          }
        }
      }
    }
    var word = null;
    if (line) {
      var candidates = line.querySelectorAll(".cr-w");
      for (var j = 0; j < candidates.length; j++) {
        if (within(candidates[j], t)) { word = candidates[j]; break; }
      }
    }
    if (word !== currentWord) {
      if (currentWord) currentWord.classList.remove("is-word");
      currentWord = word;
      if (word) word.classList.add("is-word");
    }
  }

  function update() {
    var t = audio.currentTime;
    seek.value = t.toFixed(1);
    time.textContent = clock(t) + " / " + clock(duration);
    if (progress) progress.setAttribute("width", String(duration ? t / duration * wave.viewBox.baseVal.width : 0));
    mark(t);
  }

  function frame() {
    update();
    if (!audio.paused) window.requestAnimationFrame(frame);
  }

  function jump(t, start) {
    audio.currentTime = Math.max(0, Math.min(duration, t));
    update();
    if (start && audio.paused) audio.play().catch(function () { /* autoplay blocked: stay paused */ });
  }

  play.addEventListener("click", function () {
    if (audio.paused) audio.play(); else audio.pause();
  });
  audio.addEventListener("play", function () {
    play.textContent = "Pause";
    play.setAttribute("aria-label", "Pause");
    window.requestAnimationFrame(frame);
  });
  audio.addEventListener("pause", function () {
    play.textContent = "Play";
    play.setAttribute("aria-label", "Play");
  });
  audio.addEventListener("timeupdate", update);
  audio.addEventListener("seeked", update);
  seek.addEventListener("input", function () { jump(parseFloat(seek.value), false); });
  speed.addEventListener("change", function () { audio.playbackRate = parseFloat(speed.value); });
  lines.forEach(function (line) {
    line.addEventListener("click", function () { jump(parseFloat(line.dataset.start), true); });
  });

  function fromHash() {
    var match = /(?:^#|&)t=(\d+(?:\.\d+)?)/.exec(window.location.hash);
    if (match) jump(parseFloat(match[1]), true);
  }
  window.addEventListener("hashchange", fromHash);
  if (audio.readyState >= 1) fromHash(); else audio.addEventListener("loadedmetadata", fromHash, { once: true });
  update();
})();
