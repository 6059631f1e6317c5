"""Reading raster artwork (PNG, JPEG) with a hard cap on pixel count against decompression bombs."""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image
from reportlab.lib.utils import ImageReader

MAX_PIXELS = 60_000_000  # a 5x7 in spread at 600 dpi is about 25 million
MAX_SIDE = 12_000


class RasterError(Exception):
    """An image that is unreadable or too large."""


def image_size(path: Path) -> tuple[int, int]:
    """Width and height in pixels, refusing bombs before any pixel is decoded."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as image:
                width, height = image.size
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise RasterError(f"{path}: the image has too many pixels") from None
        except OSError as error:
            raise RasterError(f"{path}: not a readable image ({error})") from None
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        raise RasterError(f"{path}: the image is {width} x {height} px; the most allowed is {MAX_PIXELS:,} pixels")
    return width, height


def read_raster(path: Path) -> ImageReader:
    image_size(path)
    return ImageReader(str(path))
