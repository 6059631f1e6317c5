"""How shaped glyphs get into the PDF with their text: a TrueType font class that can draw any glyph
and writes a ToUnicode map giving every drawn glyph back the characters it stands for.

ReportLab embeds a TrueType font as subsets keyed by Unicode character: it can only draw a glyph that
some character maps to. Shaping produces glyphs no character maps to (Arabic joining forms, Indic
conjuncts, emoji sequences). ReportLab's own shaping gives each such glyph a private-use character,
which then comes back out of the PDF as a private-use character when text is copied or searched.

Here each (glyph, text) pair a shaper draws gets a code of its own, in the supplementary private-use
planes (so it never collides with a character the font maps), and the ToUnicode map written for the
subset maps that code to the real text. The code is internal: it never appears in the PDF, which
refers to glyphs by subset position, so the output does not depend on the order codes were made in.
ReportLab's own ToUnicode writer also spells characters beyond U+FFFF wrongly (five hex digits);
the map written here uses UTF-16, as the PDF format asks.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

_FIRST_CODE = 0xF0000  # Supplementary Private Use Area-A, then -B: 131,068 codes
_LAST_CODE = 0x10FFFD


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
        self._codes: dict[tuple[int, str], int] = {}  # (glyph id, text) -> code
        self._texts: dict[int, str] = {}  # code -> text, for the ToUnicode map
        self._next_code = _FIRST_CODE
        self._lock = threading.Lock()

    def code_for(self, glyph: int, text: str) -> str:
        """The character to hand ReportLab so that it draws `glyph`, extracted as `text`."""
        if len(text) == 1 and ord(text) in self.coverage and self.face.charToGlyph.get(ord(text)) == glyph:
            return text
        key = (glyph, text)
        code = self._codes.get(key)
        if code is None:
            with self._lock:
                code = self._codes.get(key)
                if code is None:
                    code = self._new_code(glyph)
                    self._texts[code] = text
                    self._codes[key] = code
        return chr(code)

    def _new_code(self, glyph: int) -> int:
        face = self.face
        code = self._next_code
        while code in face.charToGlyph or (code & 0xFFFF) >= 0xFFFE:
            code += 1
        if code > _LAST_CODE:
            raise RuntimeError(f"{self.fontName}: no private-use codes left for shaped glyphs")
        self._next_code = code + 1
        # Order matters for other threads: the width and reverse map first, the lookup last.
        face.charWidths[code] = face._pdfScale(face.hmetrics[glyph][0])
        face.glyphToChar.setdefault(glyph, []).append(code)
        face.charToGlyph[code] = glyph
        return code

    def addObjects(self, doc) -> None:
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        for number, subset in enumerate(subsets):
            # ReportLab's own map is right for plain characters of the Basic Multilingual Plane.
            if not any(code > 0xFFFF for code in subset):
                continue
            base_name = b"".join((SUBSETN(number), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            stream = doc.idToObject.get("toUnicodeCMap:" + base_name)
            if stream is not None:
                stream.content = to_unicode_cmap(base_name, subset, self._texts)


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def to_unicode_cmap(name: str, subset: list[int], texts: dict[int, str]) -> str:
    """A ToUnicode CMap for one subset: code i -> the text of the character or glyph at position i.

    A glyph that stands for no text of its own (the second half of a split vowel, whose text went to
    the first half) is left out, so it adds nothing to copied text."""
    entries = []
    for index, code in enumerate(subset):
        text = texts.get(code, chr(code)) if code else "\x00"
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
