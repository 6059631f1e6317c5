"""The days that may be hard after a pregnancy or baby loss, and a calendar file to remember them by.

Families say the hardest days are the due date, the day their baby died or was born, Mother's Day,
Father's Day and 15 October (Pregnancy and Infant Loss Remembrance Day, which ends the UK's Baby Loss
Awareness Week). A friend picks the ones that apply and gets one iCalendar file (RFC 5545) with a
yearly, all-day event for each and a reminder three days before, at nine in the morning.

Mother's Day and Father's Day follow the family's country. Where a calendar can repeat the day by
itself, the event carries that rule (the second Sunday in May is `FREQ=YEARLY;BYMONTH=5;BYDAY=2SU`).
The UK's Mothering Sunday (three weeks before Easter), France's Fête des mères (moved when Pentecost
falls on it) and Germany's Vatertag (Ascension Day) follow Easter, which no recurrence rule can say, so
each is written out as one dated event for each of the next ten years.

The file is made from what the sender chose and handed back; nothing here logs or keeps it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from dateutil.easter import EASTER_WESTERN, easter
from icalendar import Alarm, Calendar, Event, vRecur

from cardshop.render.text.cleaning import clean_user_text

PRODID = "-//cardshop//Days to remember//EN"
CALENDAR_NAME = "Days to remember"
# Moving days that no recurrence rule can describe are written out for this many years.
YEARS_AHEAD = 10
# The reminder: three days before, at 09:00 wherever the calendar is (an all-day event starts at
# midnight, so -P2DT15H is 09:00 three days earlier).
REMINDER = timedelta(days=-3, hours=9)
REMEMBRANCE_DAY = (10, 15)  # 15 October
# The oldest date the form takes, and how far ahead a due date or a planned birth may be.
EARLIEST = date(1900, 1, 1)
FURTHEST_AHEAD = timedelta(days=366)


def _nth_sunday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(6 - first.weekday()) % 7 + 7 * (n - 1))


def _last_sunday(year: int, month: int) -> date:
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def _fete_des_meres(year: int) -> date:
    """France: the last Sunday in May, moved to the first Sunday in June when Pentecost falls on it."""
    day = _last_sunday(year, 5)
    if day == easter(year, EASTER_WESTERN) + timedelta(days=49):
        return _nth_sunday(year, 6, 1)
    return day


@dataclass(frozen=True)
class CountryRule:
    """How one group of countries sets Mother's Day or Father's Day."""

    value: str  # what the form posts
    label: str
    on: Callable[[int], date]  # the day in a given year
    rrule: dict | None  # the same day as an RFC 5545 rule, when one can say it

    def dates_from(self, today: date, count: int) -> list[date]:
        """The next `count` days by this rule, starting with today's if it is today."""
        year = today.year if self.on(today.year) >= today else today.year + 1
        return [self.on(year + offset) for offset in range(count)]


MOTHERS_DAY_RULES: tuple[CountryRule, ...] = (
    CountryRule(
        "uk",
        "UK and Ireland: Mothering Sunday, three weeks before Easter",
        lambda year: easter(year, EASTER_WESTERN) - timedelta(days=21),
        None,
    ),
    CountryRule(
        "may-second-sunday",
        "US, Canada, Australia, New Zealand and many other countries: the second Sunday in May",
        lambda year: _nth_sunday(year, 5, 2),
        {"FREQ": "YEARLY", "BYMONTH": 5, "BYDAY": "2SU"},
    ),
    CountryRule(
        "may-first-sunday",
        "Spain and Portugal: the first Sunday in May",
        lambda year: _nth_sunday(year, 5, 1),
        {"FREQ": "YEARLY", "BYMONTH": 5, "BYDAY": "1SU"},
    ),
    CountryRule(
        "france",
        "France: the last Sunday in May (the first in June when it is Pentecost)",
        _fete_des_meres,
        None,
    ),
    CountryRule(
        "may-last-sunday",
        "Sweden and the Dominican Republic: the last Sunday in May",
        lambda year: _last_sunday(year, 5),
        {"FREQ": "YEARLY", "BYMONTH": 5, "BYDAY": "-1SU"},
    ),
    CountryRule(
        "may-10",
        "Mexico, Guatemala and El Salvador: 10 May",
        lambda year: date(year, 5, 10),
        {"FREQ": "YEARLY", "BYMONTH": 5, "BYMONTHDAY": 10},
    ),
    CountryRule(
        "may-26",
        "Poland: 26 May",
        lambda year: date(year, 5, 26),
        {"FREQ": "YEARLY", "BYMONTH": 5, "BYMONTHDAY": 26},
    ),
    CountryRule(
        "february-second-sunday",
        "Norway: the second Sunday in February",
        lambda year: _nth_sunday(year, 2, 2),
        {"FREQ": "YEARLY", "BYMONTH": 2, "BYDAY": "2SU"},
    ),
)

