"""The live preview endpoint: the form as typed so far in, images of the real PDF and problems out."""

from __future__ import annotations

import base64

from cardshop.render.card import render_card
from cardshop.render.options import resolve_geometry
from cardshop.render.preview import card_previews
from cardshop.studio.samples import longest, text_of_length
from cardshop.web.downloads import PREVIEW
from tests.conftest import csrf_token

SLUG = "forget-me-nots"
URL = f"/cards/{SLUG}/preview.json"
JSON = {"Accept": "application/json"}


def live(client, data: dict, token: str | None = None):
    token = token or csrf_token(client, f"/cards/{SLUG}")
    return client.post(URL, data={"csrf_token": token, **data}, headers=JSON)


def test_images_are_the_rasterised_pdf_the_sender_will_download(client, catalog):
    values = {"recipient": "Dear Sam", "message": "Thinking of you.", "sender": "Jo"}
    response = live(client, {**values, "size": "A5", "width": "600"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["ok"] is True and body["errors"] == {}
    loaded = catalog.designs[SLUG]
    options = PREVIEW.options("A5")  # the print-shop file: "Send to a print shop" downloads exactly this
    pdf = render_card(loaded.folder, loaded.design, values, options)
    expected = {image.name: image.data for image in card_previews(pdf, resolve_geometry(loaded.design, options))}
    shown = {panel["name"]: base64.b64decode(panel["src"].split(",", 1)[1]) for panel in body["panels"]}
    assert shown == expected


def test_answer_says_what_the_card_says(client):
    body = live(client, {"recipient": "Dear Sam", "baby_name": "Rowan", "message": "Thinking of you."}).get_json()
    alts = {panel["name"]: panel["alt"] for panel in body["panels"]}
    assert "Thinking of you" in alts["front"]  # the design's own words on the front
    assert alts["inside"] == (
        "Inside of the card. Inside, left page: It says: Rowan. Inside, right page: It says: Dear Sam. Thinking of you."
    )
    words = {panel["label"]: panel["lines"] for panel in body["words"]}
    assert words["Inside, right page"] == ["Dear Sam", "Thinking of you."]


def test_images_are_only_as_wide_as_asked_within_bounds(client):
    def front_width(width: str) -> int:
        return live(client, {"message": "Hello.", "width": width}).get_json()["panels"][0]["width"]

    assert front_width("250") in (299, 300)  # rounded up to a step of 100
    assert front_width("5000") in (599, 600)  # never more than the full preview
    assert front_width("10") in (199, 200)
    assert front_width("not a number") in (599, 600)


def test_text_that_does_not_fit_sends_no_images_and_names_the_field(client):
    # Every field within its own limits, but together more than the slot they share can hold.
    values = {name: value for name, value in longest().items() if name in ("recipient", "signoff", "sender")}
    response = live(client, {**values, "message": "\n".join(["Love,"] * 19 + [text_of_length(450 - 19 * 6)])})
    assert response.status_code == 422
    body = response.get_json()
    assert body["ok"] is False and body["panels"] is None
    assert "shorten it by about" in body["errors"]["message"][0]


def test_a_field_with_a_problem_is_left_out_and_the_rest_previewed(client):
    response = live(client, {"message": "Thinking of you.", "sender": "J" * 70})
    assert response.status_code == 422
    body = response.get_json()
    assert "60 characters or fewer" in body["errors"]["sender"][0]
    assert body["panels"] is not None
    inside = next(panel for panel in body["panels"] if panel["name"] == "inside")
    assert "Thinking of you." in inside["alt"] and "JJJ" not in inside["alt"]


def test_empty_message_is_reported_but_the_card_still_previews(client):
    body = live(client, {"recipient": "Dear Kim"}).get_json()
    assert "the card needs a message" in body["errors"]["message"][0]
    assert body["panels"] is not None


def test_markup_is_text_in_the_answer(client):
    body = live(client, {"message": "<b>hi</b> & <img src=x>"}).get_json()
    inside = next(panel for panel in body["panels"] if panel["name"] == "inside")
    assert "<b>hi</b> & <img src=x>" in inside["alt"]  # JSON carries it as text; the page sets it as text


def test_without_the_csrf_token_the_answer_is_a_kind_json_400(client):
    response = client.post(URL, data={"message": "hello"}, headers=JSON)
    assert response.status_code == 400
    assert response.is_json
    assert "still in this browser tab" in response.get_json()["message"]


def test_unknown_design_is_a_json_404(client):
    token = csrf_token(client, f"/cards/{SLUG}")
    response = client.post("/cards/no-such-card/preview.json", data={"csrf_token": token}, headers=JSON)
    assert response.status_code == 404 and response.is_json
