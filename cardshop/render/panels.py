"""Drawing one panel of a card: background, artwork into the bleed, then the fitted text.

Panels are drawn in their own coordinate system (origin at the trimmed panel's bottom-left), so a
panel that must be turned 180 degrees on the sheet is simply drawn inside a rotated frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas

from cardshop.design.models import Panel
from cardshop.design.paths import resolve_inside
from cardshop.render.art.artwork import draw_art, load_art
from cardshop.render.geometry import MM, PanelPlacement, Rect
from cardshop.render.text.fitting import FittedSlot, Line
from cardshop.render.text.shaping import Shaped, glyph_outline


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
    """Draw fitted lines, each piece at its place in visual order. One text object per line; a shaped
    piece whose glyphs alone would not give its text back is drawn in its own text object inside a
    marked-content span carrying that text (ActualText), so copying and searching find it."""
    # A press canvas sets grey text in black ink alone (press/canvas.py); others take the colour as is.
    text_colour = getattr(canvas, "set_text_colour", None)
    for line in slot_fit.lines:
        if text_colour is not None:
            text_colour(line.color)
        else:
            canvas.setFillColor(HexColor(line.color))
        y = top - line.baseline
        scale = line.size / 1000
        text = canvas.beginText()
        face = None
        outlines: list[tuple[str, int, float, float]] = []
        for piece in _pieces(line, left):
            shaped = piece.shaped
            tail = " " if piece.space_after else ""
            if shaped is not None and shaped.actual_text is not None:
                canvas.drawText(text)
                actual = (shaped.actual_text + tail).encode("utf-16-be").hex()
                canvas.addLiteral(f"/Span <</ActualText <FEFF{actual}>>> BDC")
                text = canvas.beginText()
                text.setFont(piece.face, line.size)
                text.setTextOrigin(piece.x, y)
                text.textOut(shaped.drawn + tail)
                canvas.drawText(text)
                canvas.addLiteral("EMC")
                text, face = canvas.beginText(), None
            else:
                # Setting the font again before shaped glyphs makes ReportLab start them with a font
                # operator; without one, a first glyph with a vertical offset trips over an empty
                # operator list in ReportLab 5.1.
                if piece.face != face or shaped is not None:
                    text.setFont(piece.face, line.size)
                    face = piece.face
                text.setTextOrigin(piece.x, y)
                text.textOut((shaped.drawn if shaped is not None else piece.text) + tail)
            if shaped is not None:
                outlines += [(piece.face, g, piece.x + gx * scale, y + gy * scale) for g, gx, gy in shaped.outlines]
        canvas.drawText(text)
        for face, glyph, gx, gy in outlines:
            _draw_outline(canvas, glyph_outline(face, glyph), gx, gy, scale)


@dataclass
class _Piece:
    """What one text-showing operation draws: a shaped run, or plain characters of one font."""

    face: str
    x: float
    text: str = ""
    shaped: Shaped | None = None
    space_after: bool = False
    space_face: str | None = None


def _pieces(line: Line, left: float) -> list[_Piece]:
    """The line as text operations, left to right.

    Neighbouring plain pieces in one font are drawn as one string, spaces included: PDF text
    extractors take a lone character in a text operation for a line of vertical text, so Chinese or
    Japanese drawn one character at a time would copy out one character per line. A space is drawn
    at the end of the piece before it: drawn on its own it makes an empty text object that
    extractors skip; left out, they have to guess it from the gap, and miss it next to a font with
    wide spaces (emoji)."""
    pieces: list[_Piece] = []
    x = left + line.x
    scale = line.size / 1000
    for atom in line.runs:
        last = pieces[-1] if pieces else None
        if atom.space:
            if last is not None:
                last.space_after, last.space_face = True, atom.face
        elif (
            atom.shaped is None
            and last is not None
            and last.shaped is None
            and last.face == atom.face
            and last.space_face in (None, atom.face)
        ):
            last.text += (" " if last.space_after else "") + atom.text
            last.space_after, last.space_face = False, None
        else:
            pieces.append(_Piece(atom.face, x, atom.text, atom.shaped))
        x += atom.advance * scale
    return pieces


def _draw_outline(canvas: Canvas, ops, x: float, y: float, scale: float) -> None:
    """Fill a glyph outline (see `shaping.glyph_outline`) at (x, y), the font size given as `scale`
    (font size / 1000)."""
    path = canvas.beginPath()
    for op, values in ops:
        points = [(x + values[i] * scale, y + values[i + 1] * scale) for i in range(0, len(values), 2)]
        if op == "move":
            path.moveTo(*points[0])
        elif op == "line":
            path.lineTo(*points[0])
        elif op == "curve":
            path.curveTo(*points[0], *points[1], *points[2])
        else:
            path.close()
    canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
