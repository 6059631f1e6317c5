"""Text fitting: wrap a slot's parts to its box and shrink them together until they fit.

The result is a list of positioned lines that the panel drawer paints as-is. If the text does not
fit at the slot's minimum size, `TextDoesNotFit` says which field is too long and by roughly how
many characters, and nothing is drawn: text is never cut off and never spills out of its box.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics

from cardshop.catalog.models import Part, Slot
from cardshop.render.fonts import face_for, fallback_faces
from cardshop.render.geometry import MM
from cardshop.render.text import MissingGlyph, Run, font_runs, runs_width

SIZE_STEP = 0.5  # pt; the fitter tries the slot's size, then 0.5 pt smaller, down to min_size


class TextDoesNotFit(Exception):
    """The slot's text is too long at the minimum size."""

    def __init__(self, field: str | None, excess_chars: int, line_breaks: int):
        self.field = field
        self.excess_chars = excess_chars
        self.line_breaks = line_breaks
        super().__init__(f"{field or 'fixed text'} is about {excess_chars} characters too long")


class UnsupportedCharacter(Exception):
    """A character in a field that no font can draw."""

    def __init__(self, field: str | None, char: str):
        self.field = field
        self.char = char
        # The message never holds the sender's text (it could reach a log); `char` has it.
        super().__init__(f"{field or 'fixed text'}: no font has one of its characters")

    @property
    def codepoint(self) -> str:
        return f"U+{ord(self.char):04X}"


@dataclass(frozen=True)
class Line:
    """One line of text, positioned relative to the slot's top-left corner (y grows downward)."""

    runs: tuple[Run, ...]
    size: float
    color: str
    x: float  # offset from the slot's left edge, pt
    baseline: float  # distance from the slot's top edge to the baseline, pt
    width: float


@dataclass(frozen=True)
class SlotFrame:
    """How a design's slot boxes and type scale onto the card size being rendered."""

    x: float = 1.0
    y: float = 1.0
    type: float = 1.0


@dataclass(frozen=True)
class FittedSlot:
    lines: tuple[Line, ...]
    scale: float  # 1.0 = the design's sizes; smaller when shrunk

    @property
    def font_size(self) -> float:
        return self.lines[0].size if self.lines else 0.0


@dataclass(frozen=True)
class _StyledPart:
    field: str | None
    text: str
    faces: tuple[str, ...]
    size: float
    color: str
    align: str
    space_after: float  # pt


def _direction_of(text: str) -> str:
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return "ltr"


def _resolve_align(align: str, text: str) -> str:
    if align in ("start", "end"):
        rtl = _direction_of(text) == "rtl"
        return {"start": "right" if rtl else "left", "end": "left" if rtl else "right"}[align]
    return align


def styled_parts(slot: Slot, values: dict[str, str]) -> list[_StyledPart]:
    """The slot's parts that have text, with the slot's style filled in; empty fields drop out."""
    parts = []
    for part in slot.parts:
        text = part.text if part.text is not None else values.get(part.field or "", "")
        if not text:
            continue
        parts.append(_style(slot, part, text))
    return parts


def _style(slot: Slot, part: Part, text: str) -> _StyledPart:
    face = face_for(part.font or slot.font, part.style or slot.style)
    return _StyledPart(
        field=part.field,
        text=text,
        faces=(face, *fallback_faces()),
        size=part.size or slot.size,
        color=part.color or slot.color,
        align=part.align or slot.align,
        space_after=part.space_after * MM,
    )


class _WordTooWide(Exception):
    """A word is wider than the box at this size; shrink before breaking it."""


def _wrap_paragraph(runs: list[Run], size: float, max_width: float, allow_break: bool = True) -> list[list[Run]]:
    """Greedy line breaking at spaces; a word wider than the box on its own is broken between characters
    (only when `allow_break`: the fitter first shrinks the text, and breaks a word only at the minimum size)."""
    words = _split_words(runs)
    lines: list[list[Run]] = []
    line: list[Run] = []
    line_width = 0.0
    space_cache: dict[str, float] = {}
    for word in words:
        word_width = runs_width(word, size)
        if line:
            face = line[-1].face
            space = space_cache.setdefault(face, pdfmetrics.stringWidth(" ", face, size))
            if line_width + space + word_width <= max_width:
                line = [*line, Run(" ", face), *word]
                line_width += space + word_width
                continue
            lines.append(line)
            line, line_width = [], 0.0
        if word_width <= max_width:
            line, line_width = list(word), word_width
            continue
        if not allow_break:
            raise _WordTooWide
        pieces = _break_word(word, size, max_width)
        lines.extend(pieces[:-1])
        line = pieces[-1]
        line_width = runs_width(line, size)
    lines.append(line)
    return [_merge(line) for line in lines]


def _split_words(runs: list[Run]) -> list[list[Run]]:
    words: list[list[Run]] = [[]]
    for run in runs:
        pieces = run.text.split(" ")
        for index, piece in enumerate(pieces):
            if index:
                words.append([])
            if piece:
                words[-1].append(Run(piece, run.face))
    return [word for word in words if word]


