"""Property-based tests (Hypothesis) of the text cleaning, the renderer and the form: whatever Unicode
text a sender types either prints, and the PDF's text contains what we promised to print (the
cleaned text), or is refused with a specific, kind form error. Nothing escapes as a 500.

Examples are derandomized and counted by the profile in tests/hypothesis_profiles.py (150 per test
in CI). How the PDF's text is compared with what was typed, and why:
- whitespace is ignored (lines wrap wherever the box is full);
- both sides are NFKC-normalised (PDF text extraction turns the ligature "ﬁ" into "fi");
- joiners and emoji selectors (ZWJ, ZWNJ, VS15, VS16) are ignored: they print as nothing, and PDFium
  drops them when it extracts text;
- PDFium reports a hyphen at the end of a line as U+FFFE (its sign for "word broken here"); it is
  read back as "-" (cleaned text never holds U+FFFE, a noncharacter);
- a run of the same combining mark counts once: the marks are drawn on top of each other and PDFium
  drops glyphs that exactly overlap;
- text with right-to-left or Brahmic/Southeast Asian characters is compared as a multiset of
  characters, since the order text is extracted in follows the glyphs' positions on the page, which
  for those scripts is not the order they were typed in; and PDFium applies the bidi algorithm when
  it extracts, mirroring brackets in right-to-left runs ("«" comes back as "»"), so in that text
  every mirrored character counts as one kind. All other text must appear in order.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from functools import cache

import pypdfium2 as pdfium
from hypothesis import event, given
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics

from cardshop.design.loader import TEMPLATES_DIR
from cardshop.render.card import render_card
from cardshop.render.options import CardTextError, RenderOptions
from cardshop.render.text.cleaning import clean_user_text
from cardshop.render.text.fonts import face_for, fallback_faces, register_all
from cardshop.studio.catalogue import load_catalog
from cardshop.studio.limits import clean_field, field_limits, field_problem
from tests.conftest import csrf_token, pdf_text

CATALOG = load_catalog(TEMPLATES_DIR)
DESIGNS = sorted(CATALOG.designs)
# Joiners and emoji selectors draw nothing. Grantha signs (U+11300-U+1137F, which Noto Sans Tamil
# draws on Tamil letters) print (looked at: the nukta dot is there) and the ToUnicode map carries
# them, but PDFium's extraction drops them; they are left out of the comparison, not out of the text.
_IGNORED = {"\u200c", "\u200d", "\ufe0e", "\ufe0f", *map(chr, range(0x11300, 0x11380))}
_COMPLEX_SCRIPTS = [
    "ARABIC",
    "HEBREW",
    "SYRIAC",
    "THAANA",
    "NKO",
    "DEVANAGARI",
    "BENGALI",
    "GURMUKHI",
    "GUJARATI",
    "ORIYA",
    "TAMIL",
    "TELUGU",
    "KANNADA",
    "MALAYALAM",
    "SINHALA",
    "THAI",
    "LAO",
    "TIBETAN",
    "MYANMAR",
    "KHMER",
]


@cache
def _faces() -> tuple[str, ...]:
    register_all()
    families = {
        slot.font for loaded in CATALOG.designs.values() for _, p in loaded.design.panels.items() for slot in p.slots
    }
    return tuple(sorted({face_for(family) for family in families})) + tuple(fallback_faces())


@cache
def _covered() -> frozenset[int]:
    return frozenset(cp for face in _faces() for cp in pdfmetrics.getFont(face).face.charToGlyph)


@functools.cache
def _font_alphabet(face: str) -> list[str]:
    """The characters the face maps, read once: the renderer adds private-use codes of its own to a
    face's map as it draws, and hypothesis needs the same alphabet on every run. Private-use
    characters are refused whatever the font maps, so they are left out."""
    return sorted(
        chr(cp)
        for cp in pdfmetrics.getFont(face).face.charToGlyph
        if not 0xD800 <= cp <= 0xDFFF and unicodedata.category(chr(cp)) != "Co"
    )


# Characters meant to cause trouble, on top of those the fonts have and arbitrary code points.
TROUBLE = list(
    "<>&\"'/;=#%{}[]()\\\n\n\n \t\r\u2028\u2029\x85\x00\x07\x1b\x7f\u0301\u0308\u0327\u034f\u00ad"
    "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    "\u061c\ufe0f\ufe0e\ufffd\ufffe\uffff\ue000\U0001f44d\U0001f3fd\U0001d518\U000e0041\u3164"
)


def _alphabet(with_surrogates: bool):
    register_all()
    choices = [st.sampled_from(_font_alphabet(face)) for face in _faces()]
    choices += [st.sampled_from(TROUBLE), st.characters(exclude_categories=["Cs"])]
    if with_surrogates:
        choices.append(st.characters(categories=["Cs"]))
    return st.one_of(*choices)


def _printable_trouble() -> list[str]:
    """The troublemakers that either some font has or cleaning removes."""
    return [char for char in TROUBLE if not clean_user_text(f"a{char}b").strip("ab") or ord(char) in _covered()]


def texts(with_surrogates: bool = True, max_size: int = 80):
    """Three kinds of text: anything at all (mostly refused for a character no font has), text of
    characters our fonts have mixed with troublemakers, and words in the script of one font."""
    register_all()
    printable = st.one_of(
        *[st.sampled_from(_font_alphabet(face)) for face in _faces()], st.sampled_from(_printable_trouble())
    )
    one_script = st.sampled_from(_faces()).flatmap(
        lambda face: st.lists(
            st.text(alphabet=st.sampled_from(_font_alphabet(face)), min_size=1, max_size=12), min_size=1, max_size=8
        ).map(" ".join)
    )
    return st.one_of(
        st.text(alphabet=_alphabet(with_surrogates), max_size=max_size),
        st.text(alphabet=printable, max_size=max_size),
        one_script.map(lambda text: text[:max_size]),
    )


def _comparable(text: str) -> str:
    text = unicodedata.normalize("NFKC", text.replace("\ufffe", "-"))
    out: list[str] = []
    for char in text:
        if char.isspace() or char in _IGNORED:
            continue
        if out and char == out[-1] and unicodedata.combining(char):
            continue
        out.append(char)
    return "".join(out)


def _unmirrored(char: str) -> str:
    return "\u21c6" if unicodedata.mirrored(char) else char


def _complex(text: str) -> bool:
    for char in text:
        if unicodedata.bidirectional(char) in ("R", "AL", "AN"):
            return True
        name = unicodedata.name(char, "")
        if any(name.startswith(script) for script in _COMPLEX_SCRIPTS):
            return True
    return False


def assert_prints(pdf: bytes, cleaned: str) -> None:
    """The PDF's text holds `cleaned` (see the module docstring for how they are compared)."""
    expected, got = _comparable(cleaned), _comparable(pdf_text(pdf))
    if _complex(cleaned):
        missing = Counter(map(_unmirrored, expected)) - Counter(map(_unmirrored, got))
        assert not missing, f"missing from the PDF text: {sorted(missing)!r}"
    else:
        assert expected in got, f"{expected!r} is not in the PDF text {got!r}"


