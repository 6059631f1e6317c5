"""Sending a card as a message and remembering the hard days, in Chromium.

A link is made on the check page and opened in a fresh browser (no cookies, no history): the card it
shows says, panel by panel, exactly what the sender's card says. Damaged links and unknown designs get
a kind message, never a server error. The link's fragment never reaches the server: no request, no
response and no log line holds it. The calendar file downloads and reads back.
"""

from __future__ import annotations

import base64
import json
import random
import re
import zlib
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from cardshop.studio.catalogue import load_catalog
from cardshop.web.describe import preview_alts
from cardshop.web.share import SHARE_LINK_MAX
from tests.browser.conftest import assert_clean, open_context
from tests.browser.support import DESKTOP, PHONE
from tests.browser.test_browser_axe import _violations

CARD = "forget-me-nots"
WORDS = {
    "recipient": "Dear Maya and Tom",
    "baby_name": "Ava",
    "message": "I'm so sorry. Ava is remembered, and so are you both. I'm here whenever you want to talk, or not talk.",
    "signoff": "With love",
    "sender": "Jo",
}
STATE = "() => document.querySelector('[data-shared]').dataset.sharedState || ''"


def _expected_alts() -> dict[str, str]:
    loaded = load_catalog().get(CARD)
    return preview_alts(loaded.design, WORDS)


def _to_check_page(page, words: dict[str, str] = WORDS) -> None:
    page.goto(f"/cards/{CARD}")
    for name, value in words.items():
        page.fill(f"#{name}", value)
    page.get_by_role("button", name="Continue to check and download").click()
    page.wait_for_selector("[data-share]")


def _make_link(page) -> str:
    # The warning is there, in view of the button, before any link is made.
    warning = page.locator(".share-warning")
    assert warning.is_visible()
    assert "Anyone who has the link can open it and read your card" in warning.inner_text()
    page.get_by_role("button", name="Make a link to the card").click()
    page.wait_for_selector("[data-share][data-share-state=made]")
    return page.input_value("[data-share-link]")


def _card_in(link: str) -> dict:
    """The card a link carries, read the way share.js reads it."""
    body = link.split("#", 1)[1].removeprefix("v1.")
    return json.loads(zlib.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)), wbits=-15))


def _wait_for_card(page) -> str:
    page.wait_for_function(f"() => ({STATE})() !== 'loading' && ({STATE})() !== ''")
    return page.evaluate(STATE)


def _panel_alts(page) -> dict[str, str]:
    return page.eval_on_selector_all(
        "[data-pages] img[data-panel]", "(imgs) => Object.fromEntries(imgs.map((i) => [i.dataset.panel, i.alt]))"
    )


def _token(card: dict) -> str:
    """A link's fragment made the way share.js makes it: JSON, raw DEFLATE, base64url, version first."""
    packer = zlib.compressobj(wbits=-15)
    raw = packer.compress(json.dumps(card, ensure_ascii=False, separators=(",", ":")).encode()) + packer.flush()
    return "v1." + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def test_a_link_opens_the_same_card_in_a_fresh_browser(browser, server, context):
    page = context.new_page()
    _to_check_page(page)
    link = _make_link(page)
    assert link.startswith(f"{server.url}/shared#v1.")
    assert len(link) <= SHARE_LINK_MAX
    assert "?" not in link.split("#")[0]

    reader = open_context(browser, server, viewport=PHONE)
    try:
        shared = reader.new_page()
        response = shared.goto(link)
        assert response.headers["x-robots-tag"] == "noindex, nofollow"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert shared.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"
        assert _wait_for_card(shared) in ("shown", "opened")
        # Every panel's text alternative is the very one the sender's card has: the same words.
        alts = _panel_alts(shared)
        assert alts == _expected_alts()
        assert all(WORDS[name] in alts["inside"] for name in ("message", "baby_name", "sender"))
        assert shared.locator("h1").inner_text() == "A card from Jo"
        # Front first, in the folded view; then it opens by itself (no reduced-motion preference).
        assert shared.locator("[data-folded]").is_visible()
        shared.wait_for_function(f"() => ({STATE})() === 'opened'")
        assert shared.locator("[data-folded]").get_attribute("data-state") == "open"
        assert shared.locator("[data-fold-now]").inner_text().startswith("Showing the card opened out")
        shared.get_by_role("button", name="All pages").click()
        assert shared.get_by_role("img", name=alts["inside"]).is_visible()
        shared.get_by_text("What the card says, in words").click()
        assert WORDS["message"] in shared.locator("[data-card-words]").inner_text()
    finally:
        reader.close()
    assert_clean(reader.watch)


