"""The personalise form: the sender's fields, cleaned and length-checked, built for one design.

Only the fields a design shows are on its form. Text is cleaned (NFC, control characters removed)
before it is validated, so the length a sender sees counted is the length we print. Limits on
characters and lines come from the design (`catalog.limits`), the same ones the command line uses.
"""

from __future__ import annotations

from functools import partial

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, ValidationError

from cardshop.catalog.limits import FieldLimits, clean_field, design_field_limits, field_problem
from cardshop.catalog.models import Design
from cardshop.catalog.vocabulary import FIELD_LABELS, FIELDS, REQUIRED_FIELDS

SIZE_LABELS = {
    "A6": "A6 (105 × 148 mm)",
    "A5": "A5 (148 × 210 mm)",
    "5x7": "5 × 7 in",
    "4.25x5.5": "4.25 × 5.5 in (US A2)",
    "square": "Square (148 mm)",
}

FIELD_HINTS = {
    "recipient": "For example “Dear Sam and Alex”. Leave it empty if you'd rather not.",
    "baby_name": "Only if the family uses a name. Leave it empty otherwise: nothing will print in its place.",
    "date": "Free text, for example “15 March 2026”. Optional.",
    "message": "Plain words are best. Line breaks are kept.",
    "signoff": "For example “With love” or “Thinking of you”.",
    "sender": "Your name, or your names.",
}


class WithinLimits:
    """Characters and lines within the design's limits; the message says how far over the text is."""

    def __call__(self, form, field):
        problem = field_problem(field.name, field.data or "", form.limits)
        if problem:
            raise ValidationError(problem)


def _text_field(name: str):
    label = FIELD_LABELS[name]
    validators = [WithinLimits()]
    if name in REQUIRED_FIELDS:
        validators.insert(0, DataRequired(message="Please write a few words here: the card needs a message."))
    field_class = TextAreaField if name == "message" else StringField
    return field_class(
        label, validators=validators, filters=[partial(clean_field, name)], description=FIELD_HINTS[name]
    )


class SizeField(SelectField):
    """The card size; a value not on the list (only a hand-made request sends one) gets a kind message."""

    def pre_validate(self, form):
        if self.data not in {value for value, _ in self.choices}:
            raise ValidationError("Please choose one of the sizes listed.")


class CardForm(FlaskForm):
    recipient = _text_field("recipient")
    baby_name = _text_field("baby_name")
    date = _text_field("date")
    message = _text_field("message")
    signoff = _text_field("signoff")
    sender = _text_field("sender")
    size = SizeField("Card size", choices=[])


def card_form(design: Design, limits: FieldLimits | None = None, **kwargs) -> CardForm:
    """A form with just the fields `design` shows, its sizes and its limits (`catalog.limits.field_limits`
    of the loaded design; computed here when not given)."""
    form = CardForm(**kwargs)
    form.limits = limits or design_field_limits(design)
    for name in FIELDS:
        if name not in design.fields:
            del form[name]
        else:
            form[name].flags.maxlength = form.limits.chars[name]
    form.size.choices = [(size, SIZE_LABELS[size]) for size in design.sizes]
    if not form.size.data:
        form.size.data = design.sizes[0]
    return form


def field_values(form: CardForm, design: Design) -> dict[str, str]:
    """The cleaned values of the design's fields; empty ones are left out."""
    return {name: form[name].data for name in design.fields if form[name].data}
