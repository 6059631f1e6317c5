"""Cleaning what a sender typed, before it is checked, fitted or drawn.

User text is text, never markup: it is NFC-normalised, stripped of control and invisible formatting
characters, and later drawn with plain canvas string calls that no markup parser ever sees.
"""

from __future__ import annotations

import re
import unicodedata

# Characters removed from user text, and why:
# - bidi embeddings/overrides/isolates (U+202A-U+202E, U+2066-U+2069) and the marks U+200E, U+200F,
#   U+061C can reorder what prints and hide words ("Trojan Source"); our own bidi pass orders text;
# - every other Default_Ignorable_Code_Point (Unicode's list of characters that are invisible unless
#   a font does something special with them: zero width space, word joiner, BOM, soft hyphen, Hangul
#   fillers, tags, most variation selectors, ...): a sender can't see them in the form, some fonts
#   draw them as visible glyphs (a soft hyphen prints as "-"), and no font drawing one would leave an
#   error about a character the sender cannot find;
# - noncharacters (U+FDD0-U+FDEF and the last two code points of every plane), which are not text.
# Kept: ZWJ (U+200D) and ZWNJ (U+200C), which Persian, Indic and emoji spelling depend on, and the
# emoji presentation selectors VS15/VS16 (U+FE0E, U+FE0F).
# The standard library has no Default_Ignorable property, so the ranges (DerivedCoreProperties.txt,
# Unicode 15.1) are written out here.
_IGNORABLE_RANGES = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200B),
    (0x200E, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0D),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
    (0xFDD0, 0xFDEF),  # noncharacters
    *((plane + 0xFFFE, plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000)),  # noncharacters
)
_REMOVED = re.compile(
    "[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in _IGNORABLE_RANGES) + "\\ud800-\\udfff]"
)
# Line and paragraph separators (and NEL) are line breaks, like the newlines they stand for.
_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
# A variation selector asks for the text or emoji style of the character before it; at the start of a
# line or after a space there is no such character, and it would only travel along invisibly.
_ORPHAN_SELECTORS = re.compile(r"(?:^|(?<=\s))[\ufe0e\ufe0f]+", re.MULTILINE)
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_user_text(value: str | None) -> str:
    """Newlines kept (at most one blank line in a row), other control characters, invisible
    formatting characters and unpaired surrogates removed, NFC, runs of spaces collapsed, ends
    trimmed. Cleaning twice gives the same text as cleaning once."""
    if not value:
        return ""
    text = _LINE_BREAKS.sub("\n", value)
    text = _REMOVED.sub("", text)
    text = "".join(ch for ch in text if ch == "\n" or ch == "\t" or unicodedata.category(ch) != "Cc")
    # NFC last among the removals: taking a character out from between a letter and its accent
    # can make a pair that composes.
    text = unicodedata.normalize("NFC", _ORPHAN_SELECTORS.sub("", text))
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()
