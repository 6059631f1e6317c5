"""The order store on SQLite and on PostgreSQL: migrations that match the models, one order per form
however often it is sent, release, two operators claiming batches at once, purge (checked in the
database's raw bytes), key rotation, and operators' passwords, codes and lockout."""

from __future__ import annotations

import threading
from datetime import date, datetime, time, timedelta

import pyotp
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select, text

from cardshop.orders import lifecycle
from cardshop.orders.crypto import DataCipher, DataKeyError, new_key
from cardshop.orders.database import utcnow
from cardshop.orders.models import Base, Operator, Order, OrderEvent
from cardshop.orders.operators import MAX_FAILURES, add_operator, check_code, check_password
from cardshop.orders.tokens import new_token
from tests.orders_support import PERSONAL_TEXTS, SECRET_WORDS, a_new_order, pieces, sqlite_files

TODAY = date(2027, 3, 1)  # a Monday


def raw_dump(store) -> bytes:
    """Every value of every row of every table, as the database returns them, in one byte string."""
    parts = []
    with store.engine.connect() as connection:
        for table in ("orders", "order_events", "print_batches", "operators"):
            for row in connection.execute(text(f"SELECT * FROM {table}")):
                for value in row:
                    parts.append(bytes(value) if isinstance(value, (bytes, memoryview)) else str(value).encode())
    return b"\x00".join(parts)


def test_migrations_match_the_models(store):
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_the_same_form_twice_makes_one_order(store, cipher):
    token = new_token()
    first, made = lifecycle.place_order(store, cipher, token, a_new_order(TODAY))
    again, made_again = lifecycle.place_order(store, cipher, token, a_new_order(TODAY))
    assert made and not made_again and again.reference == first.reference
    other, _ = lifecycle.place_order(store, cipher, new_token(), a_new_order(TODAY))
    assert other.reference != first.reference
    with store.session() as session:
        assert session.scalar(select(func.count(Order.id))) == 2


def test_a_double_click_at_the_same_instant_makes_one_order(store, cipher):
    token, start, found = new_token(), threading.Barrier(4), []

    def submit():
        start.wait()
        found.append(lifecycle.place_order(store, cipher, token, a_new_order(TODAY))[0].reference)

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(found)) == 1 and len(found) == 4
    with store.session() as session:
        assert session.scalar(select(func.count(Order.id))) == 1


def stored_bytes(store) -> bytes:
    """What is kept: on SQLite the database's files on disk (the file and its log); on PostgreSQL, whose
    files belong to the server, every value of every row."""
    return sqlite_files(store.url) if store.dialect == "sqlite" else raw_dump(store)


def ciphertexts(store) -> list[bytes]:
    with store.session() as session:
        return [bytes(personal) for personal in session.scalars(select(Order.personal)) if personal is not None]


def test_personal_fields_are_encrypted_at_rest(store, cipher):
    lifecycle.place_order(store, cipher, new_token(), a_new_order(TODAY))
    kept = stored_bytes(store)
    for text_ in PERSONAL_TEXTS:
        assert text_.encode() not in kept
    [ciphertext] = ciphertexts(store)
    assert ciphertext in kept  # what is there is the encrypted form
    with store.session() as session:
        order = session.scalar(select(Order))
        assert lifecycle.personal_of(cipher, order)["values"]["message"] == SECRET_WORDS


def test_release_queues_due_orders_and_keeps_the_others_waiting(store, cipher):
    due, _ = lifecycle.place_order(store, cipher, new_token(), a_new_order(TODAY + timedelta(days=1)))
    later, _ = lifecycle.place_order(store, cipher, new_token(), a_new_order(TODAY + timedelta(days=40)))
    with store.session() as session:
        assert lifecycle.release_due(session, TODAY) == {"released": 1, "waiting": 1}
    with store.session() as session:
        assert lifecycle.find_by_reference(session, due.reference).state == "ready"
        assert lifecycle.find_by_reference(session, later.reference).state == "waiting"
        assert lifecycle.release_due(session, TODAY + timedelta(days=39)) == {"released": 1, "waiting": 0}
    with store.session() as session:
        assert lifecycle.find_by_reference(session, later.reference).state == "ready"
        events = session.scalars(select(OrderEvent.what).order_by(OrderEvent.id)).all()
    assert events == ["placed", "placed", "released", "waiting", "released"]


