"""Kind pages for the HTTP errors that have no page of their own (405, 400 from a malformed request,
414, 431, ...), so no refusal ever shows a bare server page.

The specific handlers in app.py (400 for CSRF, 404, 413, 500) and limits.py (429) take precedence:
Flask picks the handler for the exact code or class before this one.
"""

from __future__ import annotations

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException

_TITLES = {
    400: "Please try again",
    405: "Please try again",
}
_DEFAULT_MESSAGE = (
    "We couldn't make sense of that request. Please go back to the card, reload the page and try again. "
    "Nothing you wrote has been kept."
)


def register_http_errors(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code >= 500:
            return error
        title = _TITLES.get(error.code, "Please try again")
        # Keep the error's own headers (a 405's Allow), not its plain-text body.
        headers = [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]
        return render_template("error.html", title=title, message=_DEFAULT_MESSAGE), error.code, headers
