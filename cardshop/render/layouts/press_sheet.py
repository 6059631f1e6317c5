"""Press sheets: many folded cards imposed on one SRA3 sheet for a print shop's digital press.

Plain arithmetic here (`plan_sheet`, `Affine`); drawing is in `press_batch.py`.

- The sheet is SRA3 (320 x 450 mm), the usual sheet of a digital press: it is A3 plus room for bleed
  and marks, so it takes four A5 pages (four opened A6 cards) or two A4 pages (two opened A5 cards).
- Each card is its whole spread (outside on side A, inside on side B) with the card's bleed on every
  outer edge. Neighbouring cards are two bleeds apart, so their paint meets but never overlaps, and
  each card is cut on its own trim lines (a double cut). A spread may be turned a quarter when that
  fits more cards; all cards on one sheet share one size, fold and orientation.
- Sheetwise, two-sided: page 2k-1 is side A (the outside spreads) of sheet k, page 2k is side B (the
  inside spreads). The press turns the sheet over its long edge (the left-right mirror of a portrait
  sheet), so each card's inside spread is drawn at the mirrored place, turned as that card's own fold
  needs (a side fold reads upright, a top fold comes out turned half round): the inside of card k
  lands behind its outside. `Affine` composes these moves.
- Crop marks: every card's trim lines, and dashed fold marks, are marked at both ends of the block of
  cards on the sheet, outside every bleed (a guillotine cut runs across the whole sheet). The same marks on side B
  fall exactly behind side A's, which shows the duplex registration at a glance.
- A slug line along the bottom, below the marks, names the batch, the sheet and side, and the cards'
  order references by position; never a name or a message.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cardshop.render.geometry import MM, CardGeometry, Rect, fold_line
from cardshop.render.layouts.marks import CROP_MARK_GAP, CROP_MARK_LENGTH

SHEET_WIDTH = 320 * MM  # SRA3, portrait
SHEET_HEIGHT = 450 * MM
SHEET_NAME = "SRA3"
SHEET_EDGE = 2 * MM  # nothing is printed nearer the sheet's edge than this
MARK_MIN = 3 * MM  # crop marks shorten to fit the spare paper, never below this
SLUG_BAND = 4 * MM  # one line of 7 pt small print under the bottom marks
_EPSILON = 1e-6


@dataclass(frozen=True)
class Affine:
    """A PDF transformation matrix [a b c d e f]: (x, y) -> (a x + c y + e, b x + d y + f)."""

    a: float = 1.0
    b: float = 0.0
    c: float = 0.0
    d: float = 1.0
    e: float = 0.0
    f: float = 0.0

    def __call__(self, x: float, y: float) -> tuple[float, float]:
        return (self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f)

    def then(self, other: Affine) -> Affine:
        """This move followed by `other`."""
        o = other
        return Affine(
            o.a * self.a + o.c * self.b,
            o.b * self.a + o.d * self.b,
            o.a * self.c + o.c * self.d,
            o.b * self.c + o.d * self.d,
            o.a * self.e + o.c * self.f + o.e,
            o.b * self.e + o.d * self.f + o.f,
        )

    def rect(self, rect: Rect) -> Rect:
        """The bounding rectangle of `rect` moved (exact for quarter turns and mirrors)."""
        corners = [self(x, y) for x in (rect.x, rect.right) for y in (rect.y, rect.top)]
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))

    def as_tuple(self) -> tuple[float, float, float, float, float, float]:
        return (self.a, self.b, self.c, self.d, self.e, self.f)


SHEET_TURN = Affine(a=-1.0, e=SHEET_WIDTH)  # side B's point behind side A's (x, y): turned over the long edge


def registration_flip(geometry: CardGeometry) -> Affine:
    """Inside-spread point behind an outside-spread point (both with the trim's bottom-left at the origin):
    a side fold mirrors left to right, a top fold top to bottom."""
    if geometry.fold == "side":
        return Affine(a=-1.0, e=geometry.spread_width)
    return Affine(d=-1.0, f=geometry.spread_height)


@dataclass(frozen=True)
class SheetPlan:
    """Where the cards go on every sheet of one card shape. Positions count from the top left of side A."""

    geometry: CardGeometry
    turned: bool  # spreads turned a quarter (anticlockwise): the spread's width runs up the sheet
    columns: int
    rows: int
    block: Rect  # every card with its bleed, on side A (side B's is its mirror)
    mark_length_x: float  # marks left and right of the block (for the horizontal trim lines)
    mark_length_y: float  # marks above and below it (for the vertical trim lines)

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    @property
    def cell(self) -> tuple[float, float]:
        """A card's trim on the sheet, width and height."""
        g = self.geometry
        if self.turned:
            return (g.spread_height, g.spread_width)
        return (g.spread_width, g.spread_height)

    def trim(self, position: int) -> Rect:
        """Position `position`'s trimmed spread on side A."""
        row, column = divmod(position, self.columns)
        width, height = self.cell
        b = self.geometry.bleed
        x = self.block.x + b + column * (width + 2 * b)
        y = self.block.top - b - height - row * (height + 2 * b)
        return Rect(x, y, width, height)

    def outside(self, position: int) -> Affine:
        """Outside-spread coordinates (trim's bottom-left at the origin) to side A."""
        trim = self.trim(position)
        if self.turned:
            return Affine(a=0.0, b=1.0, c=-1.0, d=0.0, e=trim.right, f=trim.y)
        return Affine(e=trim.x, f=trim.y)

    def inside(self, position: int) -> Affine:
        """Inside-spread coordinates to side B: behind the outside once the sheet is turned."""
        return registration_flip(self.geometry).then(self.outside(position)).then(SHEET_TURN)

    def spread_rect(self) -> Rect:
        return Rect(0, 0, self.geometry.spread_width, self.geometry.spread_height)

    def marks(self, side: str, positions: int) -> tuple[list[tuple[float, float, float, float]], list]:
        """(crop marks, fold marks) for `positions` cards on side "A" or "B", as (x0, y0, x1, y1) lines."""
        moves = [self.outside(p) if side == "A" else self.inside(p) for p in range(positions)]
        trims = [move.rect(self.spread_rect()) for move in moves]
        # Marks hug the cards there are: on a sheet only partly filled they stay near them.
        b = self.geometry.bleed
        block = Rect(
            min(t.x for t in trims) - b,
            min(t.y for t in trims) - b,
            max(t.right for t in trims) - min(t.x for t in trims) + 2 * b,
            max(t.top for t in trims) - min(t.y for t in trims) + 2 * b,
        )
        xs = sorted({round(x, 3) for t in trims for x in (t.x, t.right)})
        ys = sorted({round(y, 3) for t in trims for y in (t.y, t.top)})
        fold_xs, fold_ys = set(), set()
        for move in moves:
            x0, y0, x1, y1 = fold_line(self.geometry, self.spread_rect())
            (ax, ay), (bx, _) = move(x0, y0), move(x1, y1)
            if abs(ax - bx) < _EPSILON:
                fold_xs.add(round(ax, 3))
            else:
                fold_ys.add(round(ay, 3))
        return (
            self._lines(block, xs, ys),
            self._lines(block, sorted(fold_xs), sorted(fold_ys)),
        )

    def _lines(self, block: Rect, xs, ys) -> list[tuple[float, float, float, float]]:
        gap, lx, ly = CROP_MARK_GAP, self.mark_length_x, self.mark_length_y
        lines = []
        for x in xs:
            lines.append((x, block.top + gap, x, block.top + gap + ly))
            lines.append((x, block.y - gap, x, block.y - gap - ly))
        for y in ys:
            lines.append((block.x - gap, y, block.x - gap - lx, y))
            lines.append((block.right + gap, y, block.right + gap + lx, y))
        return lines


class DoesNotFitSheet(ValueError):
    """A card too big for the press sheet (none of the shipped sizes is)."""


def plan_sheet(geometry: CardGeometry) -> SheetPlan:
    """As many of these cards as fit on SRA3, upright or turned a quarter, whichever fits more."""
    plans = [plan for turned in (False, True) if (plan := _plan(geometry, turned)) is not None]
    if not plans:
        raise DoesNotFitSheet(f"a {geometry.size} card's spread does not fit a {SHEET_NAME} sheet with its marks")
    # Most cards per sheet; then the longer marks; then upright.
    return max(plans, key=lambda plan: (plan.per_sheet, min(plan.mark_length_x, plan.mark_length_y), not plan.turned))


def _plan(geometry: CardGeometry, turned: bool) -> SheetPlan | None:
    b = geometry.bleed
    width, height = (
        (geometry.spread_height, geometry.spread_width) if turned else (geometry.spread_width, geometry.spread_height)
    )
    cell_w, cell_h = width + 2 * b, height + 2 * b
    side = CROP_MARK_GAP + MARK_MIN + SHEET_EDGE  # the least paper beyond the block on each side
    columns = math.floor((SHEET_WIDTH - 2 * side) / cell_w + _EPSILON)
    rows = math.floor((SHEET_HEIGHT - SLUG_BAND - 2 * side) / cell_h + _EPSILON)
    if columns < 1 or rows < 1:
        return None
    block_w, block_h = columns * cell_w, rows * cell_h
    spare_x = (SHEET_WIDTH - block_w) / 2  # each side
    spare_y = (SHEET_HEIGHT - SLUG_BAND - block_h) / 2  # above and below; the slug band is under it all
    block = Rect(spare_x, SLUG_BAND + spare_y, block_w, block_h)
    mark_x = min(CROP_MARK_LENGTH, spare_x - CROP_MARK_GAP - SHEET_EDGE)
    mark_y = min(CROP_MARK_LENGTH, spare_y - CROP_MARK_GAP - SHEET_EDGE)
    return SheetPlan(geometry, turned, columns, rows, block, mark_x, mark_y)
