"""Shaping with HarfBuzz: turn a run of text in one face and one direction into positioned glyphs,
ready for ReportLab to draw, with the text each glyph stands for.

Arabic letters take their joining forms, Indic consonants form conjuncts and half-forms, marks sit on
their letters, emoji sequences become one picture. Text that needs none of this (Latin, Greek,
Cyrillic, Chinese, Japanese, Korean syllables, single emoji) is not shaped: it is drawn character by
character, which is faster and extracts as itself. Latin therefore keeps its current look, without
kerning or ligatures; a ligature would also come back from a PDF as one odd character in some readers.

Text extraction reads glyphs in drawing order and rebuilds logical order by reversing right-to-left
runs character by character, mirroring brackets as it goes. So every glyph gets the text of its
cluster (a joining form gives back its letter), in visual order and as it looks (a mirrored bracket)
in right-to-left runs. Where glyphs and characters do not line up one to one in order in a
left-to-right run (a reordered Indic vowel sign, a split Tamil vowel), the run also gets an
ActualText replacement. Right-to-left runs never do (PDFium reverses ActualText too, and worse);
their marks are drawn as outlines instead, see `_lift_raised_marks`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import uharfbuzz
from bidi.mirror import MIRRORED
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

from cardshop.render.memo import MB, byte_bounded
from cardshop.render.text.embedding import GlyphStr
from cardshop.render.text.fonts import card_font, hb_font


@dataclass(frozen=True)
class Shaped:
    """A shaped run: what ReportLab draws, its width, and what a reader should extract from it."""

    drawn: ShapedStr  # one code per glyph, carrying HarfBuzz's positions
    advance: float  # in thousandths of the font size
    actual_text: str | None  # replacement text where glyphs alone would extract wrongly
    missing: str | None  # a cluster the font drew as .notdef, if any
    # Marks drawn as outlines rather than text: (glyph id, x, y) from the run's start, in thousandths
    # of the font size. See `shape` for why.
    outlines: tuple[tuple[int, float, float], ...] = ()


@dataclass
class _Glyph:
    glyph: int
    cluster: int
    text: str
    x_advance: float
    y_advance: float
    x_offset: float
    y_offset: float
    lifted: bool = False  # a right-to-left mark drawn as an outline, see _lift_raised_marks


def _visual(text: str) -> str:
    """Text as extractors expect it from right-to-left glyphs: reversed, and brackets as they look
    (HarfBuzz drew the mirrored glyph; extractors mirror right-to-left characters back)."""
    return "".join(MIRRORED.get(char, char) for char in reversed(text))


def _off_pen(glyph: int, position) -> bool:
    """A mark placed off the pen position: no advance of its own, moved sideways or up or down."""
    return glyph != 0 and not position.x_advance and bool(position.x_offset or position.y_offset)


@lru_cache(maxsize=4096)
def _plain(char: str) -> bool:
    code = ord(char)
    if code < 0x300:
        return True
    if unicodedata.category(char) in ("Mn", "Mc", "Me", "Cf", "Co", "Cn"):
        return False
    return (
        0x370 <= code < 0x590  # Greek, Cyrillic, Armenian
        or 0x10A0 <= code < 0x1100  # Georgian
        or 0x1C90 <= code < 0x1CC0  # Georgian Mtavruli
        or 0x1E00 <= code < 0x2C00  # Latin Extended Additional, Greek Extended, punctuation, symbols
        or 0x2E80 <= code < 0xA000  # CJK punctuation, kana, Bopomofo, Hangul compatibility jamo, Han
        or 0xAC00 <= code < 0xD7A4  # Hangul syllables
        or 0xF900 <= code < 0xFB00  # CJK compatibility ideographs
        or 0xFE30 <= code < 0xFE50  # CJK compatibility forms
        or 0xFF00 <= code < 0xFFF0  # full-width and half-width forms
        or (0x1F000 <= code < 0x1FB00 and not 0x1F1E6 <= code <= 0x1F1FF and not 0x1F3FB <= code <= 0x1F3FF)
        or 0x20000 <= code < 0x40000  # Han extensions
    )


def needs_shaping(text: str, rtl: bool) -> bool:
    """Right-to-left runs are always shaped (HarfBuzz also mirrors brackets); others only when a
    character needs it: complex scripts, combining marks, joiners, flags, skin tones."""
    return rtl or not all(map(_plain, text))


# Shaped runs kept for reuse, within this many bytes (about 250 bytes a character, measured with
# tracemalloc; see docs/performance.md).
SHAPED_CACHE_BYTES = 24 * MB


@byte_bounded(SHAPED_CACHE_BYTES, lambda face, text, rtl: 1024 + 256 * len(text))
def shape(face: str, text: str, rtl: bool) -> Shaped:
    """Shape `text` with `face`, left to right or right to left."""
    font = hb_font(face)
    card = card_font(face)
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    # Keep marks in clusters of their own where the font allows, so each glyph maps to as few
    # characters as possible.
    buffer.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    uharfbuzz.shape(font, buffer)
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    scale = 1000 / font.face.upem

    starts = sorted({info.cluster for info in infos})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))

    glyphs: list[_Glyph] = []
    missing = None
    index = 0
    while index < len(infos):
        cluster = infos[index].cluster
        end = index
        while end < len(infos) and infos[end].cluster == cluster:
            end += 1
        cluster_text = text[cluster : ends[cluster]]
        members = [i for i in range(index, end) if not _blank(face, infos[i].codepoint, positions[i])]
        members = members or [index]  # a cluster of invisible characters keeps one glyph for its text
        ids = [infos[i].codepoint for i in members]
        if 0 in ids and missing is None:
            missing = cluster_text
        lifted = [rtl and _off_pen(infos[i].codepoint, positions[i]) for i in members]
        spacing = [glyph_id for glyph_id, off in zip(ids, lifted, strict=True) if not off]
        if rtl and any(lifted) and len(spacing) == 1:
            # a letter (or ligature) with its marks: the letter stands for the whole cluster
            texts = [("" if off else _visual(cluster_text)) for off in lifted]
        elif rtl and not spacing:
            # marks on their own: their text goes to the letter drawn next (see _lift_raised_marks)
            texts = [_visual(cluster_text)] + [""] * (len(ids) - 1)
        else:
            texts = _glyph_texts(card, ids, cluster_text, rtl)
        for member, glyph_id, glyph_text, off in zip(members, ids, texts, lifted, strict=True):
            position = positions[member]
            glyphs.append(
                _Glyph(
                    glyph_id,
                    cluster,
                    glyph_text,
                    position.x_advance * scale,
                    position.y_advance * scale,
                    position.x_offset * scale,
                    position.y_offset * scale,
                    off,
                )
            )
        index = end

    outlines = _lift_raised_marks(glyphs) if rtl else []
    _offsets_into_advances(glyphs)
    codes = [card.code_for(glyph.glyph, glyph.text) for glyph in glyphs]
    data = [
        ShapeData(g.cluster, g.x_advance, g.y_advance, g.x_offset, g.y_offset, card.face.getCharWidth(ord(code)))
        for g, code in zip(glyphs, codes, strict=True)
    ]
    drawn = GlyphStr("".join(codes), shapeData=data, texts=tuple(glyph.text for glyph in glyphs))
    advance = sum(item.x_advance for item in data)
    in_drawing_order = _visual(text) if rtl else text
    glyph_texts = [glyph.text for glyph in glyphs]
    # A glyph moved off its pen position makes extractors see a gap (a space) or, moved up or down, a
    # separate piece of text; left-to-right runs with such glyphs get ActualText.
    offsets = any(glyph.x_offset or glyph.y_offset for glyph in glyphs)
    exact = "".join(glyph_texts) == in_drawing_order and all(glyph_texts) and not offsets
    # Right-to-left runs never get ActualText: PDFium reverses the replacement text as well, and
    # handles marks and punctuation in it worse than in the glyphs' own text.
    exact = exact or rtl
    return Shaped(drawn, advance, None if exact else in_drawing_order, missing, tuple(outlines))


def _blank(face: str, glyph: int, position) -> bool:
    """A glyph that draws nothing and takes no room: a joiner or variation selector HarfBuzz kept in
    place. Left out of the drawing, it leaves its cluster's text to the glyph that shows."""
    return (
        glyph != 0
        and not position.x_advance
        and not position.x_offset
        and not position.y_offset
        and not glyph_outline(face, glyph)
    )


