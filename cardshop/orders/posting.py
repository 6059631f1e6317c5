"""When a card is posted, and when it should arrive, said plainly.

An order is posted "as soon as possible" (the next posting day: today's orders are printed and posted
on the next working day) or on a date the sender chooses, from the next posting day up to a year
ahead. The shop posts from `CARDSHOP_POST_FROM` (an ISO country code, GB by default); a card usually
arrives 1 to 3 working days after posting in that country and 4 to 10 working days abroad. Working
days are Monday to Friday (public holidays are not known here, hence "usually").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

LATEST_DAYS = 365
DOMESTIC_DAYS = (1, 3)
ABROAD_DAYS = (4, 10)


@dataclass(frozen=True)
class Arrival:
    first: date
    last: date


def add_working_days(start: date, days: int) -> date:
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def next_posting_day(today: date) -> date:
    """The first working day after today: a card is printed one day and posted the next."""
    return add_working_days(today, 1)


def latest_posting_day(today: date) -> date:
    return today + timedelta(days=LATEST_DAYS)


def posting_date_problem(chosen: date | None, today: date) -> str | None:
    if chosen is None:
        return "Please choose the day to post it, or choose “As soon as possible”."
    earliest = next_posting_day(today)
    if chosen < earliest:
        return f"The earliest we can post it is {long_date(earliest)}. Please choose that day or a later one."
    if chosen > latest_posting_day(today):
        return f"We can post a card up to a year ahead, until {long_date(latest_posting_day(today))}."
    if chosen.weekday() >= 5:
        return "Post isn't collected at weekends. Please choose a weekday; Friday or Monday are closest."
    return None


def expected_arrival(post_on: date, country: str, home_country: str) -> Arrival:
    low, high = DOMESTIC_DAYS if country == home_country else ABROAD_DAYS
    return Arrival(add_working_days(post_on, low), add_working_days(post_on, high))


def long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def arrival_sentence(post_on: date, country: str, home_country: str) -> str:
    arrival = expected_arrival(post_on, country, home_country)
    return (
        f"We'll post it on {long_date(post_on)}. It usually arrives between {long_date(arrival.first)} "
        f"and {long_date(arrival.last)}."
    )
