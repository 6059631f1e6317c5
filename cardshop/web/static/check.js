/* The check step: once a download starts, show "what now", the steps for what was downloaded.
 *
 * The download is an ordinary form post whose answer is a file, so the page stays as it is; this only
 * reveals the matching steps (already in the page) and moves focus to them. If the server answers with
 * a page instead (a choice needs attention), that page replaces this one as usual.
 */
(function () {
  "use strict";

  function start() {
    var form = document.querySelector("form[data-download-form]");
    var after = document.querySelector("[data-after-download]");
    if (!form || !after || form.dataset.checkStarted) return;
    form.dataset.checkStarted = "true";
    form.addEventListener("submit", function (event) {
      if (!event.submitter || event.submitter.value !== "download") return;
      var chosen = form.querySelector("input[name=layout]:checked");
      if (!chosen) return;
      after.querySelectorAll("[data-after]").forEach(function (steps) {
        steps.hidden = steps.dataset.after !== chosen.value;
      });
      after.hidden = false;
      window.setTimeout(function () {
        after.focus();
      }, 0);
    });
  }

  start();
  // The check page rebuilt in place from the words kept in the tab (keep_words.js).
  document.addEventListener("page:replaced", start);
})();
