"""What a hostile tester found with valid requests (hardening II, items 1 to 3): right-to-left text
with an emoji newer than Python's Unicode tables, a file part in place of a text field, glyph codes
used up by many Arabic messages, and a crafted unbreakable word costing the square of its length."""

from __future__ import annotations

import contextlib
import io
import random
import unicodedata

import pytest

from cardshop.design.models import Part, Slot
from cardshop.render.card import render_card
from cardshop.render.memo import ByteBoundedMemo
from cardshop.render.options import RenderOptions
from cardshop.render.text import fitting, shaping
from cardshop.render.text.direction import bidi_class, embedding_levels, paragraph_level
from cardshop.render.text.fitting import fit_slot
from cardshop.render.text.fonts import card_font, register_all
from cardshop.studio.limits import clean_field
from tests.conftest import csrf_token, pdf_text, post_card

SLUG = "forget-me-nots"
PINK_HEART = "\U0001fa77"  # Unicode 15: unknown to Python 3.11's tables
NEWER_EMOJI_RTL = {
    "arabic": f"نفكر فيكم {PINK_HEART} بكل الحب",
    "hebrew": f"חושבים עליכם {PINK_HEART} באהבה",
}
ARABIC_LETTERS = [chr(code) for code in range(0x0628, 0x063B)] + ["لا"] * 4
ARABIC_MARKS = [chr(code) for code in [*range(0x064B, 0x0660), *range(0x0610, 0x061B), 0x0670]]


# ---- 1: no 500 for real senders


def test_emoji_newer_than_python_gets_a_bidi_class_and_levels():
    assert unicodedata.bidirectional(PINK_HEART) == ""  # the case: Python does not know it
    assert bidi_class(PINK_HEART) == "ON"
    assert bidi_class("\u05ff") == "R" and bidi_class("\u07bb") == "AL"  # unassigned in RTL blocks
    text = NEWER_EMOJI_RTL["arabic"]
    levels = embedding_levels(text, paragraph_level(text))
    assert paragraph_level(text) == 1 and len(levels) == len(text)


