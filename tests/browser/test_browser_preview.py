"""The live preview in a real browser: it follows the sender's typing, shows fit problems beside their
field, says what the card says, folds, and moves only for those who have not asked for less motion."""

from __future__ import annotations

import base64

from cardshop.studio.samples import longest, text_of_length
from tests.browser.conftest import assert_clean, open_context
from tests.browser.helpers import preview_seq, wait_for_card_to_say, wait_for_preview_after

INSIDE = "[data-pages] img[data-panel=inside]"


def _image_bytes(page, selector: str) -> bytes:
    src = page.locator(selector).get_attribute("src")
    assert src.startswith("data:image/jpeg;base64,")
    return base64.b64decode(src.split(",", 1)[1])


def _wait_for_folded_to_show_the_preview(page) -> None:
    """The folded view's inside is the very image the preview shows (a sharper copy of both may follow a
    pause, so compare them in one step, and wait rather than read once)."""
    page.wait_for_function(
        "() => document.querySelector('[data-folded] img[data-panel=inside]').src === "
        "document.querySelector('[data-pages] img[data-panel=inside]').src"
    )


def test_preview_follows_typing_and_ends_on_the_last_words(page):
    page.goto("/cards/forget-me-nots")
    before = _image_bytes(page, INSIDE)
    page.click("#message")
    # Typed quickly: older requests are cancelled or ignored, and the last words win.
    page.keyboard.type("Thinking of you both today and always, with all our love.", delay=15)
    wait_for_card_to_say(page, "with all our love.")
    assert _image_bytes(page, INSIDE) != before
    words = page.locator("[data-card-words]").text_content()
    assert "Thinking of you both today and always, with all our love." in words
    assert page.locator("[data-preview-note]").inner_text().startswith("This is your card with your words")
    # The sender's words are also in the alt text of the inside, which is what a screen reader reads.
    assert page.get_by_role("img", name="Thinking of you both today", exact=False).count() == 1


def test_fit_problem_appears_beside_its_field_while_typing_and_clears(page):
    page.goto("/cards/forget-me-nots")
    page.fill("#message", "Love.")
    wait_for_card_to_say(page, "Love.")
    # Every field within its own limits (19 short lines and a long paragraph, the longest names), but
    # together more than the slot they share can hold.
    names = {name: value for name, value in longest().items() if name in ("recipient", "signoff", "sender")}
    for name, value in names.items():
        page.fill(f"#{name}", value)
    # The last card that printed: every name and "Love.". (The longest recipient and sender are the same
    # words, so the card must say them twice, after the sign-off: one alone may be only the recipient.)
    page.wait_for_function(
        """([recipient, signoff, sender]) => {
            const alt = document.querySelector('[data-pages] img[data-panel=inside]').alt;
            const at = alt.indexOf(recipient);
            const after = alt.indexOf(signoff, at + recipient.length);
            return at >= 0 && after >= 0 && alt.indexOf(sender, after + signoff.length) >= 0;
        }""",
        arg=[names["recipient"], names["signoff"], names["sender"]],
    )
    # What it says, not its bytes: once typing pauses, a sharper copy of the same card may follow.
    good_card = page.locator(INSIDE).get_attribute("alt")
    seq = preview_seq(page)
    page.fill("#message", "\n".join(["Love,"] * 19 + [text_of_length(450 - 19 * 6)]))
    wait_for_preview_after(page, seq)
    error = page.locator("#message-error")
    assert "shorten it by about" in error.inner_text()
    assert page.get_attribute("#message", "aria-invalid") == "true"
    assert "message-error" in page.get_attribute("#message", "aria-describedby")
    # The preview keeps the last card that printed, and says so.
    assert page.locator(INSIDE).get_attribute("alt") == good_card
    assert "don't fit yet" in page.locator("[data-preview-note]").inner_text()
    announced = page.locator("[data-announce]").inner_text()
    assert announced.startswith("Your message: There isn't quite room")

    seq = preview_seq(page)
    page.fill("#message", "Love, always.")
    for name in ("recipient", "signoff", "sender"):
        page.fill(f"#{name}", "")
    wait_for_preview_after(page, seq)
    assert "Love, always." in page.locator(INSIDE).get_attribute("alt")
    assert error.inner_text() == ""
    assert page.get_attribute("#message", "aria-invalid") == "false"
    assert page.locator("[data-announce]").inner_text() == "All fine now. The preview shows your words."


