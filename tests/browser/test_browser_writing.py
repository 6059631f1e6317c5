"""Writing on a phone and on a laptop: the part of the card being written is in view and readable,
and typing at a person's pace, for as long as they like, is never refused by the rate limit."""

from __future__ import annotations

import pytest

from cardshop.design.loader import TEMPLATES_DIR
from cardshop.studio.catalogue import load_catalog
from tests.browser.conftest import assert_clean, open_context
from tests.browser.helpers import wait_for_card_to_say
from tests.browser.support import DESKTOP, PHONE, live_server

SIZES = {
    "phone": PHONE,
    "laptop": DESKTOP,
    "small-laptop": {"width": 1366, "height": 657},
    "narrow": {"width": 320, "height": 640},
    "small-phone": {"width": 360, "height": 640},
}
DESIGN = load_catalog(TEMPLATES_DIR).designs["forget-me-nots"].design

CLOSEUP_STATE = """(field) => {
  const strip = document.querySelector('[data-closeup]');
  const img = strip.querySelector('img');
  const inside = document.querySelector('[data-pages] img[data-panel=inside]');
  const r = strip.querySelector('[data-closeup-window]').getBoundingClientRect();
  const shown = img.getBoundingClientRect();
  // Where the field's box (the width its lines can take) is on screen, from the page's own regions.
  const region = JSON.parse(document.querySelector('form[data-closeup-regions]').dataset.closeupRegions)[field];
  const box = region.box;
  return {hidden: strip.hidden, top: r.top, bottom: r.bottom, left: r.left, right: r.right,
          width: shown.width, pxPerPt: shown.width / (region.panel_pt * region.columns),
          lineStart: shown.left + box[0] * shown.width, lineEnd: shown.left + box[2] * shown.width,
          same: img.src === inside.src, label: strip.innerText};
}"""


def _smallest_pt(field: str, slug: str = "forget-me-nots") -> float:
    design = DESIGN if slug == "forget-me-nots" else load_catalog(TEMPLATES_DIR).designs[slug].design
    for panel in ("front", "inside_left", "inside_right", "back"):
        for slot in getattr(design.panels, panel).slots:
            for part in slot.parts:
                if part.field == field:
                    return slot.min_size * (part.size or slot.size) / slot.size
    raise AssertionError(field)


@pytest.mark.parametrize("size", sorted(SIZES))
def test_the_part_being_written_is_in_view_and_readable(browser, server, size):
    viewport = SIZES[size]
    context = open_context(browser, server, viewport=viewport, has_touch=viewport["width"] < 600)
    page = context.new_page()
    page.goto("/cards/forget-me-nots", timeout=30_000)
    for field, words in [("message", "Thinking of you both, today and always."), ("baby_name", "Rowan")]:
        page.click(f"#{field}")
        page.keyboard.type(words)
        wait_for_card_to_say(page, words)
        page.wait_for_function(
            "() => document.querySelector('[data-closeup] img').src === "
            "document.querySelector('[data-pages] img[data-panel=inside]').src"
        )
        # The strip's zoom eases in (a short transition where motion is welcome): wait until it settles.
        page.wait_for_function("() => !document.querySelector('[data-closeup] img').getAnimations().length")
        state = page.evaluate(CLOSEUP_STATE, field)
        assert not state["hidden"] and state["same"]
        assert "inside" in state["label"]
        # In view, on screen together with the field being typed in.
        assert state["top"] >= 0 and state["bottom"] <= viewport["height"]
        field_box = page.locator(f"#{field}").bounding_box()
        assert field_box["y"] < viewport["height"] and field_box["y"] + 20 > state["bottom"] - 1
        # The inside image is two panels wide: its smallest type, at this zoom, is 12 CSS px or more.
        px_per_pt = state["width"] / (2 * DESIGN_PANEL_PT)
        assert _smallest_pt(field) * px_per_pt >= 12
        # The lines being written are seen end to end: the whole width they can take is in the strip.
        assert state["left"] - 0.5 <= state["lineStart"] and state["lineEnd"] <= state["right"] + 0.5, state
        assert state["left"] >= 0 and state["right"] <= viewport["width"]
    # The folded view stays.
    assert page.get_by_role("button", name="As a folded card").count() == 1
    context.close()
    assert_clean(context.watch)


DESIGN_PANEL_PT = 105 * 72 / 25.4  # A6, the design's first size


def test_a_box_too_wide_for_a_small_phone_can_be_swiped_to_its_ends(browser, server):
    """Paper boat's message box is wider than a 320 px screen at 12 px type: the strip scrolls sideways."""
    context = open_context(browser, server, viewport=SIZES["narrow"], has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto("/cards/paper-boat")
    page.click("#message")
    page.keyboard.type("Thinking of you both, today and always.")
    wait_for_card_to_say(page, "today and always.")
    page.wait_for_function("() => !document.querySelector('[data-closeup] img').getAnimations().length")
    state = page.evaluate(CLOSEUP_STATE, "message")
    assert state["pxPerPt"] * _smallest_pt("message", "paper-boat") >= 12
    assert state["lineEnd"] - state["lineStart"] > state["right"] - state["left"]  # wider than the strip
    pan = page.evaluate(
        """() => { const f = document.querySelector('[data-closeup-window]');
                   return {start: f.scrollLeft, room: f.clientWidth, reach: f.scrollWidth}; }"""
    )
    # It opens at the box's middle, and a swipe reaches both ends of the box.
    box_middle = (state["lineStart"] + state["lineEnd"]) / 2
    assert abs(box_middle - (state["left"] + state["right"]) / 2) < 2
    start, end = state["lineStart"] - state["left"] + pan["start"], state["lineEnd"] - state["left"] + pan["start"]
    assert start >= 0 and end <= pan["reach"]
    page.locator("[data-closeup-window]").evaluate("(f) => { f.scrollLeft = 0; }")
    page.keyboard.type(" Love, Jo")
    wait_for_card_to_say(page, "Love, Jo")
    assert page.locator("[data-closeup-window]").evaluate("(f) => f.scrollLeft") == 0, "the swipe is kept"
    context.close()
    assert_clean(context.watch)


def test_typing_400_characters_at_5_keys_a_second_is_never_refused(browser):
    """The rate limiter on, at its default settings, on a server of its own (a fresh budget)."""
    text = ("Thinking of you both, today and always. We are here whenever you need us. " * 6)[:400]
    with live_server() as server:
        assert server.app.config["RATELIMIT_ENABLED"] is True
        context = open_context(browser, server, viewport=PHONE, has_touch=True)
        page = context.new_page()
        statuses = []
        page.on("response", lambda r: statuses.append(r.status) if r.url.endswith("/preview.json") else None)
        page.goto("/cards/forget-me-nots", timeout=30_000)
        page.click("#message")
        page.keyboard.type(text, delay=200)  # 5 keys a second: 80 seconds
        wait_for_card_to_say(page, text[-30:].strip())
        assert 429 not in statuses and len(statuses) > 40
        assert "paused" not in page.locator("[data-preview-note]").inner_text()
        context.close()
        assert_clean(context.watch)
