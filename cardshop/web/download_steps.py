"""The download step made simple: one obvious choice selected, the rest under "More ways to print",
and after a download a short "what now" with the folding steps for what was downloaded.

The obvious choice is printing at home on the paper of the sender's region (US Letter where the
browser's language says the US, Canada, Mexico, the Philippines or Chile; A4 everywhere else), or on
A4 if the card is too big for Letter; the print shop comes next. No Flask here: the caller passes the
Accept-Language header.
"""

from __future__ import annotations

from dataclasses import dataclass

from cardshop.design.models import Design
from cardshop.render.layouts.imposition import SheetTooSmall, home_plan
from cardshop.render.options import CardOptionError, resolve_geometry
from cardshop.web.downloads import DOWNLOADS, Download, download_named

# Where people print on US Letter (and its relatives) rather than A4.
LETTER_REGIONS = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "PR", "GT", "CR", "PA", "DO", "SV"})


def letter_region(accept_language: str | None) -> bool:
    """Whether the first language the browser asks for names a US Letter region (en-US, es-MX, ...)."""
    first = (accept_language or "").split(",")[0].split(";")[0].strip()
    parts = first.replace("_", "-").split("-")
    return len(parts) > 1 and parts[-1].upper() in LETTER_REGIONS


def plan_kind(design: Design, size: str, download: Download) -> str | None:
    """How a home download of this card is made on its sheet: "quarter-fold", "sheet-fold" or
    "half-fold"; None for the other downloads or when the card is too big for the sheet."""
    if not download.layout.startswith("home-"):
        return None
    try:
        sheet = {"home-a4": "A4", "home-letter": "Letter"}[download.layout]
        return home_plan(resolve_geometry(design, download.options(size)), sheet).kind
    except (SheetTooSmall, CardOptionError):
        return None


def default_download(design: Design, size: str, accept_language: str | None) -> str:
    """The choice selected when the check page opens."""
    wanted = "home-letter" if letter_region(accept_language) else "home-a4"
    if plan_kind(design, size, download_named(wanted)) is None:
        wanted = "home-a4" if wanted == "home-letter" else "home-letter"
    return wanted if plan_kind(design, size, download_named(wanted)) else "pro"


@dataclass(frozen=True)
class DownloadMenu:
    first: tuple[str, ...]  # shown straight away, the obvious one first
    more: tuple[str, ...]  # under "More ways to print"


def download_menu(default: str) -> DownloadMenu:
    first = (default,) if default == "pro" else (default, "pro")
    return DownloadMenu(first, tuple(d.value for d in DOWNLOADS if d.value not in first))


# A line under each choice: what it is for, in a few words. (The printing guide has the details.)
SHORT_HINTS = {
    "home-a4": "For your own printer and A4 paper.",
    "home-letter": "For your own printer and US Letter paper.",
    "pro": "A print-ready file for a print shop or copy shop.",
    "pro-pages": "For print services that want each side on its own page.",
    "gelato": "A press file in CMYK, as Gelato asks for it.",
    "prodigi": "One picture of the whole card, as Prodigi asks for it.",
    "printful": "A picture of each panel, as Printful asks for them.",
    "flat-png": "To share in a message or online.",
    "flat": "The front of the card on its own page.",
    "envelope": "Print the address straight onto the envelope that fits this card.",
}


_PRINT_ONE_SIDE = "Print it at 100% (“Actual size”, not “Fit to page”), on one side of the sheet."
_PRINT_TWO_SIDES = "Print both pages at 100% (“Actual size”), two-sided, flipping on the short edge."
HOME_STEPS = {
    "quarter-fold": (
        _PRINT_ONE_SIDE,
        "Fold the sheet in half across the middle, the printing on the outside.",
        "Fold it in half again, side to side, so the front is on the outside. That’s your card.",
    ),
    "sheet-fold": (
        _PRINT_TWO_SIDES,
        "Fold the sheet in half, short edge to short edge, so the front is on the outside. That’s your card.",
    ),
    "half-fold": (
        _PRINT_TWO_SIDES,
        "Cut along the small marks at the corners.",
        "Fold in half on the dotted line, the front on the outside.",
    ),
}
OTHER_STEPS = {
    "pro": (
        "Send the file to your print shop, or take it on a memory stick.",
        "Ask for a folded card in the size of your card, printed on both sides; the file already has "
        "the bleed and crop marks they need.",
        "If you can, ask to see a proof before it is printed.",
    ),
    "pro-pages": (
        "Upload the file to your print service: it has one page per side of the card, each with bleed.",
        "Choose a folded card in the size of your card.",
    ),
    "gelato": (
        "Upload the file to Gelato as a folded greeting card in the size of your card.",
        "It is already in Gelato's colours (CMYK) with the bleed they ask for; nothing needs changing.",
    ),
    "prodigi": ("Upload the picture to Prodigi as the artwork of a folded greeting card.",),
    "printful": ("Unzip the file, then upload each picture to its panel in Printful's greeting card.",),
    "flat-png": ("Share the picture in a message, or print it as a photo.",),
    "flat": ("Print the page, or share the file as it is.",),
    "envelope": (
        "Put an envelope in your printer the way its manual shows for envelopes.",
        "Print at 100% (“Actual size”). Try plain paper first if you’re not sure which way up it goes.",
    ),
}


def after_download_steps(design: Design, size: str) -> dict[str, tuple[str, ...]]:
    """For each download, the few steps that follow it (folding steps for the home sheets)."""
    steps = {}
    for download in DOWNLOADS:
        kind = plan_kind(design, size, download)
        if download.layout.startswith("home-"):
            steps[download.value] = (
                HOME_STEPS[kind] if kind else ("This card is too big for this paper: choose another way to print.",)
            )
        else:
            steps[download.value] = OTHER_STEPS[download.value]
    return steps
