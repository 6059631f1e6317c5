"""Have it printed and posted, as a sender meets it: the order form on the check page with a kind,
specific message for every kind of mistake, one order however often the form is sent, the private
status link (and nothing for a wrong one), changing, cancelling and erasing, and logs with nothing
personal in them. The order paths run on SQLite and on PostgreSQL."""

from __future__ import annotations

import logging
import re
from datetime import date, timedelta
from html import unescape

import pytest
from sqlalchemy import func, select

from cardshop import create_app
from cardshop.orders.crypto import new_key
from cardshop.orders.models import Order
from cardshop.orders.posting import next_posting_day
from tests.conftest import csrf_token
from tests.smtp_support import unreachable_settings

SLUG = "forget-me-nots"
CARD = {
    "recipient": "Dear Sam and Alex",
    "message": "Thinking of little Rowan today.",
    "signoff": "Love",
    "sender": "Jo",
}
ADDRESS = {
    "to_country": "GB",
    "to_country_shown": "GB",
    "to_name": "Sam Rivers",
    "to_street_address": "12 Larkspur Lane",
    "to_city": "London",
    "to_postal_code": "SW1A 1AA",
}


@pytest.fixture()
def order_app(database_url):
    return create_app({"TESTING": True, "CARDSHOP_DATABASE_URL": database_url, "CARDSHOP_DATA_KEY": new_key()})


@pytest.fixture()
def sqlite_app(tmp_path):
    url = f"sqlite:///{tmp_path / 'web.db'}"
    return create_app({"TESTING": True, "CARDSHOP_DATABASE_URL": url, "CARDSHOP_DATA_KEY": new_key()})


def check_page(client) -> tuple[str, str]:
    """The check page's CSRF token and order key, as a sender's browser has them."""
    token = csrf_token(client, f"/cards/{SLUG}")
    page = client.post(f"/cards/{SLUG}", data={"csrf_token": token, "action": "check", **CARD})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Have it printed and posted" in html
    return token, re.search(r'name="order_key" type="hidden" value="([^"]+)"', html).group(1)


def order_form(client, **changes) -> dict:
    token, key = check_page(client)
    return {"csrf_token": token, "order_key": key, "action": "order", "when": "asap", **CARD, **ADDRESS, **changes}


def count_orders(app) -> int:
    with app.extensions["cardshop_orders"].store.session() as session:
        return session.scalar(select(func.count(Order.id)))


def test_ordering_twice_with_one_form_makes_one_order(order_app):
    client = order_app.test_client()
    form = order_form(client)
    first = client.post(f"/cards/{SLUG}/order", data=form)
    second = client.post(f"/cards/{SLUG}/order", data=form)  # a double click, or Back and resubmit
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert count_orders(order_app) == 1
    page = client.get(first.headers["Location"]).get_data(as_text=True)
    assert "Thank you" in page and re.search(r"CS-[0-9A-Z]{4}-[0-9A-Z]{4}", page)
    assert "Received" in page and "It usually arrives between" in page
    client.post(f"/cards/{SLUG}/order", data=order_form(client))  # a new check page: a new order
    assert count_orders(order_app) == 2


def _errors(response) -> dict[str, str]:
    html = response.get_data(as_text=True)
    return {key: unescape(value) for key, value in re.findall(r'<li><a href="#([^"]+)">[^<]*?: ([^<]+)</a></li>', html)}


