/* The live preview on the personalise page.
 *
 * As the sender types, the form (with its CSRF token) is posted to the preview endpoint, at most once
 * per pause of DEBOUNCE_MS; a newer request cancels an older one. The answer carries fresh images of
 * the very PDF that will download, each field's problems and the card's words; all of it is put into
 * the page with textContent or attributes, never as markup. Nothing is stored in the browser.
 *
 * Screen readers hear only what changes meaning: the first time the preview shows their words, and
 * when a field's problem appears or is resolved. Routine updates stay silent.
 *
 * Without JavaScript the page still works: "Show preview" posts the form and the page comes back
 * with the preview.
 */
(function () {
  "use strict";

  var DEBOUNCE_MS = 200;
  var form = document.querySelector("form[data-preview-url]");
  var preview = document.querySelector("[data-preview]");
  if (!form || !preview || !window.fetch || !window.AbortController || !window.URLSearchParams) return;

  var note = preview.querySelector("[data-preview-note]");
  var wordsList = preview.querySelector("[data-card-words]");
  var announcer = document.querySelector("[data-announce]");
  var touched = new Set();
  var timer = 0;
  var controller = null;
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
    return Math.round((shown || 300) * (window.devicePixelRatio || 1));
  }

  function schedule(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, delay);
  }

  function update() {
    window.clearTimeout(timer);
    if (controller) controller.abort();
    controller = new AbortController();
    var mine = ++sequence;
    var body = new URLSearchParams(new FormData(form));
    body.delete("action");
    body.set("width", String(panelWidth()));
    preview.setAttribute("aria-busy", "true");
    return fetch(form.dataset.previewUrl, {
      method: "POST",
      body: body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      signal: controller.signal,
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) throw new Error("not JSON");
        return response.json();
      })
      .then(function (data) {
        if (mine !== sequence) return null;
        return apply(data, mine);
      })
      .catch(function (error) {
        if (error && error.name === "AbortError") return;
        if (mine !== sequence) return;
        trouble("The preview could not be updated just now. Your words are still here; “Show preview” tries again.");
      });
  }

  function trouble(message) {
    preview.removeAttribute("aria-busy");
    preview.classList.add("is-stale");
    note.textContent = message;
    announce(message);
  }

  function apply(data, mine) {
    if (data.panels === undefined) {
      // An error page in JSON (for example the form's security token expired).
      trouble(data.message || "The preview could not be updated just now.");
      return null;
    }
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
    schedule(event.target.type === "radio" ? 0 : DEBOUNCE_MS);
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
    update();
    if (!enterInField) preview.querySelector("h2").focus();
    enterInField = false;
  });

  // The browser may bring back typed words (after "back"): show them on the card.
  var anyText = Array.prototype.some.call(form.querySelectorAll("input[type=text], textarea"), function (control) {
    return control.value.trim() !== "";
  });
  if (anyText && preview.dataset.personalised !== "true") schedule(0);
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) schedule(0);
  });
})();
