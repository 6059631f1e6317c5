"""Every design in every layout it supports: pages, page sizes, page boxes, embedded fonts, art
into the bleed, crop marks off the card; and the flat PNG and the envelope."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageCms, ImageStat
from pypdf import PdfReader

from cardshop.render.card import render_card
from cardshop.render.options import CardOptionError, CardTextError, RenderOptions
from cardshop.studio.samples import text_of_length
from tests.conftest import assert_text_in_pdf, pdf_text
from tests.print_cases import (
    ADDRESS,
    BLEED_MM,
    DESIGNS,
    ENVELOPE_MM,
    HOME_KIND,
    HOME_SHEET,
    MM,
    RETURN_ADDRESS,
    SHEET_PT,
    cases,
    home_kind,
    panel_mm,
    render,
)

LAYOUTS = ("pro", "pro-pages", "home-a4", "home-letter", "flat", "envelope")
CROP_ROOM = (1 + 5 + 2) * MM  # page margin beyond the bleed that `pro --crop-marks` adds


def test_every_layout_the_render_core_names_has_a_drawer():
    from cardshop.render.layouts import REGISTRY
    from cardshop.render.options import LAYOUTS as NAMED

    assert tuple(REGISTRY) == NAMED == LAYOUTS


def _expected_pages(slug: str, size: str, layout: str, crop_marks: bool = False):
    """(page count, (width, height) in pt, bleed in pt) as the specification states it, or None when
    the layout must refuse the card."""
    loaded = DESIGNS[slug]
    width, height = (v * MM for v in panel_mm(loaded, size))
    bleed = BLEED_MM[size] * MM
    marks = CROP_ROOM if crop_marks else 0
    if layout == "pro":
        spread = (2 * width, height) if loaded.design.fold == "side" else (width, 2 * height)
        return 2, (spread[0] + 2 * (bleed + marks), spread[1] + 2 * (bleed + marks)), bleed
    if layout == "pro-pages":
        return 4, (width + 2 * (bleed + marks), height + 2 * (bleed + marks)), bleed
    if layout == "flat":
        return 1, (width, height), 0.0
    if layout == "envelope":
        return 1, tuple(v * MM for v in ENVELOPE_MM[size]), 0.0
    sheet = HOME_SHEET[layout]
    kind = home_kind(loaded, size, sheet)
    short, long = SHEET_PT[sheet]
    if kind == "quarter":
        landscape = width > height
        return 1, ((long, short) if landscape else (short, long)), 0.0
    landscape = loaded.design.fold == "side"  # a two-sided sheet lies along the opened card
    if kind == "sheet":  # the sheet is the card: TrimBox and BleedBox are the sheet
        return 2, ((long, short) if landscape else (short, long)), 0.0
    if kind == "half":
        return 2, ((long, short) if landscape else (short, long)), bleed
    return None


@pytest.mark.parametrize(("slug", "size", "layout"), cases(LAYOUTS))
def test_pages_sizes_and_boxes(slug, size, layout):
    expected = _expected_pages(slug, size, layout)
    pdf = render(slug, size, layout)
    if expected is None:
        assert pdf is None, "a card too big for the home sheet must be refused, not scaled"
        return
    assert pdf is not None
    count, (width, height), bleed = expected
    document = pdfium.PdfDocument(pdf)
    try:
        assert len(document) == count
        for page in document:
            assert page.get_size() == pytest.approx((width, height), abs=0.01)
            media, trim, bleed_box = page.get_mediabox(), page.get_trimbox(), page.get_bleedbox()
            # Exactly one bleed apart on every side (left, bottom, right, top).
            for inner, outer, sign in zip(trim, bleed_box, (-1, -1, 1, 1), strict=True):
                assert (outer - inner) * sign == pytest.approx(bleed, abs=0.01)
            for box_edge, media_edge, sign in zip(bleed_box, media, (-1, -1, 1, 1), strict=True):
                assert (media_edge - box_edge) * sign >= -0.01, "the BleedBox must lie inside the MediaBox"
    finally:
        document.close()


@pytest.mark.parametrize(("slug", "size", "layout"), cases(("pro", "pro-pages")))
def test_crop_marks_grow_the_page_and_stay_off_the_card(slug, size, layout):
    count, (width, height), bleed = _expected_pages(slug, size, layout, crop_marks=True)
    with_marks = render(slug, size, layout, crop_marks=True)
    without = render(slug, size, layout)
    reader = PdfReader(io.BytesIO(with_marks))
    assert len(reader.pages) == count
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(height, abs=0.01)
    # Compare what is drawn, object by object (PDFium page objects, relative to the BleedBox): the
    # marked file has everything the plain one has, plus 8 lines per page, all outside the bleed.
    for index in range(count):
        marked, bleed_box = _objects(with_marks, index)
        plain, _ = _objects(without, index)
        extra = list(marked)
        for kind, bounds in plain:
            twin = next(
                (item for item in extra if item[0] == kind and max(map(abs, _minus(item[1], bounds))) < 0.02), None
            )
            assert twin, f"page {index + 1}: something on the card moved or went missing when marks were added"
            extra.remove(twin)
        assert len(extra) == 8, f"page {index + 1}: expected 8 crop marks, found {len(extra)} extra objects"
        width_box, height_box = bleed_box[2] - bleed_box[0], bleed_box[3] - bleed_box[1]
        for _, (left, bottom, right, top) in extra:
            outside = right <= 0.2 or left >= width_box - 0.2 or top <= 0.2 or bottom >= height_box - 0.2
            assert outside, f"page {index + 1}: a crop mark at {(left, bottom, right, top)} is on the card"


def _minus(a, b):
    return [p - q for p, q in zip(a, b, strict=True)]


def _objects(pdf: bytes, index: int):
    """(type, bounds) of every page object, bounds relative to the BleedBox's bottom-left corner."""
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[index]
        x0, y0, x1, y1 = page.get_bleedbox()
        # Top-level objects only: artwork is a form XObject, and PDFium gives the objects inside a
        # form in the form's own space, not the page's; the form itself is placed in page space.
        found = [(obj.type, _minus(obj.get_bounds(), (x0, y0, x0, y0))) for obj in page.get_objects(max_depth=0)]
        return found, (x0, y0, x1, y1)
    finally:
        document.close()


