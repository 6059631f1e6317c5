"""The operators' side over HTTP: sign-in with a password and a TOTP code, lockout, sessions that
expire, CSRF, then the queue (preview and kindness notes), approve, hold, a batch, printed, posted,
and the sender's link saying posted."""

from __future__ import annotations

import re
import time

import pyotp
import pytest

from cardshop import create_app
from cardshop.orders import lifecycle
from cardshop.orders.crypto import new_key
from cardshop.orders.database import utcnow
from cardshop.orders.operators import add_operator
from tests.conftest import csrf_token
from tests.test_orders_web import SLUG, order_form

PASSWORD = "correct horse battery"


@pytest.fixture()
def shop(tmp_path, smtp_server):
    url = f"sqlite:///{tmp_path / 'operators.db'}"
    settings = {"CARDSHOP_DATABASE_URL": url, "CARDSHOP_DATA_KEY": new_key(), **smtp_server.settings()}
    app = create_app({"TESTING": True, **settings})
    orders = app.extensions["cardshop_orders"]
    with orders.store.session() as session:
        made = add_operator(session, orders.cipher, "ash", PASSWORD, utcnow())
    app.totp = pyotp.parse_uri(made.otpauth_uri)
    return app


def form_token(client, path: str) -> str:
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def sign_in(client, app, password=PASSWORD, code=None):
    token = form_token(client, "/operator/sign-in")
    first = client.post("/operator/sign-in", data={"csrf_token": token, "name": "ash", "password": password})
    if first.status_code != 303:
        return first
    token = form_token(client, "/operator/code")
    return client.post("/operator/code", data={"csrf_token": token, "code": code or app.totp.now()})


def test_sign_in_needs_the_password_and_then_the_code(shop):
    client = shop.test_client()
    assert client.get("/operator").status_code == 303  # not signed in: to the sign-in page
    wrong = sign_in(client, shop, code="000000" if shop.totp.now() != "000000" else "111111")
    assert wrong.status_code == 401 and "code isn" in wrong.get_data(as_text=True)
    client = shop.test_client()
    response = sign_in(client, shop)
    assert response.status_code == 303 and response.headers["Location"].endswith("/operator")
    page = client.get("/operator")
    assert page.status_code == 200 and "Printing queue" in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store"


def test_posts_without_the_csrf_token_are_refused(shop):
    client = shop.test_client()
    assert client.post("/operator/sign-in", data={"name": "ash", "password": PASSWORD}).status_code == 400
    sign_in(client, shop)
    assert client.post("/operator/batches").status_code == 400


def test_repeated_failures_lock_the_account(shop):
    client = shop.test_client()
    for _ in range(4):
        assert sign_in(client, shop, password="not the password").status_code == 401
    locked = sign_in(client, shop, password="not the password")
    assert locked.status_code == 429 and "locked for 15 minutes" in locked.get_data(as_text=True)
    assert sign_in(client, shop).status_code == 429  # even the right password, while locked
    # Another operator vouches for them: the lockout lifts at once.
    unlocked = shop.test_cli_runner().invoke(args=["operators", "unlock", "ash"])
    assert unlocked.exit_code == 0, unlocked.output
    assert sign_in(shop.test_client(), shop).status_code == 303
    missing = shop.test_cli_runner().invoke(args=["operators", "unlock", "nobody"])
    assert missing.exit_code == 1 and "nobody" not in missing.output


def test_sessions_expire_when_idle(shop):
    client = shop.test_client()
    sign_in(client, shop)
    assert client.get("/operator").status_code == 200
    with client.session_transaction() as session:
        session["operator"] = {**session["operator"], "seen": int(time.time()) - 31 * 60}
    expired = client.get("/operator")
    assert expired.status_code == 303 and "sign-in" in expired.headers["Location"]
    assert client.get("/operator").status_code == 303  # the session is gone, not just refused once


def test_from_the_queue_to_posted(shop):
    sender = shop.test_client()
    form = order_form(sender, message="Thinking of you. At least you can try again.", email="jo.sender@example.org")
    link = sender.post(f"/cards/{SLUG}/order", data=form).headers["Location"].split("?")[0]
    orders = shop.extensions["cardshop_orders"]
    with orders.store.session() as session:
        lifecycle.release_due(session, orders.today())
    client = shop.test_client()
    sign_in(client, shop)
    queue = client.get("/operator").get_data(as_text=True)
    reference = re.search(r'data-reference="(CS-[^"]+)"', queue).group(1)
    assert "data:image/jpeg;base64," in queue and "kindness-notes" in queue  # the preview and the gentle note
    assert "jo.sender@example.org" in queue  # to reach the sender if the card can't go
    token = form_token(client, "/operator")
    assert client.post(f"/operator/orders/{reference}/hold", data={"csrf_token": token}).status_code == 303
    assert 'data-state="held"' in client.get("/operator").get_data(as_text=True)
    client.post(f"/operator/orders/{reference}/approve", data={"csrf_token": token})
    made = client.post("/operator/batches", data={"csrf_token": token})
    assert made.status_code == 303 and "/operator/batches/B-" in made.headers["Location"]
    batch_path = made.headers["Location"]
    assert reference in client.get(batch_path).get_data(as_text=True)
    assert "Being printed" in sender.get(link).get_data(as_text=True)
    change = sender.post(f"{link}/cancel", data={"csrf_token": csrf_token(sender, f"/cards/{SLUG}")})
    assert change.status_code == 409  # gone to print: too late to cancel
    assert client.post(f"{batch_path}/printed", data={"csrf_token": token}).status_code == 303
    assert client.post(f"{batch_path}/posted", data={"csrf_token": token}).status_code == 303
    status = sender.get(link).get_data(as_text=True)
    assert 'data-state="posted"' in status and "Posted" in status
