"""What a sender can download, in plain words: each choice's label and hint, how it is rendered
(layout, file format, crop marks), its file name, and the response that carries it.

The form posts the choice as `layout`; every value maps onto one of the render core's layouts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import make_response

from cardshop.render.layouts.addresses import ENVELOPES
from cardshop.render.options import LAYOUTS, RenderOptions
from cardshop.render.press.partners import PARTNERS


@dataclass(frozen=True)
class Download:
    value: str  # what the form posts
    label: str
    hint: str
    layout: str
    file_format: str = "pdf"
    crop_marks: bool = False
    partner: str | None = None  # a print partner's file (render/press/partners.py) instead of a layout

    def options(self, size: str | None) -> RenderOptions:
        if self.partner:  # what the geometry is worked out from; the partner's file is made by its own table
            return RenderOptions(layout=self.layout, size=size, pdfx=PARTNERS[self.partner].kind == "pdfx")
        return RenderOptions(layout=self.layout, size=size, crop_marks=self.crop_marks, file_format=self.file_format)


def _partner(name: str, label: str, hint: str) -> Download:
    partner = PARTNERS[name]
    return Download(name, label, hint, partner.layout, partner.file_format, partner=name)


DOWNLOADS: tuple[Download, ...] = (
    Download(
        "home-a4",
        "Print at home on A4",
        "For your own printer. An A6 card: one sheet, folded twice. An A5 card: one sheet printed on both "
        "sides, folded once, nothing to cut. A 4.25 × 5.5 in or 5 × 7 in card: printed on both sides, then cut "
        "out and folded.",
        "home-a4",
    ),
    Download(
        "home-letter",
        "Print at home on US Letter",
        "For your own printer. A 4.25 × 5.5 in card: one sheet, folded twice. An A6 or 5 × 7 in card: "
        "printed on both sides, then cut out and folded. An A5 card is too big for US Letter: it needs A4 paper "
        "or a print shop.",
        "home-letter",
    ),
    Download(
        "pro",
        "Send to a print shop",
        "A print-ready PDF: the outside and the inside as two spreads, with extra artwork around the edges "
        "for trimming (bleed) and crop marks.",
        "pro",
        crop_marks=True,
    ),
    Download(
        "pro-pages",
        "Send to a print shop, one page per panel",
        "For print services that ask for each side on its own page: front, inside left, inside right, back, "
        "each with bleed.",
        "pro-pages",
    ),
    # Print partners, under the print-shop files: each makes the file that partner asks for.
    _partner(
        "gelato",
        "Send to Gelato",
        "A PDF/X-4 press file in CMYK, as Gelato asks: one page per panel, 4 mm bleed, no crop marks.",
    ),
    _partner("prodigi", "Send to Prodigi", "One picture with all four panels, at Prodigi's size. For 5 × 7 in cards."),
    _partner(
        "printful",
        "Send to Printful",
        "A ZIP file with a picture of each panel, at Printful's size. For 5 × 7 in and 4.25 × 5.5 in cards.",
    ),
    Download("flat-png", "Just the front, as a picture (PNG)", "To share in a message or online.", "flat", "png"),
    Download("flat", "Just the front, as a PDF", "The front of the card on its own page.", "flat"),
    Download(
        "envelope",
        "Envelope",
        "A PDF to print straight onto the envelope that fits this card, with the address you write below.",
        "envelope",
    ),
)
_BY_VALUE = {download.value: download for download in DOWNLOADS}
# The preview is a rasterisation of exactly this download: the print-shop file.
PREVIEW = _BY_VALUE["pro"]
assert all(download.layout in LAYOUTS for download in DOWNLOADS)

MIME_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg", "zip": "application/zip"}
_FILE_PARTS = {
    "home-a4": "home-a4",
    "home-letter": "home-letter",
    "pro": "print-shop",
    "pro-pages": "print-shop-pages",
    "flat-png": "front",
    "flat": "front",
    "gelato": "gelato",
    "prodigi": "prodigi",
    "printful": "printful",
}


def download_named(value: str | None) -> Download | None:
    return _BY_VALUE.get(value or "")


def download_filename(slug: str, download: Download, size: str) -> str:
    """For example forget-me-nots-home-a4.pdf, forget-me-nots-print-shop-a5.pdf, forget-me-nots-envelope-c6.pdf."""
    slug = re.sub(r"[^a-z0-9-]+", "-", slug.lower()).strip("-") or "card"  # a folder name: keep it header-safe
    size_part = size.lower().replace(".", "-")
    if download.value == "envelope":
        part = "envelope-" + ENVELOPES[size].name.lower().replace(" ", "-")
    elif download.value.startswith("home-"):
        part = _FILE_PARTS[download.value]  # the sheet decides the size on it
    else:
        part = f"{_FILE_PARTS[download.value]}-{size_part}"
    return f"{slug}-{part}.{download.file_format}"


def download_response(data: bytes, filename: str, file_format: str):
    response = make_response(data)
    response.headers["Content-Type"] = MIME_TYPES[file_format]
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
