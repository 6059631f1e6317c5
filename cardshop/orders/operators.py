"""Operators: the people who print and post. Passwords hashed with argon2id (argon2-cffi), a TOTP
second factor (pyotp, RFC 6238, 30-second codes; each code accepted once), and a lockout: after
`MAX_FAILURES` wrong passwords or codes in a row the account refuses every attempt for
`LOCKOUT_MINUTES`, even a right one.

A sign-in that names no operator costs the same argon2 work as one that does, so timing does not
tell which names exist.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from cardshop.orders.crypto import DataCipher
from cardshop.orders.models import Operator

MAX_FAILURES = 5
LOCKOUT_MINUTES = 15
MIN_PASSWORD_LENGTH = 12
ISSUER = "cardshop"

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a password anyone has")


class OperatorError(ValueError):
    pass


@dataclass(frozen=True)
class NewOperator:
    operator: Operator
    otpauth_uri: str  # shown once, for an authenticator app; never stored in the clear


def add_operator(session: Session, cipher: DataCipher, name: str, password: str, now: datetime) -> NewOperator:
    name = name.strip()
    if not name or len(name) > 64 or not name.isprintable():
        raise OperatorError("an operator's name is 1 to 64 printable characters")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise OperatorError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")
    if session.scalar(select(Operator).where(Operator.name == name)) is not None:
        raise OperatorError(f"there is already an operator called {name!r}")
    secret = pyotp.random_base32()
    operator = Operator(
        name=name,
        password_hash=_hasher.hash(password),
        totp_secret=cipher.encrypt_text(secret),
        failed_attempts=0,
        session_epoch=0,
        created_at=now,
    )
    session.add(operator)
    session.flush()
    return NewOperator(operator, pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name=ISSUER))


def unlock_operator(session: Session, name: str) -> bool:
    """Lift a lockout at once (another operator vouched for them); False if there is no such operator."""
    operator = session.scalar(select(Operator).where(Operator.name == name.strip()))
    if operator is None:
        return False
    operator.locked_until = None
    operator.failed_attempts = 0
    return True


def is_locked(operator: Operator, now: datetime) -> bool:
    return operator.locked_until is not None and operator.locked_until > now


def _failed(operator: Operator, now: datetime) -> None:
    operator.failed_attempts += 1
    if operator.failed_attempts >= MAX_FAILURES:
        operator.locked_until = now + timedelta(minutes=LOCKOUT_MINUTES)
        operator.failed_attempts = 0


def check_password(session: Session, name: str, password: str, now: datetime) -> tuple[Operator | None, bool]:
    """(operator, locked): the operator if the password is right and the account not locked."""
    operator = session.scalar(select(Operator).where(Operator.name == name.strip())) if name else None
    if operator is None:
        with contextlib.suppress(VerificationError):
            _hasher.verify(_DUMMY_HASH, password or "-")
        return None, False
    if is_locked(operator, now):
        return None, True
    try:
        _hasher.verify(operator.password_hash, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        _failed(operator, now)
        return None, is_locked(operator, now)
    if _hasher.check_needs_rehash(operator.password_hash):
        operator.password_hash = _hasher.hash(password)
    return operator, False


def check_code(cipher: DataCipher, operator: Operator, code: str, now: datetime) -> bool:
    """The TOTP code, allowing one step of clock drift either way; a code is accepted once."""
    if is_locked(operator, now):
        return False
    code = "".join((code or "").split())
    totp = pyotp.TOTP(cipher.decrypt_text(operator.totp_secret))
    step = int(now.timestamp()) // totp.interval
    for candidate in (step, step - 1, step + 1):
        if code.isdigit() and len(code) == totp.digits and totp.at(candidate * totp.interval) == code:
            if operator.last_totp_step is not None and candidate <= operator.last_totp_step:
                break
            operator.last_totp_step = candidate
            operator.failed_attempts = 0
            operator.last_signed_in_at = now
            return True
    _failed(operator, now)
    return False
