"""Limits on what a request may carry, each refused with a clear, kind 4xx and never a 500; and the
rate limit on rendering."""

from __future__ import annotations

import pytest

from cardshop import create_app
from cardshop.design.loader import TEMPLATES_DIR
from cardshop.design.vocabulary import FIELD_MAX_LENGTHS
from cardshop.studio.catalogue import load_catalog
from cardshop.studio.limits import MAX_MESSAGE_LINES, design_field_limits, field_limits
from cardshop.studio.samples import text_of_length
from tests.conftest import csrf_token, pdf_text, post_card

CATALOG = load_catalog(TEMPLATES_DIR)
SLUG = "forget-me-nots"


def test_oversized_request_gets_413(client):
    path = f"/cards/{SLUG}"
    token = csrf_token(client, path)
    response = client.post(path, data={"csrf_token": token, "message": "x" * 40_000, "action": "download"})
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "more than a card can hold" in page and "Traceback" not in page


def test_oversized_request_without_content_length_gets_413(client):
    """A chunked upload (no Content-Length) is cut off at the same limit."""
    path = f"/cards/{SLUG}"
    token = csrf_token(client, path)
    body = f"csrf_token={token}&action=download&message=".encode() + b"x" * 40_000
    response = client.post(
        path,
        input_stream=__import__("io").BytesIO(body),
        content_type="application/x-www-form-urlencoded",
        environ_overrides={"wsgi.input_terminated": True},
        headers={"Transfer-Encoding": "chunked"},
    )
    assert response.status_code == 413


def test_too_many_form_parts_gets_413(client):
    path = f"/cards/{SLUG}"
    token = csrf_token(client, path)
    data = {"csrf_token": token, "message": "hi", **{f"extra{i}": "x" for i in range(200)}}
    response = client.post(path, data=data, content_type="multipart/form-data")
    assert response.status_code == 413


