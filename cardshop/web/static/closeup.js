/* The close-up while writing: the part of the card a field prints on, in view and large enough to read.
 *
 * While a field with a place on the card has focus, a strip at the top of the form (it stays at the
 * top of the screen as the page scrolls) shows that part of the preview image, zoomed so the field's
 * smallest type is at least MIN_TEXT_PX CSS pixels tall, and follows the live preview. Within that
 * floor the zoom fits the field's whole width to the strip (on a phone the strip runs edge to edge of
 * the screen), so the lines being written are seen end to end rather than cut at both sides: from
 * 320 px up for the usual fields. Only a field whose box is wider than the strip even at the floor
 * (a few designs' wide boxes on the narrowest phones) is shown from its middle, and the strip can be
 * swiped sideways to its ends. The regions come
 * from the page (data-closeup-regions, see closeup.py). The strip repeats what the preview shows, whose
 * images carry the text alternatives, so it is hidden from assistive technology. Sizes are set through
 * the CSSOM (allowed by the Content-Security-Policy, which refuses inline style attributes).
 */
(function () {
  "use strict";

  var MIN_TEXT_PX = 12.25; // a little over the 12 px floor, so rounding never takes it under
  var MAX_ZOOM = 4;
  var COMFORT_ZOOM = 1.6; // where the strip is wide, no larger than this (unless the type needs it)
  var MARGIN = 0.06; // of the box's width, each side
  var form = document.querySelector("form[data-closeup-regions]");
  var strip = document.querySelector("[data-closeup]");
  if (!form || !strip) return;
  var regions;
  try {
    regions = JSON.parse(form.dataset.closeupRegions);
  } catch (error) {
    return;
  }
  var label = strip.querySelector("[data-closeup-label]");
  var frame = strip.querySelector("[data-closeup-window]");
  var picture = strip.querySelector("img");
  var current = null;
  var PLACES = { front: "the front", inside: "the inside", back: "the back" };

  function source(image) {
    return document.querySelector('[data-pages] img[data-panel="' + image + '"]');
  }

  function show(name) {
    var region = regions[name];
    var image = region && source(region.image);
    if (!region || !image || !image.getAttribute("src")) {
      hide();
      return;
    }
    var fresh = name !== current;
    current = name;
    strip.hidden = false;
    var fieldLabel = form.querySelector('label[for="' + name + '"]');
    label.textContent = "Close-up of " + PLACES[region.image] + ": " + (fieldLabel ? fieldLabel.textContent.trim() : name);
    if (picture.getAttribute("src") !== image.getAttribute("src")) picture.src = image.src;
    layout(region, image, fresh);
  }

  function layout(region, image, fresh) {
    var box = region.box;
    var widthPt = region.panel_pt * region.columns;
    var ratio = (image.height || 1) / (image.width || 1);
    var room = frame.clientWidth || strip.clientWidth;
    var boxWidthPt = (box[2] - box[0]) * widthPt * (1 + 2 * MARGIN);
    // Fit the field's box (with a little margin) to the strip's width, but never so small that its
    // smallest type is under MIN_TEXT_PX, nor larger than comfortable on a wide screen. At that floor
    // the box still fits the strip whenever it can (the margin is what gives way).
    var fit = Math.min(room / boxWidthPt, COMFORT_ZOOM);
    var zoom = Math.min(MAX_ZOOM, Math.max(fit, MIN_TEXT_PX / region.min_pt));
    var width = widthPt * zoom;
    var height = width * ratio;
    var boxTop = box[1] * height;
    var boxBottom = box[3] * height;
    var view = Math.min(boxBottom - boxTop + 24, Math.max(120, window.innerHeight * 0.3));
    var x = ((box[0] + box[2]) / 2) * width - room / 2;
    var y;
    if (region.valign === "top") y = boxTop - 12;
    else if (region.valign === "bottom") y = boxBottom + 12 - view;
    else y = (boxTop + boxBottom) / 2 - view / 2;
    x = Math.max(0, Math.min(x, width - room));
    y = Math.max(0, Math.min(y, height - view));
    // A box wider than the strip even at the floor (a few designs on the narrowest phones): the strip
    // scrolls sideways instead, starting at the box's middle, and the sender's own swipe is kept
    // while they type.
    var pans = (box[2] - box[0]) * widthPt * zoom > room + 0.5;
    frame.classList.toggle("is-panning", pans);
    frame.style.height = Math.round(view) + "px";
    picture.style.width = width + "px";
    picture.style.height = height + "px";
    picture.style.transform = "translate(" + (pans ? 0 : -x) + "px, " + -y + "px)";
    if (!pans) frame.scrollLeft = 0;
    else if (fresh) frame.scrollLeft = x;
    strip.dataset.zoom = String(zoom);
    strip.dataset.panelCss = String(Math.round(region.panel_pt * zoom)); // read by preview.js
    // Fields scrolled into view land below the strip, not under it.
    document.documentElement.style.scrollPaddingTop = strip.offsetHeight + 8 + "px";
  }

  function hide() {
    current = null;
    strip.hidden = true;
    document.documentElement.style.scrollPaddingTop = "";
  }

  form.addEventListener("focusin", function (event) {
    var name = event.target.name;
    if (name && regions[name]) show(name);
    else if (event.target.closest(".field, .suggestions")) hide();
  });
  // Writing is over when focus leaves the form (to the preview, say): the full preview takes over.
  form.addEventListener("focusout", function (event) {
    if (!event.relatedTarget || !form.contains(event.relatedTarget)) hide();
  });
  // The live preview has new images: the close-up follows.
  document.addEventListener("preview:updated", function () {
    if (current) show(current);
  });
  window.addEventListener("resize", function () {
    if (current) show(current);
  });
})();
