/* Help with the message on the personalise page: suggested words and gentle notes as the sender types.
 *
 * Suggestions: choosing one (a click, or Enter or Space on it) puts its words in the message and moves
 * focus there. If the message is empty, or still exactly one of our suggestions, it is replaced;
 * otherwise the suggestion goes below the sender's own words, so nothing they wrote is lost. The
 * message's input event then updates the live preview. Changing "Who is it for?", the faith choice or
 * the baby's name asks the server for a fresh list (posted, so the name never appears in an address).
 *
 * Kindness notes: the rules (kindness.toml, fetched once from /kindness-rules.json) run on the message
 * as the sender types, exactly as cardshop/words/kindness.py runs them, and the notes are rebuilt beside the
 * message with textContent only. A new note is read out once, politely; so is its going away.
 *
 * Without JavaScript all of this still works through the form: see partials/message_help.html.
 */
(function () {
  "use strict";

  var DEBOUNCE_MS = 250;
  var form = document.querySelector("form[data-preview-url]");
  var message = form && form.elements.message;
  var details = document.querySelector("[data-suggestions]");
  var slot = document.querySelector("[data-kindness]");
  if (!form || !message || !details || !slot || !window.fetch || !window.URLSearchParams) return;

  var list = details.querySelector("[data-suggestion-list]");
  var status = details.querySelector("[data-suggestions-status]");
  var refresh = details.querySelector("[data-suggest-refresh]");
  var announcer = document.querySelector("[data-kindness-announce]");
  var rules = [];
  var lastInserted = "";

  // With JavaScript the list follows the choices at once, so its button is not needed.
  if (refresh) refresh.hidden = true;

  // ---- suggestions

  function suggestionTexts() {
    var texts = [lastInserted];
    list.querySelectorAll(".suggestion-text").forEach(function (span) {
      texts.push(span.textContent);
    });
    return texts;
  }

  function insert(text) {
    var current = message.value.trim();
    message.value = !current || suggestionTexts().indexOf(current) !== -1 ? text : current + "\n\n" + text;
    lastInserted = text;
    message.focus();
    message.setSelectionRange(message.value.length, message.value.length);
    // Tell the live preview (and the notes below) that the message changed.
    message.dispatchEvent(new Event("input", { bubbles: true }));
  }

  list.addEventListener("click", function (event) {
    var button = event.target.closest("[data-suggestion]");
    if (!button) return;
    event.preventDefault();
    insert(button.querySelector(".suggestion-text").textContent);
  });

  function showSuggestions(items) {
    var rows = items.map(function (item) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "submit";
      button.className = "suggestion";
      button.name = "use_suggestion";
      button.value = item.id;
      button.setAttribute("formaction", form.getAttribute("action") + "#message");
      button.setAttribute("data-suggestion", "");
      var text = document.createElement("span");
      text.className = "suggestion-text";
      text.dir = "auto";
      text.textContent = item.text;
      button.append(text);
      if (item.faith) {
        var tag = document.createElement("span");
        tag.className = "tag";
        tag.textContent = "Faith-based";
        button.append(" ", tag);
      }
      li.append(button);
      return li;
    });
    list.replaceChildren.apply(list, rows);
  }

  var listTimer = 0;
  var listController = null;
  function updateSuggestions() {
    window.clearTimeout(listTimer);
    if (listController && window.AbortController) listController.abort();
    listController = window.AbortController ? new AbortController() : null;
    var body = new URLSearchParams(new FormData(form));
    body.delete("action");
    fetch(details.dataset.suggestionsUrl, {
      method: "POST",
      body: body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      signal: listController ? listController.signal : undefined,
    })
      .then(function (response) {
        if (!response.ok) throw new Error("not ok");
        return response.json();
      })
      .then(function (data) {
        showSuggestions(data.suggestions || []);
        status.textContent = data.status || "";
        details.dataset.suggestionsFor = body.get("who") || "";
      })
      .catch(function () {
        // The list shown still suits the card; "Show suggestions" (shown again) reloads the page.
        if (refresh) refresh.hidden = false;
      });
  }

  form.addEventListener("change", function (event) {
    var name = event.target.name;
    if (name === "who" || name === "include_faith") updateSuggestions();
  });
  form.addEventListener("input", function (event) {
    if (event.target.name === "baby_name") {
      window.clearTimeout(listTimer);
      listTimer = window.setTimeout(updateSuggestions, DEBOUNCE_MS);
    }
  });
  form.addEventListener("submit", function (event) {
    if (event.submitter && event.submitter.hasAttribute("data-suggest-refresh")) {
      event.preventDefault();
      updateSuggestions();
    }
  });

  // ---- kindness notes

  function compile(data) {
    try {
      return data.map(function (rule) {
        return {
          id: rule.id,
          patterns: rule.patterns.map(function (p) {
            return new RegExp(p, "gi");
          }),
          unless: rule.unless.map(function (p) {
            return new RegExp(p, "gi");
          }),
          why: rule.why,
          instead: rule.instead,
        };
      });
    } catch (error) {
      return [];
    }
  }

  // The same one-for-one replacements as CHARACTER_REPLACEMENTS in kindness.py.
  var REPLACEMENTS = /[\u2018\u2019\u201a\u201b\u2032\u02bc\uff07]|[\u201c\u201d\u201e\u201f\u2033\uff02]|[\u00a0\u2007\u202f\u2002\u2003\u2009\u200a]|\u2011/g;
  function normalise(text) {
    return text.normalize("NFC").replace(REPLACEMENTS, function (ch) {
      if ("\u201c\u201d\u201e\u201f\u2033\uff02".indexOf(ch) !== -1) return '"';
      if (ch === "\u2011") return "-";
      if ("\u00a0\u2007\u202f\u2002\u2003\u2009\u200a".indexOf(ch) !== -1) return " ";
      return "'";
    });
  }

  function spans(pattern, text) {
    var found = [];
    pattern.lastIndex = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      if (match[0].length === 0) {
        pattern.lastIndex += 1;
        continue;
      }
      found.push([match.index, match.index + match[0].length]);
    }
    return found;
  }

  // The first place each rule fires, as check() in kindness.py finds it (a match that overlaps one of
  // the rule's "unless" matches does not count).
  function notesFor(text) {
    var normal = normalise(text);
    var notes = [];
    rules.forEach(function (rule, order) {
      var cancels = [];
      rule.unless.forEach(function (p) {
        cancels = cancels.concat(spans(p, normal));
      });
      var first = null;
      rule.patterns.forEach(function (p) {
        spans(p, normal).forEach(function (span) {
          var cancelled = cancels.some(function (c) {
            return span[0] < c[1] && c[0] < span[1];
          });
          if (!cancelled && (!first || span[0] < first[0])) first = span;
        });
      });
      if (first) {
        var quoted = normal.slice(first[0], first[1]).split(/\s+/).join(" ");
        notes.push({ rule: rule, order: order, at: first[0], end: first[1], quoted: quoted });
      }
    });
    notes.sort(function (a, b) {
      return a.at - b.at || a.order - b.order;
    });
    // Words already quoted by an earlier note get no second one (as kindness_notes in message_help.py).
    var quoted = [];
    return notes.filter(function (note) {
      var overlaps = quoted.some(function (span) {
        return note.at < span[1] && span[0] < note.end;
      });
      if (!overlaps) quoted.push([note.at, note.end]);
      return !overlaps;
    });
  }

  function noteItem(note) {
    var li = document.createElement("li");
    li.dataset.rule = note.rule.id;
    var quoted = document.createElement("span");
    quoted.className = "quoted";
    quoted.dir = "auto";
    quoted.textContent = note.quoted;
    var instead = document.createElement("span");
    instead.className = "instead";
    instead.textContent = "You might say: “" + note.rule.instead + "”";
    li.append("Some people find “", quoted, "” hard to read. " + note.rule.why + " ", instead);
    return li;
  }

  var shownRules = Array.prototype.map.call(slot.querySelectorAll("li[data-rule]"), function (li) {
    return li.dataset.rule;
  });
  var kindTimer = 0;

  function updateNotes() {
    var notes = notesFor(message.value);
    var ids = notes.map(function (note) {
      return note.rule.id;
    });
    var key = notes
      .map(function (note) {
        return note.rule.id + ":" + note.quoted;
      })
      .join("|");
    if (slot.dataset.key === key) return;
    slot.dataset.key = key;
    if (!notes.length) {
      slot.replaceChildren();
    } else {
      var intro = document.createElement("p");
      intro.className = "kindness-intro";
      intro.textContent =
        "A gentle thought about your words. It's only a suggestion: your card is yours to send as it is.";
      var ul = document.createElement("ul");
      ul.className = "kindness-notes";
      ul.replaceChildren.apply(ul, notes.map(noteItem));
      slot.replaceChildren(intro, ul);
    }
    var added = notes.filter(function (note) {
      return shownRules.indexOf(note.rule.id) === -1;
    });
    if (announcer && added.length) {
      announcer.textContent =
        "A gentle thought about your words: " +
        added
          .map(function (note) {
            return note.rule.why + " You might say: " + note.rule.instead;
          })
          .join(" ");
    } else if (announcer && !notes.length && shownRules.length) {
      announcer.textContent = "The note about your words has gone.";
    }
    shownRules = ids;
  }

  message.addEventListener("input", function () {
    window.clearTimeout(kindTimer);
    kindTimer = window.setTimeout(updateNotes, DEBOUNCE_MS);
  });
  fetch(slot.dataset.rulesUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then(function (response) {
      return response.json();
    })
    .then(function (data) {
      rules = compile(data);
      if (message.value.trim()) updateNotes();
      slot.dataset.rulesReady = "true";
    })
    .catch(function () {
      // Without the rules the notes simply don't follow typing; "Show preview" still shows them.
    });
})();
