"""Help with the message in a real browser: a suggestion picked by keyboard alone goes into the message
and the preview, the gentle note follows typing and goes when the words change, and a card with a note
still downloads."""

from __future__ import annotations

from pathlib import Path

import pypdfium2  # noqa: F401  (imported by the helpers below through conftest)

from tests.browser.helpers import focused_matches, preview_seq, tab_to, wait_for_card_to_say, wait_for_preview_after
from tests.conftest import assert_text_in_pdf

CARD = "/cards/forget-me-nots"
NOTE = "#message-kindness li[data-rule='at-least']"


def _rules_ready(page) -> None:
    page.wait_for_selector("[data-kindness][data-rules-ready=true]", state="attached")


def test_a_suggestion_is_picked_by_keyboard_alone(page):
    page.goto(CARD)
    tab_to(page, "[data-suggestions] > summary")
    page.keyboard.press("Enter")
    assert page.locator("[data-suggestions]").evaluate("details => details.open")
    tab_to(page, "[data-suggestion]")
    text = page.evaluate("() => document.activeElement.querySelector('.suggestion-text').textContent")
    seq = preview_seq(page)
    page.keyboard.press("Enter")
    assert page.input_value("#message") == text
    assert focused_matches(page, "#message")
    wait_for_preview_after(page, seq)
    wait_for_card_to_say(page, text[:40])
    assert page.url.endswith(CARD), "the page was not posted: the words went straight in"


def test_choosing_who_it_is_for_changes_the_list_in_place(page):
    page.goto(CARD)
    page.get_by_text("Need words to start from?").click()
    before = page.locator("[data-suggestion] .suggestion-text").all_text_contents()
    page.get_by_label("A father or partner").check()
    page.wait_for_function(
        "() => document.querySelector('[data-suggestions]').dataset.suggestionsFor === 'father-or-partner'"
    )
    after = page.locator("[data-suggestion] .suggestion-text").all_text_contents()
    assert after and after != before
    assert (
        page.locator("[data-suggestions-status]")
        .inner_text()
        .startswith(f"{len(after)} suggestions for a father or partner")
    )
    assert page.get_by_role("button", name="Show suggestions").is_hidden()


def test_the_gentle_note_follows_typing_and_goes_when_reworded(page):
    page.goto(CARD)
    _rules_ready(page)
    page.click("#message")
    page.keyboard.type("At least you can try again.", delay=10)
    note = page.locator(NOTE)
    note.wait_for()
    assert "You might say:" in note.inner_text()
    assert page.locator("#message-kindness li").count() == 1, "one phrase, one note (as without JavaScript)"
    assert "message-kindness" in page.get_attribute("#message", "aria-describedby")
    assert page.locator("[data-kindness-announce]").inner_text().startswith("A gentle thought about your words")
    page.fill("#message", "I'm so sorry. I'm here, and I'm thinking of you.")
    note.wait_for(state="detached")
    assert page.locator("#message-kindness").inner_text() == ""
    assert page.locator("[data-kindness-announce]").inner_text() == "The note about your words has gone."


def test_a_card_with_a_note_still_downloads(page):
    page.goto(CARD)
    _rules_ready(page)
    page.fill("#message", "At least it was early. Love, Jo")
    page.locator(NOTE).wait_for()
    page.get_by_role("button", name="Continue to check and download").click()
    page.wait_for_selector("text=A note on your message")
    page.get_by_label("Print at home on A4").check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download", exact=True).click()
    pdf = Path(info.value.path()).read_bytes()
    assert_text_in_pdf(pdf, {"message": "At least it was early. Love, Jo"})
