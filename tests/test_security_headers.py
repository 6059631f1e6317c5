"""Security and privacy headers on every response, and pages that need no inline script or style."""

from __future__ import annotations

import re

import pytest

from tests.conftest import csrf_token

SLUG = "forget-me-nots"


def _responses(client):
    token = csrf_token(client, f"/cards/{SLUG}")
    form = {"csrf_token": token, "message": "Thinking of you."}
    yield "gallery", client.get("/?tone=quiet")
    yield "privacy", client.get("/privacy")
    yield "personalise", client.get(f"/cards/{SLUG}")
    yield "thumbnail", client.get(f"/cards/{SLUG}/thumbnail.jpg")
    yield "static", client.get("/static/site.css")
    yield "not found", client.get("/nowhere")
    yield "preview post", client.post(f"/cards/{SLUG}", data={**form, "action": "preview"})
    yield "check post", client.post(f"/cards/{SLUG}", data={**form, "action": "check"})
    yield "download", client.post(f"/cards/{SLUG}", data={**form, "action": "download"})
    yield "live preview", client.post(f"/cards/{SLUG}/preview.json", data=form)
    yield "csrf refused", client.post(f"/cards/{SLUG}", data={"message": "x"})
    yield "wrong method", client.get(f"/cards/{SLUG}/preview.json")


def test_every_response_carries_the_security_headers(client):
    seen = 0
    for name, response in _responses(client):
        seen += 1
        headers = response.headers
        csp = headers.get("Content-Security-Policy", "")
        directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
        assert directives["default-src"] == "'self'", name
        assert directives["script-src"] == "'self'", name
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, name
        assert directives["style-src"] == "'self'", name
        assert directives["img-src"] == "'self' data:", name
        assert directives["frame-ancestors"] == "'none'", name
        assert directives["form-action"] == "'self'", name
        assert directives["base-uri"] == "'none'", name
        assert headers["X-Content-Type-Options"] == "nosniff", name
        assert headers["Referrer-Policy"] == "no-referrer", name
        assert headers["X-Frame-Options"] == "DENY", name
    assert seen == 12


def test_answers_made_from_what_the_sender_wrote_are_never_cached(client):
    for name, response in _responses(client):
        if name in ("preview post", "check post", "download", "live preview"):
            assert response.headers["Cache-Control"] == "no-store", name


def test_wrong_method_is_a_kind_405_that_says_what_is_allowed(client):
    response = client.get(f"/cards/{SLUG}/preview.json")
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]
    assert "gallery" in response.get_data(as_text=True)


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline script"),
    (re.compile(r"\sstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"<style", re.I), "a style element"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an inline event handler"),
    (re.compile(r"(?:src|href)=\"(?:https?:)?//", re.I), "a resource from another host"),
]


@pytest.mark.parametrize("name", ["gallery", "privacy", "personalise", "not found", "preview post", "check post"])
def test_pages_have_no_inline_script_or_style_and_nothing_from_elsewhere(client, name):
    page = dict(_responses(client))[name].get_data(as_text=True)
    assert "<html" in page
    for pattern, what in INLINE:
        assert not pattern.search(page), f"{name} has {what}"


def test_gallery_sets_no_cookie_and_the_form_only_the_csrf_session(client):
    assert "Set-Cookie" not in client.get("/").headers
    assert "Set-Cookie" not in client.get("/privacy").headers
    cookies = client.get(f"/cards/{SLUG}").headers.getlist("Set-Cookie")
    assert len(cookies) == 1
    assert cookies[0].startswith("session=")
    assert "HttpOnly" in cookies[0] and "SameSite=Lax" in cookies[0]
    assert "Expires" not in cookies[0]  # ends with the browser session


def test_what_the_sender_writes_is_not_logged_even_when_something_breaks(monkeypatch, caplog):
    """An unexpected failure is logged with its traceback (so it can be fixed), but not the form."""
    from cardshop import create_app
    from cardshop.web import cards

    def broken(*args, **kwargs):
        raise RuntimeError("the renderer fell over")

    app = create_app({"PROPAGATE_EXCEPTIONS": False})
    client = app.test_client()
    secret = "Ottilie-Marigold-7421"
    token = csrf_token(client, f"/cards/{SLUG}")
    monkeypatch.setattr(cards, "render_card", broken)
    caplog.set_level("DEBUG")
    response = client.post(f"/cards/{SLUG}", data={"csrf_token": token, "message": secret, "action": "check"})
    assert response.status_code == 500
    assert "Nothing you wrote has been kept" in response.get_data(as_text=True)
    assert "the renderer fell over" in caplog.text
    assert secret not in caplog.text
    live = client.post(
        f"/cards/{SLUG}/preview.json",
        data={"csrf_token": token, "message": secret},
        headers={"Accept": "application/json"},
    )
    assert live.status_code == 500 and live.is_json
    assert secret not in caplog.text
