"""The calendar of hard days: read back with icalendar, and imported into a second, independent calendar
library (`ical`) that expands the recurrences over ten years, checked against published dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from cardshop.words.hard_days import (
    FATHERS_DAY_RULES,
    MOTHERS_DAY_RULES,
    PRODID,
    Choices,
    calendar_file,
    date_problem,
    hard_days,
)

TODAY = date(2026, 11, 30)
NOW = datetime(2026, 11, 30, 21, 0, tzinfo=UTC)
TEN_YEARS = (date(2027, 1, 1), date(2037, 1, 1))

# Published dates, 2027-2036, typed from the almanacs (not computed).
MOTHERING_SUNDAY_UK = [  # the fourth Sunday of Lent
    "2027-03-07", "2028-03-26", "2029-03-11", "2030-03-31", "2031-03-23",
    "2032-03-07", "2033-03-27", "2034-03-19", "2035-03-04", "2036-03-23",
]  # fmt: skip
MOTHERS_DAY_US = [  # the second Sunday in May (US, Canada, Australia, New Zealand)
    "2027-05-09", "2028-05-14", "2029-05-13", "2030-05-12", "2031-05-11",
    "2032-05-09", "2033-05-08", "2034-05-14", "2035-05-13", "2036-05-11",
]  # fmt: skip
MOTHERS_DAY_SPAIN = [  # the first Sunday in May
    "2027-05-02", "2028-05-07", "2029-05-06", "2030-05-05", "2031-05-04",
    "2032-05-02", "2033-05-01", "2034-05-07", "2035-05-06", "2036-05-04",
]  # fmt: skip
FATHERS_DAY_UK_US = [  # the third Sunday in June
    "2027-06-20", "2028-06-18", "2029-06-17", "2030-06-16", "2031-06-15",
    "2032-06-20", "2033-06-19", "2034-06-18", "2035-06-17", "2036-06-15",
]  # fmt: skip
FATHERS_DAY_AUSTRALIA = [  # the first Sunday in September
    "2027-09-05", "2028-09-03", "2029-09-02", "2030-09-01", "2031-09-07",
    "2032-09-05", "2033-09-04", "2034-09-03", "2035-09-02", "2036-09-07",
]  # fmt: skip
FATHERS_DAY_SPAIN = [f"{year}-03-19" for year in range(2027, 2037)]
FETE_DES_MERES = [  # the last Sunday in May; 2034's is Pentecost (Easter 9 April), so 4 June
    "2027-05-30", "2028-05-28", "2029-05-27", "2030-05-26", "2031-05-25",
    "2032-05-30", "2033-05-29", "2034-06-04", "2035-05-27", "2036-05-25",
]  # fmt: skip
MOTHERS_DAY_SWEDEN = [  # the last Sunday in May
    "2027-05-30", "2028-05-28", "2029-05-27", "2030-05-26", "2031-05-25",
    "2032-05-30", "2033-05-29", "2034-05-28", "2035-05-27", "2036-05-25",
]  # fmt: skip
MOTHERS_DAY_MEXICO = [f"{year}-05-10" for year in range(2027, 2037)]
MOTHERS_DAY_POLAND = [f"{year}-05-26" for year in range(2027, 2037)]
MOTHERS_DAY_NORWAY = [  # the second Sunday in February
    "2027-02-14", "2028-02-13", "2029-02-11", "2030-02-10", "2031-02-09",
    "2032-02-08", "2033-02-13", "2034-02-12", "2035-02-11", "2036-02-10",
]  # fmt: skip
VATERTAG = [  # Ascension Day, the Thursday forty days after Easter
    "2027-05-06", "2028-05-25", "2029-05-10", "2030-05-30", "2031-05-22",
    "2032-05-06", "2033-05-26", "2034-05-18", "2035-05-03", "2036-05-22",
]  # fmt: skip
FATHERS_DAY_BRAZIL = [  # the second Sunday in August
    "2027-08-08", "2028-08-13", "2029-08-12", "2030-08-11", "2031-08-10",
    "2032-08-08", "2033-08-14", "2034-08-13", "2035-08-12", "2036-08-10",
]  # fmt: skip
FATHERS_DAY_NORDIC = [  # the second Sunday in November
    "2027-11-14", "2028-11-12", "2029-11-11", "2030-11-10", "2031-11-09",
    "2032-11-14", "2033-11-13", "2034-11-12", "2035-11-11", "2036-11-09",
]  # fmt: skip
TABLES = {
    ("mothers", "uk"): MOTHERING_SUNDAY_UK,
    ("mothers", "may-second-sunday"): MOTHERS_DAY_US,
    ("mothers", "may-first-sunday"): MOTHERS_DAY_SPAIN,
    ("mothers", "france"): FETE_DES_MERES,
    ("mothers", "may-last-sunday"): MOTHERS_DAY_SWEDEN,
    ("mothers", "may-10"): MOTHERS_DAY_MEXICO,
    ("mothers", "may-26"): MOTHERS_DAY_POLAND,
    ("mothers", "february-second-sunday"): MOTHERS_DAY_NORWAY,
    ("fathers", "june-third-sunday"): FATHERS_DAY_UK_US,
    ("fathers", "september-first-sunday"): FATHERS_DAY_AUSTRALIA,
    ("fathers", "march-19"): FATHERS_DAY_SPAIN,
    ("fathers", "ascension"): VATERTAG,
    ("fathers", "august-second-sunday"): FATHERS_DAY_BRAZIL,
    ("fathers", "november-second-sunday"): FATHERS_DAY_NORDIC,
}


def _file(choices: Choices, today: date = TODAY, now: datetime = NOW) -> str:
    return calendar_file(hard_days(choices, today), now).decode("utf-8")


def _expanded(text: str, start: date = TEN_YEARS[0], end: date = TEN_YEARS[1]) -> list:
    """Every occurrence between start and end, as the `ical` library (a separate parser) sees them."""
    calendar = IcsCalendarStream.calendar_from_ics(text)
    return list(calendar.timeline.overlapping(start, end))


def test_every_country_rule_has_a_table():
    offered = {("mothers", rule.value) for rule in MOTHERS_DAY_RULES} | {
        ("fathers", rule.value) for rule in FATHERS_DAY_RULES
    }
    assert offered == set(TABLES)


@pytest.mark.parametrize(("kind", "rule"), list(TABLES))
def test_mothers_and_fathers_days_over_ten_years_match_the_published_dates(kind, rule):
    choices = Choices(mothers_day=rule) if kind == "mothers" else Choices(fathers_day=rule)
    occurrences = _expanded(_file(choices))
    assert [event.dtstart.isoformat() for event in occurrences] == TABLES[(kind, rule)]
    assert all(type(event.dtstart) is date for event in occurrences)  # all-day, never a time
    assert all(event.dtend - event.dtstart == timedelta(days=1) for event in occurrences)


def test_mothering_sunday_is_one_dated_event_a_year_and_rule_based_days_recur():
    text = _file(Choices(mothers_day="uk", fathers_day="june-third-sunday"))
    events = Calendar.from_ical(text).walk("VEVENT")
    mothers = [event for event in events if event["uid"].startswith("mothers-day-")]
    fathers = [event for event in events if event["uid"].startswith("fathers-day-")]
    assert len(mothers) == 10 and all("RRULE" not in event for event in mothers)
    assert len(fathers) == 1
    assert fathers[0]["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=3SU;BYMONTH=6"
    assert fathers[0].decoded("dtstart") == date(2027, 6, 20)  # the first one after today


def test_a_day_that_is_today_is_included():
    (first, *_) = hard_days(Choices(mothers_day="uk"), date(2027, 3, 7))
    assert first.start == date(2027, 3, 7)
    (later, *_) = hard_days(Choices(mothers_day="uk"), date(2027, 3, 8))
    assert later.start == date(2028, 3, 26)


def test_the_file_reads_back_with_all_day_events_reminders_and_our_prodid():
    choices = Choices(
        due_date=date(2026, 3, 15),
        day_of_loss=date(2025, 11, 2),
        mothers_day="may-second-sunday",
        fathers_day="september-first-sunday",
        remembrance_day=True,
        baby_name="Ava",
        recipients="Maya and Tom",
    )
    calendar = Calendar.from_ical(_file(choices))
    assert str(calendar["prodid"]) == PRODID
    assert str(calendar["version"]) == "2.0"
    events = calendar.walk("VEVENT")
    assert len(events) == 5
    for event in events:
        assert event["dtstart"].params["VALUE"] == "DATE"
        assert type(event.decoded("dtstart")) is date
        assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(days=1)
        assert str(event["transp"]) == "TRANSPARENT"
        (alarm,) = event.walk("VALARM")
        assert str(alarm["action"]) == "DISPLAY"
        assert alarm.decoded("trigger") == timedelta(days=-3, hours=9)  # 09:00 three days before
        assert str(alarm["description"]) == str(event["summary"])
    summaries = [str(event["summary"]) for event in events]
    assert summaries == [
        "Ava’s due date: a note to Maya and Tom may help",
        "Remembering Ava: a note to Maya and Tom may help",
        "Mother’s Day, remembering Ava: a note to Maya and Tom may help",
        "Father’s Day, remembering Ava: a note to Maya and Tom may help",
        "Baby Loss Awareness Day, remembering Ava: a note to Maya and Tom may help",
    ]
    assert "Wave of Light" in str(events[-1]["description"])


def test_without_names_the_wording_is_plain():
    calendar = Calendar.from_ical(_file(Choices(due_date=date(2026, 3, 15), day_of_loss=date(2025, 11, 2))))
    assert [str(event["summary"]) for event in calendar.walk("VEVENT")] == [
        "Their baby’s due date: a note may help",
        "A day to remember their baby: a note may help",
    ]


def test_the_family_dates_recur_every_year_for_ten_years_and_29_february_is_kept():
    text = _file(Choices(due_date=date(2024, 2, 29), day_of_loss=date(2025, 11, 2)))
    occurrences = _expanded(text)
    due = [event.dtstart for event in occurrences if event.uid.startswith("due-date-")]
    loss = [event.dtstart for event in occurrences if event.uid.startswith("day-of-loss-")]
    leap = {2028, 2032, 2036}
    assert due == [date(year, 2, 29 if year in leap else 28) for year in range(2027, 2037)]
    assert loss == [date(year, 11, 2) for year in range(2027, 2037)]
    assert _expanded(text, date(2024, 1, 1), date(2025, 1, 1))[0].dtstart == date(2024, 2, 29)


def test_remembrance_day_is_15_october_every_year():
    occurrences = _expanded(_file(Choices(remembrance_day=True)))
    assert [event.dtstart for event in occurrences] == [date(year, 10, 15) for year in range(2027, 2037)]


def test_uids_are_stable_per_event_and_differ_between_events_and_families():
    choices = Choices(due_date=date(2026, 3, 15), mothers_day="uk", remembrance_day=True, baby_name="Ava")
    first = Calendar.from_ical(_file(choices, now=NOW)).walk("VEVENT")
    again = Calendar.from_ical(_file(choices, now=NOW + timedelta(hours=5))).walk("VEVENT")
    uids = [str(event["uid"]) for event in first]
    assert uids == [str(event["uid"]) for event in again]
    assert len(set(uids)) == len(uids) == 12
    other = Calendar.from_ical(_file(Choices(due_date=date(2026, 3, 15), baby_name="Noor"))).walk("VEVENT")
    assert str(other[0]["uid"]) != uids[0]


def test_names_with_punctuation_line_breaks_emoji_and_right_to_left_text_come_back_intact():
    baby = "נועה 🕊️"
    who = "Maya; Tom, and\nSam\u200b"
    calendar = Calendar.from_ical(_file(Choices(due_date=date(2026, 3, 15), baby_name=baby, recipients=who)))
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == f"{baby}’s due date: a note to Maya; Tom, and Sam may help"
    (occurrence,) = _expanded(_file(Choices(due_date=date(2026, 3, 15), baby_name=baby)), TODAY, date(2027, 12, 1))
    assert occurrence.summary.startswith(baby)


def test_nothing_chosen_makes_no_events():
    assert hard_days(Choices(baby_name="Ava"), TODAY) == []
    assert not Choices().any_day()


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (date(1899, 12, 31), "before 1900"),
        (date(2027, 12, 31), "more than a year from now"),
        (date(1900, 1, 1), None),
        (date(2027, 11, 30), None),
    ],
)
def test_unlikely_dates_are_questioned_kindly(value, problem):
    found = date_problem(value, TODAY)
    assert (found is None) if problem is None else problem in found
