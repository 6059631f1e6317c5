"""`designs check`: everything that can be wrong with a design, reported at once with file and key.

Loading catches unknown keys, bad values, missing artwork and unknown fonts. Beyond that, for every
size the design comes in:

- artwork must be readable, and raster art must have 300 dpi where it is placed (it is scaled to
  cover the trimmed panel plus bleed on every side, the largest area any layout gives it);
- every slot must lie inside its panel and keep 4 mm from every edge of it, the fold included;
- every slot must hold the longest text the form accepts, and accented names, at its minimum size;
- every text colour needs 4.5:1 contrast against the art under its slot, measured on the panel
  rendered without text (see `_contrast_problems` for how the art is sampled);
- the art must reach into the bleed: where the paper shows in the bleed but not just inside the trim,
  a cut a little off the line leaves a white sliver;
- no strong change of colour may sit within 3 mm of a fold, on either side: folding drifts by 2 to 3 mm
  on press, which would leave a sliver of one panel's colour on the other (studio/fold_colour.py);
- where a home sheet folded into the card is the card (a quarter-fold sheet; an A5 card on A4, folded
  once) the sheet's edge is the card's, so text must also keep clear of the margin a home printer
  can't print (render/printcheck.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from cardshop.design.loader import DATA_FILE, LoadedDesign, Problem
from cardshop.design.models import Design, Slot
from cardshop.render.art.artwork import load_art
from cardshop.render.geometry import MM, card_geometry
from cardshop.render.options import slot_frame
from cardshop.render.text.fitting import TextDoesNotFit, UnsupportedCharacter, fit_slot
from cardshop.render.text.fonts import register_all
from cardshop.studio.catalogue import load_design
from cardshop.studio.fold_colour import FoldChange, carry_advice, fold_changes
from cardshop.studio.home_margins import home_sheet_problems
from cardshop.studio.panel_images import blank_design, render_panels
from cardshop.studio.samples import ACCENTED, longest

SAFE_ZONE_MM = 4.0
MIN_DPI = 300
MIN_CONTRAST = 4.5
SAMPLE_PX_PER_MM = 4  # about 100 dpi: enough to see art under 7 pt type, cheap to render
CELL_MM = 1.0  # contrast is judged on 1 mm squares, about the size of a small letter
CONTRAST_PERCENTILE = 0.05  # the worst 5% of a slot's squares decide
BLEED_DIFFERENCE = 24  # RGB distance between the bleed and just inside the trim that counts as a seam
BLEED_SEAM_SHARE = 0.05  # share of an edge that may show a seam before it is reported
PROBE_COLOURS = ("#ff00ff", "#00ff00")  # backgrounds that show where the art is transparent
PROBE_DIFFERENCE = 100  # RGB distance between the two probe renders that means "transparent here"
EPSILON_MM = 0.01


def check_designs(folders: list[Path]) -> list[Problem]:
    problems: list[Problem] = []
    for folder in folders:
        problems.extend(check_design(folder))
    return problems


def check_design(folder: Path) -> list[Problem]:
    """Every problem of one design folder; an empty list means it is ready for the gallery."""
    loaded, problems = load_design(folder)
    if loaded is None:
        return problems
    art_problems, art_ok = _art_problems(loaded)
    problems = [*art_problems, *_slot_box_problems(loaded), *_home_sheet_problems(loaded), *_fit_problems(loaded)]
    if art_ok:
        problems.extend(_rendered_problems(loaded))
    return problems


def _path(loaded: LoadedDesign) -> Path:
    return loaded.folder / DATA_FILE


def _slots(design: Design) -> Iterable[tuple[str, int, Slot]]:
    for name, panel in design.panels.items():
        for index, slot in enumerate(panel.slots):
            yield name, index, slot


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _mm(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


# ---- artwork: readable, and sharp enough where it is placed


def _art_problems(loaded: LoadedDesign) -> tuple[list[Problem], bool]:
    problems: list[Problem] = []
    readable = True
    design = loaded.design
    for name, panel in design.panels.items():
        if not panel.art:
            continue
        key = f"panels.{name}.art"
        try:
            art = load_art(loaded.folder / panel.art)
        except Exception as error:  # ArtError, SvgError, RasterError and svglib's own failures
            readable = False
            problems.append(
                Problem(_path(loaded), key, f"the artwork cannot be used: {error}", "re-export it; see 'Artwork'")
            )
            continue
        if not art.is_raster:
            continue
        low: list[str] = []
        needed = (0, 0)
        for size in design.sizes:
            geometry = card_geometry(size, design.fold, design.orientation)
            # The largest area a layout places the art on: the panel plus bleed on all four sides.
            width_in = (geometry.panel_width + 2 * geometry.bleed) / 72
            height_in = (geometry.panel_height + 2 * geometry.bleed) / 72
            dpi = min(art.width / width_in, art.height / height_in)  # cover scaling: the tighter side
            if dpi < MIN_DPI - 0.5:
                low.append(f"{dpi:.0f} dpi at {size}")
            # round() first forgives float noise: 4.5 in at 300 dpi is 1350 px, not 1351
            needed = max(needed, (math.ceil(round(width_in * MIN_DPI, 6)), math.ceil(round(height_in * MIN_DPI, 6))))
        if low:
            width_mm, height_mm = needed[0] / MIN_DPI * 25.4, needed[1] / MIN_DPI * 25.4
            problems.append(
                Problem(
                    _path(loaded),
                    key,
                    f"{panel.art} is {art.width:.0f} x {art.height:.0f} px, which prints at {_join(low)}; "
                    f"print needs {MIN_DPI} dpi",
                    f"export it at {needed[0]} x {needed[1]} px or more ({_mm(width_mm)} x {_mm(height_mm)} mm "
                    f"with bleed at {MIN_DPI} dpi), or as SVG",
                )
            )
    return problems, readable


# ---- slot boxes: inside the panel, clear of the 4 mm safe zone, at every size


@dataclass(frozen=True)
class _PanelSize:
    size: str
    width: float  # mm
    height: float
    scale_x: float
    scale_y: float


def _panel_sizes(design: Design) -> list[_PanelSize]:
    sizes = []
    for size in design.sizes:
        geometry = card_geometry(size, design.fold, design.orientation)
        frame = slot_frame(design, geometry)
        sizes.append(_PanelSize(size, geometry.panel_width / MM, geometry.panel_height / MM, frame.x, frame.y))
    return sizes


def _slot_box_problems(loaded: LoadedDesign) -> list[Problem]:
    problems = []
    sizes = _panel_sizes(loaded.design)
    for name, index, slot in _slots(loaded.design):
        key = f"panels.{name}.slots[{index}]"
        outside: list[str] = []
        unsafe: list[str] = []
        for panel in sizes:
            left = slot.x * panel.scale_x
            top = slot.y * panel.scale_y
            right = panel.width - (slot.x + slot.width) * panel.scale_x
            bottom = panel.height - (slot.y + slot.height) * panel.scale_y
            margins = {"left": left, "top": top, "right": right, "bottom": bottom}
            over = {edge: -value for edge, value in margins.items() if value < -EPSILON_MM}
            if over:
                outside.append(
                    f"at {panel.size} it runs "
                    + _join([f"{_mm(value)} mm past the {edge} edge" for edge, value in over.items()])
                )
                continue
            close = {edge: value for edge, value in margins.items() if value < SAFE_ZONE_MM - EPSILON_MM}
            if close:
                unsafe.append(
                    f"at {panel.size} it is "
                    + _join([f"{_mm(value)} mm from the {edge} edge" for edge, value in close.items()])
                )
        bounds = _safe_bounds(sizes)
        fix = (
            f"keep the box within x >= {_mm(bounds[0])}, y >= {_mm(bounds[1])}, x + width <= {_mm(bounds[2])} "
            f"and y + height <= {_mm(bounds[3])} (mm, at {sizes[0].size}), so it stays {_mm(SAFE_ZONE_MM)} mm "
            "inside every edge at every size"
        )
        if outside:
            problems.append(Problem(_path(loaded), key, "the box lies outside its panel: " + "; ".join(outside), fix))
        if unsafe:
            problems.append(
                Problem(
                    _path(loaded),
                    key,
                    f"the box reaches into the {_mm(SAFE_ZONE_MM)} mm safe zone, where the cut or the fold may "
                    "touch the text: " + "; ".join(unsafe),
                    fix,
                )
            )
    return problems


def _safe_bounds(sizes: list[_PanelSize]) -> tuple[float, float, float, float]:
    """The box edges, in the design's own mm, that keep the safe zone at every size."""
    return (
        max(SAFE_ZONE_MM / panel.scale_x for panel in sizes),
        max(SAFE_ZONE_MM / panel.scale_y for panel in sizes),
        min((panel.width - SAFE_ZONE_MM) / panel.scale_x for panel in sizes),
        min((panel.height - SAFE_ZONE_MM) / panel.scale_y for panel in sizes),
    )


