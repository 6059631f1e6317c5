"""What a card says in words: alt text for the preview, and the names to check before download."""

from __future__ import annotations

import pytest

from cardshop.web.describe import card_words, names_to_check, preview_alts, spoken


@pytest.mark.parametrize(
    ("values", "names"),
    [
        ({"recipient": "Dear Sam and Alex,", "baby_name": "Rowan", "sender": "Jo"}, ["Sam", "Alex", "Rowan", "Jo"]),
        ({"recipient": "Dearest Ana & Luis", "sender": "With love from Priya xx"}, ["Ana", "Luis", "Priya"]),
        ({"recipient": "To Kim", "sender": "Love, Max and Ola"}, ["Kim", "Max", "Ola"]),
        ({"recipient": "Hi Andy", "sender": "Andy"}, ["Andy"]),  # each name once
        ({"recipient": "Querida Ana y Luis"}, ["Querida Ana y Luis"]),  # not English: kept whole, never lost
        ({"baby_name": "  Rowan  James "}, ["Rowan James"]),
        ({"message": "Thinking of you."}, []),
    ],
)
def test_names_to_check(values, names):
    assert names_to_check(values) == names


def test_words_follow_the_design_and_skip_empty_fields(catalog):
    design = catalog.designs["forget-me-nots"].design
    words = {panel.name: panel.lines for panel in card_words(design, {"message": "Hello.\nAgain.", "sender": "Jo"})}
    assert words["front"] == ["Thinking of you"]
    assert words["inside_left"] == []  # baby name and date left empty: nothing prints there
    assert words["inside_right"] == ["Hello.\nAgain.", "Jo"]


def test_alt_text_says_what_each_image_shows(catalog):
    design = catalog.designs["forget-me-nots"].design
    alts = preview_alts(design, {"message": "Hello", "sender": "Jo"})
    assert alts["front"].startswith(f"Front of the card: {design.alt}. It says: Thinking of you.")
    assert alts["inside"] == (
        "Inside of the card. Inside, left page: It has no words. Inside, right page: It says: Hello. Jo."
    )
    assert alts["back"] == "Back of the card. It says: Forget-me-nots."


def test_spoken_joins_lines_with_pauses_but_keeps_punctuation():
    assert spoken(["Dear Sam,", "I'm so sorry", "Jo"]) == "Dear Sam, I'm so sorry. Jo."
    assert spoken(["Two\nlines"]) == "Two lines."
