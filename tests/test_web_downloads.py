"""The download choice on the personalise form, the envelope's addresses, and the printing guide."""

from __future__ import annotations

import io
import logging
import re
from html import unescape

import pypdfium2 as pdfium
import pytest
from PIL import Image

from cardshop.studio.preflight import preflight
from cardshop.web.download_steps import SHORT_HINTS, after_download_steps
from cardshop.web.downloads import DOWNLOADS
from tests.conftest import csrf_token, pdf_text, post_card

SLUG = "forget-me-nots"  # sizes A6, A5, 5x7, 4.25x5.5
MESSAGE = {"message": "Thinking of you, always."}


def _sizes(pdf: bytes) -> list[tuple[float, float]]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [tuple(round(v, 1) for v in page.get_size()) for page in document]
    finally:
        document.close()


def test_form_offers_every_download_in_plain_words_and_links_the_guide(client):
    page = post_card(client, SLUG, MESSAGE, action="check").get_data(as_text=True)
    for value, label in [
        ("home-a4", "Print at home on A4"),
        ("home-letter", "Print at home on US Letter"),
        ("pro", "Send to a print shop"),
        ("pro-pages", "Send to a print shop, one page per panel"),
        ("flat-png", "Just the front, as a picture (PNG)"),
        ("flat", "Just the front, as a PDF"),
        ("envelope", "Envelope"),
    ]:
        assert f'type="radio" value="{value}"' in page or f'value="{value}"' in page
        assert label in page
    assert 'name="address"' in page and 'name="return_address"' in page
    assert 'href="/printing"' in page
    # One obvious choice is made for them: printing at home on their region's paper.
    assert page.count("checked") == 1 and 'checked id="layout-0" name="layout" type="radio" value="home-a4"' in page
    first, more = page.split('<details class="more-ways"')
    assert 'value="home-a4"' in first and 'value="pro"' in first and 'value="envelope"' in more


@pytest.mark.parametrize(
    ("language", "size", "chosen"),
    [
        ("en-US,en;q=0.9", "A6", "home-letter"),
        ("es-MX", "A6", "home-letter"),
        ("en-GB,en;q=0.9", "A6", "home-a4"),
        ("de", "A6", "home-a4"),
        ("en-US", "A5", "home-a4"),  # too big for Letter: A4 is the home choice that works
    ],
)
def test_the_home_choice_follows_the_region_paper(client, language, size, chosen):
    path = f"/cards/{SLUG}"
    form = {"csrf_token": csrf_token(client, path), "action": "check", "size": size, **MESSAGE}
    page = client.post(path, data=form, headers={"Accept-Language": language}).get_data(as_text=True)
    assert re.findall(r'checked id="layout-\d" name="layout" type="radio" value="([\w-]+)"', page) == [chosen]


@pytest.mark.parametrize(
    ("layout", "size", "filename", "pages"),
    [
        ("home-a4", "A6", "forget-me-nots-home-a4.pdf", [(595.3, 841.9)]),
        ("home-a4", "A5", "forget-me-nots-home-a4.pdf", [(841.9, 595.3)] * 2),  # A4 folded once, two-sided
        ("home-letter", "A6", "forget-me-nots-home-letter.pdf", [(792.0, 612.0)] * 2),
        ("pro", "A5", "forget-me-nots-print-shop-a5.pdf", [(901.4, 657.6)] * 2),  # 318 x 232 mm with marks
        ("pro-pages", "4.25x5.5", "forget-me-nots-print-shop-pages-4-25x5-5.pdf", [(324.0, 414.0)] * 4),
        ("flat", "5x7", "forget-me-nots-front-5x7.pdf", [(360.0, 504.0)]),
    ],
)
def test_download_is_the_chosen_layout_with_a_sensible_name(client, layout, size, filename, pages):
    response = post_card(client, SLUG, {**MESSAGE, "layout": layout, "size": size}, action="download")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response.headers["Cache-Control"] == "no-store"
    assert _sizes(response.data) == pages
    shown = "Thinking of you" if layout == "flat" else "Thinking of you, always."  # flat: the front alone
    assert shown in pdf_text(response.data)


def test_print_shop_download_has_crop_marks(client):
    response = post_card(client, SLUG, {**MESSAGE, "layout": "pro", "size": "A6"}, action="download")
    # A6 spread 216 x 154 mm, plus 8 mm each side for the marks.
    assert _sizes(response.data) == [(657.6, 481.9)] * 2


def test_front_as_a_picture(client):
    response = post_card(client, SLUG, {**MESSAGE, "layout": "flat-png", "size": "A6"}, action="download")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["Content-Disposition"] == 'attachment; filename="forget-me-nots-front-a6.png"'
    assert Image.open(io.BytesIO(response.data)).width == 1240  # 105 mm at 300 dpi


def test_download_without_a_choice_asks_for_one(client):
    response = post_card(client, SLUG, {**MESSAGE, "layout": ""}, action="download")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Please choose what you would like to download." in page
    assert 'id="layout-error"' in page


def test_preview_needs_no_choice(client):
    response = post_card(client, SLUG, MESSAGE, action="preview")
    assert response.status_code == 200
    assert "Please choose what you would like to download." not in response.get_data(as_text=True)


def test_a_made_up_layout_is_refused_kindly(client):
    response = post_card(client, SLUG, {**MESSAGE, "layout": "../../etc/passwd"}, action="download")
    assert response.status_code == 422
    assert "Please choose one of the options shown." in response.get_data(as_text=True)


