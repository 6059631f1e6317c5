"""An address the form accepts must fit its envelope: checked when the order is placed or changed (a
kind 422 naming the field), and a batch with an order whose envelope can't be made lists it and still
prints the rest, until an operator takes it out (on the batch page or with `orders fail`). On SQLite
and on PostgreSQL."""

from __future__ import annotations

import re
from html import unescape

import pyotp
import pypdfium2 as pdfium
import pytest
from sqlalchemy import select

from cardshop import create_app
from cardshop.orders import lifecycle
from cardshop.orders.crypto import new_key
from cardshop.orders.database import utcnow
from cardshop.orders.models import Order
from cardshop.orders.operators import add_operator
from tests.conftest import csrf_token, pdf_text
from tests.test_operator_web import PASSWORD
from tests.test_orders_web import ADDRESS, SLUG, _errors, order_form

# Valid for the form (every street line within 50 characters), but the widest letters on the smallest
# envelope (US A2, for the 4.25x5.5 card) leave the return address no room.
WIDE = {
    "to_name": "W" * 60,
    "to_street_address": "W" * 50 + "\n" + "W" * 50,
    "to_city": "W" * 50,
    "from_country": "GB",
    "from_country_shown": "GB",
    "from_name": "W" * 60,
    "from_street_address": "W" * 50 + "\n" + "W" * 50,
    "from_city": "W" * 50,
    "from_postal_code": "SW1A 1AA",
    "size": "4.25x5.5",
}


@pytest.fixture()
def shop(database_url):
    app = create_app({"TESTING": True, "CARDSHOP_DATABASE_URL": database_url, "CARDSHOP_DATA_KEY": new_key()})
    orders = app.extensions["cardshop_orders"]
    with orders.store.session() as session:
        made = add_operator(session, orders.cipher, "ash", PASSWORD, utcnow())
    app.totp = pyotp.parse_uri(made.otpauth_uri)
    return app


def test_an_address_too_wide_for_its_envelope_is_refused_kindly_when_ordered(shop):
    client = shop.test_client()
    response = client.post(f"/cards/{SLUG}/order", data=order_form(client, **WIDE))
    assert response.status_code == 422
    errors = _errors(response)
    assert "There isn't quite room for your address on a US A2 envelope" in errors["from_name"], errors
    with shop.extensions["cardshop_orders"].store.session() as session:
        assert session.scalar(select(Order)) is None
    # The same address on a card whose envelope is larger goes through.
    fits = client.post(f"/cards/{SLUG}/order", data=order_form(client, **{**WIDE, "size": "A6"}))
    assert fits.status_code == 303


def test_changing_to_an_address_too_wide_for_the_envelope_is_refused(shop):
    client = shop.test_client()
    placed = client.post(f"/cards/{SLUG}/order", data=order_form(client, size="4.25x5.5"))
    link = placed.headers["Location"].split("?")[0]
    change = {**ADDRESS, **WIDE, "csrf_token": csrf_token(client, f"/cards/{SLUG}"), "when": "asap"}
    response = client.post(f"{link}/change", data=change)
    assert response.status_code == 422 and "from_name" in _errors(response)
    assert "W" * 50 not in client.get(link).get_data(as_text=True)  # nothing was changed


def _sign_in(client, app):
    token = csrf_token(client, "/operator/sign-in")
    client.post("/operator/sign-in", data={"csrf_token": token, "name": "ash", "password": PASSWORD})
    token = csrf_token(client, "/operator/code")
    assert client.post("/operator/code", data={"csrf_token": token, "code": app.totp.now()}).status_code == 303


def _batch_with_one_unprintable_envelope(shop) -> tuple[str, str, str]:
    """A batch of two approved orders; the second's return address was made too wide after it was placed
    (as by an order from before the check, or a design whose sizes changed). Returns (batch path, the
    good order's reference, the bad one's)."""
    sender = shop.test_client()
    for _ in range(2):
        assert sender.post(f"/cards/{SLUG}/order", data=order_form(sender, size="4.25x5.5")).status_code == 303
    orders = shop.extensions["cardshop_orders"]
    with orders.store.session() as session:
        good, bad = session.scalars(select(Order).order_by(Order.id)).all()
        personal = lifecycle.personal_of(orders.cipher, bad)
        wide = {"country": "GB", "name": "W" * 60, "street_address": "W" * 50 + "\nW", "city": "W" * 50}
        personal["address"] = personal["return_address"] = {**wide, "postal_code": "SW1A 1AA"}
        bad.personal = orders.cipher.encrypt(personal)
        lifecycle.release_due(session, orders.today())
        references = good.reference, bad.reference
    client = shop.test_client()
    _sign_in(client, shop)
    token = csrf_token(client, "/operator")
    for reference in references:
        client.post(f"/operator/orders/{reference}/approve", data={"csrf_token": token})
    made = client.post("/operator/batches", data={"csrf_token": token})
    shop.operator_client = client
    return made.headers["Location"], *references