def _render_page(pdf: bytes, index: int, scale: float) -> Image.Image:
    document = pdfium.PdfDocument(pdf)
    try:
        return document[index].render(scale=scale).to_pil().convert("RGB")
    finally:
        document.close()


def _diff(a: Image.Image, b: Image.Image) -> Image.Image:
    """Per pixel, the largest difference of any channel."""
    red, green, blue = ImageChops.difference(a, b).split()
    return ImageChops.lighter(ImageChops.lighter(red, green), blue)


@pytest.mark.parametrize(("slug", "size", "layout"), cases(LAYOUTS))
def test_every_font_is_embedded_and_subset(slug, size, layout):
    pdf = render(slug, size, layout)
    if pdf is None:
        return
    reader = PdfReader(io.BytesIO(pdf))
    seen = 0
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
            assert "+" in str(font["/BaseFont"]), f"{font['/BaseFont']} is not a subset"
            seen += 1
    design = DESIGNS[slug].design
    shown = [design.panels.front] if layout == "flat" else [panel for _, panel in design.panels.items()]
    has_text = layout == "envelope" or any(panel.slots for panel in shown)
    assert seen or not has_text


@pytest.mark.parametrize(("slug", "size"), [(slug, size) for slug, size, _ in cases(("pro",))])
def test_artwork_runs_into_the_bleed(slug, size):
    """On the outside spread the strip between TrimBox and BleedBox is painted, never bare paper,
    wherever the panel has a background or full-bleed art (every design here does)."""
    pdf = render(slug, size, "pro")
    design = DESIGNS[slug].design
    scale = 4 / MM  # 4 px per mm
    for index, names in enumerate((("back", "front"), ("inside_left", "inside_right"))):
        if not all(getattr(design.panels, name).background or getattr(design.panels, name).art for name in names):
            continue
        page = _render_page(pdf, index, scale)
        document = pdfium.PdfDocument(pdf)
        tx0, ty0, tx1, ty1 = document[index].get_trimbox()
        _, page_height = document[index].get_size()
        document.close()
        bleed = BLEED_MM[size] * MM

        def px(x, y, page_height=page_height):
            return round(x * scale), round((page_height - y) * scale)

        # The outer half of the bleed strip on all four sides (the inner half may be anti-aliased).
        strips = [
            (tx0 - bleed, ty0 - bleed, tx0 - bleed / 2, ty1 + bleed),
            (tx1 + bleed / 2, ty0 - bleed, tx1 + bleed, ty1 + bleed),
            (tx0 - bleed, ty0 - bleed, tx1 + bleed, ty0 - bleed / 2),
            (tx0 - bleed, ty1 + bleed / 2, tx1 + bleed, ty1 + bleed),
        ]
        for x0, y0, x1, y1 in strips:
            left, top = px(x0, y1)
            right, bottom = px(x1, y0)
            strip = page.crop((left + 1, top + 1, right - 1, bottom - 1)).convert("L")
            bare = sum(strip.histogram()[254:])
            assert bare == 0, f"page {index + 1}: {bare} bare-paper pixels in the bleed"


