"""Logs hold no message text, names or addresses: a unique marker sent through every path (pages,
form errors, refusals, the command line, a crash) appears in no log record and no console output,
while the request lines themselves are there."""

from __future__ import annotations

import logging

import pytest

from cardshop import create_app
from tests.conftest import csrf_token, post_card

SLUG = "forget-me-nots"
MARKER = "Qzxv-Marigold-5150"  # a string that occurs nowhere else


@pytest.fixture()
def all_logs(caplog):
    caplog.set_level(logging.DEBUG)  # every logger, every level
    return caplog


def _assert_no_marker(all_logs, capfd):
    out, err = capfd.readouterr()
    records = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''} {r.args!r}" for r in all_logs.records)
    assert MARKER not in records
    assert MARKER not in all_logs.text
    assert MARKER not in out and MARKER not in err


def test_form_posts_log_no_text(client, all_logs, capfd):
    fields = {
        "recipient": f"Dear {MARKER}",
        "baby_name": MARKER,
        "date": MARKER,
        "message": f"Thinking of you, {MARKER}.",
        "signoff": MARKER,
        "sender": MARKER,
    }
    assert post_card(client, SLUG, fields, action="preview").status_code == 200
    assert post_card(client, SLUG, fields, action="download").status_code == 200
    too_long = {**fields, "message": (MARKER + " ") * 40}
    assert post_card(client, SLUG, too_long).status_code == 422
    unprintable = {**fields, "message": f"{MARKER} \U0001d518"}
    assert post_card(client, SLUG, unprintable).status_code == 422
    _assert_no_marker(all_logs, capfd)
    lines = [r.getMessage() for r in all_logs.records if r.name == "cardshop.requests"]
    assert sum(line.startswith(f"POST /cards/<slug> slug={SLUG} ") for line in lines) == 4
    assert any(" 422 " in line for line in lines)


def test_refusals_log_no_text(all_logs, capfd):
    # Every POST counts towards the limit, refused ones too: the third one here is over it.
    app = create_app({"TESTING": True, "RATELIMIT_ENABLED": True, "CARDSHOP_RATE_LIMIT": "2 per minute"})
    client = app.test_client()
    path = f"/cards/{SLUG}"
    token = csrf_token(client, path)
    assert client.post(path, data={"csrf_token": token, "message": MARKER * 3000}).status_code == 413
    assert client.post(path, data={"message": MARKER}).status_code == 400  # no CSRF token
    assert post_card(client, SLUG, {"message": MARKER}).status_code == 429
    assert client.get(f"/cards/{MARKER}").status_code == 404  # text in the path
    assert client.get(f"{path}?message={MARKER}").status_code == 200  # and in a query string
    assert client.get(f"/{MARKER}/x").status_code == 404
    _assert_no_marker(all_logs, capfd)
    lines = [r.getMessage() for r in all_logs.records if r.name == "cardshop.requests"]
    assert any(line.startswith("POST /cards/<slug>") and " 413 " in line for line in lines)
    assert any(line.startswith("GET /cards/<slug> 404") for line in lines)  # unknown slug not named
    assert any(line.startswith("GET (no route) 404") for line in lines)


def test_command_line_logs_no_text(app, tmp_path, all_logs, capfd):
    out = tmp_path / "card.pdf"
    result = app.test_cli_runner().invoke(args=["render", SLUG, "--set", f"message={MARKER}", "--out", str(out)])
    assert result.exit_code == 0 and out.exists()
    assert MARKER not in result.output
    _assert_no_marker(all_logs, capfd)


def test_a_crash_logs_its_stack_but_not_the_text(monkeypatch, all_logs, capfd):
    """An exception whose message quotes the sender's text: the 500 page is kind, and the log has
    the exception's type and frames but not its message."""
    import cardshop.web.cards as cards_module

    real_render = cards_module.render_card

    def failing_render(folder, design, values, options):
        if not values:  # the blank preview on the page itself
            return real_render(folder, design, values, options)
        raise ValueError(f"could not handle {values['message']!r}")

    monkeypatch.setattr(cards_module, "render_card", failing_render)
    client = create_app({"TESTING": True, "PROPAGATE_EXCEPTIONS": False}).test_client()
    response = post_card(client, SLUG, {"message": MARKER}, action="download")
    assert response.status_code == 500
    assert "Nothing you wrote has been kept" in response.get_data(as_text=True)
    errors = [r for r in all_logs.records if r.name == "cardshop.errors"]
    assert len(errors) == 1
    logged = errors[0].getMessage()
    assert "Exception on /cards/<slug> slug=forget-me-nots [POST]" in logged
    assert "builtins.ValueError: (message withheld" in logged
    assert "failing_render" in logged  # the frames are there to debug with
    _assert_no_marker(all_logs, capfd)


def test_design_file_errors_keep_their_message(monkeypatch, all_logs):
    """Errors about the shipped files say which file: they are made from those files only. (Broken
    artwork is answered kindly with a 503 instead: tests/test_render_faults.py.)"""
    import cardshop.web.cards as cards_module
    from cardshop.render.text.fonts import FontError

    real_render = cards_module.render_card

    def broken_font(folder, design, values, options):
        if not values:
            return real_render(folder, design, values, options)
        raise FontError("fonts/manifest.toml: family 'Lora' has no `regular` file")

    monkeypatch.setattr(cards_module, "render_card", broken_font)
    client = create_app({"TESTING": True, "PROPAGATE_EXCEPTIONS": False}).test_client()
    assert post_card(client, SLUG, {"message": "hi"}, action="download").status_code == 500
    logged = next(r.getMessage() for r in all_logs.records if r.name == "cardshop.errors")
    assert "FontError: fonts/manifest.toml: family 'Lora' has no `regular` file" in logged


def test_request_lines_go_to_stderr_when_nothing_else_is_set_up(monkeypatch, capfd):
    """Outside tests, with no logging configured, request lines reach standard error (where
    gunicorn's own log goes) without any text."""
    from cardshop.web import request_log

    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    for logger in (request_log.request_log, request_log.error_log):
        monkeypatch.setattr(logger, "handlers", [])
        monkeypatch.setattr(logger, "propagate", True)
    app = create_app()
    client = app.test_client()
    path = f"/cards/{SLUG}"
    token = csrf_token(client, path)
    client.post(path, data={"csrf_token": token, "message": MARKER, "action": "download", "layout": "pro"})
    err = capfd.readouterr().err
    assert f"cardshop.requests: POST /cards/<slug> slug={SLUG} 200" in err
    assert MARKER not in err
