"""The whole print-and-post path in Chromium: a sender orders a card for a date, the daily release
queues it, an operator signs in with a TOTP code, approves it, makes a batch and downloads its three
PDFs (the press PDF and the envelopes pass the press preflight), marks it printed and posted, the
sender's private link says posted, and the purge erases the words (checked in the database's files
on disk, for the encrypted words)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pyotp
import pypdfium2 as pdfium
from playwright.sync_api import expect
from sqlalchemy import func, select

from cardshop.orders.crypto import new_key
from cardshop.orders.models import Order
from cardshop.orders.posting import next_posting_day
from cardshop.studio.preflight import preflight
from tests.browser.conftest import assert_clean, open_context
from tests.browser.support import live_server
from tests.orders_support import pieces, sqlite_files
from tests.test_orders_store import ciphertexts, raw_dump

WORDS = {"recipient": "Dear Sam and Alex", "message": "Thinking of little Rowan on his day.", "sender": "Jo"}
PASSWORD = "a long operator password"


def _post_day() -> date:
    day = next_posting_day(date.today()) + timedelta(days=21)
    return day + timedelta(days=(7 - day.weekday()) % 7)  # a Monday three weeks or so ahead


def _order_card(page, post_on: date | None = None) -> None:
    """Write the card, check it, and order it posted: as soon as possible, or on `post_on`."""
    page.goto("/cards/forget-me-nots")
    for name, value in WORDS.items():
        page.fill(f"#{name}", value)
    page.get_by_role("button", name="Continue to check and download").click()
    page.wait_for_selector("text=Have it printed and posted")
    # The page's scripts keep what is typed in the tab from the moment they run: type after they have.
    page.wait_for_load_state("load")
    page.fill("#to_name", "Sam Rivers")
    page.fill("#to_street_address", "12 Larkspur Lane")
    page.fill("#to_city", "London")
    page.fill("#to_postal_code", "SW1A 1AA")
    if post_on is None:
        page.check("#when-asap")
    else:
        page.get_by_label("On a day I choose").check()
        page.fill("#post_on", post_on.isoformat())
    page.get_by_role("button", name="Order the printed card").click()
    page.wait_for_selector("text=Thank you")


def test_order_print_post_and_forget(browser, tmp_path):
    url = f"sqlite:///{tmp_path / 'orders.db'}"
    with live_server({"CARDSHOP_DATABASE_URL": url, "CARDSHOP_DATA_KEY": new_key()}) as server:
        runner = server.app.test_cli_runner()
        added = runner.invoke(args=["operators", "add", "ash", "--password", PASSWORD])
        assert added.exit_code == 0, added.output
        totp = pyotp.parse_uri(re.search(r"otpauth://\S+", added.output).group(0))
        context = open_context(browser, server)
        page = context.new_page()

        # The sender writes the card, checks it, and orders it posted on a chosen day.
        post_on = _post_day()
        _order_card(page, post_on)
        link = page.locator(".token-link").inner_text()
        reference = page.locator(".reference").inner_text()
        assert "Received" in page.content() and "It usually arrives between" in page.content()

        # The daily release, on the day before posting, queues it.
        released = runner.invoke(args=["orders", "release", "--today", (post_on - timedelta(days=1)).isoformat()])
        assert "Released 1 order" in released.output

        # An operator signs in with a password and a code, approves it and makes a batch.
        operator = context.new_page()
        operator.goto("/operator")
        operator.fill("#name", "ash")
        operator.fill("#password", PASSWORD)
        operator.get_by_role("button", name="Next").click()
        operator.fill("#code", totp.now())
        operator.get_by_role("button", name="Sign in").click()
        operator.wait_for_selector("text=Printing queue")
        item = operator.locator(f"#order-{reference}")
        assert item.locator("img").count() >= 2  # the card's preview
        item.get_by_role("button", name=f"Approve {reference}").click()
        operator.get_by_role("button", name="Make a print batch of the approved orders").click()
        operator.wait_for_selector("text=Print batch")
        for label in ("Press sheets and press files", "Envelopes", "Dispatch list"):
            with operator.expect_download() as info:
                operator.get_by_role("link", name=f"{label} (PDF)").click()
            pdf = Path(info.value.path()).read_bytes()
            assert len(pdfium.PdfDocument(pdf)) >= 1
            if label != "Dispatch list":  # the list is for the post room, not the press
                assert [str(finding) for finding in preflight(pdf)] == [], label
        operator.get_by_role("button", name="Mark the batch printed").click()
        operator.get_by_role("button", name="Mark the batch posted").click()
        operator.wait_for_selector("text=Posted. Thank you.")

        # The sender's link says posted.
        page.goto(link)
        assert page.locator("[data-state]").first.inner_text() == "Posted"

        # The purge erases the words: nothing personal is left in the database's files in any form, not
        # even encrypted.
        [ciphertext] = ciphertexts(server.app.extensions["cardshop_orders"].store)
        assert ciphertext in sqlite_files(url)
        purged = runner.invoke(args=["orders", "purge", "--days", "0"])
        assert "Erased the personal data of 1 order" in purged.output
        on_disk = sqlite_files(url)
        assert not any(piece in on_disk for piece in pieces(ciphertext))
        for secret in ("Rowan", "Sam Rivers", "Larkspur", "Dear Sam"):
            assert secret.encode() not in on_disk
        assert reference.encode() in raw_dump(server.app.extensions["cardshop_orders"].store)
        page.goto(link)
        assert "have been erased" in page.content()
        assert_clean(context.watch)
        assert not any(secret in server.logs.text for secret in ("Rowan", "Sam Rivers", link.rsplit("/", 1)[1]))
        context.close()


def test_back_and_order_again_makes_one_order(browser, tmp_path):
    """Back from the thank-you page brings the check page back (rebuilt from the tab); pressing Order
    again lands on the same order, not a second card in the post."""
    url = f"sqlite:///{tmp_path / 'orders.db'}"
    with live_server({"CARDSHOP_DATABASE_URL": url, "CARDSHOP_DATA_KEY": new_key()}) as server:
        context = open_context(browser, server)
        page = context.new_page()
        _order_card(page)
        reference = page.locator(".reference").inner_text()

        for _ in range(2):  # Back and order again, twice
            page.go_back()
            page.wait_for_url("**/cards/forget-me-nots/check")
            expect(page.locator("#to_street_address")).to_have_value("12 Larkspur Lane")  # put back from the tab
            page.get_by_role("button", name="Order the printed card").click()
            page.wait_for_selector("text=Thank you")
            assert page.locator(".reference").inner_text() == reference

        with server.app.extensions["cardshop_orders"].store.session() as session:
            assert session.scalar(select(func.count()).select_from(Order)) == 1
        context.close()
        assert_clean(context.watch)
