"""Drawing one panel of a card: background, artwork into the bleed, then the fitted text.

Panels are drawn in their own coordinate system (origin at the trimmed panel's bottom-left), so a
panel that must be turned 180 degrees on the sheet is simply drawn inside a rotated frame.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from cardshop.catalog.models import Panel
from cardshop.catalog.paths import resolve_inside
from cardshop.render.art import draw_art, load_art
from cardshop.render.geometry import MM, PanelPlacement, Rect
from cardshop.render.layout import FittedSlot


def draw_panel(
    canvas: Canvas,
    folder: Path,
    panel: Panel,
    placement: PanelPlacement,
    fitted: list[FittedSlot],
    slot_scale: tuple[float, float] = (1.0, 1.0),
) -> None:
    """Paint `panel` at `placement`. `fitted` holds the fitted text of each of the panel's slots;
    `slot_scale` maps the design's mm boxes onto this card size (x and y factors)."""
    trim = placement.trim
    canvas.saveState()
    if placement.rotated:
        canvas.translate(trim.right, trim.top)
        canvas.rotate(180)
        # In the turned frame the bleed that was above the panel is now below it, and so on.
        bleeds = (placement.bleed_right, placement.bleed_top, placement.bleed_left, placement.bleed_bottom)
    else:
        canvas.translate(trim.x, trim.y)
        bleeds = (placement.bleed_left, placement.bleed_bottom, placement.bleed_right, placement.bleed_top)
    local_trim = Rect(0, 0, trim.width, trim.height)
    art_rect = local_trim.grow(*bleeds)
    if panel.background:
        canvas.setFillColor(HexColor(panel.background))
        canvas.rect(art_rect.x, art_rect.y, art_rect.width, art_rect.height, stroke=0, fill=1)
    if panel.art:
        # The art covers the trim plus the card's full bleed, then is clipped to what this layout
        # shows, so the picture sits identically in every layout.
        b = placement.art_bleed
        frame = local_trim.grow(b, b, b, b)
        draw_art(canvas, load_art(resolve_inside(folder, panel.art)), frame, clip=art_rect)
    for slot, slot_fit in zip(panel.slots, fitted, strict=True):
        left = slot.x * MM * slot_scale[0]
        top = trim.height - slot.y * MM * slot_scale[1]
        _draw_lines(canvas, slot_fit, left, top)
    canvas.restoreState()


def _draw_lines(canvas: Canvas, slot_fit: FittedSlot, left: float, top: float) -> None:
    for line in slot_fit.lines:
        canvas.setFillColor(HexColor(line.color))
        x = left + line.x
        y = top - line.baseline
        for run in line.runs:
            canvas.setFont(run.face, line.size)
            canvas.drawString(x, y, run.text)
            x += pdfmetrics.stringWidth(run.text, run.face, line.size)
