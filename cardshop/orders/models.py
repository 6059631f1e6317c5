"""The order store's tables, as SQLAlchemy 2 models. Alembic migrations (migrations/ at the top of the
repository) create and change them; the models and the migrations must agree (a test checks).

What is personal (the card's words, the names and addresses, the email) lives in one encrypted column,
`orders.personal`, and nowhere else: not in the history, not in a batch, not in a log line. Erasing an
order's words sets that column to NULL; everything that is left (reference, design, dates, states,
price) says nothing about anyone.

States: received -> waiting (for its posting date) -> ready (due, in the operators' queue) -> queued
(approved) -> in_batch -> printed -> posted; an operator can put a ready or queued order on hold (held)
and approve it later; an order can be cancelled until it goes to print, and fails (failed) if a
batch could not print it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

RECEIVED, WAITING, READY, QUEUED, IN_BATCH, PRINTED, POSTED = (
    "received",
    "waiting",
    "ready",
    "queued",
    "in_batch",
    "printed",
    "posted",
)
HELD, CANCELLED, FAILED = "held", "cancelled", "failed"
STATES = (RECEIVED, WAITING, READY, QUEUED, IN_BATCH, PRINTED, POSTED, HELD, CANCELLED, FAILED)
# Until an order goes to print its sender may change the address or the date, or cancel it.
CHANGEABLE = frozenset({RECEIVED, WAITING, READY, QUEUED, HELD})
FINISHED = frozenset({POSTED, CANCELLED, FAILED})

PAYMENT_STATES = ("not_required", "pending", "paid", "refunded")


class Base(DeclarativeBase):
    pass


class PrintBatch(Base):
    __tablename__ = "print_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(24), unique=True)
    state: Mapped[str] = mapped_column(String(16), default=IN_BATCH)  # in_batch, printed, posted
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    printed_at: Mapped[datetime | None] = mapped_column(DateTime)
    posted_at: Mapped[datetime | None] = mapped_column(DateTime)

    orders: Mapped[list[Order]] = relationship(back_populates="batch", order_by="Order.id")


class Order(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    # SHA-256 of the private status token, which is also the order form's idempotency key.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    slug: Mapped[str] = mapped_column(String(100))
    size: Mapped[str | None] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(16), index=True, default=RECEIVED)
    as_soon_as_possible: Mapped[bool] = mapped_column(Boolean, default=True)
    post_on: Mapped[date] = mapped_column(Date, index=True)
    # Price in minor units (pence, cents) and the payment's state: "not_required" until a payment
    # provider is added; then "pending" -> "paid" (or "refunded") without changing what they mean.
    price_minor: Mapped[int] = mapped_column(Integer, default=0)
    currency: Mapped[str] = mapped_column(String(3), default="GBP")
    payment_state: Mapped[str] = mapped_column(String(16), default="not_required")
    # Fernet token of a JSON object: {"values": {...}, "address": {...}, "return_address": {...} | null,
    # "email": str | null}. NULL once the words are erased.
    personal: Mapped[bytes | None] = mapped_column(LargeBinary)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("print_batches.id"), index=True)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    printed_at: Mapped[datetime | None] = mapped_column(DateTime)
    posted_at: Mapped[datetime | None] = mapped_column(DateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)
    erased_at: Mapped[datetime | None] = mapped_column(DateTime)

    batch: Mapped[PrintBatch | None] = relationship(back_populates="orders")
    events: Mapped[list[OrderEvent]] = relationship(
        back_populates="order", order_by="OrderEvent.id", cascade="all, delete-orphan"
    )


class OrderEvent(Base):
    """One change of an order, for its history. `what` is one of a fixed set of words (see
    lifecycle.EVENTS, and updates.EMAILED for the emails sent), never text anyone typed."""

    __tablename__ = "order_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str] = mapped_column(String(16))
    what: Mapped[str] = mapped_column(String(32))
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))

    order: Mapped[Order] = relationship(back_populates="events")


class Operator(Base):
    """Someone who prints and posts. The password is an argon2id hash; the TOTP secret is encrypted
    with the data key. `session_epoch` goes up to end every session of this operator at once."""

    __tablename__ = "operators"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    totp_secret: Mapped[bytes] = mapped_column(LargeBinary)
    last_totp_step: Mapped[int | None] = mapped_column(Integer)  # a code is accepted once
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    session_epoch: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_signed_in_at: Mapped[datetime | None] = mapped_column(DateTime)
