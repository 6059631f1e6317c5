"""The design data file, format v1, as pydantic models.

A design is a folder in `card_templates/` with a `card.toml` that these models validate. Every key
is documented in docs/designing-cards.md; the JSON Schema in docs/card.schema.json is generated from
these classes (`python -m cardshop.design.schema`), so the descriptions below are what a designer's
editor shows. Unknown keys are errors, so a typo is caught rather than silently ignored.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator, model_validator

from cardshop.design.vocabulary import CATEGORY_VOCABULARY, FIELD_LABELS, FIELD_MAX_LENGTHS, FIELDS

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
HEX_COLOUR_PATTERN = HEX_COLOUR.pattern
FORMAT_VERSION = 1
FIELD_NAME = Literal["recipient", "baby_name", "date", "message", "signoff", "sender"]
STYLE = Literal["regular", "italic", "bold", "bold_italic"]
ALIGN = Literal["left", "center", "right", "start", "end"]
SIZE_NAME = Literal["A6", "A5", "5x7", "4.25x5.5", "square"]
# Category slugs as literals, so the JSON Schema lists them for a designer's editor to complete.
LOSS_SLUG = Literal[tuple(CATEGORY_VOCABULARY["loss"])]
RECIPIENT_SLUG = Literal[tuple(CATEGORY_VOCABULARY["recipient"])]
OCCASION_SLUG = Literal[tuple(CATEGORY_VOCABULARY["occasion"])]
TONE_SLUG = Literal[tuple(CATEGORY_VOCABULARY["tone"])]


# Every number and list has an upper bound, and no number may be infinite or not a number: a value a
# design could never use (a box a kilometre wide, type at 10**300 pt) is refused when it loads,
# rather than reaching the renderer.
MAX_MM = 500.0  # the largest card's panel is 210 mm; boxes and spaces stay well inside this
MAX_PT = 200.0  # type sizes
MAX_PARTS = 20
MAX_SLOTS = 20
MAX_TEXT = 2000  # fixed words in one part (the engine sets envelope addresses as parts too)
MAX_FIELD_LENGTH_FACTOR = 2  # a design may let a field hold at most twice the usual characters


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


def _check_colour(value: str | None) -> str | None:
    if value is not None and not HEX_COLOUR.match(value):
        raise ValueError(f"{value!r} is not a colour; write it as #rrggbb, for example #3d3a35")
    return value


class Part(_Strict):
    """One paragraph inside a slot: a sender's field or fixed text, with optional style overrides."""

    field: FIELD_NAME | None = Field(
        None,
        description="The sender's field this part shows. When the sender leaves it empty the part disappears "
        "and the parts below move up. Give either `field` or `text`, not both.",
    )
    text: str | None = Field(
        None,
        max_length=MAX_TEXT,
        description="Fixed words printed on every card, for example the words on the front. Instead of `field`.",
    )
    font: str | None = Field(
        None,
        max_length=100,
        description="Font family from fonts/manifest.toml for this part. Default: the slot's `font`.",
    )
    style: STYLE | None = Field(None, description="regular, italic, bold or bold_italic. Default: the slot's `style`.")
    size: float | None = Field(
        None,
        gt=0,
        le=MAX_PT,
        description="Preferred type size in points for this part. It shrinks in step with the rest of the slot. "
        "Default: the slot's `size`.",
    )
    color: str | None = Field(
        None,
        json_schema_extra={"pattern": HEX_COLOUR_PATTERN},
        description="Text colour as #rrggbb. Default: the slot's `color`.",
    )
    align: ALIGN | None = Field(
        None,
        description="left, center, right, or start/end (follow the text's direction). Default: the slot's `align`.",
    )
    space_after: float = Field(
        0,
        ge=0,
        le=MAX_MM,
        description="Space below this part in mm. Dropped with the part when its field is empty. Default: 0.",
    )

    _colour = field_validator("color")(_check_colour)

    @model_validator(mode="after")
    def _field_or_text(self) -> Part:
        if (self.field is None) == (self.text is None):
            raise ValueError("a part needs exactly one of `field` or `text`")
        return self


