"""`envelope`: one page the size of the envelope that fits the card, with the fitted addresses
(sizes, limits and fitting are in render/envelope.py)."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from cardshop.design.models import Design
from cardshop.render.geometry import MM, PanelPlacement, Rect
from cardshop.render.layouts.addresses import EnvelopeFit, fit_envelope
from cardshop.render.layouts.marks import set_boxes
from cardshop.render.layouts.spec import Layout
from cardshop.render.panels import draw_panel


def draw_envelope(canvas: Canvas, folder: Path, design: Design, fitted: EnvelopeFit, options) -> None:
    envelope = fitted.envelope
    page = Rect(0, 0, envelope.width_mm * MM, envelope.height_mm * MM)
    canvas.setPageSize((page.width, page.height))
    set_boxes(canvas, page, 0)
    draw_panel(canvas, folder, fitted.panel, PanelPlacement("envelope", page, 0, 0, 0, 0), list(fitted.fitted))
    canvas.showPage()


ENVELOPE_LAYOUT = Layout("envelope", draw_envelope, fit=fit_envelope)