def test_a_link_is_made_after_the_check_page_is_rebuilt_from_the_tab(page):
    """Reload, and the printing guide then Back, bring the check page back from the words kept in the
    tab; sending it as a message works on the rebuilt page as on the first."""
    _to_check_page(page)
    page.wait_for_url(f"**/cards/{CARD}/check")  # its script has run (it renames the address)
    page.reload()
    page.wait_for_selector("[data-share]")
    expect(page.locator("[data-share-nojs]")).to_be_hidden()
    made = _card_in(_make_link(page))
    assert made == {
        "c": CARD,
        "r": WORDS["recipient"],
        "b": WORDS["baby_name"],
        "m": WORDS["message"],
        "o": WORDS["signoff"],
        "s": WORDS["sender"],
        "z": "A6",
    }
    assert "Your link is ready" in page.locator("[data-share-status]").inner_text()
    page.get_by_role("link", name="how to print and fold your card").click()
    page.wait_for_url("**/printing")
    page.go_back()
    page.wait_for_selector("[data-share]")
    page.get_by_role("button", name="Make a link to the card").click()
    expect(page.locator("[data-share-status]")).to_have_text("Your link is ready. Copy it and paste it into a message.")
    assert _card_in(page.input_value("[data-share-link]")) == made


def _refused_reader_sees(page, heading: str) -> None:
    assert _wait_for_card(page) in ("busy", "failed")
    problem = page.locator("[data-shared-problem]:visible")
    expect(problem.locator("h2")).to_have_text(heading)
    text = page.locator("main").inner_text()
    # Nothing written for the sender: not their previews, their tab, or their card.
    for sender_words in ("previews", "browser tab", "your card", "What you wrote", "open for a while"):
        assert sender_words not in text, sender_words


def test_a_reader_refused_by_the_server_gets_fixed_gentle_words_of_their_own(context, server):
    """A refusal's message is written for the sender of a card; the person opening a shared card sees
    the page's own wording instead, for a paused budget (429) and a refused security token (400)."""
    preview = f"{server.url}/cards/{CARD}/preview.json"
    context.watch.expected_failures.add(preview)
    link = "/shared#" + _token({"c": CARD, "m": WORDS["message"]})

    # The security token in the page no longer matches (as after the session was lost): a real 400.
    def stale_token(route):
        answer = route.fetch()
        html = re.sub(r'data-csrf="[^"]*"', 'data-csrf="stale"', answer.text())
        route.fulfill(response=answer, body=html)

    context.route(re.compile(r"/shared$"), stale_token)
    page = context.new_page()
    page.goto(link)
    _refused_reader_sees(page, "The card couldn’t be opened just now")
    context.unroute(re.compile(r"/shared$"))

    # The render budget spent (the limit is read at each request): a real 429.
    before = server.app.config["CARDSHOP_RATE_LIMIT"]
    server.app.config["CARDSHOP_RATE_LIMIT"] = "1 per hour"
    try:
        statuses = [context.request.post(preview, form={"message": "x"}).status for _ in range(2)]
        assert statuses[-1] == 429
        page.goto("about:blank")  # nothing of ours (a gallery's pictures would spend the budget too)
        page.goto(link)
        _refused_reader_sees(page, "This card can’t be shown just now")
        assert "Please try again in a minute" in page.locator("[data-shared-problem]:visible").inner_text()
    finally:
        server.app.config["CARDSHOP_RATE_LIMIT"] = before


