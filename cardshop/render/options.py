"""What a render is asked for, and what can stop it: output options, the card's geometry for them,
the scale of the design's slots, and the errors a sender or a layout can meet.

The layouts and the front door (`card.py`) both use these, so they sit below both.
"""

from __future__ import annotations

from dataclasses import dataclass

from cardshop.design.models import Design
from cardshop.render.geometry import SIZE_NAMES, CardGeometry, card_geometry
from cardshop.render.text.fitting import SlotFrame

# Every layout `render_card` can draw (layouts/ has one module each); `pro` is the default.
LAYOUTS = ("pro", "pro-pages", "home-a4", "home-letter", "flat", "envelope")
FILE_FORMATS = ("pdf", "png")
PDFX_LAYOUTS = ("pro", "pro-pages")


class CardOptionError(ValueError):
    """An output option the design or the renderer does not support."""


@dataclass(frozen=True)
class RenderOptions:
    layout: str = "pro"
    size: str | None = None  # None: the design's default (first) size
    crop_marks: bool = False  # `pro` and `pro-pages` only; the home layouts always have their guides
    bleed_mm: float | None = None  # None: 3 mm metric, 0.125 in for inch sizes
    file_format: str = "pdf"  # "png" only with the `flat` layout
    pdfx: bool = False  # PDF/X-4 in CMYK (`pro` and `pro-pages` only); see render/press/
    profile: str | None = None  # the CMYK output profile's path; None: CARDSHOP_CMYK_PROFILE or ours


DEFAULT_OPTIONS = RenderOptions()


@dataclass(frozen=True)
class FieldProblem:
    """Why one field can't be printed, in words a sender can act on."""

    field: str | None
    message: str


class CardTextError(Exception):
    """One or more fields can't be printed; nothing was rendered."""

    def __init__(self, problems: list[FieldProblem]):
        self.problems = problems
        # Field names only: the problems' messages quote the sender's text, and this could reach a log.
        super().__init__("can't print: " + ", ".join(p.field or "fixed text" for p in problems))


def resolve_geometry(design: Design, options: RenderOptions) -> CardGeometry:
    size = options.size or design.sizes[0]
    if size not in SIZE_NAMES:
        raise CardOptionError(f"unknown size {size!r}; choose one of {', '.join(SIZE_NAMES)}")
    if size not in design.sizes:
        raise CardOptionError(f"this design comes in {', '.join(design.sizes)}, not {size}")
    if options.layout not in LAYOUTS:
        raise CardOptionError(f"unknown layout {options.layout!r}; choose one of {', '.join(LAYOUTS)}")
    if options.file_format not in FILE_FORMATS:
        raise CardOptionError(f"unknown file format {options.file_format!r}; choose pdf or png")
    if options.file_format == "png" and options.layout != "flat":
        raise CardOptionError("only the flat layout (the front alone) can be a PNG picture")
    if options.pdfx and options.layout not in PDFX_LAYOUTS:
        raise CardOptionError(f"a PDF/X press file is made with the {' or '.join(PDFX_LAYOUTS)} layout")
    return card_geometry(size, design.fold, design.orientation, options.bleed_mm)


def slot_frame(design: Design, geometry: CardGeometry) -> SlotFrame:
    """Slots are drawn for the design's first size; other sizes scale boxes and type to match."""
    reference = card_geometry(design.sizes[0], design.fold, design.orientation)
    x = geometry.panel_width / reference.panel_width
    y = geometry.panel_height / reference.panel_height
    return SlotFrame(x, y, min(x, y))
