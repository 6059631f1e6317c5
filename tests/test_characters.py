"""Never a missing glyph: a character no font can draw is a form error naming it (shown and as
U+XXXX) and its field, before anything is rendered; emoji print as one picture or not at all."""

from __future__ import annotations

import unicodedata

import pytest

from cardshop.design.loader import TEMPLATES_DIR
from cardshop.render.card import render_card
from cardshop.render.options import CardTextError
from cardshop.render.text import fitting
from cardshop.render.text.cleaning import clean_user_text
from cardshop.render.text.font_choice import assign_faces
from cardshop.render.text.fonts import coverage, emoji_faces, register_all
from cardshop.studio.catalogue import load_catalog
from tests.conftest import pdf_text, post_card
from tests.pdf_inspect import drawn_strings, font_names, notdef_drawn

DESIGN = load_catalog(TEMPLATES_DIR).designs["three-pebbles"]
EMOJI = next(iter(emoji_faces()))


def _render(message: str) -> bytes:
    return render_card(DESIGN.folder, DESIGN.design, {"message": message, "sender": "Jo"})


@pytest.mark.parametrize(
    ("char", "codepoint"),
    [("\ue000", "U+E000"), ("\U00010000", "U+10000"), ("\U0001f8ff", "U+1F8FF")],
    ids=["private-use", "linear-b", "unassigned"],
)
def test_a_character_no_font_has_is_a_field_error_and_nothing_renders(monkeypatch, char, codepoint):
    drawn = []
    monkeypatch.setattr("cardshop.render.panels._draw_lines", lambda *args: drawn.append(args))
    with pytest.raises(CardTextError) as raised:
        _render(f"With love {char} always")
    (problem,) = raised.value.problems
    assert problem.field == "message"
    assert codepoint in problem.message and char in problem.message
    assert not drawn


def test_private_use_characters_are_refused_even_where_a_font_maps_them():
    register_all()
    mapped = next(code for code in sorted(coverage(EMOJI)) if unicodedata.category(chr(code)) == "Co")
    with pytest.raises(CardTextError) as raised:
        _render(f"love {chr(mapped)}")
    (problem,) = raised.value.problems
    assert f"U+{mapped:04X}" in problem.message


def test_every_field_with_a_problem_is_named_at_once():
    values = {"recipient": "Dear \ue001", "message": "Hi \U00010001", "sender": "Jo"}
    with pytest.raises(CardTextError) as raised:
        render_card(DESIGN.folder, DESIGN.design, values)
    assert {problem.field for problem in raised.value.problems} == {"recipient", "message"}


def test_form_shows_the_unsupported_character_kindly(client):
    response = post_card(client, DESIGN.slug, {"message": "Thinking of you \U00010000", "sender": "Jo"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "U+10000" in page and "\U00010000" in page
    assert "your message" in page


@pytest.mark.parametrize(
    "emoji",
    ["👨\u200d👩\u200d👧", "👍🏽", "🇬🇧", "1\ufe0f\u20e3", "🏳\ufe0f\u200d🌈", "🕊\ufe0f"],
    ids=["family", "skin-tone", "flag", "keycap", "rainbow-flag", "dove"],
)
def test_emoji_sequences_print_as_one_picture_and_extract_as_typed(emoji):
    pdf = _render(f"Love {emoji} always")
    names = font_names(pdf)
    pictures = [data for font, data in drawn_strings(pdf) if "NotoEmoji" in names[font]]
    visible = b"".join(pictures).replace(b" ", b"")
    # one glyph for the picture; a hidden variation selector may follow as a zero-width glyph
    assert 1 <= len(visible) <= 2
    assert not notdef_drawn(pdf)
    assert f"Love {emoji} always" in pdf_text(pdf)


def test_an_emoji_sequence_the_font_cannot_join_is_a_gentle_error():
    with pytest.raises(CardTextError) as raised:
        _render("Love 🐕\u200d🍎 always")
    message = raised.value.problems[0].message
    assert "emoji" in message and "U+1F415 U+200D U+1F34E" in message
    assert "as one picture" in message


def test_variation_selectors_choose_emoji_or_text_style():
    register_all()
    faces = fitting.styled_parts(DESIGN.design.panels.inside_right.slots[0], {"message": "x"})[0].faces
    heart_emoji, heart_text = assign_faces(["❤\ufe0f", "❤\ufe0e"], faces, emoji_faces())
    assert heart_emoji in emoji_faces()
    assert heart_text not in emoji_faces()


def test_stray_variation_selectors_are_removed_when_cleaning():
    assert clean_user_text("\ufe0fLove \ufe0f you ❤\ufe0f") == "Love you ❤\ufe0f"
    assert clean_user_text("a\n\ufe0eb") == "a\nb"


def test_a_word_the_design_font_cannot_finish_is_set_in_one_fallback_font():
    from cardshop.design.models import Part, Slot
    from cardshop.render.text.fitting import fit_slot

    # Dancing Script has no pinyin tone letters: rather than one letter in another font in the
    # middle of the name, the whole word comes from the fallback; the other words keep the design's.
    slot = Slot(
        x=0, y=0, width=80, height=20, font="Dancing Script", size=14, min_size=14, parts=[Part(field="sender")]
    )
    (line,) = fit_slot(slot, {"sender": "Love, Wáng Xiǎolóng"}).lines
    faces = {atom.text: atom.face for atom in line.runs if not atom.space}
    assert faces["Xiǎolóng"] == "NotoSans-regular"
    assert faces["Love,"] == faces["Wáng"] == "DancingScript-regular"
