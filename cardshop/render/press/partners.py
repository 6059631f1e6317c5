"""Print partners: what each one asks for, in one table, and the files made to match.

A new partner is a new entry in PARTNERS. `kind` says what it takes:
- "pdfx": a PDF/X-4 press file (CMYK, output intent) in `layout`, with `bleed_mm` and no crop marks;
- "flat-picture": one picture with both spreads side by side (outside: back | front, then inside),
  each with `bleed_mm`, at the partner's pixel size for the card size;
- "panel-pictures": one picture per panel (front, back, inside left, inside right), each with
  `bleed_mm`, at the partner's pixel size, handed over as a ZIP file.

Pictures come from the very PDF a print shop gets (the `pro` layout), rasterised by the preview's
renderer, in sRGB with the profile embedded.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from cardshop.design.models import Design
from cardshop.render.card import render_card
from cardshop.render.options import RenderOptions, resolve_geometry
from cardshop.render.preview import rasterise, srgb_profile_bytes

ZIP_DATE = (2000, 1, 1, 0, 0, 0)  # fixed, so the same card gives the same bytes


@dataclass(frozen=True)
class Partner:
    name: str
    label: str
    kind: str  # "pdfx", "flat-picture", "panel-pictures"
    source: str  # where the figures come from
    bleed_mm: float
    layout: str = "pro"  # what is rendered: pictures are made from `pro` spreads or `pro-pages` panels
    picture_format: str = "PNG"
    pixels: dict[str, tuple[int, int]] = field(default_factory=dict)  # card size -> one picture's px

    @property
    def file_format(self) -> str:
        return {"pdfx": "pdf", "flat-picture": self.picture_format.lower(), "panel-pictures": "zip"}[self.kind]


PARTNERS: dict[str, Partner] = {
    partner.name: partner
    for partner in (
        Partner(
            "gelato",
            "Gelato",
            "pdfx",
            "Gelato's file requirements for folded cards (DESIGN.md section 3): PDF/X-4, CMYK, 4 mm bleed, "
            "4 mm safe area, single pages, no crop marks, type at least 7 pt, grey text in K.",
            bleed_mm=4.0,
            layout="pro-pages",
        ),
        Partner(
            "prodigi",
            "Prodigi",
            "flat-picture",
            "Prodigi v4 API greeting cards (DESIGN.md section 3): one flat picture of all four panels by URL; "
            "7x5 in: 6117 x 2161 px, that is both spreads side by side, each with 0.1 in bleed, at 300 dpi.",
            bleed_mm=2.54,
            pixels={"5x7": (6117, 2161)},
        ),
        Partner(
            "printful",
            "Printful",
            "panel-pictures",
            "Printful greeting card (DESIGN.md section 3): one image per panel (front, back, inside 1, inside 2); "
            "pixel sizes are 300 dpi at the panel plus 0.125 in bleed: check them against Printful's product "
            "template before the first order.",
            bleed_mm=3.175,
            layout="pro-pages",
            pixels={"5x7": (1575, 2175), "4.25x5.5": (1350, 1725)},
        ),
    )
}


class PartnerError(ValueError):
    """The partner does not take this card (size or layout), said plainly."""


def partner_named(name: str) -> Partner:
    try:
        return PARTNERS[name]
    except KeyError:
        raise PartnerError(f"unknown print partner {name!r}; choose one of {', '.join(PARTNERS)}") from None


def pixels_for(partner: Partner, size: str) -> tuple[int, int]:
    if size not in partner.pixels:
        sizes = " or ".join(partner.pixels)
        raise PartnerError(
            f"{partner.label} prints this card in {sizes} only, not {size}. "
            "Please choose that size, or another download."
        )
    return partner.pixels[size]


def _check_shape(partner: Partner, size: str, width_pt: float, height_pt: float) -> None:
    """A partner's pixel size fits one shape of card (portrait, folded at the side, for the ones we
    know); a card of another shape would come out stretched, so it is refused instead."""
    width, height = pixels_for(partner, size)
    if abs((width / height) / (width_pt / height_pt) - 1) > 0.02:
        raise PartnerError(
            f"{partner.label}'s picture size is for a portrait card folded at the side; this design is "
            "another shape. Please choose another download."
        )


def _page_picture(pdf: bytes, page: int, box: tuple[float, float, float, float], width_px: int) -> Image.Image:
    return rasterise(pdf, page, box, width_px).convert("RGB")


def _encode(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    extra = {"quality": 95, "subsampling": 0} if fmt == "JPEG" else {}
    image.save(buffer, fmt, dpi=(300, 300), icc_profile=srgb_profile_bytes(), **extra)
    return buffer.getvalue()


def flat_picture(partner: Partner, pro_pdf: bytes, size: str, bleed_boxes) -> bytes:
    """Both spreads of a `pro` PDF (rendered with the partner's bleed) side by side, at its size."""
    width, height = pixels_for(partner, size)
    half = width // 2 + 1
    spreads = [_page_picture(pro_pdf, page, box, half) for page, box in enumerate(bleed_boxes)]
    joined = Image.new("RGB", (sum(s.width for s in spreads), max(s.height for s in spreads)), "white")
    joined.paste(spreads[0], (0, 0))
    joined.paste(spreads[1], (spreads[0].width, 0))
    return _encode(joined.resize((width, height), Image.Resampling.LANCZOS), partner.picture_format)


def panel_pictures(partner: Partner, pages_pdf: bytes, size: str, bleed_boxes) -> bytes:
    """Each panel of a `pro-pages` PDF (front, inside left, inside right, back) as its own picture,
    in a ZIP named as the partner asks: front, back, inside-1, inside-2."""
    width, height = pixels_for(partner, size)
    names = ("front", "inside-1", "inside-2", "back")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for page, (name, box) in enumerate(zip(names, bleed_boxes, strict=True)):
            picture = _page_picture(pages_pdf, page, box, width).resize((width, height), Image.Resampling.LANCZOS)
            extension = partner.picture_format.lower().replace("jpeg", "jpg")
            info = zipfile.ZipInfo(f"{name}.{extension}", ZIP_DATE)
            archive.writestr(info, _encode(picture, partner.picture_format))
    return buffer.getvalue()


def render_for_partner(
    folder: Path, design: Design, values: dict[str, str], name: str, size: str | None = None, profile: str | None = None
) -> tuple[bytes, str]:
    """The file `name` asks for and its extension (pdf, png, jpeg or zip). Raises what render_card
    raises, and PartnerError when the partner doesn't take this card."""
    partner = partner_named(name)
    size = size or design.sizes[0]
    if partner.kind == "pdfx":
        options = RenderOptions(layout=partner.layout, size=size, bleed_mm=partner.bleed_mm, pdfx=True, profile=profile)
        return render_card(folder, design, values, options), partner.file_format
    options = RenderOptions(layout=partner.layout, size=size, bleed_mm=partner.bleed_mm)
    geometry = resolve_geometry(design, options)
    bleed = geometry.bleed
    if partner.kind == "flat-picture":  # two spreads side by side
        box = (0, 0, geometry.spread_width + 2 * bleed, geometry.spread_height + 2 * bleed)
        _check_shape(partner, size, 2 * box[2], box[3])
        return flat_picture(
            partner, render_card(folder, design, values, options), size, [box, box]
        ), partner.file_format
    box = (0, 0, geometry.panel_width + 2 * bleed, geometry.panel_height + 2 * bleed)
    _check_shape(partner, size, box[2], box[3])
    return panel_pictures(partner, render_card(folder, design, values, options), size, [box] * 4), partner.file_format
