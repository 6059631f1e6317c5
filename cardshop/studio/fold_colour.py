"""A strong change of colour at a fold: the sliver a fold a little off the line leaves.

A card is folded by machine (or by hand at home), and on press the fold drifts by 2 to 3 mm. Where
one panel is dark and the panel across the fold is pale, and the change sits right at the fold, the
drift leaves a dark sliver on the back or a pale one on the front. So the colour has to be carried
round the fold: any strong change must sit at least FOLD_BAND_MM clear of it on both sides.

The two panels of a spread are compared on pictures of the art (`PanelImage`, rendered without
text): bands of BAND_STEP_MM parallel to the fold, from FOLD_BAND_MM inside one panel to
FOLD_BAND_MM inside the other, each averaged over about a millimetre along the fold. A position
along the fold counts when two of its bands differ by more than FOLD_DIFFERENCE, a CIE76 colour
difference (in CIELAB, so it follows what the eye sees: a dark sky beside cream paper counts, a pale
tint beside white does not); more than FOLD_SHARE of the fold's length is reported. A thin stem that
crosses the fold stays well under that.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PIL import Image

FOLD_BAND_MM = 3.0  # how far a fold drifts on press: colour must run this far past it on both sides
BAND_STEP_MM = 0.5
ALONG_MM = 1.0  # averaging along the fold
FOLD_DIFFERENCE = 25.0  # CIE76 delta E: cream beside mid-grey is about 42, a pale sage beside white 19
FOLD_SHARE = 0.05
SPREADS = (("back", "front"), ("inside_left", "inside_right"))


@dataclass(frozen=True)
class FoldChange:
    """A strong change of colour near the fold between two panels."""

    first: str  # panel names, in the order of SPREADS
    second: str
    first_colour: str  # typical colours 3 mm from the fold on each side, where the change is found
    second_colour: str
    offset_mm: float  # where the strongest step sits: < 0 inside `first`, > 0 inside `second`
    share: float  # share of the fold's length that shows the change


def _bands(picture, edge: str) -> list[list[tuple[int, int, int]]]:
    """Lines of colour parallel to the fold edge, nearest the fold first, sampled every ALONG_MM."""
    trim, px = picture.trim_box(), picture.px
    # Rounding can put the trim a pixel past the picture's edge: keep every band inside the picture.
    trim = (max(0, trim[0]), max(0, trim[1]), min(picture.image.width, trim[2]), min(picture.image.height, trim[3]))
    steps = round(FOLD_BAND_MM / BAND_STEP_MM)
    along = max(1, round((picture.height_mm if edge in ("left", "right") else picture.width_mm) / ALONG_MM))
    lines = []
    for step in range(steps):
        near, far = px(step * BAND_STEP_MM), max(px((step + 1) * BAND_STEP_MM), px(step * BAND_STEP_MM) + 1)
        box = {
            "left": (trim[0] + near, trim[1], trim[0] + far, trim[3]),
            "right": (trim[2] - far, trim[1], trim[2] - near, trim[3]),
            "top": (trim[0], trim[1] + near, trim[2], trim[1] + far),
            "bottom": (trim[0], trim[3] - far, trim[2], trim[3] - near),
        }[edge]
        size = (1, along) if edge in ("left", "right") else (along, 1)
        lines.append(list(picture.image.crop(box).resize(size, Image.Resampling.BOX).get_flattened_data()))
    return lines


def _hex(rgb) -> str:
    return "#{:02x}{:02x}{:02x}".format(*(round(v) for v in rgb[:3]))


def _mean(colours) -> tuple[float, float, float]:
    colours = list(colours)
    return tuple(sum(c[i] for c in colours) / len(colours) for i in range(3))


def fold_changes(images: dict) -> list[FoldChange]:
    """Strong changes of colour within FOLD_BAND_MM of each fold, one per spread at most."""
    found = []
    for first_name, second_name in SPREADS:
        first, second = images.get(first_name), images.get(second_name)
        if first is None or second is None or not first.fold_edges or not second.fold_edges:
            continue
        first_edge, second_edge = first.fold_edges[0], second.fold_edges[0]
        a, b = _bands(first, first_edge), _bands(second, second_edge)
        if first_edge == second_edge:  # one panel is turned 180 degrees on the sheet (top fold)
            b = [list(reversed(line)) for line in b]
        length = min(len(a[0]), len(b[0]))
        # Each position's profile runs from 3 mm inside `first`, across the fold, to 3 mm inside `second`.
        profiles = [[line[i] for line in reversed(a)] + [line[i] for line in b] for i in range(length)]
        changed = [p for p in profiles if _spread(p) > FOLD_DIFFERENCE]
        if len(changed) <= FOLD_SHARE * length:
            continue
        steps = len(a)
        jumps = [0.0] * (2 * steps - 1)
        for profile in changed:
            lab = [_lab(colour) for colour in profile]
            for j in range(len(jumps)):
                jumps[j] += math.dist(lab[j], lab[j + 1])
        strongest = max(range(len(jumps)), key=jumps.__getitem__)
        found.append(
            FoldChange(
                first_name,
                second_name,
                _hex(_mean(p[0] for p in changed)),
                _hex(_mean(p[-1] for p in changed)),
                (strongest + 1 - steps) * BAND_STEP_MM,
                len(changed) / length,
            )
        )
    return found


def _spread(profile) -> float:
    lab = [_lab(colour) for colour in profile]
    return max(math.dist(x, y) for i, x in enumerate(lab) for y in lab[i + 1 :])


def _lab(rgb) -> tuple[float, float, float]:
    """sRGB (0-255) to CIELAB under D65."""

    def linear(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in rgb[:3])
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def carry_advice(change: FoldChange) -> str:
    """How far to carry which colour round the fold, so the change sits FOLD_BAND_MM clear of it."""
    first, second = change.first.replace("_", " "), change.second.replace("_", " ")
    into_second = FOLD_BAND_MM - change.offset_mm  # carry the first panel's colour this much further
    into_first = FOLD_BAND_MM + change.offset_mm
    return (
        f"carry the {first}'s colour ({change.first_colour}) {into_second:.1f} mm further round the fold, "
        f"so it runs at least {FOLD_BAND_MM:g} mm onto the {second}, or carry the {second}'s colour "
        f"({change.second_colour}) {into_first:.1f} mm further onto the {first}; either way the change then "
        f"sits {FOLD_BAND_MM:g} mm or more from the fold"
    )
