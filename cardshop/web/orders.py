"""Have it printed and posted: the order part of the check page, the confirmation, and the sender's
private status page, where until it goes to print they can change the address or the date, or cancel,
and at any time erase their words.

The check page's order form posts the card's words (carried in hidden fields, as for a download) and
the order's own fields to `/cards/<slug>/order`. The form carries an order key, made when the check
page was shown: it is both the idempotency key (the same form sent twice finds the first order) and
the token of the private status link, `/orders/<token>`, which is stored only as a hash. Nothing here
logs anything a sender wrote: the request log shows the route pattern, never the token.
"""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, url_for

from cardshop.orders import lifecycle, updates
from cardshop.orders.database import utcnow
from cardshop.orders.models import CANCELLED, CHANGEABLE, FAILED, POSTED, PRINTED, Order
from cardshop.orders.postal import address_lines, countries
from cardshop.orders.posting import arrival_sentence, long_date
from cardshop.orders.tokens import new_token
from cardshop.studio.limits import field_limits

# The check page and the validated render are the cards blueprint's own; the order form sits in it.
from cardshop.web.cards import _check_page, _design_or_404, _render, catalog
from cardshop.web.forms import card_form
from cardshop.web.log_redaction import redact_werkzeug_log
from cardshop.web.order_form import OrderForm, blank_order_form, check_envelope, earliest_sentence, read_order_form
from cardshop.web.order_store import orders_of_app

orders = Blueprint("orders", __name__)
# The first email is sent while the sender waits: a slow mail server gets this long in all, then the
# order's page is shown anyway and `orders send-updates` sends the email later (without the link).
MAIL_SECONDS = 4.0
orders.record_once(lambda state: redact_werkzeug_log())

STATE_WORDS = {
    "received": ("Received", "We have your order. It goes into the printing queue as its posting day comes near."),
    "waiting": ("Waiting for its posting date", "Your card is safe with us until it is time to print it."),
    "ready": ("Being prepared", "Your card is in the printing queue."),
    "queued": ("Being prepared", "Your card has been checked and is waiting to be printed."),
    "held": ("Being prepared", "Your card is in the printing queue."),
    "in_batch": ("Being printed", "Your card is being printed now."),
    "printed": ("Printed", "Your card has been printed and is ready to post."),
    "posted": ("Posted", "Your card is on its way."),
    "cancelled": ("Cancelled", "This order was cancelled. Nothing will be printed or posted."),
    "failed": ("Not printed", "We're so sorry: we couldn't print and post this card, so it won't be sent."),
}
BY_HAND = (
    "This card has space to write by hand, so it's one to print yourself: we don't print and post it, "
    "because it would arrive with its lines empty. Your words are still in this browser tab: open your card "
    "again to download it and print it."
)


@orders.app_template_global()
def order_section() -> OrderForm:
    """The order form shown on the check page: the one being corrected, or a fresh one."""
    existing = g.get("order_form")
    if existing is not None:
        return existing
    shop = orders_of_app()
    return blank_order_form(shop.today(), shop.home_country)


@orders.app_template_global()
def order_mail() -> bool:
    """Whether the shop sends email updates (and so asks for an email at all)."""
    return orders_of_app().mail is not None


@orders.app_template_global()
def order_countries():
    return countries()


@orders.app_template_global()
def order_earliest() -> str:
    return earliest_sentence(orders_of_app().today())


def _not_found():
    message = (
        "We couldn't find an order at this link. Please check that the whole link was copied; it is long, "
        "and every character counts."
    )
    return render_template("error.html", title="Order not found", message=message), 404


