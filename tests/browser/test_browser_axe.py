"""axe-core on every page and state, at desktop and phone widths: zero violations allowed.

axe runs every rule tagged WCAG 2.0, 2.1 or 2.2 A or AA (target size included) and its best practices.
Each state is reached the way a sender reaches it, in a real browser with JavaScript on (and a few
once more without our scripts).
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import assert_clean, open_context
from tests.browser.helpers import preview_seq, wait_for_card_to_say, wait_for_preview_after
from tests.browser.support import DESKTOP, PHONE

AXE = Axe()
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}
CARD = "/cards/forget-me-nots"


def _gallery(page):
    page.goto("/")


def _gallery_filtered(page):
    page.goto("/")
    if page.locator("#filter-tone").is_hidden():  # folded on a phone
        page.get_by_text("Find a card").click()
    page.select_option("#filter-tone", "botanical")
    page.wait_for_function("() => location.search.includes('tone=botanical')")


def _gallery_no_match(page):
    page.goto("/?tone=faith&recipient=own-news")


def _privacy(page):
    page.goto("/privacy")


def _not_found(page):
    page.context.watch.expected_failures.add(page.context.watch.origin + "/cards/no-such-card")
    page.goto("/cards/no-such-card")


def _empty_form(page):
    page.goto(CARD)


def _errors_after_posting(page):
    """Posted with an empty message and a name that is too long: the error summary and field errors."""
    page.goto(CARD)
    page.fill("#sender", "J" * 70)
    page.get_by_role("button", name="Continue to check and download").click()
    page.wait_for_selector("[data-error-summary]")


def _errors_while_typing(page):
    page.goto(CARD)
    seq = preview_seq(page)
    page.fill("#message", "\n".join(["Love."] * 70))
    wait_for_preview_after(page, seq)
    page.wait_for_selector("#message-error p")


def _preview_loaded(page):
    page.goto(CARD)
    page.fill("#recipient", "Dear Sam and Alex")
    page.fill("#message", "Thinking of you both.")
    wait_for_card_to_say(page, "Thinking of you both.")
    page.get_by_text("What the card says, in words").click()


def _folded_open(page):
    _preview_loaded(page)
    page.get_by_role("button", name="As a folded card").click()
    page.get_by_role("button", name="Open it").click()


def _check_page(page):
    page.goto(CARD)
    page.fill("#recipient", "Dear Sam and Alex")
    page.fill("#message", "Thinking of you both.")
    page.fill("#sender", "Jo")
    page.get_by_role("button", name="Continue to check and download").click()
    page.wait_for_selector("[data-names]")


def _after_download(page):
    """The check page after a download: what now, and the envelope's addresses shown."""
    _check_page(page)
    with page.expect_download():
        page.get_by_role("button", name="Download", exact=True).click()
    page.wait_for_selector("[data-after-download]:not([hidden])")
    page.get_by_text("More ways to print").click()
    page.get_by_label("Envelope").check()


def _check_reloaded(page):
    """The check step at its own address, rebuilt from the words kept in the tab."""
    _check_page(page)
    page.reload()
    page.wait_for_selector("[data-names]")


def _writing_closeup(page):
    page.goto(CARD)
    page.click("#message")
    page.keyboard.type("Thinking of you.")
    wait_for_card_to_say(page, "Thinking of you.")
    page.wait_for_selector("[data-closeup]:not([hidden])")


def _suggestions_and_note(page):
    """Suggestions open, a gentle note beside the message."""
    page.goto(CARD)
    page.wait_for_selector("[data-kindness][data-rules-ready=true]", state="attached")
    page.get_by_text("Need words to start from?").click()
    page.get_by_label("Include faith-based words").check()
    page.wait_for_selector(".suggestion .tag")
    page.fill("#message", "At least you can try again.")
    page.wait_for_selector("#message-kindness li")


def _suggestions_posted(page):
    """Without our scripts: a suggestion chosen and a note shown, after the page came back."""
    page.goto(CARD)
    page.fill("#message", "At least you can try again.")
    page.get_by_text("Need words to start from?").click()
    page.locator("[data-suggestion]").first.click()
    page.wait_for_selector("#message-kindness li")


def _what_to_write(page):
    page.goto("/what-to-write")


STATES = {
    "gallery": _gallery,
    "gallery-filtered": _gallery_filtered,
    "gallery-no-match": _gallery_no_match,
    "privacy": _privacy,
    "not-found": _not_found,
    "personalise-empty": _empty_form,
    "personalise-errors-posted": _errors_after_posting,
    "personalise-errors-live": _errors_while_typing,
    "personalise-preview-loaded": _preview_loaded,
    "personalise-folded-open": _folded_open,
    "check": _check_page,
    "check-after-download": _after_download,
    "check-reloaded": _check_reloaded,
    "personalise-writing-closeup": _writing_closeup,
    "personalise-suggestions-and-note": _suggestions_and_note,
    "personalise-suggestion-posted": _suggestions_posted,
    "what-to-write": _what_to_write,
}


def _violations(page) -> list[str]:
    # After a click that posts a form, the new page may be parsed before its stylesheet has loaded.
    page.wait_for_load_state("load")
    results = AXE.run(page, options=AXE_OPTIONS)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"])
        for violation in results.response["violations"]
    ]


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("state", list(STATES))
def test_axe_reports_no_violations(browser, server, state, width):
    viewport = DESKTOP if width == "desktop" else PHONE
    _assert_no_violations(open_context(browser, server, viewport=viewport), state)


@pytest.mark.parametrize(
    "state",
    ["gallery-no-match", "personalise-empty", "personalise-errors-posted", "check", "personalise-suggestion-posted"],
)
def test_axe_reports_no_violations_without_our_scripts(browser, server, state):
    """The pages as they are when our scripts don't run. (axe itself needs JavaScript, so our scripts
    are answered with nothing rather than switching JavaScript off.)"""
    context = open_context(browser, server)
    context.route("**/static/*.js", lambda route: route.fulfill(body="", content_type="text/javascript"))
    _assert_no_violations(context, state)


def _assert_no_violations(context, state: str) -> None:
    """Bring `context` to `state`, run axe, and check nothing left the machine or hit the console."""
    try:
        page = context.new_page()
        STATES[state](page)
        assert _violations(page) == []
    finally:
        context.close()
    assert_clean(context.watch)


def test_axe_finds_a_planted_violation(page):
    """The check above can fail: an image without alt text and a control without a name are caught."""
    page.goto("/privacy")
    page.evaluate(
        """() => {
            const img = document.createElement("img");
            img.src = "/static/favicon.svg";
            const button = document.createElement("button");
            document.querySelector("main").append(img, button);
        }"""
    )
    found = " ".join(_violations(page))
    assert "image-alt" in found and "button-name" in found
