"""How shaped glyphs get into the PDF with their text: a TrueType font class that can draw any glyph
and writes a ToUnicode map giving every drawn glyph back the characters it stands for.

ReportLab embeds a TrueType font as subsets keyed by Unicode character: it can only draw a glyph that
some character maps to. Shaping produces glyphs no character maps to (Arabic joining forms, Indic
conjuncts, emoji sequences). ReportLab's own shaping gives each such glyph a private-use character,
which then comes back out of the PDF as a private-use character when text is copied or searched.

Here every glyph has a fixed code of its own in the supplementary private-use planes (glyph g is
U+F0000 + g, skipping each plane's two noncharacters; from U+100000 where a font maps plane 15), so
it never collides with a character the font maps, and the codes can never run out: a font has at
most 65,535 glyphs. The text each drawn glyph stands for travels with the shaped string
(`GlyphStr`) and belongs to one document: each document gives every (glyph, text) pair it draws a
position of its own in its font subsets, and the ToUnicode map written for the subset maps that
position to the real text. Nothing about a pair outlives its document, so no sequence of requests
can use the codes up. The code is internal: it never appears in the PDF, which refers to glyphs by
subset position.
ReportLab's own ToUnicode writer also spells characters beyond U+FFFF wrongly (five hex digits);
the map written here uses UTF-16, as the PDF format asks.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase.ttfonts import SUBSETN, ShapedStr, TTFont

_FIRST_CODE = 0xF0000  # Supplementary Private Use Area-A, then -B
_PLANE_CODES = 0xFFFE  # usable codes per plane: the last two of every plane are noncharacters


def glyph_code(glyph: int, base: int = _FIRST_CODE) -> int:
    """The private-use code that stands for `glyph`, counting from `base`: fixed, one per glyph."""
    plane, offset = divmod(glyph, _PLANE_CODES)
    return base + plane * 0x10000 + offset


def _code_base(coverage: frozenset[int], glyph_count: int) -> int:
    """The first private-use plane from which every glyph gets a code the font does not map itself
    (Noto Emoji maps a few characters of plane 15)."""
    for base in (_FIRST_CODE, 0x100000):
        last = glyph_code(max(glyph_count - 1, 0), base)
        if last <= 0x10FFFD and not any(base <= code <= last for code in coverage):
            return base
    raise ValueError("no private-use plane is free for the font's glyph codes")


class GlyphStr(ShapedStr):
    """Shaped glyph codes with the text each one stands for (`texts`, one per code), kept through
    the concatenations and slices ReportLab's text object makes."""

    def __new__(cls, codes: str, shapeData=None, texts: tuple[str, ...] | None = None):
        self = super().__new__(cls, codes, shapeData=shapeData)
        self.texts = tuple(texts) if texts is not None else tuple(codes)
        return self

    def __add__(self, other):
        joined = super().__add__(other)
        other_texts = other.texts if isinstance(other, GlyphStr) else tuple(str(other))
        return GlyphStr(str(joined), joined.__shapeData__, self.texts + other_texts)

    def __radd__(self, other):
        joined = super().__radd__(other)
        other_texts = other.texts if isinstance(other, GlyphStr) else tuple(str(other))
        return GlyphStr(str(joined), joined.__shapeData__, other_texts + self.texts)

    def __getitem__(self, index):
        part = super().__getitem__(index)
        if not part:
            return part
        texts = self.texts[index] if isinstance(index, slice) else (self.texts[index],)
        return GlyphStr(str(part), part.__shapeData__, texts)


