"""The operators' side, under /operator: sign in (password, then TOTP), the queue of orders due for
printing with each card's preview and the kindness notes, approve or hold, make a print batch,
download its press sheets, envelopes and dispatch list, and mark it printed, then posted.

Every answer here is `no-store`. The request log shows route patterns only (no references, names or
addresses), like everywhere else.
"""

from __future__ import annotations

import base64
from datetime import datetime

from flask import Blueprint, abort, g, make_response, redirect, render_template, request, url_for
from sqlalchemy import select

from cardshop.design.paths import printable
from cardshop.orders import lifecycle, updates
from cardshop.orders.database import utcnow
from cardshop.orders.models import CANCELLED, FAILED, IN_BATCH, POSTED, PRINTED, Operator, Order, PrintBatch
from cardshop.orders.operators import check_code, check_password
from cardshop.orders.postal import address_lines
from cardshop.render.art.artwork import ART_ERRORS
from cardshop.render.card import render_card
from cardshop.render.options import CardTextError, RenderOptions, resolve_geometry
from cardshop.render.press.profile import ProfileError
from cardshop.render.preview import card_previews
from cardshop.web.batch_documents import BATCH_DOCUMENTS, batch_document, batch_items
from cardshop.web.cards import catalog
from cardshop.web.message_help import kindness_notes
from cardshop.web.operator_session import (
    end_session,
    operator_required,
    pending_operator_id,
    start_pending,
    start_session,
)
from cardshop.web.order_store import orders_of_app
from cardshop.web.render_faults import CardUnavailable, error_log, render_faults

operator = Blueprint("operator", __name__, url_prefix="/operator")

QUEUE_PAGE = 25  # orders shown with their previews at once
PREVIEW_WIDTH = 240
MAIL_SECONDS = 10  # a batch mark's emails stop after this (gunicorn's timeout is 30 s); send-updates does the rest
ORDER_MAIL_SECONDS = 4  # the same for one order's email
SIGN_IN_FAILED = "That name and password don't match an operator. Please check them and try again."
LOCKED = "This account is locked for 15 minutes after several wrong attempts. Please wait, then try again."


@operator.after_request
def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@operator.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    if request.method == "GET":
        expired = request.args.get("expired") == "1"
        return render_template("operator/sign_in.html", step="password", expired=expired, error="")
    shop = orders_of_app()
    with shop.store.session() as session:
        found, locked = check_password(
            session, request.form.get("name", ""), request.form.get("password", ""), utcnow()
        )
        if found is None:
            error = LOCKED if locked else SIGN_IN_FAILED
            return render_template("operator/sign_in.html", step="password", error=error), 401 if not locked else 429
        start_pending(found)
    return redirect(url_for("operator.code"), 303)


@operator.route("/code", methods=["GET", "POST"])
def code():
    operator_id = pending_operator_id()
    if operator_id is None:
        return redirect(url_for("operator.sign_in", expired=1), 303)
    if request.method == "GET":
        return render_template("operator/sign_in.html", step="code", error="")
    shop = orders_of_app()
    with shop.store.session() as session:
        found = session.get(Operator, operator_id)
        if found is None:
            abort(404)
        if not check_code(shop.cipher, found, request.form.get("code", ""), utcnow()):
            error = "That code isn't right, or it was used already. Please enter the code your app shows now."
            return render_template("operator/sign_in.html", step="code", error=error), 401
        start_session(found)
    return redirect(url_for("operator.queue"), 303)


@operator.post("/sign-out")
def sign_out():
    end_session()
    return redirect(url_for("operator.sign_in"), 303)


def _preview(order: Order, values: dict) -> dict:
    loaded = catalog().get(order.slug)
    if loaded is None:
        return {"problem": f"The design {order.slug} is missing from the catalogue."}
    options = RenderOptions(layout="pro", size=order.size)
    try:
        with render_faults(loaded):
            pdf = render_card(loaded.folder, loaded.design, values, options)
    except CardTextError as error:
        return {"problem": "; ".join(p.message for p in error.problems)}
    except CardUnavailable:  # logged with the design's file
        return {"problem": f"The design {order.slug}'s artwork can't be drawn just now: the log names the file."}
    images = card_previews(pdf, resolve_geometry(loaded.design, options), PREVIEW_WIDTH)
    return {
        "design": loaded.design.name,
        "images": [
            {
                "name": image.name,
                "src": f"data:{image.mime};base64,{base64.b64encode(image.data).decode()}",
                "width": image.width,
                "height": image.height,
            }
            for image in images
        ],
    }


@operator.get("")
@operator_required
def queue():
    shop = orders_of_app()
    orders = lifecycle.queue(g.db)
    items = []
    for order in orders[:QUEUE_PAGE]:
        personal = lifecycle.personal_of(shop.cipher, order)
        address = personal["address"]
        items.append(
            {
                "order": order,
                "post_on": order.post_on,
                "preview": _preview(order, personal["values"]),
                "notes": kindness_notes(personal["values"].get("message")),
                "address_lines": address_lines(address["country"], address),
                "email": personal.get("email") or "",
            }
        )
    batches = g.db.scalars(
        select(PrintBatch).where(PrintBatch.state.in_((IN_BATCH, PRINTED))).order_by(PrintBatch.id)
    ).all()
    approved = sum(1 for order in orders if order.state == "queued")
    return render_template(
        "operator/queue.html", items=items, total=len(orders), approved=approved, batches=batches, operator=g.operator
    )


