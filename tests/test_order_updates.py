"""Email updates to a sender, through a real SMTP server on loopback: received (with the reference and
the private link), printed, posted; each once, however often a form is sent or a batch is marked; none
of them with the card's words, a name or an address; an order whose words were erased gets nothing; a
mail server that is away never breaks an order or a batch mark, and `orders send-updates` catches up;
without mail set up the form asks for no email. The order paths run on SQLite and on PostgreSQL."""

from __future__ import annotations

import logging
import re
import threading
import time
import traceback
from datetime import timedelta
from html import unescape

import pyotp
import pytest
from sqlalchemy import select

from cardshop import create_app
from cardshop.orders import lifecycle, updates
from cardshop.orders.crypto import new_key
from cardshop.orders.database import utcnow
from cardshop.orders.mail import MailConfigError, mail_settings
from cardshop.orders.models import Order, OrderEvent
from cardshop.orders.operators import add_operator
from cardshop.orders.tokens import new_token
from cardshop.web import orders as web_orders
from tests.orders_support import a_new_order
from tests.smtp_support import PUBLIC_URL, unreachable_settings
from tests.test_operator_web import PASSWORD, form_token, sign_in
from tests.test_orders_web import SLUG, order_form

EMAIL = "jo.sender@example.org"
# Everything the sender wrote or gave, apart from the email itself (tests/test_orders_web.py's form).
PERSONAL = ("Sam", "Alex", "Rowan", "Thinking", "Rivers", "Larkspur", "London", "SW1A")


def make_app(database_url: str, key: str, mail: dict):
    return create_app({"TESTING": True, "CARDSHOP_DATABASE_URL": database_url, "CARDSHOP_DATA_KEY": key, **mail})


def with_operator(app):
    orders = app.extensions["cardshop_orders"]
    with orders.store.session() as session:
        made = add_operator(session, orders.cipher, "ash", PASSWORD, utcnow())
    app.totp = pyotp.parse_uri(made.otpauth_uri)
    return app


def place(app) -> tuple[str, str]:
    """Order a card with an email, sending the form twice (a double click); (status link, reference)."""
    sender = app.test_client()
    form = order_form(sender, email=EMAIL)
    first = sender.post(f"/cards/{SLUG}/order", data=form)
    assert sender.post(f"/cards/{SLUG}/order", data=form).headers["Location"] == first.headers["Location"]
    assert first.status_code == 303
    link = first.headers["Location"].split("?")[0]
    with app.extensions["cardshop_orders"].store.session() as session:
        reference = session.scalar(select(Order.reference).order_by(Order.id.desc()).limit(1))
    return link, reference


def release(app) -> None:
    """The daily release: orders due are put in the operators' queue."""
    orders = app.extensions["cardshop_orders"]
    with orders.store.session() as session:
        lifecycle.release_due(session, orders.today())


def signed_in(app) -> tuple:
    """An operator's client, signed in, and its CSRF token."""
    client = app.test_client()
    sign_in(client, app)
    return client, form_token(client, "/operator")


def to_a_batch(app) -> tuple:
    """Release, approve and batch every order; (operator's client, CSRF token, batch path)."""
    release(app)
    client, token = signed_in(app)
    for reference in re.findall(r'data-reference="(CS-[^"]+)"', client.get("/operator").get_data(as_text=True)):
        client.post(f"/operator/orders/{reference}/approve", data={"csrf_token": token})
    made = client.post("/operator/batches", data={"csrf_token": token})
    return client, token, made.headers["Location"]


def emailed(app) -> list[str]:
    with app.extensions["cardshop_orders"].store.session() as session:
        return list(session.scalars(select(OrderEvent.what).where(OrderEvent.what.like("emailed:%"))))


def assert_nothing_personal(text: str) -> None:
    for word in PERSONAL:
        assert word.lower() not in text.lower(), word