class Slot(_Strict):
    """A text box in mm from the top-left of the trimmed panel, at the design's first size."""

    x: float = Field(
        ge=0,
        le=MAX_MM,
        description="Left edge of the box, in mm from the panel's left trim edge (at the design's first size).",
    )
    y: float = Field(ge=0, le=MAX_MM, description="Top edge of the box, in mm from the panel's top trim edge.")
    width: float = Field(gt=0, le=MAX_MM, description="Width of the box in mm.")
    height: float = Field(gt=0, le=MAX_MM, description="Height of the box in mm.")
    font: str = Field(
        max_length=100, description='Font family name from fonts/manifest.toml, for example "EB Garamond".'
    )
    style: STYLE = Field("regular", description="regular, italic, bold or bold_italic. Default: regular.")
    size: float = Field(
        gt=0, le=MAX_PT, description="Preferred type size in points (pt); text starts here and shrinks to fit."
    )
    min_size: float = Field(
        ge=7,
        le=MAX_PT,
        description="Smallest type size in points the text may shrink to; 7 pt or more. If the longest text "
        "the form accepts does not fit at this size, `designs check` says so.",
    )
    leading: float = Field(
        1.25, ge=0.8, le=3, description="Line height as a multiple of the type size, 0.8 to 3. Default: 1.25."
    )
    align: ALIGN = Field(
        "left",
        description="left, center, right, or start/end, which follow the text's direction (start is right for "
        "Arabic and Hebrew). Default: left.",
    )
    valign: Literal["top", "middle", "bottom"] = Field(
        "top", description="Where the text sits in the box when it is shorter than the box. Default: top."
    )
    color: str = Field(
        "#333333",
        json_schema_extra={"pattern": HEX_COLOUR_PATTERN},
        description="Text colour as #rrggbb. Needs 4.5:1 contrast against the art under the box. Default: #333333.",
    )
    parts: list[Part] = Field(
        min_length=1,
        max_length=MAX_PARTS,
        description="The paragraphs in this box, top to bottom: sender fields or fixed text.",
    )

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

    art: str | None = Field(
        None,
        max_length=255,
        description="Artwork file in the design's folder: .svg, .png or .jpg, drawn to cover the panel and its "
        "bleed. Default: none (the background colour, or plain paper).",
    )
    background: str | None = Field(
        None,
        json_schema_extra={"pattern": HEX_COLOUR_PATTERN},
        description="Flat colour under the art as #rrggbb, filling the panel and its bleed. Default: none (paper).",
    )
    slots: list[Slot] = Field(
        default_factory=list, max_length=MAX_SLOTS, description="Text boxes on this panel. Default: none."
    )

    _colour = field_validator("background")(_check_colour)


class Panels(_Strict):
    """The four faces of the folded card. A panel left out is plain paper."""

    front: Panel = Field(default_factory=Panel, description="The front, seen first in the gallery.")
    inside_left: Panel = Field(
        default_factory=Panel, description="Inside, left of the fold (above it on a top-fold card)."
    )
    inside_right: Panel = Field(
        default_factory=Panel, description="Inside, right of the fold (below it on a top-fold card)."
    )
    back: Panel = Field(default_factory=Panel, description="The back.")

    def items(self) -> list[tuple[str, Panel]]:
        return [(name, getattr(self, name)) for name in ("front", "inside_left", "inside_right", "back")]


PREGNANCY_AFTER_LOSS = "pregnancy-after-loss"


class Categories(_Strict):
    """Where the design appears in the gallery's filters; each list needs at least one slug, except
    `loss` on a card only for a pregnancy after loss, which is about the new pregnancy, not a loss."""

    loss: list[LOSS_SLUG] = Field(
        min_length=0,
        max_length=20,
        description="Kinds of loss the design's words and picture were made for. Empty only on a card whose "
        'one occasion is "pregnancy-after-loss": that card is about the new pregnancy, so no loss filter shows it.',
    )
    recipient: list[RECIPIENT_SLUG] = Field(min_length=1, max_length=20, description="Who the card may be for.")
    occasion: list[OCCASION_SLUG] = Field(min_length=1, max_length=20, description="When it might be sent.")
    tone: list[TONE_SLUG] = Field(min_length=1, max_length=20, description="The look and feel.")

    @model_validator(mode="after")
    def _loss_named_unless_only_for_a_new_pregnancy(self) -> Categories:
        if not self.loss and self.occasion != [PREGNANCY_AFTER_LOSS]:
            raise ValueError(
                "loss: name at least one kind of loss; only a card whose one occasion is "
                f'"{PREGNANCY_AFTER_LOSS}" may leave it empty'
            )
        return self


