"""User text is text: markup prints literally, no markup parser ever sees it, and invisible or
reordering characters are handled on purpose (removed, or kept where spelling needs them)."""

from __future__ import annotations

import contextlib
import re
import unicodedata
from pathlib import Path

import pytest
import reportlab

from cardshop.design.loader import TEMPLATES_DIR
from cardshop.render.card import render_card
from cardshop.render.options import CardTextError
from cardshop.render.text.cleaning import clean_user_text
from cardshop.render.text.fitting import UnsupportedCharacter
from cardshop.render.text.font_choice import MissingGlyph
from cardshop.studio.catalogue import load_catalog
from tests.conftest import pdf_text, post_card

CATALOG = load_catalog(TEMPLATES_DIR)
SLUG = "forget-me-nots" if "forget-me-nots" in CATALOG.designs else sorted(CATALOG.designs)[0]
ROOT = Path(__file__).resolve().parents[1]

# The published proof of concept for CVE-2023-33733: ReportLab before 3.6.13 evaluated a Paragraph
# font colour as Python, so this ran `touch pwned`. It fits in a message (441 characters).
CVE_2023_33733 = (
    "<para><font color=\"[ [ getattr(pow,Word('__globals__'))['os'].system('touch pwned') for Word in "
    "[orgTypeFun('Word', (str,), { 'mutated': 1, 'startswith': lambda self, x: False, '__eq__': lambda "
    "self,x: self.mutate() and self.mutated < 0 and str(self) == x, 'mutate': lambda self: {setattr(self, "
    "'mutated', self.mutated - 1)}, '__hash__': lambda self: hash(str(self)) })] ] for orgTypeFun in "
    "[type(type(1))] ] and 'red'\">exploit</font></para>"
)
MARKUP = [
    '<b>hi</b> & <font color="red" size="100000">x</font>',
    '<img src="/etc/passwd"/> <a href="file:///etc/passwd">link</a> &amp; &lt;',
    "<br/><para>&#x41;</para> ]]> <![CDATA[ x ]]>",
]


def _squashed(text: str) -> str:
    """Text without whitespace: line breaks fall wherever the box is full."""
    return "".join(text.split())


