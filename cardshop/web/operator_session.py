"""Operators' sign-in sessions: password, then a TOTP code, then a session that expires.

The session lives in Flask's signed session cookie (HttpOnly, SameSite=Lax, Secure behind HTTPS with
CARDSHOP_SECURE_COOKIES): the operator's id, their `session_epoch` (raising it ends every session of
theirs), when they signed in and when they were last seen. A session ends after
`CARDSHOP_OPERATOR_IDLE_MINUTES` (30) without a request, and after `CARDSHOP_OPERATOR_MAX_HOURS` (12)
whatever happens. Between the password and the code, the half-signed-in state lasts 5 minutes.
Every form is CSRF-protected by the app's CSRFProtect.
"""

from __future__ import annotations

import os
import time
from functools import wraps

from flask import current_app, g, redirect, session, url_for

from cardshop.orders.models import Operator
from cardshop.web.order_store import orders_of_app

PENDING_SECONDS = 300


def _settings() -> tuple[int, int]:
    config = current_app.config
    idle = config.get("CARDSHOP_OPERATOR_IDLE_MINUTES", os.environ.get("CARDSHOP_OPERATOR_IDLE_MINUTES", 30))
    longest = config.get("CARDSHOP_OPERATOR_MAX_HOURS", os.environ.get("CARDSHOP_OPERATOR_MAX_HOURS", 12))
    return int(idle) * 60, int(longest) * 3600


def start_pending(operator: Operator) -> None:
    session.clear()
    session["operator_pending"] = {"id": operator.id, "at": int(time.time())}


def pending_operator_id() -> int | None:
    pending = session.get("operator_pending")
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    return pending.get("id")


def start_session(operator: Operator) -> None:
    session.clear()  # a fresh session (and CSRF token) for the signed-in operator
    now = int(time.time())
    session["operator"] = {"id": operator.id, "epoch": operator.session_epoch, "since": now, "seen": now}


def end_session() -> None:
    session.clear()


def signed_in_operator(db_session) -> Operator | None:
    """The operator of this session if it is still valid (and marks it seen), else None."""
    data = session.get("operator")
    if not data:
        return None
    idle, longest = _settings()
    now = int(time.time())
    if now - data.get("seen", 0) > idle or now - data.get("since", 0) > longest:
        session.clear()
        return None
    operator = db_session.get(Operator, data.get("id"))
    if operator is None or operator.session_epoch != data.get("epoch"):
        session.clear()
        return None
    if now - data["seen"] >= 60:  # refresh at most once a minute, not a new cookie per request
        session["operator"] = {**data, "seen": now}
    return operator


def operator_required(view):
    """The view runs with `g.db` (a session, committed afterwards) and `g.operator`, or redirects to
    sign in."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        store = orders_of_app().store
        with store.session() as db_session:
            operator = signed_in_operator(db_session)
            if operator is None:
                return redirect(url_for("operator.sign_in", expired=1 if "operator" not in session else 0), 303)
            g.db, g.operator = db_session, operator
            return view(*args, **kwargs)

    return wrapped