def test_missing_csrf_token_gets_400(client):
    response = client.post(f"/cards/{SLUG}", data={"message": "hello", "action": "download"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    # No "go back" or "reload", which would lose the names: the words wait in the tab, and the card is a link away.
    assert "open your card again" in page and f'href="/cards/{SLUG}"' in page
    assert "reload" not in page.lower() and "go back" not in page.lower()


def test_forged_csrf_token_gets_400(client):
    client.get(f"/cards/{SLUG}")
    response = client.post(f"/cards/{SLUG}", data={"csrf_token": "forged", "message": "hello", "action": "download"})
    assert response.status_code == 400


def test_wrong_method_gets_a_kind_405_with_allow_header(client):
    response = client.delete(f"/cards/{SLUG}")
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]
    assert "start again" in response.get_data(as_text=True)


def test_unknown_size_is_a_kind_form_error(client):
    response = post_card(client, SLUG, {"message": "hello", "size": "A0"}, action="download")
    assert response.status_code == 422
    assert "Please choose one of the sizes listed." in response.get_data(as_text=True)


def test_too_many_lines_is_a_kind_form_error(client):
    message = "\n".join(["Love,"] * (MAX_MESSAGE_LINES + 5))
    response = post_card(client, SLUG, {"message": message}, action="download")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f"Please use {MAX_MESSAGE_LINES} lines or fewer here; it has {MAX_MESSAGE_LINES + 5} now." in page


def test_as_many_lines_as_allowed_print(client):
    lines = field_limits(CATALOG.designs[SLUG]).lines["message"]
    message = "\n".join(f"Line {n}" for n in range(1, lines + 1))
    response = post_card(client, SLUG, {"message": message}, action="download")
    assert response.status_code == 200
    assert f"Line {lines}" in pdf_text(response.data)


def test_line_breaks_in_one_line_fields_become_spaces(client):
    response = post_card(client, SLUG, {"message": "hi", "sender": "Jo\n\nand\r\nSam"}, action="download")
    assert response.status_code == 200
    assert "Jo and Sam" in pdf_text(response.data)


@pytest.mark.parametrize("name", ["recipient", "baby_name", "date", "signoff", "sender", "message"])
def test_each_field_over_its_limit_is_refused_with_the_count(client, name):
    limit = FIELD_MAX_LENGTHS[name]
    response = post_card(client, SLUG, {"message": "hi", name: "a" * (limit + 7)}, action="download")
    assert response.status_code == 422
    assert f"Please keep this to {limit} characters or fewer; it has {limit + 7} now" in response.get_data(as_text=True)


def test_no_input_silently_cuts_text(client):
    """No maxlength: pasted text is never cut short without a word; the form says how much is over."""
    page = client.get(f"/cards/{SLUG}").get_data(as_text=True)
    assert "maxlength" not in page
    response = post_card(client, SLUG, {"message": "Hello.", "sender": "J" * 70}, action="preview")
    assert response.status_code == 422
    assert f"{FIELD_MAX_LENGTHS['sender']} characters or fewer" in response.get_data(as_text=True)


# ---- limits derived from the design's slots ----


@pytest.fixture()
def small_slot_templates(templates_copy):
    """forget-me-nots with its message slot cut from 120 mm to 25 mm tall."""
    card = templates_copy / SLUG / "card.toml"
    text = card.read_text()
    assert "height = 120\n" in text
    card.write_text(text.replace("height = 120\n", "height = 25\n", 1))
    return templates_copy


def test_small_slot_gets_a_smaller_limit_that_still_prints(small_slot_templates):
    loaded = load_catalog(small_slot_templates).designs[SLUG]
    limits = design_field_limits(loaded.design)
    most = limits.chars["message"]
    assert 20 < most < FIELD_MAX_LENGTHS["message"]
    assert limits.lines["message"] < MAX_MESSAGE_LINES
    client = create_app({"TESTING": True, "CARDSHOP_TEMPLATES_DIR": small_slot_templates}).test_client()

    fits = text_of_length(most).capitalize()
    response = post_card(client, SLUG, {"message": fits}, action="download")
    assert response.status_code == 200, "text at the design's limit must print"
    assert fits.split()[-2] in pdf_text(response.data)

    too_long = text_of_length(most + 10).capitalize()
    response = post_card(client, SLUG, {"message": too_long}, action="download")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f"Please keep this to {most} characters or fewer on this card; it has {most + 10} now" in page


def test_command_line_uses_the_same_design_limits(small_slot_templates, tmp_path):
    loaded = load_catalog(small_slot_templates).designs[SLUG]
    most = design_field_limits(loaded.design).chars["message"]
    app = create_app({"TESTING": True, "CARDSHOP_TEMPLATES_DIR": small_slot_templates})
    out = tmp_path / "card.pdf"
    too_long = text_of_length(most + 10)
    result = app.test_cli_runner().invoke(args=["render", SLUG, "--set", f"message={too_long}", "--out", str(out)])
    assert result.exit_code == 2
    assert f"Please keep this to {most} characters or fewer on this card" in result.output
    assert not out.exists()


def test_limits_are_computed_once_per_loaded_design():
    loaded = CATALOG.designs[SLUG]
    assert field_limits(loaded) is field_limits(loaded)


# ---- rate limiting ----


def _limited_app(limit: str = "3 per minute"):
    return create_app({"TESTING": True, "RATELIMIT_ENABLED": True, "CARDSHOP_RATE_LIMIT": limit})


def test_render_posts_beyond_the_limit_get_a_kind_429():
    client = _limited_app("6 per minute").test_client()  # a preview without JavaScript spends 2 units
    statuses = [post_card(client, SLUG, {"message": "hello"}).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    response = post_card(client, SLUG, {"message": "hello"})
    assert int(response.headers["Retry-After"]) > 0
    page = response.get_data(as_text=True)
    assert "Please wait a minute and try again" in page and "still in this browser tab" in page
    assert "Back button" not in page and f'href="/cards/{SLUG}"' in page


def test_one_client_over_the_limit_does_not_block_another():
    app = _limited_app("4 per minute")
    greedy, other = app.test_client(), app.test_client()

    def post(client, address):
        path = f"/cards/{SLUG}"
        token = csrf_token(client, path)
        return client.post(
            path, data={"csrf_token": token, "message": "hi"}, environ_overrides={"REMOTE_ADDR": address}
        ).status_code

    assert [post(greedy, "127.0.0.2") for _ in range(4)] == [200, 200, 429, 429]
    assert post(other, "127.0.0.3") == 200


def test_pages_are_not_limited():
    client = _limited_app("1 per minute").test_client()
    for _ in range(5):
        assert client.get(f"/cards/{SLUG}").status_code == 200
        assert client.get("/").status_code == 200


def test_rate_limit_is_off_for_tests_unless_asked(client):
    assert client.application.config["RATELIMIT_ENABLED"] is False


def test_rate_limit_is_on_by_default(monkeypatch):
    monkeypatch.delenv("CARDSHOP_RATE_LIMIT_ENABLED", raising=False)
    assert create_app().config["RATELIMIT_ENABLED"] is True
    monkeypatch.setenv("CARDSHOP_RATE_LIMIT_ENABLED", "0")
    assert create_app().config["RATELIMIT_ENABLED"] is False
