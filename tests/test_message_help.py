"""Help with the message, without JavaScript: suggestions that fit the design and the sender's choices,
chosen with a submit button; gentle notes on hurtful wording beside the message and on the check page,
which never stop the download; the "What to write" page; and the designs' own words pass the check."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from cardshop.words.kindness import check, rules_as_json
from cardshop.words.messages import load_messages
from tests.conftest import assert_text_in_pdf, csrf_token, post_card

SLUG = "forget-me-nots"
HURTFUL = "At least you can try again. Love, Jo"
LIBRARY = {message.id: message for message in load_messages()}


def _suggestion_ids(page: str) -> list[str]:
    return re.findall(r'name="use_suggestion" value="([^"]+)"', page)


def _message(page: str) -> str:
    found = re.search(r'<textarea[^>]*name="message"[^>]*>\r?\n?(.*?)</textarea>', page, re.S)
    assert found, "no message field"
    return unescape(found.group(1))


def _kindness_slot(page: str) -> str:
    found = re.search(r'<div class="kindness" id="message-kindness" data-kindness[^>]*>(.*?)</div>', page, re.S)
    assert found, "no place for the gentle notes"
    return unescape(re.sub(r"<[^>]+>", "", found.group(1)))


def _post(client, slug: str, data: dict):
    form = {"csrf_token": csrf_token(client, f"/cards/{slug}"), **data}
    return client.post(f"/cards/{slug}", data=form)


# ---------------------------------------------------------------- suggestions


def test_suggestions_fit_the_design_are_secular_and_need_no_name(client, catalog):
    page = client.get(f"/cards/{SLUG}").get_data(as_text=True)
    assert "<details" in page and "Who is it for?" in page
    assert re.search(r'name="who" value="" checked', page), "no recipient is chosen for the sender"
    ids = _suggestion_ids(page)
    assert 3 <= len(ids) <= 8
    categories = catalog.get(SLUG).design.categories
    for message_id in ids:
        message = LIBRARY[message_id]
        assert not message.faith and not message.uses_baby_name
        assert any(message.matches("loss", slug) for slug in categories.loss)
        assert any(message.matches("occasion", slug) for slug in categories.occasion)
        assert any(message.matches("recipient", slug) for slug in categories.recipient)
    assert "Faith-based</span>" not in page


@pytest.mark.parametrize("who", ["both-parents", "mother", "father-or-partner", "same-sex-parents"])
def test_who_it_is_for_narrows_the_suggestions(client, who):
    page = _post(client, SLUG, {"action": "suggest", "who": who, "message": ""}).get_data(as_text=True)
    ids = _suggestion_ids(page)
    assert ids
    assert all(LIBRARY[i].matches("recipient", who) for i in ids)
    assert re.search(rf'name="who" value="{who}" checked', page)
    assert " open>" in page, "the suggestions stay open after choosing"
    assert "A little more is needed" not in page, "an empty message is not scolded while choosing"


def test_sharing_own_news_has_its_own_words(client):
    page = _post(client, "sharing-sad-news", {"action": "suggest", "who": "own-news"}).get_data(as_text=True)
    ids = _suggestion_ids(page)
    assert ids and all("own-news" in LIBRARY[i].recipient for i in ids)
    # The sympathy designs have nothing for sharing one's own news, and say so kindly.
    page = _post(client, SLUG, {"action": "suggest", "who": "own-news"}).get_data(as_text=True)
    assert _suggestion_ids(page) == []
    assert "We have no suggested words on this card for that choice" in page


def test_faith_words_only_when_asked_and_labelled(client):
    page = _post(client, SLUG, {"action": "suggest", "include_faith": "y"}).get_data(as_text=True)
    ids = _suggestion_ids(page)
    faith = [i for i in ids if LIBRARY[i].faith]
    assert faith, "asking for faith-based words shows some"
    assert page.count('<span class="tag">Faith-based</span>') == len(faith)


def test_a_faith_design_offers_faith_words_without_asking(client):
    page = client.get("/cards/faith-white-lily").get_data(as_text=True)
    assert any(LIBRARY[i].faith for i in _suggestion_ids(page))
    assert 'name="include_faith"' not in page
    assert "This card is faith-based" in page


def test_the_baby_name_is_filled_in(client):
    page = _post(client, SLUG, {"action": "suggest", "baby_name": "Rosa"}).get_data(as_text=True)
    named = [i for i in _suggestion_ids(page) if LIBRARY[i].uses_baby_name]
    assert named, "with a name, messages that say it are offered"
    assert "Rosa" in page and "{baby_name}" not in page


def test_choosing_a_suggestion_puts_it_in_the_message_and_the_preview(client):
    response = _post(client, SLUG, {"use_suggestion": "so-sorry-im-here", "message": ""})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    text = LIBRARY["so-sorry-im-here"].text
    assert _message(page) == text
    assert 'data-personalised="true"' in page, "the preview shows the card with the chosen words"
    assert " open>" in page


def test_a_named_suggestion_is_filled_in_when_chosen(client):
    named = next(m for m in LIBRARY.values() if m.uses_baby_name and not m.faith)
    page = _post(client, SLUG, {"use_suggestion": named.id, "baby_name": "Rosa", "message": ""}).get_data(as_text=True)
    assert _message(page) == named.text.replace("{baby_name}", "Rosa")


def test_a_suggestion_goes_below_the_senders_own_words(client):
    page = _post(client, SLUG, {"use_suggestion": "no-right-words", "message": "Dear both,"}).get_data(as_text=True)
    assert _message(page) == "Dear both,\n\n" + LIBRARY["no-right-words"].text


def test_a_suggestion_replaces_another_suggestion_left_as_it_was(client):
    data = {"use_suggestion": "no-right-words", "message": LIBRARY["so-sorry-im-here"].text}
    page = _post(client, SLUG, data).get_data(as_text=True)
    assert _message(page) == LIBRARY["no-right-words"].text


def test_an_unknown_suggestion_gets_a_kind_message(client):
    response = _post(client, SLUG, {"use_suggestion": "no-such-words", "message": "Love."})
    assert response.status_code == 422
    assert "That suggestion isn't available on this card" in unescape(response.get_data(as_text=True))


def test_enter_in_a_field_still_shows_the_preview(client):
    """Enter presses a form's first submit button: it must be a preview button, not a suggestion."""
    page = client.get(f"/cards/{SLUG}").get_data(as_text=True)
    form = page[page.index('<form class="card-form"') :]
    first = re.search(r"<button[^>]*>", form).group(0)
    assert 'name="action" value="preview"' in first and "data-preview-button" in first


