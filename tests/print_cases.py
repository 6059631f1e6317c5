"""Shared cases for the print tests: every design (shipped and the fold/orientation fixtures), the
sizes, sheets and envelopes as the print specification states them (written out here by hand, not
taken from the code under test), and a cache so each PDF is rendered once per test session."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from cardshop.design.loader import TEMPLATES_DIR, LoadedDesign
from cardshop.render.card import render_card
from cardshop.render.options import CardOptionError, RenderOptions
from cardshop.studio.catalogue import load_catalog, load_design
from cardshop.studio.samples import TYPICAL

MM = 72 / 25.4
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "folds"

# Closed card, portrait, in mm; and the bleed a print shop expects for it (3 mm, or 0.125 in).
CARD_MM = {"A6": (105, 148), "A5": (148, 210), "5x7": (127, 177.8), "4.25x5.5": (107.95, 139.7), "square": (148, 148)}
BLEED_MM = {"A6": 3, "A5": 3, "5x7": 3.175, "4.25x5.5": 3.175, "square": 3}
SHEET_PT = {"A4": (595.2756, 841.8898), "Letter": (612.0, 792.0)}  # portrait
ENVELOPE_MM = {  # landscape: C6, C5, A7, US A2, 155 mm square
    "A6": (162, 114),
    "A5": (229, 162),
    "5x7": (184.15, 133.35),
    "4.25x5.5": (146.05, 111.125),
    "square": (155, 155),
}

# Which home plan each card gets (worked out from DESIGN.md section 3 and the sheet sizes: a
# quarter-fold when the sheet folded twice is the card, a sheet-fold when the sheet folded once is
# (an opened A5 card is 296 x 210 mm, an A4 sheet 297 x 210); else a half-fold if the opened card
# plus bleed and guides fits inside the sheet's 6 mm (Letter: 0.25 in) margins; else none). Every
# size, fold and orientation left out here is refused on both sheets.
HOME_KIND = {
    ("A6", "side", "portrait"): {"A4": "quarter", "Letter": "half"},
    ("A5", "side", "portrait"): {"A4": "sheet"},
    ("5x7", "side", "portrait"): {"A4": "half", "Letter": "half"},
    ("4.25x5.5", "side", "portrait"): {"A4": "half", "Letter": "quarter"},
    ("A6", "top", "portrait"): {"A4": "quarter"},
    ("4.25x5.5", "top", "portrait"): {"Letter": "quarter"},
    ("A6", "side", "landscape"): {"A4": "quarter"},
    ("4.25x5.5", "side", "landscape"): {"Letter": "quarter"},
    ("A6", "top", "landscape"): {"A4": "quarter", "Letter": "half"},
    ("A5", "top", "landscape"): {"A4": "sheet"},
    ("5x7", "top", "landscape"): {"A4": "half"},
    ("4.25x5.5", "top", "landscape"): {"A4": "half", "Letter": "quarter"},
}
HOME_SHEET = {"home-a4": "A4", "home-letter": "Letter"}

ADDRESS = "Sam and Alex Rivers\n12 Orchard Lane\nLittle Hadham\nHertfordshire SG11 2AB"
RETURN_ADDRESS = "Jo Bell\n3 Mill Row\nYork YO1 7HH"


def _designs() -> list[LoadedDesign]:
    shipped = sorted(load_catalog(TEMPLATES_DIR).designs.values(), key=lambda loaded: loaded.slug)
    fixtures = []
    for folder in sorted(FIXTURES.iterdir()):
        loaded, problems = load_design(folder)
        assert loaded and not problems, problems
        fixtures.append(loaded)
    return shipped + fixtures


DESIGNS: dict[str, LoadedDesign] = {loaded.slug: loaded for loaded in _designs()}


def panel_mm(loaded: LoadedDesign, size: str) -> tuple[float, float]:
    width, height = CARD_MM[size]
    return (height, width) if loaded.design.orientation == "landscape" else (width, height)


def home_kind(loaded: LoadedDesign, size: str, sheet: str) -> str | None:
    design = loaded.design
    return HOME_KIND.get((size, design.fold, design.orientation), {}).get(sheet)


def values_for(loaded: LoadedDesign) -> dict[str, str]:
    values = {name: value for name, value in TYPICAL.items() if name in loaded.design.fields}
    values.update(address=ADDRESS, return_address=RETURN_ADDRESS)
    return values


@cache
def render(slug: str, size: str, layout: str, crop_marks: bool = False, file_format: str = "pdf") -> bytes | None:
    """The rendered file, or None when the layout refuses this card (a card too big for a sheet)."""
    loaded = DESIGNS[slug]
    options = RenderOptions(layout=layout, size=size, crop_marks=crop_marks, file_format=file_format)
    try:
        return render_card(loaded.folder, loaded.design, values_for(loaded), options)
    except CardOptionError:
        return None


def cases(layouts: tuple[str, ...]) -> list[tuple[str, str, str]]:
    return [
        (slug, size, layout) for slug, loaded in DESIGNS.items() for size in loaded.design.sizes for layout in layouts
    ]
