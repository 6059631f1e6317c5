"""Reading SVG artwork safely with svglib.

Design files come from outside the team, so SVG is parsed without entities, DTDs or network access,
and references to files outside the design's folder are refused.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from reportlab.graphics.shapes import Drawing
from svglib.svglib import SvgRenderer

from cardshop.render.fonts import default_face

MAX_SVG_BYTES = 2_000_000


class SvgError(Exception):
    """An SVG file that is unreadable or not allowed."""


_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False, remove_comments=True
)


def read_svg(path: Path) -> Drawing:
    data = path.read_bytes()
    if len(data) > MAX_SVG_BYTES:
        raise SvgError(f"{path}: the SVG is larger than {MAX_SVG_BYTES // 1_000_000} MB")
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise SvgError(f"{path}: not a readable SVG ({error})") from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise SvgError(f"{path}: SVG with a DOCTYPE or entities is not allowed")
    for element in root.iter():
        for name, value in element.attrib.items():
            if (name.endswith("}href") or name == "href") and not value.startswith("#"):
                raise SvgError(f"{path}: SVG refers to another file ({value!r}); draw everything inside the SVG")
    renderer = SvgRenderer(str(path), external_reference_root=str(path.parent))
    drawing = renderer.render(root)
    if not drawing.width or not drawing.height:
        raise SvgError(f"{path}: the SVG needs a width and height (or a viewBox)")
    # The drawing renderer sets a font even when it draws no text; without this it would put an
    # unembedded Helvetica into every PDF.
    drawing.initialFontName = default_face()
    return drawing