@pytest.mark.parametrize("script", sorted(NEWER_EMOJI_RTL))
def test_rtl_message_with_a_newer_emoji_previews_downloads_and_renders_on_the_command_line(
    client, app, tmp_path, script
):
    message = NEWER_EMOJI_RTL[script]
    preview = post_card(client, SLUG, {"message": message})
    assert preview.status_code == 200
    download = post_card(client, SLUG, {"message": message}, action="download")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    # The words come back out of the PDF (the heart itself is a picture from the emoji font).
    extracted = pdf_text(download.data)
    assert all(word in extracted for word in message.split() if word != PINK_HEART)
    token = csrf_token(client, f"/cards/{SLUG}")
    live = client.post(f"/cards/{SLUG}/preview.json", data={"csrf_token": token, "message": message})
    assert live.status_code == 200 and live.get_json()["ok"]
    out = tmp_path / "card.pdf"
    result = app.test_cli_runner().invoke(args=["render", SLUG, "--set", f"message={message}", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("endpoint", ["", "/preview.json"])
@pytest.mark.parametrize("field", ["message", "recipient", "address"])
def test_file_part_in_place_of_a_text_field_gets_a_kind_422(client, endpoint, field):
    path = f"/cards/{SLUG}"
    data = {
        "csrf_token": csrf_token(client, path),
        "action": "download",
        "layout": "envelope" if field == "address" else "pro",
        "message": "Thinking of you",
        field: (io.BytesIO(b"words in a file"), "words.txt"),
    }
    response = client.post(path + endpoint, data=data, content_type="multipart/form-data")
    if endpoint and field == "address":  # the live preview does not read addresses
        assert response.status_code == 200
        return
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "a file can" in body and "Traceback" not in body


# ---- 2: glyph codes belong to one document


def _harakat_message(rng: random.Random, length: int = 300) -> str:
    words = []
    while sum(len(word) + 1 for word in words) < length:
        letters = rng.randint(2, 5)
        words.append("".join(rng.choice(ARABIC_LETTERS) + "".join(rng.sample(ARABIC_MARKS, 3)) for _ in range(letters)))
    return clean_field("message", " ".join(words)[:length])


def test_hundreds_of_long_arabic_messages_with_harakat_never_use_up_glyph_codes(catalog):
    """Each message shapes glyphs with text of their own (a letter and its marks); before, each such
    pair took a code for good (87,000 of the 131,068 after 1,500 messages like these), and after a few
    hundred longer ones none were left."""
    loaded = catalog.get(SLUG)
    font = card_font("NotoNaskhArabic-regular")
    glyphs = len(font.face.hmetrics)
    rng = random.Random(13)
    texts = set()
    for number in range(300):
        message = _harakat_message(rng)
        texts.add(message)
        # Fitting shapes every slot, whatever is drawn: the front alone is the quick way to shape it.
        render_card(loaded.folder, loaded.design, {"message": message}, RenderOptions(layout="flat"))
        if number % 150 == 0:  # drawn inside, the words come back out of the PDF, each letter with its marks
            pdf = render_card(loaded.folder, loaded.design, {"message": message}, RenderOptions())
            extracted = [sorted(word) for word in pdf_text(pdf).split()]
            assert all(sorted(word) in extracted for word in message.split()), number
    assert len(texts) == 300
    private = [code for code in font.face.charToGlyph if code >= 0xF0000]
    assert len(private) <= glyphs  # one code per glyph at most, however many pairs were drawn


# ---- 3: what a request costs, and what the caches hold


def _slot() -> Slot:
    return Slot(
        x=10, y=10, width=80, height=120, font="EB Garamond", size=12, min_size=7, parts=[Part(field="message")]
    )


def _typical(rng: random.Random, letters: list[str], length: int = 450) -> str:
    words = []
    while sum(len(word) + 1 for word in words) < length:
        words.append("".join(rng.choice(letters) for _ in range(rng.randint(2, 9))))
    return " ".join(words)[:length]


def _work(text: str) -> int:
    """Characters the fitter measured to fit `text` (deterministic; caches cleared first)."""
    shaping.shape.cache_clear()
    fitting._prepare.cache_clear()
    before = fitting.MEASURED.chars
    with contextlib.suppress(fitting.TextDoesNotFit):
        fit_slot(_slot(), {"message": text})
    return fitting.MEASURED.chars - before


@pytest.mark.parametrize(
    "script, letters, mark",
    [
        ("latin with accents", list("abcdefghijklmnopqrstuvwxyz"), "\u0301"),
        ("arabic with harakat", [chr(code) for code in range(0x0628, 0x063B)], "\u064e"),
    ],
)
def test_a_crafted_unbreakable_word_costs_at_most_5_times_a_typical_message(script, letters, mark):
    register_all()
    rng = random.Random(3)
    crafted = "".join(rng.choice(letters) + mark for _ in range(225))  # 450 characters, no break
    typical = _typical(rng, [letter + mark for letter in letters])
    assert len(crafted) == 450 and abs(len(typical) - 450) <= 2
    crafted_work, typical_work = _work(crafted), _work(typical)
    assert typical_work >= 400  # every word was measured
    assert crafted_work <= 5 * typical_work, (script, crafted_work, typical_work)


def test_text_caches_stay_within_their_byte_budgets():
    register_all()
    rng = random.Random(5)
    for _ in range(40):  # 40 crafted words: fitted, broken, cached
        _work("".join(rng.choice("abcdefghij") + "\u0301" for _ in range(225)))
    for memo, budget in ((shaping.shape, shaping.SHAPED_CACHE_BYTES), (fitting._prepare, fitting.PREPARED_CACHE_BYTES)):
        assert isinstance(memo, ByteBoundedMemo)
        assert 0 < memo.bytes <= budget
    small = ByteBoundedMemo(lambda text: text.upper(), 10_000, lambda text: 100 * len(text))
    for number in range(100):
        small(f"{number:05d}")
    assert small.bytes <= 10_000 and len(small) == 10_000 // 500
