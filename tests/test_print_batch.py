"""Print batches: the imposed press sheets (geometry, marks, slug line, two-sided registration checked
against how paper turns), the per-card press files, the envelopes and the dispatch list, and hostile
orders. PDFs are read back with PDFium; the press PDF and the envelopes are PDF/X-4 in CMYK, checked
with the preflight and Ghostscript."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import UTC, datetime

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from cardshop.orders.print_batch import (
    BatchItemError,
    dispatch_list_pdf,
    envelopes_pdf,
    fitted_card,
    press_sheets_pdf,
)
from cardshop.render.geometry import MM, Rect, card_geometry
from cardshop.render.layouts.addresses import ENVELOPES
from cardshop.render.layouts.marks import CROP_MARK_ROOM
from cardshop.render.layouts.press_sheet import SHEET_EDGE, SHEET_HEIGHT, SHEET_WIDTH, SLUG_BAND, plan_sheet
from cardshop.render.layouts.pro import draw_pro
from cardshop.render.options import CardOptionError
from cardshop.render.press.profile import DEFAULT_PROFILE
from cardshop.render.press_batch import PressCard, plan_sheets
from cardshop.studio.preflight import preflight
from cardshop.studio.samples import TYPICAL
from tests.batch_items import batch_items
from tests.conftest import pdf_text
from tests.test_press import ghostscript_warnings

BATCH = "B-2026-11-30-01"
MADE = datetime(2026, 11, 30, 21, 40, tzinfo=UTC)
# How many cards of each shape an SRA3 sheet takes, worked out by hand: a card is its opened spread
# plus 3 mm (0.125 in) bleed all round; marks need 1 + 3 mm and 2 mm of bare edge on each side, and
# the slug line 4 mm more at the bottom. A6 (216 x 154 with bleed) fits 2 x 2 turned a quarter
# (308 x 432 of 320 x 450); A5 (302 x 216) 1 x 2; 5 x 7 in (260.35 x 184.15) 1 x 2; 4.25 x 5.5 in
# (222.25 x 146.05) 1 x 2 upright, or 2 x 2 turned but 444.5 mm tall leaves no room for the marks.
PER_SHEET = {
    ("A6", "side", "portrait"): 4,
    ("A5", "side", "portrait"): 2,
    ("5x7", "side", "portrait"): 2,
    ("4.25x5.5", "side", "portrait"): 2,
    ("A6", "top", "landscape"): 4,
    ("A5", "top", "landscape"): 2,
    ("5x7", "top", "landscape"): 2,
    ("square", "side", "portrait"): 2,
}


def _bleed_rect(trim: Rect, bleed: float) -> Rect:
    return trim.grow(bleed, bleed, bleed, bleed)


def _overlap(a: Rect, b: Rect) -> bool:
    return a.x < b.right - 1e-6 and b.x < a.right - 1e-6 and a.y < b.top - 1e-6 and b.y < a.top - 1e-6


@pytest.mark.parametrize(("size", "fold", "orientation"), list(PER_SHEET))
def test_cards_fill_the_sheet_inside_its_edges_without_overlapping(size, fold, orientation):
    plan = plan_sheet(card_geometry(size, fold, orientation))
    assert plan.per_sheet == PER_SHEET[(size, fold, orientation)]
    bleed = plan.geometry.bleed
    for side in ("A", "B"):
        moves = [plan.outside(p) if side == "A" else plan.inside(p) for p in range(plan.per_sheet)]
        trims = [move.rect(plan.spread_rect()) for move in moves]
        painted = [_bleed_rect(trim, bleed) for trim in trims]
        for trim in trims:  # every card is its spread, whole, upright or turned a quarter
            assert sorted((round(trim.width, 3), round(trim.height, 3))) == sorted(
                (round(plan.geometry.spread_width, 3), round(plan.geometry.spread_height, 3))
            )
        for rect in painted:
            assert rect.x >= SHEET_EDGE and rect.right <= SHEET_WIDTH - SHEET_EDGE
            assert rect.y >= SHEET_EDGE + SLUG_BAND and rect.top <= SHEET_HEIGHT - SHEET_EDGE
        for i, a in enumerate(painted):
            for b in painted[i + 1 :]:
                assert not _overlap(a, b), f"{size}: two cards' paint overlaps on side {side}"
        crops, folds = plan.marks(side, plan.per_sheet)
        for x0, y0, x1, y1 in crops + folds:
            mark = Rect(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0))
            assert max(mark.width, mark.height) >= 3 * MM - 1e-6
            assert mark.x >= SHEET_EDGE - 1e-6 and mark.right <= SHEET_WIDTH - SHEET_EDGE + 1e-6
            assert mark.y >= SHEET_EDGE + SLUG_BAND - 1e-6 and mark.top <= SHEET_HEIGHT - SHEET_EDGE + 1e-6
            assert not any(_overlap(mark.grow(0.01, 0.01, 0.01, 0.01), rect) for rect in painted)
        # every trim line of every card is marked at both ends of the block
        for trim in trims:
            for x in (trim.x, trim.right):
                ends = [y0 for x0, y0, x1, _ in crops if abs(x0 - x) < 0.01 and abs(x1 - x) < 0.01]
                assert len(ends) == 2
            for y in (trim.y, trim.top):
                ends = [x0 for x0, y0, _, y1 in crops if abs(y0 - y) < 0.01 and abs(y1 - y) < 0.01]
                assert len(ends) == 2


@pytest.fixture(scope="module")
def mixed(catalog):
    """Three shapes: A6 side fold (turned a quarter on the sheet), A5 side fold (upright) and the
    top-fold landscape design (upright, its inside turned half round on side B)."""
    by_slug = {item.slug: item for item in batch_items(catalog, len(catalog.designs))}
    wanted = [
        ("dandelion-clocks", "A6"),
        ("dusk-moon", "A5"),
        ("forget-me-nots", "A6"),
        ("paper-boat", "A6"),
        ("olive-wreath", "A5"),
        ("two-cosmos", "A6"),
        ("unfurling-fern", "A6"),
        ("faith-white-lily", "A6"),
    ]
    return [dataclasses.replace(by_slug[slug], size=size) for slug, size in wanted]


@pytest.fixture(scope="module")
def press_pdf(mixed):
    return press_sheets_pdf(mixed, batch_reference=BATCH)


def _occurrences(textpage, word: str) -> list[list[tuple[float, float, float, float]]]:
    """Char boxes of every occurrence of `word` on the page."""
    found = []
    searcher = textpage.search(word, match_case=True)
    while (hit := searcher.get_next()) is not None:
        start, count = hit
        found.append([textpage.get_charbox(i) for i in range(start, start + count)])
    return found


def _centre(boxes) -> tuple[float, float]:
    return (
        (min(b[0] for b in boxes) + max(b[2] for b in boxes)) / 2,
        (min(b[1] for b in boxes) + max(b[3] for b in boxes)) / 2,
    )


def _direction(boxes) -> tuple[float, float]:
    """Unit vector from the word's first character to its last: the way the word reads on the page."""
    (x0, y0), (x1, y1) = _centre([boxes[0]]), _centre([boxes[-1]])
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    return ((x1 - x0) / length, (y1 - y0) / length)


