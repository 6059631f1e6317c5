"""A print batch's three documents, made on demand from its orders (rendering is deterministic, so
no file is stored): the imposed press sheets with each card's press file, the envelopes, and the
dispatch list. The documents themselves are `cardshop.orders.print_batch`'s; this module decrypts each
order into the `BatchItem` that module takes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from cardshop.design.loader import Catalog
from cardshop.orders import print_batch
from cardshop.orders.crypto import DataCipher
from cardshop.orders.models import Order
from cardshop.orders.postal import address_lines

BATCH_DOCUMENTS = {
    "press": "Press sheets and press files",
    "envelopes": "Envelopes",
    "dispatch": "Dispatch list",
}


def batch_document(
    document: str, reference: str, orders: Sequence[Order], cipher: DataCipher, catalog: Catalog, made_at: datetime
) -> bytes:
    items = []
    for order in orders:
        if order.personal is None:
            continue  # erased by the sender after the batch was made: nothing to print
        loaded = catalog.get(order.slug)
        if loaded is None:
            continue
        personal = cipher.decrypt(order.personal)
        address = personal["address"]
        back = personal.get("return_address")
        lines = address_lines(address["country"], address)
        items.append(
            print_batch.BatchItem(
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
        )
    if document == "press":
        return print_batch.press_sheets_pdf(items)
    if document == "envelopes":
        return print_batch.envelopes_pdf(items)
    return print_batch.dispatch_list_pdf(reference, items, made_at)
