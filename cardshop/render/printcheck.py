"""Print rules for `designs check`: what a print shop (or a home printer) would send back.

- Raster art must print at 300 dpi or more at its placed size (the panel plus bleed) at every size
  the design offers.
- Where art reaches a trim edge it must carry on to the edge of the bleed, or a cut that drifts
  (about 1.5 mm is normal) leaves a sliver of the wrong colour.
- Text slots stay at least 4 mm inside the trim.
- On a quarter-fold home sheet the sheet's edges are the card's, so words must also keep clear of
  the ~6 mm a home printer can't print.

Each rule returns `PrintProblem`s with the design file's key, so the designer knows where to look.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from cardshop.catalog.models import Design
from cardshop.catalog.paths import resolve_inside
from cardshop.render.art import RASTER_SUFFIXES, draw_art, load_art
from cardshop.render.geometry import INCH, MM, Rect, card_geometry

MIN_DPI = 300
SAFE_ZONE_MM = 4.0
CHECK_PX_PER_MM = 4  # raster resolution for the bleed check: 0.25 mm per pixel
EDGE_TOLERANCE = 0.02  # share of an edge that may stop short of the bleed (anti-aliasing, hairlines)


@dataclass(frozen=True)
class PrintProblem:
    key: str
    message: str
    fix: str


def print_problems(folder: Path, design: Design) -> list[PrintProblem]:
    return [
        *resolution_problems(folder, design),
        *bleed_problems(folder, design),
        *safe_zone_problems(design),
        *home_sheet_problems(design),
    ]


def resolution_problems(folder: Path, design: Design) -> list[PrintProblem]:
    from cardshop.render.raster import image_size

    problems = []
    for name, panel in design.panels.items():
        if not panel.art or Path(panel.art).suffix.lower() not in RASTER_SUFFIXES:
            continue
        width_px, height_px = image_size(resolve_inside(folder, panel.art))
        low = []
        need = (0, 0)
        for size in design.sizes:
            geometry = card_geometry(size, design.fold, design.orientation)
            placed_w = geometry.panel_width + 2 * geometry.bleed
            placed_h = geometry.panel_height + 2 * geometry.bleed
            # The art is scaled to cover the panel plus bleed (cropping the overflow), so the
            # direction that has to stretch most decides the resolution.
            dpi = min(width_px / (placed_w / INCH), height_px / (placed_h / INCH))
            if dpi < MIN_DPI - 0.5:
                low.append(f"{dpi:.0f} dpi at {size}")
                need = max(need, (_pixels(placed_w), _pixels(placed_h)))
        if low:
            problems.append(
                PrintProblem(
                    f"panels.{name}.art",
                    f"{panel.art} is {width_px} x {height_px} px, which prints at {', '.join(low)}; "
                    f"print needs at least {MIN_DPI} dpi",
                    f"export it at {need[0]} x {need[1]} px or more (the panel plus bleed at {MIN_DPI} dpi), or as SVG",
                )
            )
    return problems


def _pixels(points: float) -> int:
    """Pixels for `points` at MIN_DPI, rounded up (after forgiving float noise: 4.5 in is 1350 px)."""
    return math.ceil(round(points / INCH * MIN_DPI, 6))


def bleed_problems(folder: Path, design: Design) -> list[PrintProblem]:
    from cardshop.render.preview import rasterise_alpha

    problems = []
    for name, panel in design.panels.items():
        if not panel.art:
            continue
        art = load_art(resolve_inside(folder, panel.art))
        short: dict[str, list[str]] = {}
        for size in design.sizes:
            geometry = card_geometry(size, design.fold, design.orientation)
            b = geometry.bleed
            page = Rect(0, 0, geometry.panel_width + 2 * b, geometry.panel_height + 2 * b)
            buffer = io.BytesIO()
            canvas = Canvas(buffer, pagesize=(page.width, page.height), invariant=1)
            draw_art(canvas, art, page)
            canvas.showPage()
            canvas.save()
            alpha = rasterise_alpha(buffer.getvalue(), 0, CHECK_PX_PER_MM / MM).getchannel("A")
            for edge in _edges_stopping_at_trim(alpha, round(b / MM * CHECK_PX_PER_MM)):
                short.setdefault(edge, []).append(size)
        if short:
            edges = ", ".join(f"{edge} ({', '.join(sizes)})" for edge, sizes in short.items())
            problems.append(
                PrintProblem(
                    f"panels.{name}.art",
                    f"the art reaches the trim but stops short of the bleed along the {edges} edge",
                    "draw the art to the edge of the bleed: 3 mm past the trim (0.125 in for inch sizes)",
                )
            )
    return problems


def _edges_stopping_at_trim(alpha, bleed_px: int) -> list[str]:
    """Edges where art is painted just inside the trim but not at the outer edge of the bleed."""
    width, height = alpha.size
    if bleed_px < 1:
        return []
    pixels = alpha.load()
    inside = bleed_px + 1  # one pixel inside the trim line
    lines = {
        "top": [(x, inside, x, 0) for x in range(bleed_px, width - bleed_px)],
        "bottom": [(x, height - 1 - inside, x, height - 1) for x in range(bleed_px, width - bleed_px)],
        "left": [(inside, y, 0, y) for y in range(bleed_px, height - bleed_px)],
        "right": [(width - 1 - inside, y, width - 1, y) for y in range(bleed_px, height - bleed_px)],
    }
    found = []
    for edge, pairs in lines.items():
        stopped = sum(1 for x0, y0, x1, y1 in pairs if pixels[x0, y0] > 127 and pixels[x1, y1] <= 127)
        if stopped > EDGE_TOLERANCE * len(pairs):
            found.append(edge)
    return found


def safe_zone_problems(design: Design) -> list[PrintProblem]:
    from cardshop.render.card import slot_frame

    problems = []
    for name, panel in design.panels.items():
        for index, slot in enumerate(panel.slots):
            worst: tuple[float, str, str] | None = None
            for size in design.sizes:
                geometry = card_geometry(size, design.fold, design.orientation)
                frame = slot_frame(design, geometry)
                width_mm, height_mm = geometry.panel_width / MM, geometry.panel_height / MM
                distances = {
                    "left": slot.x * frame.x,
                    "top": slot.y * frame.y,
                    "right": width_mm - (slot.x + slot.width) * frame.x,
                    "bottom": height_mm - (slot.y + slot.height) * frame.y,
                }
                edge, distance = min(distances.items(), key=lambda item: item[1])
                if distance < SAFE_ZONE_MM - 1e-6 and (worst is None or distance < worst[0]):
                    worst = (distance, edge, size)
            if worst:
                distance, edge, size = worst
                problems.append(
                    PrintProblem(
                        f"panels.{name}.slots[{index}]",
                        f"the text box is {max(distance, 0):.1f} mm from the {edge} trim edge at {size}; "
                        f"text must stay at least {SAFE_ZONE_MM:g} mm inside the trim (cuts drift about 1.5 mm)",
                        f"move or shrink the box so it is {SAFE_ZONE_MM:g} mm or more from every edge",
                    )
                )
    return problems


def home_sheet_problems(design: Design) -> list[PrintProblem]:
    """Quarter-fold sheets only (a card too big for a home sheet is a choice, not a design fault):
    the sheet's edge is the card's, so text boxes must keep clear of the printer's margin."""
    from cardshop.render.card import slot_frame
    from cardshop.render.imposition import SHEETS, SheetTooSmall, home_plan, slot_boxes

    problems: dict[str, PrintProblem] = {}
    for size in design.sizes:
        geometry = card_geometry(size, design.fold, design.orientation)
        frame = slot_frame(design, geometry)
        for sheet in SHEETS.values():
            try:
                plan = home_plan(geometry, sheet.name)
            except SheetTooSmall:
                continue
            if plan.kind != "quarter-fold":
                continue
            area = plan.printable
            for placement in plan.pages[0].placements:
                slots = getattr(design.panels, placement.panel).slots
                for index, box in enumerate(slot_boxes(placement, slots, frame.x, frame.y)):
                    key = f"panels.{placement.panel}.slots[{index}]"
                    inside = box.x >= area.x and box.y >= area.y and box.right <= area.right and box.top <= area.top
                    if not inside and key not in problems:
                        problems[key] = PrintProblem(
                            key,
                            f"at {size}, printed at home on one folded {sheet.label} sheet, the text box is within "
                            f"{sheet.margin_mm:g} mm of the card's edge, where home printers can't print",
                            f"keep text boxes {sheet.margin_mm:g} mm or more from the edges",
                        )
    return list(problems.values())