def test_a_sender_gets_three_short_emails_once_each_and_none_after_erasing(database_url, smtp_server):
    app = with_operator(make_app(database_url, new_key(), smtp_server.settings()))
    link, reference = place(app)
    assert len(smtp_server.received) == 1  # the form sent twice: one order, one email
    first = smtp_server.received[0]
    assert first.recipients == [EMAIL] and first.message["To"] == EMAIL
    assert first.message["From"] == "Forget-me-not cards <cards@example.org>"
    assert first.message["Subject"] == "We have your card order"
    assert first.message.get_content_type() == "text/plain"
    assert reference in first.body and f"{PUBLIC_URL}{link}" in first.body
    assert "We'll post it on" in first.body
    assert_nothing_personal(first.body + first.message["Subject"])
    erased_link, erased_reference = place(app)  # a second order, whose words are erased once printed

    client, token, batch_path = to_a_batch(app)
    for _ in range(2):  # marked twice (a second operator, a repeated request): one email each
        assert client.post(f"{batch_path}/printed", data={"csrf_token": token}).status_code == 303
    sender = app.test_client()
    erase = {"csrf_token": form_token(sender, f"/cards/{SLUG}"), "confirm": "yes"}
    assert sender.post(f"{erased_link}/erase", data=erase).status_code == 303
    for _ in range(2):
        assert client.post(f"{batch_path}/posted", data={"csrf_token": token}).status_code == 303

    by_order = {ref: [r for r in smtp_server.received if ref in r.body] for ref in (reference, erased_reference)}
    subjects = [r.message["Subject"] for r in by_order[reference]]
    assert subjects == ["We have your card order", "Your card has been printed", "Your card is on its way"]
    assert [r.message["Subject"] for r in by_order[erased_reference]] == subjects[:2]  # nothing after erasing
    assert len(smtp_server.received) == 5
    for later in by_order[reference][1:]:
        assert later.recipients == [EMAIL]
        assert link.rsplit("/", 1)[1] not in later.body  # the token was never kept: only the first email has it
        assert "use the private link from your first email" in later.body
        assert_nothing_personal(later.body)

    result = app.test_cli_runner().invoke(args=["orders", "send-updates"])
    assert result.exit_code == 0 and "Sent 0 email update(s)" in result.output
    assert len(smtp_server.received) == 5
    assert emailed(app).count("emailed: posted") == 1 and emailed(app).count("emailed: printed") == 2


def test_a_mail_server_that_is_away_breaks_nothing_and_send_updates_catches_up(database_url, smtp_server, caplog):
    key = new_key()
    away = with_operator(make_app(database_url, key, unreachable_settings()))
    with caplog.at_level(logging.WARNING, logger="cardshop"):
        link, reference = place(away)
        client, token, batch_path = to_a_batch(away)
        assert client.post(f"{batch_path}/printed", data={"csrf_token": token}).status_code == 303
    status = away.test_client().get(link).get_data(as_text=True)
    assert 'data-state="printed"' in status  # the order and the mark stand
    assert emailed(away) == []  # nothing recorded as sent: both are due again
    logged = [record.getMessage() for record in caplog.records if "email was not sent" in record.getMessage()]
    assert len(logged) >= 2 and all(reference in line and "ConnectionRefusedError" in line for line in logged)
    assert EMAIL not in caplog.text and "jo.sender" not in caplog.text

    failing = away.test_cli_runner().invoke(args=["orders", "send-updates"])
    assert failing.exit_code == 1 and "1 could not be sent" in failing.output

    back = make_app(database_url, key, smtp_server.settings())  # the same shop, its mail server back
    result = back.test_cli_runner().invoke(args=["orders", "send-updates"])
    assert result.exit_code == 0 and "Sent 1 email update(s); 0 could not" in result.output
    (caught_up,) = smtp_server.received  # only the newest news, not all that was missed
    assert caught_up.message["Subject"] == "Your card has been printed" and reference in caught_up.body
    assert "Sent 0" in back.test_cli_runner().invoke(args=["orders", "send-updates"]).output
    assert len(smtp_server.received) == 1


def test_a_server_without_starttls_is_not_sent_to_in_the_clear(database_url, smtp_server, caplog):
    app = make_app(database_url, new_key(), smtp_server.settings(starttls="on"))
    with caplog.at_level(logging.WARNING, logger="cardshop"):
        _, reference = place(app)
    assert smtp_server.received == []
    assert f"Order {reference}: the received email was not sent (SMTPNotSupportedError)" in caplog.text


