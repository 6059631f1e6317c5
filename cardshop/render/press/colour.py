"""sRGB design colours and pictures to CMYK through the press profile.

Colours (relative colorimetric with black-point compensation, the usual choice for flat colour and
pictures that are mostly inside the press gamut) are converted once each and remembered. A grey,
and a near-grey used for text or thin lines, is set in black ink alone (K) at the same lightness:
four-colour grey type misregisters on press and shows coloured fringes. Text and thin lines darker
than TEXT_SOLID_BLACK_LIGHTNESS (the collection's warm near-blacks) are solid black, 100% K: a 97%
tint would be screened into dots, which ragged the edges of small type (print partners such as
Gelato ask for grey and black text in 100% K).
"""

from __future__ import annotations

import bisect
from functools import lru_cache

from PIL import Image, ImageCms
from reportlab.lib.colors import CMYKColor, Color, toColor

from cardshop.render.press.profile import PressProfile

# Largest chroma (C*ab) still called grey: exact greys for fills and backgrounds (so a cream paper
# colour stays warm), a little more for text and rules, where one ink matters more than a tint.
GREY_CHROMA = 1.5
TEXT_GREY_CHROMA = 10.0
# L* (CIELAB lightness) under which near-grey text and rules print as solid black. 25 is what about
# 92% K alone prints on FOGRA39: darker text reads as black, so it is set as black. Lighter greys
# (the collection's #4a463f, L* 30, and the soft greys near L* 40) stay the grey tint they were given.
TEXT_SOLID_BLACK_LIGHTNESS = 25.0
_SRGB = ImageCms.createProfile("sRGB")
_LAB = ImageCms.createProfile("LAB", 5000)
_FLAGS = ImageCms.Flags.BLACKPOINTCOMPENSATION
_INTENT = ImageCms.Intent.RELATIVE_COLORIMETRIC


@lru_cache(maxsize=8)
def _to_cmyk(profile: PressProfile) -> ImageCms.ImageCmsTransform:
    return ImageCms.buildTransform(_SRGB, profile.cms, "RGB", "CMYK", _INTENT, _FLAGS)


@lru_cache(maxsize=1)
def _srgb_to_lab() -> ImageCms.ImageCmsTransform:
    return ImageCms.buildTransform(_SRGB, _LAB, "RGB", "LAB", _INTENT)


@lru_cache(maxsize=8)
def cmyk_to_lab(profile: PressProfile) -> ImageCms.ImageCmsTransform:
    """The press condition as seen (for proofs and for measuring colour differences)."""
    return ImageCms.buildTransform(profile.cms, _LAB, "CMYK", "LAB", _INTENT)


@lru_cache(maxsize=8)
def cmyk_to_srgb(profile: PressProfile) -> ImageCms.ImageCmsTransform:
    """A soft proof on screen: CMYK as the press prints it, shown in sRGB."""
    return ImageCms.buildTransform(profile.cms, _SRGB, "CMYK", "RGB", _INTENT)


def lab_of(image_lab: Image.Image) -> list[tuple[float, float, float]]:
    """Pillow's LAB pixels (L 0-255, a and b offset by 128) as L*, a*, b*."""
    return [(lightness * 100 / 255, a - 128, b - 128) for lightness, a, b in image_lab.get_flattened_data()]


def _lab(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    pixel = Image.new("RGB", (1, 1), rgb)
    return lab_of(ImageCms.applyTransform(pixel, _srgb_to_lab()))[0]


@lru_cache(maxsize=8)
def _black_ramp(profile: PressProfile) -> tuple[list[float], list[int]]:
    """L* printed by K alone at each of 256 steps, ascending in L* (for looking a grey up)."""
    ramp = Image.new("CMYK", (256, 1))
    ramp.putdata([(0, 0, 0, k) for k in range(256)])
    lightness = [lab[0] for lab in lab_of(ImageCms.applyTransform(ramp, cmyk_to_lab(profile)))]
    pairs = sorted(zip(lightness, range(256), strict=True))
    return [p[0] for p in pairs], [p[1] for p in pairs]


def black_for(profile: PressProfile, lightness: float) -> float:
    """The K (0-1) that prints a neutral of this L* on this press condition (clamped to its range)."""
    levels, ks = _black_ramp(profile)
    index = bisect.bisect_left(levels, lightness)
    if index <= 0:
        return ks[0] / 255
    if index >= len(levels):
        return ks[-1] / 255
    low, high = levels[index - 1], levels[index]
    share = (lightness - low) / (high - low) if high > low else 0.0
    return (ks[index - 1] + (ks[index] - ks[index - 1]) * share) / 255


@lru_cache(maxsize=4096)
def cmyk_for(profile: PressProfile, rgb: tuple[int, int, int], text: bool = False) -> tuple[float, ...]:
    """C, M, Y, K (0-1) for an sRGB colour (0-255 each): K alone for greys (solid for dark text), else
    through the profile."""
    lightness, a, b = _lab(rgb)
    if (a * a + b * b) ** 0.5 <= (TEXT_GREY_CHROMA if text else GREY_CHROMA):
        if text and lightness < TEXT_SOLID_BLACK_LIGHTNESS:
            return (0.0, 0.0, 0.0, 1.0)
        return (0.0, 0.0, 0.0, round(black_for(profile, lightness), 4))
    pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), _to_cmyk(profile))
    return tuple(round(value / 255, 4) for value in pixel.getpixel((0, 0)))


def press_colour(profile: PressProfile, colour, text: bool = False) -> Color:
    """Any ReportLab colour (or hex string) as a CMYKColor for the press; CMYK passes through."""
    colour = toColor(colour)
    if isinstance(colour, CMYKColor):
        return colour
    rgb = tuple(max(0, min(255, round(channel * 255))) for channel in colour.rgb())
    c, m, y, k = cmyk_for(profile, rgb, text)
    return CMYKColor(c, m, y, k, alpha=colour.alpha)


def picture_to_cmyk(profile: PressProfile, image: Image.Image) -> Image.Image:
    """A picture (any mode without alpha) separated to CMYK through the profile."""
    if image.mode == "CMYK":
        return image
    return ImageCms.applyTransform(image.convert("RGB"), _to_cmyk(profile))
