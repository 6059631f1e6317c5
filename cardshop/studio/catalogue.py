"""The catalogue as the app and the tools load it: the design format parsed by `cardshop.design`, then
each design's files checked with the engine, so a design whose art can't be read or whose fonts we
don't have is refused with its path and key and never reaches a sender's render.

What runs at load (`LOAD_CHECKS`) must stay cheap, since a fresh worker loads the catalogue on its
first request: the format with every number bounded (pydantic), artwork parsed and checked without
drawing it (lxml for SVG, raster images decoded once; see `check_art`), fonts known, and each
slot's fixed words fitted at every size with the fitter (a few milliseconds). What needs a full
render (contrast, bleed, the longest text a sender may write, home printer margins) runs only in
`designs check` (`cardshop.studio.checks`).

`load_design`, `load_catalog` and `CatalogCache` are the loader's, with these checks handed in.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from cardshop.design import loader
from cardshop.design.loader import TEMPLATES_DIR, Catalog, LoadedDesign, Problem
from cardshop.design.models import Design
from cardshop.design.paths import UnsafePath, resolve_inside
from cardshop.render.art.artwork import ART_SUFFIXES, ArtError, check_art
from cardshop.render.geometry import card_geometry
from cardshop.render.options import slot_frame
from cardshop.render.text.fitting import TextDoesNotFit, UnsupportedCharacter, fit_slot
from cardshop.render.text.fonts import FontError, family_names


def file_problems(folder: Path, path: Path, design: Design) -> list[Problem]:
    """Artwork that is missing or outside the folder, and fonts that are not in fonts/."""
    problems = []
    for name, panel in design.panels.items():
        if panel.art:
            key = f"panels.{name}.art"
            try:
                art = resolve_inside(folder, panel.art)
            except UnsafePath as unsafe:
                problems.append(Problem(path, key, str(unsafe), "keep artwork inside the design's folder"))
                continue
            if art.suffix.lower() not in ART_SUFFIXES:
                problems.append(
                    Problem(path, key, f"{panel.art} is not .svg, .png or .jpg", "export as SVG, PNG or JPEG")
                )
                continue
            try:
                present = art.is_file()
            except OSError:
                present = False
            if not present:
                problems.append(
                    Problem(path, key, f"the artwork file {panel.art} is missing", "add it or fix the name")
                )
                continue
            # Hostile or broken artwork (entities, external references, decompression bombs) is
            # refused here, so it never reaches a sender's render.
            try:
                check_art(art)
            except ArtError as error:
                message = str(error).removeprefix(f"{art}: ")
                problems.append(Problem(path, key, f"{panel.art}: {message}", "export the artwork again"))
    try:
        known = family_names()
    except FontError as error:
        return [*problems, Problem(path, "(fonts)", str(error))]
    for name, panel in design.panels.items():
        for index, slot in enumerate(panel.slots):
            fonts = [(f"panels.{name}.slots[{index}].font", slot.font)]
            fonts += [
                (f"panels.{name}.slots[{index}].parts[{p}].font", part.font)
                for p, part in enumerate(slot.parts)
                if part.font
            ]
            for key, font in fonts:
                if font not in known:
                    guess = difflib.get_close_matches(font, known, n=1)
                    fix = f"did you mean {guess[0]!r}?" if guess else f"use one of: {', '.join(known)}"
                    problems.append(Problem(path, key, f"the font {font!r} is not in fonts/", fix))
    return problems


def fixed_text_problems(folder: Path, path: Path, design: Design) -> list[Problem]:
    """Fixed words that do not fit their box at its minimum size, or that no font can print, at any of
    the design's sizes: the gallery shows them on every card, so they must always print."""
    problems: list[Problem] = []
    for size in design.sizes:
        frame = slot_frame(design, card_geometry(size, design.fold, design.orientation))
        for name, panel in design.panels.items():
            for index, slot in enumerate(panel.slots):
                if all(part.text is None for part in slot.parts):
                    continue
                key = f"panels.{name}.slots[{index}]"
                try:
                    fit_slot(slot, {}, frame)
                except TextDoesNotFit as error:
                    problems.append(
                        Problem(
                            path,
                            key,
                            f"the fixed text does not fit at {size}, even at min_size: about {error.excess_chars} "
                            "characters too long",
                            "make the box larger or the words fewer",
                        )
                    )
                except UnsupportedCharacter as error:
                    problems.append(
                        Problem(path, key, f"no font can print {error.codepoint} in the fixed text", "use our fonts")
                    )
                except FontError:
                    return problems  # an unknown font: file_problems names it
        if problems:
            break  # one size is enough to say what is wrong
    return problems


# Every check a design passes before it is offered to anyone (cheap: see the module's docstring).
LOAD_CHECKS = (file_problems, fixed_text_problems)


def load_design(folder: Path) -> tuple[LoadedDesign | None, list[Problem]]:
    """One design folder, parsed and checked; the design (or None) and its problems."""
    return loader.load_design(folder, LOAD_CHECKS)


def load_catalog(root: Path = TEMPLATES_DIR) -> Catalog:
    """Every design folder under `root`, parsed and checked."""
    return loader.load_catalog(root, LOAD_CHECKS)


class CatalogCache(loader.CatalogCache):
    """The loader's cache of the catalogue, with every design checked as it loads."""

    def __init__(self, root: Path = TEMPLATES_DIR, watch: bool = False):
        super().__init__(root, watch, LOAD_CHECKS)
