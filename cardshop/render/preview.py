"""Preview images: rasterisations of the very PDF a sender downloads.

PDFium is not thread-safe, not even across documents, so every call into it holds one lock.
Images are cropped to the trimmed panels, so what the sender sees is what is left after cutting.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from functools import lru_cache

import pypdfium2 as pdfium
from PIL import ImageCms

from cardshop.render.geometry import CardGeometry

_PDFIUM_LOCK = threading.Lock()
PREVIEW_WIDTH = 600  # px, for one panel


@dataclass(frozen=True)
class PreviewImage:
    name: str  # "front", "inside", "back"
    data: bytes
    mime: str
    width: int
    height: int


def rasterise(pdf: bytes, page_index: int, region: tuple[float, float, float, float], width_px: int, rotate: int = 0):
    """Render `region` (x0, y0, x1, y1 in PDF points) of a page at `width_px` wide; returns a PIL image."""
    x0, y0, x1, y1 = region
    with _PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            page = document[page_index]
            page_width, page_height = page.get_size()
            scale = width_px / (x1 - x0)
            bitmap = page.render(scale=scale, crop=(x0, y0, page_width - x1, page_height - y1))
            image = bitmap.to_pil()
            page.close()
        finally:
            document.close()
    return image.rotate(rotate) if rotate else image


def rasterise_alpha(pdf: bytes, page_index: int, scale: float):
    """A whole page on a transparent background (RGBA PIL image): what is painted and what is not."""
    with _PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            page = document[page_index]
            image = page.render(scale=scale, fill_color=(0, 0, 0, 0)).to_pil().convert("RGBA")
            page.close()
        finally:
            document.close()
    return image


@lru_cache(maxsize=1)
def srgb_profile_bytes() -> bytes:
    """The sRGB ICC profile, to embed in every picture we hand out: PDFium renders in sRGB."""
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def trim_box(pdf: bytes, page_index: int) -> tuple[float, float, float, float]:
    with _PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            return tuple(document[page_index].get_trimbox())
        finally:
            document.close()


def encode(image, name: str, fmt: str = "JPEG") -> PreviewImage:
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(buffer, "JPEG", quality=85, optimize=False)
        mime = "image/jpeg"
    else:
        image.save(buffer, "PNG")
        mime = "image/png"
    return PreviewImage(name, buffer.getvalue(), mime, image.width, image.height)


def pro_panel_regions(
    pdf: bytes, geometry: CardGeometry
) -> dict[str, tuple[int, tuple[float, float, float, float], int]]:
    """Where the front, inside spread and back sit in a `pro` PDF: page, region and turn to read upright."""
    ox0, oy0, ox1, oy1 = trim_box(pdf, 0)
    ix0, iy0, ix1, iy1 = trim_box(pdf, 1)
    if geometry.fold == "side":
        middle = (ox0 + ox1) / 2
        return {
            "front": (0, (middle, oy0, ox1, oy1), 0),
            "inside": (1, (ix0, iy0, ix1, iy1), 0),
            "back": (0, (ox0, oy0, middle, oy1), 0),
        }
    middle = (oy0 + oy1) / 2
    return {
        "front": (0, (ox0, oy0, ox1, middle), 0),
        "inside": (1, (ix0, iy0, ix1, iy1), 0),
        "back": (0, (ox0, middle, ox1, oy1), 180),
    }


def card_previews(pdf: bytes, geometry: CardGeometry, panel_width_px: int = PREVIEW_WIDTH) -> list[PreviewImage]:
    """Front, inside and back images from a `pro` PDF; each panel is `panel_width_px` wide."""
    images = []
    for name, (page, region, turn) in pro_panel_regions(pdf, geometry).items():
        panels_across = 2 if (name == "inside" and geometry.fold == "side") else 1
        image = rasterise(pdf, page, region, panel_width_px * panels_across, turn)
        images.append(encode(image, name))
    return images
