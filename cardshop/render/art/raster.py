"""Reading raster artwork (PNG, JPEG) with a hard cap on pixel count against decompression bombs.

`check_raster` reads only the file's header (and, for PNG, its chunk checksums), so the catalogue can
refuse a bomb or a broken file when it loads, before any pixel is decoded.
"""

from __future__ import annotations

import struct
import warnings
from pathlib import Path

from PIL import Image
from reportlab.lib.utils import ImageReader

MAX_PIXELS = 60_000_000  # a 5x7 in spread at 600 dpi is about 25 million
MAX_SIDE = 12_000
FORMATS = ("PNG", "JPEG")

# What Pillow raises for files that are not images, are truncated or lie in their headers.
_UNREADABLE = (OSError, ValueError, SyntaxError, EOFError, struct.error)


class RasterError(Exception):
    """An image that is unreadable or too large."""


def check_raster(path: Path) -> tuple[int, int]:
    """Width and height in pixels, refusing bombs, other formats and broken files before any pixel is decoded."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as image:
                width, height = image.size
                kind = image.format
                if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                    raise RasterError(
                        f"{path}: the image is {width} x {height} px; the most allowed is {MAX_PIXELS:,} pixels "
                        f"and {MAX_SIDE:,} px a side"
                    )
                if kind not in FORMATS:
                    raise RasterError(f"{path}: the file is {kind or 'an unknown format'}, not PNG or JPEG")
                image.verify()  # PNG: chunk checksums; cheap, decodes no pixels
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise RasterError(f"{path}: the image has too many pixels") from None
        except _UNREADABLE as error:
            raise RasterError(f"{path}: not a readable image ({error.__class__.__name__})") from None
    return width, height


def image_size(path: Path) -> tuple[int, int]:
    """Width and height in pixels (see `check_raster`)."""
    return check_raster(path)


def read_raster(path: Path) -> ImageReader:
    check_raster(path)
    try:
        return ImageReader(str(path))
    except _UNREADABLE as error:
        raise RasterError(f"{path}: not a readable image ({error.__class__.__name__})") from None
