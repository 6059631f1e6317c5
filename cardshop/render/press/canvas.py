"""A ReportLab canvas that draws only in CMYK: every colour set on it goes through the press
profile (greys to black ink alone), and artwork comes separated (press/art.py).

ReportLab's `enforceColorSpace="cmyk"` stays on underneath as a guard: an RGB colour that slipped
past these conversions would stop the render rather than print as something else.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfgen.canvas import Canvas

from cardshop.render.art.artwork import Art
from cardshop.render.art.xobjects import CachedXObject
from cardshop.render.press.art import press_xobject
from cardshop.render.press.colour import press_colour
from cardshop.render.press.profile import PressProfile


@lru_cache(maxsize=8)
def press_canvas_class(profile: PressProfile) -> type[Canvas]:
    """A Canvas class bound to one profile (a class, so that artwork can be drawn on a fresh one)."""
    return type("PressCanvas", (PressCanvas,), {"profile": profile})


class PressCanvas(Canvas):
    profile: PressProfile

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("enforceColorSpace", "cmyk")
        super().__init__(*args, **kwargs)

    def setFillColor(self, aColor, alpha=None):  # noqa: N802 (ReportLab's name)
        super().setFillColor(press_colour(self.profile, aColor), alpha)

    def setStrokeColor(self, aColor, alpha=None):  # noqa: N802
        super().setStrokeColor(press_colour(self.profile, aColor, text=True), alpha)

    def set_text_colour(self, colour: str) -> None:
        """Text: a grey or near-grey in black ink alone."""
        super().setFillColor(press_colour(self.profile, colour, text=True))

    def linearGradient(self, x0, y0, x1, y1, colors, positions=None, extend=True):  # noqa: N802
        super().linearGradient(x0, y0, x1, y1, self._separated(colors), positions, extend)

    def radialGradient(self, x, y, radius, colors, positions=None, extend=True):  # noqa: N802
        super().radialGradient(x, y, radius, self._separated(colors), positions, extend)

    def _separated(self, colors):
        return [press_colour(self.profile, colour) for colour in colors]

    def prepared_art(self, art: Art) -> CachedXObject | None:
        return press_xobject(art, self.profile, type(self))