def test_with_reduced_motion_the_card_waits_on_its_front_and_odd_words_arrive_intact(browser, server):
    context = open_context(browser, server, reduced_motion="reduce")
    try:
        page = context.new_page()
        # Right-to-left words with the newest emoji travel through the link intact.
        words = "נועה ❤️ אנחנו איתכם 🕊️ Thinking of you 🫶🏽"
        page.goto("/shared#" + _token({"c": CARD, "m": words}))
        assert _wait_for_card(page) == "shown"
        assert _panel_alts(page) == preview_alts(load_catalog().get(CARD).design, {"message": words})
        page.wait_for_timeout(1800)  # longer than the turn would wait
        assert page.locator("[data-folded]").get_attribute("data-state") == "front"
        assert page.locator("[data-fold-now]").inner_text().startswith("Showing the front of the card")
        page.get_by_role("button", name="Open it").click()
        assert page.locator("[data-folded]").get_attribute("data-state") == "open"
    finally:
        context.close()
    assert_clean(context.watch)


DAMAGED = "This link seems to be incomplete"
LINKS = {
    "no fragment": ("", "damaged", DAMAGED),
    "only the version": ("v1.", "damaged", DAMAGED),
    "not base64url": ("v1.not*base64", "damaged", DAMAGED),
    "a later version": ("v2.AAAA", "damaged", DAMAGED),
    "far longer than any link we make": ("v1." + "A" * 9000, "damaged", DAMAGED),
    "not deflate": ("v1.AAAA", "damaged", DAMAGED),
    "its end lost": (lambda: _token({"c": CARD, "m": WORDS["message"]})[:-12], "damaged", DAMAGED),
    "unpacks to far too much": (lambda: "v1." + _deflate(b'{"c":"' + b"a" * 200_000 + b'"}'), "damaged", DAMAGED),
    "not JSON": (lambda: "v1." + _deflate(b"<b>hello</b>"), "damaged", DAMAGED),
    "a JSON list": (lambda: "v1." + _deflate(b'["forget-me-nots"]'), "damaged", DAMAGED),
    "a path for a design": (lambda: _token({"c": "../../privacy", "m": "Hello"}), "damaged", DAMAGED),
    "a design we don't have": (
        lambda: _token({"c": "no-such-card", "m": "Hello"}),
        "unknown-design",
        "This card is no longer available",
    ),
    "words too long for the card": (
        lambda: _token({"c": CARD, "m": "Thinking of you. " * 60}),
        "does-not-fit",
        "This card can’t be shown as it was written",
    ),
}


def test_damaged_links_and_unknown_designs_get_a_kind_message(context, server):
    context.watch.expected_failures.update(
        {f"{server.url}/cards/no-such-card/preview.json", f"{server.url}/cards/{CARD}/preview.json"}
    )
    statuses = []
    context.on("response", lambda response: statuses.append(response.status))
    seen = {}
    for name, (fragment, _, _) in LINKS.items():
        page = context.new_page()
        page.goto("/shared#" + (fragment() if callable(fragment) else fragment))
        state = _wait_for_card(page)
        problem = page.locator(f'[data-shared-problem="{state}"]')
        assert problem.is_visible() and problem.get_attribute("role") == "alert"
        assert page.locator("[data-preview]").count() == 0
        seen[name] = (state, problem.locator("h2").inner_text())
        page.close()
    assert seen == {name: (state, heading) for name, (_, state, heading) in LINKS.items()}
    assert statuses and all(status < 500 for status in statuses)


def _deflate(data: bytes) -> str:
    packer = zlib.compressobj(wbits=-15)
    return base64.urlsafe_b64encode(packer.compress(data) + packer.flush()).decode().rstrip("=")


def _ask_for_a_link_too_long(page) -> None:
    """Random characters from across the CJK block barely compress: 1,000 of them in the share
    section's words (as if a design took that many) make a link well over the limit."""
    rng = random.Random(18)
    heavy = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(1000))
    page.eval_on_selector('[data-share-field="message"]', "(input, value) => { input.value = value; }", heavy)
    page.get_by_role("button", name="Make a link to the card").click()


def test_a_link_too_long_for_messaging_apps_is_refused_kindly(page):
    _to_check_page(page)
    _ask_for_a_link_too_long(page)
    page.wait_for_selector("[data-share][data-share-state=too-long]")
    status = page.locator("[data-share-status]").inner_text()
    assert "longer than 2,000" in status and "Shortening your words by about" in status
    assert "picture" in status
    assert page.locator("[data-share-result]").is_hidden()


