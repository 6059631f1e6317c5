"""The first complete path on the web: gallery, personalise, preview, download; and what it refuses."""

from __future__ import annotations

import base64
import re

import pytest
from markupsafe import escape

from cardshop.design.loader import TEMPLATES_DIR
from cardshop.render.options import RenderOptions, resolve_geometry
from cardshop.render.preview import card_previews
from cardshop.studio.catalogue import load_catalog
from cardshop.studio.samples import longest, text_of_length
from tests.conftest import csrf_token, pdf_text, post_card

CATALOG = load_catalog(TEMPLATES_DIR)
SLUG = sorted(CATALOG.designs)[0]
MARKUP = '<b>hi</b> & <font color="red">x</font>'


def test_gallery_lists_every_design(client):
    page = client.get("/").get_data(as_text=True)
    for loaded in CATALOG.designs.values():
        assert str(escape(loaded.design.name)) in page
        assert f'href="/cards/{loaded.slug}"' in page
        assert str(escape(loaded.design.description)) in page


def test_thumbnail_is_an_image(client):
    response = client.get(f"/cards/{SLUG}/thumbnail.jpg")
    assert response.status_code == 200
    assert response.data[:3] == b"\xff\xd8\xff"


def test_personalise_page_shows_only_the_designs_fields(client):
    design = CATALOG.designs[SLUG].design
    page = client.get(f"/cards/{SLUG}").get_data(as_text=True)
    for field in ("recipient", "baby_name", "date", "message", "signoff", "sender"):
        assert (f'name="{field}"' in page) == (field in design.fields)


def test_unknown_design_is_a_kind_404(client):
    response = client.get("/cards/no-such-card")
    assert response.status_code == 404
    assert "gallery" in response.get_data(as_text=True)


def test_download_returns_the_pdf_with_the_text(client):
    response = post_card(client, SLUG, {"message": "Thinking of you, always.", "layout": "pro"}, action="download")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    assert "Thinking of you, always." in pdf_text(response.data)


def test_markup_prints_literally(client):
    response = post_card(client, SLUG, {"message": MARKUP, "layout": "pro"}, action="download")
    assert response.status_code == 200
    assert MARKUP in pdf_text(response.data)


def test_post_without_csrf_token_is_refused(client):
    response = client.post(f"/cards/{SLUG}", data={"message": "hello", "action": "download"})
    assert response.status_code == 400
    assert "try again" in response.get_data(as_text=True)


def test_message_that_cannot_fit_is_a_form_error_naming_the_field(client):
    # Every field within its own limits, but together (19 short lines and a long paragraph, with the
    # longest names) more than the slot they share can hold.
    values = {name: value for name, value in longest().items() if name in CATALOG.designs[SLUG].design.fields}
    values["message"] = "\n".join(["Love,"] * 19 + [text_of_length(450 - 19 * 6)])
    response = post_card(client, SLUG, {**values, "layout": "pro"}, action="download")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="message-error"' in page
    assert re.search(r"shorten it by about \d+ characters", page)
    assert response.headers["Content-Type"].startswith("text/html")


def test_too_long_field_is_refused_with_the_count(client):
    response = post_card(client, SLUG, {"message": "word " * 200}, action="download")
    assert response.status_code == 422
    assert "characters or fewer" in response.get_data(as_text=True)


def test_missing_message_is_refused_kindly(client):
    response = post_card(client, SLUG, {"message": "   "}, action="download")
    assert response.status_code == 422
    assert "the card needs a message" in response.get_data(as_text=True)


def test_oversized_request_gets_413(client):
    path = f"/cards/{SLUG}"
    token = csrf_token(client, path)
    response = client.post(path, data={"csrf_token": token, "message": "x" * 100_000, "action": "download"})
    assert response.status_code == 413


def _preview_images(page: str) -> dict[str, bytes]:
    found = re.findall(r'<figure class="preview-(\w+)">\s*<img src="data:image/jpeg;base64,([^"]+)"', page)
    return {name: base64.b64decode(data) for name, data in found}


def test_preview_is_a_rasterisation_of_the_downloaded_pdf(client):
    """Preview and PDF come from one render: the preview images are exactly the rasterised PDF pages."""
    data = {
        "message": "I'm so sorry. I'm here for you.",
        "size": CATALOG.designs[SLUG].design.sizes[0],
        "layout": "pro",
    }
    for field, value in (("recipient", "Dear Sam"), ("sender", "Jo")):
        if field in CATALOG.designs[SLUG].design.fields:
            data[field] = value
    preview_page = post_card(client, SLUG, data, action="preview")
    assert preview_page.status_code == 200
    shown = _preview_images(preview_page.get_data(as_text=True))
    assert set(shown) == {"front", "inside", "back"}

    pdf = post_card(client, SLUG, data, action="download").data
    design = CATALOG.designs[SLUG].design
    from_pdf = {image.name: image.data for image in card_previews(pdf, resolve_geometry(design, RenderOptions()))}
    assert shown == from_pdf
    assert "I'm so sorry. I'm here for you." in pdf_text(pdf)


@pytest.mark.parametrize("path", ["/", "/privacy", f"/cards/{SLUG}"])
def test_pages_render(client, path):
    assert client.get(path).status_code == 200
