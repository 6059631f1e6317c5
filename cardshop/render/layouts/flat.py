"""`flat`: the front alone, trimmed, as a one-page PDF or (through `render_card`) a PNG for sharing.

There is no bleed: this is the card as it looks, not a print file. The art is still sized for the
card's bleed, so the picture matches the printed front exactly.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from cardshop.design.models import Design
from cardshop.render.geometry import INCH, CardGeometry, single_placement
from cardshop.render.layouts.marks import set_boxes
from cardshop.render.layouts.spec import Layout
from cardshop.render.panels import draw_panel
from cardshop.render.preview import rasterise


def draw_flat(canvas: Canvas, folder: Path, design: Design, fitted, options) -> None:
    geometry = fitted.geometry
    placement = single_placement(geometry, "front", 0, 0, 0)
    canvas.setPageSize((geometry.panel_width, geometry.panel_height))
    set_boxes(canvas, placement.trim, 0)
    frame = fitted.frame
    draw_panel(canvas, folder, design.panels.front, placement, fitted.slots["front"], (frame.x, frame.y))
    canvas.showPage()


FLAT_PNG_WIDTH = 1200  # px across the front: sharp on phones and social sites, about 1-2 MB


def front_png(pdf: bytes, geometry: CardGeometry, width_px: int = FLAT_PNG_WIDTH) -> bytes:
    """The flat PDF's page as a PNG, rasterised by the same code as the preview (one renderer), with
    its resolution recorded so that printing the picture at "actual size" gives the real card size."""
    image = rasterise(pdf, 0, (0, 0, geometry.panel_width, geometry.panel_height), width_px)
    dpi = width_px / (geometry.panel_width / INCH)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


FLAT_LAYOUT = Layout("flat", draw_flat, formats=("pdf", "png"))
