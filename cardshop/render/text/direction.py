"""Right-to-left text: each paragraph's direction, each character's embedding level, and the visual
order of a line's pieces (the Unicode Bidirectional Algorithm, UAX #9).

ReportLab reorders only with `rlbidi`, which is not on PyPI, so python-bidi does the algorithm here.
Its `get_display` returns a reordered string, which cannot be shaped afterwards (Arabic letters join
in logical order), so the levels come from python-bidi's step-by-step implementation
(`bidi.algorithm`) and the reordering is done on already-shaped pieces, one line at a time, after
line breaking, as UAX #9 asks (rule L2).

User text never holds explicit embeddings, overrides or isolates (`clean_user_text` removes them), so
python-bidi's lack of isolate support does not matter.

Python's Unicode tables lag behind what phones send: a character newer than them (U+1FA77 PINK
HEART on Python 3.11) has no bidi class there, and python-bidi fails on it. Such a character gets
the class Unicode gives unassigned code points in its block (`bidi_class`): R or AL in the
right-to-left blocks, ON for pictographs (what every assigned emoji is), L elsewhere.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TypeVar

from bidi import algorithm as uba

_RTL_CLASSES = frozenset(("R", "AL", "AN"))

# Default bidi classes of unassigned code points (DerivedBidiClass.txt, Unicode 15.1 header), and
# the pictograph blocks, where every newer emoji is ON like the ones before it.
_DEFAULT_CLASSES = (
    ((0x0600, 0x07BF), "AL"),
    ((0x0860, 0x08FF), "AL"),
    ((0xFB50, 0xFDCF), "AL"),
    ((0xFDF0, 0xFDFF), "AL"),
    ((0xFE70, 0xFEFF), "AL"),
    ((0x10D00, 0x10D3F), "AL"),
    ((0x10EC0, 0x10EFF), "AL"),
    ((0x10F30, 0x10F6F), "AL"),
    ((0x1EC70, 0x1ECBF), "AL"),
    ((0x1ED00, 0x1ED4F), "AL"),
    ((0x1EE00, 0x1EEFF), "AL"),
    ((0x0590, 0x05FF), "R"),
    ((0x07C0, 0x085F), "R"),
    ((0xFB1D, 0xFB4F), "R"),
    ((0x10800, 0x10FFF), "R"),
    ((0x1E800, 0x1EFFF), "R"),
    ((0x20A0, 0x20CF), "ET"),
    ((0x2600, 0x27BF), "ON"),
    ((0x1F000, 0x1FAFF), "ON"),
    ((0x1FC00, 0x1FFFD), "ON"),
)

T = TypeVar("T")


def bidi_class(char: str) -> str:
    """The character's bidi class; for a character newer than Python's tables, its block's default."""
    found = unicodedata.bidirectional(char)
    if found:
        return found
    code = ord(char)
    return next((kind for (low, high), kind in _DEFAULT_CLASSES if low <= code <= high), "L")


def needs_bidi(text: str) -> bool:
    """True when the text holds a right-to-left letter or an Arabic digit: otherwise every level is 0."""
    return any(bidi_class(char) in _RTL_CLASSES for char in text)


def _first_strong_level(text: str) -> int:
    for char in text:
        kind = bidi_class(char)
        if kind in ("R", "AL"):
            return 1
        if kind == "L":
            return 0
    return 0


def paragraph_level(text: str) -> int:
    """0 for a left-to-right paragraph, 1 for right-to-left: the direction of its first strong
    letter (rules P2, P3); a paragraph with no letters is left-to-right."""
    return _first_strong_level(text) if needs_bidi(text) else 0


def embedding_levels(text: str, base_level: int) -> list[int]:
    """The resolved embedding level of each character (rules X1 to I2)."""
    if base_level == 0 and not needs_bidi(text):
        return [0] * len(text)
    storage = uba.get_empty_storage()
    storage["base_level"] = base_level
    storage["base_dir"] = ("L", "R")[base_level]
    uba.get_embedding_levels(text, storage)
    for char in storage["chars"]:
        if not char["type"]:  # newer than Python's tables
            char["type"] = char["orig"] = bidi_class(char["ch"])
    every_char = list(storage["chars"])
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    # Rule X9 drops boundary-neutral characters (ZWJ, ZWNJ, soft hyphen) from python-bidi's list;
    # they draw nothing, and take the level of the character before them (UAX #9, section 5.2).
    kept = {id(char) for char in storage["chars"]}
    levels: list[int] = []
    for char in every_char:
        if id(char) in kept:
            levels.append(char["level"])
        else:
            levels.append(levels[-1] if levels else base_level)
    return levels


def visual_order(items: Sequence[T], levels: Sequence[int]) -> list[T]:
    """Rule L2: from the highest level down to the lowest odd one, reverse every run of items at that
    level or above. `items` are one line's pieces in logical order, each at a single level."""
    order = list(range(len(items)))
    if not levels:
        return []
    highest = max(levels)
    lowest_odd = min((level for level in levels if level % 2), default=None)
    if lowest_odd is None:
        return list(items)
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] >= level:
                end = index
                while end < len(order) and levels[order[end]] >= level:
                    end += 1
                order[index:end] = reversed(order[index:end])
                index = end
            else:
                index += 1
    return [items[position] for position in order]
