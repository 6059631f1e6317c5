"""gunicorn's own logging, made to keep nothing a sender sent.

gunicorn logs some requests itself, outside the app: a request it cannot parse ("Invalid request
from ip=...: Invalid HTTP request line: '<the line as sent>'", at WARNING), a request a worker was
handling when it timed out or failed ("Error handling request /cards/...?<query>", with the
exception's message), and, when configured, an access line per request. Those lines would hold a
path, a query string or header bytes a client typed, and its address. This logger class keeps the
fact and drops the detail: such messages keep only their first words, a stack keeps its frames and
the exception's type but not its message (as the app's own error log does), and there is no
access log at all. gunicorn.conf.py at the top of the repository sets it.
"""

from __future__ import annotations

import sys

from gunicorn import glogging

from cardshop.web.request_log import redacted_traceback

# gunicorn's messages that go on to quote a request, a client's address or an error about either.
_CLIENT_DETAIL = (
    "Invalid request from",
    "Error handling request",
    "Socket error processing request",
    "Ignored premature client disconnection",
    "Closing connection",
    "Error processing SSL request",
    "Failed to send error message",
    "Exception in post_request hook",
)
WITHHELD = "(details withheld: they may hold what a client sent)"


def private_message(msg, args: tuple) -> tuple[str, tuple]:
    """The message and its arguments, or only its first words where the rest would quote a client."""
    if not isinstance(msg, str):  # gunicorn sometimes logs an exception object itself
        return f"{type(msg).__name__} {WITHHELD}", ()
    for prefix in _CLIENT_DETAIL:
        if msg.startswith(prefix):
            return f"{prefix} {WITHHELD}", ()
    return msg, args


class PrivateLogger(glogging.Logger):
    """gunicorn's logger with no access log and no client detail in its error log."""

    def access(self, resp, req, environ, request_time) -> None:
        return  # never: a request line holds the path and query as typed

    def critical(self, msg, *args, **kwargs) -> None:
        self._log("critical", msg, args, kwargs)

    def error(self, msg, *args, **kwargs) -> None:
        self._log("error", msg, args, kwargs)

    def warning(self, msg, *args, **kwargs) -> None:
        self._log("warning", msg, args, kwargs)

    def info(self, msg, *args, **kwargs) -> None:
        self._log("info", msg, args, kwargs)

    def debug(self, msg, *args, **kwargs) -> None:
        self._log("debug", msg, args, kwargs)

    def exception(self, msg, *args, **kwargs) -> None:
        text, args = private_message(msg, args)
        kwargs.pop("exc_info", None)
        stack = redacted_traceback(sys.exc_info()) if sys.exc_info()[0] is not None else ""
        self.error_log.error(text + ("\n%s" if stack else ""), *args, *((stack.rstrip("\n"),) if stack else ()))

    def log(self, lvl, msg, *args, **kwargs) -> None:
        text, args = private_message(msg, args)
        kwargs.pop("exc_info", None)
        super().log(lvl, text, *args, **kwargs)

    def _log(self, level: str, msg, args: tuple, kwargs: dict) -> None:
        text, args = private_message(msg, args)
        if kwargs.pop("exc_info", None):
            stack = redacted_traceback(sys.exc_info()) if sys.exc_info()[0] is not None else ""
            if stack:
                text, args = text + "\n%s", (*args, stack.rstrip("\n"))
        getattr(self.error_log, level)(text, *args, **kwargs)
