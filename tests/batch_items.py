"""Orders for print-batch tests and the print-batch bench, made from the shipped designs."""

from __future__ import annotations

from cardshop.design.loader import Catalog
from cardshop.orders.print_batch import BatchItem
from cardshop.studio.samples import TYPICAL

ADDRESSES = (
    ("Sam and Alex Rivers", "12 Orchard Lane", "Little Hadham", "SG11 2AB", "UNITED KINGDOM"),
    ("Ade Okafor", "Flat 3, 41 Harbour Street", "Whitby", "YO21 3PN", "UNITED KINGDOM"),
    ("Marie Dupont", "8 rue des Tilleuls", "69003 LYON", "FRANCE"),
    ("Jo Bell", "221 Maple Avenue", "Portland OR 97205", "UNITED STATES"),
)


def batch_items(catalog: Catalog, count: int, sizes: tuple[str | None, ...] = (None,)) -> list[BatchItem]:
    """`count` orders cycling through the designs (sorted by slug) and `sizes`; order k's reference is
    CS-TEST-kkkk and its message names k, so each card can be found on a sheet."""
    designs = [catalog.designs[slug] for slug in sorted(catalog.designs)]
    items = []
    for k in range(count):
        loaded = designs[k % len(designs)]
        size = sizes[k % len(sizes)]
        if size is not None and size not in loaded.design.sizes:
            size = None
        values = {name: value for name, value in TYPICAL.items() if name in loaded.design.fields}
        values["message"] = f"Message{k:04d} for this card. " + TYPICAL["message"]
        address = ADDRESSES[k % len(ADDRESSES)]
        items.append(
            BatchItem(
                reference=f"CS-TEST-{k:04d}",
                slug=loaded.slug,
                folder=loaded.folder,
                design=loaded.design,
                values=values,
                size=size,
                recipient_name=address[0],
                address_lines=address,
                return_lines=("Jo Bell", "York", "UNITED KINGDOM") if k % 2 else (),
            )
        )
    return items