def test_two_senders_of_one_email_at_once_send_it_once(store, cipher, smtp_server):
    app_settings = mail_settings(smtp_server.settings()["CARDSHOP_SMTP_URL"], "Cards <cards@example.org>", PUBLIC_URL)
    order, _ = lifecycle.place_order(store, cipher, new_token(), a_new_order(utcnow().date()))
    outcomes = []
    start = threading.Barrier(4)

    def send():
        start.wait()
        outcomes.append(updates.send_updates(store, cipher, app_settings, [order.id], "received", "https://x/y"))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(outcome.sent for outcome in outcomes) == 1 and len(smtp_server.received) == 1


def test_a_refused_address_spoils_only_its_own_email_and_time_up_leaves_the_rest_due(store, cipher, smtp_server):
    settings = mail_settings(smtp_server.settings()["CARDSHOP_SMTP_URL"], "Cards <cards@example.org>", PUBLIC_URL)
    ids = []
    for email in ("gone@example.org", EMAIL, "søren@exämple.org"):
        new = a_new_order(utcnow().date())
        new.personal["email"] = email
        ids.append(lifecycle.place_order(store, cipher, new_token(), new)[0].id)
    smtp_server.refuse("gone@example.org")
    outcome = updates.send_updates(store, cipher, settings, ids[:2], "received")
    assert (outcome.sent, outcome.failed) == (1, 1) and [r.recipients for r in smtp_server.received] == [[EMAIL]]
    late = updates.send_updates(store, cipher, settings, ids, "received", budget=-1)  # the time is up at once
    assert (late.sent, late.left) == (0, 3) and len(smtp_server.received) == 1
    smtp_server.inbox.refused.clear()
    caught_up = updates.send_due(store, cipher, settings)
    assert caught_up.sent == 2 and sorted(r.recipients[0] for r in smtp_server.received[1:]) == [
        "gone@example.org",
        "søren@exämple.org",
    ]


def test_without_mail_set_up_the_form_asks_for_no_email_and_keeps_none(tmp_path):
    url = f"sqlite:///{tmp_path / 'nomail.db'}"
    app = make_app(url, new_key(), {})
    client = app.test_client()
    form = order_form(client)
    check = client.post(f"/cards/{SLUG}", data={**form, "action": "check"}).get_data(as_text=True)
    assert "Have it printed and posted" in check and 'name="email"' not in check
    assert client.post(f"/cards/{SLUG}/order", data={**form, "email": EMAIL}).status_code == 303
    orders = app.extensions["cardshop_orders"]
    with orders.store.session() as session:
        personal = lifecycle.personal_of(orders.cipher, session.scalar(select(Order)))
    assert personal["email"] is None and personal["address"]["name"] == "Sam Rivers"


def test_with_mail_set_up_the_form_asks_for_an_email_and_refuses_a_list(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'mail.db'}", new_key(), unreachable_settings())
    client = app.test_client()
    form = order_form(client)
    check = client.post(f"/cards/{SLUG}", data={**form, "action": "check"}).get_data(as_text=True)
    assert 'name="email"' in check and "None of them has your words" in check
    for wrong in ("jo,sam@example.org", "=?utf-8?q?jo?=@example.org", "Jo <jo@example.org>"):
        refused = client.post(f"/cards/{SLUG}/order", data={**form, "email": wrong})
        assert refused.status_code == 422 and "name@example.com" in refused.get_data(as_text=True)


@pytest.mark.parametrize(
    ("url", "host", "port", "security", "username", "password"),
    [
        ("smtp://mail.example.org", "mail.example.org", 587, "starttls", None, None),
        ("smtp://ash:p%40ss%3Aword@mail.example.org:2525", "mail.example.org", 2525, "starttls", "ash", "p@ss:word"),
        ("smtps://mail.example.org", "mail.example.org", 465, "tls", None, None),
        ("smtp://localhost?starttls=off", "localhost", 25, "none", None, None),
    ],
)
def test_the_smtp_url_names_the_server_and_how_to_reach_it(url, host, port, security, username, password):
    settings = mail_settings(url, "Cards <cards@example.org>", "https://cards.example.org/")
    assert (settings.host, settings.port, settings.security) == (host, port, security)
    assert (settings.username, settings.password) == (username, password)
    assert settings.public_url == "https://cards.example.org" and settings.timeout == 5