def test_the_server_never_sees_the_fragment(browser, server):
    """Everything the browser sent and received, and everything the app logged (since the server
    started), while a link was made and opened: the fragment is in none of it, and the words are in
    no log line."""
    sent, received = [], []
    maker = open_context(browser, server)
    reader = open_context(browser, server, viewport=PHONE)
    for context in (maker, reader):
        context.on("request", lambda request: sent.append(request))
        context.on("response", lambda response: received.append(_body(response)))
    try:
        page = maker.new_page()
        _to_check_page(page)
        # Answers to the personalise page's own requests can be cut off by going on to the
        # check page; from here on every body is read.
        received.clear()
        link = _make_link(page)
        token = link.split("#", 1)[1]
        shared = reader.new_page()
        shared.goto(link)
        assert _wait_for_card(shared) in ("shown", "opened")
        shared.wait_for_function(f"() => ({STATE})() === 'opened'")
    finally:
        maker.close()
        reader.close()
    logs = server.logs.text
    assert any("/shared" in request.url for request in sent)
    needles = [token, token[3:], token[3:40]]
    for request in sent:
        seen = " ".join([request.url, json.dumps(request.headers), request.post_data or ""])
        assert not any(needle in seen for needle in needles), request.url
    assert [body for body in received if isinstance(body, str)] == []
    assert any(b'"panels"' in body for body in received)  # the card's pictures were among them
    for body in received:
        assert not any(needle.encode() in body for needle in needles)
    assert not any(needle in logs for needle in needles)
    for value in WORDS.values():
        assert len(value) < 4 or value not in logs
    assert "POST /cards/<slug>/preview.json slug=forget-me-nots 200" in logs
    assert_clean(maker.watch)
    assert_clean(reader.watch)


def _body(response) -> bytes | None:
    """A response's body, read as it arrives (a page navigated away from can't be read later)."""
    if response.url.startswith("data:") or response.status in (204, 304) or 300 <= response.status < 400:
        return b""  # no body to read: nothing in it to leak (a 304 comes when a cached font is revalidated)
    try:
        return response.body()
    except Exception as error:
        return f"{response.status} {response.url} {error}"


