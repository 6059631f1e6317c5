"""Never losing a word, and a one-tap download, in a real browser at phone and laptop widths.

Back, Forward, reload and links from any step keep every field (the words are kept in the tab, never
on the server) and never show the browser's "Confirm Form Resubmission"; the check page opens with
one download chosen, and one tap downloads it and says what to do next.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_clean, open_context
from tests.browser.helpers import wait_for_card_to_say
from tests.browser.support import DESKTOP, PHONE

WORDS = {
    "recipient": "Dear Sam and Alex",
    "baby_name": "Rowan",
    "date": "15 March 2026",
    "message": "Thinking of you both, today and always.",
    "signoff": "With love",
    "sender": "Jo",
}
SIZES = {"phone": PHONE, "laptop": DESKTOP}


@pytest.fixture(params=sorted(SIZES))
def sized_page(request, browser, server):
    context = open_context(browser, server, viewport=SIZES[request.param], has_touch=request.param == "phone")
    yield context.new_page()
    context.close()
    assert_clean(context.watch)


def _write(page):
    page.goto("/cards/forget-me-nots", timeout=30_000)
    for name, value in WORDS.items():
        page.fill(f"#{name}", value)
    page.get_by_label("A5 (148 × 210 mm)").check()
    wait_for_card_to_say(page, "today and always")


def _assert_every_field_kept(page):
    # The tab's copy of the words is put back by a script once the page has loaded: wait for it.
    for name, value in WORDS.items():
        expect(page.locator(f"#{name}")).to_have_value(value)
    expect(page.get_by_label("A5 (148 × 210 mm)")).to_be_checked()


def _assert_check_page(page):
    # The whole page, styles and scripts: what is shown or hidden is then what a person sees.
    page.wait_for_load_state("load")
    expect(page.locator("h1")).to_have_text("Check your card")
    expect(page.locator("[data-names]")).to_have_text("Please check the names: Sam, Alex, Rowan, Jo")


def test_back_forward_and_reload_from_every_step_keep_every_field(sized_page):
    page = sized_page
    _write(page)
    page.get_by_role("button", name="Continue to check and download").click()
    _assert_check_page(page)
    # Its own address, not the form post (the page renames its history entry once its script runs).
    page.wait_for_url("**/cards/forget-me-nots/check")

    # The printing guide from the check page, then Back: the check page, not a browser error.
    page.get_by_role("link", name="how to print and fold your card").click()
    page.wait_for_url("**/printing")
    page.go_back()
    _assert_check_page(page)
    # Reloading the check page brings it back from the tab too.
    page.reload()
    _assert_check_page(page)

    # Back to the writing step: every field as it was (the browser alone brought back only the message).
    page.go_back()
    page.wait_for_url("**/cards/forget-me-nots")
    _assert_every_field_kept(page)
    page.reload()
    _assert_every_field_kept(page)
    wait_for_card_to_say(page, "today and always")  # and the preview shows them
    page.go_forward()
    _assert_check_page(page)


# What a sender types into the order and remember forms on the check page (the remembered baby's name
# typed over the one the page fills in from the card). No email: this server sends no mail, so its
# order form asks for none.
CHECK_FIELDS = {
    "#to_name": "Sam Rivers",
    "#to_street_address": "12 Larkspur Lane",
    "#to_city": "Llandudno",
    "#to_postal_code": "LL30 2AB",
    "#remember-due_date": "2026-03-15",
    "#remember-baby_name": "Rowan Rose",
}
CHECK_CHOICES = ("#when-asap", "#remember-remembrance_day")


def _assert_check_fields_kept(page):
    for selector, value in CHECK_FIELDS.items():
        expect(page.locator(selector)).to_have_value(value)
    for selector in CHECK_CHOICES:
        expect(page.locator(selector)).to_be_checked()
    expect(page.get_by_label("UK and Ireland: Mothering Sunday, three weeks before Easter")).to_be_checked()


def test_order_and_remember_fields_on_the_check_page_survive_the_guide_and_back(sized_page):
    page = sized_page
    _write(page)
    page.get_by_role("button", name="Continue to check and download").click()
    _assert_check_page(page)
    page.wait_for_url("**/cards/forget-me-nots/check")
    for selector, value in CHECK_FIELDS.items():
        page.fill(selector, value)
    for selector in CHECK_CHOICES:
        page.check(selector)
    page.locator("summary", has_text="Mother’s Day").click()  # the countries are folded until asked for
    page.get_by_label("UK and Ireland: Mothering Sunday, three weeks before Easter").check()

    page.get_by_role("link", name="how to print and fold your card").click()
    page.wait_for_url("**/printing")
    page.go_back()
    _assert_check_page(page)
    _assert_check_fields_kept(page)
    page.reload()  # rebuilt from the tab
    _assert_check_page(page)
    _assert_check_fields_kept(page)


def test_change_something_and_links_away_keep_the_words(sized_page):
    page = sized_page
    _write(page)
    page.get_by_role("button", name="Continue to check and download").click()
    _assert_check_page(page)
    page.get_by_role("button", name="Change something").click()
    # The post answered, but the address is the card's own.
    page.wait_for_url(re.compile(r"/cards/forget-me-nots(#main)?$"))
    _assert_every_field_kept(page)
    # Away to another page by a link and back to the card by a link: still every word.
    page.get_by_role("link", name="What to write", exact=True).first.click()
    page.wait_for_url("**/what-to-write")
    page.goto("/cards/forget-me-nots")
    _assert_every_field_kept(page)
    page.reload()
    _assert_every_field_kept(page)


def test_words_stay_in_the_tab_only(browser, server):
    context = open_context(browser, server)
    page = context.new_page()
    _write(page)
    # Another tab does not see them, and nothing but the session cookie is stored.
    other = context.new_page()
    other.goto("/cards/forget-me-nots")
    assert other.input_value("#recipient") == ""
    assert [cookie["name"] for cookie in context.cookies()] == ["session"]
    other.goto("/cards/forget-me-nots/check")
    other.wait_for_selector("[data-check-missing]:not([hidden])")
    context.close()
    assert_clean(context.watch)
    for value in WORDS.values():
        assert value not in server.logs.text


def test_default_download_in_one_tap_then_what_now(sized_page):
    page = sized_page
    _write(page)
    page.get_by_role("button", name="Continue to check and download").click()
    _assert_check_page(page)
    # One choice already made; the envelope's addresses only appear with the envelope.
    assert page.is_checked("input[value=home-a4]")
    assert not page.is_visible("#address")
    assert not page.is_visible("input[value=envelope]")  # under "More ways to print"
    with page.expect_download() as info:
        page.get_by_role("button", name="Download", exact=True).click()
    assert info.value.suggested_filename == "forget-me-nots-home-a4.pdf"
    after = page.locator("[data-after-download]")
    after.wait_for()
    assert "Fold the sheet in half" in after.inner_text()  # A5 on A4: one sheet, folded once
    assert page.evaluate("() => document.activeElement.matches('[data-after-download]')")

    page.get_by_text("More ways to print").click()
    page.get_by_label("Envelope").check()
    assert page.is_visible("#address")


def test_us_english_gets_letter_by_default(browser, server):
    context = open_context(browser, server, locale="en-US")
    page = context.new_page()
    page.goto("/cards/forget-me-nots")
    page.fill("#message", "Thinking of you.")
    page.get_by_role("button", name="Continue to check and download").click()
    page.wait_for_selector("text=Check your card")
    assert page.is_checked("input[value=home-letter]")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download", exact=True).click()
    assert info.value.suggested_filename == "forget-me-nots-home-letter.pdf"
    context.close()
    assert_clean(context.watch)


def test_a_check_page_reloaded_with_words_that_need_attention_opens_the_card(page):
    page.goto("/cards/forget-me-nots")
    page.fill("#message", "Thinking of you.")
    page.get_by_role("button", name="Continue to check and download").click()
    page.wait_for_selector("text=There are no names on this card.")
    # Wait for the check page's script (it renames the address, then saves the words it was sent), so
    # the edit below is not overwritten by that save.
    page.wait_for_url("**/cards/forget-me-nots/check")
    # The message made too long in the tab (as if edited in another window), then the check page reloaded.
    page.evaluate(
        """() => { const key = 'cardshop:words:forget-me-nots';
        const kept = JSON.parse(sessionStorage.getItem(key)); kept.message = ' ' + 'x'.repeat(5000);
        sessionStorage.setItem(key, JSON.stringify(kept)); }"""
    )
    page.reload()
    page.wait_for_url("**/cards/forget-me-nots")
    expect(page.locator("#message")).to_have_value(re.compile(r"^\s*x{5000}\s*$"))  # put back by a script
    page.wait_for_selector("#message-error p")
