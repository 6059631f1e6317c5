"""Gallery filters: which designs match a sender's choices, and how many cards each choice would show.

The choices arrive as plain GET parameters (`?loss=stillbirth&tone=quiet`), so the filters work as an
ordinary form without JavaScript and a filtered gallery can be bookmarked. Unknown keys or values are
ignored rather than refused: a stale link still shows cards. No Flask here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cardshop.design.loader import LoadedDesign
from cardshop.design.vocabulary import CATEGORY_VOCABULARY

# The filters in the order the gallery shows them, with the question each one answers.
FILTER_LABELS: dict[str, str] = {
    "loss": "Kind of loss",
    "recipient": "Who it is for",
    "occasion": "Occasion",
    "tone": "Tone",
}

# Shorter names in the menus for the few choices whose full name (with its count) is wider than a menu
# on a 320 px phone; the results heading still names the choice in full.
MENU_LABELS: dict[str, str] = {
    "ectopic-or-molar": "Ectopic or molar",
    "tfmr": "Termination (TFMR)",  # the name families and ARC use; "medical termination" reads as a method
    "own-news": "Sharing your own loss",
}


@dataclass(frozen=True)
class FilterOption:
    value: str
    label: str
    count: int  # cards shown if this option were chosen, keeping the other filters as they are
    selected: bool


@dataclass(frozen=True)
class Filter:
    key: str
    label: str
    options: list[FilterOption]
    selected: str | None
    any_count: int  # cards shown with this filter left at "any"

    @property
    def selected_label(self) -> str | None:
        return CATEGORY_VOCABULARY[self.key][self.selected] if self.selected else None


@dataclass(frozen=True)
class GalleryView:
    designs: list[LoadedDesign]
    filters: list[Filter]
    total: int  # cards with no filter at all

    @property
    def active(self) -> bool:
        return any(f.selected for f in self.filters)

    @property
    def carried(self) -> dict[str, str]:
        """The choices the message step uses for its suggestions (the kind of loss, who it is for)."""
        return {f.key: f.selected for f in self.filters if f.selected and f.key in ("loss", "recipient")}

    @property
    def chosen_labels(self) -> list[str]:
        return [f.selected_label for f in self.filters if f.selected_label]


def read_choices(args: Mapping[str, str]) -> dict[str, str]:
    """The known filter choices in `args`; empty, unknown or misspelt ones are dropped."""
    choices = {}
    for key, vocabulary in CATEGORY_VOCABULARY.items():
        value = (args.get(key) or "").strip()
        if value in vocabulary:
            choices[key] = value
    return choices


def matches(loaded: LoadedDesign, choices: Mapping[str, str]) -> bool:
    categories = loaded.design.categories
    return all(value in getattr(categories, key) for key, value in choices.items())


def gallery_view(designs: Iterable[LoadedDesign], choices: Mapping[str, str]) -> GalleryView:
    """The designs matching every choice, and each filter's options with their counts."""
    designs = list(designs)
    filters = []
    for key, label in FILTER_LABELS.items():
        others = {k: v for k, v in choices.items() if k != key}
        pool = [loaded for loaded in designs if matches(loaded, others)]
        options = [
            FilterOption(
                value,
                MENU_LABELS.get(value, option_label),
                sum(value in getattr(loaded.design.categories, key) for loaded in pool),
                choices.get(key) == value,
            )
            for value, option_label in CATEGORY_VOCABULARY[key].items()
        ]
        filters.append(Filter(key, label, options, choices.get(key), len(pool)))
    shown = [loaded for loaded in designs if matches(loaded, choices)]
    return GalleryView(shown, filters, len(designs))