def test_without_javascript_both_pages_say_so_kindly_and_the_picture_still_downloads(browser, server):
    context = open_context(browser, server, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/shared#" + _token({"c": CARD, "m": "Hello"}))
        assert "opens with JavaScript" in page.locator("[data-shared-nojs]").inner_text()
        assert page.locator("[data-shared-problem]:visible").count() == 0
        _to_check_page(page)
        assert "Making a link needs JavaScript" in page.locator("[data-share-nojs]").inner_text()
        assert page.get_by_role("button", name="Make a link to the card").is_hidden()
        with page.expect_download() as info:
            page.get_by_role("button", name="Download the front as a picture (PNG)").click()
        download = info.value
        assert download.suggested_filename == "forget-me-nots-front-a6.png"
        assert Path(download.path()).read_bytes().startswith(b"\x89PNG")
    finally:
        context.close()
    assert_clean(context.watch)


def test_the_calendar_file_downloads_and_reads_back(page):
    _to_check_page(page)
    # The names come from the card: the baby's name, and whom the card greets.
    assert page.input_value("#remember-baby_name") == "Ava"
    assert page.input_value("#remember-recipients") == "Maya and Tom"
    page.fill("#remember-due_date", "2026-03-15")
    page.locator("summary", has_text="Mother’s Day").click()  # the countries are folded until asked for
    page.get_by_label("UK and Ireland: Mothering Sunday, three weeks before Easter").check()
    page.get_by_label("15 October", exact=False).check()
    headers = {}
    page.on("response", lambda response: headers.update(response.headers) if "/remember" in response.url else None)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the calendar file").click()
    download = info.value
    assert download.suggested_filename == "days-to-remember.ics"
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert summaries[0] == "Ava’s due date: a note to Maya and Tom may help"
    assert summaries.count("Mother’s Day, remembering Ava: a note to Maya and Tom may help") == 10
    assert summaries[-1] == "Baby Loss Awareness Day, remembering Ava: a note to Maya and Tom may help"
    assert headers["cache-control"] == "no-store"
    assert headers["content-type"] == "text/calendar; charset=utf-8"


def test_a_date_that_cannot_be_right_comes_back_with_a_kind_message(page):
    page.goto("/remember")
    page.fill("#remember-day_of_loss", "1850-05-01")
    page.get_by_role("button", name="Download the calendar file").click()
    page.wait_for_selector("[data-remember-problems]")
    assert "this date is before 1900" in page.locator("[data-remember-problems]").inner_text()
    assert page.locator("#remember-day_of_loss").get_attribute("aria-invalid") == "true"
    # Reloading opens the form's own address (no "Confirm Form Resubmission") with the date still there.
    page.wait_for_selector("main[data-address='/remember'] form[data-keep-started]")  # keep_words.js has run
    with page.expect_request(lambda request: request.url.endswith("/remember")) as reloaded:
        page.reload()
    assert reloaded.value.method == "GET"
    expect(page.locator("#remember-day_of_loss")).to_have_value("1850-05-01")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_opened_card_fits_the_screen(browser, server, viewport):
    context = open_context(browser, server, viewport=viewport)
    try:
        page = context.new_page()
        page.goto("/shared#" + _token({"c": CARD, **{key: WORDS[name] for key, name in _KEYS.items()}}))
        _wait_for_card(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        box = page.locator(".folded-stage").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    finally:
        context.close()
    assert_clean(context.watch)


_KEYS = {"r": "recipient", "b": "baby_name", "m": "message", "o": "signoff", "s": "sender"}


def _axe_shared_opened(page):
    page.goto("/shared#" + _token({"c": CARD, **{key: WORDS[name] for key, name in _KEYS.items()}}))
    page.wait_for_function(f"() => ({STATE})() === 'opened'")
    page.get_by_text("What the card says, in words").click()


def _axe_shared_pages(page):
    _axe_shared_opened(page)
    page.get_by_role("button", name="All pages").click()


def _axe_shared_damaged(page):
    page.goto("/shared#v1.AAAA")
    _wait_for_card(page)


def _axe_shared_unknown(page):
    page.context.watch.expected_failures.add(page.context.watch.origin + "/cards/no-such-card/preview.json")
    page.goto("/shared#" + _token({"c": "no-such-card", "m": "Hello"}))
    _wait_for_card(page)


def _axe_check_link_made(page):
    _to_check_page(page)
    _make_link(page)


def _axe_check_link_too_long(page):
    if not page.locator("[data-share]").count():
        _to_check_page(page)
    _ask_for_a_link_too_long(page)
    page.wait_for_selector("[data-share][data-share-state=too-long]")


def _axe_remember_problems(page):
    page.goto("/remember")
    page.fill("#remember-due_date", "1850-05-01")
    page.get_by_role("button", name="Download the calendar file").click()
    page.wait_for_selector("[data-remember-problems]")


# States of one page are visited in turn in one browser context, axe run at each.
AXE_WALKS = {
    "shared": [_axe_shared_opened, _axe_shared_pages, _axe_shared_damaged, _axe_shared_unknown],
    "check-and-remember": [_axe_check_link_made, _axe_check_link_too_long, _axe_remember_problems],
}


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("walk", list(AXE_WALKS))
def test_axe_reports_no_violations(browser, server, walk, width):
    context = open_context(browser, server, viewport=DESKTOP if width == "desktop" else PHONE)
    try:
        page = context.new_page()
        found = {}
        for state in AXE_WALKS[walk]:
            state(page)
            found[state.__name__] = _violations(page)
        assert found == {state.__name__: [] for state in AXE_WALKS[walk]}
    finally:
        context.close()
    assert_clean(context.watch)


def test_axe_reports_no_violations_on_the_shared_page_without_our_scripts(browser, server):
    context = open_context(browser, server)
    context.route("**/static/*.js", lambda route: route.fulfill(body="", content_type="text/javascript"))
    try:
        page = context.new_page()
        page.goto("/shared#" + _token({"c": CARD, "m": "Hello"}))
        assert page.locator("[data-shared-nojs]").is_visible()
        assert _violations(page) == []
    finally:
        context.close()
    assert_clean(context.watch)
