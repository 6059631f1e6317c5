"""Home sheets, folded: every panel's words land on the right face of the card and read the right way
up, and nothing but the card is printed on it.

Text positions are read back from the PDF (PDFium character boxes) and put through a paper-folding
model written here from first principles, independently of cardshop.render.layouts.imposition:

- Page 2 of a two-sided sheet printed "flip on short edge" lies behind page 1 mirrored along the
  sheet's long side: page 2's (x, y) is behind page 1's (W - x, y) on a landscape sheet, (x, H - y)
  on a portrait one.
- Folding paper reflects the part that moves across the fold line and turns it face down; turning
  the paper over reflects everything about an axis and swaps the faces. A character's reading
  direction is reflected with it (seen through the paper, text is mirrored, which the reflections
  undo when it is turned face up again).
- A quarter-fold sheet is first folded in half across the card's hinge (printed side out); the
  result is a two-sided blank like a cut-out half-fold card.
- A folded sheet (two-sided, nothing cut) is itself the blank: it is folded in half edge to edge, so
  its hinge is the sheet's middle line.
- The blank is then read as a card: lying outside up with the front upright, the front is the
  right half (side fold) or lower half (top fold); the back is the other half, read after folding
  and turning the closed card over like a book; the inside is read after turning the blank over
  about its hinge, inside left being the left (side fold) or upper (top fold) half.
"""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops

from tests.print_cases import DESIGNS, HOME_SHEET, MM, cases, home_kind, panel_mm, render, values_for

FACES = ("front", "inside_left", "inside_right", "back")
TOLERANCE = 1.0 * MM  # a folded sheet's quarter or half is up to 0.5 mm bigger than the panel


@dataclass
class Char:
    x: float  # centre, in the current frame
    y: float
    up: bool  # printed face towards the viewer
    dx: float  # reading direction (to the next character of the word)
    dy: float


def _reflect(chars: list[Char], axis: str, at: float, moving=lambda c: True) -> None:
    """Reflect the characters for which `moving` is true across the line x = at or y = at, and turn
    them over (a fold, or turning the paper over)."""
    for c in chars:
        if not moving(c):
            continue
        if axis == "x":
            c.x, c.dx = 2 * at - c.x, -c.dx
        else:
            c.y, c.dy = 2 * at - c.y, -c.dy
        c.up = not c.up


def _word_chars(pdf: bytes, word: str) -> list[tuple[int, list[tuple[float, float]]]]:
    """(page index, [char centres]) of each occurrence of `word`."""
    found = []
    document = pdfium.PdfDocument(pdf)
    try:
        for index, page in enumerate(document):
            textpage = page.get_textpage()
            searcher = textpage.search(word, match_case=True)
            while (hit := searcher.get_next()) is not None:
                start, count = hit
                boxes = [textpage.get_charbox(i, loose=True) for i in range(start, start + count)]
                found.append((index, [((b[0] + b[2]) / 2, (b[1] + b[3]) / 2) for b in boxes if b[2] > b[0]]))
    finally:
        document.close()
    return found


def _page_info(pdf: bytes) -> list[tuple[float, float, tuple[float, float, float, float]]]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [(*page.get_size(), tuple(page.get_trimbox())) for page in document]
    finally:
        document.close()


def _bare_words(text: str) -> list[str]:
    return [word.strip(".,;:!?’'\"“”") for word in text.split()]


def _markers(loaded) -> tuple[dict[str, tuple[str, object]], dict[str, str]]:
    """Words to look for -> (the face they belong on, their slot), and the field values that print
    them: a made-up word for each field, and for fixed text the longest word found nowhere else."""
    fixed_words = [
        word
        for _, panel in loaded.design.panels.items()
        for slot in panel.slots
        for part in slot.parts
        if part.text
        for word in _bare_words(part.text)
    ]
    markers = {}
    values = {}
    for face in FACES:
        for slot in getattr(loaded.design.panels, face).slots:
            for part in slot.parts:
                if part.field:
                    word = f"{part.field.upper().replace('_', '')}MARK"
                    values[part.field] = word
                    markers[word] = (face, slot)
                    continue
                unique = [word for word in _bare_words(part.text) if fixed_words.count(word) == 1 and len(word) > 2]
                if unique:
                    markers[max(unique, key=len)] = (face, slot)
    return markers, values


