"""Home printing: where a card's panels go on an A4 or US Letter sheet (plain arithmetic, no drawing).

Three kinds of sheet, from DESIGN.md section 3, tried in this order:

- Quarter-fold, when the sheet folded twice is the card (A6 on A4, 4.25 x 5.5 in on Letter): one
  single-sided page. The sheet is folded first across the card's hinge, then along it. The half that
  ends up outside is printed turned 180 degrees, so it reads upright after folding: for a side-fold
  card the top row is front | back turned and the bottom row inside left | inside right upright; for
  a top-fold card the left column is the front (turned) above the back, the right column the inside.
- Sheet-fold ("folded sheet"), when the sheet folded once is the card (A5 on A4: an opened A5 card
  is 296 x 210 mm, an A4 sheet 297 x 210): two pages printed two-sided, flipping on the short edge,
  like the half-fold below, but the opened card is the whole sheet, its fold on the sheet's middle.
- Half-fold, for every other size that fits: two pages printed two-sided, flipping on the short edge.
  The spread lies along the sheet's long side; page 2 is the inside spread, upright, at the position
  mirrored along the long side, which is where flip-on-short-edge puts it behind page 1. Cut and
  fold guides, a one-line instruction and a 100 mm reference line sit outside the card and its bleed,
  inside the printable area.

On a quarter-fold or a folded sheet nothing is cut: the sheet's edges are the card's, and printers
can't print the outer ~6 mm, so each panel's picture stops that distance inside every edge of the
panel (the fold included): a plain border, even on all four sides. There is no room off the card for
guides or instructions; the guide page (/printing) explains the steps instead.

A card that doesn't fit the sheet is refused with `SheetTooSmall`; nothing is ever scaled.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from cardshop.render.geometry import (
    MM,
    CardGeometry,
    PanelPlacement,
    Rect,
    card_geometry,
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
    dimensions: str  # the sheet's size as people who use it know it, long side first


SHEETS: dict[str, Sheet] = {
    "A4": Sheet("A4", "A4", 210.0, 297.0, 6.0, "297 × 210 mm"),
    # Margin 0.25 in, the US convention.
    "Letter": Sheet("Letter", "US Letter", 215.9, 279.4, 6.35, "11 × 8.5 in (279.4 × 215.9 mm)"),
}

# Guides outside the card (all in points)
MARK_GAP = 1.0 * MM  # between the bleed edge and the start of a guide
MARK_LENGTH = 5.0 * MM  # longest guide; shortened where the printable area is tight
MIN_MARK_LENGTH = 2.0 * MM  # shorter than this and a guide is hard to see: the card doesn't fit
TEXT_BAND = 3.5 * MM  # room for one 7 pt line (instruction, reference line) beyond the guides
TEXT_GAP = 1.2 * MM  # from the end of the guides to that line's baseline (descenders are ~0.5 mm)
# A folded sheet's part may be this much bigger than the panel it becomes: an A4 sheet's quarter is
# 0.5 mm taller than an A6 panel, its half 0.5 mm wider than an A5 panel.
FOLD_SPARE = 1.0 * MM
REFERENCE_LENGTH = 100.0 * MM


class SheetTooSmall(ValueError):
    """The card, opened out, is larger than a home printer can print on this sheet."""

    def __init__(self, geometry: CardGeometry, sheet: Sheet):
        self.geometry = geometry
        self.sheet = sheet
        size = SIZE_PROSE.get(geometry.size, geometry.size)
        opened = f"{_mm(geometry.spread_width)} × {_mm(geometry.spread_height)} mm"
        long_side = max(geometry.spread_width, geometry.spread_height)
        short_side = min(geometry.spread_width, geometry.spread_height)
        if long_side > sheet.height_mm * MM or short_side > sheet.width_mm * MM:
            why = f", which is {sheet.dimensions}."
        else:
            # It fits the paper, but isn't the sheet folded once or twice, so it would have to be cut
            # out: with its bleed and room to cut round it, it is bigger than the printable area.
            why = (
                f". It isn't the shape of a folded {sheet.label} sheet, so it would have to be cut out of one, and "
                f"home printers leave about {sheet.margin_mm:.0f} mm blank around the edge: that leaves too little "
                "room for the card and a margin to cut it out."
            )
        super().__init__(f"{size} card opens out to {opened}: too big to print at home on {sheet.label} paper{why}")


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


PlanKind = Literal["quarter-fold", "sheet-fold", "half-fold"]


@dataclass(frozen=True)
class HomePlan:
    kind: PlanKind
    sheet: Sheet
    width: float  # page size in points, orientation applied
    height: float
    printable: Rect
    pages: tuple[SheetPage, ...]

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def sheet_is_card(self) -> bool:
        """Quarter-fold and sheet-fold: nothing is cut, so the sheet's edges are the card's and the
        printer's margin is a plain border on the card that words must keep clear of."""
        return self.kind != "half-fold"


INSTRUCTION = (
    "Print both pages at 100% (Actual size), two-sided, flipping on the short edge. "
    "Cut on the marks, then fold in half on the dotted line."
)
INSIDE_NOTE = "Inside of the card: this page prints on the back of page 1."
REFERENCE_LABEL = "This line is 100 mm (3.94 in) long when printed at 100%."


