"""One rendering budget per client, in weighted units, shared by every endpoint that renders.

A client refused on one endpoint is refused on all of them (so hammering each in turn buys nothing),
a download spends by what it makes (a picture at print resolution far more than a PDF), pages never
spend anything, and every answer says how much of
the budget is left, which the live preview uses to pace itself.
"""

from __future__ import annotations

from limits import parse_many

from cardshop import create_app
from cardshop.web.downloads import DOWNLOADS
from cardshop.web.limits import DEFAULT_RENDER_LIMIT, DOWNLOAD_COSTS, RENDER_COSTS
from tests.conftest import csrf_token

SLUG = "forget-me-nots"
JSON = {"Accept": "application/json"}


def _client(limit: str):
    app = create_app({"TESTING": True, "RATELIMIT_ENABLED": True, "CARDSHOP_RATE_LIMIT": limit})
    return app.test_client()


def _preview(client, token, address="127.0.0.9"):
    return client.post(
        f"/cards/{SLUG}/preview.json",
        data={"csrf_token": token, "message": "Thinking of you"},
        headers=JSON,
        environ_overrides={"REMOTE_ADDR": address},
    )


def _download(client, token, address="127.0.0.9", layout="pro", size="A6"):
    return client.post(
        f"/cards/{SLUG}",
        data={"csrf_token": token, "message": "Thinking of you", "action": "download", "layout": layout, "size": size},
        environ_overrides={"REMOTE_ADDR": address},
    )


def _thumbnail(client, address="127.0.0.9"):
    return client.get(f"/cards/{SLUG}/thumbnail.jpg", environ_overrides={"REMOTE_ADDR": address})


def test_one_budget_spans_preview_download_and_thumbnail():
    budget = 6 + DOWNLOAD_COSTS["pro"]
    client = _client(f"{budget} per minute")
    token = csrf_token(client, f"/cards/{SLUG}")
    # Previews, a download and thumbnails all spend from the same budget.
    assert _preview(client, token).status_code == 200
    assert _download(client, token).status_code == 200
    assert _thumbnail(client).status_code == 200
    assert _preview(client, token).headers["X-RateLimit-Remaining"] == "3"
    assert _preview(client, token).status_code == 200
    assert _thumbnail(client).status_code == 200
    assert _preview(client, token).status_code == 200
    # Spent: refused everywhere now, not just on the endpoint used last.
    assert _preview(client, token).status_code == 429
    assert _download(client, token).status_code == 429
    assert _thumbnail(client).status_code == 429
    suggestions = client.post(
        f"/cards/{SLUG}/suggestions.json",
        data={"csrf_token": token},
        headers=JSON,
        environ_overrides={"REMOTE_ADDR": "127.0.0.9"},
    )
    assert suggestions.status_code == 429
    # Pages still open (the words are in the tab; the card is there to come back to), other clients still render.
    assert client.get(f"/cards/{SLUG}").status_code == 200
    assert client.get("/").status_code == 200
    assert _preview(client, token, address="127.0.0.10").status_code == 200


def test_every_download_has_a_cost_and_pictures_cost_more_than_pdfs():
    assert set(DOWNLOAD_COSTS) == {download.value for download in DOWNLOADS}
    assert min(DOWNLOAD_COSTS.values()) >= RENDER_COSTS["cards.preview_json"]
    # Rasterised at print resolution (bench/render_costs.py): many previews' worth of CPU each.
    assert DOWNLOAD_COSTS["prodigi"] > DOWNLOAD_COSTS["printful"] > DOWNLOAD_COSTS["flat-png"] > DOWNLOAD_COSTS["pro"]


def test_a_download_spends_what_it_makes():
    client = _client("100 per minute")
    token = csrf_token(client, f"/cards/{SLUG}")
    remaining = int(_preview(client, token).headers["X-RateLimit-Remaining"])
    assert remaining == 99
    for layout, size in (("pro", "A6"), ("flat-png", "A6"), ("printful", "5x7")):
        response = _download(client, token, layout=layout, size=size)
        assert response.status_code == 200, layout
        assert int(response.headers["X-RateLimit-Remaining"]) == remaining - DOWNLOAD_COSTS[layout]
        remaining -= DOWNLOAD_COSTS[layout]


def test_a_client_is_refused_after_the_budgets_worth_of_the_costly_kind():
    """Two Prodigi pictures spend a budget that would have bought eighty print-shop PDFs: the third is
    refused before anything is rendered, and so is everything else, while other clients still render."""
    client = _client(f"{2 * DOWNLOAD_COSTS['prodigi']} per minute")
    token = csrf_token(client, f"/cards/{SLUG}")
    first = _download(client, token, layout="prodigi", size="5x7")
    assert first.status_code == 200 and first.mimetype == "image/png"
    assert int(first.headers["X-RateLimit-Remaining"]) == DOWNLOAD_COSTS["prodigi"]
    assert _download(client, token, layout="prodigi", size="5x7").status_code == 200
    assert _download(client, token, layout="prodigi", size="5x7").status_code == 429
    assert _download(client, token, layout="pro").status_code == 429
    assert _preview(client, token).status_code == 429
    assert _download(client, token, address="127.0.0.10", layout="pro").status_code == 200


def test_an_unknown_download_choice_spends_what_the_check_page_does():
    client = _client("10 per minute")
    token = csrf_token(client, f"/cards/{SLUG}")
    response = _download(client, token, layout="a-choice-we-do-not-offer")
    assert response.status_code == 422
    assert int(response.headers["X-RateLimit-Remaining"]) == 10 - RENDER_COSTS["cards.personalise"]


def test_a_refused_preview_says_so_quietly_and_when_to_come_back():
    client = _client("1 per minute")
    token = csrf_token(client, f"/cards/{SLUG}")
    assert _preview(client, token).status_code == 200
    refused = _preview(client, token)
    assert refused.status_code == 429
    assert refused.get_json()["paused"] is True
    assert int(refused.headers["Retry-After"]) > 0


def test_the_default_budget_outlasts_a_minute_of_fast_typing():
    """A minute at 5 keys a second, one preview per key (the page never has more than one in flight,
    so a sender can't send more previews than keys), plus a check page and two of the costliest downloads, fits the
    default budget with room to spare. (The browser test types 400 characters against it for real.)"""
    (budget,) = parse_many(DEFAULT_RENDER_LIMIT)
    assert budget.get_expiry() == 60
    typing = 5 * 60 * RENDER_COSTS["cards.preview_json"]
    assert typing + RENDER_COSTS["cards.personalise"] + 2 * max(DOWNLOAD_COSTS.values()) < budget.amount * 0.75
