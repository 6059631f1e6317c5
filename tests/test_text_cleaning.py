"""User text is cleaned before it is validated or drawn."""

from cardshop.render.text.cleaning import clean_user_text


def test_nfc_normalises_decomposed_accents():
    assert clean_user_text("Zoe\u0308") == "Zoë"


def test_newlines_kept_and_blank_runs_collapsed():
    assert clean_user_text("Dear Sam,\r\n\r\n\r\n\r\nlove\rJo") == "Dear Sam,\n\nlove\nJo"


def test_control_and_invisible_characters_removed():
    text = "a\x00b\x07c\u202ed\u2066e\u200bf\ufeffg"
    assert clean_user_text(text) == "abcdefg"


def test_joiners_needed_by_some_scripts_are_kept():
    assert clean_user_text("می\u200cخواهم") == "می\u200cخواهم"


def test_unpaired_surrogates_removed():
    assert clean_user_text("a\ud800b") == "ab"


def test_spaces_collapsed_and_trimmed():
    assert clean_user_text("  With \t love  ") == "With love"


def test_empty_values():
    assert clean_user_text(None) == ""
    assert clean_user_text("   \n  ") == ""