def _inside(point, rect: Rect) -> bool:
    return rect.x <= point[0] <= rect.right and rect.y <= point[1] <= rect.top


def _half(point, trim: Rect) -> int:
    """Which half of the opened card a point is in, split across its long side (where it folds)."""
    if trim.width >= trim.height:
        return int(point[0] > trim.x + trim.width / 2)
    return int(point[1] > trim.y + trim.height / 2)


def test_each_inside_lands_behind_its_own_outside_when_the_sheet_is_turned(mixed, press_pdf):
    """Read back: on side A, card k's front words and back words; on side B, its message. Turning the
    sheet over its long edge (x -> sheet width - x) must put the message inside card k, behind its back
    panel (the message is on the inside right, the back's other face), and reading as the inside of
    a card opened from that front: the same way as the front for a side fold printed upright, turned
    half round for a side fold turned a quarter on the sheet or a top fold printed upright."""
    sheets = plan_sheets([PressCard(i.reference, i.folder, i.design, fitted_card(i)) for i in mixed])
    document = pdfium.PdfDocument(press_pdf)
    try:
        checked = 0
        for sheet in sheets:
            side_a = document[2 * (sheet.number - 1)].get_textpage()
            side_b = document[2 * (sheet.number - 1) + 1].get_textpage()
            for position, card in enumerate(sheet.cards):
                trim = sheet.plan.trim(position)
                design = card.design
                assert [s.parts[1].field for s in design.panels.inside_right.slots] == ["message"]
                front_word = design.panels.front.slots[0].parts[0].text.split()[0]
                back_word = design.panels.back.slots[0].parts[0].text  # the design's name, on one line
                front = [o for o in _occurrences(side_a, front_word) if _inside(_centre(o), trim)]
                back = [o for o in _occurrences(side_a, back_word) if _inside(_centre(o), trim)]
                index = int(card.reference.rsplit("-", 1)[1])
                message = _occurrences(side_b, f"Message{index:04d}")
                assert len(front) == 1 and len(back) == 1 and len(message) == 1, card.reference
                behind = _centre(message[0])
                behind = (SHEET_WIDTH - behind[0], behind[1])
                assert _inside(behind, trim), f"{card.reference}: its inside is not behind its outside"
                assert _half(behind, trim) == _half(_centre(back[0]), trim) != _half(_centre(front[0]), trim)
                seen_from_b = _direction(message[0])
                reads_a = _direction(front[0])
                dot = seen_from_b[0] * reads_a[0] + seen_from_b[1] * reads_a[1]
                turned_round = (sheet.plan.geometry.fold == "top") != sheet.plan.turned
                assert dot == pytest.approx(-1.0 if turned_round else 1.0, abs=0.02), card.reference
                checked += 1
        assert checked == len(mixed)
    finally:
        document.close()


