"""What a layout is: a name, a drawing function and the few facts the render core needs about it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    name: str
    # draw(canvas, folder, design, fitted, options): paint every page, calling showPage after each
    draw: Callable
    # check(design, geometry): raise CardOptionError before any text is fitted (e.g. sheet too small)
    check: Callable | None = None
    # fit(design, values, geometry) -> FittedCard; None means the card's own text (card.fit_card)
    fit: Callable | None = None
    formats: tuple[str, ...] = ("pdf",)
