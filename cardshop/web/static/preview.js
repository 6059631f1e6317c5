/* The live preview on the personalise page.
 *
 * As the sender types, the form (with its CSRF token) is posted to the preview endpoint at once, with
 * at most one request in flight: keys pressed meanwhile are coalesced, and when the answer arrives the
 * latest text is sent (the latest text always wins). Each answer says how much of the client's
 * rendering budget is left (X-RateLimit-Remaining / -Reset); when less than half is left the page
 * spaces its requests so the budget lasts to the end of its window, so a person typing at any speed
 * is never refused. If a preview is refused or fails anyway, a quiet line beside the preview says so
 * and it tries again by itself. The answer carries fresh images of the very PDF that will download,
 * each field's problems and the card's words; all of it is put into the page with textContent or
 * attributes, never as markup. The words themselves are kept in the tab by keep_words.js.
 *
 * Screen readers hear only what changes meaning: the first time the preview shows their words, and
 * when a field's problem appears or is resolved. Routine updates stay silent.
 *
 * Without JavaScript the page still works: "Show preview" posts the form and the page comes back
 * with the preview.
 */
(function () {
  "use strict";

  var RESERVE_UNITS = 12; // left for the check page and downloads when pacing
  var RETRY_MS = 5000;
  var form = document.querySelector("form[data-preview-url]");
  var preview = document.querySelector("[data-preview]");
  if (!form || !preview || !window.fetch || !window.AbortController || !window.URLSearchParams) return;

  var note = preview.querySelector("[data-preview-note]");
  var wordsList = preview.querySelector("[data-card-words]");
  var announcer = document.querySelector("[data-announce]");
  var touched = new Set();
  var timer = 0;
  var inFlight = false;
  var dirty = false;
  var lastSent = 0;
  var gap = 0; // milliseconds to leave between requests, from the budget headers
  var sequence = 0;
  var announcedWords = false;
  var lastProblems = "";

  note.textContent =
    preview.dataset.personalised === "true"
      ? "This is your card with your words, as it will print. It changes as you type."
      : "This is the card before you add your words. It changes as you type.";

  // After a post with problems, start at the summary of them (it links to each field).
  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();

  // Fields that came back from the server with a problem are watched from the start.
  form.querySelectorAll("[data-error-for]").forEach(function (slot) {
    if (slot.textContent.trim()) touched.add(slot.dataset.errorFor);
  });

  function announce(text) {
    if (!announcer || !text) return;
    announcer.textContent = text;
  }

  function fieldLabel(name) {
    var label = form.querySelector('label[for="' + name + '"]');
    return label ? label.textContent.trim() : name;
  }

  // How many pixels wide one panel is shown, so the server sends images no larger than needed.
  function panelWidth() {
    var front = preview.querySelector('[data-pages] img[data-panel="front"]');
    var shown = front ? front.getBoundingClientRect().width : 0;
    return Math.round(Math.max(shown || 300, sharpWanted ? zoomedWidth() : 0) * (window.devicePixelRatio || 1));
  }

  // The close-up while writing (closeup.js) shows a panel larger than the preview does. While the
  // sender types, images come at the preview's size (quick); once they pause, one sharper set follows.
  var SHARPEN_AFTER_MS = 700;
  var sharpTimer = 0;
  var sharpWanted = false;
  var sentWidth = 0;
  function zoomedWidth() {
    var closeup = document.querySelector("[data-closeup]:not([hidden])");
    return closeup ? Number(closeup.dataset.panelCss) || 0 : 0;
  }
  function sharpenLater() {
    window.clearTimeout(sharpTimer);
    sharpTimer = window.setTimeout(function () {
      if (zoomedWidth() * (window.devicePixelRatio || 1) > sentWidth + 50) {
        sharpWanted = true;
        request();
      }
    }, SHARPEN_AFTER_MS);
  }

  // Ask for a preview of the form as it is now: at once if nothing is in flight (and the budget needs
  // no spacing), otherwise as soon as the answer in flight arrives.
  function request() {
    dirty = true;
    pump();
  }

  function pump() {
    if (!dirty || inFlight || timer) return;
    var wait = Math.max(0, lastSent + gap - Date.now());
    if (wait > 0) {
      timer = window.setTimeout(function () {
        timer = 0;
        pump();
      }, wait);
      return;
    }
    send();
  }

  // Spread what is left of the budget over what is left of its window, once less than half is left.
  function pace(response) {
    var remaining = Number(response.headers.get("X-RateLimit-Remaining"));
    var limit = Number(response.headers.get("X-RateLimit-Limit"));
    var reset = Number(response.headers.get("X-RateLimit-Reset"));
    var now = Date.parse(response.headers.get("Date") || "") || Date.now();
    if (!limit || isNaN(remaining) || !reset || remaining > limit / 2) {
      gap = 0;
      return;
    }
    var windowLeft = Math.max(0, reset * 1000 - now);
    gap = Math.min(RETRY_MS, windowLeft / Math.max(1, remaining - RESERVE_UNITS));
  }

  function send() {
    dirty = false;
    inFlight = true;
    lastSent = Date.now();
    var mine = ++sequence;
    var body = new URLSearchParams(new FormData(form));
    body.delete("action");
    sentWidth = panelWidth();
    body.set("width", String(sentWidth));
    sharpWanted = false;
    preview.setAttribute("aria-busy", "true");
    return fetch(form.dataset.previewUrl, {
      method: "POST",
      body: body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        pace(response);
        if (response.status === 429) {
          gap = Math.max(gap, (Number(response.headers.get("Retry-After")) || 5) * 1000);
          throw new Error("paused");
        }
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) throw new Error("not JSON");
        return response.json();
      })
      .then(function (data) {
        if (mine !== sequence || dirty) return null; // newer words are on their way
        return apply(data, mine);
      })
      .catch(function () {
        if (mine !== sequence) return;
        paused();
        dirty = true; // try again by itself, after a little while
        gap = Math.max(gap, RETRY_MS);
      })
      .then(function () {
        inFlight = false;
        pump();
        if (!dirty) sharpenLater();
      });
  }

  // A quiet line beside the preview, never a warning: the words are in the form, and in the tab.
  function paused() {
    preview.removeAttribute("aria-busy");
    preview.classList.add("is-paused");
    note.textContent = "Preview paused; your words are safe. It will catch up in a moment.";
  }

  function apply(data, mine) {
    if (data.panels === undefined) {
      // An error page in JSON (for example the form's security token expired).
      paused();
      return null;
    }
    preview.classList.remove("is-paused");
    var problems = showProblems(data.errors || {}, data.form_errors || []);
    if (!data.panels) {
      preview.removeAttribute("aria-busy");
      preview.classList.add("is-stale");
      note.textContent =
        "Some of your words don't fit yet, so this preview shows the card before your last change. See the note beside the field.";
      announceProblems(problems);
      markDone(mine);
      return null;
    }
    return showPanels(data.panels).then(function () {
      if (mine !== sequence) return;
      preview.removeAttribute("aria-busy");
      preview.classList.remove("is-stale");
      showWords(data.words || []);
      note.textContent = "This is your card with your words, as it will print. It changes as you type.";
      preview.dataset.personalised = "true";
      if (!announceProblems(problems) && !announcedWords && hasWords(data.words)) {
        announcedWords = true;
        announce("The preview now shows your words. It changes as you type.");
      }
      markDone(mine);
    });
  }

  function markDone(mine) {
    preview.dataset.previewSeq = String(mine);
    preview.dispatchEvent(new CustomEvent("preview:updated", { bubbles: true, detail: { sequence: mine } }));
  }

  function hasWords(words) {
    return (words || []).some(function (panel) {
      return panel.lines.length > 0;
    });
  }

  // Problems show beside their field once the sender has typed there (or the field has text), so an
  // empty message isn't scolded while they are still writing the name above it.
  function showProblems(errors, formErrors) {
    var shown = [];
    form.querySelectorAll("[data-error-for]").forEach(function (slot) {
      var name = slot.dataset.errorFor;
      var control = form.elements[name];
      var value = control && typeof control.value === "string" ? control.value.trim() : "";
      var visible = touched.has(name) || value !== "";
      var messages = visible ? errors[name] || [] : [];
      var text = messages.join(" ");
      if (slot.textContent.trim() !== text) {
        slot.replaceChildren.apply(
          slot,
          messages.map(function (message) {
            var p = document.createElement("p");
            p.textContent = message;
            return p;
          })
        );
      }
      if (control && control.setAttribute) control.setAttribute("aria-invalid", messages.length ? "true" : "false");
      var field = slot.closest(".field");
      if (field) field.classList.toggle("has-error", messages.length > 0);
      messages.forEach(function (message) {
        shown.push(fieldLabel(name) + ": " + message);
      });
    });
    formErrors.forEach(function (message) {
      shown.push(message);
    });
    var stale = document.querySelector("[data-error-summary]");
    if (stale && shown.length === 0) stale.remove();
    return shown;
  }

  // Say a problem once when it appears or changes, and once when everything is fine again.
  function announceProblems(problems) {
    var joined = problems.join(" ");
    if (joined === lastProblems) return false;
    var had = lastProblems !== "";
    lastProblems = joined;
    if (joined) {
      announce(joined);
      return true;
    }
    if (had) {
      announce("All fine now. The preview shows your words.");
      return true;
    }
    return false;
  }

  function showPanels(panels) {
    // Decode the new images before swapping them in, so the preview never flashes empty.
    var ready = panels.map(function (panel) {
      var image = new Image();
      image.src = panel.src;
      return (image.decode ? image.decode() : Promise.resolve()).catch(function () {});
    });
    return Promise.all(ready).then(function () {
      panels.forEach(function (panel) {
        document.querySelectorAll('img[data-panel="' + panel.name + '"]').forEach(function (img) {
          if (img.hasAttribute("data-decorative") && !img.getAttribute("src")) return; // filled when first shown
          img.width = panel.width;
          img.height = panel.height;
          img.src = panel.src;
          if (!img.hasAttribute("data-decorative")) img.alt = panel.alt;
        });
      });
    });
  }

  function showWords(words) {
    if (!wordsList) return;
    var items = [];
    words.forEach(function (panel) {
      var dt = document.createElement("dt");
      dt.textContent = panel.label;
      items.push(dt);
      if (!panel.lines.length) {
        var none = document.createElement("dd");
        none.className = "no-words";
        none.textContent = "No words";
        items.push(none);
      }
      panel.lines.forEach(function (line) {
        var dd = document.createElement("dd");
        dd.textContent = line;
        items.push(dd);
      });
    });
    wordsList.replaceChildren.apply(wordsList, items);
  }

  form.addEventListener("input", function (event) {
    if (!event.target.name) return;
    touched.add(event.target.name);
    window.clearTimeout(sharpTimer);
    request();
  });

  // "Show preview" updates at once and takes the sender to the preview, as the page does without
  // JavaScript. Enter in a field also submits through that button; then the preview updates but
  // focus stays in the field.
  var enterInField = false;
  form.addEventListener("keydown", function (event) {
    enterInField = event.key === "Enter" && event.target.tagName === "INPUT";
  });
  form.addEventListener("submit", function (event) {
    // "Continue" is an ordinary post; so is every submit in a browser that can't say which button.
    // (There are two preview buttons: the visible one, and a hidden first one that Enter in a field uses.)
    if (!("submitter" in event) || (event.submitter && !event.submitter.hasAttribute("data-preview-button"))) return;
    event.preventDefault();
    request();
    if (!enterInField) preview.querySelector("h2").focus();
    enterInField = false;
  });

  // The browser may bring back typed words (after "back"): show them on the card.
  var anyText = Array.prototype.some.call(form.querySelectorAll("input[type=text], textarea"), function (control) {
    return control.value.trim() !== "";
  });
  if (anyText && preview.dataset.personalised !== "true") request();
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) request();
  });
  // keep_words.js puts words kept in this tab back into the form: show them on the card.
  form.addEventListener("words:restored", request);
})();
