"""Reading SVG artwork safely with svglib.

Design files come from outside the team, so an SVG is checked before svglib sees it: parsed without
entities, DTDs, processing instructions or network access, and refused when it has a DOCTYPE,
refers to anything outside itself (`href`, CSS `url()` or `@import`), holds live text (svglib would
look fonts up on the system, outside fonts/), holds scripts or foreign HTML, or would expand into
too many shapes through `<use>` (the SVG form of the "billion laughs"). `check_svg` is cheap (lxml
only) and runs when the catalogue loads; `read_svg` runs it again and then draws with svglib.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree
from reportlab.graphics.shapes import Drawing
from svglib.svglib import SvgRenderer

from cardshop.render.text.fonts import default_face

MAX_SVG_BYTES = 2_000_000
MAX_SVG_ELEMENTS = 50_000  # after <use> expansion; the shipped art has at most a few hundred
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


def _refuse_external(path: Path, element) -> None:
    for name, value in element.attrib.items():
        if (name.endswith("}href") or name == "href") and not value.startswith("#"):
            raise SvgError(f"{path}: SVG refers to another file ({value[:80]!r}); draw everything inside the SVG")
        if _EXTERNAL_URL.search(value):
            raise SvgError(f"{path}: the attribute {_local_name(name)!r} refers to something outside the SVG")
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
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SvgError(f"{path}: cannot read the file ({error.strerror})") from None
    if len(data) > MAX_SVG_BYTES:
        raise SvgError(f"{path}: the SVG is larger than {MAX_SVG_BYTES // 1_000_000} MB")
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
    if _expanded_size(path, root) > MAX_SVG_ELEMENTS:
        raise SvgError(f"{path}: the SVG would draw more than {MAX_SVG_ELEMENTS:,} shapes once <use> is expanded")
    return root


def read_svg(path: Path) -> Drawing:
    root = check_svg(path)
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
    return drawing