def _valid_pdf(pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF-")
    document = pdfium.PdfDocument(pdf)
    try:
        assert len(document) == 2
    finally:
        document.close()


# ---- cleaning ----


@given(texts(max_size=200))
def test_cleaning_is_idempotent_and_leaves_only_printable_text(text):
    cleaned = clean_user_text(text)
    assert clean_user_text(cleaned) == cleaned
    assert unicodedata.is_normalized("NFC", cleaned)
    assert cleaned == cleaned.strip()
    assert "\n\n\n" not in cleaned and "  " not in cleaned
    for char in cleaned:
        assert char == "\n" or unicodedata.category(char) not in ("Cc", "Cs"), f"U+{ord(char):04X} kept"
        assert not (0x202A <= ord(char) <= 0x202E or 0x2066 <= ord(char) <= 0x2069), f"bidi U+{ord(char):04X} kept"
        assert char not in "\u200b\u2060\ufeff\u00ad\u200e\u200f\u061c\r\u2028\u2029", f"U+{ord(char):04X} kept"


# ---- the renderer ----


@given(design=st.sampled_from(DESIGNS), text=texts())
def test_any_text_prints_or_gets_a_specific_form_error(design, text):
    loaded = CATALOG.designs[design]
    cleaned = clean_field("message", text)
    if not cleaned or field_problem("message", cleaned, field_limits(loaded)):
        event("refused by the form")
        return  # the form refuses it before rendering (tested below)
    try:
        pdf = render_card(loaded.folder, loaded.design, {"message": cleaned}, RenderOptions())
    except CardTextError as error:
        assert error.problems, "a refusal must say why"
        for problem in error.problems:
            assert problem.field == "message"
            assert "your message" in problem.message
        # A character is only refused when no font has it.
        unsupported = [p for p in error.problems if "can't print the character" in p.message]
        uncovered = [char for char in cleaned if ord(char) not in _covered()]
        orphans = [p for p in error.problems if "has no letter before it" in p.message]
        for problem in orphans:  # a mark refused for want of a letter starts the text or a word
            mark = chr(int(problem.message.split("(U+")[1].split(")")[0].split()[0], 16))
            assert any(word.startswith(mark) for word in re.split(r"\s+", cleaned)), problem.message
        assert bool(unsupported) >= bool(uncovered), (unsupported, uncovered)
        for problem in unsupported:
            code_point = problem.message.split("(U+")[1].split(")")[0]
            char = chr(int(code_point.split()[0], 16))
            # Refused: a character no font has, or a mark whose letter is in a font that lacks the mark
            # (a Grantha sign after "@": drawn apart it would not sit on its letter).
            assert ord(char) not in _covered() or unicodedata.category(char).startswith("M"), problem.message
        event("refused: " + ("a character no font has" if unsupported else "too long"))
        return
    event("printed, " + ("complex script" if _complex(cleaned) else "in order"))
    assert all(ord(char) in _covered() for char in cleaned)
    _valid_pdf(pdf)
    assert_prints(pdf, cleaned)


@given(
    values=st.fixed_dictionaries(
        {},
        optional={name: texts(with_surrogates=True, max_size=30) for name in ("recipient", "baby_name", "signoff")},
    ),
    message=texts(max_size=60),
)
def test_every_field_at_once(values, message):
    loaded = CATALOG.designs["forget-me-nots"]
    cleaned = {name: clean_field(name, value) for name, value in {**values, "message": message}.items()}
    cleaned = {name: value for name, value in cleaned.items() if value}
    if "message" not in cleaned:
        return
    try:
        pdf = render_card(loaded.folder, loaded.design, cleaned)
    except CardTextError as error:
        assert {problem.field for problem in error.problems} <= set(cleaned)
        return
    _valid_pdf(pdf)
    for value in cleaned.values():
        assert_prints(pdf, value)


# ---- the form, end to end ----


@given(
    message=texts(with_surrogates=False, max_size=80),
    sender=texts(with_surrogates=False, max_size=20),
    size=st.sampled_from(["A6", "A6", "A6", "A5", "5x7", "4.25x5.5", "square", "A0", "", "<b>"]),
    action=st.sampled_from(["download", "download", "preview", "", "other"]),
)
def test_the_form_never_fails_with_a_500(message, sender, size, action):
    from cardshop import create_app

    client = _client(create_app)
    path = "/cards/forget-me-nots"
    data = {
        "csrf_token": csrf_token(client, path),
        "message": message,
        "sender": sender,
        "size": size,
        "action": action,
    }
    response = client.post(path, data=data)
    event(f"status {response.status_code}")
    assert response.status_code in (200, 422), response.status_code
    loaded = CATALOG.designs["forget-me-nots"]
    if response.status_code == 422:
        page = response.get_data(as_text=True)
        # A summary at the top with at least one specific problem (size problems appear only there).
        assert re.search(r'class="error-summary".*?<li>.+?</li>', page, re.DOTALL)
        return
    assert size in (*loaded.design.sizes, "")  # no size: the design's first
    if action == "download":
        assert response.headers["Content-Type"] == "application/pdf"
        assert_prints(response.data, clean_field("message", message))
        if clean_field("sender", sender):
            assert_prints(response.data, clean_field("sender", sender))
    else:
        assert "exactly as it will print" in response.get_data(as_text=True)


_clients: dict = {}


def _client(create_app):
    """One app for all examples (building one per example would dominate the run time)."""
    if "client" not in _clients:
        _clients["client"] = create_app({"TESTING": True}).test_client()
    return _clients["client"]