def _order_or_404(reference: str) -> Order:
    order = lifecycle.find_by_reference(g.db, reference)
    if order is None:
        abort(404)
    return order


@operator.post("/orders/<reference>/approve")
@operator_required
def approve(reference: str):
    lifecycle.approve(g.db, _order_or_404(reference), g.operator, utcnow())
    return redirect(url_for("operator.queue") + f"#order-{reference}", 303)


@operator.post("/orders/<reference>/hold")
@operator_required
def hold(reference: str):
    lifecycle.hold(g.db, _order_or_404(reference), g.operator, utcnow())
    return redirect(url_for("operator.queue") + f"#order-{reference}", 303)


@operator.post("/orders/<reference>/fail")
@operator_required
def fail(reference: str):
    """Take an order that can't be printed out of the queue or its batch, and tell its sender."""
    shop = orders_of_app()
    order = _order_or_404(reference)
    batch = g.db.get(PrintBatch, order.batch_id) if order.batch_id is not None else None
    back = url_for("operator.batch", reference=batch.reference) if batch else url_for("operator.queue")
    if not lifecycle.fail(g.db, order, g.operator, utcnow()):
        state = order.state.replace("_", " ")
        already = "already " if order.state in (PRINTED, POSTED, CANCELLED, FAILED) else ""
        message = f"Order {order.reference} is {already}{state}, so it can't be taken out."
        return render_template("error.html", title="Not taken out", message=message), 409
    order_id = order.id
    g.db.commit()  # failed whatever the mail server does; no transaction is held while it answers
    updates.send_updates(shop.store, shop.cipher, shop.mail, [order_id], "failed", budget=ORDER_MAIL_SECONDS)
    return redirect(back, 303)


@operator.post("/batches")
@operator_required
def make_batch():
    operator_id = g.operator.id
    batch = lifecycle.claim_batch(orders_of_app().store, operator_id)
    if batch is None:
        return redirect(url_for("operator.queue", nothing=1), 303)
    return redirect(url_for("operator.batch", reference=batch.reference), 303)


def _batch_or_404(reference: str) -> PrintBatch:
    batch = g.db.scalar(select(PrintBatch).where(PrintBatch.reference == reference))
    if batch is None:
        abort(404)
    return batch


@operator.get("/batches/<reference>")
@operator_required
def batch(reference: str):
    found = _batch_or_404(reference)
    orders = g.db.scalars(select(Order).where(Order.batch_id == found.id).order_by(Order.id)).all()
    _, left_out = batch_items(lifecycle.batch_orders(g.db, found), orders_of_app().cipher, catalog())
    return render_template(
        "operator/batch.html",
        batch=found,
        orders=orders,
        left_out=left_out,
        documents=BATCH_DOCUMENTS,
        operator=g.operator,
    )


@operator.get("/batches/<reference>/<document>.pdf")
@operator_required
def batch_pdf(reference: str, document: str):
    if document not in BATCH_DOCUMENTS:
        abort(404)
    found = _batch_or_404(reference)
    shop = orders_of_app()
    items, _ = batch_items(lifecycle.batch_orders(g.db, found), shop.cipher, catalog())
    if not items:
        message = "No order in this batch can be printed now. The batch page lists why."
        return render_template("error.html", title="Nothing to print", message=message), 409
    made_at: datetime = found.created_at
    try:
        pdf = batch_document(document, found.reference, items, made_at)
    except (*ART_ERRORS, ProfileError) as error:  # broke since the batch page checked: logged, never a 500
        error_log.error("print batch file cannot be made: %s: %s", type(error).__name__, printable(str(error))[:300])
        message = (
            "A design's artwork or the press settings broke while this file was being made. The log names the "
            "file; the batch page lists any order left out. Please try again."
        )
        return render_template("error.html", title="This file can't be made just now", message=message), 503
    response = make_response(pdf)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{found.reference}-{document}.pdf"'
    return response


def _email_batch(reference: str, news: str) -> None:
    """Tell the batch's senders the news, once each, after the mark is saved: a mail server that is away
    never undoes or fails the mark (`orders send-updates` tries again)."""
    shop = orders_of_app()
    order_ids = list(g.db.scalars(select(Order.id).join(PrintBatch).where(PrintBatch.reference == reference)))
    g.db.commit()  # the mark is saved, and no transaction is held while the mail server answers
    updates.send_updates(shop.store, shop.cipher, shop.mail, order_ids, news, budget=MAIL_SECONDS)


@operator.post("/batches/<reference>/printed")
@operator_required
def batch_printed(reference: str):
    lifecycle.mark_batch(g.db, _batch_or_404(reference), PRINTED, g.operator, utcnow())
    _email_batch(reference, PRINTED)
    return redirect(url_for("operator.batch", reference=reference), 303)


@operator.post("/batches/<reference>/posted")
@operator_required
def batch_posted(reference: str):
    lifecycle.mark_batch(g.db, _batch_or_404(reference), POSTED, g.operator, utcnow())
    _email_batch(reference, POSTED)
    return redirect(url_for("operator.batch", reference=reference), 303)
