"""The "Have it printed and posted" part of the check page: the recipient's address in the fields of
their country, an optional return address, when to post, an optional email (asked for only where the
shop sends email updates), and the order key.

Addresses are not a WTForms form: their fields change with the country. `read_order_form` reads the
posted form into an `OrderForm` with one kind, specific message per field that needs one; the
template (partials/order_post.html) shows each message beside its field and all of them at the top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from cardshop.design.loader import LoadedDesign
from cardshop.orders.mail import is_mail_address
from cardshop.orders.postal import (
    AddressField,
    address_fields,
    address_lines,
    check_address,
    clean_address_field,
    is_country,
)
from cardshop.orders.posting import (
    arrival_sentence,
    latest_posting_day,
    long_date,
    next_posting_day,
    posting_date_problem,
)
from cardshop.orders.print_batch import BatchItem, fitted_envelope
from cardshop.orders.tokens import is_token, new_token
from cardshop.render.options import CardTextError
from cardshop.render.text.cleaning import clean_user_text

EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s.]{2,63}$")
EMAIL_MAX = 254


@dataclass
class AddressPart:
    prefix: str  # "to" or "from"
    country: str
    values: dict[str, str]
    fields: tuple[AddressField, ...]
    errors: dict[str, str] = field(default_factory=dict)
    country_error: str = ""

    def field_id(self, name: str) -> str:
        return f"{self.prefix}_{name}"

    @property
    def given(self) -> bool:
        return any(self.values.get(f.name) for f in self.fields)


@dataclass
class OrderForm:
    key: str
    to: AddressPart
    back: AddressPart  # the return address (optional)
    when: str  # "asap", "date", or "" before the sender chooses
    post_on_text: str
    email: str
    earliest: date
    latest: date
    errors: dict[str, str] = field(default_factory=dict)  # when / post_on / email / key

    @property
    def all_errors(self) -> list[tuple[str, str, str]]:
        """(field id, label, message) for the summary at the top."""
        found = []
        for part, what in ((self.to, "Their address"), (self.back, "Your address")):
            if part.country_error:
                found.append((part.field_id("country"), f"{what}: country", part.country_error))
            for address_field in part.fields:  # in the order the fields are on the page
                message = part.errors.get(address_field.name)
                if message:
                    found.append((part.field_id(address_field.name), f"{what}: {address_field.label}", message))
        labels = {"when": "When to post it", "post_on": "Posting date", "email": "Email", "key": "This form"}
        found.extend((name, labels[name], message) for name, message in self.errors.items())
        return found

    @property
    def ok(self) -> bool:
        return not self.all_errors

    def post_on(self, today: date) -> date:
        return next_posting_day(today) if self.when == "asap" else date.fromisoformat(self.post_on_text)

    def arrival(self, today: date, home_country: str) -> str:
        return arrival_sentence(self.post_on(today), self.to.country, home_country)


def _address_part(prefix: str, form, country_default: str) -> AddressPart:
    raw_country = (form.get(f"{prefix}_country") or "").strip().upper()
    country = raw_country if is_country(raw_country) else country_default
    fields = address_fields(country)
    values = {f.name: clean_address_field(f.name, form.get(f"{prefix}_{f.name}")) for f in fields}
    part = AddressPart(prefix, country, values, fields)
    if raw_country and not is_country(raw_country):
        part.country_error = "Please choose the country from the list."
    return part


def blank_order_form(today: date, home_country: str) -> OrderForm:
    empty: dict[str, str] = {}
    return OrderForm(
        key=new_token(),
        to=_address_part("to", empty, home_country),
        back=_address_part("from", empty, home_country),
        when="",  # the sender chooses; nothing is chosen for them
        post_on_text="",
        email="",
        earliest=next_posting_day(today),
        latest=latest_posting_day(today),
    )


def read_order_form(form, today: date, home_country: str, check: bool = True, ask_email: bool = True) -> OrderForm:
    """The order part of a posted form; with `check`, every problem found (else only what is needed to
    show the form again, e.g. after choosing another country). Without `ask_email` (no mail is set up)
    an email sent anyway is not read: we never keep what we can't use."""
    key = form.get("order_key", "")
    order = OrderForm(
        key=key if is_token(key) else new_token(),
        to=_address_part("to", form, home_country),
        back=_address_part("from", form, home_country),
        when=form.get("when") if form.get("when") in ("asap", "date") else "",
        post_on_text=(form.get("post_on") or "").strip()[:20],
        email=clean_user_text(form.get("email") or "").strip() if ask_email else "",
        earliest=next_posting_day(today),
        latest=latest_posting_day(today),
    )
    if not check:
        return order
    if not is_token(key):
        order.errors["key"] = (
            "This form is missing a part it needs. Your words are still in this browser tab, on your card."
        )
    for part, who in ((order.to, "their"), (order.back, "your")):
        if part is order.back and not part.given:
            continue  # the return address is optional
        checked = check_address(part.country, {f.name: form.get(f"{part.prefix}_{f.name}") for f in part.fields}, who)
        part.values = checked.values
        part.errors = checked.problems
    if not order.when:
        order.errors["when"] = "Please choose when to post it: as soon as possible, or on a day you choose."
    elif order.when == "date":
        try:
            chosen = date.fromisoformat(order.post_on_text) if order.post_on_text else None
        except ValueError:
            order.errors["post_on"] = "Please write the date as day, month and year, for example 14 March 2027."
        else:
            problem = posting_date_problem(chosen, today)
            if problem:
                order.errors["post_on"] = problem
    if order.email:
        if len(order.email) > EMAIL_MAX:
            order.errors["email"] = f"That email address is longer than {EMAIL_MAX} characters. Please check it."
        elif not EMAIL.match(order.email) or not is_mail_address(order.email):
            order.errors["email"] = "Please check the email address: it should look like name@example.com."
    return order


def check_envelope(order: OrderForm, loaded: LoadedDesign, size: str | None) -> None:
    """Both addresses must fit the envelope of the card's size, as the print batch will draw it: a line
    the form allows can still be too wide beside the return address. The problem goes on the field
    with the longest line, the one to shorten."""
    address = {"country": order.to.country, **order.to.values}
    back = {"country": order.back.country, **order.back.values} if order.back.given else None
    item = BatchItem(
        reference="new order",
        slug=loaded.slug,
        folder=loaded.folder,
        design=loaded.design,
        values={},
        size=size,
        recipient_name="",
        address_lines=address_lines(order.to.country, address),
        return_lines=address_lines(order.back.country, back) if back else (),
    )
    try:
        fitted_envelope(item)
    except CardTextError as error:
        for problem in error.problems:
            part = order.back if problem.field == "return_address" else order.to
            part.errors.setdefault(_longest_field(part), problem.message)


def _longest_field(part: AddressPart) -> str:
    lengths = {name: max(map(len, value.split("\n"))) for name, value in part.values.items() if value}
    return max(lengths, key=lengths.get) if lengths else part.fields[0].name


def earliest_sentence(today: date) -> str:
    return f"As soon as possible: printed and posted on {long_date(next_posting_day(today))}."
