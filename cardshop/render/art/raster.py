"""Reading raster artwork (PNG, JPEG) with a hard cap on pixel count against decompression bombs.

`check_raster` reads the file's header first, so the catalogue refuses a bomb before any pixel is
decoded; then it decodes the image (a JPEG at an eighth of its size, which still reads all of its
data), so a truncated file or corrupt data is refused when the catalogue loads, not in a sender's
render. Only regular files are read (a FIFO named like artwork would block the worker).
"""

from __future__ import annotations

import io
import struct
import threading
import warnings
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, ImageFile
from reportlab.lib.utils import ImageReader

from cardshop.design.paths import read_regular_file

MAX_PIXELS = 60_000_000  # a 5x7 in spread at 600 dpi is about 25 million
MAX_SIDE = 12_000
MAX_RASTER_BYTES = 64_000_000
FORMATS = ("PNG", "JPEG")

# What Pillow raises for files that are not images, are truncated or lie in their headers.
_UNREADABLE = (OSError, ValueError, SyntaxError, EOFError, struct.error)


class RasterError(Exception):
    """An image that is unreadable or too large."""


_strict_lock = threading.Lock()


@contextmanager
def _strict_decoding():
    """Pillow's truncated-image tolerance off while we decode: WeasyPrint (the proof sheets) turns it
    on for the whole process when it is imported."""
    with _strict_lock:
        saved = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = saved


def check_raster(path: Path) -> tuple[int, int]:
    """Width and height in pixels, refusing bombs, other formats and broken or truncated files."""
    return _checked(path, read_raster_bytes(path))


def read_raster_bytes(path: Path) -> bytes:
    try:
        return read_regular_file(path, MAX_RASTER_BYTES)
    except OSError as error:
        raise RasterError(f"{path}: cannot read the file ({error.strerror or error})") from None


def _checked(path: Path, data: bytes) -> tuple[int, int]:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                kind = image.format
                if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                    raise RasterError(
                        f"{path}: the image is {width} x {height} px; the most allowed is {MAX_PIXELS:,} pixels "
                        f"and {MAX_SIDE:,} px a side"
                    )
                if kind not in FORMATS:
                    raise RasterError(f"{path}: the file is {kind or 'an unknown format'}, not PNG or JPEG")
                image.verify()  # PNG: chunk checksums
            with Image.open(io.BytesIO(data)) as image, _strict_decoding():
                if kind == "JPEG":
                    image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                image.load()  # every byte of image data decoded: truncation and corruption show here
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise RasterError(f"{path}: the image has too many pixels") from None
        except _UNREADABLE as error:
            raise RasterError(
                f"{path}: not a readable image, truncated or corrupt ({error.__class__.__name__})"
            ) from None
    return width, height


def image_size(path: Path) -> tuple[int, int]:
    """Width and height in pixels (see `check_raster`)."""
    return check_raster(path)


def read_raster(path: Path) -> tuple[ImageReader, bytes]:
    """The checked image, and the file's bytes (read once, as a regular file)."""
    data = read_raster_bytes(path)
    _checked(path, data)
    try:
        return ImageReader(io.BytesIO(data)), data
    except _UNREADABLE as error:
        raise RasterError(f"{path}: not a readable image ({error.__class__.__name__})") from None
