"""Everything printed outside the card: crop marks, fold guides, small print, the 100 mm line, and
the page boxes (TrimBox, BleedBox) that tell a print shop where the card is.

Every mark starts outside the bleed, so none of it is left on the card once it is cut.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor, black
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from cardshop.render.geometry import MM, Rect
from cardshop.render.layouts.imposition import REFERENCE_LENGTH, Guide, TextLine
from cardshop.render.text.fonts import face_for

CROP_MARK_LENGTH = 5 * MM
CROP_MARK_GAP = 1 * MM  # between the bleed edge and the start of a mark
CROP_MARK_ROOM = CROP_MARK_GAP + CROP_MARK_LENGTH + 2 * MM  # page margin beyond the bleed for marks
SMALL_PRINT_SIZE = 7.0  # pt: the smallest type we print anywhere (DESIGN.md section 3)
SMALL_PRINT_COLOUR = HexColor("#4d4d4d")
GUIDE_WIDTH = 0.4  # pt: a hairline (0.25 pt) can vanish on an inkjet at draft quality


def set_boxes(canvas: Canvas, trim: Rect, bleed: float) -> None:
    """TrimBox and BleedBox for the page about to be drawn (ReportLab keeps them until changed)."""
    canvas.setTrimBox(trim.as_box())
    canvas.setBleedBox(trim.grow(bleed, bleed, bleed, bleed).as_box())


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


def draw_guides(canvas: Canvas, guides: tuple[Guide, ...]) -> None:
    """Cut marks solid, fold marks dashed, as a home-printing template usually shows them."""
    canvas.saveState()
    canvas.setStrokeColor(black)
    canvas.setLineWidth(GUIDE_WIDTH)
    for guide in guides:
        canvas.setDash([2, 1.5] if guide.kind == "fold" else [])
        canvas.line(guide.x0, guide.y0, guide.x1, guide.y1)
    canvas.restoreState()


def small_print_face() -> str:
    return face_for("Lato", "regular")


def draw_small_print(canvas: Canvas, line: TextLine) -> None:
    face = small_print_face()
    canvas.saveState()
    canvas.setFillColor(SMALL_PRINT_COLOUR)
    canvas.setFont(face, SMALL_PRINT_SIZE)
    canvas.drawCentredString(line.x, line.baseline, line.text)
    canvas.restoreState()


def draw_reference_line(canvas: Canvas, page_width: float, y: float, label: str) -> Rect:
    """A 100 mm line with end ticks and its label, centred across the page; returns what it covers."""
    face = small_print_face()
    gap = 2 * MM
    label_width = pdfmetrics.stringWidth(label, face, SMALL_PRINT_SIZE)
    total = REFERENCE_LENGTH + gap + label_width
    x = (page_width - total) / 2
    tick = 1.2 * MM
    canvas.saveState()
    canvas.setStrokeColor(black)
    canvas.setLineWidth(GUIDE_WIDTH)
    canvas.line(x, y, x + REFERENCE_LENGTH, y)
    canvas.line(x, y - tick, x, y + tick)
    canvas.line(x + REFERENCE_LENGTH, y - tick, x + REFERENCE_LENGTH, y + tick)
    canvas.setFillColor(SMALL_PRINT_COLOUR)
    canvas.setFont(face, SMALL_PRINT_SIZE)
    # Baseline a little below the line's height, so the words sit beside it.
    canvas.drawString(x + REFERENCE_LENGTH + gap, y - SMALL_PRINT_SIZE * 0.35, label)
    canvas.restoreState()
    return Rect(x, y - tick, total, 2 * tick)