FATHERS_DAY_RULES: tuple[CountryRule, ...] = (
    CountryRule(
        "june-third-sunday",
        "UK, Ireland, US, Canada and many other countries: the third Sunday in June",
        lambda year: _nth_sunday(year, 6, 3),
        {"FREQ": "YEARLY", "BYMONTH": 6, "BYDAY": "3SU"},
    ),
    CountryRule(
        "september-first-sunday",
        "Australia and New Zealand: the first Sunday in September",
        lambda year: _nth_sunday(year, 9, 1),
        {"FREQ": "YEARLY", "BYMONTH": 9, "BYDAY": "1SU"},
    ),
    CountryRule(
        "march-19",
        "Spain, Portugal and Italy: 19 March",
        lambda year: date(year, 3, 19),
        {"FREQ": "YEARLY", "BYMONTH": 3, "BYMONTHDAY": 19},
    ),
    CountryRule(
        "ascension",
        "Germany: Ascension Day, forty days after Easter",
        lambda year: easter(year, EASTER_WESTERN) + timedelta(days=39),
        None,
    ),
    CountryRule(
        "august-second-sunday",
        "Brazil: the second Sunday in August",
        lambda year: _nth_sunday(year, 8, 2),
        {"FREQ": "YEARLY", "BYMONTH": 8, "BYDAY": "2SU"},
    ),
    CountryRule(
        "november-second-sunday",
        "Sweden, Norway, Finland and Estonia: the second Sunday in November",
        lambda year: _nth_sunday(year, 11, 2),
        {"FREQ": "YEARLY", "BYMONTH": 11, "BYDAY": "2SU"},
    ),
)

_MOTHERS = {rule.value: rule for rule in MOTHERS_DAY_RULES}
_FATHERS = {rule.value: rule for rule in FATHERS_DAY_RULES}


@dataclass(frozen=True)
class Choices:
    """What the sender chose to remember, and the names to make the reminders personal (optional)."""

    due_date: date | None = None
    day_of_loss: date | None = None
    mothers_day: str | None = None  # a value of MOTHERS_DAY_RULES
    fathers_day: str | None = None  # a value of FATHERS_DAY_RULES
    remembrance_day: bool = False
    baby_name: str = ""
    recipients: str = ""  # who the note is for, e.g. "Maya and Tom"

    def any_day(self) -> bool:
        return bool(self.due_date or self.day_of_loss or self.mothers_day or self.fathers_day or self.remembrance_day)


@dataclass(frozen=True)
class HardDay:
    """One event in the file: an all-day day, yearly by `rrule` when it has one, else on `start` only."""

    key: str
    summary: str
    description: str
    start: date
    rrule: dict | None


def date_problem(value: date, today: date) -> str | None:
    """A kind message when a date can't be right (before 1900, or more than a year ahead); else None."""
    if value < EARLIEST:
        return "Please check the year: this date is before 1900."
    if value > today + FURTHEST_AHEAD:
        return "Please check the year: this date is more than a year from now."
    return None


def mothers_day_rule(value: str | None) -> CountryRule | None:
    return _MOTHERS.get(value or "")