def test_suggestions_json_follows_the_choices(client):
    token = csrf_token(client, f"/cards/{SLUG}")
    response = client.post(
        f"/cards/{SLUG}/suggestions.json", data={"csrf_token": token, "who": "mother", "include_faith": "y"}
    )
    body = response.get_json()
    assert response.status_code == 200
    assert body["suggestions"] and body["status"].startswith(f"{len(body['suggestions'])} suggestions for a mother")
    assert all(LIBRARY[item["id"]].matches("recipient", "mother") for item in body["suggestions"])
    assert any(item["faith"] for item in body["suggestions"])


def test_the_twins_card_suggests_messages_with_both_names(client):
    # Two together lets the name field hold two names (80 characters); the suggestions use them whole.
    names = "Rowan Alexander Fitzgerald-Hughes and Skye Elizabeth Fitzgerald-Hughes"
    token = csrf_token(client, "/cards/two-together")
    data = {"csrf_token": token, "baby_name": names, "message": ""}
    body = client.post("/cards/two-together/suggestions.json", data=data).get_json()
    assert any(names in item["text"] for item in body["suggestions"])


# ---------------------------------------------------------------- gentle notes


def test_a_hurtful_phrase_gets_a_gentle_note_beside_the_message(client):
    page = post_card(client, SLUG, {"message": HURTFUL}).get_data(as_text=True)
    notes = _kindness_slot(page)
    assert "Some people find “At least you can try again” hard to read." in notes
    assert "You might say: “" in notes
    assert re.search(r'<textarea[^>]*aria-describedby="[^"]*message-kindness', page)


def test_kind_words_get_no_note(client):
    page = post_card(client, SLUG, {"message": LIBRARY["so-sorry-im-here"].text}).get_data(as_text=True)
    assert _kindness_slot(page).strip() == ""


