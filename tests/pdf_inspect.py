"""Looking inside rendered PDFs: the glyph codes drawn, where words are, and ink in a rasterised page.

Shared by the tests on scripts, shaping and direction."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pypdfium2 as pdfium
from pypdf import PdfReader
from pypdf.generic import ContentStream, TextStringObject


def _raw(value) -> bytes:
    if isinstance(value, TextStringObject):
        return value.get_original_bytes()
    return bytes(value)


def drawn_strings(pdf: bytes) -> Iterator[tuple[str, bytes]]:
    """(font resource name, string bytes) of every text-showing operation on every page."""
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        font = ""
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                font = str(operands[0])
            elif operator == b"Tj":
                yield font, _raw(operands[0])
            elif operator == b"TJ":
                for item in operands[0]:
                    if not isinstance(item, int | float):
                        yield font, _raw(item)


def font_names(pdf: bytes) -> dict[str, str]:
    """Font resource name -> the embedded font's base name, e.g. /F3+0 -> AAAAAA+NotoSansDevanagari-Regular."""
    reader = PdfReader(io.BytesIO(pdf))
    names = {}
    for page in reader.pages:
        for name, font in page["/Resources"]["/Font"].items():
            names[str(name)] = str(font.get_object()["/BaseFont"]).lstrip("/")
    return names


def notdef_drawn(pdf: bytes) -> bool:
    """True if any text operation draws code 0, which is .notdef in every subset ReportLab embeds."""
    return any(0 in data for _, data in drawn_strings(pdf))


def word_boxes(pdf: bytes, page_index: int, words: list[str]) -> dict[str, tuple[float, float, float, float]]:
    """Where each word is on the page (left, bottom, right, top), found by searching the page's text."""
    document = pdfium.PdfDocument(pdf)
    try:
        textpage = document[page_index].get_textpage()
        boxes = {}
        for word in words:
            searcher = textpage.search(word, match_case=True, match_whole_word=True)
            found = searcher.get_next()
            assert found is not None, f"{word!r} is not in the page's text"
            start, count = found
            assert searcher.get_next() is None, f"{word!r} occurs more than once; use distinct words"
            corners = [textpage.get_charbox(index) for index in range(start, start + count)]
            boxes[word] = (
                min(c[0] for c in corners),
                min(c[1] for c in corners),
                max(c[2] for c in corners),
                max(c[3] for c in corners),
            )
        return boxes
    finally:
        document.close()


def ink_components(pdf: bytes, page_index: int = 0, scale: float = 4.0) -> int:
    """Connected areas of ink on a rasterised page (a letter that joins its neighbour is one area)."""
    document = pdfium.PdfDocument(pdf)
    try:
        image = document[page_index].render(scale=scale).to_pil().convert("L")
    finally:
        document.close()
    width, height = image.size
    pixels = image.load()
    ink = {(x, y) for y in range(height) for x in range(width) if pixels[x, y] < 128}
    components = 0
    while ink:
        components += 1
        stack = [ink.pop()]
        while stack:
            x, y = stack.pop()
            for neighbour in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if neighbour in ink:
                    ink.remove(neighbour)
                    stack.append(neighbour)
    return components
