"""The envelope that fits the card, as a PDF to print straight onto it: the recipient's address and,
if given, a return address in the top-left corner.

Addresses are the sender's text like any field: cleaned, checked against line-count and length
limits with kind messages, never stored or logged, and drawn by the same fitter as the card (so any
script the card can print, the envelope can too). The page is the envelope, landscape, with nothing
in the top-right (the stamp) or along the bottom 16 mm (where postal services print barcodes).
Drawing is in layouts/envelope.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from cardshop.design.models import MAX_TEXT, Design, Panel, Part, Slot
from cardshop.render.geometry import CardGeometry
from cardshop.render.options import CardTextError, FieldProblem
from cardshop.render.text.cleaning import clean_user_text
from cardshop.render.text.direction import paragraph_level
from cardshop.render.text.fitting import FittedSlot, TextDoesNotFit, UnsupportedCharacter, fit_slot
from cardshop.render.text.fonts import register_all


@dataclass(frozen=True)
class Envelope:
    name: str
    width_mm: float  # landscape: the long side across
    height_mm: float


# The envelope that fits each card size (DESIGN.md section 3).
ENVELOPES: dict[str, Envelope] = {
    "A6": Envelope("C6", 162.0, 114.0),
    "A5": Envelope("C5", 229.0, 162.0),
    "5x7": Envelope("A7", 184.15, 133.35),  # 7.25 x 5.25 in
    "4.25x5.5": Envelope("US A2", 146.05, 111.125),  # 5.75 x 4.375 in
    "square": Envelope("155 mm square", 155.0, 155.0),
}

ADDRESS_FIELDS = ("address", "return_address")
ADDRESS_MAX_LINES = {"address": 6, "return_address": 5}
ADDRESS_MAX_LINE_CHARS = 50
ADDRESS_IN_PROSE = {"address": "the address", "return_address": "your address"}

ENVELOPE_FONT = "Lato"  # a plain sans-serif, which postal sorting machines read best
ADDRESS_COLOUR = "#1a1a1a"
EDGE = 10.0  # mm: well inside the ~6 mm a printer can't reach
BARCODE_CLEAR = 16.0  # mm kept clear at the bottom (USPS asks for 5/8 in)


def clean_address(value: str | None) -> str:
    """Cleaned like every field, and without blank lines, which an address never needs."""
    return "\n".join(line for line in clean_user_text(value).split("\n") if line)


def address_problems(name: str, value: str) -> list[str]:
    """What is wrong with a cleaned address, in words a sender can act on (empty if nothing)."""
    if not value:
        return []
    problems = []
    lines = value.split("\n")
    limit = ADDRESS_MAX_LINES[name]
    if len(lines) > limit:
        problems.append(f"Please keep {ADDRESS_IN_PROSE[name]} to {limit} lines or fewer; it has {len(lines)} now.")
    for number, line in enumerate(lines, start=1):
        if len(line) > ADDRESS_MAX_LINE_CHARS:
            problems.append(
                f"Line {number} has {len(line)} characters; please keep each line to {ADDRESS_MAX_LINE_CHARS} "
                f"or fewer (about {len(line) - ADDRESS_MAX_LINE_CHARS} too many)."
            )
    return problems


def address_slots(envelope: Envelope) -> dict[str, Slot]:
    """Boxes for the return address (top left) and the address (right of centre, lower half)."""
    width, height = envelope.width_mm, envelope.height_mm
    ret_width = min(0.5 * width, 80.0)
    ret_height = min(0.32 * height, 35.0)
    left = 0.4 * width
    top = 0.45 * height
    return {
        "return_address": _slot(EDGE, EDGE, ret_width - EDGE, ret_height, size=9, min_size=7),
        "address": _slot(left, top, width - left - EDGE, height - top - BARCODE_CLEAR, size=12, min_size=8),
    }


def _slot(x: float, y: float, width: float, height: float, size: float, min_size: float) -> Slot:
    # A placeholder part; the sender's text goes in when the slot is fitted.
    return Slot(
        x=x,
        y=y,
        width=width,
        height=height,
        font=ENVELOPE_FONT,
        size=size,
        min_size=min_size,
        leading=1.25,
        align="start",
        valign="top",
        color=ADDRESS_COLOUR,
        parts=[Part(text="-")],
    )


@dataclass(frozen=True)
class EnvelopeFit:
    """The fitted addresses: what the envelope layout draws. Duck-types FittedCard for the drawer."""

    geometry: CardGeometry
    envelope: Envelope
    panel: Panel
    fitted: tuple[FittedSlot, ...]


def fit_envelope(design: Design, values: dict[str, str], geometry: CardGeometry) -> EnvelopeFit:
    """Fit both addresses; every problem is reported at once, as for the card's own fields."""
    register_all()
    envelope = ENVELOPES[geometry.size]
    boxes = address_slots(envelope)
    slots: list[Slot] = []
    fitted: list[FittedSlot] = []
    problems: list[FieldProblem] = []
    for name in ADDRESS_FIELDS:
        text = values.get(name, "")
        if not text:
            continue
        no_room = FieldProblem(
            name,
            f"There isn't quite room for {ADDRESS_IN_PROSE[name]} on a {envelope.name} envelope. "
            "Please shorten its longest lines or use fewer lines.",
        )
        if len(text) > MAX_TEXT:  # far beyond any envelope, and beyond what one part may hold
            problems.append(no_room)
            continue
        # An address is one block: every line follows its first line's direction, so a Latin country
        # line under a Hebrew or Arabic address sits flush right with the rest.
        block_align = "right" if paragraph_level(text) == 1 else "left"
        slot = boxes[name].model_copy(update={"parts": [Part(text=text)], "align": block_align})
        try:
            fitted.append(fit_slot(slot, {}))
        except TextDoesNotFit:
            problems.append(no_room)
        except UnsupportedCharacter as error:
            problems.append(
                FieldProblem(
                    name,
                    f"We can't print the character “{error.char}” ({error.codepoint}) in {ADDRESS_IN_PROSE[name]}. "
                    "Please remove it or use a different character.",
                )
            )
        else:
            slots.append(slot)
    if not values.get("address") and not problems:
        problems.append(FieldProblem("address", "Please add the address to print on the envelope."))
    if problems:
        raise CardTextError(problems)
    return EnvelopeFit(geometry, envelope, Panel(slots=slots), tuple(fitted))
