"""Building a design's proof sheet: panels from the real card PDF, overlays, fitted sizes, in WeasyPrint.

Page 1 shows every panel as the gallery shows it (fixed words only), with the bleed, trim line,
4 mm safe zone, fold and slot boxes drawn over it, and the results of `designs check`. Each following
page fills the design with one set of stress texts (`stress.py`) and lists every slot's fitted type
size. The panels are rasterisations of the ReportLab PDF a sender downloads (`panel_images`), so the
proof shows the real output; WeasyPrint only lays the sheet out. It loads nothing but what
`ProofURLFetcher` allows.
"""

from __future__ import annotations

import base64
import io
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from jinja2 import Environment, FileSystemLoader, select_autoescape

from cardshop.design.loader import Problem
from cardshop.design.models import Design, Slot
from cardshop.render.geometry import MM
from cardshop.render.options import CardTextError, RenderOptions, resolve_geometry, slot_frame
from cardshop.render.text.fitting import TextDoesNotFit, UnsupportedCharacter, fit_slot
from cardshop.render.text.fonts import FONTS_DIR
from cardshop.studio.checks import SAFE_ZONE_MM
from cardshop.studio.panel_images import PanelImage, render_panels
from cardshop.studio.proof.stress import StressSet, stress_sets

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"  # the sheet's stylesheet
PROOF_PX_PER_MM = 6  # about 150 dpi: sharp on screen and on an office printer, small enough to embed
PANEL_LABELS = {"front": "Front", "back": "Back", "inside_left": "Inside left", "inside_right": "Inside right"}
# Content area of an A4 landscape page with 10 mm margins, less room for headings and tables.
OVERVIEW_BOX_MM = (277.0, 92.0)
STRESS_BOX_MM = (160.0, 112.0)
GAP_MM = 6.0
SUBSET_ABOVE_BYTES = 1_000_000


@dataclass(frozen=True)
class Band:
    """A rectangle drawn over a panel picture, in mm on the sheet."""

    kind: str  # bleed, safe, trim, fold-left/right/top/bottom, slot
    left: float
    top: float
    width: float
    height: float
    label: str = ""


@dataclass(frozen=True)
class Figure:
    name: str
    label: str
    src: str  # data: URI
    width: float  # mm on the sheet
    height: float
    bands: list[Band]
    note: str = ""


@dataclass(frozen=True)
class SlotRow:
    number: int
    key: str
    panel: str
    contents: str
    size_range: str
    fitted: str
    lines: str
    status: str
    ok: bool


@dataclass
class Section:
    slug: str
    title: str
    why: str
    figures: list[Figure]
    rows: list[SlotRow]
    texts: list[tuple[str, str, str]] = field(default_factory=list)  # label, text, ltr/rtl
    left_out: list[str] = field(default_factory=list)


def make_proof(
    folder: Path,
    design: Design,
    size: str | None = None,
    problems: list[Problem] | None = None,
    sets: list[StressSet] | None = None,
) -> bytes:
    """The proof sheet as PDF bytes."""
    # Lazy: WeasyPrint (and the fetcher built on it) is heavy and only a proof sheet needs it.
    from weasyprint import HTML

    from cardshop.studio.proof.fetcher import ProofURLFetcher

    html = proof_html(folder, design, size, problems, sets)
    fetcher = ProofURLFetcher(folder, STATIC_DIR)
    pdf = HTML(string=html, base_url=folder.resolve().as_uri() + "/", url_fetcher=fetcher).write_pdf()
    return pdf


def proof_html(
    folder: Path,
    design: Design,
    size: str | None = None,
    problems: list[Problem] | None = None,
    sets: list[StressSet] | None = None,
) -> str:

    size = size or design.sizes[0]
    geometry = resolve_geometry(design, RenderOptions(size=size))
    frame = slot_frame(design, geometry)
    numbers = _slot_numbers(design)

    _, blank = render_panels(folder, design, {}, size, PROOF_PX_PER_MM)
    overview = _figures(design, blank, list(blank), frame, numbers, OVERVIEW_BOX_MM)

    shown = [name for name, panel in design.panels.items() if any(slot.fields for slot in panel.slots)]
    sections = []
    for stress in sets if sets is not None else stress_sets():
        values = {name: value for name, value in stress.values.items() if name in design.fields}
        rows, failed = _slot_rows(design, values, frame, numbers)
        printed = {name: value for name, value in values.items() if name not in failed}
        images, left_out = _render_dropping(folder, design, printed, size)
        sections.append(
            Section(
                stress.slug,
                stress.title,
                stress.why,
                _figures(design, images, shown, frame, numbers, STRESS_BOX_MM),
                rows,
                [(design.field_label(name), value, _direction(value)) for name, value in values.items()],
                sorted({*failed, *left_out}, key=list(values).index),
            )
        )

    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    context = {
        "design": design,
        "folder": folder,
        "size": size,
        "panel_mm": (geometry.panel_width / MM, geometry.panel_height / MM),
        "bleed_mm": geometry.bleed / MM,
        "safe_mm": SAFE_ZONE_MM,
        "overview": overview,
        "overview_rows": _slot_rows(design, {}, frame, numbers)[0],
        "sections": sections,
        "problems": problems,
        "stylesheet": (STATIC_DIR / "proof.css").resolve().as_uri(),
    }
    html = environment.get_template("proof.html").render(context)
    # Fonts are embedded as data: URIs (the fetcher allows no font folder), cut down to the
    # characters the sheet uses, which needs the finished text.
    return html.replace("/* font faces */", font_faces(set(html)), 1)