def test_cve_2023_33733_payload_prints_literally_and_runs_nothing(client, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    response = post_card(client, SLUG, {"message": CVE_2023_33733}, action="download")
    assert response.status_code == 200
    assert _squashed(CVE_2023_33733) in _squashed(pdf_text(response.data))
    assert not (tmp_path / "pwned").exists()


def test_cve_2023_33733_payload_through_the_command_line(app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "card.pdf"
    result = app.test_cli_runner().invoke(
        args=["render", SLUG, "--set", f"message={CVE_2023_33733}", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert _squashed(CVE_2023_33733) in _squashed(pdf_text(out.read_bytes()))
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("markup", MARKUP)
def test_markup_prints_literally(client, markup):
    response = post_card(client, SLUG, {"message": markup, "sender": markup[:60]}, action="download")
    assert response.status_code == 200
    text = _squashed(pdf_text(response.data))
    assert _squashed(markup) in text
    assert _squashed(markup[:60]) in text


def test_markup_in_the_preview_page_is_escaped(client):
    response = post_card(client, SLUG, {"message": "<script>alert(1)</script>"}, action="preview")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_pinned_reportlab_is_fixed_and_does_not_evaluate_colour_markup(tmp_path, monkeypatch):
    """The pin in requirements.txt is a release with the fix (3.6.13 or later), and that release does
    not run the payload even where markup is parsed, which our code never does."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    major, minor, patch = (int(part) for part in re.findall(r"\d+", reportlab.Version)[:3])
    assert (major, minor, patch) >= (3, 6, 13)
    pinned = re.search(r"^reportlab==([\d.]+)$", (ROOT / "requirements.txt").read_text(), re.MULTILINE)
    assert pinned and pinned.group(1) == reportlab.Version
    monkeypatch.chdir(tmp_path)
    # The fixed release refuses the colour or ignores it; either way nothing may run.
    with contextlib.suppress(Exception):
        SimpleDocTemplate(str(tmp_path / "x.pdf")).build([Paragraph(CVE_2023_33733, getSampleStyleSheet()["Normal"])])
    assert not (tmp_path / "pwned").exists()


def test_no_code_hands_text_to_reportlab_markup():
    """User text is drawn with plain canvas string calls; nothing in cardshop uses Paragraph markup."""
    offenders = []
    for path in (ROOT / "cardshop").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if re.search(r"\bplatypus\b|\bParagraph\s*\(", source):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


# ---- cleaning: what happens to each kind of awkward character, on purpose ----

BIDI_CONTROLS = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)]
ZERO_WIDTH = ["\u200b", "\u2060", "\ufeff", "\u180e", "\u2061", "\u2062", "\u2063", "\u2064"]
INVISIBLE_OTHERS = ["\u00ad", "\u034f", "\u3164", "\u115f", "\ufe00", "\U000e0041", "\U000e0100", "\U0001bca0"]
NONCHARACTERS = ["\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff"]
CONTROLS = [
    chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0x85), *range(0x86, 0xA0))
]


@pytest.mark.parametrize("char", BIDI_CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_bidi_controls_removed(char):
    assert clean_user_text(f"abc{char}def{char}") == "abcdef"


@pytest.mark.parametrize("char", ZERO_WIDTH + INVISIBLE_OTHERS, ids=lambda c: f"U+{ord(c):04X}")
def test_zero_width_and_other_invisible_characters_removed(char):
    assert clean_user_text(f"Ro{char}wan") == "Rowan"


@pytest.mark.parametrize("char", NONCHARACTERS, ids=lambda c: f"U+{ord(c):04X}")
def test_noncharacters_removed(char):
    assert clean_user_text(f"a{char}b") == "ab"


@pytest.mark.parametrize("char", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_control_characters_removed(char):
    assert clean_user_text(f"a{char}b") == "ab"


@pytest.mark.parametrize("surrogate", ["\ud800", "\udbff", "\udc00", "\udfff"])
def test_unpaired_surrogates_removed(surrogate):
    assert clean_user_text(f"a{surrogate}b{surrogate}") == "ab"


@pytest.mark.parametrize(
    "kept",
    [
        "می\u200cخواهم",  # ZWNJ: Persian spelling
        "क्\u200dष",  # ZWJ: Devanagari conjunct form
        "\u2764\ufe0f",  # VS16: emoji presentation
        "\u263a\ufe0e",  # VS15: text presentation
    ],
)
def test_joiners_and_emoji_selectors_kept(kept):
    assert clean_user_text(kept) == unicodedata.normalize("NFC", kept)


def test_line_separators_become_line_breaks_and_tabs_spaces():
    assert (
        clean_user_text("one\u2028two\u2029three\x85four\r\nfive\rsix\tseven")
        == "one\ntwo\nthree\nfour\nfive\nsix seven"
    )


def test_removing_an_invisible_character_leaves_composed_text():
    """e + ZWSP + combining acute: removing the ZWSP must still give NFC (é), as the form counts it."""
    assert clean_user_text("e\u200b\u0301") == "\u00e9"


def test_trojan_source_override_cannot_reorder_what_prints(client):
    """RLO would make "1 000 000" read "000 000 1" and hide words; with it removed the card prints the
    characters in the order they were typed."""
    response = post_card(client, SLUG, {"message": "Pay \u202e0001\u202c now"}, action="download")
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert "Pay 0001 now" in text
    assert "\u202e" not in text


def test_soft_hyphen_does_not_print_as_a_hyphen(client):
    response = post_card(client, SLUG, {"message": "Wunder\u00adbar"}, action="download")
    assert "Wunderbar" in pdf_text(response.data)


def test_emoji_and_rare_characters_extract_as_typed():
    """Characters beyond U+FFFF print and also copy/search correctly (ReportLab's ToUnicode fix)."""
    loaded = CATALOG.designs[SLUG]
    message = "With love \U0001f49b\U0001f30a and \U0001f54a\ufe0f"
    text = pdf_text(render_card(loaded.folder, loaded.design, {"message": message}))
    assert "With love \U0001f49b\U0001f30a and \U0001f54a" in text


def test_error_messages_for_logs_never_quote_the_senders_text():
    """Exceptions can reach a log; their messages name the field, never the text."""
    loaded = CATALOG.designs[SLUG]
    with pytest.raises(CardTextError) as caught:
        render_card(loaded.folder, loaded.design, {"message": "Rowan \U0001d518"})
    assert "\U0001d518" not in str(caught.value) and "Rowan" not in str(caught.value)
    assert "\U0001d518" in caught.value.problems[0].message  # the sender is told which character
    assert "\U0001d518" not in str(UnsupportedCharacter("message", "\U0001d518"))
    assert "\U0001d518" not in str(MissingGlyph("\U0001d518"))
