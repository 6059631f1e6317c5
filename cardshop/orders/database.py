"""The order store's database: the engine and sessions, and Alembic's `upgrade head`.

SQLite in `instance/cardshop.db` by default (nothing to install or run); `CARDSHOP_DATABASE_URL`
points at PostgreSQL for a real service (`postgresql+psycopg://user@host/db`), shared by every app
machine. Migrations live in `migrations/` beside the package; the app upgrades the database when it
starts (on PostgreSQL under an advisory lock, so machines starting together migrate once).
"""

from __future__ import annotations

import logging
import os
import weakref
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

ROOT = Path(__file__).resolve().parents[2]
MIGRATIONS = ROOT / "migrations"
ALEMBIC_INI = ROOT / "alembic.ini"
log = logging.getLogger("cardshop")


def default_url(instance_dir: Path) -> str:
    return f"sqlite:///{Path(instance_dir) / 'cardshop.db'}"


def utcnow() -> datetime:
    """Now in UTC, without a zone: every time in the store is UTC (SQLite keeps no zones)."""
    return datetime.now(UTC).replace(tzinfo=None)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record):
            cursor = connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")  # readers don't wait for the writer
            # Erased words are overwritten with zeros, not left in free pages (Debian builds SQLite with this on;
            # others may not).
            cursor.execute("PRAGMA secure_delete=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(url: str) -> Config:
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


def upgrade(url: str, engine: Engine | None = None) -> None:
    """Bring the database to the newest migration (`alembic upgrade head`)."""
    config = alembic_config(url)
    own = engine is None
    engine = engine or make_engine(url)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        if own:
            engine.dispose()


class Store:
    """The engine and a session factory for one database."""

    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self.dialect = self.engine.dialect.name
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # gunicorn --preload builds the app (and migrates) in the master, then forks its workers: a
        # pooled connection inherited by two processes would carry both their queries at once. Each
        # child starts with an empty pool of its own.
        engine = weakref.ref(self.engine)
        os.register_at_fork(after_in_child=lambda: engine() is not None and engine().dispose(close=False))

    @contextmanager
    def session(self):
        """A session committed at the end of the block (rolled back on an exception)."""
        with self._sessions() as session, session.begin():
            yield session

    def new_session(self) -> Session:
        return self._sessions()

    def forget_freed(self) -> None:
        """After personal data is erased, purged or re-encrypted, leave no old copy on disk. On SQLite the
        old bytes are zeroed in the database file (secure_delete), but the write-ahead log still holds
        the pages as they were: a TRUNCATE checkpoint copies the new pages into the file and empties the
        log. On PostgreSQL this does nothing; docs/deployment.md says what VACUUM does there."""
        if self.dialect != "sqlite":
            return
        with self.engine.connect() as connection:
            busy, _, _ = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        if busy:  # a reader held the log open: SQLite truncates it at the next checkpoint it can finish
            log.warning("the SQLite log could not be emptied at once after an erase; it will be at the next")

    def upgrade(self) -> None:
        upgrade(self.url, self.engine)
        self.engine.dispose()  # no connection left open in a process that is about to fork
