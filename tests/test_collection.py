"""The shipped collection as a whole: enough designs for every loss, occasion and recipient, honest
words (kind, no assumed faith or gender), and some cards made of type alone.

Counts come from the loader, so a design whose card.toml stops loading stops counting.
"""

from __future__ import annotations

import re

import pytest

from cardshop.design.loader import TEMPLATES_DIR
from cardshop.design.vocabulary import LOSS, OCCASION, RECIPIENT
from cardshop.studio.catalogue import load_catalog
from cardshop.web.filters import gallery_view
from cardshop.words.kindness import check

CATALOG = load_catalog(TEMPLATES_DIR)
DESIGNS = sorted(CATALOG.designs.values(), key=lambda loaded: loaded.slug)
MIN_PER_LOSS, MIN_PER_OCCASION, MIN_PER_RECIPIENT = 8, 3, 4

RELIGIOUS = re.compile(r"\b(god|lord|jesus|pray|prayers?|praying|heaven|angels?|bless(ed|ing)?|amen|church)\b", re.I)
GENDERED = re.compile(r"\b(he|she|him|her|his|hers|son|daughter|boy|girl|husband|wife)\b", re.I)
PARENT = re.compile(r"\b(mum|mom|mummy|mommy|dad|daddy|mother|father)('s|’s)?\b", re.I)


def _fixed_texts(design) -> list[str]:
    return [part.text for _, panel in design.panels.items() for slot in panel.slots for part in slot.parts if part.text]


def _words(design) -> list[str]:
    """Everything the collection says in its own voice: the printed words, the description, the alt text."""
    return [*_fixed_texts(design), design.description, design.alt]


def test_the_collection_loads_without_problems_and_has_at_least_thirty_designs():
    assert CATALOG.problems == []
    assert len(DESIGNS) >= 30


@pytest.mark.parametrize(
    ("key", "vocabulary", "least"),
    [
        ("loss", LOSS, MIN_PER_LOSS),
        ("occasion", OCCASION, MIN_PER_OCCASION),
        ("recipient", RECIPIENT, MIN_PER_RECIPIENT),
    ],
)
def test_every_category_has_enough_designs_of_its_own(key, vocabulary, least):
    counts = {slug: 0 for slug in vocabulary}
    for loaded in DESIGNS:
        for slug in getattr(loaded.design.categories, key):
            counts[slug] += 1
    short = {slug: count for slug, count in counts.items() if count < least}
    assert not short, f"{key}: fewer than {least} designs for {short}"


def test_at_least_two_cards_are_type_alone_and_some_are_message_led():
    type_alone = [
        loaded.slug
        for loaded in DESIGNS
        if "typographic" in loaded.design.categories.tone
        and not any(panel.art for _, panel in loaded.design.panels.items())
    ]
    assert len(type_alone) >= 2, type_alone


@pytest.mark.parametrize("loaded", DESIGNS, ids=[loaded.slug for loaded in DESIGNS])
def test_the_designs_own_words_are_kind_and_assume_no_faith_or_gender(loaded):
    design = loaded.design
    faith = "faith" in design.categories.tone
    for text in _words(design):
        assert check(text) == [], f"{loaded.slug}: {text!r} is flagged by the kindness check"
        assert not GENDERED.search(text), f"{loaded.slug}: {text!r} assumes a gender"
        if not faith:
            assert not RELIGIOUS.search(text), f"{loaded.slug}: {text!r} assumes a faith but is not a faith design"
    # A mother or father may be named only by a card made for that parent, whose name says so.
    for text in _fixed_texts(design):
        match = PARENT.search(text)
        if match:
            assert match.group(1).lower() in design.name.lower(), (loaded.slug, text)
            assert set(design.categories.recipient) <= {"mother", "father-or-partner", "same-sex-parents"}, loaded.slug


