"""Limits on requests: the body size of chunked uploads, and rate limiting of the render endpoints
so that one client can't starve the others.

Body size: Flask's MAX_CONTENT_LENGTH answers 413 when a request states a larger Content-Length. A
chunked request states none, and Werkzeug 3.1 then quietly cuts its body at the limit and parses
what is left (a form missing its last fields) instead of refusing it. `ChunkedBodyLimit` reads such a
body up to one byte past the limit and hands Flask a body with a Content-Length, so it gets the same
413 as any other oversized request. Memory stays bounded by the limit.

Rate limiting: one budget per client for everything that renders.
Every render costs real CPU, so each client has one budget (`CARDSHOP_RATE_LIMIT`, in units) shared
by the live preview, suggestions, thumbnails, the check page and downloads; each request spends units
by what it costs, in live previews (`RENDER_COSTS`, and `DOWNLOAD_COSTS` by what a download makes):
a print-shop PDF costs one, a Prodigi picture forty. A client refused on one endpoint is refused on
all of them until its window moves on, so hammering each endpoint in turn buys nothing. Pages, static
files and the gallery itself are not limited.

A person typing never meets the limit: the page keeps at most one preview in flight (the latest text
wins), and paces itself by the budget headers every answer carries (X-RateLimit-Remaining and
X-RateLimit-Reset) when the budget runs low, so only a client that ignores them is refused.

The window moves (a "moving window"), so there is no burst at the turn of each minute. Flask-Limiter
keeps the counts in memory by default, which is per worker process: with N gunicorn workers a client
gets up to N times the budget. Point `CARDSHOP_RATE_LIMIT_STORAGE` at a shared store
(e.g. `redis://...`) to make it exact.

Clients are told apart by their address. Behind a reverse proxy every request comes from the proxy,
so set `CARDSHOP_TRUSTED_PROXIES` to the number of proxies in front of the app; their
X-Forwarded-For header is then believed (and only then: a client could forge it).

On by default; off when the app is built for tests (TESTING) unless a test turns it on with
`RATELIMIT_ENABLED=True`, and off anywhere with `CARDSHOP_RATE_LIMIT_ENABLED=0`.
"""

from __future__ import annotations

import io
import os

from flask import Flask, jsonify, render_template, request, url_for
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wsgi import get_content_length

from cardshop.web.cards import cards

# Units per client per minute. A sender typing at 5 keys a second sends at most 5 previews a second
# (300 units a minute) and the page slows down before the budget runs out; a script asking for renders
# as fast as the server answers spends it in well under a minute.
DEFAULT_RENDER_LIMIT = "600 per minute"

# What each request spends from the budget, by endpoint; a download (a POST with action=download)
# spends its DOWNLOAD_COSTS entry. Anything else in the cards blueprint that is a GET spends nothing.
RENDER_COSTS = {
    "cards.preview_json": 1,  # one render and three small images: the unit
    "cards.suggestions_json": 1,
    "cards.thumbnail": 1,  # cached after the first, but a client could ask for many
    "cards.personalise": 2,  # a preview or check page without JavaScript: a render and larger images
}
# A download's cost in live previews: its median time over a live preview's, at its slowest size,
# from bench/render_costs.py (three runs, two designs; a preview took 36-176 ms as the machine's load
# varied), rounded up with a third to spare. PDFs take 0.1-0.4 previews, so they cost one; pictures
# are rasterised at print resolution. No request gets more CPU per unit than a preview does.
DOWNLOAD_COSTS = {
    "home-a4": 1,  # 0.2x a preview
    "home-letter": 1,  # 0.3x
    "pro": 1,  # 0.3x
    "pro-pages": 1,  # 0.3x
    "gelato": 1,  # 0.4x: PDF/X-4, its art separated once per worker and reused
    "prodigi": 40,  # 19-30x: one picture of both spreads at 300 dpi
    "printful": 20,  # 10-13x: four panel pictures in a ZIP
    "flat-png": 6,  # 3.8-4.7x: the front at 300 dpi
    "flat": 1,  # 0.2x
    "envelope": 1,  # 0.2x
}
BUDGET_SCOPE = "render"


def _env_flag(name: str) -> bool | None:
    value = os.environ.get(name)
    if value is None:
        return None
    return value.strip().lower() in ("1", "true", "yes", "on")