@orders.post("/cards/<slug>/order")
def place(slug: str):
    loaded = _design_or_404(slug)
    if loaded.design.written_by_hand:
        card_url = url_for("cards.personalise", slug=loaded.slug)
        return render_template("error.html", title="One to print yourself", message=BY_HAND, card_url=card_url), 422
    shop = orders_of_app()
    form = card_form(loaded.design, field_limits(loaded))
    card = _render(loaded, form)
    if card is None:
        message = (
            "Something in your card's words needs another look. They are still in this browser tab: open your "
            "card again and they will be there."
        )
        card_url = url_for("cards.personalise", slug=loaded.slug)
        return render_template("error.html", title="Please check your card", message=message, card_url=card_url), 422
    choosing_country = request.form.get("action") == "order_country" and _country_changed()
    order_form = read_order_form(
        request.form, shop.today(), shop.home_country, check=not choosing_country, ask_email=shop.mail is not None
    )
    g.order_form = order_form
    g.order_focus = True
    if choosing_country:
        return _check_page(loaded, form, card)
    if order_form.ok:
        check_envelope(order_form, loaded, card.options.size)
    if not order_form.ok:
        return _check_page(loaded, form, card), 422
    personal = {
        "values": card.values,
        "address": {"country": order_form.to.country, **order_form.to.values},
        "return_address": {"country": order_form.back.country, **order_form.back.values}
        if order_form.back.given
        else None,
        "email": order_form.email or None,
    }
    new = lifecycle.NewOrder(
        slug=loaded.slug,
        size=card.options.size,
        post_on=order_form.post_on(shop.today()),
        as_soon_as_possible=order_form.when == "asap",
        personal=personal,
    )
    order, made_now = lifecycle.place_order(shop.store, shop.cipher, order_form.key, new)
    if not made_now and not lifecycle.same_details(shop.cipher, order, new):
        return _already_ordered(loaded.slug, order, order_form.key)
    _email_received(order.id, order_form.key)
    return redirect(url_for("orders.status", token=order_form.key, placed=1), 303)


def _email_received(order_id: int, token: str) -> None:
    """The first email, with the private link: sent now or never with it (the token is kept only as a
    hash). Sent once however often the form comes; a failure is logged and never the sender's."""
    shop = orders_of_app()
    if shop.mail is not None:
        link = shop.mail.public_url + url_for("orders.status", token=token)
        updates.send_updates(shop.store, shop.cipher, shop.mail, [order_id], "received", link, MAIL_SECONDS)


def _already_ordered(slug: str, order: Order, token: str):
    """The form that made an order came back with other details (Back, a new address, send again):
    nothing is changed or dropped in silence. The page links to the order, and can order another copy
    with these details: the same fields, under a new order key."""
    carried = [
        (name, value)
        for name, value in request.form.items(multi=True)
        if name not in ("csrf_token", "order_key", "action")
    ]
    html = render_template(
        "order_again.html", slug=slug, order=order, token=token, carried=carried, new_key=new_token()
    )
    return html, 409, {"Cache-Control": "no-store"}


def _country_changed() -> bool:
    """Enter in a field presses the form's first button, "Show this country's address fields": when
    neither country changed, that is the sender saving the form."""
    return any(
        (request.form.get(f"{part}_country") or "").upper() != (request.form.get(f"{part}_country_shown") or "").upper()
        for part in ("to", "from")
    )


def _status_context(order: Order, token: str, personal: dict | None) -> dict:
    shop = orders_of_app()
    loaded = catalog().get(order.slug)
    title, sentence = STATE_WORDS[order.state]
    address = personal["address"] if personal else None
    arrival = ""
    if address and order.state not in (CANCELLED, FAILED, POSTED):
        arrival = arrival_sentence(order.post_on, address["country"], shop.home_country)
    return {
        "order": order,
        "token": token,
        "design_name": loaded.design.name if loaded else order.slug,
        "state_title": title,
        "state_sentence": sentence,
        "post_on": long_date(order.post_on),
        "posted_on": long_date(order.posted_at.date()) if order.posted_at else "",
        "arrival": arrival,
        "address_lines": address_lines(address["country"], address) if address else (),
        "changeable": order.state in CHANGEABLE and personal is not None,
        "erasable": personal is not None,
        "erased": order.personal is None,
        "finished": order.state in (POSTED, PRINTED, CANCELLED, FAILED),
        "placed": request.args.get("placed") == "1",
        "card_values": personal["values"] if personal else {},
        "changed": request.args.get("changed", ""),
    }


@orders.get("/orders/<token>")
def status(token: str):
    shop = orders_of_app()
    with shop.store.session() as session:
        order = lifecycle.find_by_token(session, token)
        if order is None:
            return _not_found()
        return _status_page(order, token, lifecycle.personal_of(shop.cipher, order))


