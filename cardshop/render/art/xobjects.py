"""Artwork prepared once as PDF XObjects whose encoded bytes are reused by every document.

ReportLab shares an image or a form only inside one document: each new PDF draws an SVG drawing
shape by shape again (about three quarters of a card's render time for the detailed designs), and
decodes, hashes (md5 over every pixel) and zlib-compresses a raster image again. A card is a new
document on every keystroke of the live preview and every download, so that work is done once
here instead:

- an SVG drawing is drawn once onto a scratch canvas; the operators it produced become the content
  of a Form XObject, compressed once, with its own resources (transparency states inline, gradients
  as shading objects that each document writes again; they are a few hundred bytes);
- a JPEG is passed through untouched (DCTDecode), a PNG is decoded and compressed once (its alpha,
  if any, becomes a soft mask compressed once too).

Each document then only gets a small object whose `format` returns the cached bytes. ReportLab has
no public hook for this, so `_add_to` uses its document's `Reference` and the canvas's form list the
same way `Canvas.drawImage` does; written by hand because no library offers cross-document reuse.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from dataclasses import dataclass, field

from PIL import Image
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObjectReference, PDFStream
from reportlab.pdfgen.canvas import Canvas


class NotReusable(Exception):
    """The drawing uses something a self-contained form can't carry (text, images); draw it directly."""


class _EncodedStream(pdfdoc.PDFObject):
    """A stream object whose content is already encoded; only its dictionary is written per document."""

    __RefOnly__ = 1

    def __init__(self, entries: dict, content: bytes, filter_name: str | None):
        self.entries = entries
        self.content = content
        self.filter_name = filter_name

    def format(self, document):
        entries = dict(self.entries)
        if self.filter_name:
            entries["Filter"] = PDFArray([PDFName(self.filter_name)])
        # With a Filter already in its dictionary, PDFStream writes the content as it is.
        return PDFStream(PDFDictionary(entries), self.content).format(document)


class _Preformatted(pdfdoc.PDFObject):
    """An object already written out; a fresh one goes into each document, since ReportLab marks
    the objects it registers with their name in that document."""

    __RefOnly__ = 1

    def __init__(self, data: bytes):
        self.data = data

    def format(self, document):
        return self.data


def _preformat(obj: pdfdoc.PDFObject) -> bytes:
    """Write out an object that refers to no other object (checked: it would dangle elsewhere)."""
    document = pdfdoc.PDFDocument(invariant=1)
    data = obj.format(document)
    if document.idToObject.keys() - _EMPTY_DOCUMENT_IDS:
        raise NotReusable("the object refers to other objects")
    return data


_EMPTY_DOCUMENT_IDS = frozenset(pdfdoc.PDFDocument(invariant=1).idToObject)


class _InlineDocument(pdfdoc.PDFDocument):
    """A document that writes every unnamed object in place instead of referring to it (named ones
    are its own catalogue and fonts, set up when it is made)."""

    def Reference(self, obj, name=None):  # noqa: N802 (ReportLab's name)
        if name is None and isinstance(obj, pdfdoc.PDFObject) and not isinstance(obj, PDFObjectReference):
            return _Preformatted(obj.format(self))
        return super().Reference(obj, name)


def _inline(obj: pdfdoc.PDFObject) -> bytes:
    """A shading (or other dictionary object) written out whole, its functions included."""
    return obj.format(_InlineDocument(invariant=1))


@dataclass(frozen=True)
class CachedXObject:
    """An XObject (form or image) ready to go into any number of documents.

    `extras` are further objects it refers to (shadings, a soft mask), written into each document
    under names derived from this one's."""

    name: str  # unique per content: a digest, so documents never mix two arts under one name
    entries: dict
    content: bytes
    filter_name: str | None
    extras: dict[str, bytes] = field(default_factory=dict)  # preformatted
    extra_keys: dict[str, tuple[str, str]] = field(default_factory=dict)  # extra -> (dict key, sub-key)

    @property
    def weight(self) -> int:
        """Bytes of encoded content it keeps (what the artwork caches count)."""
        return len(self.content) + sum(len(extra) for extra in self.extras.values())

    def add_to(self, canvas: Canvas) -> str:
        """Put this XObject into the canvas's document (once) and return the name to `Do` it by."""
        document = canvas._doc
        internal = document.getXObjectName(self.name)
        if internal not in document.idToObject:
            entries = dict(self.entries)
            for extra, obj in self.extras.items():
                reference_name = f"{internal}.{extra}"
                document.Reference(_Preformatted(obj), reference_name)
                key, sub_key = self.extra_keys[extra]
                if sub_key:
                    inner = dict(entries[key].dict)
                    inner[sub_key] = PDFDictionary({**inner[sub_key].dict, extra: PDFObjectReference(reference_name)})
                    entries[key] = PDFDictionary(inner)
                else:
                    entries[key] = PDFObjectReference(reference_name)
            document.Reference(_EncodedStream(entries, self.content, self.filter_name), internal)
        canvas._formsinuse.append(self.name)  # lists it in the page's XObject resources
        canvas._currentPageHasImages = 1
        return internal

    def draw(self, canvas: Canvas, a: float, d: float, e: float, f: float) -> None:
        """Paint it with the matrix [a 0 0 d e f] (scale and offset) in the canvas's current state."""
        internal = self.add_to(canvas)
        canvas._code.append(f"q {_num(a)} 0 0 {_num(d)} {_num(e)} {_num(f)} cm /{internal} Do Q")


