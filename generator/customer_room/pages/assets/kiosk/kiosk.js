/* Customer Room kiosk: rotates the room's slides on a screen for days without anyone touching it.
 *
 * - data.json holds every slide and the settings from mkdocs.yml; the address can override them
 *   for one screen: ?seconds=8 (or quotes:5,personas:8), slides=quotes,personas, order=shuffle,
 *   orientation=portrait, theme=dark, poll_minutes=1, shift=0, sound=on, screen_inches=55,
 *   viewing_metres=4.
 * - Two slide frames take turns: the next slide is built and its photo decoded in the hidden
 *   frame, then laid over the shown one, so there is never a blank frame.
 * - version.json is polled; a new build's data is loaded and its photos fetched in the
 *   background, then it replaces the old data at the next slide, without reloading the page.
 * - When the server cannot be reached, the screen keeps rotating what it has (photos are kept
 *   in memory as blobs) and says so in a corner; a slide that cannot be shown is skipped. The
 *   server is asked every 15 s whether it is there (version.json, a few bytes), so the sign comes
 *   and goes within seconds, whatever poll_minutes is. Every request gives up after a while
 *   (giveUpAfter), so a server that hangs can never stop the rotation.
 * - Type is sized for the screen and how far away it is read (see kiosk.css).
 * - Times of day (dayparts, opening hours, "today") are read in the room's time zone.
 */
