"""Commands for running the print service: `flask --app cardshop orders release | purge | send-updates | fail |
rotate-key | new-key` and `flask --app cardshop operators add | unlock NAME`.

`orders release` and `orders purge` are meant to run daily (docs/deployment.md has a systemd timer).
They print counts, never anything an order says.
"""

from __future__ import annotations

import sys
from datetime import date

import click
from flask import Flask
from flask.cli import AppGroup

from cardshop.orders import lifecycle, updates
from cardshop.orders.crypto import new_key
from cardshop.orders.database import utcnow
from cardshop.orders.operators import OperatorError, add_operator, unlock_operator
from cardshop.web.order_store import orders_of_app


def register_order_cli(app: Flask) -> None:
    orders = AppGroup("orders", help="Run the print service: release due orders, purge old ones, rotate keys.")
    operators = AppGroup("operators", help="Operators who print and post.")
    app.cli.add_command(orders)
    app.cli.add_command(operators)

    @orders.command("release")
    @click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Act as if today were this day.")
    def release_command(today):
        """Queue orders whose posting day has come (or is tomorrow); the others wait for theirs."""
        shop = orders_of_app()
        day: date = today.date() if today else shop.today()
        with shop.store.session() as session:
            counts = lifecycle.release_due(session, day)
        click.echo(f"Released {counts['released']} order(s) to the printing queue; {counts['waiting']} now waiting.")

    @orders.command("purge")
    @click.option("--days", type=click.IntRange(0, 3650), default=lifecycle.DEFAULT_PURGE_DAYS, show_default=True)
    def purge_command(days):
        """Erase the message, names, addresses and email of orders posted or cancelled DAYS ago or more."""
        shop = orders_of_app()
        now = utcnow()
        with shop.store.session() as session:
            overdue = lifecycle.fail_overdue(session, now, days)
        # Their senders are told before their emails are erased with the rest (a mail server that is
        # away now means they are not told: the erasing doesn't wait).
        updates.send_updates(shop.store, shop.cipher, shop.mail, overdue, "failed")
        with shop.store.session() as session:
            count = lifecycle.purge(session, now, days)
        shop.store.forget_freed()
        click.echo(f"Erased the personal data of {count} order(s).")

    @orders.command("send-updates")
    def send_updates_command():
        """Send the email updates that are due and not sent yet (after the mail server was away)."""
        shop = orders_of_app()
        if shop.mail is None:
            click.echo("Email updates are off here (CARDSHOP_SMTP_URL is not set); nothing to send.")
            return
        outcome = updates.send_due(shop.store, shop.cipher, shop.mail)
        unsent = outcome.failed + outcome.left
        click.echo(f"Sent {outcome.sent} email update(s); {unsent} could not be sent (see the log).")
        if unsent:
            sys.exit(1)

    @orders.command("fail")
    @click.argument("reference")
    def fail_command(reference):
        """Take an order that can't be printed out of the queue or its print batch (it becomes failed)."""
        shop = orders_of_app()
        with shop.store.session() as session:
            order = lifecycle.find_by_reference(session, reference.strip().upper())
            if order is None:
                click.echo(f"Error: no order {reference}.", err=True)
                sys.exit(1)
            if not lifecycle.fail(session, order, None, utcnow()):
                click.echo(
                    f"Error: order {order.reference} is {order.state.replace('_', ' ')}; it can't be failed now.",
                    err=True,
                )
                sys.exit(1)
            order_id = order.id
            click.echo(f"Order {order.reference} is taken out and marked failed.")
        updates.send_updates(shop.store, shop.cipher, shop.mail, [order_id], "failed")

    @orders.command("rotate-key")
    def rotate_command():
        """Re-encrypt everything with the first key of CARDSHOP_DATA_KEY (put the new key first)."""
        shop = orders_of_app()
        with shop.store.session() as session:
            count = lifecycle.rotate_keys(session, shop.cipher)
        shop.store.forget_freed()  # no copy under the old key is left in the log
        click.echo(f"Re-encrypted {count} field(s) with the first key. The old key can now be removed.")

    @orders.command("new-key")
    def new_key_command():
        """Print a new data key, for CARDSHOP_DATA_KEY."""
        click.echo(new_key())

    @operators.command("add")
    @click.argument("name")
    @click.password_option(help="At least 12 characters; asked for (twice) when not given.")
    def add_command(name, password):
        """Add an operator; prints the TOTP secret once, as an otpauth:// URI for an authenticator app."""
        shop = orders_of_app()
        try:
            with shop.store.session() as session:
                made = add_operator(session, shop.cipher, name, password, utcnow())
        except OperatorError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(1)
        click.echo(f"Added operator {made.operator.name}.")
        click.echo("Add this to an authenticator app now (as a QR code or by hand); it is not shown again:")
        click.echo(made.otpauth_uri)

    @operators.command("unlock")
    @click.argument("name")
    def unlock_command(name):
        """Lift an operator's lockout after repeated wrong attempts, instead of waiting 15 minutes."""
        shop = orders_of_app()
        with shop.store.session() as session:
            found = unlock_operator(session, name)
        if not found:
            click.echo("Error: there is no operator by that name.", err=True)
            sys.exit(1)
        click.echo("Unlocked: they can sign in again with their password and code.")
