"""Right-to-left text: long Hebrew and Arabic messages wrap in reading order, mixed lines read right,
and start/end alignment follows each paragraph's direction."""

from __future__ import annotations

import re

import pytest

from cardshop.design.loader import TEMPLATES_DIR
from cardshop.design.models import Part, Slot
from cardshop.render.card import render_card
from cardshop.render.geometry import MM
from cardshop.render.text.direction import embedding_levels, paragraph_level, visual_order
from cardshop.render.text.fitting import fit_slot
from cardshop.studio.catalogue import load_catalog
from tests.pdf_inspect import word_boxes

HEBREW = (
    "אנחנו חושבים עלייך ועל התינוקת הקטנה בכל רגע, שולחים חיבוק גדול מכל המשפחה, ורוצים שתדעי "
    "שאת לא לבד. אם תרצי לדבר, לשתוק או פשוט לשבת יחד, נהיה כאן תמיד."
)
ARABIC = (
    "نفكر فيك وبطفلتك الصغيرة كل لحظة، ونرسل إليك عناقاً كبيراً من جميع العائلة. اعلمي "
    "بأنك لست وحدك، وإذا أردت الحديث والصمت والجلوس معاً فنحن هنا دائماً لأجلك."
)
DESIGN = load_catalog(TEMPLATES_DIR).designs["dont-know-what-to-say"]


def _words(text: str) -> list[str]:
    return [re.sub(r"[.,،]", "", word) for word in text.split()]


def _page_with(pdf: bytes, word: str) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return next(i for i in range(len(document)) if word in document[i].get_textpage().get_text_range())
    finally:
        document.close()


def _lines(boxes: dict[str, tuple[float, float, float, float]], words: list[str]) -> list[list[str]]:
    """Words grouped into lines by their vertical position, top line first, in logical order."""
    lines: list[list[str]] = []
    centre = None
    for word in words:
        left, bottom, right, top = boxes[word]
        middle = (bottom + top) / 2
        if centre is None or abs(middle - centre) > (top - bottom) / 2:
            lines.append([])
            centre = middle
        lines[-1].append(word)
    return lines


@pytest.mark.parametrize("message", [HEBREW, ARABIC], ids=["hebrew", "arabic"])
def test_long_right_to_left_message_wraps_in_reading_order(message):
    pdf = render_card(DESIGN.folder, DESIGN.design, {"message": message})
    words = _words(message)
    boxes = word_boxes(pdf, _page_with(pdf, words[0]), words)
    lines = _lines(boxes, words)
    assert len(lines) >= 3, "the message should wrap over three lines or more"
    for line in lines:
        # words right to left within a line
        for first, second in zip(line, line[1:], strict=False):
            assert boxes[second][2] <= boxes[first][0] + 0.5, f"{second!r} should be left of {first!r}"
    for upper, lower in zip(lines, lines[1:], strict=False):
        # lines top to bottom, and each line starts at the right
        assert max(boxes[w][1] for w in upper) > max(boxes[w][3] for w in lower) - 1


def test_mixed_hebrew_and_english_line_reads_right():
    message = "תודה לכם, David Smith ו־Anna, על הכול"
    pdf = render_card(DESIGN.folder, DESIGN.design, {"message": message})
    words = ["תודה", "לכם", "David", "Smith", "הכול"]
    boxes = word_boxes(pdf, _page_with(pdf, "David"), words)
    centre = {word: (box[0] + box[2]) / 2 for word, box in boxes.items()}
    assert centre["תודה"] > centre["לכם"] > centre["Smith"] > centre["David"] > centre["הכול"]


def _slot(align: str) -> Slot:
    return Slot(
        x=0,
        y=0,
        width=60,
        height=40,
        font="EB Garamond",
        size=12,
        min_size=12,
        align=align,
        parts=[Part(field="message")],
    )


@pytest.mark.parametrize(
    ("align", "text", "expected"),
    [
        ("start", "שלום לכולם", "right"),
        ("start", "Hello all", "left"),
        ("end", "שלום לכולם", "left"),
        ("end", "Hello all", "right"),
        ("left", "שלום לכולם", "left"),
        ("right", "Hello all", "right"),
    ],
)
def test_start_and_end_follow_the_paragraph_direction(align, text, expected):
    line = fit_slot(_slot(align), {"message": text}).lines[0]
    width = 60 * MM
    if expected == "left":
        assert line.x == pytest.approx(0)
    else:
        assert line.x + line.width == pytest.approx(width)


def test_each_paragraph_of_a_message_has_its_own_direction():
    lines = fit_slot(_slot("start"), {"message": "Hello all\nשלום לכולם"}).lines
    assert lines[0].x == pytest.approx(0)
    assert lines[1].x + lines[1].width == pytest.approx(60 * MM)


def test_right_to_left_lines_are_reordered_after_line_breaking():
    # Three words per line at most: each line's words must run right to left on their own line, which
    # would not happen if the whole paragraph were reordered before breaking.
    slot = Slot(x=0, y=0, width=30, height=60, font="EB Garamond", size=12, min_size=12, parts=[Part(field="message")])
    text = "אחת שתיים שלוש ארבע חמש שש שבע שמונה"
    fitted = fit_slot(slot, {"message": text})
    assert len(fitted.lines) >= 3
    logical = []
    for line in fitted.lines:
        visual = [atom.text for atom in line.runs if not atom.space]
        logical.extend(reversed(visual))
    assert logical == text.split()


def test_paragraph_level_and_embedding_levels():
    assert paragraph_level("Hello שלום") == 0
    assert paragraph_level("שלום Hello") == 1
    assert paragraph_level("123 !") == 0
    text = "שלום abc 12"
    levels = embedding_levels(text, paragraph_level(text))
    assert levels[:4] == [1, 1, 1, 1]
    assert levels[5:8] == [2, 2, 2]
    assert levels[-2:] == [2, 2]
    # a zero width non-joiner (python-bidi drops it) takes its neighbour's level
    persian = "می\u200cخواهم"
    assert embedding_levels(persian, 1) == [1] * len(persian)


def test_visual_order_reverses_runs_from_the_highest_level_down():
    assert visual_order(list("abcde"), [0, 0, 0, 0, 0]) == list("abcde")
    assert visual_order(list("abcde"), [1, 1, 1, 1, 1]) == list("edcba")
    # an English phrase (level 2) inside a right-to-left paragraph keeps its own order
    assert visual_order(["A", "B", "x", "y", "C"], [1, 1, 2, 2, 1]) == ["C", "x", "y", "B", "A"]
    assert visual_order(["a", "B", "C", "d"], [0, 1, 1, 0]) == ["a", "C", "B", "d"]


def test_characters_newer_than_pythons_unicode_database_take_the_neutral_class():
    # U+1FAE9 and U+1FAC6 (emoji of Unicode 16) have no bidi class in Python 3.11's database; python-bidi
    # used to fail on them inside right-to-left text. As neutrals they take the level around them.
    for text in ("שלום \U0001fac6", "نفكر فيكم \U0001fae9 with love"):
        levels = embedding_levels(text, paragraph_level(text))
        assert len(levels) == len(text) and levels[0] == 1
    assert embedding_levels("שלום \U0001fac6 שלום", 1)[5] == 1