(function () {
  "use strict";

  var root = document.getElementById("kiosk");
  if (!root) return;

  var TYPES = ["personas", "quotes", "clips", "visits", "lending"];
  var DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
  var RETRY_MS = 5000;
  var CLOSED_CHECK_MS = 30000;
  var MAX_TRIES = 12;
  var LOG_SIZE = 50;
  var FADE_MS = 800; // keep in step with kiosk.css
  var ALIVE_MS = 15000;
  var ANSWER_MS = 8000; // a server slower than this to answer a few bytes counts as gone
  var LOAD_MS = 60000; // data.json: a server slower than this to send it is gone for now
  var PHOTO_MS = 15000; // one photo (tens of KB): a slide waiting longer is skipped
  var WORDS_KEPT = 100; // fit() cuts long words to about this many characters before leaving anything out
  var MIN_CUT = 24; // ...and, as a last resort, cuts no words that are this short or shorter
  var BODY_ARCMIN = 20; // body text's angle at the eye; keep in step with kiosk_config.py
  var MAX_TYPE = 0.044; // body text as a share of the short side, at most

  var stage = root.querySelector(".kiosk__stage");
  var frames = root.querySelectorAll(".kiosk__slide");
  var statusLine = root.querySelector(".kiosk__status");
  var pauseButton = root.querySelector(".kiosk__pause");
  var params = new URLSearchParams(location.search);
  var reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  // What tests and people diagnosing a screen can read: window.customerRoomKiosk.
  var state = {
    version: root.getAttribute("data-loaded-version"),
    data: null,
    pending: null,
    config: null,
    changes: 0,
    skipped: 0,
    online: true,
    closed: false,
    paused: false,
    current: null,
    busy: false,
    log: [],
    photos: function () { return images.size; },
    sound: function () {
      return audio && { src: audio.currentSrc, time: audio.currentTime, paused: audio.paused, muted: audio.muted };
    },
  };
  window.customerRoomKiosk = state;

  var front = 0; // index of the frame on show
  var unfitted = null; // the slide on show as built, before fit()
  var turn = 0; // round-robin position over slide types
  var cursors = {}; // sequence: next index per type
  var bags = {}; // shuffle: ids still to show per type
  var lastShown = {};
  var images = new Map(); // photo address -> blob: URL, so photos survive the server going away
  var loading = new Map(); // photo address -> its request on the way
  var slideTimer = 0;
  var pollTimer = 0;
  var tickTimer = 0;
  var lastShift = 0;
  var shiftStep = 0;
  var audio = null;
  var clearTimer = 0;

  /* ---------- settings ---------- */

  function number(text) {
    var value = parseFloat(text);
    return isFinite(value) && value > 0 ? value : null;
  }

  function settings(base) {
    var config = JSON.parse(JSON.stringify(base));
    var seconds = params.get("seconds");
    if (seconds) {
      seconds.split(",").forEach(function (part) {
        var pieces = part.split(":");
        if (pieces.length === 1 && number(pieces[0])) {
          TYPES.forEach(function (t) { config.seconds[t] = number(pieces[0]); });
        } else if (pieces.length === 2 && TYPES.indexOf(pieces[0]) >= 0 && number(pieces[1])) {
          config.seconds[pieces[0]] = number(pieces[1]);
        }
      });
    }
    var slides = params.get("slides");
    if (slides) {
      var chosen = slides.split(",").filter(function (t) { return TYPES.indexOf(t) >= 0; });
      if (chosen.length) {
        config.slides = chosen;
        config.dayparts = []; // one screen's own choice wins over the room's dayparts
      }
    }
    [["order", ["sequence", "shuffle"]], ["orientation", ["auto", "landscape", "portrait"]],
     ["theme", ["auto", "light", "dark"]]].forEach(function (option) {
      var value = params.get(option[0]);
      if (value && option[1].indexOf(value) >= 0) config[option[0]] = value;
    });
    if (number(params.get("poll_minutes"))) config.poll_minutes = number(params.get("poll_minutes"));
    if (params.get("shift") !== null && isFinite(parseInt(params.get("shift"), 10))) {
      config.shift_pixels = Math.max(0, parseInt(params.get("shift"), 10));
    }
    if (params.get("sound")) config.sound = /^(on|1|true|yes)$/i.test(params.get("sound"));
    ["screen_inches", "viewing_metres"].forEach(function (name) {
      if (number(params.get(name))) config[name] = number(params.get(name));
    });
    if (params.get("open") === "always") config.open = [];
    return config;
  }

  /* ---------- the room's clock ---------- */

  var zoneFormat = null;

  function roomTime(date) {
    if (!zoneFormat) {
      zoneFormat = new Intl.DateTimeFormat("en-US", {
        timeZone: state.data.zone, year: "numeric", month: "2-digit", day: "2-digit",
        hour: "2-digit", minute: "2-digit", hourCycle: "h23", weekday: "short",
      });
    }
    var parts = {};
    zoneFormat.formatToParts(date).forEach(function (p) { parts[p.type] = p.value; });
    var weekday = parts.weekday.toLowerCase().slice(0, 3);
    return {
      day: parts.year + "-" + parts.month + "-" + parts.day,
      minutes: (parseInt(parts.hour, 10) % 24) * 60 + parseInt(parts.minute, 10),
      weekday: weekday,
      yesterday: DAYS[(DAYS.indexOf(weekday) + 6) % 7],
    };
  }

  function within(stretch, time) {
    if (stretch.from < stretch.to) {
      return stretch.days.indexOf(time.weekday) >= 0 &&
        time.minutes >= stretch.from && time.minutes < stretch.to;
    }
    // Past midnight: from "from" on one of its days until "to" the morning after.
    return (stretch.days.indexOf(time.weekday) >= 0 && time.minutes >= stretch.from) ||
      (stretch.days.indexOf(time.yesterday) >= 0 && time.minutes < stretch.to);
  }

  function isOpen(time) {
    var open = state.config.open;
    return !open.length || open.some(function (stretch) { return within(stretch, time); });
  }

  function typesAt(time) {
    var config = state.config;
    var part = config.dayparts.find(function (d) { return within(d, time); });
    var types = part ? part.slides : config.slides;
    return types.filter(function (t) { return available(t); });
  }

  function available(type) {
    var items = state.data[type];
    return Array.isArray(items) && items.length > 0;
  }

  /* ---------- choosing the next slide ---------- */

  function shuffled(items) {
    var ids = items.map(function (item, i) { return i; });
    for (var i = ids.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var swap = ids[i]; ids[i] = ids[j]; ids[j] = swap;
    }
    return ids;
  }

  function pickIndex(type) {
    var count = single(type) ? 1 : state.data[type].length;
    if (state.config.order === "shuffle") {
      if (!bags[type] || !bags[type].length) {
        bags[type] = shuffled(new Array(count).fill(0));
        // No repeat across the seam between two rounds either.
        if (count > 1 && bags[type][bags[type].length - 1] === lastShown[type]) bags[type].reverse();
      }
      return bags[type].pop();
    }
    var index = (cursors[type] || 0) % count;
    cursors[type] = index + 1;
    return index;
  }

  function single(type) {
    // Visits and lending are one slide each, made from the schedule at the moment it shows.
    return type === "visits" || type === "lending";
  }

  function nextPick(time) {
    var types = typesAt(time);
    if (!types.length) return null;
    var type = types[turn % types.length];
    turn += 1;
    var index = pickIndex(type);
    lastShown[type] = index;
    return { type: type, index: index };
  }

  /* ---------- building slides ---------- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function cuttable(node) {
    // Plain words that fit() may cut shorter, at a word, when nothing else makes them fit.
    node.setAttribute("data-fit", "cut");
    return node;
  }

  function sizeClass(text) {
    var n = (text || "").length;
    return n > 320 ? " is-very-long" : n > 160 ? " is-long" : n <= 90 ? " is-short" : "";
  }

  var build = {
    personas: function (item) {
      var slide = el("article", "k-persona");
      var figure = el("div", "k-persona__photo");
      var img = el("img");
      img.alt = item.alt || "";
      img.setAttribute("data-src", item.photo);
      // The square crop is centred where the persona says the face is (the top by default).
      if (item.focus) img.style.objectPosition = item.focus;
      figure.appendChild(img);
      var words = el("div", "k-persona__words");
      words.appendChild(el("p", "k-kicker", "Meet"));
      words.appendChild(cuttable(el("h1", "k-persona__name", item.name)));
      words.appendChild(cuttable(el("p", "k-persona__segment", item.segment)));
      words.appendChild(cuttable(el("p", "k-persona__tagline" + sizeClass(item.tagline), "“" + item.tagline + "”")));
      if (item.quote) {
        var quote = cuttable(el("blockquote", "k-persona__quote" + sizeClass(item.quote), item.quote));
        quote.setAttribute("data-drop", ""); // it goes before any words are cut short
        words.appendChild(quote);
      }
      slide.appendChild(figure);
      slide.appendChild(words);
      return slide;
    },

    quotes: function (item) {
      var slide = el("article", "k-quote k-tone--" + item.tone);
      slide.appendChild(el("p", "k-kicker", "In their words · " + item.tone_label));
      slide.appendChild(cuttable(el("blockquote", "k-quote__text" + sizeClass(item.text), "“" + item.text + "”")));
      if (item.who) {
        slide.appendChild(el("p", "k-quote__who", "— " + item.who + (item.segment ? ", " + item.segment : "")));
      }
      return slide;
    },

    clips: function (item) {
      if (!item.lines || !item.lines.length) return null;
      var slide = el("article", "k-clip k-tone--" + item.tone);
      slide.appendChild(el("p", "k-kicker", "From a call · " + item.moment + (item.who ? " · " + item.who : "")));
      slide.appendChild(cuttable(el("h1", "k-clip__title", item.title)));
      slide.appendChild(waveform(item));
      var list = el("ol", "k-clip__lines");
      item.lines.forEach(function (line) {
        var li = el("li", "k-line");
        li.setAttribute("data-start", line.start);
        li.setAttribute("data-end", line.end);
        li.appendChild(el("span", "k-line__who", line.who));
        var text = cuttable(el("span", "k-line__text"));
        // The parts carry their own spaces and punctuation ("It's ", [name], ". My renewal").
        line.parts.forEach(function (part) {
          if (part[0] === "removed") {
            var marker = el("span", "k-removed", "[" + part[1] + "]");
            marker.setAttribute("role", "img");
            marker.setAttribute("aria-label", part[1] + " removed");
            text.appendChild(marker);
          } else {
            text.appendChild(document.createTextNode(part[1]));
          }
        });
        li.appendChild(text);
        list.appendChild(li);
      });
      slide.appendChild(list);
      return slide;
    },

    visits: function (item, time) {
      var today = [], week = [], later = [];
      var weekEnd = addDays(time.day, 7 - ((DAYS.indexOf(time.weekday) + 6) % 7));
      state.data.visits.forEach(function (visit) {
        var day = roomTime(new Date(visit.start)).day;
        if (day === time.day) today.push(visit);
        else if (day > time.day && day < weekEnd) week.push(visit);
        else if (day >= weekEnd) later.push(visit);
      });
      if (!today.length && !week.length) return null;
      var rows = Math.min(today.length, 5) + Math.min(week.length, 5);
      var slide = el("article", "k-list k-visits" + (rows <= 2 ? " is-few" : ""));
      slide.appendChild(el("p", "k-kicker", "Peer visits"));
      slide.appendChild(el("h1", "k-list__title", today.length ? "Visiting us today" : "Visiting us this week"));
      slide.appendChild(visitList(today.length ? today : week, today.length ? "time" : "weekday"));
      if (today.length && week.length) {
        slide.appendChild(el("h2", "k-list__subtitle", "Later this week"));
        slide.appendChild(visitList(week, "weekday"));
      }
      if (rows < 4 && later.length) { // a short week: what comes after it, so the screen is full
        slide.appendChild(el("h2", "k-list__subtitle k-coming", "Coming up"));
        slide.appendChild(visitList(later.slice(0, 4 - rows), "date")).classList.add("k-coming");
      }
      return slide;
    },

    lending: function (item, time) {
      var away = state.data.lending.filter(function (lend) {
        return lend.first <= time.day && time.day <= lend.last;
      });
      if (!away.length) return null;
      var next = state.data.lending.filter(function (lend) { return lend.first > time.day; });
      var slide = el("article", "k-list k-lending" + (away.length <= 2 ? " is-few" : ""));
      slide.appendChild(el("p", "k-kicker", "Lending program"));
      slide.appendChild(el("h1", "k-list__title", "Away learning with other teams"));
      // One card each, as large as the screen allows: who, from where to where, how far along.
      var cards = el("ul", "k-lends");
      away.slice(0, 6).forEach(function (lend) { cards.appendChild(lendCard(lend, time)); });
      if (away.length > 6) leftOut(cards, away.length - 6);
      slide.appendChild(cards);
      if (next.length && away.length <= 4) {
        slide.appendChild(el("h2", "k-list__subtitle k-coming", "Coming up"));
        var list = el("ul", "k-list__items k-list--two k-coming");
        next.slice(0, away.length <= 2 ? 3 : 2).forEach(function (lend) {
          var li = el("li");
          li.appendChild(el("span", "k-list__when", shortDay(lend.first)));
          var what = el("span", "k-list__what");
          what.appendChild(el("strong", null, lend.agent));
          what.appendChild(document.createTextNode(" (" + lend.home_team + ") with " + lend.host_function));
          li.appendChild(what);
          list.appendChild(li);
        });
        slide.appendChild(list);
      }
      return slide;
    },
  };

  function lendCard(lend, time) {
    var card = el("li", "k-lend");
    card.appendChild(el("p", "k-lend__agent", lend.agent));
    var move = el("p", "k-lend__move");
    move.appendChild(document.createTextNode("from " + lend.home_team + ", with "));
    move.appendChild(el("strong", null, lend.host_function));
    card.appendChild(move);
    var days = daysBetween(lend.first, lend.last) + 1;
    var day = Math.min(daysBetween(lend.first, time.day) + 1, days);
    card.appendChild(el("p", "k-lend__when", "until " + dayName(lend.last) + " · day " + day + " of " + days));
    var bar = el("div", "k-lend__bar");
    bar.setAttribute("role", "img");
    bar.setAttribute("aria-label", "day " + day + " of " + days);
    var done = el("span");
    done.style.width = (100 * day / days).toFixed(1) + "%";
    bar.appendChild(done);
    card.appendChild(bar);
    return card;
  }

  function daysBetween(fromDay, toDay) {
    return Math.round((new Date(toDay + "T12:00:00Z") - new Date(fromDay + "T12:00:00Z")) / 86400000);
  }

  function visitList(visits, dated) {
    // dated: "time" (today), "weekday" (this week) or "date" (after it).
    var list = el("ul", "k-list__items" + (dated === "time" ? "" : " k-list--dated"));
    visits.slice(0, 5).forEach(function (visit) {
      var li = el("li");
      var start = new Date(visit.start);
      var day = dated === "weekday" ? weekdayFormat().format(start) + " "
        : dated === "date" ? shortDay(roomTime(start).day) + " " : "";
      var when = day + clockFormat().format(start);
      li.appendChild(el("span", "k-list__when", when));
      // Who and why in a column of their own: a wrapped line stays under the name.
      var what = el("span", "k-list__what");
      what.appendChild(el("strong", null, visit.visitor));
      what.appendChild(cuttable(el("span", null,
        " (" + [visit.role, visit.department].filter(Boolean).join(", ") + ") sits with " + visit.host +
        (visit.focus ? " — " + visit.focus : ""))));
      li.appendChild(what);
      list.appendChild(li);
    });
    if (visits.length > 5) leftOut(list, visits.length - 5);
    return list;
  }

  var formats = {};
  function cachedFormat(key, options) {
    if (!formats[key]) formats[key] = new Intl.DateTimeFormat("en-GB", Object.assign({ timeZone: state.data.zone }, options));
    return formats[key];
  }
  function clockFormat() { return cachedFormat("clock", { hour: "2-digit", minute: "2-digit" }); }
  function weekdayFormat() { return cachedFormat("weekday", { weekday: "long" }); }
  function shortDay(isoDay) {
    return cachedFormat("short", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" })
      .format(new Date(isoDay + "T12:00:00Z"));
  }
  function dayName(isoDay) {
    return cachedFormat("day", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" })
      .format(new Date(isoDay + "T12:00:00Z"));
  }
  function addDays(isoDay, days) {
    var date = new Date(isoDay + "T12:00:00Z");
    date.setUTCDate(date.getUTCDate() + days);
    return date.toISOString().slice(0, 10);
  }

  var SVG = "http://www.w3.org/2000/svg";

  function waveform(item) {
    // The whole call, with its moment plain to see from across the floor: the moment's bars at
    // full strength over a tinted band and a thick rule under it, the rest of the call faint.
    var bars = item.peaks.length;
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "k-wave" + (item.window ? " has-moment" : ""));
    svg.setAttribute("viewBox", "0 0 " + bars + " 48");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Waveform of the call" + (item.window ? "; the moment shown is marked" : "") +
      "; shaded parts are hidden for privacy");
    var scale = bars / item.duration;
    function rect(className, x, y, w, h) {
      var r = document.createElementNS(SVG, "rect");
      r.setAttribute("class", className);
      r.setAttribute("x", x.toFixed(2)); r.setAttribute("y", y.toFixed(2));
      r.setAttribute("width", w.toFixed(2)); r.setAttribute("height", h.toFixed(2));
      svg.appendChild(r);
      return r;
    }
    var from = item.window ? item.window[0] * scale : 0;
    var to = item.window ? Math.max(item.window[1] * scale, from + 1) : 0;
    if (item.window) {
      rect("k-wave__window", from, 0, to - from, 40);
      rect("k-wave__mark", from, 42, to - from, 6);
    }
    item.hidden.forEach(function (span) {
      rect("k-wave__hidden", span[0] * scale, 0, Math.max((span[1] - span[0]) * scale, 0.5), 40);
    });
    item.peaks.forEach(function (p, i) {
      var h = Math.max(p * 38, 1);
      var inMoment = item.window && i + 0.35 >= from && i + 0.35 < to;
      rect("k-wave__bar" + (inMoment ? " is-moment" : ""), i, 20 - h / 2, 0.7, h);
    });
    var head = rect("k-wave__head", from, 0, 0.6, 40);
    head.setAttribute("data-scale", scale);
    return svg;
  }

  /* ---------- photos kept in memory ---------- */

  function photoURL(address) {
    if (images.has(address)) return Promise.resolve(images.get(address));
    // One request per photo at a time: the background fetch and a slide share it.
    if (loading.has(address)) return loading.get(address);
    var request = giveUpAfter(PHOTO_MS, function (signal) {
      return fetch(address, { signal: signal }).then(function (response) {
        if (!response.ok) throw new Error(address + ": HTTP " + response.status);
        return response.blob();
      });
    }).then(function (blob) {
      var url = URL.createObjectURL(blob);
      images.set(address, url);
      return url;
    }).finally(function () { loading.delete(address); });
    loading.set(address, request);
    return request;
  }

  function photosOf(data) {
    return (data.personas || []).map(function (p) { return p.photo; });
  }

  function keepOnly(addresses) {
    var wanted = new Set(addresses);
    Array.from(images.keys()).forEach(function (address) {
      if (!wanted.has(address)) {
        URL.revokeObjectURL(images.get(address));
        images.delete(address);
      }
    });
  }

  function fetchAll(addresses) {
    // One at a time, so a kiosk never floods the server; failures are left for later.
    return addresses.reduce(function (chain, address) {
      return chain.then(function () { return photoURL(address).catch(function () {}); });
    }, Promise.resolve());
  }

  function withPhotos(slide) {
    var pending = Array.prototype.map.call(slide.querySelectorAll("img[data-src]"), function (img) {
      return photoURL(img.getAttribute("data-src")).then(function (url) {
        img.src = url;
        img.removeAttribute("data-src");
        return img.decode();
      });
    });
    return Promise.all(pending);
  }

  /* ---------- showing ---------- */

  function stopSlideWork() {
    clearInterval(tickTimer);
    tickTimer = 0;
    if (audio) {
      audio.pause();
      audio.removeAttribute("src");
      audio.load();
      audio = null;
    }
  }

  function show(pick, time) {
    var item = single(pick.type) ? null : state.data[pick.type][pick.index];
    var slide;
    try {
      slide = build[pick.type](item, time);
    } catch (error) {
      return Promise.reject(error);
    }
    if (!slide) return Promise.resolve(false);
    return withPhotos(slide).then(function () {
      if (state.paused) return null; // paused while the photo came: the slide on show stays
      var back = frames[1 - front];
      var shown = frames[front];
      stopSlideWork();
      clearTimeout(clearTimer);
      back.classList.remove("is-leaving", "is-shown", "is-first");
      back.replaceChildren(slide);
      back.setAttribute("data-type", pick.type);
      // As built, to fit again from when the screen changes shape (a clip keeps its own: its
      // lines are lit as it plays).
      unfitted = pick.type === "clips" ? null : slide.cloneNode(true);
      fit(slide);
      // With nothing on show to fade out first (the first slide), it fades in at once.
      if (!shown.classList.contains("is-shown")) back.classList.add("is-first");
      // The old slide fades out, then the new one in (kiosk.css): one slide at a time.
      shown.classList.replace("is-shown", "is-leaving");
      shown.setAttribute("aria-hidden", "true");
      back.classList.add("is-shown");
      back.removeAttribute("aria-hidden");
      front = 1 - front;
      clearTimer = setTimeout(clearLeaving, FADE_MS + 200);
      driftAgainstBurnIn();
      if (pick.type === "clips") playClip(item, slide);
      return true;
    });
  }

  function overflows(slide) {
    return slide.scrollHeight > slide.clientHeight + 1 || slide.scrollWidth > slide.clientWidth + 1;
  }

  function fit(slide) {
    // Everything on a slide shows: what does not fit is counted or cut with "…", never clipped.
    // The frame is laid out while hidden, so this is measured before the slide shows. In turn:
    // a few entries set large come back to the usual size; "Coming up" goes (it is there to
    // fill a short week); the large display type comes down to its smallest readable size; a
    // persona's quote goes; long words (a visit's focus, a transcript line, a quote, a title)
    // are cut to about WORDS_KEPT characters; entries are left out from the end of the last
    // list that has more than one, and that list counts them ("and 3 more"; a call's
    // transcript, "and 1 more line"); last, the longest words are cut again, down to MIN_CUT.
    // What it did is written on the slide (data-fitted), for people diagnosing a screen.
    var done = [];
    var looks = [
      ["usual-size", function () {
        var few = slide.classList.contains("is-few");
        slide.classList.remove("is-few");
        return few;
      }],
      ["no-coming-up", function () {
        var coming = slide.querySelectorAll(".k-coming");
        coming.forEach(function (e) { e.remove(); });
        return coming.length > 0;
      }],
      ["tight", function () { slide.classList.add("is-tight"); return true; }],
    ];
    while (overflows(slide) && looks.length) {
      var look = looks.shift();
      if (look[1]()) done.push(look[0]);
    }
    var ways = [
      ["drop", dropOne],
      ["cut", function () { return cutLongest(slide, WORDS_KEPT); }],
      ["leave-out", leaveOutOne],
      ["cut", function () { return cutLongest(slide, MIN_CUT); }],
    ];
    while (overflows(slide)) {
      var way = ways.find(function (w) { return w[1](slide); }); // one at a time, in this order
      if (!way) break;
      done.push(way[0]);
    }
    if (done.length) slide.setAttribute("data-fitted", done.join(" "));
  }

  function dropOne(slide) {
    var drop = slide.querySelector("[data-drop]");
    if (drop) drop.remove();
    return !!drop;
  }

  function cutLongest(slide, floor) {
    // The longest run of words the slide may cut (in a cuttable field, never a [removed]
    // marker), shortened by a fifth at a word, with "…" (a closing quote mark kept); whatever
    // followed it in its field goes too. False when every run is ``floor`` long or shorter.
    var longest = null, field = null, words = "";
    slide.querySelectorAll("[data-fit=cut]").forEach(function (candidate) {
      var walker = document.createTreeWalker(candidate, NodeFilter.SHOW_TEXT);
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        var bare = node.nodeValue.replace(/”$/, "").replace(/…$/, "");
        if (!node.parentNode.closest(".k-removed") && bare.length > words.length) {
          longest = node;
          field = candidate;
          words = bare;
        }
      }
    });
    if (words.length <= floor) return false;
    var close = longest.nodeValue.slice(-1) === "”" ? "”" : "";
    var limit = Math.max(Math.floor(words.length * 0.8), floor); // under words.length: it ends
    var space = words.lastIndexOf(" ", limit);
    var end = space > limit / 2 ? space : limit;
    if (/[\uD800-\uDBFF]/.test(words.charAt(end - 1))) end -= 1; // never half an emoji
    words = words.slice(0, end).replace(/[\s,;:.—–(“‘-]+$/, "");
    longest.nodeValue = words + "…" + close;
    for (var at = longest; at && at !== field; at = at.parentNode) {
      while (at.nextSibling) at.nextSibling.remove();
    }
    return true;
  }

  function leaveOutOne(slide) {
    var lists = slide.querySelectorAll(".k-list__items, .k-lends, .k-clip__lines");
    for (var i = lists.length - 1; i >= 0; i -= 1) {
      var entries = lists[i].querySelectorAll(":scope > li:not(.k-list__more)");
      if (entries.length > 1) {
        entries[entries.length - 1].remove();
        leftOut(lists[i], 1);
        return true;
      }
    }
    return false;
  }

  function leftOut(list, count) {
    // The list's last item says how many of its entries are not on the screen.
    var note = list.querySelector(":scope > .k-list__more");
    if (!note) note = list.appendChild(el("li", "k-list__more"));
    var left = parseInt(note.getAttribute("data-more") || "0", 10) + count;
    note.setAttribute("data-more", left);
    var lines = list.classList.contains("k-clip__lines") ? (left === 1 ? " line" : " lines") : "";
    note.textContent = "and " + left + " more" + lines;
  }

  function clearLeaving() {
    // Empty the frame that is no longer shown once the fade is over (nothing left behind).
    var hidden = frames[1 - front];
    hidden.classList.remove("is-leaving");
    hidden.replaceChildren();
  }

  function playClip(item, slide) {
    if (!item.window) return;
    var started = Date.now();
    var from = item.window[0];
    var lines = slide.querySelectorAll(".k-line");
    var head = slide.querySelector(".k-wave__head");
    var scale = parseFloat(head.getAttribute("data-scale"));
    if (state.config.sound) {
      audio = new Audio(item.audio);
      audio.currentTime = from;
      audio.play().catch(function () {});
    }
    function tick() {
      var at = audio ? audio.currentTime : from + (Date.now() - started) / 1000;
      if (at > item.window[1]) {
        at = item.window[1];
        if (audio && !audio.paused) audio.pause(); // the moment, not the rest of the call
      }
      if (!reducedMotion.matches) head.setAttribute("x", (at * scale).toFixed(2));
      lines.forEach(function (line) {
        var on = at >= parseFloat(line.getAttribute("data-start")) && at < parseFloat(line.getAttribute("data-end"));
        line.classList.toggle("is-current", on);
      });
    }
    tick();
    tickTimer = setInterval(tick, 250);
  }

  function driftAgainstBurnIn() {
    var pixels = state.config.shift_pixels;
    var now = Date.now();
    if (!pixels) { stage.style.transform = ""; return; }
    if (now - lastShift < state.config.shift_minutes * 60000) return;
    lastShift = now;
    shiftStep = (shiftStep + 1) % 8;
    var angle = shiftStep * Math.PI / 4;
    var x = Math.round(Math.cos(angle) * pixels), y = Math.round(Math.sin(angle) * pixels);
    stage.style.setProperty("--k-shift-x", x + "px");
    stage.style.setProperty("--k-shift-y", y + "px");
  }

  function fadeMs() {
    // How long a change takes: none with reduced motion (a cut).
    var calm = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    return calm ? 0 : FADE_MS;
  }

  function record(pick) {
    var item = single(pick.type) ? { id: pick.type } : state.data[pick.type][pick.index];
    state.current = { type: pick.type, id: item.id };
    state.changes += 1;
    state.log.push({ type: pick.type, id: item.id, at: Date.now() });
    if (state.log.length > LOG_SIZE) state.log.shift();
    root.setAttribute("data-current", pick.type);
  }

  function schedule(ms) {
    clearTimeout(slideTimer);
    slideTimer = setTimeout(advance, ms);
  }

  function adoptPending() {
    if (!state.pending) return;
    state.data = state.pending.data;
    state.version = state.pending.version;
    state.pending = null;
    state.config = settings(state.data.config);
    zoneFormat = null;
    formats = {};
    bags = {};
    applyLook();
    keepOnly(photosOf(state.data));
    root.setAttribute("data-loaded-version", state.version);
  }

  function setClosed(closed) {
    if (closed === state.closed) return;
    state.closed = closed;
    root.classList.toggle("is-closed", closed);
    if (closed) {
      stopSlideWork();
      frames.forEach(function (frame) { frame.replaceChildren(); frame.classList.remove("is-shown"); });
    }
  }

  function advance() {
    clearTimeout(slideTimer);
    if (state.paused || state.busy) return;
    adoptPending();
    var time = roomTime(new Date());
    if (!isOpen(time)) {
      setClosed(true);
      schedule(CLOSED_CHECK_MS);
      return;
    }
    setClosed(false);
    var tries = 0;
    function attempt() {
      var pick = nextPick(time);
      if (!pick || tries >= MAX_TRIES) {
        state.busy = false;
        schedule(RETRY_MS);
        return;
      }
      tries += 1;
      state.busy = true;
      show(pick, time).then(function (shown) {
        if (shown === null) { state.busy = false; return; }
        if (!shown) { attempt(); return; }
        state.busy = false;
        record(pick);
        if (state.paused) return;
        // A slide stays at least as long as a change takes to fade (one slide at a time).
        schedule(Math.max(state.config.seconds[pick.type] * 1000, fadeMs()));
      }, function (error) {
        state.skipped += 1;
        if (window.console) console.warn("kiosk: skipped a slide —", error && error.message);
        attempt();
      });
    }
    attempt();
  }

  /* ---------- new builds ---------- */

  function giveUpAfter(ms, work) {
    // work(signal): a request and the reading of its body, aborted once it has taken ms.
    var control = new AbortController();
    var timer = setTimeout(function () { control.abort(); }, ms);
    return work(control.signal).finally(function () { clearTimeout(timer); });
  }

  function loadData(version) {
    var address = root.getAttribute("data-data") + "?v=" + encodeURIComponent(version || "");
    return giveUpAfter(LOAD_MS, function (signal) {
      return fetch(address, { cache: "no-store", signal: signal }).then(function (response) {
        if (!response.ok) throw new Error("data: HTTP " + response.status);
        return response.json();
      });
    });
  }

  function setOnline(online) {
    if (online === state.online) return;
    state.online = online;
    root.classList.toggle("is-offline", !online);
    statusLine.textContent = online ? "" : state.data ? "Offline — showing the room as last loaded"
      : "Offline — waiting for the room's server";
  }

  function fetchVersion() {
    // The version on the server; the same few bytes tell whether the server is there at all.
    // A server that takes the request and never answers is as gone as one that refuses it.
    var address = root.getAttribute("data-version") + "?t=" + Date.now();
    return giveUpAfter(ANSWER_MS, function (signal) {
      return fetch(address, { cache: "no-store", signal: signal }).then(function (response) {
        if (!response.ok) throw new Error("version: HTTP " + response.status);
        return response.json();
      });
    })
      .then(function (found) { setOnline(true); return found; },
            function (error) { setOnline(false); throw error; });
  }

  function poll() {
    clearTimeout(pollTimer);
    fetchVersion()
      .then(function (found) {
        var known = state.pending ? state.pending.version : state.version;
        if (!found.version || found.version === known) return null;
        return loadData(found.version).then(function (data) {
          // Fetch the new photos before the swap, so the next slides never wait on the network.
          return fetchAll(photosOf(data)).then(function () {
            state.pending = { version: found.version, data: data };
          });
        });
      })
      .catch(function () {})
      .then(function () {
        pollTimer = setTimeout(poll, state.config.poll_minutes * 60000);
      });
  }

  function alive() {
    // Between polls for new builds: is the server there? So "Offline" comes and goes in seconds.
    var wasOffline = !state.online;
    fetchVersion()
      .then(function () { if (wasOffline) poll(); }, function () {}) // back: a build may be new
      .then(function () { setTimeout(alive, ALIVE_MS); });
  }

  /* ---------- look: theme, orientation ---------- */

  function typeScale(config) {
    // Body text's height as a share of a 16:9 screen's short side (as kiosk_config.type_scale).
    var shortSide = config.screen_inches * 0.0254 * 9 / Math.sqrt(16 * 16 + 9 * 9);
    var scale = BODY_ARCMIN * config.viewing_metres * Math.tan(Math.PI / 10800) / shortSide;
    return Math.min(scale, MAX_TYPE);
  }

  function applyLook() {
    var config = state.config;
    document.documentElement.style.setProperty("--k-body", (typeScale(config) * 100).toFixed(3) + "vmin");
    document.documentElement.setAttribute("data-theme", config.theme);
    var portraitScreen = window.innerHeight > window.innerWidth;
    var layout = config.orientation === "auto" ? (portraitScreen ? "portrait" : "landscape") : config.orientation;
    document.documentElement.setAttribute("data-layout", layout);
    // A screen mounted on its side while the computer still thinks landscape: turn the picture.
    var turned = config.orientation !== "auto" && (layout === "portrait") !== portraitScreen;
    document.documentElement.toggleAttribute("data-turned", turned);
  }

  /* ---------- pause ---------- */

  function setPaused(paused) {
    state.paused = paused;
    pauseButton.setAttribute("aria-pressed", paused ? "true" : "false");
    pauseButton.textContent = paused ? "Resume" : "Pause";
    if (paused) {
      clearTimeout(slideTimer);
      stopSlideWork();
    } else {
      advance();
    }
  }

  pauseButton.addEventListener("click", function () { setPaused(!state.paused); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "ArrowRight" && !state.paused) { advance(); }
    if ((event.key === "p" || event.key === "P") && event.target === document.body) setPaused(!state.paused);
  });
  window.addEventListener("resize", function () {
    if (!state.config) return;
    applyLook();
    // A screen turned or resized: the slide on show fits its new shape, from as it was built.
    var onShow = frames[front].firstElementChild;
    if (onShow && unfitted) {
      var photos = onShow.querySelectorAll("img"); // the live ones: decoded, whatever a new build did
      onShow = unfitted.cloneNode(true);
      onShow.querySelectorAll("img").forEach(function (img, i) { if (photos[i]) img.replaceWith(photos[i]); });
      frames[front].replaceChildren(onShow);
    }
    if (onShow) fit(onShow);
  });

  /* ---------- start ---------- */

  function start(data) {
    setOnline(true); // it just answered
    state.data = data;
    state.config = settings(data.config);
    applyLook();
    advance();
    pollTimer = setTimeout(poll, state.config.poll_minutes * 60000);
    setTimeout(alive, ALIVE_MS);
    fetchAll(photosOf(data));
  }

  function firstLoad() {
    // A server slow to send the room says so as soon as a few bytes would have (the load goes on).
    var late = setTimeout(function () { setOnline(false); }, ANSWER_MS);
    loadData(state.version).then(function (data) {
      clearTimeout(late);
      start(data);
    }, function () {
      clearTimeout(late);
      setOnline(false);
      setTimeout(firstLoad, RETRY_MS);
    });
  }

  firstLoad();
})();