@pytest.mark.parametrize("slug", sorted(DESIGNS))
def test_pro_pages_are_front_inside_left_inside_right_back(slug):
    loaded = DESIGNS[slug]
    size = loaded.design.sizes[0]
    document = pdfium.PdfDocument(render(slug, size, "pro-pages"))
    try:
        texts = [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()
    for index, name in enumerate(("front", "inside_left", "inside_right", "back")):
        panel = getattr(loaded.design.panels, name)
        for slot in panel.slots:
            for part in slot.parts:
                if part.text:
                    assert part.text.split()[0] in texts[index], f"{name}'s words are not on page {index + 1}"


@pytest.mark.parametrize(("size", "width_mm", "height_mm"), [("A6", 105, 148), ("A5", 148, 210)])
def test_front_png_is_300_dpi_at_the_cards_size_with_srgb_embedded(size, width_mm, height_mm):
    slug = "forget-me-nots"
    loaded = DESIGNS[slug]
    png = render(slug, size, "flat", file_format="png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png))
    assert image.width == round(width_mm / 25.4 * 300)
    assert image.height == pytest.approx(height_mm / 25.4 * 300, abs=1.5)
    assert image.info["dpi"][0] == pytest.approx(300, abs=0.01)
    assert image.width / image.info["dpi"][0] * 25.4 == pytest.approx(width_mm, abs=0.1), "actual size is the card"
    profile = ImageCms.ImageCmsProfile(io.BytesIO(image.info["icc_profile"]))
    assert "sRGB" in profile.profile.profile_description
    # It is the flat PDF's page, rasterised.
    flat = _render_page(render(slug, size, "flat"), 0, image.width / (width_mm * MM)).resize(image.size)
    assert ImageStat.Stat(_diff(image.convert("RGB"), flat)).mean[0] < 2
    with pytest.raises(CardOptionError):
        render_card(loaded.folder, loaded.design, {"message": "x"}, RenderOptions(layout="pro", file_format="png"))


@pytest.mark.parametrize("size", ["A6", "A5", "5x7", "4.25x5.5"])
def test_envelope_prints_both_addresses_where_they_belong(size):
    pdf = render("forget-me-nots", size, "envelope")
    text = pdf_text(pdf)
    for line in (*ADDRESS.split("\n"), *RETURN_ADDRESS.split("\n")):
        assert line in text
    assert "Thinking" not in text, "the card's own words are not on the envelope"
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        width, height = page.get_size()
        textpage = page.get_textpage()
        ret = _first_box(textpage, RETURN_ADDRESS.split("\n")[0])
        to = _first_box(textpage, ADDRESS.split("\n")[0])
    finally:
        document.close()
    assert ret[0] < width * 0.25 and ret[3] > height * 0.75, "the return address sits top left"
    assert to[0] > width * 0.3 and to[3] < height * 0.6, "the address sits right of centre, lower half"
    assert to[1] > 16 * MM, "the bottom 16 mm stays clear for postal barcodes"


def _first_box(textpage, text: str):
    searcher = textpage.search(text, match_case=True)
    found = searcher.get_next()
    assert found, f"{text!r} not found"
    return textpage.get_charbox(found[0])


def test_envelope_needs_an_address_and_says_so():
    loaded = DESIGNS["forget-me-nots"]
    with pytest.raises(CardTextError) as error:
        render_card(loaded.folder, loaded.design, {"message": "x"}, RenderOptions(layout="envelope"))
    assert [problem.field for problem in error.value.problems] == ["address"]


def test_the_longest_address_the_form_allows_fits_the_smallest_envelope():
    from cardshop.render.layouts.addresses import ADDRESS_MAX_LINE_CHARS, ADDRESS_MAX_LINES, address_problems

    loaded = DESIGNS["forget-me-nots"]
    line = text_of_length(ADDRESS_MAX_LINE_CHARS).capitalize()  # ordinary words, as long as allowed
    widest = "\n".join([line] * ADDRESS_MAX_LINES["address"])
    back = "\n".join([line] * ADDRESS_MAX_LINES["return_address"])
    assert address_problems("address", widest) == [] and address_problems("return_address", back) == []
    for size in ("4.25x5.5", "A6"):  # US A2 and C6, the two smallest envelopes
        options = RenderOptions(layout="envelope", size=size)
        pdf = render_card(loaded.folder, loaded.design, {"address": widest, "return_address": back}, options)
        assert_text_in_pdf(pdf, {"address": widest, "return_address": back})
    # Past the form's limits, the fitter still refuses rather than overflowing.
    with pytest.raises(CardTextError) as error:
        twice = "\n".join([widest, widest, widest])
        render_card(loaded.folder, loaded.design, {"address": twice}, RenderOptions(layout="envelope", size="A6"))
    assert error.value.problems[0].field == "address"
    assert "envelope" in error.value.problems[0].message


def test_address_limits_have_kind_specific_messages():
    from cardshop.render.layouts.addresses import address_problems, clean_address

    assert clean_address("  Sam\n\n\n12 Orchard Lane \u202e\n") == "Sam\n12 Orchard Lane"
    too_many = address_problems("address", "\n".join(["line"] * 8))
    assert too_many == ["Please keep the address to 6 lines or fewer; it has 8 now."]
    too_long = address_problems("return_address", "Jo\n" + "x" * 58)
    assert too_long == ["Line 2 has 58 characters; please keep each line to 50 or fewer (about 8 too many)."]


@pytest.mark.parametrize("size", ["A6", "A5", "5x7", "4.25x5.5", "square"])
@pytest.mark.parametrize("fold", ["side", "top"])
@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
@pytest.mark.parametrize("sheet", ["A4", "Letter"])
def test_every_card_shape_gets_the_home_plan_the_specification_names(size, fold, orientation, sheet):
    from cardshop.render.geometry import card_geometry
    from cardshop.render.layouts.imposition import SheetTooSmall, home_plan

    expected = HOME_KIND.get((size, fold, orientation), {}).get(sheet)
    geometry = card_geometry(size, fold, orientation)
    if expected is None:
        with pytest.raises(SheetTooSmall):
            home_plan(geometry, sheet)
    else:
        assert home_plan(geometry, sheet).kind == f"{expected}-fold"


def _refusal(slug: str, layout: str, size: str) -> str:
    loaded = DESIGNS[slug]
    with pytest.raises(CardOptionError) as error:
        render_card(loaded.folder, loaded.design, {"message": "x"}, RenderOptions(layout=layout, size=size))
    return str(error.value)


def test_an_a5_card_on_letter_is_refused_naming_a4_the_sizes_that_fit_and_a_print_shop():
    message = _refusal("forget-me-nots", "home-letter", "A5")
    assert message.startswith(
        "An A5 card opens out to 296 × 210 mm: too big to print at home on US Letter paper, which is "
        "11 × 8.5 in (279.4 × 215.9 mm)."
    )
    assert message.endswith(
        " To print at home, choose “Print at home on A4” if you have A4 paper, or choose A6, 5 × 7 in or "
        "4.25 × 5.5 in as the card size; or choose “Send to a print shop”."
    )


def test_a_square_card_is_refused_saying_why_it_needs_a_print_shop(tmp_path):
    import shutil

    from cardshop.studio.catalogue import load_design

    folder = tmp_path / "square-card"
    shutil.copytree(DESIGNS["forget-me-nots"].folder, folder)
    toml = folder / "card.toml"
    toml.write_text(toml.read_text().replace('sizes = ["A6", "A5", "5x7", "4.25x5.5"]', 'sizes = ["square"]'))
    loaded, problems = load_design(folder)
    assert loaded is not None and loaded.design.sizes == ["square"], problems
    options = RenderOptions(layout="home-a4", size="square")
    with pytest.raises(CardOptionError) as error:
        render_card(loaded.folder, loaded.design, {"message": "x"}, options)
    assert str(error.value) == (
        "A 148 mm square card opens out to 296 × 148 mm: too big to print at home on A4 paper. It isn't the "
        "shape of a folded A4 sheet, so it would have to be cut out of one, and home printers leave about 6 mm "
        "blank around the edge: that leaves too little room for the card and a margin to cut it out. Please "
        "choose “Send to a print shop” instead."
    )
    with pytest.raises(CardOptionError) as error:
        render_card(loaded.folder, loaded.design, {"message": "x"}, RenderOptions(layout="home-letter", size="square"))
    assert "too big to print at home on US Letter paper, which is 11 × 8.5 in (279.4 × 215.9 mm)." in str(error.value)


@pytest.mark.parametrize(("slug", "size", "layout"), cases(tuple(HOME_SHEET)))
def test_home_sheets_ask_the_print_dialog_for_actual_size_and_short_edge_duplex(slug, size, layout):
    pdf = render(slug, size, layout)
    if pdf is None:
        return
    reader = PdfReader(io.BytesIO(pdf))
    preferences = reader.trailer["/Root"]["/ViewerPreferences"]
    assert preferences["/PrintScaling"] == "/None"
    two_sided = len(reader.pages) == 2
    assert preferences.get("/Duplex") == ("/DuplexFlipShortEdge" if two_sided else None)


def test_print_shop_files_leave_the_print_dialog_alone():
    reader = PdfReader(io.BytesIO(render("forget-me-nots", "A6", "pro")))
    assert "/ViewerPreferences" not in reader.trailer["/Root"]


@pytest.mark.parametrize(
    ("address", "side"),
    [
        ("משפחת כהן\nרחוב הרצל 12\nתל אביב 6100000\nISRAEL", "right"),
        ("عائلة الأحمد\nشارع الملك فهد ٤٥\nالرياض ١٢٢١١\nSAUDI ARABIA", "right"),
        ("Maya and Tom Rivers\n12 Elm Street\nLondon N1 9GU\nUNITED KINGDOM", "left"),
    ],
    ids=["hebrew", "arabic", "latin"],
)
def test_an_address_is_one_block_aligned_by_its_first_line(address, side):
    from cardshop.render.layouts.addresses import fit_envelope
    from cardshop.render.options import resolve_geometry

    design = DESIGNS["forget-me-nots"].design
    fit = fit_envelope(design, {"address": address}, resolve_geometry(design, RenderOptions(layout="envelope")))
    (slot,) = fit.fitted
    assert len(slot.lines) == 4
    edges = [round(line.x + line.width, 1) if side == "right" else round(line.x, 1) for line in slot.lines]
    # The country line, in Latin capitals, keeps to the same edge as the rest of the block.
    assert len(set(edges)) == 1, edges