def fathers_day_rule(value: str | None) -> CountryRule | None:
    return _FATHERS.get(value or "")


def _one_line(text: str) -> str:
    return clean_user_text(text.replace("\n", " ").replace("\r", " "))


def _possessive(name: str) -> str:
    return f"{name}’" if name.endswith(("s", "S")) else f"{name}’s"


def _yearly_on(day: date) -> dict:
    """Every year on the same day; 29 February falls on the last day of February in other years."""
    if (day.month, day.day) == (2, 29):
        return {"FREQ": "YEARLY", "BYMONTH": 2, "BYMONTHDAY": -1}
    return {"FREQ": "YEARLY"}


def hard_days(choices: Choices, today: date) -> list[HardDay]:
    """The events for what the sender chose, in a calm order: the family's own dates first."""
    baby = _one_line(choices.baby_name)
    who = _one_line(choices.recipients)
    note = f"a note to {who} may help" if who else "a note may help"
    remembering = f", remembering {baby}" if baby else ""
    description = (
        "Days like this can be hard. A few words saying you remember"
        + (f", and saying {baby}’s name," if baby else "")
        + " can mean a lot. There is no need to find the perfect words."
    )
    days: list[HardDay] = []
    if choices.due_date:
        label = f"{_possessive(baby)} due date" if baby else "Their baby’s due date"
        due = choices.due_date
        days.append(HardDay("due-date", f"{label}: {note}", description, due, _yearly_on(due)))
    if choices.day_of_loss:
        label = f"Remembering {baby}" if baby else "A day to remember their baby"
        day = choices.day_of_loss
        days.append(HardDay("day-of-loss", f"{label}: {note}", description, day, _yearly_on(day)))
    for key, name, rule in (
        ("mothers-day", "Mother’s Day", mothers_day_rule(choices.mothers_day)),
        ("fathers-day", "Father’s Day", fathers_day_rule(choices.fathers_day)),
    ):
        if rule is None:
            continue
        summary = f"{name}{remembering}: {note}"
        if rule.rrule is not None:
            days.append(HardDay(key, summary, description, rule.dates_from(today, 1)[0], rule.rrule))
        else:
            days.extend(HardDay(key, summary, description, day, None) for day in rule.dates_from(today, YEARS_AHEAD))
    if choices.remembrance_day:
        month, day = REMEMBRANCE_DAY
        start = date(today.year, month, day)
        if start < today:
            start = date(today.year + 1, month, day)
        days.append(
            HardDay(
                "remembrance-day",
                f"Baby Loss Awareness Day{remembering}: {note}",
                "15 October, Pregnancy and Infant Loss Remembrance Day. Many light a candle at 7 pm for the "
                "Wave of Light. " + description,
                start,
                {"FREQ": "YEARLY"},
            )
        )
    return days


def _uid(day: HardDay) -> str:
    """The same event gets the same UID every time the file is made (importing it again updates it),
    and different families' days get different ones."""
    digest = hashlib.sha256(f"{day.key}\n{day.start.isoformat()}\n{day.summary}".encode()).hexdigest()[:16]
    return f"{day.key}-{day.start.isoformat()}-{digest}@cardshop"


def calendar_file(days: list[HardDay], now: datetime | None = None) -> bytes:
    """The days as one iCalendar file: all-day events (VALUE=DATE), each with a reminder."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", CALENDAR_NAME)
    cal.add("x-wr-calname", CALENDAR_NAME)
    for day in days:
        event = Event()
        event.add("uid", _uid(day))
        event.add("dtstamp", stamp)
        event.add("dtstart", day.start)
        event.add("dtend", day.start + timedelta(days=1))
        if day.rrule is not None:
            event.add("rrule", vRecur(day.rrule))
        event.add("summary", day.summary)
        event.add("description", day.description)
        event.add("transp", "TRANSPARENT")  # a day to remember, not a busy day
        event.add("class", "PRIVATE")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", day.summary)
        alarm.add("trigger", REMINDER)
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()
