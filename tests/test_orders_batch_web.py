"""A print batch's three PDFs, downloaded by an operator: the press sheets, the envelopes and the
dispatch list open, and the dispatch list names the reference and the recipient but never the message."""

from __future__ import annotations

import re

import pypdfium2 as pdfium

from cardshop.orders import lifecycle
from tests.conftest import pdf_text
from tests.test_operator_web import form_token, shop, sign_in  # noqa: F401  (the shop fixture)
from tests.test_orders_web import SLUG, order_form


def test_a_batch_downloads_as_three_pdfs(shop):  # noqa: F811
    sender = shop.test_client()
    form = order_form(sender, message="With love to little Rowan")
    sender.post(f"/cards/{SLUG}/order", data=form)
    orders = shop.extensions["cardshop_orders"]
    with orders.store.session() as session:
        lifecycle.release_due(session, orders.today())
    client = shop.test_client()
    sign_in(client, shop)
    reference = re.search(r'data-reference="(CS-[^"]+)"', client.get("/operator").get_data(as_text=True)).group(1)
    token = form_token(client, "/operator")
    client.post(f"/operator/orders/{reference}/approve", data={"csrf_token": token})
    batch_path = client.post("/operator/batches", data={"csrf_token": token}).headers["Location"]
    for document in ("press", "envelopes", "dispatch"):
        response = client.get(f"{batch_path}/{document}.pdf")
        assert response.status_code == 200 and response.headers["Content-Type"] == "application/pdf"
        assert len(pdfium.PdfDocument(response.data)) >= 1
    dispatch = pdf_text(client.get(f"{batch_path}/dispatch.pdf").data)
    assert reference in dispatch and "Sam Rivers" in dispatch and "Rowan" not in dispatch
    envelopes = pdf_text(client.get(f"{batch_path}/envelopes.pdf").data)
    assert "Sam Rivers" in envelopes
