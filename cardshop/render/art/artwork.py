"""Artwork: load a panel's SVG or raster file once, then draw it to cover a rectangle.

SVG goes through svglib into a ReportLab drawing; PNG and JPEG are placed as images. Each file is
also prepared once as a PDF XObject (see xobjects.py) whose encoded bytes every document reuses:
drawing an SVG shape by shape, or compressing an image, in every render was most of a card's render
time. Loaded art is kept in a least-recently-used cache bounded by bytes (ART_CACHE_BYTES) and keyed
by path, size and modification time, so a designer's edit shows up on the next render while
repeated renders reuse the prepared file.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from cardshop.design.paths import UnsafePath, resolve_inside
from cardshop.render.art.raster import RasterError, check_raster, read_raster
from cardshop.render.art.svg import SvgError, check_svg, read_svg_source
from cardshop.render.art.xobjects import CachedXObject, NotReusable, form_from_drawing, image_from_file
from cardshop.render.geometry import Rect
from cardshop.render.memo import MB, ByteBoundedLRU

RASTER_SUFFIXES = (".png", ".jpg", ".jpeg")
VECTOR_SUFFIXES = (".svg",)
ART_SUFFIXES = RASTER_SUFFIXES + VECTOR_SUFFIXES
# Room for every artwork file at once: the collection's 87 files weigh about 11 MB as estimated
# below (docs/performance.md), so cycling through every design never reads art twice.
ART_CACHE_BYTES = 48 * MB
# A parsed SVG drawing weighs about 10 to 25 times its file (measured with tracemalloc over the
# collection); a picture keeps its file's bytes. Both keep their prepared XObject's bytes.
_SVG_WEIGHT_PER_BYTE = 20
_ENTRY_OVERHEAD = 8 * 1024


class ArtError(Exception):
    """Artwork that cannot be read or is not allowed."""


# What the art readers raise for a file that is missing, cut short or no longer allowed, and what
# finding it raises when it has become a symlink out of the design's folder.
ART_ERRORS = (ArtError, SvgError, RasterError, UnsafePath)


@dataclass(frozen=True)
class Art:
    path: Path
    width: float  # intrinsic size: points for SVG, pixels for raster
    height: float
    drawing: Drawing | None = None
    image: ImageReader | None = None
    xobject: CachedXObject | None = None  # prepared once; None when it can't be reused (drawn directly)

    @property
    def is_raster(self) -> bool:
        return self.image is not None


_cache = ByteBoundedLRU(ART_CACHE_BYTES)
# ReportLab's renderer writes bookkeeping attributes (`_parent`, ...) onto the drawing it draws and
# deletes them afterwards, so one cached drawing must not be drawn by two threads at once.
DRAW_LOCK = threading.Lock()


def load_art(path: Path) -> Art:
    """Parse the artwork file, reusing a cached copy while the file is unchanged."""
    try:
        stat = path.stat()
    except OSError as error:
        raise ArtError(f"{path}: cannot read the artwork ({error.strerror})") from None
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    art = _cache.get(key)
    if art is None:
        art = _parse(path)
        _cache.put(key, art, art_weight(art, stat.st_size))
    return art


def art_weight(art: Art, file_bytes: int) -> int:
    """Estimated bytes a loaded artwork keeps in memory (see the constants above)."""
    kept = file_bytes * (_SVG_WEIGHT_PER_BYTE if art.drawing is not None else 1)
    return _ENTRY_OVERHEAD + kept + (art.xobject.weight if art.xobject is not None else 0)


def _parse(path: Path) -> Art:
    suffix = path.suffix.lower()
    if suffix in VECTOR_SUFFIXES:
        drawing, source = read_svg_source(path)
        try:
            form = form_from_drawing(drawing, drawing.initialFontName, source)
        except NotReusable:
            form = None
        return Art(path, drawing.width, drawing.height, drawing=drawing, xobject=form)
    if suffix in RASTER_SUFFIXES:
        image, data = read_raster(path)
        width, height = image.getSize()
        return Art(path, width, height, image=image, xobject=image_from_file(data))
    raise ArtError(f"{path}: artwork must be .svg, .png or .jpg")


def art_fault(folder: Path, panels) -> tuple[str, str] | None:
    """The first of a design's artwork files that can't be drawn now (it broke after the catalogue
    loaded it), as (its path, its key in card.toml), or None. Cheap while the files are unchanged:
    `load_art` reuses what it has read."""
    for name, panel in panels.items():
        if not panel.art:
            continue
        try:
            load_art(resolve_inside(folder, panel.art))
        except ART_ERRORS:
            return str(folder / panel.art), f"panels.{name}.art"
    return None


def check_art(path: Path) -> None:
    """Refuse artwork that is not allowed (see svg.check_svg and raster.check_raster) without drawing it.

    Cheap enough to run for every design when the catalogue loads.
    """
    suffix = path.suffix.lower()
    try:
        if suffix in VECTOR_SUFFIXES:
            check_svg(path)
        elif suffix in RASTER_SUFFIXES:
            check_raster(path)
        else:
            raise ArtError(f"{path}: artwork must be .svg, .png or .jpg")
    except (SvgError, RasterError) as error:
        raise ArtError(str(error)) from None


def cover_transform(art: Art, target: Rect) -> tuple[float, float, float]:
    """Scale and offset that make the art cover the target, centred, cropping what spills over."""
    scale = max(target.width / art.width, target.height / art.height)
    x = target.x + (target.width - art.width * scale) / 2
    y = target.y + (target.height - art.height * scale) / 2
    return scale, x, y


def draw_art(canvas: Canvas, art: Art, target: Rect, clip: Rect | None = None, reuse: bool = True) -> None:
    """Draw the art covering `target`, clipped to `clip` (by default `target` itself).

    `reuse=False` draws it the slow way ReportLab would (shape by shape, or a freshly encoded image):
    the reference the prepared XObjects are tested against."""
    scale, x, y = cover_transform(art, target)
    clip = clip or target
    canvas.saveState()
    path = canvas.beginPath()
    path.rect(clip.x, clip.y, clip.width, clip.height)
    canvas.clipPath(path, stroke=0, fill=0)
    # A press canvas (press/canvas.py) hands out the art separated to CMYK, prepared once too.
    prepared = getattr(canvas, "prepared_art", None)
    xobject = prepared(art) if prepared is not None else art.xobject
    if reuse and xobject is not None:
        if art.drawing is not None:  # a form in the drawing's units
            xobject.draw(canvas, scale, scale, x, y)
        else:  # an image is drawn into the unit square
            xobject.draw(canvas, art.width * scale, art.height * scale, x, y)
    elif art.drawing is not None:
        canvas.translate(x, y)
        canvas.scale(scale, scale)
        with DRAW_LOCK:
            renderPDF.draw(art.drawing, canvas, 0, 0)
    else:
        canvas.drawImage(art.image, x, y, art.width * scale, art.height * scale)
    canvas.restoreState()
