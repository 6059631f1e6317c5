/* Never lose a word: what the sender writes is kept in this browser tab (sessionStorage), and nowhere else.
 *
 * Every form marked data-keep-key saves its fields to sessionStorage as the sender types (the tab
 * forgets them when it is closed; nothing is sent anywhere by this script). On a page opened fresh
 * (data-keep-restore), the kept words are put back: Back, Forward, reload, or a link back to the card
 * from an error page or another page all find every field as it was. A form marked data-keep-typed
 * (the order and remember-the-dates forms on the check page) keeps only what the sender typed or chose
 * in it, not what the page filled in, so a name the card has since changed is not put back over it.
 *
 * Pages that answer a form post (a preview or the check step without JavaScript, or a download that
 * needs a choice) give their own plain address in data-address; the history entry is re-labelled with
 * it, so going Back or reloading opens that address instead of asking to send the form again
 * ("Confirm Form Resubmission"). The check step's address (/cards/<slug>/check) brings the check page
 * back from the words kept here: see [data-check-restore] below.
 */
(function () {
  "use strict";

  var SKIP = { csrf_token: true, action: true, use_suggestion: true, width: true };
  var store = null;
  try {
    store = window.sessionStorage;
    store.getItem("probe");
  } catch (error) {
    store = null; // storage refused (a strict privacy setting): everything still works, just without keeping
  }

  function keyOf(form) {
    return "cardshop:words:" + form.dataset.keepKey;
  }

  function read(form) {
    if (!store) return null;
    try {
      var kept = JSON.parse(store.getItem(keyOf(form)) || "null");
      return kept && typeof kept === "object" ? kept : null;
    } catch (error) {
      return null;
    }
  }

  // Adds one control's value to `kept` (a radio only when it is the one chosen, or none is yet).
  function add(kept, control) {
    var name = control.name;
    if (!name || SKIP[name] || control.disabled) return;
    if (control.type === "radio") {
      if (control.checked || !(name in kept)) kept[name] = control.checked ? control.value : "";
    } else if (control.type === "checkbox") {
      kept[name] = control.checked ? control.value : "";
    } else if (control.type !== "submit" && control.type !== "button" && control.type !== "file") {
      kept[name] = control.value;
    }
  }

  function values(form) {
    var kept = {};
    Array.prototype.forEach.call(form.elements, function (control) {
      add(kept, control);
    });
    return kept;
  }

  // Save the whole form, or with `control` (a form marked data-keep-typed, or a hidden field it names in
  // data-keep-hidden) only that one.
  function save(form, control) {
    if (!store) return;
    var kept = read(form) || {};
    if (control) {
      if (control.type !== "hidden" || keptHidden(form)[control.name]) add(kept, control);
    } else {
      Object.assign(kept, values(form));
    }
    try {
      store.setItem(keyOf(form), JSON.stringify(kept));
    } catch (error) {
      /* storage full or refused: nothing to do */
    }
  }

  // Put the kept words back into the form's own controls; returns the controls that changed.
  function restore(form) {
    var kept = read(form);
    var changed = [];
    if (!kept) return changed;
    Object.keys(kept).forEach(function (name) {
      if (SKIP[name] || typeof kept[name] !== "string") return;
      var control = form.elements[name];
      if (!control) return;
      var group = control.length !== undefined && !control.tagName ? Array.prototype.slice.call(control) : [control];
      group.forEach(function (one) {
        if (one.type === "radio" || one.type === "checkbox") {
          var on = one.value === kept[name] && kept[name] !== "";
          if (one.type === "radio" && kept[name] === "") return; // nothing chosen then: keep the default
          if (one.checked !== on) {
            one.checked = on;
            changed.push(one);
          }
        } else if ((one.type !== "hidden" || keptHidden(form)[name]) && one.type !== "submit" && one.value !== kept[name]) {
          one.value = kept[name];
          changed.push(one);
        }
      });
    });
    return changed;
  }

  function tell(changed) {
    changed.forEach(function (control) {
      // A choice put back inside a folded part (a <details>) is shown, so nothing kept is out of sight.
      var fold = control.closest("details");
      if (fold && !fold.open) fold.open = true;
      control.dispatchEvent(new Event(control.type === "radio" || control.type === "checkbox" ? "change" : "input", { bubbles: true }));
    });
  }

  // Hidden fields a form names in data-keep-hidden are kept too, from the moment it is sent: the order
  // form's key, so that Back and sending it again finds the order already made instead of a second one.
  function keptHidden(form) {
    var names = {};
    (form.dataset.keepHidden || "").split(" ").forEach(function (name) {
      if (name) names[name] = true;
    });
    return names;
  }

  function watch(form) {
    var typed = form.hasAttribute("data-keep-typed");
    function changed(event) {
      save(form, typed ? event.target : null);
    }
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function () {
      Object.keys(keptHidden(form)).forEach(function (name) {
        if (form.elements[name]) save(form, form.elements[name]);
      });
    });
  }

  // The check step opened by its own address: rebuild it from the kept words by posting them, as the
  // "Continue" button does, and showing the answer in place (so no form post enters the history).
  function restoreCheck(shell) {
    var kept = read(shell);
    var waiting = document.querySelector("[data-check-waiting]");
    var missing = document.querySelector("[data-check-missing]");
    if (!kept || !kept.message) {
      if (waiting) waiting.hidden = true;
      if (missing) missing.hidden = false;
      return;
    }
    var body = new URLSearchParams();
    body.set("csrf_token", shell.elements.csrf_token.value);
    Object.keys(kept).forEach(function (name) {
      if (!SKIP[name] && typeof kept[name] === "string") body.set(name, kept[name]);
    });
    body.set("action", "check");
    fetch(shell.getAttribute("action"), { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        // Words that need attention (or a refusal): open the card itself, where they are put back.
        if (!response.ok) {
          window.location.replace(shell.dataset.cardUrl);
          throw new Error("not the check page");
        }
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var main = page.querySelector("main");
        if (!main) throw new Error("no page");
        document.querySelector("main").replaceWith(document.adoptNode(main));
        document.title = page.title;
        start();
        document.dispatchEvent(new CustomEvent("page:replaced"));
      })
      .catch(function () {
        if (waiting) waiting.hidden = true;
        if (missing) missing.hidden = false;
      });
  }

  function start() {
    var address = document.querySelector("[data-address]");
    if (address && window.history.replaceState) {
      // Even at the same path (a refused POST /remember): replacing the entry drops the post from it.
      var target = address.dataset.address;
      if (target) window.history.replaceState(window.history.state, "", target + window.location.hash);
    }
    document.querySelectorAll("form[data-keep-key]").forEach(function (form) {
      if (form.dataset.keepStarted) return;
      form.dataset.keepStarted = "true";
      if (form.hasAttribute("data-check-restore")) {
        restoreCheck(form);
        return;
      }
      if (form.hasAttribute("data-keep-restore")) tell(restore(form));
      // What the server sent back (after a post) is now the latest (a typed-only form saves as it is typed).
      if (!form.hasAttribute("data-keep-typed")) save(form);
      watch(form);
    });
  }

  start();
  // Back or Forward to a page kept whole in memory: the form is as it was, but another page of this
  // tab may have changed the words since (the check page carries its own copy of them).
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    document.querySelectorAll("form[data-keep-key][data-keep-restore]").forEach(function (form) {
      tell(restore(form));
    });
  });
})();
