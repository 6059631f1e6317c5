"""The Flask app factory: configuration, CSRF protection, blueprints, error pages and CLI commands."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request, url_for
from flask_wtf.csrf import CSRFError, CSRFProtect

from cardshop.cli import register_cli
from cardshop.studio.catalogue import CatalogCache
from cardshop.web.cards import cards
from cardshop.web.config import check_press_profile, load_config
from cardshop.web.http_errors import register_http_errors
from cardshop.web.limits import init_rate_limits
from cardshop.web.operator import operator
from cardshop.web.order_commands import register_order_cli
from cardshop.web.order_store import init_orders
from cardshop.web.orders import orders
from cardshop.web.pages import pages
from cardshop.web.remember import remember
from cardshop.web.render_faults import CardUnavailable
from cardshop.web.request_log import init_request_log
from cardshop.web.security import init_security
from cardshop.web.share import share

csrf = CSRFProtect()
log = logging.getLogger("cardshop")


def build_app(overrides: dict | None = None) -> Flask:
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.config.update(load_config())
    app.config.update(overrides or {})
    check_press_profile()  # fail at the start, naming the variable and path, not at every Gelato download
    if app.config["SECRET_KEY_GENERATED"] and app.config["CARDSHOP_ENV"] == "production":
        log.warning(
            "CARDSHOP_SECRET_KEY is not set: using a random key for this process. "
            "Set it in production so forms keep working across restarts and workers."
        )
    app.extensions["cardshop_catalog"] = CatalogCache(
        app.config["CARDSHOP_TEMPLATES_DIR"], watch=app.config["CARDSHOP_WATCH_DESIGNS"]
    )
    # Request logging first (it starts the clock), then the rate limiter, so that requests CSRF
    # refuses are still counted and logged.
    init_request_log(app)
    limiter = init_rate_limits(app)
    # Placing orders and signing in are limited like renders (the order form renders the card too).
    limiter.limit(lambda: app.config["CARDSHOP_RATE_LIMIT"], methods=["POST"])(orders)
    limiter.limit(lambda: app.config["CARDSHOP_RATE_LIMIT"], methods=["POST"])(operator)
    init_orders(app)
    csrf.init_app(app)
    init_security(app)

    app.register_blueprint(pages)
    app.register_blueprint(cards)
    app.register_blueprint(remember)
    app.register_blueprint(share)
    app.register_blueprint(orders)
    app.register_blueprint(operator)
    _register_errors(app)
    register_http_errors(app)

    register_cli(app)
    register_order_cli(app)
    return app


def _error_page(title: str, message: str, status: int):
    """The error as a page, or as JSON for the live preview (which asks for JSON and shows the message).
    On a card's own address the page links back to the card, where the words kept in the tab return."""
    if request.accept_mimetypes.best == "application/json":
        return jsonify({"ok": False, "title": title, "message": message}), status
    slug = (request.view_args or {}).get("slug")
    card_url = url_for("cards.personalise", slug=slug) if isinstance(slug, str) and status != 404 else None
    return render_template("error.html", title=title, message=message, card_url=card_url), status


def _register_errors(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        message = (
            "This page was open for a while, so the form needs a fresh start. What you wrote is still "
            "in this browser tab: open your card again and your words will be there."
        )
        return _error_page("Please try again", message, 400)

    @app.errorhandler(404)
    def not_found(error):
        message = "We couldn't find that page. The card may have been renamed; the gallery has every card we offer."
        return _error_page("Page not found", message, 404)

    @app.errorhandler(405)
    def not_allowed(error):
        message = "That page can't be opened that way. The gallery is the best place to start again."
        response, status = _error_page("Please start again", message, 405)
        response = app.make_response((response, status))
        response.headers["Allow"] = ", ".join(error.valid_methods or [])
        return response

    @app.errorhandler(413)
    def too_large(error):
        message = "That was more than a card can hold. Please shorten your text and try again."
        return _error_page("Too much text", message, 413)

    @app.errorhandler(CardUnavailable)
    def card_unavailable(error: CardUnavailable):
        return _error_page(error.title, error.description, 503)

    @app.errorhandler(500)
    def server_error(error):
        message = (
            "Something went wrong on our side. Nothing you wrote has been kept here, and your words are "
            "still in this browser tab: please open your card again in a moment."
        )
        return _error_page("Sorry", message, 500)
