"""Pictures of a design's panels, cut from the very PDF the render core makes.

`designs check` samples these to measure contrast under each slot and whether the art reaches into
the bleed; `designs proof` lays them out on its proof sheet. Each panel is rendered through
`render_card` (the `pro` layout: two spreads with bleed), rasterised with PDFium, and cut out with
its bleed on the outer edges, turned upright when the layout turns it (the back of a top-fold card).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from cardshop.design.models import Design, Panel, Panels, Slot
from cardshop.render.card import render_card
from cardshop.render.geometry import MM, spread_placements
from cardshop.render.options import RenderOptions, resolve_geometry
from cardshop.render.preview import rasterise, trim_box

EDGES = ("left", "top", "right", "bottom")


@dataclass(frozen=True)
class PanelImage:
    """One panel, upright, covering its trimmed area plus the bleed on its outer edges."""

    name: str
    image: Image.Image
    px_per_mm: float
    width_mm: float  # trimmed panel
    height_mm: float
    bleed_mm: dict[str, float]  # edge -> bleed in mm; 0 where the panel meets the fold

    @property
    def fold_edges(self) -> list[str]:
        return [edge for edge in EDGES if self.bleed_mm[edge] == 0]

    def px(self, mm: float) -> int:
        return round(mm * self.px_per_mm)

    def trim_box(self) -> tuple[int, int, int, int]:
        """The trimmed panel inside `image`, in pixels (left, top, right, bottom)."""
        left, top = self.px(self.bleed_mm["left"]), self.px(self.bleed_mm["top"])
        return (left, top, left + self.px(self.width_mm), top + self.px(self.height_mm))

    def box(self, x_mm: float, y_mm: float, width_mm: float, height_mm: float) -> tuple[int, int, int, int]:
        """A box given in mm from the trimmed panel's top-left corner, in image pixels."""
        left, top, _, _ = self.trim_box()
        return (
            left + self.px(x_mm),
            top + self.px(y_mm),
            left + self.px(x_mm + width_mm),
            top + self.px(y_mm + height_mm),
        )


def blank_design(design: Design, background: str | None = None) -> Design:
    """The design with every text part removed: its panels as the art alone, for sampling.
    With `background`, every panel's background colour is replaced by it (to see through the art).

    Built with `model_copy`, which skips validation: a slot with no parts is not a valid design, but
    the render core draws it as an empty box, which is exactly what is wanted here.
    """
    panels = {}
    for name, panel in design.panels.items():
        update: dict = {"slots": [_empty(slot) for slot in panel.slots]}
        if background:
            update["background"] = background
        panels[name] = panel.model_copy(update=update)
    return design.model_copy(update={"panels": Panels.model_construct(**panels)})


def _empty(slot: Slot) -> Slot:
    return slot.model_copy(update={"parts": []})


def render_panels(
    folder: Path, design: Design, values: dict[str, str], size: str, px_per_mm: float
) -> tuple[bytes, dict[str, PanelImage]]:
    """Render the card (raises CardTextError like `render_card`) and cut out each panel's picture."""
    options = RenderOptions(size=size)
    pdf = render_card(folder, design, values, options)
    geometry = resolve_geometry(design, options)
    bleed = geometry.bleed
    images: dict[str, PanelImage] = {}
    for page, spread in enumerate(spread_placements(geometry, 0, 0)):
        x0, y0, x1, y1 = trim_box(pdf, page)
        region = (x0 - bleed, y0 - bleed, x1 + bleed, y1 + bleed)
        width_px = round((region[2] - region[0]) / MM * px_per_mm)
        picture = rasterise(pdf, page, region, width_px)
        scale = width_px / (region[2] - region[0])
        for placement in spread:
            art = placement.art_rect
            # Page coordinates (origin bottom-left, spread trim at x0, y0) to picture pixels.
            left = (x0 + art.x - region[0]) * scale
            right = (x0 + art.right - region[0]) * scale
            top = (region[3] - (y0 + art.top)) * scale
            bottom = (region[3] - (y0 + art.y)) * scale
            crop = picture.crop((round(left), round(top), round(right), round(bottom)))
            edges = {
                "left": placement.bleed_left,
                "top": placement.bleed_top,
                "right": placement.bleed_right,
                "bottom": placement.bleed_bottom,
            }
            if placement.rotated:
                crop = crop.rotate(180)
                edges = {
                    "left": edges["right"],
                    "top": edges["bottom"],
                    "right": edges["left"],
                    "bottom": edges["top"],
                }
            images[placement.panel] = PanelImage(
                placement.panel,
                crop.convert("RGB"),
                px_per_mm,
                placement.trim.width / MM,
                placement.trim.height / MM,
                {edge: value / MM for edge, value in edges.items()},
            )
    return pdf, images


def panel_of(design: Design, name: str) -> Panel:
    return getattr(design.panels, name)
