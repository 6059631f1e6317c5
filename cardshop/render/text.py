"""Cleaning what a sender typed, and splitting text into runs of one font each.

User text is text, never markup: it is NFC-normalised, stripped of control and invisible formatting
characters, and later drawn with plain canvas string calls that no markup parser ever sees.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics

# Characters removed from user text, and why:
# - bidi embeddings/overrides/isolates (U+202A-U+202E, U+2066-U+2069) can reorder what prints and
#   hide words ("Trojan Source"); our own bidi pass orders text, so they are never needed;
# - U+200B zero width space, U+2060 word joiner and U+FEFF byte order mark are invisible;
# - U+200E/U+200F direction marks are invisible and only matter with the controls above.
# ZWJ (U+200D) and ZWNJ (U+200C) stay: Persian and Indic spelling depends on them.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u2060\ufeff\u200e\u200f")
)
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_user_text(value: str | None) -> str:
    """NFC, newlines kept (at most one blank line in a row), other control characters and
    invisible formatting removed, runs of spaces collapsed, ends trimmed."""
    if not value:
        return ""
    text = _SURROGATE.sub("", value).replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = "".join(ch for ch in text if ch == "\n" or ch == "\t" or unicodedata.category(ch) != "Cc")
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


class MissingGlyph(Exception):
    """A character that no font in the stack can draw."""

    def __init__(self, char: str):
        self.char = char
        super().__init__(f"no font can draw {char!r} (U+{ord(char):04X})")

    @property
    def codepoint(self) -> str:
        return f"U+{ord(self.char):04X}"


@dataclass(frozen=True)
class Run:
    """Consecutive characters drawn with one face."""

    text: str
    face: str


def _has_glyph(face: str, char: str) -> bool:
    return ord(char) in pdfmetrics.getFont(face).face.charToGlyph


def font_runs(text: str, faces: list[str]) -> list[Run]:
    """Split text into runs, each drawn with the first face in `faces` that has every character.

    Spaces and other characters every face lacks a need for (combining marks) stay with the run
    they follow, so a name is not broken into many runs by its spaces.
    """
    runs: list[Run] = []
    current_face: str | None = None
    buffer: list[str] = []
    for char in text:
        if char == " " and current_face is not None:
            buffer.append(char)
            continue
        if unicodedata.combining(char) and current_face is not None and _has_glyph(current_face, char):
            buffer.append(char)
            continue
        face = next((f for f in faces if _has_glyph(f, char)), None)
        if face is None:
            raise MissingGlyph(char)
        if face != current_face and buffer:
            runs.append(Run("".join(buffer), current_face))
            buffer = []
        current_face = face
        buffer.append(char)
    if buffer:
        runs.append(Run("".join(buffer), current_face or faces[0]))
    return runs


def runs_width(runs: list[Run], size: float) -> float:
    return sum(pdfmetrics.stringWidth(run.text, run.face, size) for run in runs)
