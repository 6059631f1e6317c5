"""Email updates to the sender of an order, when they gave an email and the shop has set up mail
(orders/mail.py): the order received, printed, posted, or (instead) that it could not be printed and
posted. Three short emails at most, one per news.

What they say: the order's reference, the news and the posting day; the first also the private status
link, which exists only while the order is being placed (the token is stored as a hash), so a first
email sent later (by `orders send-updates`) says where the link was shown instead. Never the card's
words, the baby's or anyone's name, or an address. The subjects are gentle and say nothing more.

Never twice: before sending, an `OrderEvent` "emailed: <news>" is written under a write lock on the
order's row (PostgreSQL locks the row; SQLite takes its single write lock), so two requests or two
operators can't both claim one email; if the send fails the claim is removed, so the email is due
again. A crash between claim and send loses that email rather than risk sending it twice. An order
whose words were erased has no email, so nothing is sent; nor for a cancelled order (the sender did
that). Once a newer news is due the older unsent one is dropped: a sender gets "posted", not three
emails at once.

Never a failure for the caller: a sender's order and an operator's batch mark stand whatever the mail
server does. A failure is one log line, with the order's reference and the error's class, never the
address; `flask --app cardshop orders send-updates` sends whatever is due.
"""

from __future__ import annotations

import logging
import smtplib
import time
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select, update

from cardshop.orders import mail
from cardshop.orders.crypto import DataCipher
from cardshop.orders.database import Store, utcnow
from cardshop.orders.lifecycle import DEFAULT_PURGE_DAYS
from cardshop.orders.models import CANCELLED, FAILED, Order, OrderEvent
from cardshop.orders.posting import long_date

log = logging.getLogger("cardshop")

NEWS = ("received", "printed", "posted", "failed")  # in the order they happen; "failed" ends an order unprinted
EMAILED = {news: f"emailed: {news}" for news in NEWS}  # OrderEvent.what, beside lifecycle.EVENTS
SUBJECTS = {
    "received": "We have your card order",
    "printed": "Your card has been printed",
    "posted": "Your card is on its way",
    "failed": "We're sorry: we couldn't send your card",
}

# Errors of one message, after which the connection is still good for the next (every SMTP error is an
# OSError, so a lost connection is told apart by being none of these).
ONE_MESSAGE = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPDataError,
    smtplib.SMTPNotSupportedError,
    ValueError,
)
SHOWN = "It was also on the page shown when you ordered."


@dataclass
class Sent:
    sent: int = 0
    failed: int = 0
    left: int = 0  # orders not looked at (the server was lost, or the time was up): still due if they were


@dataclass(frozen=True)
class _Claim:
    event_id: int
    reference: str
    email: str
    news: str
    post_on: date


def news_of(order: Order) -> str | None:
    """The newest news of an order worth an email, or None (cancelled)."""
    if order.state == CANCELLED:
        return None
    if order.state == FAILED:
        return "failed"
    if order.posted_at is not None:
        return "posted"
    if order.printed_at is not None:
        return "printed"
    return "received"


def _claim(store: Store, cipher: DataCipher, order_id: int, news: str | None) -> _Claim | None:
    """Claim the order's due news (or only `news`, if that is what is due): None if not due or sent."""
    with store.session() as session:
        # Written first: the row lock (PostgreSQL) or the write lock (SQLite) makes a second claimant
        # wait here and then see this claim.
        session.execute(update(Order).where(Order.id == order_id).values(updated_at=Order.updated_at))
        order = session.get(Order, order_id)
        due = news_of(order) if order is not None and order.personal is not None else None
        if due is None or news not in (None, due):
            return None
        newer = [EMAILED[later] for later in NEWS[NEWS.index(due) :]]
        done = select(OrderEvent.id).where(OrderEvent.order_id == order_id, OrderEvent.what.in_(newer))
        if session.scalar(done.limit(1)) is not None:
            return None
        email = cipher.decrypt(order.personal).get("email")
        if not email:
            return None
        event = OrderEvent(
            order_id=order.id, at=utcnow(), from_state=order.state, to_state=order.state, what=EMAILED[due]
        )
        session.add(event)
        session.flush()
        return _Claim(event.id, order.reference, email, due, order.post_on)


def _release(store: Store, claim: _Claim) -> None:
    with store.session() as session:
        session.execute(delete(OrderEvent).where(OrderEvent.id == claim.event_id))