@pytest.fixture(scope="module")
def mistakes(tmp_path_factory):
    """One app and one sender's check page for all the form mistakes (none of them makes an order)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('mistakes') / 'web.db'}"
    # Mail is set up (the email field is asked for), though no mistake makes an order that would send any.
    settings = {"CARDSHOP_DATABASE_URL": url, "CARDSHOP_DATA_KEY": new_key(), **unreachable_settings()}
    app = create_app({"TESTING": True, **settings})
    client = app.test_client()
    token, key = check_page(client)
    form = {"csrf_token": token, "order_key": key, "action": "order", "when": "asap", **CARD, **ADDRESS}
    return app, client, form


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        ({"to_name": ""}, "to_name", "Please add their name"),
        ({"to_street_address": ""}, "to_street_address", "Please add the street address"),
        ({"to_city": ""}, "to_city", "Please add the post town"),
        ({"to_postal_code": "123"}, "to_postal_code", "doesn't look like one from the United Kingdom"),
        ({"to_postal_code": ""}, "to_postal_code", "Please add the postcode"),
        ({"to_name": "S" * 61}, "to_name", "to 60 characters"),
        ({"to_street_address": "1 " + "a" * 55}, "to_street_address", "please break the longer line in two"),
        ({"to_street_address": "1\n2\n3\n4"}, "to_street_address", "3 lines or fewer"),
        ({"to_country": "XX", "to_country_shown": "XX"}, "to_country", "choose the country from the list"),
        (
            {"to_country": "US", "to_country_shown": "US", "to_country_area": "Narnia", "to_postal_code": "94043"},
            "to_country_area",
            "choose the state from the list",
        ),
        ({"from_name": "Jo", "from_street_address": ""}, "from_street_address", "Please add the street address"),
        ({"when": "someday"}, "when", "Please choose when to post it"),
        ({"when": "date", "post_on": ""}, "post_on", "Please choose the day to post it"),
        ({"when": "date", "post_on": "14/03/2027"}, "post_on", "for example 14 March 2027"),
        ({"when": "date", "post_on": "2001-01-01"}, "post_on", "The earliest we can post it is"),
        ({"when": "date", "post_on": "2999-01-01"}, "post_on", "up to a year ahead"),
        ({"email": "jo at example"}, "email", "name@example.com"),
        ({"email": "j" * 250 + "@example.org"}, "email", "longer than 254 characters"),
    ],
)
def test_every_order_form_mistake_gets_its_own_kind_message(mistakes, changes, field, says):
    app, client, form = mistakes
    response = client.post(f"/cards/{SLUG}/order", data={**form, **changes})
    assert response.status_code == 422
    errors = _errors(response)
    assert field in errors and says in errors[field], errors
    assert count_orders(app) == 0


def test_a_form_missing_its_key_links_to_the_card_instead_of_saying_go_back(mistakes):
    app, client, form = mistakes
    response = client.post(f"/cards/{SLUG}/order", data={**form, "order_key": "not-a-key"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "This form is missing a part it needs" in html and "go back" not in html.lower()
    assert f'<a href="/cards/{SLUG}">Open your card again</a>' in html
    assert count_orders(app) == 0


def test_words_that_need_another_look_get_a_link_to_the_card(mistakes):
    app, client, form = mistakes
    response = client.post(f"/cards/{SLUG}/order", data={**form, "message": "x" * 5000})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "needs another look" in html and "go back" not in html.lower()
    assert f'href="/cards/{SLUG}">Open your card again</a>' in html
    # Reload or Back opens the card (its words come back from the tab), not the refused post.
    assert f'data-address="/cards/{SLUG}"' in html
    assert count_orders(app) == 0


def test_a_weekend_posting_day_is_refused_kindly(mistakes):
    app, client, form = mistakes
    day = next_posting_day(date.today()) + timedelta(days=7)
    saturday = day + timedelta(days=(5 - day.weekday()) % 7)
    response = client.post(f"/cards/{SLUG}/order", data={**form, "when": "date", "post_on": saturday.isoformat()})
    assert response.status_code == 422 and "isn't collected at weekends" in _errors(response)["post_on"]


def test_choosing_another_country_shows_its_fields_without_an_error(mistakes):
    app, client, form = mistakes
    response = client.post(f"/cards/{SLUG}/order", data={**form, "to_country": "US", "action": "order_country"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "ZIP code" in html and ">State<" in html and _errors(response) == {}
    assert count_orders(app) == 0


def _place(client, **changes) -> str:
    response = client.post(f"/cards/{SLUG}/order", data=order_form(client, **changes))
    assert response.status_code == 303
    return response.headers["Location"].split("?")[0]


@pytest.mark.parametrize(
    "path", ["/orders/abc", "/orders/" + "A" * 43, "/orders/" + "A" * 43 + "/cancel", "/orders/%00%ff"]
)
def test_a_wrong_token_finds_nothing(sqlite_app, path):
    client = sqlite_app.test_client()
    _place(client)
    if path.endswith("/cancel"):
        response = client.post(path, data={"csrf_token": csrf_token(client, f"/cards/{SLUG}")})
    else:
        response = client.get(path)
    assert response.status_code == 404
    assert "Sam Rivers" not in response.get_data(as_text=True)


def test_the_sender_changes_the_date_and_address_then_cancels(order_app):
    client = order_app.test_client()
    link = _place(client)
    token = csrf_token(client, f"/cards/{SLUG}")
    later = next_posting_day(date.today()) + timedelta(days=14)
    later += timedelta(days=(7 - later.weekday()) % 7)  # a Monday
    change = {**ADDRESS, "csrf_token": token, "to_city": "Leeds", "to_postal_code": "LS1 4AP", "when": "date"}
    response = client.post(f"{link}/change", data={**change, "post_on": later.isoformat()})
    assert response.status_code == 303 and "changed=address-date" in response.headers["Location"]
    page = client.get(link).get_data(as_text=True)
    assert "LEEDS" in page and later.strftime("%B") in page
    to_france = {**change, "to_country": "FR", "action": "order_country", "post_on": later.isoformat()}
    switched = client.post(f"{link}/change", data=to_france)  # France's fields, nothing changed yet
    assert switched.status_code == 200 and "Postcode" in switched.get_data(as_text=True) and _errors(switched) == {}
    assert "LEEDS" in client.get(link).get_data(as_text=True)
    bad = client.post(f"{link}/change", data={**change, "to_postal_code": "nope", "post_on": later.isoformat()})
    assert bad.status_code == 422 and "to_postal_code" in _errors(bad)
    assert client.post(f"{link}/cancel", data={"csrf_token": token}).status_code == 303
    page = client.get(link).get_data(as_text=True)
    assert "Cancelled" in page and "Change the address" not in page
    assert client.post(f"{link}/change", data={**change, "post_on": later.isoformat()}).status_code == 409


def test_erasing_needs_a_tick_and_then_leaves_nothing(order_app):
    client = order_app.test_client()
    link = _place(client)
    token = csrf_token(client, f"/cards/{SLUG}")
    assert client.post(f"{link}/erase", data={"csrf_token": token}).status_code == 422
    assert client.post(f"{link}/erase", data={"csrf_token": token, "confirm": "yes"}).status_code == 303
    page = client.get(link).get_data(as_text=True)
    assert "have been erased" in page and "Sam Rivers" not in page
    with order_app.extensions["cardshop_orders"].store.session() as session:
        order = session.scalar(select(Order))
        assert order.personal is None and order.state == "cancelled"


def test_nothing_personal_is_logged(sqlite_app, caplog):
    client = sqlite_app.test_client()
    with caplog.at_level(logging.DEBUG):
        link = _place(client, email="jo.sender@example.org")
        client.get(link)
        client.post(f"{link}/erase", data={"csrf_token": csrf_token(client, f"/cards/{SLUG}"), "confirm": "yes"})
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "/orders/<token>" in logged
    for secret in ("Rowan", "Sam Rivers", "Larkspur", "jo.sender", link.rsplit("/", 1)[1]):
        assert secret not in logged


def test_a_missing_data_key_is_made_once_privately_and_warned_about_in_production(monkeypatch, caplog, tmp_path):
    monkeypatch.delenv("CARDSHOP_DATA_KEY", raising=False)
    monkeypatch.setenv("CARDSHOP_ENV", "production")
    monkeypatch.setenv("CARDSHOP_SECRET_KEY", "k" * 40)
    settings = {"CARDSHOP_INSTANCE_DIR": tmp_path, "CARDSHOP_DATABASE_URL": f"sqlite:///{tmp_path / 'o.db'}"}
    with caplog.at_level(logging.WARNING, logger="cardshop"):
        create_app(settings)
    assert "CARDSHOP_DATA_KEY is missing" in caplog.text
    key_file = tmp_path / "data.key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    key = key_file.read_text()
    create_app(settings)
    assert key_file.read_text() == key  # made once: orders stay readable across restarts


def test_the_confirmation_offers_the_days_to_remember_with_the_cards_names(sqlite_app):
    client = sqlite_app.test_client()
    placed = client.post(f"/cards/{SLUG}/order", data=order_form(client))
    page = client.get(placed.headers["Location"]).get_data(as_text=True)
    assert "Remember the days that may be hard" in page
    # Who the card is for comes from the order's own words, for the reminder's gentle line.
    assert re.search(r'name="remember-recipients"[^>]*value="Sam and Alex"', page)
    # The plain status page (without ?placed=1) stays as it was.
    later = client.get(placed.headers["Location"].split("?")[0]).get_data(as_text=True)
    assert "Remember the days that may be hard" not in later


def test_a_card_to_write_in_by_hand_is_not_offered_printed_and_posted(sqlite_app):
    designs = sqlite_app.extensions["cardshop_catalog"].get().designs
    by_hand = {slug for slug, loaded in designs.items() if loaded.design.written_by_hand}
    assert {"one-year-on", "all-you-have-been-through", "for-a-grandparent", "from-all-of-us"} <= by_hand
    client = sqlite_app.test_client()
    token = csrf_token(client, "/cards/one-year-on")
    card = {"csrf_token": token, "action": "check", "recipient": "Dear Sam", "message": "Thinking of you."}
    html = client.post("/cards/one-year-on", data=card).get_data(as_text=True)
    assert "This card has space to write by hand, so it's one to print yourself" in html
    assert 'name="order_key"' not in html and "Order the printed card" not in html
    ordered = client.post("/cards/one-year-on/order", data={**card, **ADDRESS, "action": "order", "when": "asap"})
    refusal = ordered.get_data(as_text=True)
    assert ordered.status_code == 422 and "one to print yourself" in refusal
    # A link back to the card (whose words are in the tab), never "go back".
    assert 'href="/cards/one-year-on"' in refusal and "go back" not in refusal.lower()
    assert count_orders(sqlite_app) == 0


def test_the_same_form_sent_again_with_another_address_says_it_was_already_ordered(order_app):
    client = order_app.test_client()
    form = order_form(client)
    first = client.post(f"/cards/{SLUG}/order", data=form)
    link = first.headers["Location"].split("?")[0]
    # Back, a new address, and send again: not dropped in silence, nor changed.
    again = client.post(f"/cards/{SLUG}/order", data={**form, "to_city": "Leeds", "to_postal_code": "LS1 4AP"})
    assert again.status_code == 409
    html = unescape(again.get_data(as_text=True))
    reference = re.search(r"This card was already ordered \(reference <strong[^>]*>(CS-[0-9A-Z-]+)<", html).group(1)
    assert f'href="{link}"' in html and "Order another copy" in html
    assert count_orders(order_app) == 1 and "LEEDS" not in client.get(link).get_data(as_text=True)
    # Another copy: the carried details, under a new key, make a second order with the new address.
    carried = dict(re.findall(r'<input name="([^"]+)" type="hidden" value="([^"]*)">', html))
    assert carried["order_key"] != form["order_key"] and carried["to_city"] == "Leeds"
    copy = client.post(f"/cards/{SLUG}/order", data={**carried, "action": "order"})
    assert copy.status_code == 303 and count_orders(order_app) == 2
    page = client.get(copy.headers["Location"]).get_data(as_text=True)
    assert "LEEDS" in page and reference not in page
    # The very same form again (a double click) still lands on the first order.
    assert client.post(f"/cards/{SLUG}/order", data=form).headers["Location"] == first.headers["Location"]
