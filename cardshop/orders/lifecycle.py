"""An order's life, from the sender's form to the post box, and the purge that forgets it.

Every change of state is recorded as an `OrderEvent` with a word from `EVENTS`: no one's text ever
goes into the history. Functions take a SQLAlchemy session (the caller commits), except the two that
must run in their own transactions: `place_order` (one order per form, however often it is sent) and
`claim_batch` (two operators never get the same order).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cardshop.orders.crypto import DataCipher
from cardshop.orders.database import Store, utcnow
from cardshop.orders.models import (
    CANCELLED,
    CHANGEABLE,
    FAILED,
    HELD,
    IN_BATCH,
    POSTED,
    PRINTED,
    QUEUED,
    READY,
    RECEIVED,
    WAITING,
    Operator,
    Order,
    OrderEvent,
    PrintBatch,
)
from cardshop.orders.tokens import is_token, new_reference, token_hash

EVENTS = frozenset(
    {
        "placed",
        "address changed",
        "date changed",
        "cancelled by sender",
        "words erased",
        "waiting",
        "released",
        "approved",
        "held",
        "in batch",
        "printed",
        "posted",
        "purged",
        "failed",
    }
)
DEFAULT_PURGE_DAYS = 30
# Orders are queued this many days before their posting day: printed one day, posted the next.
PRINT_LEAD_DAYS = 1


@dataclass(frozen=True)
class NewOrder:
    slug: str
    size: str | None
    post_on: date
    as_soon_as_possible: bool
    personal: dict  # {"values", "address", "return_address", "email"}


def record(session: Session, order: Order, to_state: str, what: str, now: datetime, operator_id=None) -> None:
    assert what in EVENTS, what
    session.add(
        OrderEvent(order=order, at=now, from_state=order.state, to_state=to_state, what=what, operator_id=operator_id)
    )
    order.state = to_state
    order.updated_at = now


def find_by_token(session: Session, token: str | None) -> Order | None:
    if not is_token(token):
        return None
    return session.scalar(select(Order).where(Order.token_hash == token_hash(token)))


def find_by_reference(session: Session, reference: str) -> Order | None:
    return session.scalar(select(Order).where(Order.reference == reference))


def place_order(store: Store, cipher: DataCipher, token: str, new: NewOrder) -> tuple[Order, bool]:
    """The order this form's token names: made now, or found if the form was sent before (double click,
    Back and resubmit). Returns (order, made_now)."""
    with store.session() as session:
        existing = find_by_token(session, token)
        if existing is not None:
            return existing, False
    for _ in range(5):
        try:
            with store.session() as session:
                now = utcnow()
                order = Order(
                    reference=new_reference(),
                    token_hash=token_hash(token),
                    slug=new.slug,
                    size=new.size,
                    state=RECEIVED,
                    as_soon_as_possible=new.as_soon_as_possible,
                    post_on=new.post_on,
                    price_minor=0,
                    currency="GBP",
                    payment_state="not_required",
                    personal=cipher.encrypt(new.personal),
                    created_at=now,
                    updated_at=now,
                )
                session.add(order)
                session.add(OrderEvent(order=order, at=now, from_state=None, to_state=RECEIVED, what="placed"))
            return order, True
        except IntegrityError:
            # The same form, sent twice at once: the other request made the order.
            with store.session() as session:
                existing = find_by_token(session, token)
                if existing is not None:
                    return existing, False
            # Otherwise the reference was taken (one chance in 10^12): try another.
    raise RuntimeError("could not find a free order reference")


def same_details(cipher: DataCipher, order: Order, new: NewOrder) -> bool:
    """Whether a form sent again asks for exactly the order its token already made (a double click),
    or for something else (Back, a new address, and send again)."""
    return (order.slug, order.size, order.post_on, order.as_soon_as_possible) == (
        new.slug,
        new.size,
        new.post_on,
        new.as_soon_as_possible,
    ) and personal_of(cipher, order) == new.personal


def personal_of(cipher: DataCipher, order: Order) -> dict | None:
    return None if order.personal is None else cipher.decrypt(order.personal)


def _state_after_change(order: Order, today: date) -> str:
    """A changed order is looked at again before it prints: back to received if it had not been
    released yet, else straight to the queue (ready, to approve again) or waiting for its new day."""
    if order.state == RECEIVED:
        return RECEIVED
    return READY if order.post_on <= today + timedelta(days=PRINT_LEAD_DAYS) else WAITING


def change_address(
    session: Session, cipher: DataCipher, order: Order, address: dict, return_address, today: date, now: datetime
) -> bool:
    if order.state not in CHANGEABLE or order.personal is None:
        return False
    personal = cipher.decrypt(order.personal)
    personal["address"] = address
    personal["return_address"] = return_address
    order.personal = cipher.encrypt(personal)
    order.approved_by = None
    record(session, order, _state_after_change(order, today), "address changed", now)
    return True


def change_date(session: Session, order: Order, post_on: date, asap: bool, today: date, now: datetime) -> bool:
    if order.state not in CHANGEABLE:
        return False
    order.post_on = post_on
    order.as_soon_as_possible = asap
    order.approved_by = None
    record(session, order, _state_after_change(order, today), "date changed", now)
    return True


def cancel(session: Session, order: Order, now: datetime) -> bool:
    if order.state not in CHANGEABLE:
        return False
    order.cancelled_at = now
    record(session, order, CANCELLED, "cancelled by sender", now)
    return True


def erase_words(session: Session, order: Order, now: datetime) -> None:
    """The sender's words, names, addresses and email go, at any time. An order not yet printed is
    cancelled (there is nothing left to print); a printed one is still posted (its envelope exists)."""
    order.personal = None
    order.erased_at = now
    if order.state in CHANGEABLE or order.state == IN_BATCH:
        order.cancelled_at = now
        record(session, order, CANCELLED, "words erased", now)
    else:
        record(session, order, order.state, "words erased", now)


def release_due(session: Session, today: date, now: datetime | None = None) -> dict[str, int]:
    """Received orders whose posting day is near go to the operators' queue (ready); the others wait.
    Waiting orders whose day has come are queued too. Run daily (`flask --app cardshop orders release`)."""
    now = now or utcnow()
    due_by = today + timedelta(days=PRINT_LEAD_DAYS)
    counts = {"released": 0, "waiting": 0}
    orders = session.scalars(
        select(Order).where(Order.state.in_((RECEIVED, WAITING))).order_by(Order.id).with_for_update(skip_locked=True)
    ).all()
    for order in orders:
        if order.post_on <= due_by:
            record(session, order, READY, "released", now)
            counts["released"] += 1
        elif order.state == RECEIVED:
            record(session, order, WAITING, "waiting", now)
            counts["waiting"] += 1
    return counts


def queue(session: Session) -> list[Order]:
    """Orders for the operators to look at: due (ready), approved (queued) and on hold."""
    return list(
        session.scalars(
            select(Order)
            .where(Order.state.in_((READY, QUEUED, HELD)), Order.personal.is_not(None))
            .order_by(Order.post_on, Order.id)
        )
    )


def approve(session: Session, order: Order, operator: Operator, now: datetime) -> bool:
    if order.state not in (READY, HELD) or order.personal is None:
        return False
    order.approved_by = operator.id
    record(session, order, QUEUED, "approved", now, operator.id)
    return True


def hold(session: Session, order: Order, operator: Operator, now: datetime) -> bool:
    if order.state not in (READY, QUEUED):
        return False
    order.approved_by = None
    record(session, order, HELD, "held", now, operator.id)
    return True


def fail(session: Session, order: Order, operator: Operator | None, now: datetime) -> bool:
    """An order that can't be printed (its envelope or card won't fit, its design is gone) is taken out
    of the operators' queue or out of its batch: the batch's documents are made without it, and the
    sender's page says it could not be printed. Not once it is printed."""
    if order.state not in (READY, QUEUED, HELD, IN_BATCH):
        return False
    order.approved_by = None
    record(session, order, FAILED, "failed", now, operator.id if operator else None)
    return True


