"""`designs check`: everything that can be wrong with a design, reported at once with file and key.

Loading catches unknown keys, bad values, missing artwork and unknown fonts. Beyond that, every
design is rendered with the longest text the form accepts and with accented names, so a slot too
small for its field is found here rather than by a sender; and the print rules (render/printcheck.py:
art resolution, art into the bleed, text inside the safe zone) are checked at every size.
"""

from __future__ import annotations

from pathlib import Path

from cardshop.catalog.loader import DATA_FILE, LoadedDesign, Problem, load_design
from cardshop.catalog.samples import ACCENTED, longest


def _render_problems(loaded: LoadedDesign) -> list[Problem]:
    from cardshop.render.card import CardTextError, RenderOptions, render_card

    problems = []
    path = loaded.folder / DATA_FILE
    for label, values in (("the longest text the form accepts", longest()), ("accented names", ACCENTED)):
        shown = {name: value for name, value in values.items() if name in loaded.design.fields}
        for size in loaded.design.sizes:
            try:
                render_card(loaded.folder, loaded.design, shown, RenderOptions(size=size))
            except CardTextError as error:
                for problem in error.problems:
                    key = _slot_key(loaded, problem.field)
                    problems.append(
                        Problem(
                            path,
                            key,
                            f"at size {size}, {label} does not fit ({problem.message})",
                            "make the slot larger or its min_size smaller",
                        )
                    )
    return problems


def _slot_key(loaded: LoadedDesign, field: str | None) -> str:
    for name, panel in loaded.design.panels.items():
        for index, slot in enumerate(panel.slots):
            if field in slot.fields:
                return f"panels.{name}.slots[{index}]"
    return "panels"


def check_designs(folders: list[Path]) -> list[Problem]:
    problems: list[Problem] = []
    for folder in folders:
        loaded, found = load_design(folder)
        problems.extend(found)
        if loaded:
            problems.extend(_render_problems(loaded))
            problems.extend(_print_problems(loaded))
    return problems


def _print_problems(loaded: LoadedDesign) -> list[Problem]:
    from cardshop.render.printcheck import print_problems

    path = loaded.folder / DATA_FILE
    return [Problem(path, p.key, p.message, p.fix) for p in print_problems(loaded.folder, loaded.design)]