def test_press_pdf_is_the_sheets_then_each_cards_press_file(mixed, press_pdf):
    sheets = plan_sheets([PressCard(i.reference, i.folder, i.design, fitted_card(i)) for i in mixed])
    # Shapes in the order they first appear: A6 side fold, 5 cards on 2 sheets; A5, 2 on 1; then the
    # top-fold design alone: 4 sheets, 8 sides.
    assert [len(sheet.cards) for sheet in sheets] == [4, 1, 2, 1]
    document = pdfium.PdfDocument(press_pdf)
    try:
        assert len(document) == 2 * len(sheets) + 4 * len(mixed)
        for index in range(2 * len(sheets)):
            page = document[index]
            assert (page.get_width(), page.get_height()) == pytest.approx((SHEET_WIDTH, SHEET_HEIGHT))
        for number, item in enumerate(mixed):
            geometry = fitted_card(item).geometry
            margin = geometry.bleed + CROP_MARK_ROOM
            for panel in range(4):
                page = document[2 * len(sheets) + 4 * number + panel]
                assert (page.get_width(), page.get_height()) == pytest.approx(
                    (geometry.panel_width + 2 * margin, geometry.panel_height + 2 * margin)
                )
                x0, y0, x1, y1 = page.get_trimbox()
                assert (x1 - x0, y1 - y0) == pytest.approx((geometry.panel_width, geometry.panel_height))
            inside_right = document[2 * len(sheets) + 4 * number + 2].get_textpage().get_text_range()
            assert f"Message{int(item.reference[-4:]):04d}" in inside_right
    finally:
        document.close()


def test_crop_marks_on_the_sheet_stay_off_every_card(mixed, press_pdf):
    """Every thin line PDFium finds on a sheet lies outside every card's bleed, on the paper."""
    sheets = plan_sheets([PressCard(i.reference, i.folder, i.design, fitted_card(i)) for i in mixed])
    document = pdfium.PdfDocument(press_pdf)
    try:
        for sheet in sheets:
            plan = sheet.plan
            for offset, side in enumerate("AB"):
                moves = [plan.outside(p) if side == "A" else plan.inside(p) for p in range(len(sheet.cards))]
                painted = [_bleed_rect(m.rect(plan.spread_rect()), plan.geometry.bleed) for m in moves]
                page = document[2 * (sheet.number - 1) + offset]
                lines = []
                for obj in page.get_objects(max_depth=0):
                    if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH:
                        continue
                    left, bottom, right, top = obj.get_bounds()
                    if min(right - left, top - bottom) < 1.0 and max(right - left, top - bottom) > 2 * MM:
                        lines.append(Rect(left, bottom, right - left, top - bottom))
                crops, folds = plan.marks(side, len(sheet.cards))
                assert len(lines) == len(crops) + len(folds)
                for line in lines:
                    assert not any(_overlap(line, rect) for rect in painted), f"a mark on a card, side {side}"
                    assert line.x >= SHEET_EDGE - 1 and line.right <= SHEET_WIDTH - SHEET_EDGE + 1
    finally:
        document.close()


def test_slug_line_names_batch_sheet_side_and_references_never_words(mixed, press_pdf):
    a6 = [item.reference for item in mixed if item.size == "A6" and item.design.fold == "side"][:4]
    document = pdfium.PdfDocument(press_pdf)
    try:
        for index in range(2):
            page = document[index]
            slug = page.get_textpage().get_text_bounded(0, 0, SHEET_WIDTH, SHEET_EDGE + SLUG_BAND)
            assert BATCH in slug and "sheet 1 of 4" in slug and f"side {'AB'[index]}" in slug
            for number, reference in enumerate(a6, start=1):
                assert f"{number}: {reference}" in slug
            assert len(re.findall(r"CS-TEST-\d{4}", slug)) == 4
            for text in ("Message", "Sam", "Rivers", "Dear", "love", "Rowan"):
                assert text not in slug
    finally:
        document.close()


