"""Text fitting: wrap a slot's parts to its box and shrink them together until they fit.

Each paragraph is prepared once, whatever the size: characters are grouped into clusters, each
cluster gets a font from the slot's stack, the text is cut where lines may end (per script, see
`breaking`), and each piece is measured, shaped where its script needs it (see `shaping`), at a unit
size. Trying a size is then arithmetic: greedy line filling with the same widths the drawing uses.
Right-to-left and mixed lines are put in visual order one line at a time, after line breaking.

The result is a list of positioned lines that the panel drawer paints as-is. If the text does not
fit at the slot's minimum size, `TextDoesNotFit` says which field is too long and by roughly how
many characters, and nothing is drawn: text is never cut off and never spills out of its box. A
character no font can draw raises `UnsupportedCharacter` before anything is drawn.
"""

from __future__ import annotations

import bisect
import itertools
import math
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics

from cardshop.design.models import Part, Slot
from cardshop.render.geometry import MM
from cardshop.render.memo import MB, byte_bounded
from cardshop.render.text.breaking import clusters as split_clusters
from cardshop.render.text.breaking import line_segments
from cardshop.render.text.direction import embedding_levels, paragraph_level, visual_order
from cardshop.render.text.font_choice import MissingGlyph, assign_faces, face_covering
from cardshop.render.text.fonts import emoji_faces, face_for, fallback_faces
from cardshop.render.text.shaping import Shaped, needs_shaping, shape

SIZE_STEP = 0.5  # pt; the fitter tries the slot's size, then 0.5 pt smaller, down to min_size
MIN_TYPE_SIZE = 7.0  # pt: no part is ever set smaller, at any card size (print shops refuse less)
# Where a word too wide for its box may break before it is broken between letters: after a hyphen
# (a double-barrelled name keeps its hyphen at the line end), and in a web or email address before
# its punctuation, so that the line ends on letters and the next one begins with "/" or ".".
_BREAK_AFTER = frozenset("-\u2010")
_BREAK_BEFORE = frozenset("/.?#&=_@~")
# Paragraphs prepared for fitting, kept within this many bytes (estimated per character from
# tracemalloc measurements: about 450 bytes a character with its atoms).
PREPARED_CACHE_BYTES = 16 * MB


@dataclass
class MeasureWork:
    """How much text the fitter has measured (shaped or summed) since the process started: a
    deterministic count of the work a request costs, for tests and benches."""

    runs: int = 0
    chars: int = 0


MEASURED = MeasureWork()


class TextDoesNotFit(Exception):
    """The slot's text is too long at the minimum size."""

    def __init__(self, field: str | None, excess_chars: int, line_breaks: int):
        self.field = field
        self.excess_chars = excess_chars
        self.line_breaks = line_breaks
        super().__init__(f"{field or 'fixed text'} is about {excess_chars} characters too long")


class UnsupportedCharacter(Exception):
    """A character in a field that no font can draw."""

    def __init__(self, field: str | None, char: str, sequence: bool = False, orphan_mark: bool = False):
        self.field = field
        self.char = char
        self.sequence = sequence  # an emoji sequence our emoji font can't draw as one picture
        self.orphan_mark = orphan_mark  # an accent or vowel sign with no letter before it
        # The message never holds the sender's text (it could reach a log); `char` has it.
        super().__init__(f"{field or 'fixed text'}: no font has one of its characters")

    @property
    def codepoint(self) -> str:
        """U+XXXX for a character; for an emoji sequence, each of its code points."""
        return " ".join(f"U+{ord(char):04X}" for char in self.char)


@dataclass(frozen=True)
class Atom:
    """A piece of a line drawn in one go: one face, one embedding level, no line break inside.
    Spaces between words are atoms too (measured, placed by the bidi reordering, never drawn)."""

    text: str  # logical order
    face: str
    level: int  # bidi embedding level: odd is right-to-left
    advance: float  # width in thousandths of the font size
    shaped: Shaped | None = None  # None: drawn character by character
    space: bool = False

    @property
    def rtl(self) -> bool:
        return self.level % 2 == 1


