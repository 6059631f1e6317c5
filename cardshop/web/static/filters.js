/* Gallery filters, without a page load.
 *
 * The filters are an ordinary GET form that works on its own. With JavaScript, choosing an option
 * fetches the same page for the new choices and swaps in its results and counts, keeps focus where it
 * is, updates the address (so it can be bookmarked or shared), and says how many cards are shown once
 * the choices settle.
 *
 * On a phone the filters fold under "Find a card" (a native disclosure). From 40rem up the stylesheet
 * shows them whether open or not; here the disclosure is also marked open there, and its summary taken
 * out of the tab order, so nothing announces a fold that is not shown.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-filters]");
  var results = document.querySelector("[data-results]");
  var announcer = document.querySelector("[data-announce]");
  if (!form || !results || !window.fetch || !window.DOMParser || !window.URLSearchParams) return;

  var panel = form.querySelector("[data-filter-panel]");
  var wide = window.matchMedia ? window.matchMedia("(min-width: 40rem)") : null;
  function unfoldWhenWide() {
    if (!panel || !wide) return;
    var summary = panel.querySelector("summary");
    if (wide.matches) {
      panel.open = true;
      summary.tabIndex = -1;
    } else {
      summary.removeAttribute("tabindex");
    }
  }
  unfoldWhenWide();
  if (wide && wide.addEventListener) wide.addEventListener("change", unfoldWhenWide);

  var controller = null;
  var announceTimer = 0;

  function query() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (value) params.append(key, value);
    });
    return params.toString();
  }

  function refresh() {
    if (controller) controller.abort();
    controller = new AbortController();
    var search = query();
    var url = form.getAttribute("action").split("#")[0] + (search ? "?" + search : "");
    results.setAttribute("aria-busy", "true");
    return fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin", signal: controller.signal })
      .then(function (response) {
        if (!response.ok) throw new Error("status " + response.status);
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.querySelector("[data-results]");
        if (!fresh) throw new Error("no results");
        results.replaceChildren.apply(results, Array.prototype.slice.call(fresh.childNodes));
        // Update the counts in place: the options stay the same, only their numbers change.
        form.querySelectorAll("select").forEach(function (select) {
          var other = page.getElementById(select.id);
          if (!other) return;
          Array.prototype.forEach.call(select.options, function (option, index) {
            if (other.options[index]) option.textContent = other.options[index].textContent;
          });
        });
        var reset = form.querySelector("[data-reset]");
        if (reset) reset.hidden = search === "";
        history.replaceState(null, "", url);
        results.removeAttribute("aria-busy");
        var heading = results.querySelector("h2");
        window.clearTimeout(announceTimer);
        announceTimer = window.setTimeout(function () {
          if (announcer && heading) announcer.textContent = heading.textContent.trim();
        }, 500);
        results.dispatchEvent(new CustomEvent("results:updated", { bubbles: true }));
      })
      .catch(function (error) {
        if (error && error.name === "AbortError") return;
        form.submit(); // fall back to the ordinary page load
      });
  }

  form.addEventListener("change", refresh);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    // "Show cards" takes the sender to the results, as the page does without JavaScript.
    refresh().then(function () {
      var heading = results.querySelector("h2");
      if (heading) heading.focus();
    });
  });
})();