def _text_colours(document: pikepdf.Pdf, index: int) -> list[str]:
    """The fill colour set before each text object on a page, as written in its content."""
    content = document.pages[index].obj.Contents.read_bytes()
    return [colour.decode() for colour in re.findall(rb"([\d. ]+ (?:k|rg|g))\s+BT", content)]


def test_press_pdf_is_pdfx_in_cmyk_and_passes_preflight_and_ghostscript(mixed, press_pdf, tmp_path):
    assert [str(finding) for finding in preflight(press_pdf)] == []
    assert ghostscript_warnings(press_pdf, tmp_path) == ""
    sheets = plan_sheets([PressCard(i.reference, i.folder, i.design, fitted_card(i)) for i in mixed])
    with pikepdf.open(io.BytesIO(press_pdf)) as document:
        assert document.pdf_version == "1.6" and str(document.docinfo.GTS_PDFXVersion) == "PDF/X-4"
        [intent] = document.Root.OutputIntents
        assert intent.DestOutputProfile.read_bytes() == DEFAULT_PROFILE.read_bytes()
        assert BATCH in str(document.docinfo.Title)
        for index in range(2 * len(sheets)):  # a press sheet is trimmed to itself: cards are cut from it
            page = document.pages[index]
            sheet = [0, 0, SHEET_WIDTH, SHEET_HEIGHT]
            for box in (page.mediabox, page.obj.TrimBox, page.obj.BleedBox):
                assert [float(v) for v in box] == pytest.approx(sheet)
            slug_colour = _text_colours(document, index)[-1]  # the slug line is drawn last: grey in K alone
            assert slug_colour.split()[:3] == ["0", "0", "0"] and slug_colour.endswith(" k"), slug_colour
        # Forget-me-nots' message (#33312e, a warm near-black) prints in black ink alone in its press file.
        number = [item.slug for item in mixed].index("forget-me-nots")
        message_colours = _text_colours(document, 2 * len(sheets) + 4 * number + 2)
        assert message_colours and all(c.split()[:3] == ["0", "0", "0"] for c in message_colours), message_colours
        assert all(c.endswith(" k") for i in range(len(document.pages)) for c in _text_colours(document, i))


def test_batch_takes_another_profile_or_makes_an_rgb_proof(mixed, tmp_path):
    other = tmp_path / "press-house.icc"
    other.write_bytes(DEFAULT_PROFILE.read_bytes())
    pdf = press_sheets_pdf(mixed[:2], batch_reference=BATCH, profile=other)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert str(document.Root.OutputIntents[0].OutputConditionIdentifier) == "Custom"
    proof = press_sheets_pdf(mixed[:2], batch_reference=BATCH, pdfx=False)
    assert [finding.rule for finding in preflight(proof)][0] == "pdfx"
    assert b" rg" in pdf_content(proof) and b" rg" not in pdf_content(pdf)


