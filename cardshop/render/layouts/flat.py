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
from cardshop.render.preview import rasterise, srgb_profile_bytes


def draw_flat(canvas: Canvas, folder: Path, design: Design, fitted, options) -> None:
    geometry = fitted.geometry
    placement = single_placement(geometry, "front", 0, 0, 0)
    canvas.setPageSize((geometry.panel_width, geometry.panel_height))
    set_boxes(canvas, placement.trim, 0)
    frame = fitted.frame
    draw_panel(canvas, folder, design.panels.front, placement, fitted.slots["front"], (frame.x, frame.y))
    canvas.showPage()


FLAT_PNG_DPI = 300  # the card's real size at print resolution: 1240 px across an A6 front, 1748 at A5


def front_png(pdf: bytes, geometry: CardGeometry, dpi: int = FLAT_PNG_DPI) -> bytes:
    """The flat PDF's page as a PNG, rasterised by the same code as the preview (one renderer), at
    `dpi` for the card's size, with that resolution recorded (so printing it at "actual size" gives
    the real card) and the sRGB profile embedded (so other programs show its colours as we do)."""
    width_px = round(geometry.panel_width / INCH * dpi)
    image = rasterise(pdf, 0, (0, 0, geometry.panel_width, geometry.panel_height), width_px)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "PNG", dpi=(dpi, dpi), icc_profile=srgb_profile_bytes())
    return buffer.getvalue()


FLAT_LAYOUT = Layout("flat", draw_flat, formats=("pdf", "png"))
