"""Home printing: where a card's panels go on an A4 or US Letter sheet (plain arithmetic, no drawing).

Two plans, from DESIGN.md section 3:

- Quarter-fold, when the sheet folded twice is the card (A6 on A4, 4.25 x 5.5 in on Letter): one
  single-sided page. The sheet is folded first across the card's hinge, then along it. The half that
  ends up outside is printed turned 180 degrees, so it reads upright after folding: for a side-fold
  card the top row is front | back turned and the bottom row inside left | inside right upright; for
  a top-fold card the left column is the front (turned) above the back, the right column the inside.
  Nothing is cut, and printers can't print the outer ~6 mm, so each panel's picture stops the same
  distance inside every edge of the panel: a plain border, even on all four sides.
- Half-fold, for every other size that fits: two pages printed two-sided, flipping on the short edge.
  The spread lies along the sheet's long side; page 2 is the inside spread, upright, at the position
  mirrored along the long side, which is where flip-on-short-edge puts it behind page 1. Cut and
  fold guides, a one-line instruction and a 100 mm reference line sit outside the card and its bleed,
  inside the printable area.

A card that doesn't fit the sheet is refused with `SheetTooSmall`; nothing is ever scaled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cardshop.render.geometry import (
    MM,
    CardGeometry,
    PanelPlacement,
    Rect,
    fold_line,
    spread_placements,
)


@dataclass(frozen=True)
class Sheet:
    name: str
    label: str
    width_mm: float  # portrait
    height_mm: float
    margin_mm: float  # what home printers can't print, on every side


SHEETS: dict[str, Sheet] = {
    "A4": Sheet("A4", "A4", 210.0, 297.0, 6.0),
    "Letter": Sheet("Letter", "US Letter", 215.9, 279.4, 6.35),  # 0.25 in, the US convention
}

# Guides outside the card (all in points)
MARK_GAP = 1.0 * MM  # between the bleed edge and the start of a guide
MARK_LENGTH = 5.0 * MM  # longest guide; shortened where the printable area is tight
MIN_MARK_LENGTH = 2.0 * MM  # shorter than this and a guide is hard to see: the card doesn't fit
TEXT_BAND = 3.5 * MM  # room for one 7 pt line (instruction, reference line) beyond the guides
TEXT_GAP = 1.2 * MM  # from the end of the guides to that line's baseline (descenders are ~0.5 mm)
QUARTER_FOLD_TOLERANCE = 1.0 * MM  # the sheet's quarter may be this much bigger than the panel
REFERENCE_LENGTH = 100.0 * MM


class SheetTooSmall(ValueError):
    """The card, opened out, is larger than a home printer can print on this sheet."""

    def __init__(self, geometry: CardGeometry, sheet: Sheet):
        self.geometry = geometry
        self.sheet = sheet
        size = SIZE_PROSE.get(geometry.size, geometry.size)
        opened = f"{_mm(geometry.spread_width)} × {_mm(geometry.spread_height)} mm"
        super().__init__(
            f"{size} card opens out to {opened}: too big to print at home on {sheet.label} paper, because home "
            f"printers leave about {sheet.margin_mm:.0f} mm blank around the edge and the card needs a little room "
            "around it to be cut out."
        )


SIZE_SHORT = {"A6": "A6", "A5": "A5", "5x7": "5 × 7 in", "4.25x5.5": "4.25 × 5.5 in", "square": "148 mm square"}
SIZE_PROSE = {
    "A6": "An A6",
    "A5": "An A5",
    "5x7": "A 5 × 7 in",
    "4.25x5.5": "A 4.25 × 5.5 in",
    "square": "A 148 mm square",
}


def _mm(points: float) -> str:
    return f"{points / MM:.1f}".removesuffix(".0")


@dataclass(frozen=True)
class Guide:
    """A short line printed outside the card: a cut mark or a fold mark."""

    kind: Literal["cut", "fold"]
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class TextLine:
    """One line of small print outside the card; `x` is its centre."""

    text: str
    x: float
    baseline: float


@dataclass(frozen=True)
class SheetPage:
    placements: tuple[PanelPlacement, ...]
    card: Rect  # the card's trimmed area on this page: the TrimBox
    bleed: float  # the BleedBox is `card` grown by this on every side
    guides: tuple[Guide, ...] = ()
    texts: tuple[TextLine, ...] = ()
    reference_y: float | None = None  # where the 100 mm reference line goes, centred across the page


@dataclass(frozen=True)
class HomePlan:
    kind: Literal["half-fold", "quarter-fold"]
    sheet: Sheet
    width: float  # page size in points, orientation applied
    height: float
    printable: Rect
    pages: tuple[SheetPage, ...]

    @property
    def landscape(self) -> bool:
        return self.width > self.height


INSTRUCTION = (
    "Print both pages at 100% (Actual size), two-sided, flipping on the short edge. "
    "Cut on the marks, then fold in half on the dotted line."
)
INSIDE_NOTE = "Inside of the card: this page prints on the back of page 1."
REFERENCE_LABEL = "This line is 100 mm (3.94 in) long when printed at 100%."


def home_plan(geometry: CardGeometry, sheet_name: str) -> HomePlan:
    """The quarter-fold plan when the sheet folded twice is the card, else the half-fold plan."""
    sheet = SHEETS[sheet_name]
    if _quarter_fold_fits(geometry, sheet):
        return _quarter_fold(geometry, sheet)
    return _half_fold(geometry, sheet)


def _oriented(sheet: Sheet, landscape: bool) -> tuple[float, float]:
    short, long = sheet.width_mm * MM, sheet.height_mm * MM
    return (long, short) if landscape else (short, long)


def _printable(sheet: Sheet, width: float, height: float) -> Rect:
    m = sheet.margin_mm * MM
    return Rect(m, m, width - 2 * m, height - 2 * m)


def _quarter_fold_fits(geometry: CardGeometry, sheet: Sheet) -> bool:
    landscape = geometry.panel_width > geometry.panel_height
    width, height = _oriented(sheet, landscape)
    spare_w = width / 2 - geometry.panel_width
    spare_h = height / 2 - geometry.panel_height
    return 0 <= spare_w <= QUARTER_FOLD_TOLERANCE and 0 <= spare_h <= QUARTER_FOLD_TOLERANCE


def _quarter_fold(geometry: CardGeometry, sheet: Sheet) -> HomePlan:
    width, height = _oriented(sheet, geometry.panel_width > geometry.panel_height)
    w, h = geometry.panel_width, geometry.panel_height
    cx, cy = width / 2, height / 2
    # An even plain border: as wide as the printer's margin, measured from each panel edge (the
    # panels' outer edges are at most QUARTER_FOLD_TOLERANCE/2 inside the sheet's edges).
    border = sheet.margin_mm * MM

    def place(panel: str, x: float, y: float, rotated: bool) -> PanelPlacement:
        return PanelPlacement(
            panel, Rect(x, y, w, h), -border, -border, -border, -border, rotated=rotated, art_bleed=geometry.bleed
        )

    if geometry.fold == "side":
        placements = (
            place("front", cx - w, cy, True),
            place("back", cx, cy, True),
            place("inside_left", cx - w, cy - h, False),
            place("inside_right", cx, cy - h, False),
        )
    else:
        placements = (
            place("front", cx - w, cy, True),
            place("back", cx - w, cy - h, False),
            place("inside_left", cx, cy, False),
            place("inside_right", cx, cy - h, False),
        )
    page = SheetPage(placements, Rect(0, 0, width, height), 0.0)
    return HomePlan("quarter-fold", sheet, width, height, _printable(sheet, width, height), (page,))


def _half_fold(geometry: CardGeometry, sheet: Sheet) -> HomePlan:
    sw, sh, b = geometry.spread_width, geometry.spread_height, geometry.bleed
    # The spread's long side runs along the sheet's long side. Then flipping on the short edge turns
    # the sheet over about an axis parallel to the card's fold, so the inside prints upright.
    landscape = sw > sh
    if landscape != (geometry.fold == "side"):
        raise AssertionError("a side-fold spread is always wider than tall, a top-fold one taller than wide")
    width, height = _oriented(sheet, landscape)
    printable = _printable(sheet, width, height)
    room_x = (printable.width - sw) / 2 - b - MARK_GAP  # guide length available left and right
    room_y = (printable.height - sh) / 2 - b - MARK_GAP - TEXT_BAND  # above and below, after the text
    if min(room_x, room_y) < MIN_MARK_LENGTH:
        raise SheetTooSmall(geometry, sheet)
    card = Rect((width - sw) / 2, (height - sh) / 2, sw, sh)
    outside, inside = spread_placements(geometry, card.x, card.y)
    # Page 2 sits where flip-on-short-edge puts it behind page 1: mirrored along the long side.
    # The card is centred, so the mirror is the same rectangle; computed anyway so that a change to
    # the centring can't silently misregister the two sides.
    inside_card = Rect(width - card.right, card.y, sw, sh) if landscape else Rect(card.x, height - card.top, sw, sh)
    inside = spread_placements(geometry, inside_card.x, inside_card.y)[1]
    mark_x = min(MARK_LENGTH, room_x)
    mark_y = min(MARK_LENGTH, room_y)
    guides = (*_cut_marks(card, b, mark_x, mark_y), *_fold_marks(geometry, card, b, mark_x, mark_y))
    top_text = card.top + b + MARK_GAP + mark_y + TEXT_GAP
    reference_y = card.y - b - MARK_GAP - mark_y - TEXT_BAND / 2
    page1 = SheetPage(tuple(outside), card, b, guides, (TextLine(INSTRUCTION, width / 2, top_text),), reference_y)
    inside_top = inside_card.top + b + MARK_GAP + mark_y + TEXT_GAP
    page2 = SheetPage(tuple(inside), inside_card, b, (), (TextLine(INSIDE_NOTE, width / 2, inside_top),))
    return HomePlan("half-fold", sheet, width, height, printable, (page1, page2))


def _cut_marks(card: Rect, bleed: float, length_x: float, length_y: float) -> list[Guide]:
    """Corner marks on the trim lines, starting outside the bleed so they never print on the card."""
    marks = []
    start = bleed + MARK_GAP
    for x, sx in ((card.x, -1), (card.right, 1)):
        for y, sy in ((card.y, -1), (card.top, 1)):
            marks.append(Guide("cut", x, y + sy * start, x, y + sy * (start + length_y)))
            marks.append(Guide("cut", x + sx * start, y, x + sx * (start + length_x), y))
    return marks


def _fold_marks(geometry: CardGeometry, card: Rect, bleed: float, length_x: float, length_y: float) -> list[Guide]:
    """The fold line continued past the bleed at both ends."""
    x0, y0, x1, y1 = fold_line(geometry, card)
    start = bleed + MARK_GAP
    if geometry.fold == "side":
        return [
            Guide("fold", x0, y0 - start, x0, y0 - start - length_y),
            Guide("fold", x1, y1 + start, x1, y1 + start + length_y),
        ]
    return [
        Guide("fold", x0 - start, y0, x0 - start - length_x, y0),
        Guide("fold", x1 + start, y1, x1 + start + length_x, y1),
    ]


def slot_boxes(placement: PanelPlacement, slots, frame_x: float, frame_y: float) -> list[Rect]:
    """Each slot's box in page space for a panel at `placement` (turned with the panel if it is)."""
    trim = placement.trim
    boxes = []
    for slot in slots:
        width, height = slot.width * MM * frame_x, slot.height * MM * frame_y
        left = slot.x * MM * frame_x
        bottom = trim.height - slot.y * MM * frame_y - height
        if placement.rotated:
            boxes.append(Rect(trim.right - left - width, trim.top - bottom - height, width, height))
        else:
            boxes.append(Rect(trim.x + left, trim.y + bottom, width, height))
    return boxes


def fits_at_home(size: str, fold: str, orientation: str, sheet_name: str, bleed_mm: float | None = None) -> bool:
    """Whether a card of this size prints at home on the sheet (used to suggest another size)."""
    from cardshop.render.geometry import card_geometry

    try:
        home_plan(card_geometry(size, fold, orientation, bleed_mm), sheet_name)
    except SheetTooSmall:
        return False
    return True
