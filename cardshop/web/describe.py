"""What a card says, in words: the text alternative of the preview, and the names to check before download.

The words come from the design's slots and the sender's values, in the order they print; empty
fields are left out, as they are on the card. This is written for people (a screen reader, a
proof-reading sender), so the parts of a panel are joined into spoken sentences. No Flask here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cardshop.design.models import Design, Panel

_SENTENCE_END = re.compile(r"[.!?…:;,\"”’)]$")

# Leading words that are not names: "Dear Sam", "To Alex", "With love from Jo", "Love, Kim".
_GREETING = re.compile(
    r"^(?:(?:my|our)\s+)?(?:dear(?:est)?|to|hi|hello|darling|dearest)\b[\s,:]*",
    re.IGNORECASE,
)
_SIGNOFF = re.compile(
    r"^(?:with\s+)?(?:(?:all\s+)?(?:my|our)\s+)?(?:love|thoughts|hugs|best\s+wishes)?\s*(?:from\b)?[\s,:]*",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s*(?:,|&|\+|/|\n|\band\b)\s*", re.IGNORECASE)
_KISSES = re.compile(r"(?:\s+x+)+$", re.IGNORECASE)
_EDGE_PUNCTUATION = " \t.,;:!?-–—"


@dataclass(frozen=True)
class PanelWords:
    name: str  # "front", "inside_left", "inside_right", "back"
    label: str  # "Front", "Inside, left page", ...
    lines: list[str]  # each printed part, as written (line breaks kept)


def panel_labels(design: Design) -> dict[str, str]:
    upper, lower = ("left", "right") if design.fold == "side" else ("top", "bottom")
    return {
        "front": "Front",
        "inside_left": f"Inside, {upper} page",
        "inside_right": f"Inside, {lower} page",
        "back": "Back",
    }


def _panel_lines(panel: Panel, values: dict[str, str]) -> list[str]:
    lines = []
    for slot in panel.slots:
        for part in slot.parts:
            text = part.text if part.text is not None else values.get(part.field or "", "")
            if text and text.strip():
                lines.append(text.strip())
    return lines


def card_words(design: Design, values: dict[str, str]) -> list[PanelWords]:
    """Every panel's printed words, front first, in the order they print."""
    labels = panel_labels(design)
    return [PanelWords(name, labels[name], _panel_lines(panel, values)) for name, panel in design.panels.items()]


def spoken(lines: list[str]) -> str:
    """Lines joined for reading aloud: a full stop between parts that don't end in punctuation."""
    sentences = []
    for line in lines:
        flat = " ".join(line.split())
        sentences.append(flat if _SENTENCE_END.search(flat) else f"{flat}.")
    return " ".join(sentences)


def _said(lines: list[str]) -> str:
    return f"It says: {spoken(lines)}" if lines else "It has no words."


def preview_alts(design: Design, values: dict[str, str]) -> dict[str, str]:
    """Alt text for the three preview images (front, inside spread, back), saying what each shows."""
    words = {panel.name: panel for panel in card_words(design, values)}
    left, right = words["inside_left"], words["inside_right"]
    inside_parts = [f"{panel.label}: {_said(panel.lines)}" for panel in (left, right)]
    return {
        "front": f"Front of the card: {design.alt}. {_said(words['front'].lines)}",
        "inside": "Inside of the card. " + " ".join(inside_parts),
        "back": f"Back of the card. {_said(words['back'].lines)}",
    }


def _split_names(text: str, lead: re.Pattern) -> list[str]:
    text = lead.sub("", text.strip(), count=1)
    text = _KISSES.sub("", text)
    names = []
    for piece in _SEPARATORS.split(text):
        name = piece.strip(_EDGE_PUNCTUATION)
        if name:
            names.append(name)
    return names


def names_to_check(values: dict[str, str]) -> list[str]:
    """The names on the card, spelled out one by one: "Dear Sam and Alex" gives Sam and Alex.

    Greetings and sign-off words in English are dropped; anything else is kept as written, so a
    name is never lost, only perhaps shown with a word around it."""
    names: list[str] = []
    found = [
        *_split_names(values.get("recipient", ""), _GREETING),
        *([values["baby_name"].strip()] if values.get("baby_name", "").strip() else []),
        *_split_names(values.get("sender", ""), _SIGNOFF),
    ]
    for name in found:
        name = " ".join(name.split())
        if name and name not in names:
            names.append(name)
    return names
