"""Faults that are not the sender's: artwork that breaks on disk after the catalogue loaded it, and a
CMYK press profile that can't be used. The app refuses to start with a bad profile (naming the variable
and the path); at render time either fault is a kind 503 with a log line naming the design's file or
the profile, never a 500, and every other card and download keeps working."""

from __future__ import annotations

import logging
from html import unescape

import pyotp
import pytest
from PIL import ImageCms

from cardshop import create_app
from cardshop.orders import lifecycle
from cardshop.orders.crypto import new_key
from cardshop.orders.database import utcnow
from cardshop.orders.operators import add_operator
from cardshop.web.config import ConfigError
from tests.conftest import csrf_token, post_card
from tests.test_operator_web import PASSWORD, sign_in
from tests.test_orders_web import order_form

SLUG = "forget-me-nots"
OTHER = "olive-wreath"
MARKER = "Wordmarker-Quillon-5521"  # what the sender wrote: must never reach a log
JSON = {"Accept": "application/json"}


def _break_front(templates, how: str = "cut short") -> str:
    """Break the design's front artwork on disk: cut short (as a half-finished copy onto the server
    would), deleted, or replaced by a symlink out of the design's folder."""
    art = templates / SLUG / "front.svg"
    if how == "cut short":
        art.write_bytes(art.read_bytes()[:200])
    elif how == "deleted":
        art.unlink()
    else:
        art.unlink()
        art.symlink_to(templates.parent / "outside.svg")
        (templates.parent / "outside.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>')
    return str(art)


@pytest.fixture(params=["cut short", "deleted", "symlink out"])
def broken_after_loading(templates_copy, request):
    """An app whose catalogue and first pictures of the design were made before its artwork broke."""
    app = create_app({"TESTING": True, "CARDSHOP_TEMPLATES_DIR": templates_copy})
    client = app.test_client()
    assert client.get(f"/cards/{SLUG}/thumbnail.jpg").status_code == 200
    token = csrf_token(client, f"/cards/{SLUG}")
    art = _break_front(templates_copy, request.param)
    return client, token, art, templates_copy


def _design_lines(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "cardshop.designs"]


def test_live_preview_of_artwork_broken_after_loading_is_a_kind_503(broken_after_loading, caplog):
    client, token, art, templates = broken_after_loading
    with caplog.at_level(logging.INFO):
        response = client.post(
            f"/cards/{SLUG}/preview.json", data={"csrf_token": token, "message": MARKER}, headers=JSON
        )
    assert response.status_code == 503
    body = response.get_json()
    assert body["ok"] is False and "wrong on our side with this card's pictures" in body["message"]
    assert "your words are still in this browser tab" in body["message"]
    (line,) = _design_lines(caplog)
    assert str(templates / SLUG / "card.toml") in line and "front.svg" in line
    assert MARKER not in caplog.text


def test_download_of_artwork_broken_after_loading_is_a_kind_503_and_other_cards_still_print(
    broken_after_loading, caplog
):
    client, token, art, templates = broken_after_loading
    data = {"csrf_token": token, "message": MARKER, "action": "download", "layout": "pro"}
    with caplog.at_level(logging.INFO):
        response = client.post(f"/cards/{SLUG}", data=data)
        gelato = client.post(f"/cards/{SLUG}", data={**data, "layout": "gelato"})
    assert response.status_code == 503 and gelato.status_code == 503
    page = unescape(response.get_data(as_text=True))
    assert "This card can't be made just now" in page and "choose another card" in page
    assert f'href="/cards/{SLUG}"' in page  # back to the card, where the words kept in the tab return
    assert any("front.svg" in line for line in _design_lines(caplog))
    assert MARKER not in caplog.text
    assert client.get("/").status_code == 200
    other = post_card(client, OTHER, {"message": "Thinking of you."}, action="download")
    assert other.status_code == 200 and other.data.startswith(b"%PDF-")


def test_an_order_for_artwork_broken_after_loading_is_a_kind_503(templates_copy, tmp_path):
    url = f"sqlite:///{tmp_path / 'orders.db'}"
    app = create_app(
        {"TESTING": True, "CARDSHOP_TEMPLATES_DIR": templates_copy, "CARDSHOP_DATABASE_URL": url}
        | {"CARDSHOP_DATA_KEY": new_key()}
    )
    client = app.test_client()
    form = order_form(client)  # the check page, drawn while the artwork was whole
    _break_front(templates_copy)
    response = client.post(f"/cards/{SLUG}/order", data=form)
    assert response.status_code == 503 and "this card's pictures" in unescape(response.get_data(as_text=True))


def test_the_operators_queue_says_which_design_cannot_be_drawn(templates_copy, tmp_path, caplog):
    url = f"sqlite:///{tmp_path / 'operators.db'}"
    app = create_app(
        {"TESTING": True, "CARDSHOP_TEMPLATES_DIR": templates_copy, "CARDSHOP_DATABASE_URL": url}
        | {"CARDSHOP_DATA_KEY": new_key()}
    )
    orders = app.extensions["cardshop_orders"]
    with orders.store.session() as session:
        made = add_operator(session, orders.cipher, "ash", PASSWORD, utcnow())
    app.totp = pyotp.parse_uri(made.otpauth_uri)
    sender = app.test_client()
    assert sender.post(f"/cards/{SLUG}/order", data=order_form(sender)).status_code == 303
    with orders.store.session() as session:
        lifecycle.release_due(session, orders.today())
    _break_front(templates_copy)
    operator = app.test_client()
    sign_in(operator, app)
    with caplog.at_level(logging.INFO):
        queue = operator.get("/operator")
    assert queue.status_code == 200
    assert f"The design {SLUG}'s artwork can't be drawn just now" in unescape(queue.get_data(as_text=True))
    assert any("front.svg" in line for line in _design_lines(caplog))


def _srgb_profile(path):
    path.write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    return path


@pytest.mark.parametrize("kind", ["missing", "not a profile", "not CMYK"])
def test_the_app_will_not_start_with_a_bad_cmyk_profile(kind, tmp_path, monkeypatch):
    path = tmp_path / "press.icc"
    if kind == "not a profile":
        path.write_bytes(b"\x00" * 300)
    elif kind == "not CMYK":
        _srgb_profile(path)
    monkeypatch.setenv("CARDSHOP_CMYK_PROFILE", str(path))
    with pytest.raises(ConfigError) as refused:
        create_app({"TESTING": True})
    message = str(refused.value)
    assert f"CARDSHOP_CMYK_PROFILE is set to {path}" in message
    assert "or unset it to use the one shipped" in message


def test_a_profile_that_breaks_after_the_start_is_a_kind_503_for_gelato_only(tmp_path, monkeypatch, caplog):
    client = create_app({"TESTING": True}).test_client()
    token = csrf_token(client, f"/cards/{SLUG}")
    monkeypatch.setenv("CARDSHOP_CMYK_PROFILE", str(_srgb_profile(tmp_path / "later.icc")))
    data = {"csrf_token": token, "message": MARKER, "action": "download", "layout": "gelato"}
    with caplog.at_level(logging.INFO):
        gelato = client.post(f"/cards/{SLUG}", data=data)
    assert gelato.status_code == 503
    page = unescape(gelato.get_data(as_text=True))
    assert "problem with our print settings" in page and "The other downloads still work" in page
    logged = [r.getMessage() for r in caplog.records if r.name == "cardshop.errors"]
    assert any("CARDSHOP_CMYK_PROFILE" in line and "later.icc" in line for line in logged)
    assert MARKER not in caplog.text
    pro = client.post(f"/cards/{SLUG}", data={**data, "layout": "pro"})
    assert pro.status_code == 200 and pro.data.startswith(b"%PDF-")