def _break_word(word: list[Run], size: float, max_width: float) -> list[list[Run]]:
    pieces: list[list[Run]] = [[]]
    width = 0.0
    for run in word:
        for char in run.text:
            char_width = pdfmetrics.stringWidth(char, run.face, size)
            if pieces[-1] and width + char_width > max_width:
                pieces.append([])
                width = 0.0
            pieces[-1].append(Run(char, run.face))
            width += char_width
    return [_merge(piece) for piece in pieces]


def _merge(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if merged and merged[-1].face == run.face:
            merged[-1] = Run(merged[-1].text + run.text, run.face)
        else:
            merged.append(run)
    return merged


def _face_metrics(face: str) -> tuple[float, float]:
    font_face = pdfmetrics.getFont(face).face
    return font_face.ascent / 1000, font_face.descent / 1000


@dataclass(frozen=True)
class _Block:
    part: _StyledPart
    lines: list[list[Run]]
    size: float
    line_height: float

    @property
    def height(self) -> float:
        return len(self.lines) * self.line_height


def _layout(
    parts: list[_StyledPart],
    paragraph_runs: list[list[list[Run]]],
    slot: Slot,
    width: float,
    scale: float,
    allow_break: bool = True,
) -> list[_Block]:
    blocks = []
    for part, paragraphs in zip(parts, paragraph_runs, strict=True):
        size = part.size * scale
        lines: list[list[Run]] = []
        for runs in paragraphs:
            lines.extend(_wrap_paragraph(runs, size, width, allow_break) if runs else [[]])
        blocks.append(_Block(part, lines, size, size * slot.leading))
    return blocks


def _total_height(blocks: list[_Block]) -> float:
    return sum(block.height for block in blocks) + sum(block.part.space_after for block in blocks[:-1])


def _scales(slot: Slot) -> list[float]:
    steps = int(math.floor((slot.size - slot.min_size) / SIZE_STEP + 1e-9))
    sizes = [slot.size - step * SIZE_STEP for step in range(steps + 1)]
    if sizes[-1] > slot.min_size + 1e-9:
        sizes.append(slot.min_size)
    return [size / slot.size for size in sizes]


def _paragraph_runs(part: _StyledPart) -> list[list[Run]]:
    try:
        return [font_runs(paragraph, list(part.faces)) if paragraph else [] for paragraph in part.text.split("\n")]
    except MissingGlyph as missing:
        raise UnsupportedCharacter(part.field, missing.char) from None


def fit_slot(slot: Slot, values: dict[str, str], frame: SlotFrame = SlotFrame()) -> FittedSlot:
    """Lay out the slot's text at the largest size that fits, or raise TextDoesNotFit.

    `frame` scales the design's box and type to the card size being rendered.
    """
    parts = styled_parts(slot, values)
    if not parts:
        return FittedSlot((), 1.0)
    paragraph_runs = [_paragraph_runs(part) for part in parts]
    box_width, box_height = slot.width * MM * frame.x, slot.height * MM * frame.y
    scales = [scale * frame.type for scale in _scales(slot)]

    def fits(scale: float) -> list[_Block] | None:
        try:
            blocks = _layout(parts, paragraph_runs, slot, box_width, scale, allow_break=scale == scales[-1])
        except _WordTooWide:
            return None
        return blocks if _total_height(blocks) <= box_height + 1e-6 else None

    smallest = fits(scales[-1])
    if smallest is None:
        raise _too_long(parts, _layout(parts, paragraph_runs, slot, box_width, scales[-1]), box_height)
    # Binary search for the largest size that fits (height shrinks as the size does).
    low, high, best = 0, len(scales) - 1, (scales[-1], smallest)
    while low < high:
        middle = (low + high) // 2
        blocks = fits(scales[middle])
        if blocks is not None:
            best = (scales[middle], blocks)
            high = middle
        else:
            low = middle + 1
    scale, blocks = best
    return FittedSlot(_position(blocks, slot, box_width, box_height), scale)


def _too_long(parts: list[_StyledPart], blocks: list[_Block], box_height: float) -> TextDoesNotFit:
    excess = _total_height(blocks) - box_height
    # Blame the sender's field that takes the most room; fixed text is the design's responsibility.
    field_blocks = [block for block in blocks if block.part.field] or blocks
    culprit = max(field_blocks, key=lambda block: block.height)
    chars = len(culprit.part.text)
    excess_chars = max(1, math.ceil(chars * excess / max(culprit.height, 1e-6)))
    return TextDoesNotFit(culprit.part.field, min(excess_chars, chars), culprit.part.text.count("\n"))


def _position(blocks: list[_Block], slot: Slot, width: float, height: float) -> tuple[Line, ...]:
    total = _total_height(blocks)
    top = {"top": 0.0, "middle": (height - total) / 2, "bottom": height - total}[slot.valign]
    lines: list[Line] = []
    for block in blocks:
        align = _resolve_align(block.part.align, block.part.text)
        for runs in block.lines:
            if runs:
                ascent, descent = _face_metrics(runs[0].face)
                glyph_height = (ascent - descent) * block.size
                baseline = top + (block.line_height - glyph_height) / 2 + ascent * block.size
                line_width = runs_width(runs, block.size)
                x = {"left": 0.0, "center": (width - line_width) / 2, "right": width - line_width}[align]
                lines.append(Line(tuple(runs), block.size, block.part.color, x, baseline, line_width))
            top += block.line_height
        top += block.part.space_after
    return tuple(lines)
