"""The design data file, format v1, as pydantic models.

A design is a folder in `card_templates/` with a `card.toml` that these models validate. Every key
is documented in docs/designing-cards.md; the JSON Schema in docs/card.schema.json is generated from
these classes. Unknown keys are errors, so a typo is caught rather than silently ignored.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from cardshop.catalog.vocabulary import CATEGORY_VOCABULARY, FIELDS

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
FORMAT_VERSION = 1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_colour(value: str | None) -> str | None:
    if value is not None and not HEX_COLOUR.match(value):
        raise ValueError(f"{value!r} is not a colour; write it as #rrggbb, for example #3d3a35")
    return value


class Part(_Strict):
    """One paragraph inside a slot: a sender's field or fixed text, with optional style overrides."""

    field: Literal["recipient", "baby_name", "date", "message", "signoff", "sender"] | None = Field(
        None, description="The sender's field this part shows."
    )
    text: str | None = Field(None, description="Fixed text printed on every card (instead of a field).")
    font: str | None = Field(None, description="Font family; defaults to the slot's.")
    style: Literal["regular", "italic", "bold", "bold_italic"] | None = Field(
        None, description="Defaults to the slot's."
    )
    size: float | None = Field(None, gt=0, description="Preferred size in pt; defaults to the slot's.")
    color: str | None = Field(None, description="#rrggbb; defaults to the slot's.")
    align: Literal["left", "center", "right", "start", "end"] | None = Field(
        None, description="Defaults to the slot's."
    )
    space_after: float = Field(0, ge=0, description="Space below this part in mm, dropped when the part is empty.")

    _colour = field_validator("color")(_check_colour)

    @model_validator(mode="after")
    def _field_or_text(self) -> Part:
        if (self.field is None) == (self.text is None):
            raise ValueError("a part needs exactly one of `field` or `text`")
        return self


class Slot(_Strict):
    """A text box in mm from the top-left of the trimmed panel."""

    x: float = Field(ge=0, description="Left edge, mm from the panel's left trim edge.")
    y: float = Field(ge=0, description="Top edge, mm from the panel's top trim edge.")
    width: float = Field(gt=0, description="mm")
    height: float = Field(gt=0, description="mm")
    font: str = Field(description="Font family name from fonts/manifest.toml.")
    style: Literal["regular", "italic", "bold", "bold_italic"] = "regular"
    size: float = Field(gt=0, description="Preferred size in pt.")
    min_size: float = Field(ge=7, description="Smallest size in pt text may shrink to (7 pt or more).")
    leading: float = Field(1.25, ge=0.8, le=3, description="Line height as a multiple of the size.")
    align: Literal["left", "center", "right", "start", "end"] = "left"
    valign: Literal["top", "middle", "bottom"] = "top"
    color: str = Field("#333333", description="#rrggbb")
    parts: list[Part] = Field(min_length=1, description="Paragraphs stacked top to bottom.")

    _colour = field_validator("color")(_check_colour)

    @model_validator(mode="after")
    def _sizes(self) -> Slot:
        if self.min_size > self.size:
            raise ValueError("min_size must not be larger than size")
        return self

    @property
    def fields(self) -> list[str]:
        return [part.field for part in self.parts if part.field]


class Panel(_Strict):
    """One face of the folded card."""

    art: str | None = Field(None, description="Artwork file in the design's folder: .svg, .png or .jpg.")
    background: str | None = Field(None, description="Flat colour under the art, #rrggbb.")
    slots: list[Slot] = Field(default_factory=list)

    _colour = field_validator("background")(_check_colour)


class Panels(_Strict):
    front: Panel = Field(default_factory=Panel)
    inside_left: Panel = Field(default_factory=Panel)
    inside_right: Panel = Field(default_factory=Panel)
    back: Panel = Field(default_factory=Panel)

    def items(self) -> list[tuple[str, Panel]]:
        return [(name, getattr(self, name)) for name in ("front", "inside_left", "inside_right", "back")]


class Categories(_Strict):
    loss: list[str] = Field(min_length=1)
    recipient: list[str] = Field(min_length=1)
    occasion: list[str] = Field(min_length=1)
    tone: list[str] = Field(min_length=1)

    @field_validator("loss", "recipient", "occasion", "tone")
    @classmethod
    def _known(cls, values: list[str], info) -> list[str]:
        known = CATEGORY_VOCABULARY[info.field_name]
        for value in values:
            if value not in known:
                raise ValueError(f"{value!r} is not a known {info.field_name}; use one of: {', '.join(known)}")
        return values


class Design(_Strict):
    """A card design: `card.toml` in its own folder."""

    format: Literal[1] = Field(description="Version of this data format; 1.")
    name: str = Field(min_length=1, max_length=60)
    description: str = Field(min_length=1, max_length=200, description="One line for the gallery.")
    alt: str = Field(min_length=1, max_length=300, description="Describes the front for screen readers.")
    sizes: list[Literal["A6", "A5", "5x7", "4.25x5.5", "square"]] = Field(
        default_factory=lambda: ["A6"], min_length=1, description="Supported sizes; the first is the default."
    )
    fold: Literal["side", "top"] = "side"
    orientation: Literal["portrait", "landscape"] = "portrait"
    categories: Categories
    panels: Panels

    @model_validator(mode="after")
    def _shows_message(self) -> Design:
        if "message" not in self.fields:
            raise ValueError("every design must show the `message` field in some slot")
        return self

    @property
    def fields(self) -> list[str]:
        """The sender fields this design shows, in the form's order."""
        shown = {field for _, panel in self.panels.items() for slot in panel.slots for field in slot.fields}
        return [field for field in FIELDS if field in shown]