# ---- text: the longest text the form accepts fits at the minimum size


def _home_sheet_problems(loaded: LoadedDesign) -> list[Problem]:
    """Text that a home printer's unprintable margin would clip where the folded sheet is the card."""
    return [Problem(_path(loaded), p.key, p.message, p.fix) for p in home_sheet_problems(loaded.design)]


def _fit_problems(loaded: LoadedDesign) -> list[Problem]:
    register_all()
    design = loaded.design
    samples = (("the longest text the form accepts", longest()), ("accented names", ACCENTED))
    found: dict[tuple[str, str], list[str]] = {}  # (key, what) -> "how much at which size"
    for size in design.sizes:
        frame = slot_frame(design, card_geometry(size, design.fold, design.orientation))
        for label, values in samples:
            for name, index, slot in _slots(design):
                key = f"panels.{name}.slots[{index}]"
                try:
                    fit_slot(slot, values, frame)
                except TextDoesNotFit as error:
                    what = (
                        f"{label} does not fit at min_size {_mm(slot.min_size)} pt: "
                        + (f"`{error.field}` is" if error.field else "the fixed text is")
                        + " about"
                    )
                    found.setdefault((key, what), []).append(f"{error.excess_chars} characters too long at {size}")
                except UnsupportedCharacter as error:
                    what = f"no font can draw {error.char!r} ({error.codepoint}) of {label}:"
                    found.setdefault((key, what), []).append(f"at {size}")
    return [
        Problem(
            _path(loaded),
            key,
            f"{what} {_join(where)}",
            "make the box wider or taller, or lower min_size (7 pt at least) or the parts' sizes",
        )
        for (key, what), where in found.items()
    ]