def test_a5_on_us_letter_is_a_kind_error_that_names_what_would_work(client):
    response = post_card(client, SLUG, {**MESSAGE, "layout": "home-letter", "size": "A5"}, action="download")
    assert response.status_code == 422
    assert response.headers["Content-Type"].startswith("text/html")
    page = response.get_data(as_text=True)
    assert "too big to print at home on US Letter paper" in page
    assert "choose “Print at home on A4” if you have A4 paper" in page
    assert "choose A6, 5 × 7 in or 4.25 × 5.5 in as the card size" in page
    assert "“Send to a print shop”" in page


def test_what_now_gives_the_folding_steps_for_each_size(client):
    a6 = post_card(client, SLUG, {**MESSAGE, "size": "A6"}, action="check").get_data(as_text=True)
    a5 = post_card(client, SLUG, {**MESSAGE, "size": "A5"}, action="check").get_data(as_text=True)

    def steps(page, value):
        block = page.split(f'data-after="{value}"', 1)[1].split("</ol>", 1)[0]
        return unescape(re.sub(r"<[^>]+>", " ", block))

    assert "Fold it in half again" in steps(a6, "home-a4")  # A6 on A4: one side, folded twice
    assert "two-sided" in steps(a5, "home-a4") and "Fold it in half again" not in steps(a5, "home-a4")
    assert "too big for this paper" in steps(a5, "home-letter")
    assert "proof" in steps(a6, "pro")


def test_envelope_prints_the_addresses_and_nothing_is_logged(client, caplog):
    address = "Sam and Alex Rivers\n12 Orchard Lane\nLittle Hadham SG11 2AB"
    data = {**MESSAGE, "layout": "envelope", "size": "A5", "address": address, "return_address": "Jo Bell"}
    with caplog.at_level(logging.DEBUG):
        response = post_card(client, SLUG, data, action="download")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="forget-me-nots-envelope-c5.pdf"'
    assert _sizes(response.data) == [(649.1, 459.2)]  # C5, 229 x 162 mm
    text = pdf_text(response.data)
    assert all(line in text for line in address.split("\n")) and "Jo Bell" in text
    assert "Orchard" not in caplog.text and "Rivers" not in caplog.text


def test_envelope_without_an_address_asks_for_it(client):
    response = post_card(client, SLUG, {**MESSAGE, "layout": "envelope"}, action="download")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="address-error"' in page and "Please add the address to print on the envelope." in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "address",
            "\n".join(f"Line {n}" for n in range(8)),
            "Please keep the address to 6 lines or fewer; it has 8 now.",
        ),
        (
            "return_address",
            "Jo\n" + "x" * 61,
            "Line 2 has 61 characters; please keep each line to 50 or fewer (about 11 too many).",
        ),
    ],
)
def test_address_limits_are_kind_form_errors(client, field, value, message):
    response = post_card(client, SLUG, {**MESSAGE, "layout": "envelope", field: value}, action="download")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page and f'id="{field}-error"' in page


def test_address_is_cleaned_like_other_text(client):
    data = {**MESSAGE, "layout": "envelope", "address": "Sam\u202e Rivers\r\n\r\n\r\n12 Orchard\x00 Lane  "}
    response = post_card(client, SLUG, data, action="download")
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert "Sam Rivers" in text and "12 Orchard Lane" in text and "\u202e" not in text


def test_printing_guide_shows_the_home_layouts(client):
    response = client.get("/printing")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "How to print and fold your card" in page
    pictures = ("quarter-fold-a4.png", "folded-sheet-a4-outside.png", "folded-sheet-a4-inside.png")
    for name in (*pictures, "half-fold-letter-outside.png", "half-fold-letter-inside.png"):
        assert f'src="/static/guide/{name}"' in page
        picture = client.get(f"/static/guide/{name}")
        assert picture.status_code == 200 and picture.data.startswith(b"\x89PNG")
        picture.close()
    assert "flip on short edge" in page and "100 mm" in page
    assert "Fold the sheet in half, short edge to short edge" in page  # an A5 card on A4
    assert "Square cards are made by a print shop." in page


def test_print_partner_downloads(client):
    gelato = post_card(client, SLUG, {**MESSAGE, "layout": "gelato", "size": "A6"}, action="download")
    assert gelato.status_code == 200 and gelato.headers["Content-Type"] == "application/pdf"
    assert gelato.headers["Content-Disposition"] == 'attachment; filename="forget-me-nots-gelato-a6.pdf"'
    assert preflight(gelato.data) == []
    printful = post_card(client, SLUG, {**MESSAGE, "layout": "printful", "size": "5x7"}, action="download")
    assert printful.status_code == 200 and printful.headers["Content-Type"] == "application/zip"
    refused = post_card(client, SLUG, {**MESSAGE, "layout": "prodigi", "size": "A6"}, action="download")
    assert refused.status_code == 422
    assert "Prodigi prints this card in 5x7 only, not A6." in refused.get_data(as_text=True)


def test_every_download_choice_has_a_short_hint_and_what_now_steps(catalog):
    """A choice added to the downloads table (a print partner, say) is shown with its line and its
    steps after downloading, never a missing one or an error on the check page."""
    loaded = catalog.designs[SLUG]
    steps = after_download_steps(loaded.design, loaded.design.sizes[0])
    for download in DOWNLOADS:
        assert SHORT_HINTS[download.value].strip(), download.value
        assert steps[download.value] and all(step.strip() for step in steps[download.value]), download.value
