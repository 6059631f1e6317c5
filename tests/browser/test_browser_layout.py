"""Layout in a real browser: phone first (390 px), side by side on a desktop, usable at 200% zoom and
at 320 px (400% zoom), big enough to tap, and a visible focus on everything a keyboard reaches."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_clean, open_context
from tests.browser.helpers import wait_for_card_to_say

CARD = "/cards/forget-me-nots"
PAGES = ["/", "/?tone=botanical", "/privacy", CARD]

NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


def _box(page, selector: str) -> dict:
    box = page.locator(selector).first.bounding_box()
    assert box, f"{selector} is not shown"
    return box


@pytest.fixture()
def phone(browser, server):
    context = open_context(browser, server, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()
    assert_clean(context.watch)


def _check_page(page):
    page.goto(CARD)
    page.fill("#recipient", "Dear Sam and Alex")
    page.fill("#message", "Thinking of you both.")
    page.get_by_role("button", name="Continue to check and download").click()
    page.wait_for_selector("[data-names]")
    page.wait_for_load_state("load")  # the stylesheet too, before anything is measured


def test_phone_layout_at_390px(phone):
    page = phone
    page.goto("/")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    # Two cards across, and the first row in view on landing (above the fold of an 844 px screen).
    tiles = page.locator(".card-tile img")
    xs = {round(tiles.nth(i).bounding_box()["x"]) for i in range(tiles.count())}
    assert len(xs) == 2
    first = tiles.first.bounding_box()
    assert first["width"] >= 150
    assert first["y"] + first["height"] / 4 < 844, "a quarter of the first cards shows without scrolling"

    page.goto(CARD)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    form, preview = _box(page, "#card-form"), _box(page, "#preview")
    assert preview["y"] >= form["y"] + form["height"], "on a phone the preview comes after the form"
    assert _box(page, "#message")["width"] >= 300

    _check_page(page)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)


def test_desktop_puts_form_and_preview_side_by_side(page):
    page.goto(CARD)
    form, preview = _box(page, "#card-form"), _box(page, "#preview")
    assert preview["x"] >= form["x"] + form["width"]
    assert abs(preview["y"] - form["y"]) < 40
    # All three panels are shown at once.
    for panel in ("front", "inside", "back"):
        assert page.locator(f"[data-pages] img[data-panel={panel}]").is_visible()


@pytest.mark.parametrize("width", [640, 320], ids=["200-percent-zoom", "400-percent-zoom"])
def test_pages_reflow_when_zoomed(browser, server, width):
    """A 1280 px window at 200% zoom lays out like a 640 px one (320 px at 400%): nothing may need
    sideways scrolling, and the personalise page stacks."""
    context = open_context(browser, server, viewport={"width": width, "height": 450})
    try:
        page = context.new_page()
        for path in PAGES:
            page.goto(path)
            assert page.evaluate(NO_SIDEWAYS_SCROLL), path
        page.goto(CARD)
        page.fill("#message", "Thinking of you both.")
        wait_for_card_to_say(page, "Thinking of you both.")
        form, preview = _box(page, "#card-form"), _box(page, "#preview")
        assert preview["y"] >= form["y"] + form["height"]
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
        _check_page(page)
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
    finally:
        context.close()
    assert_clean(context.watch)


TARGETS = "button:not([hidden]), select, input:not([type=hidden]), textarea, summary, nav a, .tile-name a"


def test_targets_are_big_enough_to_tap(phone):
    """WCAG 2.2 asks for 24 x 24 px at least; we aim for 44 px on the main controls."""
    page = phone
    for path in ("/", CARD):
        page.goto(path)
        sizes = page.evaluate(
            """(selector) => [...document.querySelectorAll(selector)]
                .filter((el) => el.getClientRects().length)
                .map((el) => {
                    // A card's link covers its whole tile (the picture included).
                    const target = el.matches('.tile-name a') ? el.closest('.card-tile') : el;
                    const box = target.getBoundingClientRect();
                    return [el.outerHTML.slice(0, 60), box.width, box.height];
                })""",
            TARGETS,
        )
        assert sizes
        small = [(html, w, h) for html, w, h in sizes if w < 24 or h < 24]
        assert small == [], path
        buttons = page.evaluate(
            "() => [...document.querySelectorAll('button, select, input[type=text]')]"
            ".filter((el) => el.getClientRects().length).map((el) => el.getBoundingClientRect().height)"
        )
        assert min(buttons) >= 44


FOCUS_STYLE = """() => {
    const el = document.activeElement;
    const ring = (node) => {
        const style = getComputedStyle(node);
        return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    };
    const tile = el.closest('.card-tile');
    return {
        tag: el.outerHTML.slice(0, 80),
        visible: ring(el) || (tile !== null && ring(tile)),
        inView: (() => {
            const box = el.getBoundingClientRect();
            return box.bottom > 0 && box.top < window.innerHeight;
        })(),
    };
}"""


@pytest.mark.parametrize("path", ["/", "/privacy", CARD, "check"])
def test_every_keyboard_stop_shows_where_focus_is(page, path):
    if path == "check":
        _check_page(page)
    else:
        page.goto(path)
    if path == CARD:  # the folded view's buttons too
        page.get_by_role("button", name="As a folded card").click()
        page.evaluate("() => document.querySelector('.skip').focus()")  # start from the top again
    seen = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLE)
        if state["tag"].startswith("<body"):
            break
        assert state["visible"], f"no visible focus on {state['tag']}"
        assert state["inView"], f"focus is out of view on {state['tag']}"
        if state["tag"] in seen:
            break
        seen.add(state["tag"])
    assert len(seen) >= 4


def test_skip_link_goes_to_the_content(page):
    page.goto(CARD)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to content"
    assert page.locator(".skip").bounding_box()["x"] >= 0  # shown when focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # The next stop is inside the main content, past the site's navigation.
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")