def test_the_check_page_repeats_the_note_and_still_offers_the_download(client):
    page = post_card(client, SLUG, {"message": HURTFUL}, action="check").get_data(as_text=True)
    assert "A note on your message" in page
    assert "You can download your card as it is" in page
    assert 'name="layout"' in page


def test_a_flagged_message_still_downloads(client):
    response = post_card(client, SLUG, {"message": HURTFUL}, action="download")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert_text_in_pdf(response.data, {"message": HURTFUL})


def test_the_rules_for_the_live_check_are_served_as_json(client):
    page = client.get(f"/cards/{SLUG}").get_data(as_text=True)
    assert 'data-rules-url="/kindness-rules.json"' in page
    response = client.get("/kindness-rules.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert json.loads(response.data) == rules_as_json()


def test_every_fixed_text_in_every_design_passes_the_check(catalog):
    checked = 0
    for slug, loaded in catalog.designs.items():
        for panel_name, panel in loaded.design.panels.items():
            for slot in panel.slots:
                for part in slot.parts:
                    if part.text:
                        checked += 1
                        assert check(part.text) == [], f"{slug} {panel_name}: {part.text!r}"
        for words in (loaded.design.name, loaded.design.description, loaded.design.alt):
            assert check(words) == [], f"{slug}: {words!r}"
    assert checked >= len(catalog.designs)


# ---------------------------------------------------------------- what to write


def test_what_to_write_is_linked_from_the_nav_and_the_form(client):
    page = client.get("/what-to-write")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    for heading in ("What helps", "What to avoid, and why", "Names and dates", "Partners grieve too", "On faith"):
        assert heading in text
    assert '<a href="/what-to-write" aria-current="page">What to write</a>' in text
    form = client.get(f"/cards/{SLUG}").get_data(as_text=True)
    assert form.count('href="/what-to-write"') == 2  # the site's menu, and beside the message


def test_one_phrase_gets_one_note(client):
    """ "At least you can try again" fires two rules; the sender reads one gentle suggestion for it."""
    assert len(check("At least you can try again.")) == 2
    page = post_card(client, SLUG, {"message": "At least you can try again. Time heals."}).get_data(as_text=True)
    notes = _kindness_slot(page)
    assert notes.count("Some people find") == 2
    assert "“Time heals”" in notes


# ---- the kind of loss and the recipient chosen in the gallery reach the suggestions


def _loss_tags(message_id: str) -> tuple[str, ...]:
    return next(m.loss for m in load_messages() if m.id == message_id)


@pytest.mark.parametrize("loss", ["stillbirth", "miscarriage", "neonatal-death", "tfmr"])
def test_gallery_choices_carry_to_suggestions_that_never_speak_of_another_loss(client, loss):
    page = client.get("/?loss=" + loss).get_data(as_text=True)
    links = re.findall(r'<h3 class="tile-name"><a href="(/cards/[^"]+)"', page)
    assert links and all(f"loss={loss}" in unescape(link) for link in links)
    for link in links:
        card = client.get(unescape(link)).get_data(as_text=True)
        assert f'name="loss" value="{loss}"' in card
        ids = re.findall(r'name="use_suggestion" value="([^"]+)"', card)
        for message_id in ids:
            tags = _loss_tags(message_id)
            assert "any" in tags or loss in tags, (link, message_id, tags)


def test_no_loss_chosen_means_no_message_about_a_particular_loss(client):
    # A card for several kinds of loss, opened without choosing one: only words for any loss.
    page = client.get("/cards/forget-me-nots").get_data(as_text=True)
    ids = re.findall(r'name="use_suggestion" value="([^"]+)"', page)
    assert ids and all(_loss_tags(i) == ("any",) for i in ids)


def test_the_recipient_chosen_in_the_gallery_is_who_the_card_is_for(client):
    page = client.get("/cards/forget-me-nots?loss=stillbirth&recipient=father-or-partner").get_data(as_text=True)
    assert re.search(r'<input type="radio" id="who-\d" name="who" value="father-or-partner" checked>', page)
    assert "for a father or partner after a stillbirth" in page
