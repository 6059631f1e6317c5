"""Kind pages for the HTTP errors that have no page of their own (405, 400 from a malformed request,
414, 431, ...), so no refusal ever shows a bare server page.

The specific handlers in app.py (400 for CSRF, 404, 413, 500) and limits.py (429) take precedence:
Flask picks the handler for the exact code or class before this one.
"""

from __future__ import annotations

from flask import Flask, render_template, request, url_for
from werkzeug.exceptions import HTTPException

_TITLES = {
    400: "Please try again",
    405: "Please try again",
}
_DEFAULT_MESSAGE = (
    "We couldn't make sense of that request. What you wrote is still in this browser tab: open your card "
    "again and your words will be there. Nothing you wrote has been kept on our side."
)


def register_http_errors(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code >= 500:
            return error
        title = _TITLES.get(error.code, "Please try again")
        # Keep the error's own headers (a 405's Allow), not its plain-text body.
        headers = [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]
        slug = (request.view_args or {}).get("slug")
        card_url = url_for("cards.personalise", slug=slug) if isinstance(slug, str) else None
        page = render_template("error.html", title=title, message=_DEFAULT_MESSAGE, card_url=card_url)
        return page, error.code, headers