def _status_page(order: Order, token: str, personal: dict | None, code: int = 200, order_form=None, **extra):
    """The order's status page (never cached), with `extra` in its context; while the order can still
    change, with the change form: `order_form` as sent back, or else filled in from the order."""
    context = {**_status_context(order, token, personal), **extra}
    if order_form is None and context["changeable"]:
        shop = orders_of_app()
        order_form = read_order_form(_as_form(personal, order), shop.today(), shop.home_country, check=False)
        order_form.key = token
    return render_template("order_status.html", order_form=order_form, **context), code, {"Cache-Control": "no-store"}


def _as_form(personal: dict, order: Order) -> dict:
    """The stored order as the fields of the change form."""
    values = {}
    for prefix, address in (("to", personal["address"]), ("from", personal.get("return_address"))):
        for name, value in (address or {}).items():
            values[f"{prefix}_{'country' if name == 'country' else name}"] = value
    values["when"] = "asap" if order.as_soon_as_possible else "date"
    values["post_on"] = order.post_on.isoformat()
    return values


@orders.post("/orders/<token>/change")
def change(token: str):
    """A new address, a new posting day, or both (one form), until the card goes to print."""
    shop = orders_of_app()
    with shop.store.session() as session:
        order = lifecycle.find_by_token(session, token)
        if order is None:
            return _not_found()
        personal = lifecycle.personal_of(shop.cipher, order)
        if order.state not in CHANGEABLE or personal is None:
            return _too_late(order, token, personal)
        choosing_country = request.form.get("action") == "order_country" and _country_changed()
        order_form = read_order_form(request.form, shop.today(), shop.home_country, check=not choosing_country)
        order_form.errors.pop("key", None)
        order_form.key = token
        loaded = catalog().get(order.slug)
        if order_form.ok and not choosing_country and loaded is not None:
            check_envelope(order_form, loaded, order.size)
        if choosing_country or not order_form.ok:
            return _status_page(order, token, personal, 200 if choosing_country else 422, order_form)
        now = utcnow()
        address = {"country": order_form.to.country, **order_form.to.values}
        back = {"country": order_form.back.country, **order_form.back.values} if order_form.back.given else None
        post_on = order_form.post_on(shop.today())
        asap = order_form.when == "asap"
        changed = []
        if address != personal["address"] or back != personal.get("return_address"):
            lifecycle.change_address(session, shop.cipher, order, address, back, shop.today(), now)
            changed.append("address")
        if post_on != order.post_on or asap != order.as_soon_as_possible:
            lifecycle.change_date(session, order, post_on, asap, shop.today(), now)
            changed.append("date")
    if "address" in changed:
        shop.store.forget_freed()  # the old address goes from the disk too
    return redirect(url_for("orders.status", token=token, changed="-".join(changed) or "nothing"), 303)


def _too_late(order: Order, token: str, personal: dict | None):
    return _status_page(order, token, personal, 409, too_late=True)


@orders.post("/orders/<token>/cancel")
def cancel(token: str):
    shop = orders_of_app()
    with shop.store.session() as session:
        order = lifecycle.find_by_token(session, token)
        if order is None:
            return _not_found()
        if not lifecycle.cancel(session, order, utcnow()):
            return _too_late(order, token, lifecycle.personal_of(shop.cipher, order))
    return redirect(url_for("orders.status", token=token, changed="cancelled"), 303)


@orders.post("/orders/<token>/erase")
def erase(token: str):
    shop = orders_of_app()
    with shop.store.session() as session:
        order = lifecycle.find_by_token(session, token)
        if order is None:
            return _not_found()
        if request.form.get("confirm") != "yes":
            unconfirmed = "Please tick the box to confirm, so nothing is erased by a slip of the finger."
            return _status_page(order, token, lifecycle.personal_of(shop.cipher, order), 422, erase_error=unconfirmed)
        if order.personal is not None:
            lifecycle.erase_words(session, order, utcnow())
    shop.store.forget_freed()
    return redirect(url_for("orders.status", token=token, changed="erased"), 303)
