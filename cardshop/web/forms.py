"""The personalise form: the sender's fields, cleaned and length-checked, built for one design.

Only the fields a design shows are on its form. Text is cleaned (NFC, control characters removed)
before it is validated, so the length a sender sees counted is the length we print. Limits on
characters and lines come from the design (`catalog.limits`), the same ones the command line uses.
The form also asks what to download (downloads.py) and, for the envelope, the addresses, which like
every field are used for the file and then forgotten.
"""

from __future__ import annotations

from functools import partial

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, ValidationError

from cardshop.design.models import Design
from cardshop.design.vocabulary import FIELD_LABELS, FIELDS, REQUIRED_FIELDS
from cardshop.render.layouts.addresses import ADDRESS_FIELDS, address_problems, clean_address
from cardshop.studio.limits import FieldLimits, clean_field, design_field_limits, field_problem
from cardshop.web.downloads import DOWNLOADS, download_named

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


FILE_PART_MESSAGE = "Please type your words into this box; a file can't be printed on a card."


class _TypedText:
    """A text field that takes only typed text: a file part sent in its place (only a hand-made
    multipart request sends one) leaves the field empty with a kind message, never a 500."""

    file_part = False

    def process_formdata(self, valuelist):
        if valuelist and not isinstance(valuelist[0], str):
            self.data, self.file_part = "", True
            raise ValueError(FILE_PART_MESSAGE)
        super().process_formdata(valuelist)

    def validate(self, form, extra_validators=()):
        if self.file_part:  # say why it is empty, rather than "please write a few words"
            self.errors = [FILE_PART_MESSAGE]
            return False
        return super().validate(form, extra_validators)


class TypedStringField(_TypedText, StringField):
    pass


class TypedTextAreaField(_TypedText, TextAreaField):
    pass


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
    field_class = TypedTextAreaField if name == "message" else TypedStringField
    return field_class(
        label, validators=validators, filters=[partial(clean_field, name)], description=FIELD_HINTS[name]
    )


class SizeField(SelectField):
    """The card size; a value not on the list (only a hand-made request sends one) gets a kind message."""

    def pre_validate(self, form):
        if self.data not in {value for value, _ in self.choices}:
            raise ValidationError("Please choose one of the sizes listed.")


class DownloadChoice:
    """One of the offered downloads; required only when the sender asks to download."""

    def __call__(self, form, field):
        if not field.data:
            if getattr(form, "downloading", False):
                raise ValidationError("Please choose what you would like to download.")
            return
        if download_named(field.data) is None:
            raise ValidationError("Please choose one of the options shown.")


class AddressLimits:
    """Line-count and line-length limits for an envelope address, with the counts in the message."""

    def __init__(self, name: str):
        self.name = name

    def __call__(self, form, field):
        problems = address_problems(self.name, field.data or "")
        if problems:
            raise ValidationError(" ".join(problems))


def _address_field(name: str, label: str, hint: str):
    return TypedTextAreaField(label, validators=[AddressLimits(name)], filters=[clean_address], description=hint)


class CardForm(FlaskForm):
    recipient = _text_field("recipient")
    baby_name = _text_field("baby_name")
    date = _text_field("date")
    message = _text_field("message")
    signoff = _text_field("signoff")
    sender = _text_field("sender")
    size = SizeField("Card size", choices=[])
    layout = RadioField(
        "What would you like to download?",
        choices=[SelectChoice(download.value, download.label) for download in DOWNLOADS],
        validate_choice=False,  # DownloadChoice says it kindly, and only when downloading
        validators=[DownloadChoice()],
    )
    address = _address_field(
        "address", "Their name and address", "Printed in the middle of the envelope, line by line as you write it."
    )
    return_address = _address_field(
        "return_address",
        "Your address (optional)",
        "Printed small in the top-left corner, so the card can find its way back to you if it can't be delivered.",
    )


DOWNLOAD_HINTS = {download.value: download.hint for download in DOWNLOADS}


def card_form(design: Design, limits: FieldLimits | None = None, downloading: bool = False, **kwargs) -> CardForm:
    """A form with just the fields `design` shows, its sizes and its limits (`catalog.limits.field_limits`
    of the loaded design; computed here when not given). `downloading`: the sender pressed Download,
    so the choice of download is required."""
    form = CardForm(**kwargs)
    form.limits = limits or design_field_limits(design)
    form.downloading = downloading
    form.download_hints = DOWNLOAD_HINTS
    # No field gets a maxlength attribute: a browser would silently cut pasted text, where the form
    # (and the live preview, as the sender types) can say kindly how much is over.
    for name in FIELDS:
        if name not in design.fields:
            del form[name]
        else:
            form[name].label.text = design.field_label(name)  # "Babies' names" on a card for twins
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


def address_values(form: CardForm) -> dict[str, str]:
    """The cleaned envelope addresses that were filled in."""
    return {name: form[name].data for name in ADDRESS_FIELDS if form[name].data}
