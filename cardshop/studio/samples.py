"""Sample texts for checking designs: a typical card, and the longest text the form accepts.

`designs check` renders every design with the longest texts, so a design that can't hold what the
form allows is caught before a sender meets it. The words are ordinary ones of ordinary length.
"""

from __future__ import annotations

from cardshop.design.vocabulary import FIELD_MAX_LENGTHS

TYPICAL: dict[str, str] = {
    "recipient": "Dear Sam and Alex",
    "baby_name": "Rowan",
    "date": "15 March 2026",
    "message": (
        "I am so sorry. I have been thinking of you both every day, and I don't have the right words, "
        "only love. I'm here whenever you want to talk, or not talk."
    ),
    "signoff": "With love",
    "sender": "Jo",
}

_FILLER = (
    "thinking of you both with so much love today and every day we are here for anything you need "
    "a meal a walk a quiet cup of tea or someone to sit with you your little one is remembered "
)


def text_of_length(length: int, seed: str = _FILLER) -> str:
    """Ordinary words, cut at a word boundary and padded to exactly `length` characters."""
    text = ""
    while len(text) < length:
        text += seed
    text = text[:length]
    if " " in text and not text.endswith(" "):
        head, _, tail = text.rpartition(" ")
        text = head + " " + ("x" * len(tail))  # keep the exact length without half a word
    return text.strip().ljust(length, "x")[:length]


def longest() -> dict[str, str]:
    """Every field at the longest length the form accepts."""
    values = {name: text_of_length(limit).capitalize() for name, limit in FIELD_MAX_LENGTHS.items()}
    return values


ACCENTED: dict[str, str] = {
    "recipient": "Dear Zoë and Søren",
    "baby_name": "Łucja",
    "date": "1 août 2026",
    "message": "Zoë, Søren, Łucja, Nguyễn: với tất cả tình yêu. Pensando en vosotros, señora Ångström.",
    "signoff": "Avec tendresse",
    "sender": "Nguyễn Thị Hoa",
}