def body(claim: _Claim, link: str | None) -> str:
    reference = f"Your order's reference: {claim.reference}"
    keep = (
        f"Your email is erased with the rest of the order's details {DEFAULT_PURGE_DAYS} days after the card is "
        "posted, or at once if you erase your words."
    )
    if claim.news == "received":
        if link:
            where = (
                f"Your private link to the order:\n{link}\n\n"
                "Please keep this email. The link is the only way to see how your order is going, change the "
                "address or the posting day, cancel, or erase your words, and we can't send it again."
            )
        else:
            where = (
                "Your private link to the order was shown on the page after you ordered. We keep it only in a "
                "form that can't be read back, so it can't be in this email."
            )
        lines = [
            "Thank you. We have your order for a printed card, and we will take good care of it.",
            f"{reference}\nWe'll post it on {long_date(claim.post_on)}.",
            where,
            "We'll write to you only when the card is printed and when it is posted.",
        ]
    elif claim.news == "printed":
        lines = [
            "Your card has been printed and is ready to post.",
            reference,
            f"To see how it is going, use the private link from your first email. {SHOWN}",
        ]
    elif claim.news == "failed":
        return (
            "\n\n".join(
                [
                    "We're so sorry: we couldn't print and post your card, so it won't be sent.",
                    reference,
                    "If you would still like to send a card, you are welcome to order one again, or to print one "
                    "yourself.",
                    f"Your email is erased with the rest of the order's details within {DEFAULT_PURGE_DAYS} days.",
                ]
            )
            + "\n"
        )
    else:
        lines = [
            "Your card has been posted and is on its way.",
            reference,
            f"To see your order, or to erase your words sooner, use the private link from your first email. {SHOWN}",
        ]
    return "\n\n".join([*lines, keep]) + "\n"


def send_updates(
    store: Store,
    cipher: DataCipher,
    settings: mail.MailSettings | None,
    order_ids: list[int],
    news: str | None = None,
    link: str | None = None,
    budget: float | None = None,
) -> Sent:
    """Send each order's due news (only `news`, if given), once, over one connection, claiming each just
    before it goes. Stops when the server is lost or `budget` seconds are spent, even in the middle of an
    SMTP exchange (a request must end well before the worker's timeout); what is left, and an email cut
    short, stays due. Never raises."""
    outcome = Sent()
    if settings is None:
        return outcome
    deadline = None if budget is None else time.monotonic() + budget
    server = None
    for done, order_id in enumerate(order_ids):
        if deadline is not None and time.monotonic() > deadline:
            outcome.left = len(order_ids) - done
            break
        claim = None
        try:
            claim = _claim(store, cipher, order_id, news)
            if claim is None:
                continue
            if server is None:
                server = mail.connect(settings, deadline)
            mail.send(server, settings, mail.Mail(claim.email, SUBJECTS[claim.news], body(claim, link)))
            outcome.sent += 1
        except Exception as error:  # never the sender's or the operator's problem: logged, due again
            if claim is not None:
                _failed(store, claim, error)
                outcome.failed += 1
            else:
                log.warning("Email updates: an order could not be read (%s).", type(error).__name__)
            # A refused address spoils only its own email; a lost server or database, all the rest.
            if server is None or claim is None or not isinstance(error, ONE_MESSAGE):
                outcome.left = len(order_ids) - done - 1
                break
    if outcome.left:
        log.warning("Email updates: %d more order(s) to look at; `orders send-updates` will.", outcome.left)
    if server is not None:
        mail.close(server)
    return outcome


def _failed(store: Store, claim: _Claim, error: Exception) -> None:
    log.warning(
        "Order %s: the %s email was not sent (%s); `flask --app cardshop orders send-updates` will try again.",
        claim.reference,
        claim.news,
        type(error).__name__,
    )
    try:
        _release(store, claim)
    except Exception as release_error:
        log.error(
            "Order %s: the %s email is not due again (%s).", claim.reference, claim.news, type(release_error).__name__
        )


def send_due(store: Store, cipher: DataCipher, settings: mail.MailSettings | None) -> Sent:
    """Every order's due news not sent yet (an operator's retry after the mail server was away)."""
    if settings is None:
        return Sent()
    with store.session() as session:
        sent = set(
            session.execute(select(OrderEvent.order_id, OrderEvent.what).where(OrderEvent.what.in_(EMAILED.values())))
        )
        due = []
        for order in session.scalars(select(Order).where(Order.personal.is_not(None)).order_by(Order.id)):
            news = news_of(order)
            if news is None or any((order.id, EMAILED[later]) in sent for later in NEWS[NEWS.index(news) :]):
                continue
            if cipher.decrypt(order.personal).get("email"):
                due.append(order.id)
    return send_updates(store, cipher, settings, due)
