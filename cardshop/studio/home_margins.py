"""The home-printing rule of `designs check`: where a home sheet folded into the card is the card
(a quarter-fold sheet, or a folded sheet: A5 on A4), the sheet's edges are the card's, so words must
keep clear of the ~6 mm a home printer can't print.

(Resolution, bleed and the 4 mm safe zone are checked in catalog/checks.py.) Each problem carries the
design file's key, so the designer knows where to look.
"""

from __future__ import annotations

from dataclasses import dataclass

from cardshop.design.models import Design
from cardshop.render.geometry import card_geometry
from cardshop.render.layouts.imposition import SHEETS, SheetTooSmall, home_plan, slot_boxes
from cardshop.render.options import slot_frame

MIN_DPI = 300
SAFE_ZONE_MM = 4.0
CHECK_PX_PER_MM = 4  # raster resolution for the bleed check: 0.25 mm per pixel
EDGE_TOLERANCE = 0.02  # share of an edge that may stop short of the bleed (anti-aliasing, hairlines)


@dataclass(frozen=True)
class PrintProblem:
    key: str
    message: str
    fix: str


def home_sheet_problems(design: Design) -> list[PrintProblem]:
    """Sheets that are the card (quarter-fold and sheet-fold; a half-fold card is cut out with room
    around it, and a card too big for a home sheet is a choice, not a design fault): the sheet's edge
    is the card's, so text boxes must keep clear of the printer's margin."""
    problems: dict[str, PrintProblem] = {}
    for size in design.sizes:
        geometry = card_geometry(size, design.fold, design.orientation)
        frame = slot_frame(design, geometry)
        for sheet in SHEETS.values():
            try:
                plan = home_plan(geometry, sheet.name)
            except SheetTooSmall:
                continue
            if not plan.sheet_is_card:
                continue
            area = plan.printable
            for placement in (placement for page in plan.pages for placement in page.placements):
                slots = getattr(design.panels, placement.panel).slots
                for index, box in enumerate(slot_boxes(placement, slots, frame.x, frame.y)):
                    key = f"panels.{placement.panel}.slots[{index}]"
                    inside = box.x >= area.x and box.y >= area.y and box.right <= area.right and box.top <= area.top
                    if not inside and key not in problems:
                        problems[key] = PrintProblem(
                            key,
                            f"at {size}, printed at home on one folded {sheet.label} sheet, the text box is within "
                            f"{sheet.margin_mm:g} mm of the card's edge, where home printers can't print",
                            f"keep text boxes {sheet.margin_mm:g} mm or more from the edges",
                        )
    return list(problems.values())
