"""A contact sheet of the whole collection: every design's front, and its inside spread, with sample words.

    .venv/bin/python scripts/contact_sheet.py                  # docs/images/contact-sheet.png
    .venv/bin/python scripts/contact_sheet.py --dpi 300 --out /tmp/look   # one 300 dpi PNG per panel

The pictures are cut from the card's own print PDF (the same render the shop sends to the printer),
so the sheet shows exactly what prints. With `--out` a folder, each design's front and inside spread
is also written at the given resolution, for looking at closely.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from cardshop.design.loader import TEMPLATES_DIR  # noqa: E402
from cardshop.studio.catalogue import load_catalog  # noqa: E402
from cardshop.studio.panel_images import render_panels  # noqa: E402
from cardshop.studio.samples import TYPICAL  # noqa: E402

SHEET = ROOT / "docs" / "images" / "contact-sheet.png"
CELL_HEIGHT = 240  # px per panel on the sheet
COLUMNS = 3  # designs per row (each a front and an inside spread)
GAP = 14
LABEL = 22
PAPER = (236, 233, 227)
INK = (60, 58, 54)
FONT = ROOT / "fonts"


def _label_font() -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in sorted(FONT.rglob("Lato-Regular.ttf")):
        return ImageFont.truetype(str(path), 15)
    return ImageFont.load_default()


def trimmed(picture) -> Image.Image:
    return picture.image.crop(picture.trim_box())


def panels(loaded, px_per_mm: float, outside: bool = False) -> tuple[Image.Image, Image.Image]:
    """The trimmed front, and the trimmed inside spread as it opens (or, with `outside`, the outside
    spread as it is printed: back beside or above the front)."""
    values = {name: value for name, value in TYPICAL.items() if name in loaded.design.fields}
    _, images = render_panels(loaded.folder, loaded.design, values, loaded.design.sizes[0], px_per_mm)
    front = trimmed(images["front"])
    left, right = trimmed(images["inside_left"]), trimmed(images["inside_right"])
    if outside:
        left, right = trimmed(images["back"]), front
        if loaded.design.fold == "top":
            left = left.rotate(180)
    if loaded.design.fold == "side":
        spread = Image.new("RGB", (left.width + right.width, max(left.height, right.height)), "white")
        spread.paste(left, (0, 0))
        spread.paste(right, (left.width, 0))
    else:
        spread = Image.new("RGB", (max(left.width, right.width), left.height + right.height), "white")
        spread.paste(left, (0, 0))
        spread.paste(right, (0, left.height))
    return front, spread


def fit_height(image: Image.Image, height: int) -> Image.Image:
    width = round(image.width * height / image.height)
    return image.resize((width, height), Image.Resampling.LANCZOS)


def shaded(image: Image.Image) -> Image.Image:
    """A hairline round the panel, so pale paper shows on the pale sheet."""
    image = image.copy()
    ImageDraw.Draw(image).rectangle((0, 0, image.width - 1, image.height - 1), outline=(200, 196, 188))
    return image


def build_sheet(designs, px_per_mm: float = 3.0) -> Image.Image:
    tiles = []
    for loaded in designs:
        front, spread = panels(loaded, px_per_mm)
        front, spread = shaded(fit_height(front, CELL_HEIGHT)), shaded(fit_height(spread, CELL_HEIGHT))
        tile = Image.new("RGB", (front.width + GAP + spread.width, CELL_HEIGHT + LABEL), PAPER)
        tile.paste(front, (0, LABEL))
        tile.paste(spread, (front.width + GAP, LABEL))
        ImageDraw.Draw(tile).text((0, 2), loaded.design.name, fill=INK, font=_label_font())
        tiles.append(tile)
    tile_width = max(tile.width for tile in tiles)
    rows = (len(tiles) + COLUMNS - 1) // COLUMNS
    sheet = Image.new(
        "RGB",
        (COLUMNS * tile_width + (COLUMNS + 1) * GAP * 2, rows * (CELL_HEIGHT + LABEL + GAP * 2) + GAP * 2),
        PAPER,
    )
    for index, tile in enumerate(tiles):
        row, column = divmod(index, COLUMNS)
        sheet.paste(tile, (GAP * 2 + column * (tile_width + GAP * 2), GAP * 2 + row * (CELL_HEIGHT + LABEL + GAP * 2)))
    return sheet


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slugs", nargs="*", help="designs to include (default: all)")
    parser.add_argument("--out", type=Path, help="also write each front and inside spread here")
    parser.add_argument("--dpi", type=float, default=300, help="resolution of the pictures in --out")
    parser.add_argument("--sheet", type=Path, default=SHEET, help="where to write the contact sheet")
    args = parser.parse_args(argv)
    catalog = load_catalog(TEMPLATES_DIR)
    designs = sorted(catalog.designs.values(), key=lambda loaded: loaded.design.name.lower())
    if args.slugs:
        designs = [loaded for loaded in designs if loaded.slug in args.slugs]
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for loaded in designs:
            front, spread = panels(loaded, args.dpi / 25.4)
            front.save(args.out / f"{loaded.slug}-front.png")
            spread.save(args.out / f"{loaded.slug}-inside.png")
            panels(loaded, args.dpi / 25.4, outside=True)[1].save(args.out / f"{loaded.slug}-outside.png")
        return 0
    build_sheet(designs).save(args.sheet, optimize=True)
    print(f"{args.sheet}: {len(designs)} designs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
