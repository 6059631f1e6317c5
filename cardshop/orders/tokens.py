"""Order references and private status tokens.

A reference ("CS-7KQ2-9XWD") is what a sender and an operator say to each other: short, in Crockford's
base32 (no I, L, O or U to misread). It is not a secret. The status token is: 32 random bytes (256
bits), shown to the sender once as part of their private link and stored only as its SHA-256. The
same token is the order form's idempotency key, so a second submission of one form finds the first
order (and can show its link again) instead of making another.
"""

from __future__ import annotations

import hashlib
import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TOKEN_BYTES = 32
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")  # 32 bytes in url-safe base64, unpadded


def new_reference(prefix: str = "CS") -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{prefix}-{chars[:4]}-{chars[4:]}"


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def is_token(value: str | None) -> bool:
    return bool(value) and TOKEN_PATTERN.match(value) is not None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()