def _offsets_into_advances(glyphs: list[_Glyph]) -> None:
    """Turn sideways offsets of spacing glyphs (kerning in right-to-left text comes as offsets) into
    advances of the glyph before: every glyph stays exactly where it was, and the PDF shows the text
    in one piece, with no gaps or jumps for an extractor to misread."""
    for before, glyph in zip(glyphs, glyphs[1:], strict=False):
        if glyph.x_offset and glyph.x_advance and not glyph.y_offset:
            before.x_advance += glyph.x_offset
            glyph.x_advance -= glyph.x_offset
            glyph.x_offset = 0.0


def _lift_raised_marks(glyphs: list[_Glyph]) -> list[tuple[int, float, float]]:
    """Take marks placed off the pen position (Arabic vowel signs, Hebrew points) out of a
    right-to-left run, to be drawn as outlines, and give their text to the letter they sit on.

    In a PDF a glyph can only be moved up or down by starting a new text-showing operation, and a
    move to the right reads as a gap. PDF text extractors (PDFium, the engine of Chrome's viewer,
    among them) sort text operations by x position, add spaces at gaps, then turn visual order back
    into logical order: a vowel sign under the last letter of an Arabic word came out before the
    word, a Hebrew point after a space. ActualText does not help there: PDFium reverses it too and
    mishandles the marks in it. Drawn as an outline, the mark looks the same, and the letter's own
    text, "letter + mark", keeps the reading order right.
    """
    lifted: list[tuple[int, float, float]] = []
    pen = 0.0
    kept: list[_Glyph] = []
    pending = ""  # text of lifted marks waiting for the letter that follows them in drawing order
    for glyph in glyphs:
        if glyph.lifted:
            lifted.append((glyph.glyph, pen + glyph.x_offset, glyph.y_offset))
            pending += glyph.text
            continue
        if pending:
            glyph.text = pending + glyph.text
            pending = ""
        kept.append(glyph)
        pen += glyph.x_advance
    if pending:
        if kept:
            kept[-1].text += pending
        else:  # nothing but marks: keep them as text rather than lose their text
            return []
    glyphs[:] = kept
    return lifted