def _fold_to_blank(loaded, size: str, sheet: str, pdf: bytes, words: dict[str, list[Char]]):
    """Fold the printed sheet(s) into a blank (a two-sided card, still open); returns every character
    in the blank's frame (origin at its bottom-left, printed outside facing up), and its size."""
    fold = loaded.design.fold
    w, h = (v * MM for v in panel_mm(loaded, size))
    pages = _page_info(pdf)
    width, height, trim = pages[0]
    kind = home_kind(loaded, size, sheet)
    everything = [c for chars in words.values() for c in chars]
    spread_w, spread_h = (2 * w, h) if fold == "side" else (w, 2 * h)
    if kind in ("half", "sheet"):
        # Page 2's characters: behind page 1, mirrored along the long side (flip on short edge).
        back = [c for c in everything if not c.up]
        for c in back:
            c.up = True  # put them on page 1's frame first, as printed, then turn them under
        _reflect(back, "x" if width > height else "y", (width if width > height else height) / 2)
        # A half-fold card is cut out on its TrimBox; a folded sheet is the card, its hinge the
        # sheet's middle line.
        blank = (trim[0], trim[1]) if kind == "half" else ((width - spread_w) / 2, (height - spread_h) / 2)
    else:
        # Quarter-fold: fold the half that is not the blank behind, across the hinge.
        cx, cy = width / 2, height / 2
        if fold == "side":  # hinge vertical: first fold across y = H/2, top half behind
            _reflect(everything, "y", cy, moving=lambda c: c.y > cy)
            blank = (cx - w, cy - h)
        else:  # hinge horizontal: first fold across x = W/2, right half behind
            _reflect(everything, "x", cx, moving=lambda c: c.x > cx)
            blank = (cx - w, cy - h)
    for c in everything:
        c.x -= blank[0]
        c.y -= blank[1]
    return everything, spread_w, spread_h


MOVES = {  # ways to lay the blank down: reflections about its centre lines
    "as it is": (),
    "turned half round on the table": ("x", "y"),
    "turned over about the vertical": ("x",),
    "turned over about the horizontal": ("y",),
}


def _read_card(loaded, size, words, spread_w, spread_h, move):
    """Lay the blank down by `move`, then read each word's face and face coordinates."""
    fold = loaded.design.fold
    w, h = (v * MM for v in panel_mm(loaded, size))
    placed = {}
    for word, chars in words.items():
        moved = [Char(c.x, c.y, c.up, c.dx, c.dy) for c in chars]
        for axis in move:
            _reflect(moved, axis, spread_w / 2 if axis == "x" else spread_h / 2)
        placed[word] = [_to_face(c, fold, w, h) for c in moved]
    return placed


def _to_face(c: Char, fold: str, w: float, h: float) -> tuple[str, Char]:
    """Which face a character is on, and where, in that face's upright coordinates (origin at the
    face's bottom-left), from the blank lying outside up with the front upright."""
    if c.up:
        if fold == "side":
            if c.x >= w:
                return "front", Char(c.x - w, c.y, True, c.dx, c.dy)
            return "back", Char(c.x, c.y, True, c.dx, c.dy)  # folded under, then turned over: unchanged
        if c.y < h:
            return "front", Char(c.x, c.y, True, c.dx, c.dy)
        # Top fold: folded under across y = h, turned over about the vertical: a half turn.
        return "back", Char(w - c.x, 2 * h - c.y, True, -c.dx, -c.dy)
    # Inside: turn the blank over about the hinge.
    if fold == "side":
        x, y, dx, dy = 2 * w - c.x, c.y, -c.dx, c.dy
        return ("inside_left", Char(x, y, True, dx, dy)) if x < w else ("inside_right", Char(x - w, y, True, dx, dy))
    x, y, dx, dy = c.x, 2 * h - c.y, c.dx, -c.dy
    return ("inside_left", Char(x, y - h, True, dx, dy)) if y >= h else ("inside_right", Char(x, y, True, dx, dy))