def home_plan(geometry: CardGeometry, sheet_name: str) -> HomePlan:
    """The quarter-fold plan when the sheet folded twice is the card, the sheet-fold plan when the
    sheet folded once is, else the half-fold plan (or SheetTooSmall)."""
    sheet = SHEETS[sheet_name]
    if _sheet_folds_into(geometry, sheet, columns=2, rows=2):
        return _quarter_fold(geometry, sheet)
    spread = (2, 1) if geometry.fold == "side" else (1, 2)
    if _sheet_folds_into(geometry, sheet, *spread):
        return _sheet_fold(geometry, sheet)
    return _half_fold(geometry, sheet)


def _oriented(sheet: Sheet, landscape: bool) -> tuple[float, float]:
    short, long = sheet.width_mm * MM, sheet.height_mm * MM
    return (long, short) if landscape else (short, long)


def _printable(sheet: Sheet, width: float, height: float) -> Rect:
    m = sheet.margin_mm * MM
    return Rect(m, m, width - 2 * m, height - 2 * m)


def _sheet_folds_into(geometry: CardGeometry, sheet: Sheet, columns: int, rows: int) -> bool:
    """Whether folding the sheet into `columns` x `rows` equal parts gives parts the size of a panel
    (never smaller, at most FOLD_SPARE bigger)."""
    width, height = geometry.panel_width * columns, geometry.panel_height * rows
    sheet_width, sheet_height = _oriented(sheet, width > height)
    spare_w = (sheet_width - width) / columns
    spare_h = (sheet_height - height) / rows
    epsilon = 1e-6  # exact fits (4.25 x 5.5 in on Letter) can come out a hair negative in floating point
    return -epsilon <= spare_w <= FOLD_SPARE + epsilon and -epsilon <= spare_h <= FOLD_SPARE + epsilon


def _bordered(placement: PanelPlacement, border: float, rotated: bool | None = None) -> PanelPlacement:
    """The placement with its paint stopping `border` inside the trim on every side: a plain border."""
    return replace(
        placement,
        bleed_left=-border,
        bleed_bottom=-border,
        bleed_right=-border,
        bleed_top=-border,
        rotated=placement.rotated if rotated is None else rotated,
    )


def _quarter_fold(geometry: CardGeometry, sheet: Sheet) -> HomePlan:
    width, height = _oriented(sheet, geometry.panel_width > geometry.panel_height)
    w, h = geometry.panel_width, geometry.panel_height
    cx, cy = width / 2, height / 2
    # An even plain border: as wide as the printer's margin, measured from each panel edge (the
    # panels' outer edges are at most FOLD_SPARE/2 inside the sheet's edges).
    border = sheet.margin_mm * MM

    def place(panel: str, x: float, y: float, rotated: bool) -> PanelPlacement:
        upright = PanelPlacement(panel, Rect(x, y, w, h), 0, 0, 0, 0, art_bleed=geometry.bleed)
        return _bordered(upright, border, rotated)

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


def _sheet_fold(geometry: CardGeometry, sheet: Sheet) -> HomePlan:
    """The opened card centred on the sheet (so its fold is the sheet's middle, where folding the
    sheet edge to edge puts it), outside on page 1 and inside on page 2, as the half-fold lays them
    out, each panel with a plain border as wide as the printer's margin."""
    sw, sh = geometry.spread_width, geometry.spread_height
    landscape = _spread_is_landscape(geometry)
    width, height = _oriented(sheet, landscape)
    card = Rect((width - sw) / 2, (height - sh) / 2, sw, sh)
    inside_card = _behind(card, width, height, landscape)
    border = sheet.margin_mm * MM
    outside = spread_placements(geometry, card.x, card.y)[0]
    inside = spread_placements(geometry, inside_card.x, inside_card.y)[1]
    sheet_rect = Rect(0, 0, width, height)
    pages = (
        SheetPage(tuple(_bordered(p, border) for p in outside), sheet_rect, 0.0),
        SheetPage(tuple(_bordered(p, border) for p in inside), sheet_rect, 0.0),
    )
    return HomePlan("sheet-fold", sheet, width, height, _printable(sheet, width, height), pages)


def _spread_is_landscape(geometry: CardGeometry) -> bool:
    """The spread's long side runs along the sheet's long side. Then flipping on the short edge turns
    the sheet over about an axis parallel to the card's fold, so the inside prints upright."""
    landscape = geometry.spread_width > geometry.spread_height
    if landscape != (geometry.fold == "side"):
        raise AssertionError("a side-fold spread is always wider than tall, a top-fold one taller than wide")
    return landscape


def _behind(card: Rect, width: float, height: float, landscape: bool) -> Rect:
    """Where flip-on-short-edge puts page 2's copy of `card`: mirrored along the sheet's long side."""
    if landscape:
        return Rect(width - card.right, card.y, card.width, card.height)
    return Rect(card.x, height - card.top, card.width, card.height)


def _half_fold(geometry: CardGeometry, sheet: Sheet) -> HomePlan:
    sw, sh, b = geometry.spread_width, geometry.spread_height, geometry.bleed
    landscape = _spread_is_landscape(geometry)
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
    inside_card = _behind(card, width, height, landscape)
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
    try:
        home_plan(card_geometry(size, fold, orientation, bleed_mm), sheet_name)
    except SheetTooSmall:
        return False
    return True
