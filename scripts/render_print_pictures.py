"""Render the pictures of each layout: for the printing guide page (cardshop/web/static/guide/) and
for docs/printing.md (docs/images/). Run from the repository root after a change to the layouts:

    .venv/bin/python scripts/render_print_pictures.py

The pictures are rasterisations of real renders (the same code the site uses) of shipped designs
with sample words, so they always show what a sender will get.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

from cardshop.design.loader import TEMPLATES_DIR  # noqa: E402
from cardshop.render.card import render_card  # noqa: E402
from cardshop.render.options import RenderOptions  # noqa: E402
from cardshop.studio.catalogue import load_catalog  # noqa: E402
from cardshop.studio.samples import TYPICAL  # noqa: E402

GUIDE = ROOT / "cardshop" / "web" / "static" / "guide"
DOCS = ROOT / "docs" / "images"
GUIDE_WIDTH = 720  # px per sheet on the guide page
DOCS_HEIGHT = 420  # px per page in the docs pictures
GAP = 16
ADDRESS = "Sam and Alex Rivers\n12 Orchard Lane\nLittle Hadham\nHertfordshire SG11 2AB"
RETURN_ADDRESS = "Jo Bell\n3 Mill Row\nYork YO1 7HH"


def render(slug: str, layout: str, size: str, crop_marks: bool = False) -> bytes:
    loaded = load_catalog(TEMPLATES_DIR).designs[slug]
    values = {name: value for name, value in TYPICAL.items() if name in loaded.design.fields}
    values.update(address=ADDRESS, return_address=RETURN_ADDRESS)
    options = RenderOptions(layout=layout, size=size, crop_marks=crop_marks)
    return render_card(loaded.folder, loaded.design, values, options)


def pages(pdf: bytes, width: int | None = None, height: int | None = None) -> list[Image.Image]:
    document = pdfium.PdfDocument(pdf)
    try:
        images = []
        for page in document:
            page_width, page_height = page.get_size()
            scale = width / page_width if width else height / page_height
            images.append(page.render(scale=scale).to_pil().convert("RGB"))
        return images
    finally:
        document.close()


def framed(image: Image.Image) -> Image.Image:
    """A thin grey line round the page, so a white sheet shows on a white page."""
    image = image.copy()
    ImageDraw.Draw(image).rectangle((0, 0, image.width - 1, image.height - 1), outline="#b9b2a8")
    return image


def side_by_side(images: list[Image.Image]) -> Image.Image:
    width = sum(image.width for image in images) + GAP * (len(images) - 1)
    height = max(image.height for image in images)
    canvas = Image.new("RGB", (width, height), "#ffffff")
    x = 0
    for image in images:
        canvas.paste(framed(image), (x, 0))
        x += image.width + GAP
    return canvas


def save(image: Image.Image, path: Path) -> None:
    """PNG with a 256-colour palette: these pastel pages lose nothing visible and shrink 3-4 times."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        buffer, "PNG", optimize=True
    )
    path.write_bytes(buffer.getvalue())
    print(f"{path.relative_to(ROOT)}: {image.width} x {image.height} px, {len(buffer.getvalue()) // 1024} KB")


def main() -> None:
    # The guide page: the home sheets, one picture per printed side.
    quarter = render("forget-me-nots", "home-a4", "A6")
    save(framed(pages(quarter, width=GUIDE_WIDTH)[0]), GUIDE / "quarter-fold-a4.png")
    half = pages(render("forget-me-nots", "home-letter", "A6"), width=GUIDE_WIDTH)
    save(framed(half[0]), GUIDE / "half-fold-letter-outside.png")
    save(framed(half[1]), GUIDE / "half-fold-letter-inside.png")
    folded = render("forget-me-nots", "home-a4", "A5")
    folded_pages = pages(folded, width=GUIDE_WIDTH)
    save(framed(folded_pages[0]), GUIDE / "folded-sheet-a4-outside.png")
    save(framed(folded_pages[1]), GUIDE / "folded-sheet-a4-inside.png")

    # docs/printing.md: every layout.
    save(
        side_by_side(pages(render("dusk-moon", "pro", "A6", crop_marks=True), height=DOCS_HEIGHT)),
        DOCS / "layout-pro.png",
    )
    save(side_by_side(pages(render("dusk-moon", "pro-pages", "A6"), height=DOCS_HEIGHT)), DOCS / "layout-pro-pages.png")
    save(side_by_side(pages(quarter, height=DOCS_HEIGHT * 3 // 2)), DOCS / "layout-home-a4-quarter-fold.png")
    save(side_by_side(pages(folded, height=DOCS_HEIGHT)), DOCS / "layout-home-a4-folded-sheet.png")
    save(
        side_by_side(pages(render("paper-boat", "home-a4", "A5"), height=DOCS_HEIGHT * 3 // 2)),
        DOCS / "layout-home-a4-folded-sheet-top-fold.png",
    )
    save(
        side_by_side(pages(render("dusk-moon", "home-a4", "5x7"), height=DOCS_HEIGHT)),
        DOCS / "layout-home-a4-half-fold.png",
    )
    save(
        side_by_side(pages(render("forget-me-nots", "home-letter", "A6"), height=DOCS_HEIGHT)),
        DOCS / "layout-home-letter-half-fold.png",
    )
    save(side_by_side(pages(render("dusk-moon", "flat", "A6"), height=DOCS_HEIGHT)), DOCS / "layout-flat.png")
    save(
        side_by_side(pages(render("forget-me-nots", "envelope", "A6"), height=DOCS_HEIGHT * 3 // 4)),
        DOCS / "layout-envelope.png",
    )


if __name__ == "__main__":
    main()
