"""The check step: the card at a glance, the names spelled out, then the download choices."""

from __future__ import annotations

import re
from html import unescape

from tests.conftest import assert_text_in_pdf, csrf_token, pdf_text, post_card

SLUG = "forget-me-nots"
VALUES = {
    "recipient": "Dear Sam and Alex",
    "baby_name": "Rowan",
    "date": "15 March 2026",
    "message": 'Line one & "two"\nLine <three>',
    "sender": "Jo",
    "size": "A5",
}


def test_check_page_shows_every_panel_and_spells_out_the_names(client):
    response = post_card(client, SLUG, VALUES, action="check")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    text = unescape(re.sub(r"<[^>]+>", "", page))
    assert "Please check the names: Sam, Alex, Rowan, Jo" in text
    assert "And the date: 15 March 2026" in text
    for panel in ("front", "inside", "back"):
        assert re.search(rf'<li class="glance-{panel}">\s*<figure>\s*<img src="data:image/jpeg;base64,', page)
    assert 'value="download"' in page


def test_check_page_names_the_ways_on_first_each_a_link_to_its_section(client):
    page = post_card(client, SLUG, VALUES, action="check").get_data(as_text=True)
    ways = page[page.index('<nav class="check-ways"') : page.index("</nav>", page.index('<nav class="check-ways"'))]
    targets = re.findall(r'<a href="#([\w-]+)">', ways)
    assert targets == ["download", "order", "share", "remember"]
    for target in targets:
        assert page.count(f'id="{target}"') == 1, target  # each link lands on its one section
    assert page.index('<nav class="check-ways"') < page.index('id="glance-heading"')


def test_check_page_carries_the_words_forward_exactly(client):
    page = post_card(client, SLUG, VALUES, action="check").get_data(as_text=True)
    carried = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page))
    assert {name: unescape(value) for name, value in carried.items()} == {**VALUES, "signoff": ""}


def test_download_from_the_check_page_prints_the_same_words(client):
    page = post_card(client, SLUG, VALUES, action="check").get_data(as_text=True)
    form = {
        name: unescape(value)
        for name, value in re.findall(r'<input(?![^>]*type="radio")[^>]*name="(\w+)"[^>]*value="([^"]*)"', page)
    }
    assert 'name="layout" type="radio" value="home-a4"' in page  # the choices, in plain words, are here
    form["action"] = "download"
    form["layout"] = "home-a4"  # "Print at home on A4"
    response = client.post(f"/cards/{SLUG}", data=form)
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/pdf"
    assert_text_in_pdf(response.data, {k: v for k, v in VALUES.items() if k != "size"})
    assert "Line <three>" in pdf_text(response.data)


def test_check_with_a_problem_stays_on_the_form(client):
    response = post_card(client, SLUG, {"message": ""}, action="check")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Check your card" not in page
    assert "the card needs a message" in page
    assert 'aria-invalid="true"' in page


def test_going_back_fills_the_form_in(client):
    token = csrf_token(client, f"/cards/{SLUG}")
    response = client.post(f"/cards/{SLUG}", data={"csrf_token": token, "action": "preview", **VALUES})
    page = response.get_data(as_text=True)
    assert 'value="Dear Sam and Alex"' in page
    assert 'value="A5" checked' in page
    assert 'data-personalised="true"' in page


def test_a_card_with_no_names_says_so(client):
    page = post_card(client, SLUG, {"message": "Thinking of you."}, action="check").get_data(as_text=True)
    assert "There are no names on this card." in page


def test_download_choices_appear_on_the_check_page_and_survive_going_back(client):
    """The download choice is asked on the check page, in plain words, and carried through the
    personalise page (as a hidden field) when the sender goes back to change something."""
    check = post_card(client, SLUG, {"message": "Hello.", "layout": "home-letter"}, action="check")
    page = check.get_data(as_text=True)
    assert "Print at home on A4" in page and "Envelope" in page
    assert re.search(r'<input[^>]* checked [^>]*name="layout"[^>]*value="home-letter"', page)
    back = post_card(client, SLUG, {"message": "Hello.", "layout": "home-letter"}, action="preview")
    assert '<input type="hidden" name="layout" value="home-letter">' in back.get_data(as_text=True)


def test_a_download_problem_keeps_the_sender_on_the_check_page(client):
    """No choice made: the check page asks for one, beside the choices, with the card still shown."""
    response = post_card(client, SLUG, {"message": "Hello.", "layout": ""}, action="download")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Check your card" in page
    assert "Please choose what you would like to download." in page
