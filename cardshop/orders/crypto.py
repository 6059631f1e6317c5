"""Personal fields encrypted at rest with Fernet (AES-128-CBC and HMAC-SHA256, from `cryptography`).

The keys come from `CARDSHOP_DATA_KEY`: one or more Fernet keys separated by commas, the first used to
encrypt and every one tried to decrypt (MultiFernet), so a key can be rotated without a pause: put the
new key first, run `flask --app cardshop orders rotate-key` to re-encrypt every row with it, then drop
the old one. On a development machine with no key set, one is generated once into `instance/data.key`
(readable by its owner only). The same happens in production (`CARDSHOP_ENV=production`), with a
warning at every start (see web/order_store.py): a key kept beside the database protects little if
both are copied, so set CARDSHOP_DATA_KEY from a secret store there.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

KEY_FILE_NAME = "data.key"


class DataKeyError(RuntimeError):
    """The data key is missing or malformed (the message names the setting, never a key)."""


class DataCipher:
    """Encrypt and decrypt personal fields; `rotate` re-encrypts a token with the first key."""

    def __init__(self, keys: list[str]):
        if not keys:
            raise DataKeyError("CARDSHOP_DATA_KEY holds no key")
        try:
            self._fernet = MultiFernet([Fernet(key.strip().encode("ascii")) for key in keys])
        except (ValueError, UnicodeEncodeError) as error:
            raise DataKeyError(
                "CARDSHOP_DATA_KEY must be Fernet keys (32 url-safe base64 bytes) separated by commas; "
                "make one with `flask --app cardshop orders new-key`"
            ) from error

    def encrypt(self, data: dict) -> bytes:
        return self._fernet.encrypt(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

    def decrypt(self, token: bytes) -> dict:
        try:
            return json.loads(self._fernet.decrypt(bytes(token)))
        except InvalidToken as error:
            raise DataKeyError("a stored field can't be decrypted with any key in CARDSHOP_DATA_KEY") from error

    def encrypt_text(self, text: str) -> bytes:
        return self._fernet.encrypt(text.encode("utf-8"))

    def decrypt_text(self, token: bytes) -> str:
        try:
            return self._fernet.decrypt(bytes(token)).decode("utf-8")
        except InvalidToken as error:
            raise DataKeyError("a stored field can't be decrypted with any key in CARDSHOP_DATA_KEY") from error

    def rotate(self, token: bytes) -> bytes:
        return self._fernet.rotate(bytes(token))


def new_key() -> str:
    return Fernet.generate_key().decode("ascii")


def load_cipher(instance_dir: Path, environ: dict | None = None) -> DataCipher:
    """The cipher from CARDSHOP_DATA_KEY, or else from instance/data.key, made if missing."""
    environ = os.environ if environ is None else environ
    setting = environ.get("CARDSHOP_DATA_KEY", "").strip()
    if setting:
        return DataCipher([key for key in setting.split(",") if key.strip()])
    path = Path(instance_dir) / KEY_FILE_NAME
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: two workers starting at once make one key, not two.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(new_key() + "\n")
    return DataCipher([key for key in path.read_text().split(",") if key.strip()])
