"""Shaping is real: Arabic letters join, Devanagari forms conjuncts, and the PDF draws the shaped
glyphs (checked on glyph runs, widths and the rasterised page, not only on extracted text)."""

from __future__ import annotations

import io
import unicodedata

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from cardshop.design.loader import TEMPLATES_DIR
from cardshop.design.models import Part, Slot
from cardshop.render.panels import _draw_lines
from cardshop.render.text.fitting import fit_slot
from cardshop.render.text.fonts import card_font, face_for, register_all
from cardshop.render.text.shaping import needs_shaping, shape
from cardshop.studio.catalogue import load_catalog
from tests.conftest import pdf_text
from tests.pdf_inspect import drawn_strings, font_names, ink_components

register_all()
ARABIC = "NotoNaskhArabic-regular"
DEVANAGARI = "NotoSansDevanagari-regular"


def _cmap_glyphs(face: str, text: str) -> list[int]:
    return [card_font(face).face.charToGlyph[ord(char)] for char in text]


def _shaped_glyphs(face: str, text: str, rtl: bool) -> list[int]:
    font = card_font(face)
    return [font.face.charToGlyph[ord(code)] for code in shape(face, text, rtl).drawn]


def _pdf_of_slot(text: str, size: float = 40) -> bytes:
    """One line of text set by the card renderer on an otherwise empty page."""
    slot = Slot(
        x=5, y=5, width=150, height=40, font="EB Garamond", size=size, min_size=size, parts=[Part(field="message")]
    )
    fitted = fit_slot(slot, {"message": text})
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(200 * 2.835, 60 * 2.835))
    _draw_lines(canvas, fitted, 5 * 2.835, 55 * 2.835)
    canvas.save()
    return buffer.getvalue()


def _pdf_unshaped(face: str, text: str, size: float = 40) -> bytes:
    """The characters drawn one by one from the font's character map: isolated forms, no conjuncts."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(200 * 2.835, 60 * 2.835))
    canvas.setFont(face, size)
    canvas.drawString(5 * 2.835, 20 * 2.835, text[::-1] if face == ARABIC else text)
    canvas.save()
    return buffer.getvalue()


def test_arabic_salam_takes_joining_forms():
    word = "سلام"
    shaped = _shaped_glyphs(ARABIC, word, rtl=True)
    isolated = _cmap_glyphs(ARABIC, word)[::-1]  # visual order
    assert len(shaped) == len(isolated)
    # seen, lam and alef take initial/medial/final forms; meem follows alef, which never joins left
    assert sum(a != b for a, b in zip(shaped, isolated, strict=True)) >= 3
    assert shape(ARABIC, word, True).advance < pdfmetrics.stringWidth(word, ARABIC, 1000)


def test_arabic_salam_is_drawn_joined_on_the_page():
    shaped_pdf = _pdf_of_slot("سلام")
    # seen-lam-alef join into one stroke and meem stands alone: two areas of ink, where the four
    # isolated letters make four
    assert ink_components(shaped_pdf) == 2
    assert ink_components(_pdf_unshaped(ARABIC, "سلام")) == 4
    assert pdf_text(shaped_pdf).strip() == "سلام"


def test_devanagari_ananya_forms_its_conjunct():
    word = "अनन्या"
    shaped = _shaped_glyphs(DEVANAGARI, word, rtl=False)
    virama = _cmap_glyphs(DEVANAGARI, "्")[0]
    assert len(shaped) == 5 < len(word)  # न् + य become half-na + ya: no visible virama
    assert virama not in shaped
    assert shape(DEVANAGARI, word, False).advance < pdfmetrics.stringWidth(word, DEVANAGARI, 1000)


def test_the_card_pdf_draws_the_shaped_devanagari_glyphs():
    loaded = load_catalog(TEMPLATES_DIR).designs["dusk-moon"]
    pdf = render_card_values(loaded, {"baby_name": "अनन्या", "message": "With love"})
    names = font_names(pdf)
    devanagari = [data for font, data in drawn_strings(pdf) if "Devanagari" in names[font]]
    assert sum(len(data.rstrip(b" ")) for data in devanagari) == 5
    assert "अनन्या" in pdf_text(pdf)


def render_card_values(loaded, values):
    from cardshop.render.card import render_card

    return render_card(loaded.folder, loaded.design, values)


def test_latin_is_not_shaped_and_extracts_without_ligature_characters():
    assert not needs_shaping("official affluent waffle", rtl=False)
    pdf = _pdf_of_slot("official affluent", size=20)
    text = pdf_text(pdf).strip()
    assert text == "official affluent"
    assert not [char for char in text if unicodedata.category(char) == "Co"]


def test_shaped_latin_with_marks_keeps_its_text():
    # Yoruba with a dot below and a grave accent, which has no precomposed form
    text = "Adéṣọ̀lá"
    assert needs_shaping(text, rtl=False)
    assert pdf_text(_pdf_of_slot(text, size=20)).strip() == unicodedata.normalize("NFC", text)


def test_complex_script_runs_are_shaped_and_plain_ones_are_not():
    assert needs_shaping("सलाम", rtl=False)
    assert needs_shaping("שלום", rtl=True)
    assert needs_shaping("ดี", rtl=False)
    assert not needs_shaping("美咲さん", rtl=False)
    assert not needs_shaping("Σοφία Мирослава", rtl=False)
    assert face_for("EB Garamond")  # fonts registered
