"""The personalise form: the sender's fields, cleaned and length-checked, built for one design.

Only the fields a design shows are on its form. Text is cleaned (NFC, control characters removed)
before it is validated, so the length a sender sees counted is the length we print.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from cardshop.catalog.models import Design
from cardshop.catalog.vocabulary import FIELD_LABELS, FIELD_MAX_LENGTHS, FIELDS, REQUIRED_FIELDS
from cardshop.render.text import clean_user_text

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


class KindLength(Length):
    """A length check whose message says how far over the limit the text is.

    It sets no `maxlength` on the control: a browser would silently cut pasted text, where the
    form can say kindly how much is too much."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.field_flags = {}

    def __call__(self, form, field):
        length = len(field.data or "")
        if length > self.max:
            raise ValidationError(
                f"Please keep this to {self.max} characters or fewer; it has {length} now "
                f"(about {length - self.max} too many)."
            )


def _text_field(name: str):
    label = FIELD_LABELS[name]
    validators = [KindLength(max=FIELD_MAX_LENGTHS[name])]
    if name in REQUIRED_FIELDS:
        validators.insert(0, DataRequired(message="Please write a few words here: the card needs a message."))
    field_class = TextAreaField if name == "message" else StringField
    return field_class(label, validators=validators, filters=[clean_user_text], description=FIELD_HINTS[name])


class CardForm(FlaskForm):
    recipient = _text_field("recipient")
    baby_name = _text_field("baby_name")
    date = _text_field("date")
    message = _text_field("message")
    signoff = _text_field("signoff")
    sender = _text_field("sender")
    size = SelectField("Card size", choices=[])


def card_form(design: Design, **kwargs) -> CardForm:
    """A form with just the fields `design` shows, and its sizes."""
    form = CardForm(**kwargs)
    for name in FIELDS:
        if name not in design.fields:
            del form[name]
    form.size.choices = [(size, SIZE_LABELS[size]) for size in design.sizes]
    if not form.size.data:
        form.size.data = design.sizes[0]
    return form


# Fields shown beside the words on the personalise page because they change the preview. Every other
# field of the form that is not a sender's words (layouts, addresses, ...) is a download choice,
# shown on the check page just before download.
PREVIEW_OPTIONS: tuple[str, ...] = ("size",)


def download_choice_names(form: CardForm, design: Design) -> list[str]:
    """The form's fields that are choices about the download rather than the card's words or size."""
    skip = {*design.fields, *PREVIEW_OPTIONS, "csrf_token"}
    return [field.name for field in form if field.name not in skip]


def field_values(form: CardForm, design: Design) -> dict[str, str]:
    """The cleaned values of the design's fields; empty ones are left out."""
    return {name: form[name].data for name in design.fields if form[name].data}