def _operator(store, cipher, name="ash"):
    with store.session() as session:
        made = add_operator(session, cipher, name, "correct horse battery", utcnow())
    return made


def _approved_orders(store, cipher, count: int) -> list[str]:
    references = [
        lifecycle.place_order(store, cipher, new_token(), a_new_order(TODAY))[0].reference for _ in range(count)
    ]
    with store.session() as session:
        lifecycle.release_due(session, TODAY)
        operator = session.scalar(select(Operator))
        for order in lifecycle.queue(session):
            assert lifecycle.approve(session, order, operator, utcnow())
    return references


def test_two_operators_at_once_never_print_one_order_twice(store, cipher):
    _operator(store, cipher)
    references = _approved_orders(store, cipher, 30)
    with store.session() as session:
        operator_id = session.scalar(select(Operator.id))
    start, batches, errors = threading.Barrier(2), [], []

    def operator_makes_a_batch(limit):
        try:
            start.wait()
            batches.append(lifecycle.claim_batch(store, operator_id, limit=limit))
        except Exception as error:  # noqa: BLE001  (shown by the assertion below)
            errors.append(error)

    threads = [threading.Thread(target=operator_makes_a_batch, args=(20,)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with store.session() as session:
        claimed = [
            set(session.scalars(select(Order.reference).where(Order.batch_id == batch.id)))
            for batch in batches
            if batch is not None
        ]
        events = session.scalars(select(func.count(OrderEvent.id)).where(OrderEvent.what == "in batch")).one()
    assert sum(len(group) for group in claimed) == 30 == len(set().union(*claimed))
    assert set().union(*claimed) == set(references)
    assert events == 30
    assert lifecycle.claim_batch(store, operator_id) is None  # nothing left to claim


def test_purge_leaves_no_personal_text_in_any_form(store, cipher):
    _operator(store, cipher)
    _approved_orders(store, cipher, 2)
    with store.session() as session:
        operator = session.scalar(select(Operator))
        batch = lifecycle.claim_batch(store, operator.id)
    now = utcnow()
    with store.session() as session:
        batch = session.merge(batch)
        assert lifecycle.mark_batch(session, batch, "printed", operator, now) == 2
        assert lifecycle.mark_batch(session, batch, "posted", operator, now) == 2
    encrypted = ciphertexts(store)
    assert len(encrypted) == 2 and all(ciphertext in stored_bytes(store) for ciphertext in encrypted)
    with store.session() as session:
        assert lifecycle.purge(session, now + timedelta(days=29)) == 0  # not yet
        assert lifecycle.purge(session, now + timedelta(days=30)) == 2
    store.forget_freed()  # as `orders purge` does
    kept = stored_bytes(store)
    for ciphertext in encrypted:  # not even encrypted, nor a piece of it, in the files or their log
        assert not any(piece in kept for piece in pieces(ciphertext))
    for text_ in PERSONAL_TEXTS:
        assert text_.encode() not in kept
    with store.session() as session:
        orders = session.scalars(select(Order)).all()
        assert all(order.personal is None and order.state == "posted" for order in orders)
        assert all(order.reference and order.slug == "forget-me-nots" and order.post_on for order in orders)


def test_cancel_and_erase(store, cipher):
    order, _ = lifecycle.place_order(store, cipher, new_token(), a_new_order(TODAY))
    [ciphertext] = ciphertexts(store)
    with store.session() as session:
        order = session.merge(order)
        lifecycle.erase_words(session, order, utcnow())
        assert order.state == "cancelled" and order.personal is None
        assert not lifecycle.cancel(session, order, utcnow())  # already cancelled
    store.forget_freed()  # as the erase page does
    kept = stored_bytes(store)
    assert not any(piece in kept for piece in pieces(ciphertext))


def test_rotating_the_key_keeps_everything_readable_with_the_new_key_alone(store):
    old_key, fresh_key = new_key(), new_key()
    old = DataCipher([old_key])
    lifecycle.place_order(store, old, new_token(), a_new_order(TODAY))
    made = _operator(store, old)
    with store.session() as session:
        assert lifecycle.rotate_keys(session, DataCipher([fresh_key, old_key])) == 2
    alone = DataCipher([fresh_key])  # the old key can now be removed
    with store.session() as session:
        order = session.scalar(select(Order))
        operator = session.scalar(select(Operator))
        assert lifecycle.personal_of(alone, order)["values"]["message"] == SECRET_WORDS
        assert alone.decrypt_text(operator.totp_secret) == pyotp.parse_uri(made.otpauth_uri).secret
        with pytest.raises(DataKeyError):
            lifecycle.personal_of(old, order)


def test_operator_password_code_and_lockout(store, cipher):
    made = _operator(store, cipher)
    totp = pyotp.parse_uri(made.otpauth_uri)
    now = utcnow()
    with store.session() as session:
        found, locked = check_password(session, "ash", "correct horse battery", now)
        assert found is not None and not locked
        assert check_password(session, "nobody", "correct horse battery", now) == (None, False)
        assert check_code(cipher, found, totp.at(now), now)
        assert not check_code(cipher, found, totp.at(now), now)  # a code is accepted once
        assert not check_code(cipher, found, "000000" if totp.at(now) != "000000" else "111111", now)
    with store.session() as session:
        for _ in range(MAX_FAILURES):
            found, locked = check_password(session, "ash", "wrong password!", now)
        assert found is None and locked
        # Locked: even the right password is refused until the lock ends.
        assert check_password(session, "ash", "correct horse battery", now) == (None, True)
        later = now + timedelta(minutes=16)
        found, locked = check_password(session, "ash", "correct horse battery", later)
        assert found is not None and not locked


@pytest.mark.parametrize("password", ["short", ""])
def test_operator_passwords_must_be_long(store, cipher, password):
    from cardshop.orders.operators import OperatorError

    with pytest.raises(OperatorError), store.session() as session:
        add_operator(session, cipher, "sam", password, utcnow())


def test_a_changed_order_is_checked_again_and_keeps_its_place(store, cipher):
    _operator(store, cipher)
    [reference] = _approved_orders(store, cipher, 1)
    with store.session() as session:
        order = lifecycle.find_by_reference(session, reference)
        assert order.state == "queued"
        assert lifecycle.change_date(session, order, TODAY + timedelta(days=60), False, TODAY, utcnow())
        assert order.state == "waiting" and order.approved_by is None
        assert lifecycle.change_date(session, order, TODAY + timedelta(days=1), False, TODAY, utcnow())
        assert order.state == "ready"  # due again: back in the queue at once, to approve again


def test_orders_left_on_hold_or_never_printed_are_purged_after_their_posting_day(store, cipher):
    _operator(store, cipher)
    [held] = _approved_orders(store, cipher, 1)
    waiting, _ = lifecycle.place_order(store, cipher, new_token(), a_new_order(TODAY + timedelta(days=40)))
    with store.session() as session:
        operator = session.scalar(select(Operator))
        assert lifecycle.hold(session, lifecycle.find_by_reference(session, held), operator, utcnow())
    posting_day = datetime.combine(TODAY, time(9))
    with store.session() as session:
        assert lifecycle.purge(session, posting_day + timedelta(days=29)) == 0  # not yet
        assert lifecycle.purge(session, posting_day + timedelta(days=30)) == 1
    with store.session() as session:
        stale = lifecycle.find_by_reference(session, held)
        assert stale.personal is None and stale.state == "failed"
        later = lifecycle.find_by_reference(session, waiting.reference)
        assert later.personal is not None and later.state == "received"  # its day is still to come
