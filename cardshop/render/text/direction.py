"""Right-to-left text: each paragraph's direction, each character's embedding level, and the visual
order of a line's pieces (the Unicode Bidirectional Algorithm, UAX #9).

ReportLab reorders only with `rlbidi`, which is not on PyPI, so python-bidi does the algorithm here.
Its `get_display` returns a reordered string, which cannot be shaped afterwards (Arabic letters join
in logical order), so the levels come from python-bidi's step-by-step implementation
(`bidi.algorithm`) and the reordering is done on already-shaped pieces, one line at a time, after
line breaking, as UAX #9 asks (rule L2).

User text never holds explicit embeddings, overrides or isolates (`clean_user_text` removes them), so
python-bidi's lack of isolate support does not matter.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TypeVar

from bidi import algorithm as uba
from bidi import get_base_level

_RTL_CLASSES = frozenset(("R", "AL", "AN"))

T = TypeVar("T")


def needs_bidi(text: str) -> bool:
    """True when the text holds a right-to-left letter or an Arabic digit: otherwise every level is 0."""
    return any(unicodedata.bidirectional(char) in _RTL_CLASSES for char in text)


def paragraph_level(text: str) -> int:
    """0 for a left-to-right paragraph, 1 for right-to-left: the direction of its first strong
    letter (rules P2, P3); a paragraph with no letters is left-to-right."""
    return get_base_level(text) if needs_bidi(text) else 0


def embedding_levels(text: str, base_level: int) -> list[int]:
    """The resolved embedding level of each character (rules X1 to I2)."""
    if base_level == 0 and not needs_bidi(text):
        return [0] * len(text)
    storage = uba.get_empty_storage()
    storage["base_level"] = base_level
    storage["base_dir"] = ("L", "R")[base_level]
    uba.get_embedding_levels(text, storage)
    for char in storage["chars"]:
        # A character newer than Python's Unicode database (the newest emoji) has no class there, and
        # python-bidi fails on it; such characters are emoji and symbols, Other Neutral (ON) in UAX #9.
        if not char["type"]:
            char["type"] = char["orig"] = "ON"
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