class FieldWording(_Strict):
    """How the form asks for one field on this design, where the usual label or length does not fit."""

    label: str | None = Field(
        None,
        min_length=1,
        max_length=40,
        pattern=r"^\S(?:.*\S)?$",  # one line, no spaces at either end
        description="The field's label on the form, for example \"Babies' names\" on a card for twins. "
        "Default: the usual label.",
    )
    max_length: StrictInt | None = Field(
        None,
        ge=1,
        description="The most characters the form accepts, up to twice the usual limit (two names need more "
        "room than one). `designs check` still fits the text at the slot's minimum size, so the form may "
        "accept fewer. Default: the usual limit.",
    )


class Design(_Strict):
    """A card design: `card.toml` in its own folder."""

    format: Literal[1] = Field(description="Version of this data format: always 1 for now.")
    name: str = Field(min_length=1, max_length=60, description="The design's name in the gallery, up to 60 characters.")
    description: str = Field(
        min_length=1, max_length=200, description="One sentence for the gallery, up to 200 characters."
    )
    alt: str = Field(
        min_length=1,
        max_length=300,
        description="What the front looks like, words included, for people using screen readers; up to 300 characters.",
    )
    sizes: list[SIZE_NAME] = Field(
        default_factory=lambda: ["A6"],
        min_length=1,
        max_length=5,
        description="Card sizes the design comes in; the first is the default and the size slot boxes are "
        'measured at. Other sizes scale the boxes and type. Default: ["A6"].',
    )
    fold: Literal["side", "top"] = Field(
        "side", description="side: opens like a book; top: opens upwards, like a calendar. Default: side."
    )
    orientation: Literal["portrait", "landscape"] = Field(
        "portrait", description="Shape of the closed card. Default: portrait."
    )
    written_by_hand: bool = Field(
        False,
        description="true when the inside is ruled or left open for words written by hand: the sender prints "
        "it and writes in it, so it is not offered printed and posted. Default: false.",
    )
    categories: Categories = Field(description="Where the design appears in the gallery's filters.")
    panels: Panels = Field(description="Art, colour and text boxes of the card's four faces.")
    form: dict[FIELD_NAME, FieldWording] = Field(
        default_factory=dict,
        description="Per field, how the form asks for it on this design (`[form.baby_name]` with `label` and "
        "`max_length`). Only for fields the design shows. Default: the usual labels and limits.",
    )

    @model_validator(mode="after")
    def _shows_message(self) -> Design:
        if "message" not in self.fields:
            raise ValueError("every design must show the `message` field in some slot")
        return self

    @model_validator(mode="after")
    def _form_wording_fits(self) -> Design:
        for name, wording in self.form.items():
            if name not in self.fields:
                raise ValueError(f"form.{name}: this design shows no `{name}` field, so it has nothing to label")
            most = FIELD_MAX_LENGTHS[name] * MAX_FIELD_LENGTH_FACTOR
            if wording.max_length is not None and wording.max_length > most:
                raise ValueError(f"form.{name}.max_length: {wording.max_length} is more than the {most} allowed")
        return self

    def field_label(self, name: str) -> str:
        """The form's label for field `name` on this design."""
        wording = self.form.get(name)
        return wording.label if wording and wording.label else FIELD_LABELS[name]

    def field_ceiling(self, name: str) -> int:
        """The most characters the form may accept for `name` on this design, before fitting its slots."""
        wording = self.form.get(name)
        return wording.max_length if wording and wording.max_length else FIELD_MAX_LENGTHS[name]

    @property
    def fields(self) -> list[str]:
        """The sender fields this design shows, in the form's order."""
        shown = {field for _, panel in self.panels.items() for slot in panel.slots for field in slot.fields}
        return [field for field in FIELDS if field in shown]
