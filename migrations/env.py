"""Alembic's environment for the order store: the URL from the app (or CARDSHOP_DATABASE_URL, or the
embedded SQLite in instance/), the models' metadata for autogenerate, batch mode for SQLite's ALTERs,
and on PostgreSQL an advisory lock so app machines starting together migrate one at a time."""

from __future__ import annotations

import os
from logging.config import fileConfig
from pathlib import Path

from alembic import context
from sqlalchemy import text

from cardshop.orders.database import default_url, make_engine
from cardshop.orders.models import Base

config = context.config
if config.config_file_name and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name)

MIGRATION_LOCK = 7_317_001  # any fixed number, the same on every machine


def _url() -> str:
    return (
        config.get_main_option("sqlalchemy.url")
        or os.environ.get("CARDSHOP_DATABASE_URL")
        or default_url(Path(__file__).resolve().parents[1] / "instance")
    )


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    with make_engine(_url()).begin() as connection:
        _run(connection)


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=Base.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