def _direction(text: str) -> str:
    """The direction of the first strongly directional character (the paragraph's base direction)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return "ltr"


def _slot_numbers(design: Design) -> dict[tuple[str, int], int]:
    numbers, count = {}, 0
    for name, panel in design.panels.items():
        for index, _ in enumerate(panel.slots):
            count += 1
            numbers[(name, index)] = count
    return numbers


def _render_dropping(folder: Path, design: Design, values: dict[str, str], size: str):
    """Render with `values`, leaving out any field the render core still refuses, so there is always
    a picture; returns the panels and the fields left out."""

    left_out: list[str] = []
    for _ in range(len(values) + 1):
        try:
            return render_panels(folder, design, values, size, PROOF_PX_PER_MM)[1], left_out
        except CardTextError as error:
            fields = {problem.field for problem in error.problems if problem.field in values}
            if not fields:
                raise
            left_out.extend(sorted(fields))
            values = {name: value for name, value in values.items() if name not in fields}
    raise RuntimeError("the card could not be rendered")  # unreachable: each pass drops a field


def _slot_rows(design: Design, values: dict[str, str], frame, numbers) -> tuple[list[SlotRow], set[str]]:

    rows, failed = [], set()
    for name, panel in design.panels.items():
        for index, slot in enumerate(panel.slots):
            contents = _contents(slot)
            low, high = slot.min_size * frame.type, slot.size * frame.type
            size_range = f"{_pt(low)}–{_pt(high)} pt"
            base = dict(
                number=numbers[(name, index)],
                key=f"panels.{name}.slots[{index}]",
                panel=PANEL_LABELS[name],
                contents=contents,
                size_range=size_range,
            )
            try:
                fitted = fit_slot(slot, values, frame)
            except TextDoesNotFit as error:
                failed.update([error.field] if error.field else [])
                what = f"`{error.field}`" if error.field else "the fixed text"
                status = f"does not fit: {what} is about {error.excess_chars} characters too long"
                rows.append(SlotRow(**base, fitted="—", lines="—", status=status, ok=False))
                continue
            except UnsupportedCharacter as error:
                failed.update([error.field] if error.field else [])
                status = f"no font has “{error.char}” ({error.codepoint})"
                rows.append(SlotRow(**base, fitted="—", lines="—", status=status, ok=False))
                continue
            if not fitted.lines:
                rows.append(SlotRow(**base, fitted="—", lines="0", status="empty: nothing prints", ok=True))
                continue
            sizes = _part_sizes(slot, values, fitted.scale)
            at_min = slot.size * fitted.scale <= low + 1e-6 and fitted.scale < frame.type - 1e-9
            if fitted.scale >= frame.type - 1e-9:
                status = "preferred size"
            elif at_min:
                status = "at min_size"
            else:
                status = f"shrunk to {fitted.scale / frame.type:.0%}"
            rows.append(SlotRow(**base, fitted=sizes, lines=str(len(fitted.lines)), status=status, ok=True))
    return rows, failed


def _contents(slot: Slot) -> str:
    parts = []
    for part in slot.parts:
        parts.append(part.field if part.field else f"“{part.text}”")
    return ", ".join(parts)


def _part_sizes(slot: Slot, values: dict[str, str], scale: float) -> str:
    sizes: dict[str, list[str]] = {}
    for part in slot.parts:
        if part.field and not values.get(part.field):
            continue
        label = part.field or "text"
        sizes.setdefault(_pt((part.size or slot.size) * scale), []).append(label)
    if len(sizes) == 1:
        return f"{next(iter(sizes))} pt"
    return "; ".join(f"{' + '.join(labels)} {value} pt" for value, labels in sizes.items())


def _pt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _figures(design, images: dict[str, PanelImage], names: list[str], frame, numbers, box) -> list[Figure]:
    """Panel pictures in `names` order, scaled together to fit side by side in `box` (mm)."""
    order = ["front", "back", "inside_left", "inside_right"]
    names = [name for name in order if name in names]
    widths = [_outer(images[name])[0] for name in names]
    heights = [_outer(images[name])[1] for name in names]
    scale = min((box[0] - GAP_MM * (len(names) - 1)) / sum(widths), box[1] / max(heights), 1.0)
    figures = []
    for name in names:
        picture = images[name]
        width, height = _outer(picture)
        slots = getattr(design.panels, name).slots
        bands = _bands(picture, slots, frame, scale, name, numbers)
        figures.append(
            Figure(
                name,
                PANEL_LABELS[name],
                _data_uri(picture),
                width * scale,
                height * scale,
                bands,
                "fold on the " + " and ".join(picture.fold_edges) if picture.fold_edges else "",
            )
        )
    return figures


def _outer(picture: PanelImage) -> tuple[float, float]:
    bleed = picture.bleed_mm
    return (
        picture.width_mm + bleed["left"] + bleed["right"],
        picture.height_mm + bleed["top"] + bleed["bottom"],
    )


def _bands(picture: PanelImage, slots: list[Slot], frame, k: float, name: str, numbers) -> list[Band]:
    bleed = picture.bleed_mm
    x0, y0 = bleed["left"], bleed["top"]  # the trim's top-left corner in the picture, mm
    w, h = picture.width_mm, picture.height_mm
    outer_w, outer_h = _outer(picture)
    safe = SAFE_ZONE_MM
    bands = [
        # bleed: everything outside the trim, edge by edge (none at the fold)
        Band("bleed", 0, 0, outer_w * k, y0 * k),
        Band("bleed", 0, (y0 + h) * k, outer_w * k, bleed["bottom"] * k),
        Band("bleed", 0, y0 * k, x0 * k, h * k),
        Band("bleed", (x0 + w) * k, y0 * k, bleed["right"] * k, h * k),
        # safe zone: 4 mm inside every edge of the trimmed panel, the fold included
        Band("safe", x0 * k, y0 * k, w * k, safe * k),
        Band("safe", x0 * k, (y0 + h - safe) * k, w * k, safe * k),
        Band("safe", x0 * k, (y0 + safe) * k, safe * k, (h - 2 * safe) * k),
        Band("safe", (x0 + w - safe) * k, (y0 + safe) * k, safe * k, (h - 2 * safe) * k),
        Band("trim", x0 * k, y0 * k, w * k, h * k),
    ]
    bands = [band for band in bands if band.width > 0 and band.height > 0]
    bands += [Band(f"fold-{edge}", x0 * k, y0 * k, w * k, h * k) for edge in picture.fold_edges]
    for index, slot in enumerate(slots):
        bands.append(
            Band(
                "slot",
                (x0 + slot.x * frame.x) * k,
                (y0 + slot.y * frame.y) * k,
                slot.width * frame.x * k,
                slot.height * frame.y * k,
                str(numbers[(name, index)]),
            )
        )
    return bands


def _data_uri(picture: PanelImage) -> str:
    buffer = io.BytesIO()
    picture.image.save(buffer, "JPEG", quality=88)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


# ---- fonts for the sheet's own text, stress texts included

SHEET_FONTS = (
    ("Proof Sans", "normal", "lato/Lato-Regular.ttf"),
    ("Proof Sans", "bold", "lato/Lato-Bold.ttf"),
    ("Proof Fallback", "normal", "noto/NotoSans-Regular.ttf"),
    ("Proof Hebrew", "normal", "noto/NotoSansHebrew-Regular.ttf"),
    ("Proof Arabic", "normal", "noto/NotoNaskhArabic-Regular.ttf"),
    ("Proof CJK", "normal", "droid/DroidSansFallback.ttf"),
)


def font_faces(characters: set[str], fonts: tuple[tuple[str, str, str], ...] = SHEET_FONTS) -> str:
    """@font-face rules with data: URIs for `fonts` (family, weight, file under fonts/). Each font gets
    only the characters the fonts before it lack, so the CJK font is cut down to the Chinese
    characters and its subset is cached across sheets."""

    rules = []
    remaining = {ord(char) for char in characters if not char.isspace()}
    taken: dict[str, frozenset[int]] = {}
    for family, weight, relative in fonts:
        path = FONTS_DIR / relative
        if family not in taken:
            taken[family] = frozenset(remaining & _cmap(path))
            remaining -= taken[family]
        if not taken[family]:
            continue
        # Small fonts go in whole (WeasyPrint subsets what it embeds); only big ones are cut first.
        data = _subset(path, taken[family]) if path.stat().st_size > SUBSET_ABOVE_BYTES else path.read_bytes()
        if data:
            encoded = base64.b64encode(data).decode("ascii")
            rules.append(
                f"@font-face {{ font-family: '{family}'; font-weight: {weight}; "
                f"src: url(data:font/ttf;base64,{encoded}) format('truetype'); }}"
            )
    return "\n".join(rules)


@cache
def _cmap(path: Path) -> frozenset[int]:
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


@cache
def _subset(path: Path, codepoints: frozenset[int]) -> bytes | None:
    """The font cut down to `codepoints` (layout features kept, for Arabic joining), or None when
    there are none. Subsetting keeps the data URIs small: the CJK font alone is 3.4 MB."""
    if not codepoints:
        return None
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    with TTFont(path) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints | {0x20})
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.save(buffer)
    return buffer.getvalue()