class ChunkedBodyLimit:
    """WSGI middleware: give chunked request bodies a Content-Length, reading at most limit + 1 bytes."""

    def __init__(self, wsgi_app, app: Flask):
        self.wsgi_app = wsgi_app
        self.app = app

    def __call__(self, environ, start_response):
        limit = self.app.config.get("MAX_CONTENT_LENGTH")
        # get_content_length is None for chunked requests, whatever Content-Length says.
        if limit is not None and environ.get("wsgi.input_terminated") and get_content_length(environ) is None:
            stream = environ["wsgi.input"]
            body = bytearray()
            while len(body) <= limit:
                chunk = stream.read(min(64 * 1024, limit + 1 - len(body)))
                if not chunk:
                    break
                body.extend(chunk)
            environ["wsgi.input"] = io.BytesIO(bytes(body))
            environ["CONTENT_LENGTH"] = str(len(body))  # one byte over the limit is enough for a 413
            environ.pop("HTTP_TRANSFER_ENCODING", None)
            del environ["wsgi.input_terminated"]
        return self.wsgi_app(environ, start_response)


def request_cost() -> int:
    """Units this request spends from its client's budget."""
    if request.endpoint == "cards.personalise" and request.form.get("action") == "download":
        # A choice we don't offer renders no download, only the check page again.
        return DOWNLOAD_COSTS.get(request.form.get("layout", ""), RENDER_COSTS["cards.personalise"])
    return RENDER_COSTS.get(request.endpoint or "", 1)


def _free() -> bool:
    """Requests that render nothing new: the personalise page itself and any other GET but thumbnails."""
    return request.method != "POST" and request.endpoint != "cards.thumbnail"


def init_rate_limits(app: Flask) -> Limiter:
    """Limit chunked bodies; attach a limiter to `app` and limit POSTs to the cards blueprint (call
    before other before-request hooks, so that refused requests are counted too)."""
    config = app.config
    if "RATELIMIT_ENABLED" not in config:
        from_env = _env_flag("CARDSHOP_RATE_LIMIT_ENABLED")
        config["RATELIMIT_ENABLED"] = (not app.testing) if from_env is None else from_env
    config.setdefault("RATELIMIT_STORAGE_URI", os.environ.get("CARDSHOP_RATE_LIMIT_STORAGE", "memory://"))
    config.setdefault("CARDSHOP_RATE_LIMIT", os.environ.get("CARDSHOP_RATE_LIMIT", DEFAULT_RENDER_LIMIT))
    config.setdefault("RATELIMIT_HEADERS_ENABLED", True)  # Retry-After tells a client when to come back
    app.wsgi_app = ChunkedBodyLimit(app.wsgi_app, app)
    proxies = int(config.get("CARDSHOP_TRUSTED_PROXIES", os.environ.get("CARDSHOP_TRUSTED_PROXIES", 0)))
    if proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)

    config.setdefault("RATELIMIT_STRATEGY", "moving-window")
    limiter = Limiter(get_remote_address, app=app, default_limits=[])
    # One shared scope for the whole blueprint: one budget, whichever endpoint spends it. The limit is
    # read at request time, so a test can change it on an app it already built.
    limiter.shared_limit(
        lambda: app.config["CARDSHOP_RATE_LIMIT"], scope=BUDGET_SCOPE, cost=request_cost, exempt_when=_free
    )(cards)
    app.extensions["cardshop_limiter"] = limiter

    @app.errorhandler(RateLimitExceeded)
    def too_many_requests(error):
        message = (
            "You've asked for a lot of previews and downloads in a short time, so we've paused for a "
            "moment to keep the site working for everyone. Please wait a minute and try again. What you "
            "wrote is still in this browser tab: open your card again and your words will be there. "
            "Nothing you wrote has been kept on our side."
        )
        if request.accept_mimetypes.best == "application/json":  # the live preview shows the message
            return jsonify({"ok": False, "paused": True, "title": "Please wait a moment", "message": message}), 429
        slug = (request.view_args or {}).get("slug")
        card_url = url_for("cards.personalise", slug=slug) if isinstance(slug, str) else None
        return render_template("error.html", title="Please wait a moment", message=message, card_url=card_url), 429

    return limiter
