"""Render the print-batch pictures of docs/printing.md (docs/images/press-sheet-*.png, dispatch-list.png)
from sample orders on the shipped designs. Run from the repository root after a change to the press
sheets or the dispatch list:

    .venv/bin/python scripts/render_batch_pictures.py
"""

from __future__ import annotations

import dataclasses
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402

from cardshop.design.loader import TEMPLATES_DIR  # noqa: E402
from cardshop.orders.print_batch import dispatch_list_pdf, press_sheets_pdf  # noqa: E402
from cardshop.studio.catalogue import load_catalog  # noqa: E402
from cardshop.studio.samples import TYPICAL  # noqa: E402
from tests.batch_items import batch_items  # noqa: E402

DOCS = ROOT / "docs" / "images"
SHEET_HEIGHT = 900  # px
LIST_HEIGHT = 1100


def save_page(pdf: bytes, index: int, height: int, path: Path) -> None:
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[index]
        image = page.render(scale=height / page.get_height()).to_pil().convert("RGB")
    finally:
        document.close()
    image.save(path, optimize=True)
    print(path.relative_to(ROOT))


def main() -> None:
    items = [
        dataclasses.replace(item, values={**item.values, "message": TYPICAL["message"]})
        for item in batch_items(load_catalog(TEMPLATES_DIR), 8, ("A6",))
    ]
    # The RGB proof: the same sheets as the PDF/X file, in the screen colours a picture is shown in.
    press = press_sheets_pdf(items[:4], batch_reference="B-2026-11-30-01", pdfx=False)
    save_page(press, 0, SHEET_HEIGHT, DOCS / "press-sheet-a6-side-a.png")
    save_page(press, 1, SHEET_HEIGHT, DOCS / "press-sheet-a6-side-b.png")
    listing = dispatch_list_pdf("B-2026-11-30-01", items, datetime(2026, 11, 30, 21, 40, tzinfo=UTC))
    save_page(listing, 0, LIST_HEIGHT, DOCS / "dispatch-list.png")


if __name__ == "__main__":
    main()