# ---- the rendered art: contrast under each slot, and art that reaches into the bleed


def _rendered_problems(loaded: LoadedDesign) -> list[Problem]:
    design = loaded.design
    blank = blank_design(design)
    probes = [blank_design(design, background=colour) for colour in PROBE_COLOURS]
    worst: dict[tuple[str, str], tuple[float, str, str | None]] = {}  # (key, colour) -> ratio, size, fix
    seams: dict[str, dict[str, list[str]]] = {}  # panel -> edge -> sizes
    folds: dict[tuple[str, str], tuple[FoldChange, list[str]]] = {}  # spread -> first change found, sizes
    for size, panel_size in zip(design.sizes, _panel_sizes(design), strict=True):
        try:
            _, images = render_panels(loaded.folder, blank, {}, size, SAMPLE_PX_PER_MM)
            probe_a, probe_b = (render_panels(loaded.folder, probe, {}, size, SAMPLE_PX_PER_MM)[1] for probe in probes)
        except Exception as error:  # the art failed to draw: say so once, with the size
            return [Problem(_path(loaded), "panels", f"the design cannot be drawn at {size}: {error}")]
        for change in fold_changes(images):
            folds.setdefault((change.first, change.second), (change, []))[1].append(size)
        for name, picture in images.items():
            panel = getattr(design.panels, name)
            edges = bleed_seams(picture, probe_a[name], probe_b[name]) if panel.art else []
            for edge in edges:
                seams.setdefault(name, {}).setdefault(edge, []).append(size)
            for index, slot in enumerate(panel.slots):
                box = picture.box(
                    slot.x * panel_size.scale_x,
                    slot.y * panel_size.scale_y,
                    slot.width * panel_size.scale_x,
                    slot.height * panel_size.scale_y,
                )
                cells = _cells(picture, box)
                if not cells:
                    continue
                for key, colour in _slot_colours(name, index, slot):
                    ratio = percentile_contrast(colour, cells)
                    if ratio < worst.get((key, colour), (math.inf,))[0]:
                        worst[(key, colour)] = (ratio, size, _better_colour(colour, cells))
    problems = []
    for (key, colour), (ratio, size, better) in worst.items():
        if ratio >= MIN_CONTRAST:
            continue
        fix = f"use a colour such as {better}" if better else "no text colour is enough there"
        problems.append(
            Problem(
                _path(loaded),
                key,
                f"the text colour {colour} has {ratio:.1f}:1 contrast against the art under the slot at {size} "
                f"(the worst {CONTRAST_PERCENTILE:.0%} of it); {MIN_CONTRAST}:1 is needed to read comfortably",
                f"{fix}, or move the box to a calmer part of the art, or calm the art under it",
            )
        )
    for name, edges in seams.items():
        where = _join([f"{edge} ({_join(sizes)})" for edge, sizes in edges.items()])
        problems.append(
            Problem(
                _path(loaded),
                f"panels.{name}.art",
                f"the art stops at the trim: the bleed shows paper or another colour at the {where} edge"
                + ("s" if len(edges) > 1 else "")
                + ", so a cut slightly off the line leaves a sliver",
                "extend the artwork's background past the trim by the full bleed (3 mm; 0.125 in for inch sizes), "
                "or set the panel's `background` to the colour at the edge",
            )
        )
    for change, sizes in folds.values():
        problems.append(
            Problem(
                _path(loaded),
                f"panels.{change.second}",
                f"the colour changes strongly at the fold between the {change.first.replace('_', ' ')} "
                f"({change.first_colour}) and the {change.second.replace('_', ' ')} ({change.second_colour}), "
                f"{abs(change.offset_mm):.1f} mm from it, along {change.share:.0%} of the fold at {_join(sizes)}; "
                "a fold drifts by 2 to 3 mm on press, which leaves a sliver of one colour on the other panel",
                carry_advice(change),
            )
        )
    return problems


