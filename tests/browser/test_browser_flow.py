"""From the gallery to a downloaded PDF in a real browser: by mouse, by keyboard alone, and without JavaScript."""

from __future__ import annotations

from pathlib import Path

from cardshop.studio.catalogue import load_catalog
from tests.browser.conftest import assert_clean, open_context
from tests.browser.helpers import preview_seq, tab_to, wait_for_card_to_say, wait_for_preview_after
from tests.conftest import assert_text_in_pdf

CATALOG = load_catalog()
BOTANICAL = sum("botanical" in loaded.design.categories.tone for loaded in CATALOG.designs.values())
BOTANICAL_RESULTS = f"{BOTANICAL} of {len(CATALOG.designs)} cards"

WORDS = {
    "recipient": "Dear Sam and Alex",
    "baby_name": "Rowan",
    "message": "I'm so sorry. I don't know what to say, but I'm here, and I'm thinking of you both.",
    "signoff": "With love",
    "sender": "Jo",
}
NAMES = "Please check the names: Sam, Alex, Rowan, Jo"


def _downloaded_pdf(download) -> bytes:
    return Path(download.path()).read_bytes()


def test_gallery_to_pdf_by_mouse(page, server):
    page.goto("/")
    # Filter to botanical cards: the results change in place and the address follows.
    page.select_option("#filter-tone", "botanical")
    page.wait_for_function("() => location.search.includes('tone=botanical')")
    results = page.locator("[data-results] h2")
    assert results.inner_text().startswith(BOTANICAL_RESULTS)
    # A click anywhere on the tile, the picture included, opens the card.
    picture = page.locator("[data-results] li:has(a[href='/cards/forget-me-nots']) img")
    picture.scroll_into_view_if_needed()
    box = picture.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/cards/forget-me-nots")

    seq = preview_seq(page)
    for name, value in WORDS.items():
        page.click(f"#{name}")
        page.keyboard.type(value)
    wait_for_card_to_say(page, "thinking of you both")
    assert wait_for_preview_after(page, seq) > seq

    page.get_by_role("button", name="Continue to check and download").click()
    page.wait_for_selector("text=Check your card")
    assert page.locator("[data-names]").inner_text() == NAMES
    page.get_by_label("Print at home on A4").check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download", exact=True).click()
    download = info.value
    assert download.suggested_filename == "forget-me-nots-home-a4.pdf"
    assert_text_in_pdf(_downloaded_pdf(download), WORDS)

    # Private by default: the only cookie is the CSRF session, and nothing typed reached a log.
    cookies = page.context.cookies()
    assert [cookie["name"] for cookie in cookies] == ["session"]
    assert cookies[0]["httpOnly"] is True
    for value in WORDS.values():
        assert value not in server.logs.text
    assert "Rowan" not in server.logs.text


def test_gallery_to_pdf_by_keyboard_alone(page):
    page.goto("/")
    tab_to(page, "#filter-tone")
    page.keyboard.type("Bot")  # type-ahead picks "Botanical"
    page.wait_for_function("() => location.search.includes('tone=botanical')")
    tab_to(page, "[data-results] a[href='/cards/forget-me-nots']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cards/forget-me-nots")

    for name, value in WORDS.items():
        tab_to(page, f"#{name}")
        page.keyboard.type(value)
    wait_for_card_to_say(page, "thinking of you both")

    # The size is a radio group: arrow keys move between sizes, and the preview follows.
    tab_to(page, "input[name=size]")
    seq = preview_seq(page)
    page.keyboard.press("ArrowRight")
    assert page.evaluate("() => document.querySelector('input[name=size]:checked').value") == "A5"
    wait_for_preview_after(page, seq)

    tab_to(page, "button[value=check]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Check your card")
    assert page.locator("[data-names]").inner_text() == NAMES
    # The download choice is a radio group too: Tab reaches it, Space picks the first choice.
    tab_to(page, "input[name=layout]")
    page.keyboard.press("Space")
    assert page.evaluate("() => document.querySelector('input[name=layout]:checked').value") == "home-a4"
    tab_to(page, "button[value=download]")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename == "forget-me-nots-home-a4.pdf"
    pdf = _downloaded_pdf(info.value)
    assert_text_in_pdf(pdf, WORDS)
    assert b"/MediaBox" in pdf


def test_going_back_from_the_check_page_keeps_the_words(page):
    page.goto("/cards/forget-me-nots")
    page.fill("#message", WORDS["message"])
    page.fill("#sender", "Jo")
    page.get_by_role("button", name="Continue to check and download").click()
    page.get_by_role("button", name="Change something").click()
    page.wait_for_selector("#card-form")
    assert page.input_value("#message") == WORDS["message"]
    assert page.input_value("#sender") == "Jo"
    assert "thinking of you both" in page.locator("[data-pages] img[data-panel=inside]").get_attribute("alt")


def test_the_whole_path_works_without_javascript(browser, server):
    context = open_context(browser, server, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/?tone=botanical")
        assert page.locator("[data-results] h2").inner_text().startswith(BOTANICAL_RESULTS)
        page.get_by_role("link", name="Forget-me-nots").click()
        for name, value in WORDS.items():
            page.fill(f"#{name}", value)
        page.get_by_role("button", name="Show preview").click()
        page.wait_for_url("**/cards/forget-me-nots#preview")
        assert "thinking of you both" in page.locator("[data-pages] img[data-panel=inside]").get_attribute("alt")
        page.get_by_role("button", name="Continue to check and download").click()
        assert page.locator("[data-names]").inner_text() == NAMES
        page.get_by_label("Send to a print shop", exact=True).check()
        with page.expect_download() as info:
            page.get_by_role("button", name="Download", exact=True).click()
        assert_text_in_pdf(_downloaded_pdf(info.value), WORDS)
    finally:
        context.close()
    assert_clean(context.watch)
