"""A print batch's three documents, made on demand from its orders (rendering is deterministic, so
no file is stored): the imposed press sheets with each card's press file, the envelopes, and the
dispatch list. The documents themselves are `cardshop.orders.print_batch`'s; this module decrypts each
order into the `BatchItem` that module takes.

One order that can't be printed (its envelope or card doesn't fit, its design is gone) never stops
the others: `batch_items` sets it aside with the reasons, the batch page lists it, and every document
is made from the rest until an operator takes it out of the batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from cardshop.design.loader import Catalog
from cardshop.orders import print_batch
from cardshop.orders.crypto import DataCipher
from cardshop.orders.models import Order
from cardshop.orders.postal import address_lines
from cardshop.render.options import FieldProblem

BATCH_DOCUMENTS = {
    "press": "Press sheets and press files",
    "envelopes": "Envelopes",
    "dispatch": "Dispatch list",
}


@dataclass(frozen=True)
class LeftOut:
    """An order of the batch that its documents leave out, and why (for the operator only: the reasons
    may quote the order's words, so they are shown, never logged)."""

    reference: str
    reasons: tuple[str, ...]


def batch_items(
    orders: Sequence[Order], cipher: DataCipher, catalog: Catalog
) -> tuple[list[print_batch.BatchItem], list[LeftOut]]:
    """The batch's printable items, and the orders left out with their reasons."""
    items, left_out = [], []
    for order in orders:
        if order.personal is None:
            continue  # erased by the sender after the batch was made: nothing to print
        loaded = catalog.get(order.slug)
        if loaded is None:
            left_out.append(LeftOut(order.reference, (f"The design {order.slug} is missing from the catalogue.",)))
            continue
        personal = cipher.decrypt(order.personal)
        address = personal["address"]
        back = personal.get("return_address")
        lines = address_lines(address["country"], address)
        item = print_batch.BatchItem(
            reference=order.reference,
            slug=order.slug,
            folder=loaded.folder,
            design=loaded.design,
            values=personal["values"],
            size=order.size,
            recipient_name=lines[0],
            address_lines=lines,
            return_lines=address_lines(back["country"], back) if back else (),
        )
        problems = print_batch.item_problems(item)
        if problems:
            left_out.append(LeftOut(order.reference, tuple(_reason(problem) for problem in problems)))
        else:
            items.append(item)
    return items, left_out


def _reason(problem: FieldProblem) -> str:
    """The engine's message, which speaks to a sender ("your address"), with what it is about."""
    where = {
        "address": "Envelope, their address",
        "return_address": "Envelope, return address",
        print_batch.ARTWORK: "Card",
    }.get(problem.field or "", f"Card, {problem.field or 'fixed text'}")
    return f"{where}: {problem.message}"


def batch_document(document: str, reference: str, items: Sequence[print_batch.BatchItem], made_at: datetime) -> bytes:
    """One of the batch's documents (a key of BATCH_DOCUMENTS) from its printable items."""
    if document == "press":
        return print_batch.press_sheets_pdf(items, batch_reference=reference)
    if document == "envelopes":
        return print_batch.envelopes_pdf(items)
    return print_batch.dispatch_list_pdf(reference, items, made_at)