def pdf_content(pdf: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return b"".join(page.obj.Contents.read_bytes() for page in document.pages)


def test_envelopes_are_pdfx_and_pass_preflight_and_ghostscript(catalog, tmp_path):
    items = batch_items(catalog, 4, ("A6", "A5", "5x7", "4.25x5.5"))
    pdf = envelopes_pdf(items)
    assert [str(finding) for finding in preflight(pdf)] == []
    assert ghostscript_warnings(pdf, tmp_path) == ""


def test_envelopes_one_per_order_in_batch_order_with_their_addresses(catalog):
    items = batch_items(catalog, 5, ("A6", "A5", "5x7", "4.25x5.5", "A6"))
    pdf = envelopes_pdf(items)
    document = pdfium.PdfDocument(pdf)
    try:
        assert len(document) == len(items)
        for index, item in enumerate(items):
            page = document[index]
            envelope = ENVELOPES[item.size or item.design.sizes[0]]
            assert (page.get_width(), page.get_height()) == pytest.approx(
                (envelope.width_mm * MM, envelope.height_mm * MM)
            )
            text = page.get_textpage().get_text_range()
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            first = lines.index(item.address_lines[0])
            assert lines[first : first + len(item.address_lines)] == list(item.address_lines)
            assert all(line in lines for line in item.return_lines)
            assert len(lines) == len(item.address_lines) + len(item.return_lines)
            assert "Message" not in text
    finally:
        document.close()


def test_dispatch_list_has_references_names_and_addresses_and_never_the_words(catalog):
    items = batch_items(catalog, 6)
    pdf = dispatch_list_pdf(BATCH, items, MADE)
    text = pdf_text(pdf)
    flat = " ".join(text.split())
    assert BATCH in flat and "30 November 2026, 21:40 UTC" in flat
    for item in items:
        assert item.reference in flat and item.recipient_name in flat
        for line in item.address_lines[1:]:
            assert line in flat
        assert item.design.name.replace("’", "'") in flat.replace("’", "'")
    for value in [TYPICAL["message"][:30], "Message0000", TYPICAL["signoff"], TYPICAL["baby_name"]]:
        assert value not in flat
    document = pdfium.PdfDocument(pdf)
    try:
        assert (document[0].get_width(), document[0].get_height()) == pytest.approx((210 * MM, 297 * MM), abs=0.5)
    finally:
        document.close()
    assert "Page 1 of 1" in flat


HOSTILE_ADDRESS = ("مريم الحسيني 🫩🫆", "شارع الملك فهد ١٢", "الرياض 12345", "SAUDI ARABIA")


def test_hostile_addresses_give_kind_errors_naming_the_order_not_crashes(catalog):
    item = batch_items(catalog, 1)[0]
    long_line = dataclasses.replace(item, reference="CS-LONG-0001", address_lines=("Sam", "x" * 3000, "UK"))
    with pytest.raises(BatchItemError) as raised:
        envelopes_pdf([item, long_line])
    assert raised.value.reference == "CS-LONG-0001" and "CS-LONG-0001" in str(raised.value)
    assert "There isn't quite room for the address" in raised.value.problems[0].message
    assert "x" * 40 not in str(raised.value)  # what can reach a log names the order and field only

    rtl = dataclasses.replace(
        item, reference="CS-RTL-0001", recipient_name=HOSTILE_ADDRESS[0], address_lines=HOSTILE_ADDRESS
    )
    try:
        pdf = envelopes_pdf([rtl])
    except BatchItemError as error:  # the newest emoji may be missing from our fonts: said kindly
        assert error.reference == "CS-RTL-0001"
        assert "emoji" in error.problems[0].message or "character" in error.problems[0].message
    else:
        assert "الملك" in pdf_text(pdf).replace("\u200f", "")
    listing = pdf_text(dispatch_list_pdf("B-٣ <script>", [rtl, long_line], MADE))
    # PDFium reads the right-to-left row as one right-to-left line, so the reference can come out reversed
    assert re.search(r"CS-RTL-0001|-0001RTL-CS", listing) and "الملك" in listing and "SAUDI ARABIA" in listing
    assert "CS-LONG-0001" in listing and "<script>" in listing


def test_hostile_card_text_and_sizes_give_kind_errors_naming_the_order(catalog):
    item = batch_items(catalog, 1)[0]
    huge = dataclasses.replace(item, reference="CS-HUGE-0001", values={**item.values, "message": "word " * 2000})
    with pytest.raises(BatchItemError) as raised:
        press_sheets_pdf([item, huge], batch_reference=BATCH)
    assert raised.value.reference == "CS-HUGE-0001"
    assert "message" in str(raised.value) and "word" not in str(raised.value)
    assert "shorten it" in raised.value.problems[0].message
    with pytest.raises(CardOptionError, match="CS-SQ-0001"):
        press_sheets_pdf([dataclasses.replace(item, reference="CS-SQ-0001", size="square")])
    rtl = dataclasses.replace(
        item, reference="CS-RTL-0002", values={**item.values, "message": "نفكر فيكم 🫩 שלום 🫆 with love"}
    )
    try:
        pdf = press_sheets_pdf([rtl], batch_reference="<b>𝔅</b>")
    except BatchItemError as error:
        assert error.reference == "CS-RTL-0002"
    else:
        slug = pdf_text(pdf)
        assert "CS-RTL-0002" in slug and "<b>" not in slug


def test_press_files_come_from_the_drawer_given(mixed):
    """The seam for press-grade files: another drawer with the same signature replaces `pro-pages`."""
    drawn = []

    def spreads(canvas, folder, design, fitted, options):
        drawn.append(design.name)
        draw_pro(canvas, folder, design, fitted, options)  # two spreads instead of four pages

    items = mixed[:3]
    pdf = press_sheets_pdf(items, batch_reference=BATCH, press_file=spreads)
    sheets = plan_sheets([PressCard(i.reference, i.folder, i.design, fitted_card(i)) for i in items])
    assert drawn == [item.design.name for item in items]
    document = pdfium.PdfDocument(pdf)
    try:
        assert len(document) == 2 * len(sheets) + 2 * len(items)
    finally:
        document.close()