def _glyph_texts(card, glyphs: list[int], cluster_text: str, rtl: bool) -> list[str]:
    """The text each glyph of one cluster stands for (in drawing order).

    One glyph takes the whole cluster. With several, each glyph that the font maps from one of the
    cluster's characters takes that character, and the first remaining glyph takes what is left
    (the vowel sign a split vowel was made from, say); any other glyph stands for nothing."""
    if len(glyphs) == 1:
        return [_visual(cluster_text) if rtl else cluster_text]
    cmap = card.face.charToGlyph
    order = range(len(glyphs) - 1, -1, -1) if rtl else range(len(glyphs))  # logical order
    unused = list(cluster_text)
    texts = [""] * len(glyphs)
    matched = [False] * len(glyphs)
    for position in order:
        for char_index, char in enumerate(unused):
            if char and ord(char) in card.coverage and cmap.get(ord(char)) == glyphs[position]:
                texts[position] = char
                matched[position] = True
                unused[char_index] = ""
                break
    rest = "".join(unused)
    if rest:
        target = next((p for p in order if not matched[p]), None)
        if target is None:
            target = list(order)[-1]
        texts[target] = texts[target] + rest
    return [t[::-1] for t in texts] if rtl else texts


class _OutlinePen:
    """Records a glyph outline from HarfBuzz as move/line/cubic segments (quadratic curves raised
    to cubic, which PDF paths need)."""

    def __init__(self, scale: float):
        self.scale = scale
        self.ops: list[tuple[str, tuple[float, ...]]] = []
        self.current = (0.0, 0.0)

    def _point(self, point) -> tuple[float, float]:
        return (point[0] * self.scale, point[1] * self.scale)

    def moveTo(self, point) -> None:
        self.current = self._point(point)
        self.ops.append(("move", self.current))

    def lineTo(self, point) -> None:
        self.current = self._point(point)
        self.ops.append(("line", self.current))

    def curveTo(self, *points) -> None:
        for index in range(0, len(points) - 2, 3):
            c1, c2, end = (self._point(p) for p in points[index : index + 3])
            self.ops.append(("curve", (*c1, *c2, *end)))
            self.current = end

    def qCurveTo(self, *points) -> None:
        *controls, last = [self._point(p) for p in points]
        for index, control in enumerate(controls):
            end = last if index == len(controls) - 1 else _middle(control, controls[index + 1])
            start = self.current
            c1 = (start[0] + 2 / 3 * (control[0] - start[0]), start[1] + 2 / 3 * (control[1] - start[1]))
            c2 = (end[0] + 2 / 3 * (control[0] - end[0]), end[1] + 2 / 3 * (control[1] - end[1]))
            self.ops.append(("curve", (*c1, *c2, *end)))
            self.current = end

    def closePath(self) -> None:
        self.ops.append(("close", ()))

    def endPath(self) -> None:
        pass


def _middle(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


@lru_cache(maxsize=2048)
def glyph_outline(face: str, glyph: int) -> tuple[tuple[str, tuple[float, ...]], ...]:
    """A glyph's outline in thousandths of the font size, origin on the baseline."""
    font = hb_font(face)
    pen = _OutlinePen(1000 / font.face.upem)
    font.draw_glyph_with_pen(glyph, pen)
    return tuple(pen.ops)