@pytest.mark.parametrize(
    ("url", "sender", "public", "names"),
    [
        ("http://ash:hunter2secret@mail.example.org", "c@example.org", PUBLIC_URL, "CARDSHOP_SMTP_URL"),
        ("smtp://ash:hunter2secret@mail.example.org:port", "c@example.org", PUBLIC_URL, "CARDSHOP_SMTP_URL"),
        # A "#" in a password makes urllib read the rest as the port, and its error quotes it.
        ("smtp://ash:hunter2secret#x@mail.example.org:587", "c@example.org", PUBLIC_URL, "CARDSHOP_SMTP_URL"),
        ("smtp://ash:hunter2secret@mail.example.org?timeout=600", "c@example.org", PUBLIC_URL, "CARDSHOP_SMTP_URL"),
        ("smtp://ash:hunter2secret@mail.example.org", "", PUBLIC_URL, "CARDSHOP_MAIL_FROM"),
        ("smtp://ash:hunter2secret@mail.example.org", "a@x.org, b@x.org", PUBLIC_URL, "CARDSHOP_MAIL_FROM"),
        ("smtp://ash:hunter2secret@mail.example.org", "c@example.org", None, "CARDSHOP_PUBLIC_URL"),
        ("smtp://ash:hunter2secret@mail.example.org", "c@example.org", "https://x.org/shop", "CARDSHOP_PUBLIC_URL"),
    ],
)
def test_a_wrong_mail_setting_is_named_without_its_secret(url, sender, public, names):
    with pytest.raises(MailConfigError) as raised:
        mail_settings(url, sender, public)
    assert names in str(raised.value)
    # Nowhere in what a start-up failure prints: the message, the chain, or the traceback.
    printed = "".join(traceback.format_exception(raised.value))
    assert "hunter2secret" not in printed and raised.value.__cause__ is None


def test_no_smtp_url_means_no_mail():
    assert mail_settings(None, None, None) is None and mail_settings("  ", "c@example.org", PUBLIC_URL) is None


def test_a_slow_mail_server_cannot_hold_an_order_past_its_budget(database_url, slow_smtp_server, smtp_server, caplog):
    # Each step answers inside the 5 s step timeout; the whole exchange would take over 30 s.
    key = new_key()
    app = make_app(database_url, key, slow_smtp_server.settings())
    sender = app.test_client()
    form = order_form(sender, email=EMAIL)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="cardshop"):
        placed = sender.post(f"/cards/{SLUG}/order", data=form)
    waited = time.monotonic() - started
    assert placed.status_code == 303
    # A hard end, not one per step: cut at the order's budget, far short of the exchange's 30 s or
    # gunicorn's timeout (the margin is for a busy machine, not a measure of speed).
    assert web_orders.MAIL_SECONDS < 20 and waited < 20, waited
    assert "the received email was not sent (" in caplog.text
    status = sender.get(placed.headers["Location"])
    assert status.status_code == 200 and 'data-state="received"' in status.get_data(as_text=True)
    assert emailed(app) == []  # the claim was released: the email is due again

    back = make_app(database_url, key, smtp_server.settings())
    result = back.test_cli_runner().invoke(args=["orders", "send-updates"])
    assert result.exit_code == 0 and "Sent 1 email update(s)" in result.output
    (caught_up,) = smtp_server.received
    assert caught_up.message["Subject"] == "We have your card order"