@dataclass(frozen=True)
class Line:
    """One line of text, positioned relative to the slot's top-left corner (y grows downward).
    `runs` are in visual order, left to right."""

    runs: tuple[Atom, ...]
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


@dataclass(frozen=True)
class _Cluster:
    text: str
    face: str
    level: int


@dataclass(frozen=True)
class _Word:
    """Text between two places a line may break, measured at unit size, with the space after it."""

    clusters: tuple[_Cluster, ...]
    atoms: tuple[Atom, ...]
    width: float  # thousandths of the font size
    space: Atom | None


@dataclass(frozen=True)
class _Paragraph:
    words: tuple[_Word, ...]
    level: int  # 0 left-to-right, 1 right-to-left
    bidi: bool  # whether any piece is right-to-left, so lines need reordering


def _resolve_align(align: str, level: int) -> str:
    """`start` and `end` follow the paragraph's direction; left, right and center are absolute."""
    if align in ("start", "end"):
        rtl = level % 2 == 1
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


# ---- preparing a paragraph (size-independent)


@byte_bounded(PREPARED_CACHE_BYTES, lambda text, faces: 2048 + 512 * len(text))
def _prepare(text: str, faces: tuple[str, ...]) -> _Paragraph:
    level = paragraph_level(text)
    levels = embedding_levels(text, level)
    pieces = split_clusters(text)
    cluster_faces = assign_faces(pieces, faces, emoji_faces())
    offsets = []
    offset = 0
    for piece in pieces:
        offsets.append(offset)
        offset += len(piece)
    boundaries = set()
    offset = 0
    for segment in line_segments(text):
        offset += len(segment)
        boundaries.add(offset)

    words: list[_Word] = []
    word: list[_Cluster] = []
    spaces: list[_Cluster] = []
    for piece, face, start in zip(pieces, cluster_faces, offsets, strict=True):
        _check_emoji(piece, face)
        cluster = _Cluster(piece, face, levels[start])
        if piece.isspace():
            spaces.append(cluster)
            continue
        if word and (spaces or start in boundaries):
            words.append(_make_word(word, spaces, faces))
            word, spaces = [], []
        word.append(cluster)
    if word:
        words.append(_make_word(word, spaces, faces))
    bidi = level == 1 or any(levels)
    return _Paragraph(tuple(words), level, bidi)


def _make_word(clusters: list[_Cluster], spaces: list[_Cluster], faces: tuple[str, ...]) -> _Word:
    # A word whose letters came from two fonts (a Latin name with one letter the design's font lacks,
    # a Hebrew word ending in a full stop) is set in one of them if it has all of it. The emoji font
    # is left out: its digits are emoji keycap parts, not text figures.
    used = {cluster.face for cluster in clusters}
    if len(used) > 1:
        candidates = [face for face in faces if face in used and face not in emoji_faces()]
        face = face_covering([cluster.text for cluster in clusters], candidates)
        if face is not None:
            clusters = [_Cluster(cluster.text, face, cluster.level) for cluster in clusters]
    atoms = _atoms(clusters)
    space = None
    if spaces:
        first = spaces[0]
        text = "".join(cluster.text for cluster in spaces)
        space = Atom(text, first.face, first.level, pdfmetrics.stringWidth(text, first.face, 1000), space=True)
    return _Word(tuple(clusters), atoms, sum(atom.advance for atom in atoms), space)


def _atoms(clusters: list[_Cluster] | tuple[_Cluster, ...]) -> tuple[Atom, ...]:
    atoms: list[Atom] = []
    start = 0
    for index in range(1, len(clusters) + 1):
        if index == len(clusters) or (clusters[index].face, clusters[index].level) != (
            clusters[start].face,
            clusters[start].level,
        ):
            group = clusters[start:index]
            atoms.append(_atom("".join(cluster.text for cluster in group), group[0].face, group[0].level))
            start = index
    return tuple(atoms)


