"""Choosing a font for each character cluster of a sender's cleaned text.

Fonts are chosen per grapheme cluster (a letter with its marks, an emoji sequence), not per message:
each cluster takes the first face of the slot's stack (the design's font, then the fallbacks) that
has a glyph for every character in it. A character no face has, or a private-use character, is
refused here, before anything is drawn.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from cardshop.render.text.fonts import coverage


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
