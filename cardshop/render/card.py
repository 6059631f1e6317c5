"""The render core's front door: fit a card's text, then draw it into a PDF.

`render_card` is what the web app, the CLI and the tests call. It takes a design, the sender's
cleaned field values and output options, and returns PDF bytes (or, for the `flat` layout with
`file_format="png"`, PNG bytes). It knows nothing of Flask. The layouts are in `layouts/`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from cardshop.design.models import Design
from cardshop.render.geometry import CardGeometry
from cardshop.render.layouts import layout_named
from cardshop.render.layouts.flat import front_png
from cardshop.render.options import (
    DEFAULT_OPTIONS,
    CardOptionError,
    CardTextError,
    FieldProblem,
    RenderOptions,
    resolve_geometry,
    slot_frame,
)
from cardshop.render.press.canvas import press_canvas_class
from cardshop.render.press.pdfx import finish_pdfx
from cardshop.render.press.profile import load_profile, profile_path
from cardshop.render.text.fitting import (
    FittedSlot,
    SlotFrame,
    TextDoesNotFit,
    UnsupportedCharacter,
    fit_slot,
    unsupported_characters,
)
from cardshop.render.text.fonts import face_for, register_all


@dataclass(frozen=True)
class FittedCard:
    geometry: CardGeometry
    frame: SlotFrame
    slots: dict[str, list[FittedSlot]] = field(default_factory=dict)  # panel -> fitted slots


FIELD_NAMES_IN_PROSE = {
    "recipient": "who the card is for",
    "baby_name": "the baby's name",
    "date": "the date",
    "message": "your message",
    "signoff": "the sign-off",
    "sender": "who it is from",
}


def _describe(error: TextDoesNotFit | UnsupportedCharacter) -> FieldProblem:
    name = FIELD_NAMES_IN_PROSE.get(error.field or "", "the design's own text")
    if isinstance(error, UnsupportedCharacter) and error.sequence:
        return FieldProblem(
            error.field,
            f"We can't print the emoji “{error.char}” ({error.codepoint}) in {name} as one picture. "
            "Please choose a simpler emoji, or remove it.",
        )
    if isinstance(error, UnsupportedCharacter) and error.orphan_mark:
        return FieldProblem(
            error.field,
            f"The mark “\u25cc{error.char}” ({error.codepoint}) in {name} has no letter before it to sit on. "
            "Please type it straight after a letter, or remove it.",
        )
    if isinstance(error, UnsupportedCharacter):
        return FieldProblem(
            error.field,
            f"We can't print the character “{error.char}” ({error.codepoint}) in {name}. "
            "Please remove it or use a different character.",
        )
    hint = " or use fewer line breaks" if error.line_breaks >= 3 else ""
    return FieldProblem(
        error.field,
        f"There isn't quite room for {name} on this card. "
        f"Please shorten it by about {error.excess_chars} characters{hint}.",
    )


def fit_card(design: Design, values: dict[str, str], geometry: CardGeometry) -> FittedCard:
    """Fit every slot, collecting every field's problem at once so the form can show them together."""
    register_all()
    frame = slot_frame(design, geometry)
    fitted: dict[str, list[FittedSlot]] = {}
    problems: list[FieldProblem] = []
    for name, panel in design.panels.items():
        fitted[name] = []
        for slot in panel.slots:
            unsupported = unsupported_characters(slot, values)
            for error in unsupported:
                if (problem := _describe(error)) not in problems:
                    problems.append(problem)
            if unsupported:
                continue
            try:
                fitted[name].append(fit_slot(slot, values, frame))
            except (TextDoesNotFit, UnsupportedCharacter) as error:
                problem = _describe(error)
                if problem not in problems:
                    problems.append(problem)
    if problems:
        raise CardTextError(problems)
    return FittedCard(geometry, frame, fitted)


def render_card(
    folder: Path, design: Design, values: dict[str, str], options: RenderOptions = DEFAULT_OPTIONS
) -> bytes:
    """Render the card as PDF bytes (PNG for `flat` with file_format "png"). Raises CardTextError
    (nothing rendered) when text can't print, CardOptionError when the layout can't take this card."""
    geometry = resolve_geometry(design, options)
    layout = layout_named(options.layout)
    if layout.check:
        layout.check(design, geometry)
    fitted = (layout.fit or fit_card)(design, values, geometry)
    buffer = io.BytesIO()
    profile = load_profile(profile_path(options.profile)) if options.pdfx else None
    canvas_class = press_canvas_class(profile) if profile is not None else Canvas
    canvas = canvas_class(
        buffer,
        invariant=1,
        pageCompression=1,
        initialFontName=face_for(_first_font(design)),
    )
    canvas.setTitle(f"{design.name} card")
    canvas.setCreator("cardshop")
    layout.draw(canvas, folder, design, fitted, options)
    canvas.save()
    if options.file_format == "png":
        return front_png(buffer.getvalue(), geometry)
    if profile is not None:
        return finish_pdfx(buffer.getvalue(), profile, f"{design.name} card")
    return buffer.getvalue()


def _first_font(design: Design) -> str:
    for _, panel in design.panels.items():
        for slot in panel.slots:
            return slot.font
    raise CardOptionError("the design has no text slots")