def test_one_order_that_cant_be_printed_is_listed_and_the_rest_still_print(shop):
    batch_path, good, bad = _batch_with_one_unprintable_envelope(shop)
    client = shop.operator_client
    page = unescape(client.get(batch_path).get_data(as_text=True))
    assert f'data-left-out="{bad}"' in page and f'data-left-out="{good}"' not in page
    assert "Envelope, return address: There isn't quite room for your address on a US A2 envelope" in page
    pdfs = {document: client.get(f"{batch_path}/{document}.pdf") for document in ("press", "envelopes", "dispatch")}
    assert all(response.status_code == 200 for response in pdfs.values())
    for document in ("press", "dispatch"):
        text = pdf_text(pdfs[document].data)
        assert good in text and bad not in text, document
    assert len(pdfium.PdfDocument(pdfs["envelopes"].data)) == 1
    batch_reference = batch_path.rsplit("/", 1)[1]
    assert batch_reference in pdf_text(pdfs["press"].data)  # on the press sheets' slug line
    # The operator takes it out: it is failed, the page no longer lists it, and the sender is told.
    token = csrf_token(client, "/operator")
    taken = client.post(f"/operator/orders/{bad}/fail", data={"csrf_token": token})
    assert taken.status_code == 303 and taken.headers["Location"].endswith(batch_path)
    assert "data-left-out" not in client.get(batch_path).get_data(as_text=True)
    assert client.post(f"{batch_path}/printed", data={"csrf_token": token}).status_code == 303
    with shop.extensions["cardshop_orders"].store.session() as session:
        states = {order.reference: order.state for order in session.scalars(select(Order))}
    assert states == {good: "printed", bad: "failed"}


def test_orders_fail_takes_an_order_out_from_the_command_line(shop):
    batch_path, good, bad = _batch_with_one_unprintable_envelope(shop)
    runner = shop.test_cli_runner()
    result = runner.invoke(args=["orders", "fail", bad.lower()])
    assert result.exit_code == 0 and f"Order {bad} is taken out" in result.output
    again = runner.invoke(args=["orders", "fail", bad])
    assert again.exit_code == 1 and "it can't be failed now" in again.output
    assert runner.invoke(args=["orders", "fail", "CS-0000-0000"]).exit_code == 1
    page = shop.operator_client.get(batch_path).get_data(as_text=True)
    assert "data-left-out" not in page and re.search(rf"{bad}: failed", page)


def test_an_order_whose_design_art_broke_is_left_out_and_the_rest_print(database_url, templates_copy, monkeypatch):
    app = create_app(
        {
            "TESTING": True,
            "CARDSHOP_DATABASE_URL": database_url,
            "CARDSHOP_DATA_KEY": new_key(),
            "CARDSHOP_TEMPLATES_DIR": templates_copy,
        }
    )
    orders = app.extensions["cardshop_orders"]
    with orders.store.session() as session:
        app.totp = pyotp.parse_uri(add_operator(session, orders.cipher, "ash", PASSWORD, utcnow()).otpauth_uri)
    sender = app.test_client()
    for _ in range(2):
        assert sender.post(f"/cards/{SLUG}/order", data=order_form(sender)).status_code == 303
    with orders.store.session() as session:
        broken, good = session.scalars(select(Order).order_by(Order.id)).all()
        good.slug = "olive-wreath"  # the same fields, another design whose artwork stays whole
        lifecycle.release_due(session, orders.today())
        references = broken.reference, good.reference
    client = app.test_client()
    _sign_in(client, app)
    token = csrf_token(client, "/operator")
    for reference in references:
        client.post(f"/operator/orders/{reference}/approve", data={"csrf_token": token})
    batch_path = client.post("/operator/batches", data={"csrf_token": token}).headers["Location"]
    assert "data-left-out" not in client.get(batch_path).get_data(as_text=True)
    art = templates_copy / SLUG / "front.svg"
    art.write_bytes(art.read_bytes()[:200])  # cut short on disk, as by a half-finished copy

    page = unescape(client.get(batch_path).get_data(as_text=True))
    assert f'data-left-out="{references[0]}"' in page and f'data-left-out="{references[1]}"' not in page
    assert f"Card: the design's artwork can't be drawn: {art} (panels.front.art)" in page
    for document in ("press", "envelopes", "dispatch"):
        response = client.get(f"{batch_path}/{document}.pdf")
        assert response.status_code == 200, document
        if document != "envelopes":
            text = pdf_text(response.data)
            assert references[1] in text and references[0] not in text, document
    # A press profile broken on disk meets the making of the file itself: a kind 503, never a 500.
    (templates_copy / "broken.icc").write_bytes(b"not a profile")
    monkeypatch.setenv("CARDSHOP_CMYK_PROFILE", str(templates_copy / "broken.icc"))
    refused = client.get(f"{batch_path}/press.pdf")
    assert refused.status_code == 503 and "This file can't be made just now" in unescape(refused.get_data(as_text=True))
