"""Configuration comes from the environment with safe defaults."""

from __future__ import annotations

import logging

from cardshop import create_app


def test_secret_key_is_generated_when_missing(monkeypatch):
    monkeypatch.delenv("CARDSHOP_SECRET_KEY", raising=False)
    first, second = create_app(), create_app()
    assert len(first.config["SECRET_KEY"]) >= 32
    assert first.config["SECRET_KEY"] != second.config["SECRET_KEY"]


def test_production_without_a_secret_key_warns(monkeypatch, caplog):
    monkeypatch.delenv("CARDSHOP_SECRET_KEY", raising=False)
    monkeypatch.setenv("CARDSHOP_ENV", "production")
    with caplog.at_level(logging.WARNING, logger="cardshop"):
        create_app()
    assert "CARDSHOP_SECRET_KEY is not set" in caplog.text


def test_secret_key_from_the_environment(monkeypatch, caplog):
    monkeypatch.setenv("CARDSHOP_SECRET_KEY", "k" * 40)
    monkeypatch.setenv("CARDSHOP_ENV", "production")
    with caplog.at_level(logging.WARNING, logger="cardshop"):
        app = create_app()
    assert app.config["SECRET_KEY"] == "k" * 40
    assert "not set" not in caplog.text


def test_csrf_is_on_by_default():
    assert create_app().config.get("WTF_CSRF_ENABLED", True) is True
