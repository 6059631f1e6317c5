"""A print batch's three documents, from the orders in it: the press PDF (imposed SRA3 sheets, then
each card's press file), the envelopes, and the dispatch list.

Each card's words are fitted once, here, and drawn by the render engine onto its sheet and into its
press file. The press PDF and the envelopes are PDF/X-4 in CMYK (render/press/), separated with the
configured press profile (CARDSHOP_CMYK_PROFILE, else the shipped one), as `render --pdfx` is.

A card or an envelope that can't be printed raises `BatchItemError`, the engine's usual
`CardTextError` with the order's reference, before anything is drawn. Nothing here keeps or logs
what an order says.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from cardshop.design.models import Design
from cardshop.orders.dispatch_list import make_dispatch_list
from cardshop.render.art.artwork import art_fault
from cardshop.render.card import FittedCard, fit_card
from cardshop.render.layouts.addresses import EnvelopeFit, clean_address, fit_envelope
from cardshop.render.layouts.envelope import draw_envelope
from cardshop.render.layouts.marks import small_print_face
from cardshop.render.layouts.pro import draw_pro_pages
from cardshop.render.options import CardOptionError, CardTextError, FieldProblem, RenderOptions, resolve_geometry
from cardshop.render.press.canvas import press_canvas_class
from cardshop.render.press.pdfx import finish_pdfx
from cardshop.render.press.profile import PressProfile, load_profile, profile_path
from cardshop.render.press_batch import PressCard, PressFileDrawer, press_batch_pdf
from cardshop.render.text.fonts import register_all

ARTWORK = "artwork"  # FieldProblem.field of a problem with the design's pictures, not with a field


@dataclass(frozen=True)
class BatchItem:
    reference: str  # the order's reference, e.g. "CS-7KQ2-9XWD"
    slug: str  # design slug
    folder: Path  # design folder
    design: Design
    values: dict[str, str]  # card field values exactly as render_card takes them
    size: str | None  # card size, None = design default
    recipient_name: str  # first line of the address, for the dispatch list
    address_lines: tuple[str, ...]  # formatted postal address, one line each, country last
    return_lines: tuple[str, ...] = ()  # may be empty


class BatchItemError(CardTextError):
    """One order's card or envelope can't be printed. `problems` say why, field by field (they may
    quote the order's text: show them to an operator, never log them); `str()` names only the order
    and the fields."""

    def __init__(self, reference: str, problems):
        super().__init__(problems)
        self.reference = reference
        self.args = (f"order {reference}: {self.args[0]}",)


def press_sheets_pdf(
    items: Sequence[BatchItem],
    *,
    batch_reference: str = "",
    press_file: PressFileDrawer = draw_pro_pages,
    profile: str | os.PathLike | None = None,
    pdfx: bool = True,
) -> bytes:
    """The imposed press sheets (side A and side B of each), then each card's press file, in one PDF.
    `batch_reference` goes on every sheet's slug line; `press_file` draws the per-card files. PDF/X-4
    separated with `profile` (a path; None: the configured one), or an RGB proof with `pdfx=False`."""
    press_profile = _press_profile(profile) if pdfx else None
    cards = [PressCard(item.reference, item.folder, item.design, fitted_card(item)) for item in items]
    return press_batch_pdf(cards, batch_reference, press_file, press_profile)


def fitted_card(item: BatchItem) -> FittedCard:
    """The item's card with its words fitted (the `pro-pages` geometry, the design's bleed)."""
    options = RenderOptions(layout="pro-pages", size=item.size)
    try:
        return fit_card(item.design, item.values, _geometry(item, options))
    except CardTextError as error:
        raise BatchItemError(item.reference, error.problems) from None


def envelopes_pdf(items: Sequence[BatchItem], *, profile: str | os.PathLike | None = None, pdfx: bool = True) -> bytes:
    """One envelope page per item, in batch order: the envelope that fits each card's size. PDF/X-4
    like the press PDF (each page's TrimBox is the envelope), or RGB with `pdfx=False`."""
    fits = [fitted_envelope(item) for item in items]
    if not fits:
        raise ValueError("a print batch needs at least one order")
    press_profile = _press_profile(profile) if pdfx else None
    canvas_class = press_canvas_class(press_profile) if press_profile is not None else Canvas
    buffer = io.BytesIO()
    canvas = canvas_class(buffer, invariant=1, pageCompression=1, initialFontName=small_print_face())
    title = "Print batch: envelopes"
    canvas.setTitle(title)
    canvas.setCreator("cardshop")
    for item, fit in zip(items, fits, strict=True):
        draw_envelope(canvas, item.folder, item.design, fit, None)
    canvas.save()
    if press_profile is not None:
        return finish_pdfx(buffer.getvalue(), press_profile, title)
    return buffer.getvalue()


def fitted_envelope(item: BatchItem) -> EnvelopeFit:
    register_all()
    values = {
        "address": clean_address("\n".join(item.address_lines)),
        "return_address": clean_address("\n".join(item.return_lines)),
    }
    try:
        return fit_envelope(item.design, values, _geometry(item, RenderOptions(layout="envelope", size=item.size)))
    except CardTextError as error:
        raise BatchItemError(item.reference, error.problems) from None


def item_problems(item: BatchItem) -> list[FieldProblem]:
    """Why this item's card or envelope can't be printed (empty when both can), so that a batch can
    leave it out and print the rest: its words or address don't fit, or its design's artwork broke on
    disk after the catalogue loaded it. About 2 ms an order (card and envelope), 2.2 s for 1,000."""
    problems: list[FieldProblem] = []
    fault = art_fault(item.folder, item.design.panels)
    if fault is not None:
        path, key = fault
        problems.append(FieldProblem(ARTWORK, f"the design's artwork can't be drawn: {path} ({key})"))
    for fit in (fitted_card, fitted_envelope):
        try:
            fit(item)
        except CardTextError as error:
            problems.extend(error.problems)
        except CardOptionError as error:
            problems.append(FieldProblem(None, str(error)))
    return problems


def dispatch_list_pdf(batch_reference: str, items: Sequence[BatchItem], made_at: datetime) -> bytes:
    """The list to post from (WeasyPrint): references, names and addresses, never what a card says."""
    return make_dispatch_list(batch_reference, items, made_at)


def _press_profile(profile: str | os.PathLike | None) -> PressProfile:
    """The CMYK profile to separate with: `profile`, else CARDSHOP_CMYK_PROFILE, else the shipped one."""
    return load_profile(profile_path(profile))


def _geometry(item: BatchItem, options: RenderOptions):
    try:
        return resolve_geometry(item.design, options)
    except CardOptionError as error:
        raise CardOptionError(f"order {item.reference}: {error}") from None