def _atom(text: str, face: str, level: int) -> Atom:
    rtl = level % 2 == 1
    MEASURED.runs += 1
    MEASURED.chars += len(text)
    if not needs_shaping(text, rtl):
        return Atom(text, face, level, pdfmetrics.stringWidth(text, face, 1000))
    shaped = shape(face, text, rtl)
    if shaped.missing is not None:
        raise MissingGlyph(next((char for char in shaped.missing if not char.isspace()), shaped.missing))
    return Atom(text, face, level, shaped.advance, shaped)


def _check_emoji(cluster: str, face: str) -> None:
    """An emoji sequence (family, profession, skin tone, flag, keycap) must come out as one picture.
    If the emoji font has no glyph for the whole sequence it would print its parts side by side,
    which can change what it says; the sender is asked to choose a simpler emoji instead."""
    if len(cluster) > 1 and face in emoji_faces():
        pictures = sum(1 for glyph in shape(face, cluster, False).drawn.__shapeData__ if glyph.x_advance > 0)
        if pictures > 1:
            raise MissingGlyph(cluster, sequence=True)


# ---- filling lines at one size


class _WordTooWide(Exception):
    """A word is wider than the box at this size; shrink before breaking it."""


def _wrap(paragraph: _Paragraph, size: float, max_width: float, allow_break: bool = True) -> list[list[Atom]]:
    """Greedy line filling: words go on the line while they fit; a word wider than the box on its
    own is broken at its hyphens or address punctuation, and between clusters only when
    `allow_break` (the fitter first shrinks the text, and breaks inside letters only at the minimum
    size)."""
    scale = size / 1000
    limit = max_width + 1e-6
    lines: list[list[Atom]] = []
    line: list[Atom] = []
    width = 0.0
    space: Atom | None = None
    for word in paragraph.words:
        word_width = word.width * scale
        if line:
            gap = space.advance * scale if space else 0.0
            if width + gap + word_width <= limit:
                if space:
                    line.append(space)
                line.extend(word.atoms)
                width += gap + word_width
                space = word.space
                continue
            lines.append(line)
        if word_width <= limit:
            line, width = list(word.atoms), word_width
        else:
            pieces = _break_word(word, scale, limit, allow_break)
            lines.extend(pieces[:-1])
            line = pieces[-1]
            width = sum(atom.advance for atom in line) * scale
        space = word.space
    lines.append(line)
    return lines


def _soft_breaks(clusters: tuple[_Cluster, ...]) -> list[int]:
    """Cluster indexes a too-wide word may break before, at its hyphens and (in an address) its
    punctuation; never at its very start or end, nor inside "://"."""
    text = [cluster.text for cluster in clusters]
    joined = "".join(text)
    address = "://" in joined or "www." in joined or "@" in joined or "/" in joined
    breaks = []
    for index in range(1, len(text)):
        before, here = text[index - 1], text[index]
        after_hyphen = before in _BREAK_AFTER and here not in _BREAK_AFTER
        in_address = address and here in _BREAK_BEFORE and before not in ":/" and index < len(text) - 1
        if after_hyphen or in_address:
            breaks.append(index)
    return breaks


