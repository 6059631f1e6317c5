"""Remember the days that may be hard: a small form, and the calendar file it makes.

The form sits after the downloads on the check page (partials/remember_dates.html, which any page can
include: it builds its own form with `remember_form`) and on a page of its own at /remember, where it
comes back with its problems when a date can't be right. Posting it returns one iCalendar file made
from the choices (cardshop.words.hard_days). The file is made in the request and forgotten: nothing is
stored or logged, and the answer is marked no-store.
"""

from __future__ import annotations

import re
from datetime import date

from flask import Blueprint, make_response, render_template, request, url_for
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, ValidationError

from cardshop.design.vocabulary import FIELD_MAX_LENGTHS
from cardshop.studio.limits import clean_field
from cardshop.words.hard_days import (
    EARLIEST,
    FATHERS_DAY_RULES,
    FURTHEST_AHEAD,
    MOTHERS_DAY_RULES,
    Choices,
    calendar_file,
    date_problem,
    hard_days,
)

remember = Blueprint("remember", __name__)

PREFIX = "remember"  # field names and ids start "remember-", so the form can share a page with the card's
FILENAME = "days-to-remember.ics"
RECIPIENTS_MAX = FIELD_MAX_LENGTHS["recipient"]
NOT_THIS_DAY = SelectChoice("", "Not this day")
# A greeting that starts the card's "recipient" line; what follows it is who the note would be to.
_GREETING = re.compile(r"^\s*(dear|dearest|to|for)\s+", re.IGNORECASE)


class KindDateField(DateField):
    """A date from a date picker (2026-03-15) or typed as 15 March 2026; a kind message otherwise."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError("Please give the whole date: day, month and year, for example 15 March 2026.") from error


class DateInRange:
    def __call__(self, form, field):
        if field.data is None:
            return
        problem = date_problem(field.data, date.today())
        if problem:
            raise ValidationError(problem)


class WithinLength:
    def __init__(self, most: int):
        self.most = most

    def __call__(self, form, field):
        if len(field.data or "") > self.most:
            raise ValidationError(f"Please keep this to {self.most} characters or fewer; it has {len(field.data)} now.")


def _date_field(label: str, hint: str) -> KindDateField:
    return KindDateField(
        label, format=["%Y-%m-%d", "%d %B %Y", "%d %b %Y"], validators=[Optional(), DateInRange()], description=hint
    )


def _rule_field(label: str, rules) -> RadioField:
    return RadioField(
        label,
        choices=[NOT_THIS_DAY, *(SelectChoice(rule.value, rule.label) for rule in rules)],
        validate_choice=False,  # _known_choice says it kindly; nothing is chosen for the sender
        validators=[_known_choice({rule.value for rule in rules})],
    )


def _known_choice(values: set[str]):
    def check(form, field):
        if field.data and field.data not in values:
            raise ValidationError("Please choose one of the countries listed.")

    return check


class RememberForm(FlaskForm):
    due_date = _date_field("Their baby’s due date", "Leave it empty if you don’t know it.")
    day_of_loss = _date_field(
        "The day of the loss, or of the birth",
        "The day their baby died or was born. Leave it empty if you’re not sure.",
    )
    mothers_day = _rule_field("Mother’s Day", MOTHERS_DAY_RULES)
    fathers_day = _rule_field("Father’s Day", FATHERS_DAY_RULES)
    remembrance_day = BooleanField("15 October: Baby Loss Awareness Day (Pregnancy and Infant Loss Remembrance Day)")
    baby_name = StringField(
        "Their baby’s name (optional)",
        filters=[lambda value: clean_field("baby_name", value)],
        validators=[WithinLength(FIELD_MAX_LENGTHS["baby_name"])],
        description="Only if the family uses a name. It goes into the reminders, for example “Ava’s due date”.",
    )
    recipients = StringField(
        "Who you’d write to (optional)",
        filters=[lambda value: clean_field("recipient", value)],
        validators=[WithinLength(RECIPIENTS_MAX)],
        description="For example “Maya and Tom”, so a reminder says “a note to Maya and Tom may help”.",
    )

    def choices(self) -> Choices:
        return Choices(
            due_date=self.due_date.data,
            day_of_loss=self.day_of_loss.data,
            mothers_day=self.mothers_day.data or None,
            fathers_day=self.fathers_day.data or None,
            remembrance_day=bool(self.remembrance_day.data),
            baby_name=self.baby_name.data or "",
            recipients=self.recipients.data or "",
        )


def _recipients_from(card_recipient: str) -> str:
    """ "Dear Sam and Alex," -> "Sam and Alex": the card's greeting, as the names a note would go to."""
    return _GREETING.sub("", card_recipient or "").strip().rstrip(",:;").strip()


@remember.app_template_global()
def remember_form(card_form=None, card_values: dict | None = None) -> RememberForm:
    """The form for partials/remember_dates.html, with the baby's name and who the card is for taken
    from the card's own form, or from a card's field values (an order's), when there is one (both
    can be changed)."""
    data = {}
    for name, source in (("baby_name", "baby_name"), ("recipients", "recipient")):
        field = getattr(card_form, source, None) if card_form is not None else None
        value = getattr(field, "data", None) if field is not None else (card_values or {}).get(source)
        if isinstance(value, str) and value:
            data[name] = _recipients_from(value) if name == "recipients" else value
    return RememberForm(formdata=None, data=data, prefix=PREFIX)


@remember.app_template_global()
def remember_date_bounds() -> dict[str, str]:
    return {"min": EARLIEST.isoformat(), "max": (date.today() + FURTHEST_AHEAD).isoformat()}


@remember.get("/remember")
def page():
    return render_template("remember.html", remember=remember_form())


@remember.post("/remember")
def days():
    # Only the form's text parts: a file part sent under a field's name is not a name or a date.
    form = RememberForm(formdata=request.form, prefix=PREFIX)
    valid = form.validate()
    if valid and not form.choices().any_day():
        form.form_errors.append("Please choose at least one day: a date, a Mother’s or Father’s Day, or 15 October.")
        valid = False
    if not valid:
        # Its own address in the history (keep_words.js), so reload opens the form, not the post again.
        return render_template("remember.html", remember=form, page_address=url_for("remember.page")), 422
    body = calendar_file(hard_days(form.choices(), date.today()))
    response = make_response(body)
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{FILENAME}"'
    response.headers["Cache-Control"] = "no-store"
    return response