def claim_batch(store: Store, operator_id: int, limit: int = 1000) -> PrintBatch | None:
    """Claim up to `limit` approved orders into a new print batch, atomically: on PostgreSQL the rows
    are locked with SELECT ... FOR UPDATE SKIP LOCKED (a second operator skips them and takes the
    next), on SQLite one conditional UPDATE claims them under the database's single write lock. The
    UPDATE is conditional on both, so an order is in one batch at most. None if nothing was due."""
    with store.session() as session:
        now = utcnow()
        # Written first: on SQLite this takes the write lock before anything is read.
        batch = PrintBatch(
            reference=f"B-{now:%y%m%d}-{secrets.token_hex(2).upper()}",
            state=IN_BATCH,
            created_at=now,
            created_by=operator_id,
        )
        session.add(batch)
        session.flush()
        due = select(Order.id).where(Order.state == QUEUED, Order.personal.is_not(None))
        due = due.order_by(Order.post_on, Order.id).limit(limit)
        if store.dialect == "postgresql":
            ids = list(session.scalars(due.with_for_update(skip_locked=True)))
            chosen = Order.id.in_(ids)
        else:
            chosen = Order.id.in_(due.scalar_subquery())
        session.execute(
            update(Order)
            .where(chosen, Order.state == QUEUED)
            .values(state=IN_BATCH, batch_id=batch.id, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        claimed = list(session.scalars(select(Order.id).where(Order.batch_id == batch.id)))
        if not claimed:
            session.delete(batch)
            return None
        session.add_all(
            OrderEvent(
                order_id=order_id,
                at=now,
                from_state=QUEUED,
                to_state=IN_BATCH,
                what="in batch",
                operator_id=operator_id,
            )
            for order_id in claimed
        )
    return batch


def batch_orders(session: Session, batch: PrintBatch) -> list[Order]:
    """The batch's orders that are still to print (an order whose words were erased is left out)."""
    return list(
        session.scalars(
            select(Order)
            .where(Order.batch_id == batch.id, Order.state.in_((IN_BATCH, PRINTED, POSTED)))
            .order_by(Order.id)
        )
    )


def mark_batch(session: Session, batch: PrintBatch, to_state: str, operator: Operator, now: datetime) -> int:
    """A batch printed (from in_batch) or posted (from printed); returns how many orders moved."""
    from_state = {PRINTED: IN_BATCH, POSTED: PRINTED}[to_state]
    if batch.state != from_state:
        return 0
    moved = 0
    for order in session.scalars(select(Order).where(Order.batch_id == batch.id, Order.state == from_state)):
        if to_state == PRINTED:
            order.printed_at = now
        else:
            order.posted_at = now
        record(session, order, to_state, to_state, now, operator.id)
        moved += 1
    batch.state = to_state
    if to_state == PRINTED:
        batch.printed_at = now
    else:
        batch.posted_at = now
    return moved


def purge(session: Session, now: datetime, days: int = DEFAULT_PURGE_DAYS) -> int:
    """Erase the personal data of orders posted, cancelled or failed at least `days` ago, and of orders
    never posted whose posting day is `days` or more behind (left on hold, or never printed: too late
    to send, they become failed; a printed one keeps its state); keep the reference, design, dates and
    states. Returns how many orders were purged."""
    cutoff = now - timedelta(days=days)
    finished = or_(
        and_(Order.state == POSTED, Order.posted_at <= cutoff),
        and_(Order.state.in_((CANCELLED, FAILED)), func.coalesce(Order.cancelled_at, Order.updated_at) <= cutoff),
    )
    stale = and_(Order.state.not_in((POSTED, CANCELLED)), Order.post_on <= cutoff.date())
    orders = session.scalars(select(Order).where(Order.personal.is_not(None), or_(finished, stale))).all()
    for order in orders:
        order.personal = None
        order.erased_at = now
        # Never printed and now too late: failed. A printed card keeps its state (it may be in the post).
        never_printed = order.state in CHANGEABLE or order.state == IN_BATCH
        record(session, order, FAILED if never_printed else order.state, "purged", now)
    return len(orders)


def fail_overdue(session: Session, now: datetime, days: int = DEFAULT_PURGE_DAYS) -> list[int]:
    """Mark failed the orders that `purge` would find never printed and too late to send, keeping their
    details for now (so their senders can be told before `purge` erases them). Returns their ids."""
    cutoff = now - timedelta(days=days)
    overdue = select(Order).where(
        Order.personal.is_not(None),
        or_(Order.state.in_(CHANGEABLE), Order.state == IN_BATCH),
        Order.post_on <= cutoff.date(),
    )
    orders = session.scalars(overdue).all()
    for order in orders:
        record(session, order, FAILED, "failed", now)
    return [order.id for order in orders]


def rotate_keys(session: Session, cipher: DataCipher) -> int:
    """Re-encrypt every personal field and TOTP secret with the first key of CARDSHOP_DATA_KEY."""
    count = 0
    for order in session.scalars(select(Order).where(Order.personal.is_not(None))):
        order.personal = cipher.rotate(order.personal)
        count += 1
    for operator in session.scalars(select(Operator)):
        operator.totp_secret = cipher.rotate(operator.totp_secret)
        count += 1
    return count