@pytest.mark.parametrize("server", ["slow_smtp_server", "dripping_smtp_server"])
def test_a_batch_marks_emails_stop_at_the_budget_even_mid_exchange(store, cipher, server, request):
    url = request.getfixturevalue(server).settings()["CARDSHOP_SMTP_URL"]
    settings = mail_settings(url, "Cards <cards@example.org>", PUBLIC_URL)
    ids = []
    for _ in range(2):
        new = a_new_order(utcnow().date())
        new.personal["email"] = EMAIL
        ids.append(lifecycle.place_order(store, cipher, new_token(), new)[0].id)
    started = time.monotonic()
    outcome = updates.send_updates(store, cipher, settings, ids, budget=2.0)
    assert time.monotonic() - started < 12  # cut at its 2 s budget; uncut it would take 30 s or more
    assert (outcome.sent, outcome.failed, outcome.left) == (0, 1, 1)
    with store.session() as session:
        assert session.scalars(select(OrderEvent).where(OrderEvent.what.like("emailed:%"))).all() == []


def test_an_order_taken_out_is_told_once_kindly_and_a_printed_one_cant_be_taken_out(database_url, smtp_server):
    app = with_operator(make_app(database_url, new_key(), smtp_server.settings()))
    link, reference = place(app)
    release(app)
    client, token = signed_in(app)
    assert client.post(f"/operator/orders/{reference}/fail", data={"csrf_token": token}).status_code == 303
    again = client.post(f"/operator/orders/{reference}/fail", data={"csrf_token": token})
    assert again.status_code == 409
    assert f"Order {reference} is already failed, so it can't be taken out." in unescape(again.get_data(as_text=True))
    assert [r.message["Subject"] for r in smtp_server.received] == [
        "We have your card order",
        "We're sorry: we couldn't send your card",
    ]
    told = smtp_server.received[1]
    assert told.recipients == [EMAIL] and reference in told.body
    assert "we couldn't print and post your card" in told.body
    assert link.rsplit("/", 1)[1] not in told.body
    assert_nothing_personal(told.body)
    status = unescape(app.test_client().get(link).get_data(as_text=True))
    assert 'data-state="failed"' in status and "we couldn't print and post this card" in status
    assert "We erase them anyway within 30 days." in status  # never posted: not "after the card is posted"
    assert "Sent 0" in app.test_cli_runner().invoke(args=["orders", "send-updates"]).output
    assert len(smtp_server.received) == 2

    _, printed = place(app)  # the same operator prints it, then tries to take it out
    release(app)
    client.post(f"/operator/orders/{printed}/approve", data={"csrf_token": token})
    batch_path = client.post("/operator/batches", data={"csrf_token": token}).headers["Location"]
    assert client.post(f"{batch_path}/printed", data={"csrf_token": token}).status_code == 303
    refused = client.post(f"/operator/orders/{printed}/fail", data={"csrf_token": token})
    assert refused.status_code == 409
    assert f"Order {printed} is already printed, so it can't be taken out." in unescape(refused.get_data(as_text=True))


def test_orders_failed_by_command_or_by_purge_are_told_and_send_updates_catches_up(database_url, smtp_server):
    key = new_key()
    away = make_app(database_url, key, unreachable_settings())
    _, reference = place(away)
    release(away)
    assert away.test_cli_runner().invoke(args=["orders", "fail", reference]).exit_code == 0
    assert emailed(away) == []  # the mail server was away: still due

    back = make_app(database_url, key, smtp_server.settings())
    result = back.test_cli_runner().invoke(args=["orders", "send-updates"])
    assert result.exit_code == 0 and "Sent 1 email update(s)" in result.output
    assert [(r.message["Subject"], reference in r.body) for r in smtp_server.received] == [
        ("We're sorry: we couldn't send your card", True)
    ]

    _, overdue = place(back)  # its first email goes; then its posting day slips 40 days behind
    store = back.extensions["cardshop_orders"].store
    with store.session() as session:
        order = session.scalar(select(Order).where(Order.reference == overdue))
        order.post_on = utcnow().date() - timedelta(days=40)
    assert back.test_cli_runner().invoke(args=["orders", "purge"]).exit_code == 0
    last = smtp_server.received[-1]
    assert last.message["Subject"] == "We're sorry: we couldn't send your card" and overdue in last.body
    with store.session() as session:
        order = session.scalar(select(Order).where(Order.reference == overdue))
        assert order.state == "failed" and order.personal is None  # told, then erased
    assert "Sent 0" in back.test_cli_runner().invoke(args=["orders", "send-updates"]).output
