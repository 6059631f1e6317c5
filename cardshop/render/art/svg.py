"""Reading SVG artwork safely with svglib.

Design files come from outside the team, so an SVG is checked before svglib sees it: parsed without
entities, DTDs, processing instructions or network access, and refused when it has a DOCTYPE,
refers to anything outside itself (`href`, CSS `url()` or `@import`), holds live text (svglib would
look fonts up on the system, outside fonts/), holds scripts or foreign HTML, or would expand into
too many shapes through `<use>` (the SVG form of the "billion laughs"). An `<image>` may not point
anywhere, not even inside the file. Every number (sizes, coordinates, path data, transforms, styles)
must be finite and at most MAX_SVG_NUMBER in size: svglib and ReportLab would turn an infinite or
absurd one into a failed render. `check_svg` is cheap (lxml only) and runs when the catalogue loads;
`read_svg` runs it again and then draws with svglib. Only regular files are read.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from lxml import etree
from reportlab.graphics.shapes import Drawing
from svglib.svglib import SvgRenderer

from cardshop.design.paths import FileTooLarge, read_regular_file
from cardshop.render.text.fonts import default_face

MAX_SVG_BYTES = 2_000_000
MAX_SVG_ELEMENTS = 50_000  # after <use> expansion; the shipped art has at most a few hundred
MAX_SVG_NUMBER = 1e6  # the shipped art's largest number is a few thousand
_MAX_NESTING = 400  # elements inside elements and <use> chains together, below Python's recursion limit

SVG_NS = "http://www.w3.org/2000/svg"
# Elements an artwork file must not contain, with what to do instead.
_REFUSED_ELEMENTS = {
    "text": "convert text to outlines (Inkscape: Path > Object to Path)",
    "tspan": "convert text to outlines (Inkscape: Path > Object to Path)",
    "textPath": "convert text to outlines (Inkscape: Path > Object to Path)",
    "font": "convert text to outlines (Inkscape: Path > Object to Path)",
    "font-face": "convert text to outlines (Inkscape: Path > Object to Path)",
    "script": "remove it; artwork is printed, so scripts never run",
    "foreignObject": "remove it; draw the content as SVG shapes",
}
# url(...) whose target is not an id in this file, and CSS imports.
_EXTERNAL_URL = re.compile(r"url\(\s*+(?![\"']?\s*#)", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"@import", re.IGNORECASE)
# Numbers as SVG and CSS write them, and the words float() would also read as numbers.
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_NOT_FINITE = re.compile(r"(?<![a-z-])(?:inf(?:inity)?|nan)(?![a-z-])", re.IGNORECASE)
_REFERENCE = re.compile(r"#[\w-]+")
# Attributes that hold names, references or colours, not numbers to bound.
_NOT_NUMERIC = {"id", "class", "href", "space", "lang", "version", "baseProfile", "preserveAspectRatio"}


class SvgError(Exception):
    """An SVG file that is unreadable or not allowed."""


_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)


def _local_name(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _refuse_bad_numbers(path: Path, element) -> None:
    values = [(_local_name(name), value) for name, value in element.attrib.items()]
    if _local_name(element.tag) == "style" and element.text:
        values.append(("style", element.text))
    for name, value in values:
        if name in _NOT_NUMERIC or name.startswith("data-"):
            continue
        value = _REFERENCE.sub("", value)  # #9e9999 is a colour, #a1e5 a name: neither is a number
        if _NOT_FINITE.search(value):
            raise SvgError(f"{path}: the attribute {name!r} of <{_local_name(element.tag)}> is not a finite number")
        for match in _NUMBER.finditer(value):
            number = float(match.group())
            if not math.isfinite(number) or abs(number) > MAX_SVG_NUMBER:
                raise SvgError(
                    f"{path}: the attribute {name!r} of <{_local_name(element.tag)}> holds {match.group()[:20]}; "
                    f"numbers must be finite and at most {MAX_SVG_NUMBER:,.0f}"
                )


def _refuse_external(path: Path, element) -> None:
    for name, value in element.attrib.items():
        if (name.endswith("}href") or name == "href") and not value.startswith("#"):
            raise SvgError(f"{path}: SVG refers to another file ({value[:80]!r}); draw everything inside the SVG")
        if _EXTERNAL_URL.search(value):
            raise SvgError(f"{path}: the attribute {_local_name(name)!r} refers to something outside the SVG")
    if _local_name(element.tag) == "image" and _href(element):  # "#part": svglib fails on it
        raise SvgError(f"{path}: an <image> points inside the SVG ({_href(element)[:40]!r}); draw it as shapes")
    css = element.text if _local_name(element.tag) == "style" else None
    if css and (_CSS_IMPORT.search(css) or _EXTERNAL_URL.search(css)):
        raise SvgError(f"{path}: the SVG's CSS refers to something outside the SVG (@import or url())")


def _expanded_size(path: Path, root) -> int:
    """How many elements the drawing has once every <use> is replaced by what it points to."""
    by_id = {element.get("id"): element for element in root.iter() if element.get("id")}
    sizes: dict = {}
    in_progress: set = set()

    def size(element, depth: int) -> int:
        if element in sizes:
            return sizes[element]
        if element in in_progress:
            raise SvgError(f"{path}: a <use> refers back to itself (directly or through others)")
        if depth > _MAX_NESTING:
            raise SvgError(f"{path}: elements and <use> references nest more than {_MAX_NESTING} deep")
        in_progress.add(element)
        total = 1
        for child in element:
            total += size(child, depth + 1)
            if total > MAX_SVG_ELEMENTS:
                break
        if _local_name(element.tag) == "use":
            target = by_id.get(_href(element)[1:])
            if target is not None:
                total += size(target, depth + 1)
        in_progress.discard(element)
        sizes[element] = total = min(total, MAX_SVG_ELEMENTS + 1)
        return total

    return size(root, 0)


def _href(element) -> str:
    return element.get("href") or element.get("{http://www.w3.org/1999/xlink}href") or ""


def check_svg(path: Path):
    """Parse and check an SVG file without drawing it; returns the parsed root or raises SvgError."""
    return _check(path, _read(path))


def _read(path: Path) -> bytes:
    try:
        return read_regular_file(path, MAX_SVG_BYTES)
    except FileTooLarge:
        raise SvgError(f"{path}: the SVG is larger than {MAX_SVG_BYTES // 1_000_000} MB") from None
    except OSError as error:
        raise SvgError(f"{path}: cannot read the file ({error.strerror or error})") from None


def _check(path: Path, data: bytes):
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise SvgError(f"{path}: not a readable SVG ({error})") from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise SvgError(f"{path}: SVG with a DOCTYPE or entities is not allowed")
    if _local_name(root.tag) != "svg":
        raise SvgError(f"{path}: the file's top element is <{_local_name(root.tag)}>, not <svg>")
    for element in root.iter():
        if not isinstance(element.tag, str):  # entity references left unexpanded
            if isinstance(element, etree._Entity):
                raise SvgError(f"{path}: SVG with entities is not allowed")
            continue
        refused = _REFUSED_ELEMENTS.get(_local_name(element.tag))
        if refused:
            raise SvgError(f"{path}: the SVG has a <{_local_name(element.tag)}> element; {refused}")
        _refuse_external(path, element)
        _refuse_bad_numbers(path, element)
    if _expanded_size(path, root) > MAX_SVG_ELEMENTS:
        raise SvgError(f"{path}: the SVG would draw more than {MAX_SVG_ELEMENTS:,} shapes once <use> is expanded")
    return root


def read_svg(path: Path) -> Drawing:
    return read_svg_source(path)[0]


def read_svg_source(path: Path) -> tuple[Drawing, bytes]:
    """The drawing, and the file's bytes (read once, as a regular file)."""
    data = _read(path)
    root = _check(path, data)
    renderer = SvgRenderer(str(path), external_reference_root=str(path.parent))
    try:
        drawing = renderer.render(root)
    except Exception as error:  # svglib raises many kinds of error on odd input; all mean "unusable"
        raise SvgError(f"{path}: the SVG could not be drawn ({error.__class__.__name__})") from None
    if not drawing.width or not drawing.height:
        raise SvgError(f"{path}: the SVG needs a width and height (or a viewBox)")
    # The drawing renderer sets a font even when it draws no text; without this it would put an
    # unembedded Helvetica into every PDF.
    drawing.initialFontName = default_face()
    if not all(math.isfinite(value) and 0 < value <= MAX_SVG_NUMBER for value in (drawing.width, drawing.height)):
        raise SvgError(f"{path}: the SVG's width and height must be positive and at most {MAX_SVG_NUMBER:,.0f}")
    return drawing, data