@pytest.mark.parametrize("loaded", DESIGNS, ids=[loaded.slug for loaded in DESIGNS])
def test_rainbow_is_said_only_by_pregnancy_after_loss_designs_and_never_printed(loaded):
    design = loaded.design
    if any("rainbow" in text.lower() for text in [design.name, design.description, design.alt]):
        assert design.categories.occasion == ["pregnancy-after-loss"], loaded.slug
    assert not any("rainbow" in text.lower() for text in _fixed_texts(design)), loaded.slug


# ---------------------------------------------------------------- honest tags: made for that case

# Words in a design's description or printed text that name particular kinds of loss.
NAMED_LOSSES = {
    r"\bectopic\b|\bmolar\b": {"ectopic-or-molar"},
    r"termination for medical reasons": {"tfmr"},
    r"\bstillbirth\b": {"stillbirth"},
    r"died soon after birth|lived for a short time": {"neonatal-death"},
}
BORN_AND_NAMED = {"miscarriage", "stillbirth", "neonatal-death", "tfmr"}


def _named_losses(design) -> set[str]:
    said = " ".join([design.description, *_fixed_texts(design)])
    return {slug for pattern, slugs in NAMED_LOSSES.items() if re.search(pattern, said, re.I) for slug in slugs}


@pytest.mark.parametrize("loaded", DESIGNS, ids=[loaded.slug for loaded in DESIGNS])
def test_a_card_that_names_a_kind_of_loss_is_tagged_for_that_loss_alone(loaded):
    named = _named_losses(loaded.design)
    if named:
        assert set(loaded.design.categories.loss) == named, loaded.slug


@pytest.mark.parametrize("loaded", DESIGNS, ids=[loaded.slug for loaded in DESIGNS])
def test_a_card_with_the_babys_name_and_date_on_the_front_is_for_a_baby_born_and_named(loaded):
    # The name alone may be left empty ("One year on, remembering with you"); a name with its date,
    # set on the front, is how a born baby is remembered.
    if {"baby_name", "date"} <= {field for slot in loaded.design.panels.front.slots for field in slot.fields}:
        assert set(loaded.design.categories.loss) <= BORN_AND_NAMED, loaded.slug


@pytest.mark.parametrize("loaded", DESIGNS, ids=[loaded.slug for loaded in DESIGNS])
def test_a_due_date_card_is_for_a_baby_who_died_before_it(loaded):
    if re.search(r"\bdue\b", loaded.design.description, re.I):
        assert "neonatal-death" not in loaded.design.categories.loss, loaded.slug


def test_pregnancy_after_loss_cards_are_for_the_new_pregnancy_not_a_kind_of_loss():
    after = [loaded for loaded in DESIGNS if "pregnancy-after-loss" in loaded.design.categories.occasion]
    assert len(after) >= MIN_PER_OCCASION
    for loaded in after:
        categories = loaded.design.categories
        assert categories.occasion == ["pregnancy-after-loss"], loaded.slug
        assert categories.loss == [], loaded.slug
        assert set(categories.recipient) <= {"both-parents", "mother", "father-or-partner", "same-sex-parents"}


def test_the_loss_filter_narrows_and_never_shows_a_card_for_another_case():
    view = gallery_view(CATALOG.designs.values(), {"loss": "stillbirth", "recipient": "both-parents"})
    shown = {loaded.slug for loaded in view.designs}
    assert shown and len(shown) < len(DESIGNS) * 0.6, sorted(shown)
    for loaded in view.designs:
        categories = loaded.design.categories
        assert "pregnancy-after-loss" not in categories.occasion, loaded.slug
        assert not _named_losses(loaded.design) - {"stillbirth", "neonatal-death"}, loaded.slug
    ectopic = {loaded.slug for loaded in gallery_view(CATALOG.designs.values(), {"loss": "ectopic-or-molar"}).designs}
    assert ectopic.isdisjoint({"every-moment-loved", "forever-loved", "olive-wreath", "so-loved-so-missed"}), ectopic