HOME_CASES = [
    (slug, size, layout)
    for slug, size, layout in cases(tuple(HOME_SHEET))
    if home_kind(DESIGNS[slug], size, HOME_SHEET[layout]) is not None
]


@pytest.mark.parametrize(("slug", "size", "layout"), HOME_CASES)
def test_each_panels_words_land_on_its_face_the_right_way_up(slug, size, layout):
    from cardshop.render.card import render_card
    from cardshop.render.options import RenderOptions

    loaded = DESIGNS[slug]
    markers, values = _markers(loaded)
    pdf = render_card(loaded.folder, loaded.design, values, RenderOptions(layout=layout, size=size))
    sheet = HOME_SHEET[layout]
    kind = home_kind(loaded, size, sheet)
    words: dict[str, list[Char]] = {}
    for word in markers:
        hits = _word_chars(pdf, word)
        assert len(hits) == 1, f"{word!r} should print exactly once, found {len(hits)}"
        page, centres = hits[0]
        assert len(centres) >= 2
        (x0, y0), (x1, y1) = centres[0], centres[-1]
        words[word] = [Char(x, y, page == 0, x1 - x0, y1 - y0) for x, y in centres]
        if kind == "quarter":
            # The half that ends up outside is printed turned: its words run right to left.
            face = markers[word][0]
            turned = face == "front" or (face == "back" and loaded.design.fold == "side")
            assert (x1 < x0) == turned, f"{word!r} should {'' if turned else 'not '}be turned on the sheet"
    _, spread_w, spread_h = _fold_to_blank(loaded, size, sheet, pdf, words)
    w, h = (v * MM for v in panel_mm(loaded, size))
    first_w, first_h = panel_mm(loaded, loaded.design.sizes[0])
    scale_x, scale_y = w / (first_w * MM), h / (first_h * MM)
    # Whichever way up the folded card is held, every word must then be on its face, upright, in
    # its box. (The card is the same object turned round, so one way is enough.)
    failures = {}
    for name, move in MOVES.items():
        problems = []
        for word, chars in _read_card(loaded, size, words, spread_w, spread_h, move).items():
            face, slot = markers[word]
            left = slot.x * MM * scale_x - TOLERANCE
            right = (slot.x + slot.width) * MM * scale_x + TOLERANCE
            top = h - slot.y * MM * scale_y + TOLERANCE
            bottom = h - (slot.y + slot.height) * MM * scale_y - TOLERANCE
            for landed, c in chars:
                if landed != face:
                    problems.append(f"{word!r} lands on the {landed}, not the {face}")
                elif not (c.dx > 0 and abs(c.dy) <= 0.05 * c.dx):
                    problems.append(f"{word!r} does not read upright on the {face}")
                elif not (left <= c.x <= right and bottom <= c.y <= top):
                    problems.append(f"{word!r} is outside its box on the {face}")
        if not problems:
            return
        failures[name] = sorted(set(problems))
    pytest.fail(f"no way to hold the folded card reads right: {failures}")


@pytest.mark.parametrize(("slug", "size", "layout"), HOME_CASES)
def test_nothing_prints_in_the_margin_home_printers_cannot_reach(slug, size, layout):
    pdf = render(slug, size, layout)
    margin = {"A4": 6.0, "Letter": 6.35}[HOME_SHEET[layout]]
    scale = 4 / MM  # 4 px per mm
    document = pdfium.PdfDocument(pdf)
    try:
        for index, page in enumerate(document):
            image = page.render(scale=scale).to_pil().convert("L")
            inner = round((margin - 0.25) * 4)  # a quarter-millimetre for anti-aliasing
            width, height = image.size
            bands = [(0, 0, width, inner), (0, height - inner, width, height), (0, 0, inner, height)]
            bands.append((width - inner, 0, width, height))
            for band in bands:
                darkest = image.crop(band).getextrema()[0]
                assert darkest >= 254, f"page {index + 1}: ink within {margin} mm of the sheet's edge"
    finally:
        document.close()