def _num(value: float) -> str:
    return pdfdoc.fp_str(value)


def _digest(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return "art" + digest.hexdigest()[:24]


def form_from_drawing(
    drawing: Drawing, initial_font: str, source: bytes, canvas_class: type[Canvas] = Canvas
) -> CachedXObject:
    """Draw `drawing` once and keep what it drew as a Form XObject in the drawing's own units.
    `source` (the SVG file's bytes) names it, so the output is the same in every process.
    `canvas_class` draws it (a press canvas separates its colours to CMYK on the way)."""
    scratch = canvas_class(io.BytesIO(), invariant=1, initialFontName=initial_font)
    renderPDF.draw(drawing, scratch, 0, 0)
    if scratch._formsinuse or any(" Tf" in op or op.startswith("BT") for op in scratch._code):
        raise NotReusable("the drawing holds text or images")
    code = "\n".join(scratch._code).encode("latin-1") + b"\n"
    resources: dict = {"ProcSet": PDFArray([PDFName("PDF")])}
    extgstate = scratch._extgstate.getState()
    if extgstate:
        resources["ExtGState"] = extgstate
    if scratch._shadingUsed:
        # Gradients: written inline into the form's resources (with their functions), so the form
        # carries everything it needs and refers to no other object.
        resources["Shading"] = PDFDictionary(
            {name: _inline(scratch._doc.idToObject[name]) for name in scratch._shadingUsed}
        )
    entries = {
        "Type": PDFName("XObject"),
        "Subtype": PDFName("Form"),
        "FormType": 1,
        "BBox": PDFArray([0, 0, drawing.width, drawing.height]),
        "Matrix": PDFArray([1, 0, 0, 1, 0, 0]),
        "Resources": PDFDictionary(resources),
    }
    return CachedXObject(
        _digest(b"form", source),
        entries,
        zlib.compress(code),
        "FlateDecode",
    )


_COLOUR_SPACES = {"RGB": "DeviceRGB", "L": "DeviceGray", "CMYK": "DeviceCMYK"}


def _image_entries(width: int, height: int, colour_space: str | None = None) -> dict:
    """An 8-bit Image XObject's dictionary; the colour space is left for the caller when not given."""
    entries = {
        "Type": PDFName("XObject"),
        "Subtype": PDFName("Image"),
        "Width": width,
        "Height": height,
        "BitsPerComponent": 8,
    }
    if colour_space is not None:
        entries["ColorSpace"] = PDFName(colour_space)
    return entries


def image_from_file(data: bytes) -> CachedXObject:
    """An Image XObject from a JPEG (passed through) or PNG (decoded and compressed once).

    The caller has already refused bombs and other formats (raster.check_raster)."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        entries = _image_entries(*image.size)
        if image.format == "JPEG" and image.mode in _COLOUR_SPACES and not image.info.get("progression"):
            entries["ColorSpace"] = PDFName(_COLOUR_SPACES[image.mode])
            if image.mode == "CMYK" and b"Adobe" in data[:4096]:
                entries["Decode"] = PDFArray([1, 0, 1, 0, 1, 0, 1, 0])  # Adobe's inverted CMYK JPEGs
            return CachedXObject(_digest(b"jpeg", data), entries, data, "DCTDecode")
        alpha = None
        if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
            rgba = image.convert("RGBA")
            alpha = rgba.getchannel("A")
            image = rgba.convert("RGB")
        elif image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
    return image_from_pixels(_digest(b"png", data), image, alpha)


def image_from_pixels(name: str, image: Image.Image, alpha: Image.Image | None = None) -> CachedXObject:
    """An Image XObject from decoded pixels (RGB, L or CMYK), compressed once, with `alpha` (an L
    image) as its soft mask unless it is fully opaque."""
    entries = _image_entries(*image.size, _COLOUR_SPACES[image.mode])
    pixels = image.tobytes()
    extras, extra_keys = {}, {}
    if alpha is not None and alpha.getextrema() != (255, 255):
        mask = _image_entries(*alpha.size, "DeviceGray")
        extras["SMask"] = _preformat(_EncodedStream(mask, zlib.compress(alpha.tobytes()), "FlateDecode"))
        extra_keys["SMask"] = ("SMask", "")
    return CachedXObject(name, entries, zlib.compress(pixels), "FlateDecode", extras, extra_keys)
