"""How much text each field of a design takes: characters and lines, checked the same way by the
form and the command line.

The global limits in `vocabulary.FIELD_MAX_LENGTHS` are ceilings (a design may raise one for itself in
`[form.<field>] max_length`, say for two babies' names). A design whose slot is smaller gets
a lower limit for that field: the most characters of ordinary words the slot holds at its minimum
type size, alone in its slot, on every size the design comes in. So the form never accepts text that
the card could not print even on its own, and tells the sender the real number up front. (Several
long fields that share one slot can still be too much together; the fitter then names the field to
shorten.) The message may have at most `MAX_MESSAGE_LINES` lines, fewer if its slot holds fewer;
every other field is one line, and line breaks in it become spaces.

Limits are computed once per loaded design and cached: a reloaded design is a new object and gets
new limits.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from cardshop.design.loader import LoadedDesign
from cardshop.design.models import Design
from cardshop.design.vocabulary import FIELD_MAX_LENGTHS, FIELDS
from cardshop.render.options import RenderOptions, resolve_geometry, slot_frame
from cardshop.render.text.cleaning import clean_user_text
from cardshop.render.text.fitting import TextDoesNotFit, fit_slot
from cardshop.studio.samples import text_of_length

MAX_MESSAGE_LINES = 20
MULTILINE_FIELDS = frozenset({"message"})
_LINE_SAMPLE = "Love,"  # a short line: what a poem or a list of names looks like


@dataclass(frozen=True)
class FieldLimits:
    """Characters and lines each field of one design accepts."""

    chars: dict[str, int]
    lines: dict[str, int]


def clean_field(name: str, value: str | None) -> str:
    """The sender's text for field `name`, cleaned; single-line fields get spaces for line breaks."""
    text = clean_user_text(value)
    if name not in MULTILINE_FIELDS and "\n" in text:
        text = clean_user_text(text.replace("\n", " "))
    return text


def field_problem(name: str, text: str, limits: FieldLimits) -> str | None:
    """A kind, specific message when cleaned `text` is over the field's limits; None when it is fine."""
    most = limits.chars.get(name, FIELD_MAX_LENGTHS[name])
    if len(text) > most:
        room = " on this card" if most < FIELD_MAX_LENGTHS[name] else ""
        return (
            f"Please keep this to {most} characters or fewer{room}; it has {len(text)} now "
            f"(about {len(text) - most} too many)."
        )
    lines = text.count("\n") + 1
    most_lines = limits.lines.get(name, 1)
    if lines > most_lines:
        return (
            f"Please use {most_lines} lines or fewer here; it has {lines} now. "
            "Joining some short lines together will make room."
        )
    return None


@lru_cache(maxsize=256)
def field_limits(loaded: LoadedDesign) -> FieldLimits:
    """The limits for a loaded design (cached per loaded design)."""
    return design_field_limits(loaded.design)


def design_field_limits(design: Design) -> FieldLimits:
    """Compute the limits for `design` by fitting sample text into its slots (a few hundred ms at most)."""
    frames = _frames(design)
    chars: dict[str, int] = {}
    lines: dict[str, int] = {}
    for name in design.fields:
        slots = [slot for _, panel in design.panels.items() for slot in panel.slots if name in slot.fields]
        ceiling = design.field_ceiling(name)
        chars[name] = min(
            (
                _most(lambda n: text_of_length(n).capitalize(), ceiling, name, slot, frame)
                for slot in slots
                for frame in frames
            ),
            default=ceiling,
        )
        if name in MULTILINE_FIELDS:
            lines[name] = min(
                (
                    _most(lambda n: "\n".join([_LINE_SAMPLE] * n), MAX_MESSAGE_LINES, name, slot, frame)
                    for slot in slots
                    for frame in frames
                ),
                default=MAX_MESSAGE_LINES,
            )
            lines[name] = max(lines[name], 1)
        else:
            lines[name] = 1
    for name in FIELDS:
        chars.setdefault(name, FIELD_MAX_LENGTHS[name])
        lines.setdefault(name, MAX_MESSAGE_LINES if name in MULTILINE_FIELDS else 1)
    return FieldLimits(chars, lines)


def _frames(design: Design) -> list:
    """The distinct ways the design's slots are scaled, one per card size it comes in."""
    frames = []
    for size in design.sizes:
        frame = slot_frame(design, resolve_geometry(design, RenderOptions(size=size)))
        if frame not in frames:
            frames.append(frame)
    return frames


def _most(sample, ceiling: int, name: str, slot, frame) -> int:
    """The largest n <= ceiling for which sample(n) fits the slot at its minimum size (binary search)."""

    def fits(n: int) -> bool:
        try:
            fit_slot(slot, {name: sample(n)}, frame)
        except TextDoesNotFit:
            return False
        return True

    if fits(ceiling):
        return ceiling
    low, high = 0, ceiling  # fits(low) is assumed (nothing always fits), fits(high) is false
    while high - low > 1:
        middle = (low + high) // 2
        if fits(middle):
            low = middle
        else:
            high = middle
    return low
