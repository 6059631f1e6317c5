"""Print-shop layouts. `pro`: two spreads (outside: back | front; inside: left | right). `pro-pages`:
one page per panel in reading order (front, inside left, inside right, back), as some print services
want single-fold cards. Each page is the trim plus bleed on every outer edge, with TrimBox and
BleedBox set, and room for crop marks outside the bleed when they are asked for."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from cardshop.design.models import Design
from cardshop.render.geometry import PANEL_NAMES, Rect, single_placement, spread_placements
from cardshop.render.layouts.marks import CROP_MARK_ROOM, draw_crop_marks, set_boxes
from cardshop.render.layouts.spec import Layout
from cardshop.render.panels import draw_panel


def _margin(bleed: float, crop_marks: bool) -> float:
    return bleed + (CROP_MARK_ROOM if crop_marks else 0)


def draw_pro(canvas: Canvas, folder: Path, design: Design, fitted, options) -> None:
    geometry = fitted.geometry
    bleed = geometry.bleed
    margin = _margin(bleed, options.crop_marks)
    trim = Rect(margin, margin, geometry.spread_width, geometry.spread_height)
    for spread in spread_placements(geometry, margin, margin):
        canvas.setPageSize((trim.width + 2 * margin, trim.height + 2 * margin))
        set_boxes(canvas, trim, bleed)
        for placement in spread:
            _draw(canvas, folder, design, fitted, placement)
        if options.crop_marks:
            draw_crop_marks(canvas, trim, bleed)
        canvas.showPage()


def draw_pro_pages(canvas: Canvas, folder: Path, design: Design, fitted, options) -> None:
    geometry = fitted.geometry
    bleed = geometry.bleed
    margin = _margin(bleed, options.crop_marks)
    trim = Rect(margin, margin, geometry.panel_width, geometry.panel_height)
    for name in PANEL_NAMES:
        canvas.setPageSize((trim.width + 2 * margin, trim.height + 2 * margin))
        set_boxes(canvas, trim, bleed)
        _draw(canvas, folder, design, fitted, single_placement(geometry, name, margin, margin, bleed))
        if options.crop_marks:
            draw_crop_marks(canvas, trim, bleed)
        canvas.showPage()


def _draw(canvas: Canvas, folder: Path, design: Design, fitted, placement) -> None:
    panel = getattr(design.panels, placement.panel)
    frame = fitted.frame
    draw_panel(canvas, folder, panel, placement, fitted.slots[placement.panel], (frame.x, frame.y))


PRO_LAYOUT = Layout("pro", draw_pro)
PRO_PAGES_LAYOUT = Layout("pro-pages", draw_pro_pages)
