"""Gallery filters: plain GET parameters, counts for every choice, an "all" reset, unknown values ignored."""

from __future__ import annotations

import re

from markupsafe import escape

from cardshop.design.vocabulary import CATEGORY_VOCABULARY
from cardshop.web.filters import MENU_LABELS, gallery_view, read_choices


def _shown(page: str) -> list[str]:
    return re.findall(r'<h3 class="tile-name"><a href="/cards/([^"?]+)[^"]*"', page)


def test_a_filter_shows_only_matching_cards(client, catalog):
    tone = "botanical"
    expected = sorted(slug for slug, loaded in catalog.designs.items() if tone in loaded.design.categories.tone)
    assert 0 < len(expected) < len(catalog.designs)
    page = client.get(f"/?tone={tone}").get_data(as_text=True)
    assert sorted(_shown(page)) == expected
    assert f"{len(expected)} of {len(catalog.designs)} cards: Botanical" in page
    assert 'class="reset" data-reset>' in page  # "Show all cards" is offered


def test_filters_combine(client, catalog):
    page = client.get("/?loss=stillbirth&recipient=own-news").get_data(as_text=True)
    expected = sorted(
        slug
        for slug, loaded in catalog.designs.items()
        if "stillbirth" in loaded.design.categories.loss and "own-news" in loaded.design.categories.recipient
    )
    assert sorted(_shown(page)) == expected


def test_every_option_shows_how_many_cards_it_would_show(client, catalog):
    page = client.get("/?tone=quiet").get_data(as_text=True)
    # With tone=quiet chosen, a loss option counts the quiet cards of that loss.
    for value, label in CATEGORY_VOCABULARY["loss"].items():
        count = sum(
            value in loaded.design.categories.loss and "quiet" in loaded.design.categories.tone
            for loaded in catalog.designs.values()
        )
        assert f'<option value="{value}">{escape(MENU_LABELS.get(value, label))} ({count})</option>' in page
    # The tone filter itself counts as if it were not set.
    botanical = sum("botanical" in loaded.design.categories.tone for loaded in catalog.designs.values())
    assert f'<option value="botanical">Botanical ({botanical})</option>' in page
    assert '<option value="quiet" selected>' in page


def test_no_match_says_so_kindly_and_offers_all_cards(client):
    page = client.get("/?tone=faith&recipient=own-news").get_data(as_text=True)
    assert _shown(page) == []
    assert "No cards match: Same" not in page
    assert "No cards match: Sharing news of your own loss, Faith-based" in page
    assert "see all cards</a>" in page


def test_unknown_or_empty_choices_are_ignored(client, catalog):
    page = client.get("/?tone=purple&loss=&colour=red").get_data(as_text=True)
    assert len(_shown(page)) == len(catalog.designs)
    assert f"All {len(catalog.designs)} cards" in page
    assert "data-reset hidden" in page


def test_read_choices_keeps_only_known_values():
    assert read_choices({"tone": "quiet", "loss": "nonsense", "other": "x", "occasion": " just-heard "}) == {
        "tone": "quiet",
        "occasion": "just-heard",
    }


def test_view_counts_match_the_designs(catalog):
    view = gallery_view(catalog.designs.values(), {})
    assert view.total == len(catalog.designs) and not view.active
    loss = next(f for f in view.filters if f.key == "loss")
    assert loss.any_count == len(catalog.designs)
    assert sum(option.count for option in loss.options) >= len(catalog.designs)


def test_menus_use_a_shorter_name_only_where_the_full_one_is_too_wide_for_a_phone(client):
    page = client.get("/?loss=tfmr").get_data(as_text=True)
    assert '<option value="tfmr" selected>Termination (TFMR) (' in page
    assert "cards: Termination for medical reasons</h2>" in page  # the heading names it in full
    for key, short in MENU_LABELS.items():
        full = next(vocabulary[key] for vocabulary in CATEGORY_VOCABULARY.values() if key in vocabulary)
        assert len(short) < len(full)
