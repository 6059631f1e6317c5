"""Output layouts: how a card's panels are arranged on PDF pages, one module each.

- `pro` (pro.py): two spreads for a print shop (outside: back | front; inside: left | right), trim
  plus bleed, TrimBox and BleedBox set, optional crop marks outside the bleed.
- `pro-pages` (pro.py): the same, one page per panel (front, inside left, inside right, back).
- `home-a4`, `home-letter` (home.py): the card on a home printer's sheet: quarter-fold (one side,
  folded twice), folded sheet (two-sided, folded once: A5 on A4) or half-fold (two-sided, cut out,
  with guides outside the card); plans in imposition.py.
- `flat` (flat.py): just the front, trimmed; as a PDF or, through the preview rasteriser, a PNG.
- `envelope` (envelope.py): the envelope that fits the card, with the addresses (render/envelope.py).
"""

from __future__ import annotations

from cardshop.render.layouts.envelope import ENVELOPE_LAYOUT
from cardshop.render.layouts.flat import FLAT_LAYOUT
from cardshop.render.layouts.home import HOME_A4_LAYOUT, HOME_LETTER_LAYOUT
from cardshop.render.layouts.pro import PRO_LAYOUT, PRO_PAGES_LAYOUT
from cardshop.render.layouts.spec import Layout

REGISTRY: dict[str, Layout] = {
    layout.name: layout
    for layout in (PRO_LAYOUT, PRO_PAGES_LAYOUT, HOME_A4_LAYOUT, HOME_LETTER_LAYOUT, FLAT_LAYOUT, ENVELOPE_LAYOUT)
}


def layout_named(name: str) -> Layout:
    return REGISTRY[name]


__all__ = ["REGISTRY", "Layout", "layout_named"]