class CardFont(TTFont):
    """A TTFont that knows which characters its file maps (before any code was added) and can draw
    any glyph with the text it stands for."""

    def __init__(self, name: str, filename: str):
        # asciiReadable=False: ReportLab would otherwise put every ASCII glyph of the font into the
        # first subset, so a Hebrew name would embed the Hebrew font's Latin letters too; each extra
        # fallback font then cost about three times as much to write.
        super().__init__(name, filename, asciiReadable=False)
        self.path = filename
        # The file's own character map, kept before glyph codes are added to the shared one.
        self.coverage: frozenset[int] = frozenset(self.face.charToGlyph)
        self._base = _code_base(self.coverage, len(self.face.hmetrics))
        self._lock = threading.Lock()

    def code_for(self, glyph: int, text: str) -> str:
        """The character to hand ReportLab so that it draws `glyph` (its text goes in `GlyphStr`)."""
        if len(text) == 1 and ord(text) in self.coverage and self.face.charToGlyph.get(ord(text)) == glyph:
            return text
        code = glyph_code(glyph, self._base)
        face = self.face
        if code not in face.charToGlyph:
            with self._lock:
                if code not in face.charToGlyph:
                    # Order matters for other threads: the width and reverse map first, the lookup last.
                    face.charWidths[code] = face._pdfScale(face.hmetrics[glyph][0])
                    face.glyphToChar.setdefault(glyph, []).append(code)
                    face.charToGlyph[code] = glyph
        return chr(code)

    def splitString(self, text, doc, encoding="utf-8"):
        texts = getattr(text, "texts", None)
        if texts is None:
            return super().splitString(text, doc, encoding)
        state = self._assignState(doc)
        # (code, text) -> position, kept on the document's own state, so it goes when the document does.
        pairs: dict[tuple[int, str], int] = state.__dict__.setdefault("card_pairs", {})
        positions = []
        for char, glyph_text in zip(str(text), texts, strict=True):
            if glyph_text == char:  # a character drawn as itself: ReportLab's own assignment
                positions.append(self._position(char, doc, state))
                continue
            key = (ord(char), glyph_text)
            position = pairs.get(key)
            if position is None:
                # A new position for this pair: ReportLab assigns one to a code it has not seen in
                # this document, so the code's own assignment is set aside for the moment.
                previous = state.assignments.pop(ord(char), None)
                position = pairs[key] = self._position(char, doc, state)
                if previous is None:
                    state.assignments.pop(ord(char), None)
                else:
                    state.assignments[ord(char)] = previous
            positions.append(position)
        results: list[tuple[int, bytes]] = []
        for position in positions:
            subset, index = position >> 8, position & 0xFF
            if results and results[-1][0] == subset:
                results[-1] = (subset, results[-1][1] + bytes((index,)))
            else:
                results.append((subset, bytes((index,))))
        return results

    def _position(self, char: str, doc, state) -> int:
        [(subset, data)] = super().splitString(char, doc)
        return (subset << 8) | data[0]

    def addObjects(self, doc) -> None:
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        pairs = state.__dict__.get("card_pairs", {}) if state is not None else {}
        texts: dict[tuple[int, int], str] = {divmod(position, 256): text for (_, text), position in pairs.items()}
        super().addObjects(doc)
        for number, subset in enumerate(subsets):
            # ReportLab's own map is right for plain characters of the Basic Multilingual Plane.
            if not any(code > 0xFFFF for code in subset) and not any(key[0] == number for key in texts):
                continue
            base_name = b"".join((SUBSETN(number), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            stream = doc.idToObject.get("toUnicodeCMap:" + base_name)
            if stream is not None:
                position_texts = {index: text for (n, index), text in texts.items() if n == number}
                stream.content = to_unicode_cmap(base_name, subset, position_texts)


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def to_unicode_cmap(name: str, subset: list[int], texts: dict[int, str]) -> str:
    """A ToUnicode CMap for one subset: position i -> the text drawn there (`texts`), or else the
    character whose code sits at position i.

    A glyph that stands for no text of its own (the second half of a split vowel, whose text went to
    the first half) is left out, so it adds nothing to copied text."""
    entries = []
    for index, code in enumerate(subset):
        if index in texts:
            text = texts[index]
        elif code >= _FIRST_CODE:
            text = ""  # a glyph code with no text of its own in this document
        else:
            text = chr(code) if code else "\x00"
        if text:
            entries.append(f"<{index:02X}> <{_utf16_hex(text)}>")
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({name})",
        f"/Ordering ({name})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    # A bfchar block holds at most 100 entries.
    for start in range(0, len(entries), 100):
        block = entries[start : start + 100]
        lines += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)
