"""The order store as the web app sees it: one `Store` (engine and sessions) and the data cipher,
made when the app is built, after `alembic upgrade head` has brought the database up to date.

Settings: `CARDSHOP_DATABASE_URL` (default: SQLite in `instance/cardshop.db`), `CARDSHOP_DATA_KEY`
(default: `instance/data.key`, made once; with a warning in production), `CARDSHOP_AUTO_MIGRATE` (on; turn
off where migrations are run by hand), `CARDSHOP_POST_FROM` (the shop's country, GB by default) and
`CARDSHOP_TIMEZONE` (the shop's, for "today"; Europe/London by default). Email updates to senders:
`CARDSHOP_SMTP_URL`, `CARDSHOP_MAIL_FROM` and `CARDSHOP_PUBLIC_URL` (see orders/mail.py); off without them.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import Flask, current_app

from cardshop.orders.crypto import DataCipher, load_cipher
from cardshop.orders.database import ROOT, Store, default_url
from cardshop.orders.mail import MailSettings, mail_settings

log = logging.getLogger("cardshop")
MAIL_SETTINGS = ("CARDSHOP_SMTP_URL", "CARDSHOP_MAIL_FROM", "CARDSHOP_PUBLIC_URL")


@dataclass
class Orders:
    store: Store
    cipher: DataCipher
    home_country: str
    timezone: ZoneInfo
    mail: MailSettings | None = None  # None: no email is asked for or sent

    def today(self) -> date:
        return datetime.now(self.timezone).date()


def init_orders(app: Flask) -> Orders:
    config = app.config
    instance = Path(config.get("CARDSHOP_INSTANCE_DIR") or os.environ.get("CARDSHOP_INSTANCE_DIR") or ROOT / "instance")
    url = config.get("CARDSHOP_DATABASE_URL") or os.environ.get("CARDSHOP_DATABASE_URL") or default_url(instance)
    environ = dict(os.environ)
    if config.get("CARDSHOP_DATA_KEY"):
        environ["CARDSHOP_DATA_KEY"] = config["CARDSHOP_DATA_KEY"]
    if config["CARDSHOP_ENV"] == "production" and not environ.get("CARDSHOP_DATA_KEY", "").strip():
        log.warning(
            "CARDSHOP_DATA_KEY is missing: orders are encrypted with the key in %s/data.key, beside the "
            "database. Set CARDSHOP_DATA_KEY in production (flask --app cardshop orders new-key makes one).",
            instance,
        )
    mail = mail_settings(*(config.get(name) or os.environ.get(name) for name in MAIL_SETTINGS))
    orders = Orders(
        store=Store(url),
        cipher=load_cipher(instance, environ),
        home_country=(config.get("CARDSHOP_POST_FROM") or os.environ.get("CARDSHOP_POST_FROM") or "GB").upper(),
        timezone=ZoneInfo(config.get("CARDSHOP_TIMEZONE") or os.environ.get("CARDSHOP_TIMEZONE") or "Europe/London"),
        mail=mail,
    )
    auto = config.get("CARDSHOP_AUTO_MIGRATE", os.environ.get("CARDSHOP_AUTO_MIGRATE", "1"))
    if str(auto).strip().lower() not in ("0", "false", "no", "off"):
        orders.store.upgrade()
    app.extensions["cardshop_orders"] = orders
    return orders


def orders_of_app() -> Orders:
    return current_app.extensions["cardshop_orders"]
