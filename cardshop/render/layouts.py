"""Output layouts: how a card's panels are arranged on PDF pages.

`pro`: two spreads for a print shop (outside: back | front; inside: left | right), each page the
trimmed spread plus bleed, with TrimBox and BleedBox set and optional crop marks outside the bleed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.colors import black
from reportlab.pdfgen.canvas import Canvas

from cardshop.catalog.models import Design
from cardshop.render.geometry import MM, Rect, spread_placements
from cardshop.render.panels import draw_panel

CROP_MARK_LENGTH = 5 * MM
CROP_MARK_GAP = 1 * MM  # between the bleed edge and the start of a mark


def draw_pro(canvas: Canvas, folder: Path, design: Design, fitted, options) -> None:
    geometry = fitted.geometry
    bleed = geometry.bleed
    margin = bleed + (CROP_MARK_GAP + CROP_MARK_LENGTH + 2 * MM if options.crop_marks else 0)
    frame = fitted.frame
    for spread in spread_placements(geometry, margin, margin):
        trim = Rect(margin, margin, geometry.spread_width, geometry.spread_height)
        canvas.setPageSize((trim.width + 2 * margin, trim.height + 2 * margin))
        canvas.setTrimBox(trim.as_box())
        canvas.setBleedBox(trim.grow(bleed, bleed, bleed, bleed).as_box())
        for placement in spread:
            panel = getattr(design.panels, placement.panel)
            draw_panel(canvas, folder, panel, placement, fitted.slots[placement.panel], (frame.x, frame.y))
        if options.crop_marks:
            draw_crop_marks(canvas, trim, bleed)
        canvas.showPage()


def draw_crop_marks(canvas: Canvas, trim: Rect, bleed: float) -> None:
    """Thin marks at each trim corner, starting outside the bleed so they never print on the card."""
    canvas.saveState()
    canvas.setStrokeColor(black)
    canvas.setLineWidth(0.25)
    start = bleed + CROP_MARK_GAP
    end = start + CROP_MARK_LENGTH
    for x, sx in ((trim.x, -1), (trim.right, 1)):
        for y, sy in ((trim.y, -1), (trim.top, 1)):
            canvas.line(x, y + sy * start, x, y + sy * end)  # vertical mark on the trim line
            canvas.line(x + sx * start, y, x + sx * end, y)  # horizontal mark
    canvas.restoreState()


LAYOUT_DRAWERS: dict[str, Callable] = {"pro": draw_pro}
