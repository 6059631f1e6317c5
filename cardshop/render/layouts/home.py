"""`home-a4` and `home-letter`: the card on a home printer's sheet, as planned by imposition.py.

Quarter-fold sheets (one side, folded twice) and folded sheets (two sides, folded once) are the card
itself, so they carry nothing but the panels. Half-fold sheets (two sides, cut out, folded once) add,
outside the card and its bleed and inside the printable area: cut marks, dashed fold marks, a
one-line instruction, and on page 1 a 100 mm line to check the print was made at actual size.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from cardshop.design.models import Design
from cardshop.render.geometry import MM, CardGeometry, Rect
from cardshop.render.layouts.imposition import (
    REFERENCE_LABEL,
    SHEETS,
    SIZE_SHORT,
    HomePlan,
    SheetTooSmall,
    fits_at_home,
    home_plan,
    slot_boxes,
)
from cardshop.render.layouts.marks import draw_guides, draw_reference_line, draw_small_print, set_boxes
from cardshop.render.layouts.spec import Layout
from cardshop.render.options import CardOptionError, slot_frame
from cardshop.render.panels import draw_panel


def plan_for(design: Design, geometry: CardGeometry, sheet: str) -> HomePlan:
    """The sheet plan, or CardOptionError in words a sender can act on."""
    try:
        plan = home_plan(geometry, sheet)
    except SheetTooSmall as error:
        raise CardOptionError(f"{error}{_advice(design, geometry, sheet)}") from None
    if plan.sheet_is_card:
        frame = slot_frame(design, geometry)
        for page in plan.pages:
            for placement in page.placements:
                slots = getattr(design.panels, placement.panel).slots
                for box in slot_boxes(placement, slots, frame.x, frame.y):
                    if not _inside(box, plan.printable):
                        raise CardOptionError(
                            "This design has words too close to the edge of the card for a home printer, which "
                            "leaves the edges of the sheet blank. Please choose “Send to a print shop” instead."
                        )
    return plan


def _advice(design: Design, geometry: CardGeometry, sheet: str) -> str:
    """What would work instead: this card size on the other sheet, another of the design's sizes on
    this sheet, or a print shop."""
    bleed_mm = geometry.bleed / MM
    fold, orientation = design.fold, design.orientation
    other_sheets = [
        other.label
        for other in SHEETS.values()
        if other.name != sheet and fits_at_home(geometry.size, fold, orientation, other.name, bleed_mm)
    ]
    other_sizes = [
        SIZE_SHORT[size]
        for size in design.sizes
        if size != geometry.size and fits_at_home(size, fold, orientation, sheet, bleed_mm)
    ]
    choices = [f"choose “Print at home on {label}” if you have {label} paper" for label in other_sheets]
    if other_sizes:
        choices.append(f"choose {_either(other_sizes)} as the card size")
    if not choices:
        return " Please choose “Send to a print shop” instead."
    return f" To print at home, {', or '.join(choices)}; or choose “Send to a print shop”."


def _either(choices: list[str]) -> str:
    return choices[0] if len(choices) == 1 else f"{', '.join(choices[:-1])} or {choices[-1]}"


def _inside(box: Rect, area: Rect) -> bool:
    tolerance = 0.01
    return (
        box.x >= area.x - tolerance
        and box.y >= area.y - tolerance
        and box.right <= area.right + tolerance
        and box.top <= area.top + tolerance
    )


def draw_home(sheet: str, canvas: Canvas, folder: Path, design: Design, fitted, options) -> None:
    plan = plan_for(design, fitted.geometry, sheet)
    frame = fitted.frame
    # Hints for the print dialog (viewer preferences from PDF 1.6 and 1.7: Acrobat and some other
    # viewers preset their choices from them, others ignore them): actual size, and for a two-sided
    # sheet, duplex flipping on the short edge. The guide page says so in words too.
    canvas.setViewerPreference("PrintScaling", "None")
    if len(plan.pages) == 2:
        canvas.setViewerPreference("Duplex", "DuplexFlipShortEdge")
    for page in plan.pages:
        canvas.setPageSize((plan.width, plan.height))
        set_boxes(canvas, page.card, page.bleed)
        for placement in page.placements:
            panel = getattr(design.panels, placement.panel)
            draw_panel(canvas, folder, panel, placement, fitted.slots[placement.panel], (frame.x, frame.y))
        draw_guides(canvas, page.guides)
        for line in page.texts:
            draw_small_print(canvas, line)
        if page.reference_y is not None:
            draw_reference_line(canvas, plan.width, page.reference_y, REFERENCE_LABEL)
        canvas.showPage()


def _check(sheet: str, design: Design, geometry: CardGeometry) -> None:
    plan_for(design, geometry, sheet)


HOME_A4_LAYOUT = Layout("home-a4", partial(draw_home, "A4"), check=partial(_check, "A4"))
HOME_LETTER_LAYOUT = Layout("home-letter", partial(draw_home, "Letter"), check=partial(_check, "Letter"))
