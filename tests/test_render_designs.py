"""Every shipped design renders typical, longest and accented text, and prints every word of it."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from cardshop.design.loader import TEMPLATES_DIR
from cardshop.render.card import render_card
from cardshop.render.geometry import MM
from cardshop.render.options import RenderOptions
from cardshop.studio.catalogue import load_catalog
from cardshop.studio.samples import ACCENTED, TYPICAL, longest
from tests.conftest import assert_text_in_pdf, pdf_text, words

DESIGNS = sorted(load_catalog(TEMPLATES_DIR).designs.values(), key=lambda loaded: loaded.slug)
SLUGS = [loaded.slug for loaded in DESIGNS]


def _shown(loaded, values):
    return {name: value for name, value in values.items() if name in loaded.design.fields}


def test_the_collection_has_at_least_four_designs():
    assert len(DESIGNS) >= 4
    assert any("typographic" in loaded.design.categories.tone for loaded in DESIGNS)


@pytest.mark.parametrize("loaded", DESIGNS, ids=SLUGS)
@pytest.mark.parametrize("sample", ["typical", "longest", "accented"])
def test_design_renders_and_prints_every_word(loaded, sample):
    values = _shown(loaded, {"typical": TYPICAL, "longest": longest(), "accented": ACCENTED}[sample])
    pdf = render_card(loaded.folder, loaded.design, values)
    assert pdf.startswith(b"%PDF-")
    assert_text_in_pdf(pdf, values)


@pytest.mark.parametrize("loaded", DESIGNS, ids=SLUGS)
def test_empty_optional_fields_print_nothing_in_their_place(loaded):
    pdf = render_card(loaded.folder, loaded.design, {"message": "Thinking of you."})
    printed = words(pdf_text(pdf))
    fixed = [
        part.text
        for _, panel in loaded.design.panels.items()
        for slot in panel.slots
        for part in slot.parts
        if part.text
    ]
    expected = words(" ".join([*fixed, "Thinking of you."]))
    assert sorted(printed) == sorted(expected)


@pytest.mark.parametrize("loaded", DESIGNS, ids=SLUGS)
def test_pro_pdf_is_two_spreads_with_trim_and_bleed_boxes(loaded):
    pdf = render_card(loaded.folder, loaded.design, _shown(loaded, TYPICAL), RenderOptions())
    document = pdfium.PdfDocument(pdf)
    assert len(document) == 2
    for page in document:
        trim, bleed = page.get_trimbox(), page.get_bleedbox()
        for inner, outer, sign in zip(trim, bleed, (-1, -1, 1, 1), strict=True):
            assert (outer - inner) * sign == pytest.approx(3 * MM, abs=0.01)


@pytest.mark.parametrize("loaded", DESIGNS, ids=SLUGS)
def test_every_font_is_embedded(loaded):
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(render_card(loaded.folder, loaded.design, _shown(loaded, TYPICAL))))
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for font in fonts.values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"


def test_rendering_is_deterministic():
    loaded = DESIGNS[0]
    values = _shown(loaded, TYPICAL)
    assert render_card(loaded.folder, loaded.design, values) == render_card(loaded.folder, loaded.design, values)


def test_a_long_word_shrinks_before_it_is_broken():
    """A name too wide for its box at the preferred size is set smaller, not split across lines."""
    from cardshop.design.models import Slot
    from cardshop.render.text.fitting import fit_slot

    slot = Slot(
        x=10, y=10, width=40, height=30, font="EB Garamond", size=24, min_size=10,
        parts=[{"field": "baby_name"}],
    )  # fmt: skip
    fitted = fit_slot(slot, {"baby_name": "Wolfeschlegelstein"})
    assert len(fitted.lines) == 1
    assert fitted.lines[0].size < 24