def _slot_colours(panel: str, index: int, slot: Slot) -> list[tuple[str, str]]:
    """(key, colour) for each colour the slot prints, keyed where the colour is set."""
    found: dict[str, str] = {}
    for number, part in enumerate(slot.parts):
        if part.color:
            found.setdefault(part.color.lower(), f"panels.{panel}.slots[{index}].parts[{number}].color")
        else:
            found.setdefault(slot.color.lower(), f"panels.{panel}.slots[{index}].color")
    return [(key, colour) for colour, key in found.items()]


def _cells(picture, box: tuple[int, int, int, int]) -> list[tuple[int, int, int]]:
    """The box averaged over squares of CELL_MM: what the eye sees behind a letter, not single pixels."""
    left, top, right, bottom = box
    trim = picture.trim_box()
    left, top = max(left, trim[0]), max(top, trim[1])
    right, bottom = min(right, trim[2]), min(bottom, trim[3])
    if right - left < 1 or bottom - top < 1:
        return []
    crop = picture.image.crop((left, top, right, bottom))
    cell = CELL_MM * picture.px_per_mm
    size = (max(1, round(crop.width / cell)), max(1, round(crop.height / cell)))
    return list(crop.resize(size, Image.Resampling.BOX).get_flattened_data())


def _channel(value: float) -> float:
    value /= 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    r, g, b = (_channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def percentile_contrast(colour: str, cells: list[tuple[int, int, int]]) -> float:
    """The contrast that all but the worst CONTRAST_PERCENTILE of the cells reach."""
    text = hex_rgb(colour)
    ratios = sorted(contrast_ratio(text, cell) for cell in cells)
    return ratios[min(len(ratios) - 1, int(len(ratios) * CONTRAST_PERCENTILE))]


def _better_colour(colour: str, cells: list[tuple[int, int, int]]) -> str | None:
    """The text colour moved towards black or white, just far enough to reach the minimum contrast.

    Both directions are tried, nearest first: dark text on a dark patch may only be saved by going light.
    """
    text = hex_rgb(colour)
    for step in range(1, 21):
        mix = step / 20
        for target in ((0, 0, 0), (255, 255, 255)):
            candidate = tuple(round(t + (g - t) * mix) for t, g in zip(text, target, strict=True))
            candidate_hex = "#{:02x}{:02x}{:02x}".format(*candidate)
            if percentile_contrast(candidate_hex, cells) >= MIN_CONTRAST:
                return candidate_hex
    return None


def _edge_strips(picture, edge: str) -> tuple[list, list] | None:
    """Two lines of colours along an outer edge: the outer half of the bleed, and 1.5-3 mm inside the
    trim (past where an off-line cut reaches), each averaged across its depth. None where the edge
    has no bleed (the fold)."""
    bleed = picture.bleed_mm[edge]
    if bleed <= 0:
        return None
    trim, px = picture.trim_box(), picture.px
    near, far, inner_from, inner_to = px(bleed / 2), px(bleed - 0.25), px(1.5), px(3)
    boxes = {
        "left": (
            (trim[0] - far, trim[1], trim[0] - near, trim[3]),
            (trim[0] + inner_from, trim[1], trim[0] + inner_to, trim[3]),
        ),
        "right": (
            (trim[2] + near, trim[1], trim[2] + far, trim[3]),
            (trim[2] - inner_to, trim[1], trim[2] - inner_from, trim[3]),
        ),
        "top": (
            (trim[0], trim[1] - far, trim[2], trim[1] - near),
            (trim[0], trim[1] + inner_from, trim[2], trim[1] + inner_to),
        ),
        "bottom": (
            (trim[0], trim[3] + near, trim[2], trim[3] + far),
            (trim[0], trim[3] - inner_to, trim[2], trim[3] - inner_from),
        ),
    }
    outer, inner = boxes[edge]
    length = trim[3] - trim[1] if edge in ("left", "right") else trim[2] - trim[0]
    if length <= 0 or far <= near:
        return None
    size = (1, length) if edge in ("left", "right") else (length, 1)
    return tuple(
        list(picture.image.crop(box).resize(size, Image.Resampling.BOX).get_flattened_data()) for box in (outer, inner)
    )


def bleed_seams(picture, probe_a, probe_b) -> list[str]:
    """Outer edges where the art stops short of the bleed and the cut would show it.

    `probe_a` and `probe_b` are the same panel drawn over two very different background colours:
    where they differ, the art is transparent. A position along an edge counts when the art is
    transparent in the outer half of the bleed, covers the strip just inside the trim, and the card
    as printed (`picture`) looks different in the two places. More than BLEED_SEAM_SHARE of an edge
    is reported. Art that reaches only part of the way into the bleed, or stops just short of the
    trim, is caught too, since a cut can be off by about 1.5 mm.
    """
    found = []
    for edge in ("left", "top", "right", "bottom"):
        printed, a, b = (_edge_strips(image, edge) for image in (picture, probe_a, probe_b))
        if printed is None or a is None or b is None:
            continue
        seam = 0
        for out_p, in_p, out_a, in_a, out_b, in_b in zip(*printed, *a, *b, strict=True):
            clear_outside = math.dist(out_a, out_b) > PROBE_DIFFERENCE
            covered_inside = math.dist(in_a, in_b) <= PROBE_DIFFERENCE
            seam += clear_outside and covered_inside and math.dist(out_p, in_p) > BLEED_DIFFERENCE
        if seam > BLEED_SEAM_SHARE * len(printed[0]):
            found.append(edge)
    return found
