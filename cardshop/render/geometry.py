"""Card sizes, bleed and the placement of panels on a page, in points.

Everything here is plain arithmetic: a design names a size, fold and orientation, and these helpers
turn that into rectangles. PDF space has its origin at the bottom-left; designers think from the
top-left of a panel, so conversions live here and nowhere else. Home-printing sheets (A4, Letter)
are planned in `imposition.py` on top of these rectangles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MM = 72 / 25.4  # points per millimetre
INCH = 72.0

SizeName = Literal["A6", "A5", "5x7", "4.25x5.5", "square"]
Fold = Literal["side", "top"]
Orientation = Literal["portrait", "landscape"]
PanelName = Literal["front", "inside_left", "inside_right", "back"]

PANEL_NAMES: tuple[str, ...] = ("front", "inside_left", "inside_right", "back")

# Closed (folded) card size in millimetres, portrait, and whether the size is an inch size.
CARD_SIZES_MM: dict[str, tuple[float, float, bool]] = {
    "A6": (105.0, 148.0, False),
    "A5": (148.0, 210.0, False),
    "5x7": (127.0, 177.8, True),
    "4.25x5.5": (107.95, 139.7, True),
    "square": (148.0, 148.0, False),
}
SIZE_NAMES: tuple[str, ...] = tuple(CARD_SIZES_MM)

METRIC_BLEED_MM = 3.0
INCH_BLEED_MM = 3.175  # 0.125 in


@dataclass(frozen=True)
class Rect:
    """A rectangle in PDF points, origin bottom-left."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def top(self) -> float:
        return self.y + self.height

    def grow(self, left: float, bottom: float, right: float, top: float) -> Rect:
        return Rect(self.x - left, self.y - bottom, self.width + left + right, self.height + bottom + top)

    def as_box(self) -> tuple[float, float, float, float]:
        """The (x0, y0, x1, y1) form PDF page boxes use."""
        return (self.x, self.y, self.right, self.top)


@dataclass(frozen=True)
class CardGeometry:
    """The closed card's panel size and the bleed for one size, fold and orientation."""

    size: str
    fold: str
    orientation: str
    panel_width: float  # points
    panel_height: float
    bleed: float

    @property
    def spread_width(self) -> float:
        return self.panel_width * (2 if self.fold == "side" else 1)

    @property
    def spread_height(self) -> float:
        return self.panel_height * (2 if self.fold == "top" else 1)


def default_bleed_mm(size: str) -> float:
    """3 mm for metric sizes, 0.125 in for inch sizes (DESIGN.md section 3)."""
    return INCH_BLEED_MM if CARD_SIZES_MM[size][2] else METRIC_BLEED_MM


def card_geometry(size: str, fold: str, orientation: str, bleed_mm: float | None = None) -> CardGeometry:
    width_mm, height_mm, _ = CARD_SIZES_MM[size]
    if orientation == "landscape":
        width_mm, height_mm = height_mm, width_mm
    bleed = default_bleed_mm(size) if bleed_mm is None else bleed_mm
    return CardGeometry(size, fold, orientation, width_mm * MM, height_mm * MM, bleed * MM)


@dataclass(frozen=True)
class PanelPlacement:
    """Where one panel sits on a page: its trimmed rectangle, how far its paint may run past each
    edge (bleed on outer edges, none at a fold, negative for a plain border inside the trim), and
    whether it is turned 180 degrees.

    `art_bleed` sizes the artwork: art always covers the trim grown by the card's full bleed on every
    side, however much of it a layout shows, so a panel's picture sits in exactly the same place
    relative to its trim in every layout (a print-shop spread, one page per panel, a home sheet)."""

    panel: str
    trim: Rect
    bleed_left: float
    bleed_bottom: float
    bleed_right: float
    bleed_top: float
    rotated: bool = False
    art_bleed: float = 0.0

    @property
    def art_rect(self) -> Rect:
        """What the panel paints (background and art), in page space: the clip."""
        return self.trim.grow(self.bleed_left, self.bleed_bottom, self.bleed_right, self.bleed_top)


def spread_placements(geometry: CardGeometry, origin_x: float, origin_y: float) -> list[list[PanelPlacement]]:
    """Panels of the outside and inside spreads, with the spread's trimmed bottom-left at the origin.

    Side fold: outside is back | front, inside is inside_left | inside_right. Top fold: outside has
    the front below the fold and the back above it turned 180 degrees (so it reads upright when the
    card is turned over); inside has inside_left above the fold and inside_right below, both upright.
    """
    w, h, b = geometry.panel_width, geometry.panel_height, geometry.bleed
    if geometry.fold == "side":
        left = Rect(origin_x, origin_y, w, h)
        right = Rect(origin_x + w, origin_y, w, h)
        return [
            [
                PanelPlacement("back", left, b, b, 0, b, art_bleed=b),
                PanelPlacement("front", right, 0, b, b, b, art_bleed=b),
            ],
            [
                PanelPlacement("inside_left", left, b, b, 0, b, art_bleed=b),
                PanelPlacement("inside_right", right, 0, b, b, b, art_bleed=b),
            ],
        ]
    lower = Rect(origin_x, origin_y, w, h)
    upper = Rect(origin_x, origin_y + h, w, h)
    return [
        [
            PanelPlacement("back", upper, b, 0, b, b, rotated=True, art_bleed=b),
            PanelPlacement("front", lower, b, b, b, 0, art_bleed=b),
        ],
        [
            PanelPlacement("inside_left", upper, b, 0, b, b, art_bleed=b),
            PanelPlacement("inside_right", lower, b, b, b, 0, art_bleed=b),
        ],
    ]


def fold_line(geometry: CardGeometry, trim: Rect) -> tuple[float, float, float, float]:
    """The fold of a spread whose trimmed rectangle is `trim`, as (x0, y0, x1, y1)."""
    if geometry.fold == "side":
        middle = trim.x + trim.width / 2
        return (middle, trim.y, middle, trim.top)
    middle = trim.y + trim.height / 2
    return (trim.x, middle, trim.right, middle)


def single_placement(
    geometry: CardGeometry, panel: str, origin_x: float, origin_y: float, bleed: float
) -> PanelPlacement:
    """One panel on its own page, upright, its paint running `bleed` past every edge (0: trimmed).

    The art is still sized for the card's full bleed, so the picture matches the spreads."""
    trim = Rect(origin_x, origin_y, geometry.panel_width, geometry.panel_height)
    return PanelPlacement(panel, trim, bleed, bleed, bleed, bleed, art_bleed=geometry.bleed)
