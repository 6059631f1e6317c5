"""The shared-card page and the days-to-remember form, through the app: headers, kind refusals, and
nothing a sender chose in any log line."""

from __future__ import annotations

import io
import logging
import re

import pytest
from icalendar import Calendar

from tests.conftest import post_card

WORDS = {"recipient": "Dear Maya and Tom", "baby_name": "Ava", "message": "Thinking of you all.", "sender": "Jo"}


def _remember_token(client) -> str:
    page = client.get("/remember").get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def _remember(client, **fields):
    data = {"csrf_token": _remember_token(client), **{f"remember-{name}": value for name, value in fields.items()}}
    return client.post("/remember", data=data)


def test_the_shared_page_is_kept_out_of_search_engines_and_caches(client):
    response = client.get("/shared")
    assert response.status_code == 200
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "script-src 'self';" in response.headers["Content-Security-Policy"]
    page = response.get_data(as_text=True)
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "<script>" not in page and "style=" not in page
    assert "opens with JavaScript" in page


def test_the_shared_page_ignores_anything_in_its_query(client):
    """The card travels only in the fragment; a query is neither read nor echoed."""
    response = client.get("/shared?c=forget-me-nots&m=%3Cscript%3Ealert(1)%3C/script%3E")
    assert response.status_code == 200
    assert "alert(1)" not in response.get_data(as_text=True)


def test_the_check_page_offers_the_link_with_its_warning_first_and_the_days_to_remember(client):
    page = post_card(client, "forget-me-nots", WORDS, action="check").get_data(as_text=True)
    warning = page.index("Anyone who has the link can open it and read your card")
    assert warning < page.index("Make a link to the card")
    assert 'data-share-max="2000"' in page
    assert "Download the front as a picture (PNG)" in page
    assert "Remember the days that may be hard" in page
    # The reminders start from the card's own names: the baby's, and whom the card greets.
    assert re.search(r'id="remember-baby_name"[^>]*value="Ava"', page)
    assert re.search(r'id="remember-recipients"[^>]*value="Maya and Tom"', page)


def test_the_calendar_file_is_made_and_not_cached(client):
    response = _remember(
        client,
        due_date="2026-03-15",
        fathers_day="june-third-sunday",
        remembrance_day="y",
        baby_name="Ava",
        recipients="Maya and Tom",
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="days-to-remember.ics"'
    assert response.headers["Cache-Control"] == "no-store"
    events = Calendar.from_ical(response.data).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == [
        "Ava’s due date: a note to Maya and Tom may help",
        "Father’s Day, remembering Ava: a note to Maya and Tom may help",
        "Baby Loss Awareness Day, remembering Ava: a note to Maya and Tom may help",
    ]


def test_a_date_typed_in_words_is_understood(client):
    response = _remember(client, day_of_loss="2 November 2025")
    assert response.status_code == 200
    (event,) = Calendar.from_ical(response.data).walk("VEVENT")
    assert event.decoded("dtstart").isoformat() == "2025-11-02"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Please choose at least one day"),
        ({"baby_name": "Ava"}, "Please choose at least one day"),
        ({"due_date": "15/03/2026"}, "Please give the whole date: day, month and year"),
        ({"due_date": "2026-02-30"}, "Please give the whole date: day, month and year"),
        ({"day_of_loss": "1850-01-01"}, "this date is before 1900"),
        ({"due_date": "9999-12-31"}, "more than a year from now"),
        ({"mothers_day": "atlantis"}, "Please choose one of the countries listed."),
        ({"remembrance_day": "y", "baby_name": "A" * 41}, "Please keep this to 40 characters or fewer; it has 41 now."),
        (
            {"remembrance_day": "y", "recipients": "B" * 500},
            "Please keep this to 60 characters or fewer; it has 500 now.",
        ),
    ],
)
def test_choices_that_cannot_make_a_calendar_get_a_kind_specific_message(client, fields, message):
    response = _remember(client, **fields)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page
    assert "A little more is needed" in page


def test_a_refused_form_gives_its_own_address_so_reload_does_not_send_it_again(client):
    response = _remember(client, day_of_loss="1850-05-01")
    assert response.status_code == 422
    # keep_words.js puts this address in the history: reload then opens /remember, not the post.
    assert 'data-address="/remember"' in response.get_data(as_text=True)
    assert "data-address" not in client.get("/remember").get_data(as_text=True)


def test_the_forms_on_the_check_page_keep_what_is_typed_in_them_in_the_tab(client):
    """The order and remember forms are kept in the tab (keep_words.js) like the card's own form, but
    only what the sender typed there: the names a fresh check page fills in are the card's latest."""
    page = post_card(client, "forget-me-nots", WORDS, action="check").get_data(as_text=True)
    forms = re.findall(r"<form [^>]*>", page)
    order = next(form for form in forms if "/order" in form)
    remember = next(form for form in forms if "/remember" in form)
    for form, key in ((order, "forget-me-nots:order"), (remember, "remember")):
        assert f'data-keep-key="{key}"' in form and "data-keep-restore" in form and "data-keep-typed" in form


def test_without_a_security_token_the_form_is_refused_kindly(client):
    response = client.post("/remember", data={"remember-remembrance_day": "y"})
    assert response.status_code == 400
    assert "Please try again" in response.get_data(as_text=True)


def test_a_file_part_is_not_taken_for_a_name(client):
    data = {
        "csrf_token": _remember_token(client),
        "remember-remembrance_day": "y",
        "remember-baby_name": (io.BytesIO(b"Ava"), "name.txt"),
    }
    response = client.post("/remember", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    (event,) = Calendar.from_ical(response.data).walk("VEVENT")
    assert str(event["summary"]) == "Baby Loss Awareness Day: a note may help"


def test_a_huge_form_gets_413(client):
    response = _remember(client, remembrance_day="y", recipients="x" * 100_000)
    assert response.status_code == 413


def test_right_to_left_names_with_emoji_and_markup_stay_text(client):
    name = "نور 🕊️ <b>"
    response = _remember(client, due_date="2026-03-15", baby_name=name)
    assert response.status_code == 200
    (event,) = Calendar.from_ical(response.data).walk("VEVENT")
    assert str(event["summary"]) == f"{name}’s due date: a note may help"


def test_the_same_choices_give_the_same_events(client):
    first = Calendar.from_ical(_remember(client, due_date="2026-03-15", baby_name="Ava").data)
    again = Calendar.from_ical(_remember(client, due_date="2026-03-15", baby_name="Ava").data)
    assert [str(e["uid"]) for e in first.walk("VEVENT")] == [str(e["uid"]) for e in again.walk("VEVENT")]


def test_nothing_chosen_or_named_reaches_a_log(client, caplog):
    caplog.set_level(logging.DEBUG)
    _remember(client, due_date="2026-03-15", baby_name="Zephyrine", recipients="Quillon and Marisol")
    _remember(client, due_date="1850-01-01", baby_name="Zephyrine")
    client.get("/shared")
    logged = caplog.text
    assert "POST /remember 200" in logged and "POST /remember 422" in logged
    for secret in ("Zephyrine", "Quillon", "2026-03-15", "20260315", "1850"):
        assert secret not in logged
