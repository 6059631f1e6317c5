"""The catalogue as the app and the tools load it: the design format parsed by `cardshop.design`, then
each design's files checked with the engine, so a design whose art can't be read or whose fonts we
don't have is refused with its path and key and never reaches a sender's render.

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


# Every check a design passes before it is offered to anyone.
LOAD_CHECKS = (file_problems,)


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