def _break_word(word: _Word, scale: float, limit: float, allow_break: bool) -> list[list[Atom]]:
    """A word wider than the box, as lines: at its hyphens and address punctuation first (at any
    size), and between clusters only where a piece is still too wide and `allow_break` says so.

    Where to cut is estimated from the widths the whole word was already measured with (each
    cluster's share of its shaped run, summed from a running total), so each piece is shaped about
    once: the cost grows with the word's length, not its square."""
    clusters = word.clusters
    widths = _cluster_widths(word)
    before = list(itertools.accumulate(widths, initial=0.0))  # before[i]: width of clusters[:i]
    room = limit / scale + 1e-9
    cuts = [0, *_soft_breaks(clusters), len(clusters)]
    spans: list[tuple[int, int]] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        if spans and before[end] - before[spans[-1][0]] <= room:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    pieces: list[list[Atom]] = []
    for start, end in spans:
        # A span estimated to fit is shaped to make sure; one estimated too wide is not shaped whole.
        atoms = _atoms(clusters[start:end]) if before[end] - before[start] <= room else None
        if atoms is not None and _width(atoms) * scale <= limit:
            pieces.append(list(atoms))
        elif allow_break:
            pieces.extend(_break_between_clusters(clusters, widths, start, end, scale, limit))
        else:
            raise _WordTooWide
    return pieces


def _break_between_clusters(
    clusters: tuple[_Cluster, ...], widths: list[float], first: int, stop: int, scale: float, limit: float
) -> list[list[Atom]]:
    """clusters[first:stop] in pieces that each fit, cut between clusters. Joining forms can make a
    piece a little wider than its clusters' shares (an Arabic letter cut before its neighbour takes
    its final form), so each piece is measured, and shortened by a binary search over cluster
    counts when it spills over."""
    pieces: list[list[Atom]] = []
    start = first
    while start < stop:
        end, room = start + 1, limit / scale - widths[start]
        while end < stop and room - widths[end] >= -1e-9:
            room -= widths[end]
            end += 1
        atoms = _atoms(clusters[start:end])
        if end > start + 1 and _width(atoms) * scale > limit:
            # Usually one cluster less is enough (the piece's last letter took a wider form).
            shorter = _atoms(clusters[start : end - 1])
            if end - 1 == start + 1 or _width(shorter) * scale <= limit:
                pieces.append(list(shorter))
                start = end - 1
                continue
            low, high = start + 1, end - 2  # the longest piece that fits is start+1 .. end-1 clusters
            atoms_low = _atoms(clusters[start:low])
            while low < high:
                middle = (low + high + 1) // 2
                trial = _atoms(clusters[start:middle])
                if _width(trial) * scale <= limit:
                    low, atoms_low = middle, trial
                else:
                    high = middle - 1
            end, atoms = low, atoms_low
        pieces.append(list(atoms))
        start = end
    return pieces


def _width(atoms: tuple[Atom, ...]) -> float:
    return sum(atom.advance for atom in atoms)


def _cluster_widths(word: _Word) -> list[float]:
    """Each cluster's share of the word's measured width, at unit size: the advances of the glyphs
    HarfBuzz made from its characters, or its characters' widths where the run was not shaped."""
    widths: list[float] = []
    index = 0
    for atom in word.atoms:
        count = 0
        offsets = []  # where each of this atom's clusters starts in the atom's text
        position = 0
        while index + count < len(word.clusters) and position < len(atom.text):
            offsets.append(position)
            position += len(word.clusters[index + count].text)
            count += 1
        shares = [0.0] * count
        if atom.shaped is None:
            for number in range(count):
                text = word.clusters[index + number].text
                shares[number] = pdfmetrics.stringWidth(text, atom.face, 1000)
        else:
            for glyph in atom.shaped.drawn.__shapeData__:
                number = max(0, bisect.bisect_right(offsets, glyph.cluster) - 1)
                shares[number] += glyph.x_advance
        widths.extend(shares)
        index += count
    return widths


def _face_metrics(face: str) -> tuple[float, float]:
    font_face = pdfmetrics.getFont(face).face
    return font_face.ascent / 1000, font_face.descent / 1000


@dataclass(frozen=True)
class _Block:
    part: _StyledPart
    lines: list[tuple[list[Atom], _Paragraph]]
    size: float
    line_height: float

    @property
    def height(self) -> float:
        return len(self.lines) * self.line_height