def test_an_empty_message_is_not_scolded_before_the_sender_gets_there(page):
    page.goto("/cards/forget-me-nots")
    page.fill("#recipient", "Dear Kim")
    wait_for_card_to_say(page, "Dear Kim")
    assert page.locator("#message-error").inner_text() == ""
    page.fill("#message", "x")
    wait_for_card_to_say(page, "x.")
    seq = preview_seq(page)
    page.fill("#message", "")
    wait_for_preview_after(page, seq)
    assert "the card needs a message" in page.locator("#message-error").inner_text()


def test_too_long_field_is_explained_beside_it(page):
    page.goto("/cards/forget-me-nots")
    seq = preview_seq(page)
    page.fill("#sender", "J" * 70)
    wait_for_preview_after(page, seq)
    assert "60 characters or fewer; it has 70 now" in page.locator("#sender-error").inner_text()


def test_changing_the_size_changes_the_preview(page):
    page.goto("/cards/forget-me-nots")
    before = page.locator(INSIDE).get_attribute("height"), page.locator(INSIDE).get_attribute("width")
    seq = preview_seq(page)
    page.get_by_label("4.25 × 5.5 in (US A2)").check()
    wait_for_preview_after(page, seq)
    after = page.locator(INSIDE).get_attribute("height"), page.locator(INSIDE).get_attribute("width")
    # US A2 is a little wider for its height than A6.
    assert int(after[1]) / int(after[0]) > int(before[1]) / int(before[0])


def test_folded_view_opens_the_card_and_turns_it_over(page):
    page.goto("/cards/forget-me-nots")
    page.fill("#message", "Thinking of you.")
    wait_for_card_to_say(page, "Thinking of you.")
    page.get_by_role("button", name="As a folded card").click()
    folded = page.locator("[data-folded]")
    assert folded.is_visible()
    assert not page.locator("[data-pages]").is_visible()
    # The folded view shows the same images as the pages.
    _wait_for_folded_to_show_the_preview(page)
    page.get_by_role("button", name="Open it").click()
    assert folded.get_attribute("data-state") == "open"
    assert page.get_by_role("button", name="Open it").get_attribute("aria-pressed") == "true"
    assert "inside pages" in page.locator("[data-fold-now]").inner_text()
    page.get_by_role("button", name="Back", exact=True).click()
    assert folded.get_attribute("data-state") == "back"
    # Typing while folded keeps the folded images current too.
    page.get_by_role("button", name="All pages").click()
    page.fill("#message", "Still thinking of you.")
    wait_for_card_to_say(page, "Still thinking of you.")
    _wait_for_folded_to_show_the_preview(page)


def _leaf_transition(page) -> str:
    page.goto("/cards/forget-me-nots")
    page.get_by_role("button", name="As a folded card").click()
    return page.evaluate("() => getComputedStyle(document.querySelector('.folded-leaf')).transitionDuration")


def test_folding_moves_only_without_a_reduced_motion_preference(browser, server):
    for motion, expected in (("no-preference", "0.7s"), ("reduce", "0s")):
        context = open_context(browser, server, reduced_motion=motion)
        try:
            assert _leaf_transition(context.new_page()) == expected
        finally:
            context.close()
        assert_clean(context.watch)


def test_preview_button_takes_a_phone_user_to_the_preview(browser, server):
    context = open_context(browser, server, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto("/cards/forget-me-nots")
        page.fill("#message", "Thinking of you.")
        page.get_by_role("button", name="Show preview").click()
        wait_for_card_to_say(page, "Thinking of you.")
        page.wait_for_function("() => document.activeElement.id === 'preview-heading'")
        box = page.locator("#preview-heading").bounding_box()
        assert 0 <= box["y"] < 844
    finally:
        context.close()
    assert_clean(context.watch)
