"""The dispatch list of a print batch: a numbered A4 table of what to post and where, made with WeasyPrint.

Each row has the order's reference, the recipient's name, the postal address, the card (design, size,
envelope) and an empty box to tick when it is in the post. It is built from those fields alone
(`DispatchRow`): the card's words never reach the template. Text goes in through Jinja's escaping, so
an address is text, never markup; each line sets its own direction (`dir="auto"`), so an Arabic or
Hebrew address reads right to left. WeasyPrint loads nothing but the stylesheet and fonts embedded as
data: URIs (the proof sheet's restricted fetcher).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from jinja2 import Environment, FileSystemLoader, select_autoescape

from cardshop.design.models import Design
from cardshop.render.layouts.addresses import ENVELOPES, clean_address
from cardshop.render.options import CardOptionError, RenderOptions, resolve_geometry
from cardshop.render.press_batch import sheet_places
from cardshop.render.text.cleaning import clean_user_text
from cardshop.studio.proof.sheet import font_faces

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC_DIR = TEMPLATES  # the stylesheet sits beside the template
# Every script an address may be in: the first font that has a character draws it.
LIST_FONTS = (
    ("List Sans", "normal", "lato/Lato-Regular.ttf"),
    ("List Sans", "bold", "lato/Lato-Bold.ttf"),
    ("List Fallback", "normal", "noto/NotoSans-Regular.ttf"),
    ("List Armenian", "normal", "noto/NotoSansArmenian-Regular.ttf"),
    ("List Georgian", "normal", "noto/NotoSansGeorgian-Regular.ttf"),
    ("List Hebrew", "normal", "noto/NotoSansHebrew-Regular.ttf"),
    ("List Arabic", "normal", "noto/NotoNaskhArabic-Regular.ttf"),
    ("List Devanagari", "normal", "noto/NotoSansDevanagari-Regular.ttf"),
    ("List Bengali", "normal", "noto/NotoSansBengali-Regular.ttf"),
    ("List Tamil", "normal", "noto/NotoSansTamil-Regular.ttf"),
    ("List Thai", "normal", "noto/NotoSansThai-Regular.ttf"),
    ("List Symbols", "normal", "noto/NotoSansSymbols-Regular.ttf"),
    ("List Symbols 2", "normal", "noto/NotoSansSymbols2-Regular.ttf"),
    ("List CJK", "normal", "droid/DroidSansFallbackFull.ttf"),
    ("List Emoji", "normal", "notoemoji/NotoEmoji-Regular.ttf"),
)


class Posted(Protocol):
    """What the list reads from an order in the batch (orders.print_batch.BatchItem)."""

    reference: str
    design: Design
    size: str | None
    recipient_name: str
    address_lines: tuple[str, ...]


@dataclass(frozen=True)
class DispatchRow:
    number: int
    reference: str
    recipient: str
    address: tuple[str, ...]
    design: str
    size: str
    envelope: str
    sheet: int  # where the card is printed in the press PDF
    place: int  # from 1, as the sheet's slug line numbers it


def dispatch_rows(items: Sequence[Posted]) -> list[DispatchRow]:
    """Only what the list shows, taken from each order; a name repeated as the address's first line
    is shown once."""
    rows = []
    geometries = [_geometry(item) for item in items]
    for number, (item, (_, sheet, position)) in enumerate(zip(items, sheet_places(geometries), strict=True), start=1):
        recipient = clean_user_text(item.recipient_name)
        address = tuple(clean_address("\n".join(item.address_lines)).split("\n"))
        if address and address[0] == recipient:
            address = address[1:]
        size = item.size or item.design.sizes[0]
        rows.append(
            DispatchRow(
                number,
                clean_user_text(item.reference),
                recipient,
                tuple(line for line in address if line),
                item.design.name,
                size,
                ENVELOPES[size].name,
                sheet,
                position + 1,
            )
        )
    return rows


def _geometry(item: Posted):
    try:
        return resolve_geometry(item.design, RenderOptions(layout="pro-pages", size=item.size))
    except CardOptionError as error:
        raise CardOptionError(f"order {item.reference}: {error}") from None


def dispatch_html(batch_reference: str, items: Sequence[Posted], made_at: datetime) -> str:
    rows = dispatch_rows(items)
    envelopes = Counter(row.envelope for row in rows)
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    html = environment.get_template("dispatch_list.html").render(
        batch=clean_user_text(batch_reference),
        made=_when(made_at),
        rows=rows,
        envelopes=sorted(envelopes.items()),
        stylesheet=(STATIC_DIR / "dispatch_list.css").resolve().as_uri(),
    )
    # Fonts go in as data: URIs, cut down to the characters the list uses, which needs the finished text.
    return html.replace("/* font faces */", font_faces(set(html), LIST_FONTS), 1)


def make_dispatch_list(batch_reference: str, items: Sequence[Posted], made_at: datetime) -> bytes:
    """The dispatch list as PDF bytes."""
    # Lazy: WeasyPrint (and the fetcher built on it) is heavy and only the dispatch list needs it here.
    from weasyprint import HTML

    from cardshop.studio.proof.fetcher import ProofURLFetcher

    html = dispatch_html(batch_reference, items, made_at)
    fetcher = ProofURLFetcher(STATIC_DIR)
    return HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=fetcher).write_pdf()


def _when(made_at: datetime) -> str:
    """ "30 November 2026, 21:40 UTC": the list's date in the zone it was given in (a naive time is UTC)."""
    offset = made_at.utcoffset()
    zone = "UTC" if offset is None or offset == timedelta(0) else made_at.tzname()
    return f"{made_at.day} {made_at:%B %Y, %H:%M} {zone}"
