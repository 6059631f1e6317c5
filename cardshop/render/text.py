"""Cleaning what a sender typed, and choosing a font for each character cluster of it.

User text is text, never markup: it is NFC-normalised, stripped of control and invisible formatting
characters, and later drawn with plain canvas string calls that no markup parser ever sees.

Fonts are chosen per grapheme cluster (a letter with its marks, an emoji sequence), not per message:
each cluster takes the first face of the slot's stack (the design's font, then the fallbacks) that
has a glyph for every character in it. A character no face has, or a private-use character, is
refused here, before anything is drawn.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from cardshop.render.fonts import coverage

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


class MissingGlyph(Exception):
    """Something no font in the stack can draw: one character, or an emoji sequence that would
    print as several pictures instead of one."""

    def __init__(self, char: str, sequence: bool = False, orphan_mark: bool = False):
        self.char = char
        self.sequence = sequence
        self.orphan_mark = orphan_mark
        # The message never holds the sender's text (it could reach a log); `char` has it.
        super().__init__("no font in the stack can draw one of the characters")

    @property
    def codepoint(self) -> str:
        return " ".join(f"U+{ord(char):04X}" for char in self.char)


VS15, VS16 = "\ufe0e", "\ufe0f"  # variation selectors: text style, emoji style


@lru_cache(maxsize=4096)
def ignorable(char: str) -> bool:
    """Default-ignorable characters that draw nothing (joiners, variation selectors, tags): they need no
    glyph of their own; the shaper keeps them invisible when the chosen font lacks them."""
    code = ord(char)
    return (
        code in (0x00AD, 0x034F, 0x061C, 0x200C, 0x200D)
        or 0x180B <= code <= 0x180F
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0000 <= code <= 0xE0FFF
    )


def refused(char: str) -> bool:
    """Private-use characters mean something only to the sender's own fonts: some of ours map a few of
    them to unrelated glyphs, so they are never drawn."""
    return unicodedata.category(char) == "Co"


def _needed(cluster: str) -> list[int]:
    return [ord(char) for char in cluster if not ignorable(char)]


def _emoji_sequence(cluster: str) -> bool:
    """A cluster that only an emoji font draws as one picture: a flag (two regional indicators), a
    skin tone, a keycap, a tag sequence (subdivision flags) or a zero-width-joiner sequence."""
    return (
        len(cluster) > 1
        and any(
            char == "\u200d"
            or "\U0001f1e6" <= char <= "\U0001f1ff"
            or "\U0001f3fb" <= char <= "\U0001f3ff"
            or char == "\u20e3"
            or "\U000e0020" <= char <= "\U000e007f"
            for char in cluster
        )
        # ZWJ also shapes Indic and Arabic letters: a cluster with a letter is not an emoji
        and not any(unicodedata.category(char).startswith("L") for char in cluster)
    )


def _candidates(cluster: str, faces: Sequence[str], emoji_faces: frozenset[str]) -> list[str]:
    """The faces to try for a cluster, in order. U+FE0F (and an emoji sequence) asks for the emoji
    picture and U+FE0E for the text symbol, so the emoji font moves to the front or the back."""
    if VS16 in cluster or _emoji_sequence(cluster):
        return [f for f in faces if f in emoji_faces] + [f for f in faces if f not in emoji_faces]
    if VS15 in cluster:
        return [f for f in faces if f not in emoji_faces] + [f for f in faces if f in emoji_faces]
    return list(faces)


def face_covering(clusters: Sequence[str], faces: Sequence[str]) -> str | None:
    """The first face that has every character of all the clusters, if one does."""
    needed = [code for cluster in clusters for code in _needed(cluster)]
    return next((face for face in faces if all(code in coverage(face) for code in needed)), None)


def assign_faces(clusters: Sequence[str], faces: Sequence[str], emoji_faces: frozenset[str] = frozenset()) -> list[str]:
    """One face per cluster. Raises MissingGlyph for a private-use character, one no face has, or a
    combining mark with no letter to sit on.

    A cluster of only invisible characters (a stray joiner) goes with its neighbour. A cluster that no
    single face covers entirely (a letter in one font, a rare accent only in another) is drawn in the
    face of its first character, with every character checked to exist somewhere.
    """
    faces = tuple(faces)
    chosen: list[str | None] = []
    for cluster in clusters:
        if unicodedata.category(cluster[0]).startswith("M"):
            # A mark with no letter before it (at the start, or after a space) would print on a dotted
            # circle and copy out as nothing: it is refused like a character no font has.
            raise MissingGlyph(cluster, orphan_mark=True)
        if len(cluster) == 1:
            chosen.append(_face_for_char(cluster, faces))
            continue
        for char in cluster:
            if refused(char):
                raise MissingGlyph(char)
        needed = _needed(cluster)
        if not needed:
            chosen.append(None)
            continue
        candidates = _candidates(cluster, faces, emoji_faces)
        face = next((f for f in candidates if all(code in coverage(f) for code in needed)), None)
        if face is None:
            for code in needed:
                _face_for_char(chr(code), faces)  # raises for a character no face has
            face = next(f for f in candidates if needed[0] in coverage(f))
        chosen.append(face)
    return _fill_invisible(chosen, faces)


@lru_cache(maxsize=16384)
def _face_for_char(char: str, faces: tuple[str, ...]) -> str | None:
    """The first face with a glyph for a single character (None for an invisible one)."""
    if refused(char):
        raise MissingGlyph(char)
    if ignorable(char):
        return None
    code = ord(char)
    for face in faces:
        if code in coverage(face):
            return face
    raise MissingGlyph(char)


def _fill_invisible(chosen: list[str | None], faces: Sequence[str]) -> list[str]:
    filled: list[str] = []
    for index, face in enumerate(chosen):
        if face is None:
            face = filled[-1] if filled else next((f for f in chosen[index:] if f is not None), faces[0])
        filled.append(face)
    return filled
