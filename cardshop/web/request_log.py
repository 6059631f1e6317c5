"""Request logs that hold nothing a sender wrote, and error logs without exception messages.

One line per request on the `cardshop.requests` logger: method, route, design slug (only when it
names a design in the catalogue), status, duration and response size, for example
`POST /cards/<slug> slug=forget-me-nots 200 84ms 912345B`. Never the path as typed, the query
string, the body, the client's address or any header: a path or query can carry text, and the
privacy page promises that what people write is never logged.

Unhandled exceptions are logged with their type and stack frames, but with their message withheld:
messages often quote input (a UnicodeEncodeError quotes the string it choked on) and we can't tell
which do. The frames (file, line, code) are enough to find the fault. The exceptions about design
files (artwork, fonts, paths) keep their messages: they are made only from the design's own data
and say which file is broken.

When nothing else has configured logging (no handler on the root logger), request lines go to
standard error, which is where gunicorn and `flask run` send their own logs.
"""

from __future__ import annotations

import logging
import sys
import time
import traceback

from flask import Flask, current_app, g, request

from cardshop.design.paths import UnsafePath, printable
from cardshop.render.art.artwork import ArtError
from cardshop.render.art.raster import RasterError
from cardshop.render.art.svg import SvgError
from cardshop.render.text.fonts import FontError

request_log = logging.getLogger("cardshop.requests")
error_log = logging.getLogger("cardshop.errors")
design_log = logging.getLogger("cardshop.designs")  # designs left out, with their file and key


def _route() -> str:
    """The matched route pattern, with the slug only when it is a known design; never the raw path."""
    rule = request.url_rule
    if rule is None:
        return "(no route)"
    slug = (request.view_args or {}).get("slug")
    if slug is not None:
        catalog = current_app.extensions.get("cardshop_catalog")
        if catalog is not None and catalog.get().get(slug) is not None:
            return f"{rule.rule} slug={printable(slug)}"  # a folder's name may hold anything
    return rule.rule


def _design_file_errors() -> tuple[type, ...]:
    return (ArtError, SvgError, RasterError, FontError, UnsafePath)


def redacted_traceback(exc_info) -> str:
    """Stack frames of the exception and its causes, with every exception's message withheld."""
    _, error, _ = exc_info
    chain = []
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        chain.append(error)
        error = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    parts = []
    safe = _design_file_errors()
    for error in reversed(chain):
        kind = type(error)
        # type(error) in safe, not isinstance: a subclass could build its message from anything.
        message = printable(str(error)) if kind in safe else "(message withheld: it may quote what a sender wrote)"
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_tb(error.__traceback__))
        parts.append(f"{kind.__module__}.{kind.__qualname__}: {message}\n")
    return "".join(parts)


def init_request_log(app: Flask) -> None:
    """Log every request (see the module docstring) and replace Flask's exception logging."""
    request_log.setLevel(logging.INFO)
    if not logging.getLogger().handlers and not request_log.handlers and not app.testing:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        for logger in (request_log, error_log, design_log):
            logger.addHandler(handler)
            logger.propagate = False
    # Flask-Limiter logs the client's address when a limit is hit; we keep no addresses.
    logging.getLogger("flask-limiter").setLevel(logging.WARNING)

    @app.before_request
    def _start_clock():
        g.cardshop_started = time.perf_counter()

    @app.after_request
    def _log_request(response):
        started = g.get("cardshop_started")
        duration = f"{(time.perf_counter() - started) * 1000:.0f}ms" if started is not None else "-"
        size = response.calculate_content_length()
        request_log.info(
            "%s %s %s %s %sB",
            request.method,
            _route(),
            response.status_code,
            duration,
            "-" if size is None else size,
        )
        return response

    def log_exception(exc_info) -> None:
        error_log.error("Exception on %s [%s]\n%s", _route(), request.method, redacted_traceback(exc_info).rstrip("\n"))

    # Flask calls app.log_exception(exc_info) for every unhandled exception; an instance attribute
    # replaces its method, which would log the raw path and the full exception message.
    app.log_exception = log_exception
