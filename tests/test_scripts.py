"""Names and messages in every script the corpus holds render in every design, with real glyphs,
and come back out of the PDF as the characters the sender typed."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path

import pytest

from cardshop.design.loader import TEMPLATES_DIR
from cardshop.render.card import render_card
from cardshop.studio.catalogue import load_catalog
from tests.conftest import pdf_text
from tests.pdf_inspect import drawn_strings, font_names, notdef_drawn

CORPUS_FILE = Path(__file__).parent / "data" / "scripts_corpus.toml"
CORPUS = tomllib.loads(CORPUS_FILE.read_text(encoding="utf-8"))["entry"]
DESIGNS = sorted(load_catalog(TEMPLATES_DIR).designs.values(), key=lambda loaded: loaded.slug)

REQUIRED_SCRIPTS = {
    "Greek",
    "Cyrillic",
    "Armenian",
    "Georgian",
    "Hebrew",
    "Arabic",
    "Persian",
    "Devanagari",
    "Bengali",
    "Tamil",
    "Thai",
    "Chinese (simplified)",
    "Japanese",
    "Korean",
    "Vietnamese",
}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def private_use(text: str) -> list[str]:
    return [f"U+{ord(char):04X}" for char in text if unicodedata.category(char) == "Co"]


def shown(loaded, entry: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in entry.items() if name in loaded.design.fields}


def test_corpus_holds_names_and_messages_in_at_least_fifteen_scripts():
    scripts = {entry["script"] for entry in CORPUS}
    assert len(scripts) >= 15
    assert scripts >= REQUIRED_SCRIPTS
    for entry in CORPUS:
        assert entry["baby_name"] and entry["message"], entry["script"]


@pytest.mark.parametrize("loaded", DESIGNS, ids=[loaded.slug for loaded in DESIGNS])
@pytest.mark.parametrize("entry", CORPUS, ids=[entry["script"] for entry in CORPUS])
def test_corpus_entry_renders_with_real_glyphs_and_extracts_as_typed(loaded, entry):
    values = shown(loaded, entry)
    pdf = render_card(loaded.folder, loaded.design, values)
    assert not notdef_drawn(pdf), "a .notdef glyph (an empty box) was drawn"
    text = nfc(pdf_text(pdf))
    assert not private_use(text)
    # PDFium gives right-to-left text back in logical order, so every word is compared as a whole;
    # line breaks (which may fall inside a Chinese or Japanese sentence) are ignored.
    flat = re.sub(r"\s+", "", text)
    for field, value in values.items():
        for word in nfc(value).split():
            assert word in flat, f"{entry['script']} {field}: {word!r} is missing from {text!r}"


def test_fallback_fonts_are_the_ones_for_each_script():
    loaded = next(loaded for loaded in DESIGNS if "baby_name" in loaded.design.fields)
    expected = {
        "Hebrew": "NotoSansHebrew",
        "Arabic": "NotoNaskhArabic",
        "Devanagari": "NotoSansDevanagari",
        "Thai": "NotoSansThai",
        "Japanese": "DroidSansFallback",
        "Korean": "DroidSansFallback",
        "Armenian": "NotoSansArmenian",
    }
    for entry in CORPUS:
        if entry["script"] in expected:
            pdf = render_card(loaded.folder, loaded.design, shown(loaded, entry))
            used = {font_names(pdf)[font].split("+", 1)[1] for font, _ in drawn_strings(pdf)}
            assert any(name.startswith(expected[entry["script"]]) for name in used), (entry["script"], used)


def test_the_notdef_check_sees_an_empty_box():
    """The check above would catch a character drawn with a font that lacks it."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    from cardshop.render.text.fonts import face_for

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont(face_for("EB Garamond"), 12)
    canvas.drawString(72, 720, "Shalom שלום")  # EB Garamond has no Hebrew
    canvas.save()
    assert notdef_drawn(buffer.getvalue())


# Each field and each paragraph keeps to one direction: PDFium guesses a whole line's direction from
# how many right-to-left pieces it has, so on a line mixing directions it may give words back in
# another order (the drawing is right either way: see test_direction.py).
HARD = {
    "recipient": "Dear Adéṣọ̀lá, Nguyễn and Ṣadé",
    "baby_name": "إِيمَان",
    "message": (
        "official affluent waffle, ด้วยความรักเสมอ, কৌশিক, क्षिति 👨\u200d👩\u200d👧 🕊\ufe0f 1\ufe0f\u20e3\n"
        "إِنَّا لِلَّٰهِ وَإِنَّا إِلَيْهِ رَاجِعُونَ (سلام)\n"
        "אֲנִי כָּאן בִּשְׁבִילֵךְ תמיד"
    ),
    "signoff": "Με αγάπη",
    "sender": "Свєтлана",
}


@pytest.mark.parametrize("loaded", DESIGNS, ids=[loaded.slug for loaded in DESIGNS])
def test_ligatures_marks_and_sequences_extract_as_typed(loaded):
    values = shown(loaded, HARD)
    pdf = render_card(loaded.folder, loaded.design, values)
    assert not notdef_drawn(pdf)
    text = nfc(pdf_text(pdf))
    assert not private_use(text)
    flat = re.sub(r"\s+", "", text)
    for field, value in values.items():
        for word in nfc(value).split():
            assert word in flat, f"{field}: {word!r} is missing from {text!r}"
