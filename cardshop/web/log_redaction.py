"""Keep private order links out of the development server's access log.

Flask's development server (Werkzeug) logs every request line as typed, and a sender's private link
carries their order's token (`/orders/<token>`). Our own request log shows only route patterns; this
filter rewrites Werkzeug's lines so the token is replaced by `<token>` before anything is written.
(gunicorn's access log, which would show the same, is off unless asked for: leave it off.)
"""

from __future__ import annotations

import logging
import re

TOKEN_IN_PATH = re.compile(r"/orders/[A-Za-z0-9_%-]{20,}")


class RedactOrderTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/orders/" in message:
            record.msg = TOKEN_IN_PATH.sub("/orders/<token>", message)
            record.args = ()
        return True


def redact_werkzeug_log() -> None:
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(existing, RedactOrderTokens) for existing in logger.filters):
        logger.addFilter(RedactOrderTokens())