def _layout(
    parts: list[_StyledPart],
    paragraphs: list[list[_Paragraph | None]],
    slot: Slot,
    width: float,
    scale: float,
    allow_break: bool = True,
    floors: list[float] | None = None,
) -> list[_Block]:
    blocks = []
    floors = floors or [0.0] * len(parts)
    for part, part_paragraphs, floor in zip(parts, paragraphs, floors, strict=True):
        size = max(part.size * scale, floor)
        lines: list[tuple[list[Atom], _Paragraph | None]] = []
        for paragraph in part_paragraphs:
            if paragraph is None:  # a blank line
                lines.append(([], None))
            else:
                lines.extend((line, paragraph) for line in _wrap(paragraph, size, width, allow_break))
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


def _part_paragraphs(part: _StyledPart) -> list[_Paragraph | None]:
    try:
        return [_prepare(paragraph, part.faces) if paragraph else None for paragraph in part.text.split("\n")]
    except MissingGlyph as missing:
        raise UnsupportedCharacter(part.field, missing.char, missing.sequence, missing.orphan_mark) from None


def unsupported_characters(slot: Slot, values: dict[str, str]) -> list[UnsupportedCharacter]:
    """For each of the slot's parts, the first character no font can draw, if any: so that a form
    can name every field with a problem at once, not only the first."""
    problems = []
    for part in styled_parts(slot, values):
        try:
            _part_paragraphs(part)
        except UnsupportedCharacter as problem:
            problems.append(problem)
    return problems


def fit_slot(slot: Slot, values: dict[str, str], frame: SlotFrame = SlotFrame()) -> FittedSlot:
    """Lay out the slot's text at the largest size that fits, or raise TextDoesNotFit.

    `frame` scales the design's box and type to the card size being rendered.
    """
    parts = styled_parts(slot, values)
    if not parts:
        return FittedSlot((), 1.0)
    paragraphs = [_part_paragraphs(part) for part in parts]
    box_width, box_height = slot.width * MM * frame.x, slot.height * MM * frame.y
    scales = [scale * frame.type for scale in _scales(slot)]
    floors = [part_floor(slot, part.size, frame) for part in parts]

    def fits(scale: float) -> list[_Block] | None:
        try:
            blocks = _layout(parts, paragraphs, slot, box_width, scale, scale == scales[-1], floors)
        except _WordTooWide:
            return None
        return blocks if _total_height(blocks) <= box_height + 1e-6 else None

    smallest = fits(scales[-1])
    if smallest is None:
        raise _too_long(parts, _layout(parts, paragraphs, slot, box_width, scales[-1], True, floors), box_height)
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


def part_floor(slot: Slot, part_size: float, frame: SlotFrame = SlotFrame()) -> float:
    """The smallest size a part may shrink to: the slot's minimum (a part drawn smaller than that,
    such as a date under a name, keeps its own size), scaled to the card size, and never below
    MIN_TYPE_SIZE. Shrinking the slot never takes one of its parts under its floor."""
    return max(MIN_TYPE_SIZE, min(part_size, slot.min_size) * frame.type)


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
        # Every line of a part sits on the same baseline grid, set by the part's own font, whatever
        # fallback fonts it holds, so mixed-script paragraphs keep even spacing.
        ascent, descent = _face_metrics(block.part.faces[0])
        glyph_height = (ascent - descent) * block.size
        for atoms, paragraph in block.lines:
            if atoms and paragraph is not None:
                if paragraph.bidi:
                    atoms = visual_order(atoms, [atom.level for atom in atoms])
                baseline = top + (block.line_height - glyph_height) / 2 + ascent * block.size
                line_width = sum(atom.advance for atom in atoms) * block.size / 1000
                align = _resolve_align(block.part.align, paragraph.level)
                x = {"left": 0.0, "center": (width - line_width) / 2, "right": width - line_width}[align]
                lines.append(Line(tuple(atoms), block.size, block.part.color, x, baseline, line_width))
            top += block.line_height
        top += block.part.space_after
    return tuple(lines)