HALF_CASES = [
    (slug, size, layout)
    for slug, size, layout in HOME_CASES
    if home_kind(DESIGNS[slug], size, HOME_SHEET[layout]) == "half"
]


@pytest.mark.parametrize(("slug", "size", "layout"), HALF_CASES)
def test_half_fold_guides_instruction_and_reference_line_are_outside_the_card(slug, size, layout):
    pdf = render(slug, size, layout)
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        bleed = page.get_bleedbox()
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        assert "100%" in text and "two-sided" in text and "short edge" in text
        assert "This line is 100 mm" in text
        # Every character of the small print sits outside the card and its bleed.
        for word in ("two-sided", "100 mm"):
            start, count = textpage.search(word, match_case=True).get_next()
            for i in range(start, start + count):
                left, bottom, right, top = textpage.get_charbox(i)
                assert top < bleed[1] or bottom > bleed[3] or right < bleed[0] or left > bleed[2]
        # Measure the reference line on a raster: 100 mm long.
        scale = 10 / MM  # 10 px per mm
        image = page.render(scale=scale).to_pil().convert("L")
        start, _ = textpage.search("This line is 100 mm", match_case=True).get_next()
        label_left, label_bottom, _, label_top = textpage.get_charbox(start)
        row = round((page.get_size()[1] - (label_bottom + label_top) / 2) * scale)
        # The line is the longest dark run within a millimetre of the label's middle.
        longest = 0
        for y in range(row - 10, row + 11):
            run = best = 0
            for x in range(0, round(label_left * scale)):
                run = run + 1 if image.getpixel((x, y)) < 128 else 0
                best = max(best, run)
            longest = max(longest, best)
        assert longest / 10 == pytest.approx(100, abs=0.3), "the reference line must be 100 mm at 100%"
        # Cut and fold guides: solid and dashed lines outside the bleed (page objects beyond the BleedBox).
        outside = []
        # Top-level objects only: PDFium gives objects inside the artwork's form XObject in the
        # form's own space, which would count art as marks.
        for obj in page.get_objects(max_depth=0):
            left, bottom, right, top = obj.get_bounds()
            if right < bleed[0] or left > bleed[2] or top < bleed[1] or bottom > bleed[3]:
                outside.append(obj)
        assert len(outside) >= 8 + 2, "8 cut marks and 2 fold marks outside the card"
    finally:
        document.close()


def test_page_two_sits_behind_page_one():
    """Flip on short edge: the inside's TrimBox is page 1's, mirrored along the long side."""
    for slug, size, layout in HALF_CASES:
        pages = _page_info(render(slug, size, layout))
        (width, height, outside), (_, _, inside) = pages
        if width > height:
            mirrored = (width - outside[2], outside[1], width - outside[0], outside[3])
        else:
            mirrored = (outside[0], height - outside[3], outside[2], height - outside[1])
        assert inside == pytest.approx(mirrored, abs=0.01)


SHEET_IS_CARD_CASES = [
    (slug, size, layout)
    for slug, size, layout in HOME_CASES
    if home_kind(DESIGNS[slug], size, HOME_SHEET[layout]) in ("quarter", "sheet")
]
PROBE = (40, 90, 200)  # every panel painted this colour, without art or words, shows where paint goes
PX_PER_MM = 10


