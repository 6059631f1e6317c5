"""Databases for the order tests: a throwaway PostgreSQL cluster for the run (initdb in a temporary
folder, listening on a unix socket only, stopped at the end) and a fresh database per test on both
SQLite and PostgreSQL. If PostgreSQL can't start, the tests that need it fail: nothing is skipped.

Also small helpers shared by the order tests: a ready-made order, an operator and their TOTP codes.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import psycopg
import pyotp
import pytest

from cardshop.orders.crypto import DataCipher, new_key
from cardshop.orders.database import Store, upgrade
from cardshop.orders.lifecycle import NewOrder
from cardshop.orders.tokens import new_token

TEMPLATE_DB = "cardshop_template"
SECRET_WORDS = "Thinking of you both, and of little Rowan"  # text that must never be found in the clear


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    assert found, "PostgreSQL's server is not installed (scripts/test.sh installs the postgresql package)"
    return Path(found[-1]).parent


@contextmanager
def postgres_cluster():
    """A PostgreSQL server of our own for the run; yields its socket folder."""
    bin_dir = _pg_bin()
    folder = Path(tempfile.mkdtemp(prefix="cardshop-pg-"))
    data, socket = folder / "data", folder / "socket"
    socket.mkdir()
    as_postgres: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root: run the cluster as the postgres user
        shutil.chown(folder, "postgres")
        shutil.chown(socket, "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    run = lambda *args: subprocess.run([*as_postgres, *args], check=True, capture_output=True)  # noqa: E731
    run(str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "cardshop", "-E", "UTF8", "--no-sync")
    options = f"-k {socket} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    run(str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start")
    try:
        yield socket
    finally:
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def pg_url(socket: Path, database: str) -> str:
    return f"postgresql+psycopg://cardshop@/{database}?host={socket}"


@pytest.fixture(scope="session")
def postgres_server():
    with postgres_cluster() as socket:
        with psycopg.connect(f"host={socket} user=cardshop dbname=postgres", autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {TEMPLATE_DB}")
        upgrade(pg_url(socket, TEMPLATE_DB))
        yield socket


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A fresh, migrated database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'orders.db'}"
        upgrade(url)
        yield url
        return
    socket = request.getfixturevalue("postgres_server")
    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(f"host={socket} user=cardshop dbname=postgres", autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE_DB}")
    yield pg_url(socket, name)


@pytest.fixture()
def store(database_url):
    made = Store(database_url)
    yield made
    made.engine.dispose()


@pytest.fixture()
def cipher():
    return DataCipher([new_key()])


def a_new_order(post_on: date, message: str = SECRET_WORDS, asap: bool = False) -> NewOrder:
    return NewOrder(
        slug="forget-me-nots",
        size=None,
        post_on=post_on,
        as_soon_as_possible=asap,
        personal={
            "values": {"recipient": "Dear Sam and Alex", "message": message, "sender": "Jo"},
            "address": {
                "country": "GB",
                "name": "Sam Rivers",
                "street_address": "12 Larkspur Lane",
                "city": "LONDON",
                "postal_code": "SW1A 1AA",
            },
            "return_address": None,
            "email": "jo.sender@example.org",
        },
    )


PERSONAL_TEXTS = ("Rowan", "Sam Rivers", "Larkspur", "jo.sender", "Dear Sam")


def sqlite_files(url: str) -> bytes:
    """The bytes on disk of an SQLite database: the file and its write-ahead log (-wal), as a thief with
    a copy of the disk would read them."""
    path = Path(url.split("///", 1)[1])
    return b"".join(part.read_bytes() for part in (path, Path(f"{path}-wal")) if part.exists())


def pieces(secret: bytes, size: int = 24) -> list[bytes]:
    """Overlapping pieces of `secret`, so that a partly overwritten copy is found too."""
    return [secret[start : start + size] for start in range(0, max(len(secret) - size, 0) + 1, size // 2)]


def totp_now(uri: str, at=None) -> str:
    totp = pyotp.parse_uri(uri)
    return totp.now() if at is None else totp.at(at)


__all__ = ["postgres_server", "database_url", "store", "cipher", "new_token"]
