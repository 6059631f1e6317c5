/* "As a folded card": the preview's panels put together as the card will be once folded.
 *
 * The folded view reuses the preview's images (copied in when first shown; preview.js keeps them
 * current). Its pictures are decorative repeats, so the line under the buttons says what is showing.
 * The turning is CSS, and only moves for people who have not asked their system for less motion.
 */
(function () {
  "use strict";

  var preview = document.querySelector("[data-preview]");
  if (!preview) return;
  var switcher = preview.querySelector("[data-view-switch]");
  var pages = preview.querySelector("[data-pages]");
  var folded = preview.querySelector("[data-folded]");
  var now = folded && folded.querySelector("[data-fold-now]");
  if (!switcher || !pages || !folded || !now) return;

  var frontAlt = function () {
    var front = pages.querySelector('img[data-panel="front"]');
    return front ? front.alt : "";
  };
  var descriptions = {
    front: function () {
      return "Showing the front of the card, closed. " + frontAlt();
    },
    open: function () {
      return "Showing the card opened out: the inside pages, side by side as you will see them.";
    },
    back: function () {
      return "Showing the back of the card.";
    },
  };

  function fillImages() {
    folded.querySelectorAll("img[data-decorative]").forEach(function (img) {
      var source = pages.querySelector('img[data-panel="' + img.dataset.panel + '"]');
      if (!source) return;
      img.width = source.width;
      img.height = source.height;
      img.src = source.src;
    });
  }

  function showView(view) {
    var isFolded = view === "folded";
    if (isFolded) fillImages();
    folded.hidden = !isFolded;
    pages.hidden = isFolded;
    switcher.querySelectorAll("[data-view]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.view === view));
    });
  }

  function turn(state) {
    folded.dataset.state = state;
    folded.querySelectorAll("[data-fold]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.fold === state));
    });
    now.textContent = descriptions[state]();
  }

  switcher.addEventListener("click", function (event) {
    var button = event.target.closest("[data-view]");
    if (button) showView(button.dataset.view);
  });
  folded.addEventListener("click", function (event) {
    var button = event.target.closest("[data-fold]");
    if (button) turn(button.dataset.fold);
  });
  if (folded.classList.contains("fold-top")) {
    descriptions.open = function () {
      return "Showing the card opened out: the inside pages, one above the other as you will see them.";
    };
  }
  switcher.hidden = false;
  turn("front");
})();