def _painted(slug: str, size: str, layout: str) -> list[tuple[float, float, list[tuple[float, ...]]]]:
    """Each page's (width, height, painted rectangles in mm, one per face, origin top-left) for the
    design with every panel a flat colour instead of its art (the words stay, in their own colours,
    and don't count): the sheet is cut into its faces along its middle lines (it is folded there)
    and the painted pixels' bounding box found in each."""
    from cardshop.render.card import render_card
    from cardshop.render.options import RenderOptions

    loaded = DESIGNS[slug]
    panels = {
        face: getattr(loaded.design.panels, face).model_copy(update={"art": None, "background": "#285ac8"})
        for face in FACES
    }
    design = loaded.design.model_copy(update={"panels": loaded.design.panels.model_copy(update=panels)})
    pdf = render_card(loaded.folder, design, values_for(loaded), RenderOptions(layout=layout, size=size))
    kind = home_kind(loaded, size, HOME_SHEET[layout])
    found = []
    document = pdfium.PdfDocument(pdf)
    try:
        for page in document:
            image = page.render(scale=PX_PER_MM / MM).to_pil().convert("RGB")
            probe = Image.new("RGB", image.size, PROBE)
            distance = ImageChops.difference(image, probe).convert("L")
            mask = distance.point(lambda v: 255 if v < 40 else 0)
            width, height = image.size
            if kind == "quarter":
                columns, rows = 2, 2
            else:  # a folded sheet: halves across its long side
                columns, rows = (2, 1) if width > height else (1, 2)
            rects = []
            for col in range(columns):
                for row in range(rows):
                    face = (col * width // columns, row * height // rows)
                    face_end = ((col + 1) * width // columns, (row + 1) * height // rows)
                    box = mask.crop((*face, *face_end)).getbbox()
                    assert box, "every face is painted"
                    rects.append(
                        (
                            (face[0] + box[0]) / PX_PER_MM,
                            (face[1] + box[1]) / PX_PER_MM,
                            (face[0] + box[2]) / PX_PER_MM,
                            (face[1] + box[3]) / PX_PER_MM,
                        )
                    )
            found.append((width / PX_PER_MM, height / PX_PER_MM, rects))
    finally:
        document.close()
    return found


@pytest.mark.parametrize(("slug", "size", "layout"), SHEET_IS_CARD_CASES)
def test_sheets_that_are_the_card_give_each_face_an_even_border_and_page_two_lies_behind_page_one(slug, size, layout):
    """Where the folded sheet is the card, each face's picture stops the printer's margin inside every
    edge of the face (its fold included), give or take the half-millimetre by which the sheet's part
    is bigger than the panel; and on a two-sided sheet page 2's faces are exactly behind page 1's."""
    margin = {"A4": 6.0, "Letter": 6.35}[HOME_SHEET[layout]]
    pages = _painted(slug, size, layout)
    for index, (width, height, rects) in enumerate(pages):
        faces = len(rects)
        columns = 2 if faces == 4 or width > height else 1
        rows = faces // columns
        face_w, face_h = width / columns, height / rows
        for n, (left, top, right, bottom) in enumerate(rects):
            col, row = divmod(n, rows)
            borders = (
                left - col * face_w,
                top - row * face_h,
                (col + 1) * face_w - right,
                (row + 1) * face_h - bottom,
            )
            for border in borders:
                # One pixel either way for the raster, plus the sheet's spare half-millimetre.
                assert margin - 0.15 <= border <= margin + 0.5 + 0.15, (
                    f"page {index + 1}, face {n + 1}: borders {borders} mm, not an even {margin} mm"
                )
    if len(pages) == 2:
        (width, height, outside), (_, _, inside) = pages
        if width > height:  # flip on the short edge: mirrored along the long side
            mirrored = [(width - right, top, width - left, bottom) for left, top, right, bottom in inside]
        else:
            mirrored = [(left, height - bottom, right, height - top) for left, top, right, bottom in inside]
        for rect in outside:
            assert any(max(abs(a - b) for a, b in zip(rect, other, strict=True)) <= 0.1 for other in mirrored), (
                f"page 1's face {rect} has nothing exactly behind it on page 2: {mirrored}"
            )
