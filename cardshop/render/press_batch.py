"""A print batch's press PDF: the imposed press sheets, then each card's own press file, in one document.

Cards come in already fitted (`card.fit_card`), so each card's words are set once and drawn twice:
on its sheet and in its press file. Everything is drawn on one ReportLab canvas, so each artwork's
prepared XObject and each font go into the document once however many cards use them.

The per-card press files are drawn by `press_file`, by default the `pro-pages` layout with crop marks
(front, inside left, inside right, back, each page with its own TrimBox and BleedBox); another
drawer with the same signature can be passed.

With a press profile the whole document is press-grade, as `render_card` makes a `--pdfx` file: it is
drawn on the profile's CMYK-only canvas (art separated once, greys and near-grey text and marks in
black ink alone) and finished as PDF/X-4 with the profile as its output intent. A sheet side's
TrimBox (and BleedBox) is the whole SRA3 sheet, as imposition software writes a press sheet: the
sheet is what goes through the press uncut, and the cards on it are cut at its crop marks. Each
per-card page keeps its own card-sized TrimBox and BleedBox. Without a profile the same pages are
drawn in RGB (the proof an operator can compare with).

Sheet geometry is planned in `layouts/press_sheet.py`. The PDF outline (bookmarks) lists every sheet
side and every card's press file by its order reference.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from cardshop.design.models import Design
from cardshop.render.card import FittedCard
from cardshop.render.geometry import MM, CardGeometry, Rect, spread_placements
from cardshop.render.layouts.imposition import Guide
from cardshop.render.layouts.marks import SMALL_PRINT_COLOUR, SMALL_PRINT_SIZE, draw_guides, set_boxes, small_print_face
from cardshop.render.layouts.press_sheet import (
    SHEET_EDGE,
    SHEET_HEIGHT,
    SHEET_NAME,
    SHEET_WIDTH,
    SheetPlan,
    plan_sheet,
)
from cardshop.render.layouts.pro import draw_pro_pages
from cardshop.render.options import RenderOptions
from cardshop.render.panels import draw_panel
from cardshop.render.press.canvas import press_canvas_class
from cardshop.render.press.pdfx import finish_pdfx
from cardshop.render.press.profile import PressProfile
from cardshop.render.text.fonts import register_all

PressFileDrawer = Callable[[Canvas, Path, Design, FittedCard, RenderOptions], None]
SLUG_BASELINE = SHEET_EDGE + 1.2 * MM
_REFERENCE_LENGTH = 24  # characters of a reference shown on a slug line
_SAFE = re.compile(r"[^A-Za-z0-9._/-]")


@dataclass(frozen=True)
class PressCard:
    reference: str  # the order's reference: the only thing about the order printed off the card
    folder: Path
    design: Design
    fitted: FittedCard


@dataclass(frozen=True)
class PressSheet:
    """One sheet: its number, the plan of its card shape and the cards on it, by position."""

    number: int
    plan: SheetPlan
    cards: tuple[PressCard, ...]


def sheet_places(geometries: Sequence[CardGeometry]) -> list[tuple[SheetPlan, int, int]]:
    """For each card, in batch order: its sheet's plan, the sheet's number (from 1) and its position
    on the sheet (from 0, reading from the top left of side A).

    Cards are grouped by shape (size, fold, orientation, bleed), the shapes in the order each first
    appears and batch order kept inside a group; each group fills its own sheets."""
    groups: dict[tuple, list[int]] = {}
    for index, g in enumerate(geometries):
        groups.setdefault((g.size, g.fold, g.orientation, round(g.bleed, 4)), []).append(index)
    places: list[tuple[SheetPlan, int, int] | None] = [None] * len(geometries)
    sheet = 0
    for indexes in groups.values():
        plan = plan_sheet(geometries[indexes[0]])
        for start in range(0, len(indexes), plan.per_sheet):
            sheet += 1
            for position, index in enumerate(indexes[start : start + plan.per_sheet]):
                places[index] = (plan, sheet, position)
    return [place for place in places if place is not None]


def plan_sheets(cards: Sequence[PressCard]) -> list[PressSheet]:
    """The sheets, in order, each with its cards by position (see `sheet_places`)."""
    sheets: dict[int, tuple[SheetPlan, list[PressCard]]] = {}
    for card, (plan, number, _) in zip(cards, sheet_places([c.fitted.geometry for c in cards]), strict=True):
        sheets.setdefault(number, (plan, []))[1].append(card)
    return [PressSheet(number, plan, tuple(on_sheet)) for number, (plan, on_sheet) in sorted(sheets.items())]


def press_batch_pdf(
    cards: Sequence[PressCard],
    batch_reference: str = "",
    press_file: PressFileDrawer = draw_pro_pages,
    profile: PressProfile | None = None,
) -> bytes:
    """The press sheets (side A, side B, for each sheet), then every card's press file, as PDF bytes:
    PDF/X-4 in CMYK separated with `profile`, or plain RGB when it is None."""
    if not cards:
        raise ValueError("a print batch needs at least one card")
    register_all()
    sheets = plan_sheets(cards)
    buffer = io.BytesIO()
    canvas_class = press_canvas_class(profile) if profile is not None else Canvas
    canvas = canvas_class(buffer, invariant=1, pageCompression=1, initialFontName=small_print_face())
    label = _safe(batch_reference, 40)
    title = f"Print batch {label}: press sheets and press files" if label else "Print batch"
    canvas.setTitle(title)
    canvas.setCreator("cardshop")
    for sheet in sheets:
        for side in ("A", "B"):
            key = f"sheet-{sheet.number}-{side}"
            canvas.bookmarkPage(key)
            canvas.addOutlineEntry(f"Sheet {sheet.number} of {len(sheets)}, side {side}", key, level=0)
            draw_sheet_side(canvas, sheet, side, label, len(sheets))
    options = RenderOptions(layout="pro-pages", crop_marks=True)
    for index, card in enumerate(cards):
        key = f"card-{index}"
        canvas.bookmarkPage(key)
        canvas.addOutlineEntry(f"Press file {index + 1}: {_safe(card.reference, _REFERENCE_LENGTH)}", key, level=0)
        press_file(canvas, card.folder, card.design, card.fitted, options)
    canvas.showOutline()
    canvas.save()
    if profile is not None:
        return finish_pdfx(buffer.getvalue(), profile, title)
    return buffer.getvalue()


def draw_sheet_side(canvas: Canvas, sheet: PressSheet, side: str, batch: str, sheet_count: int) -> None:
    """One page: side "A" (outside spreads) or "B" (inside spreads, behind them), marks and slug line."""
    plan = sheet.plan
    canvas.setPageSize((SHEET_WIDTH, SHEET_HEIGHT))
    set_boxes(canvas, Rect(0, 0, SHEET_WIDTH, SHEET_HEIGHT), 0)  # a press sheet: trimmed to itself
    outside, inside = spread_placements(plan.geometry, 0, 0)
    for position, card in enumerate(sheet.cards):
        move = plan.outside(position) if side == "A" else plan.inside(position)
        frame = card.fitted.frame
        canvas.saveState()
        canvas.transform(*move.as_tuple())
        for placement in outside if side == "A" else inside:
            panel = getattr(card.design.panels, placement.panel)
            slots = card.fitted.slots[placement.panel]
            draw_panel(canvas, card.folder, panel, placement, slots, (frame.x, frame.y))
        canvas.restoreState()
    crops, folds = plan.marks(side, len(sheet.cards))
    draw_guides(canvas, tuple(Guide("cut", *line) for line in crops) + tuple(Guide("fold", *line) for line in folds))
    _draw_slug(canvas, slug_text(sheet, side, batch, sheet_count))
    canvas.showPage()


def slug_text(sheet: PressSheet, side: str, batch: str, sheet_count: int) -> str:
    """What the slug line says: batch, sheet, side, card shape and the order references by position."""
    g = sheet.plan.geometry
    what = "outside, print first" if side == "A" else "inside, on the back of side A (turn on the long edge)"
    start = "top left" if side == "A" else "top right"
    places = "  ".join(
        f"{number}: {_safe(card.reference, _REFERENCE_LENGTH)}" for number, card in enumerate(sheet.cards, start=1)
    )
    head = f"Batch {batch} · " if batch else ""
    return (
        f"{head}{SHEET_NAME} sheet {sheet.number} of {sheet_count} · side {side}, {what} · "
        f"{g.size} {g.orientation} {g.fold} fold · {places} (numbered from the {start})"
    )


def _draw_slug(canvas: Canvas, text: str) -> None:
    face = small_print_face()
    canvas.saveState()
    canvas.setFillColor(SMALL_PRINT_COLOUR)
    line = canvas.beginText(SHEET_EDGE, SLUG_BASELINE)
    line.setFont(face, SMALL_PRINT_SIZE)
    room = SHEET_WIDTH - 2 * SHEET_EDGE
    width = pdfmetrics.stringWidth(text, face, SMALL_PRINT_SIZE)
    if width > room:  # never smaller than 7 pt: narrow the letters instead
        line.setHorizScale(100 * room / width)
    line.textOut(text)
    canvas.drawText(line)
    canvas.restoreState()


def _safe(text: str, limit: int) -> str:
    """A reference as printed off the card: letters, digits and a few marks, cut to `limit`."""
    cleaned = _SAFE.sub("", text)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"
