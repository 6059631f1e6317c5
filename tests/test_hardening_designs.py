"""Design files are untrusted: the loader refuses hostile ones with a problem naming the file and
key, leaves that design out, and the other designs keep working."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest

from cardshop import create_app
from cardshop.design.loader import Catalog
from cardshop.render.art.raster import RasterError, check_raster
from cardshop.render.art.svg import SvgError, check_svg, read_svg
from cardshop.render.text.fonts import FontError, load_manifest
from cardshop.studio.catalogue import load_catalog

SLUG = "forget-me-nots"
SVG_OPEN = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100">'
)

XXE = (
    '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    f"{SVG_OPEN}<desc>&secret;</desc></svg>"
)
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{(f"&lol{i - 1};" if i > 1 else "&lol;") * 10}">' for i in range(1, 10))
    + f"]>{SVG_OPEN}<desc>&lol9;</desc></svg>"
)
PARAMETER_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;]>'
    f"{SVG_OPEN}</svg>"
)


def _use_bomb(levels: int = 9) -> str:
    """Each level uses the one below ten times: 10**9 rectangles from a 2 KB file."""
    defs = ['<rect id="l0" width="1" height="1"/>']
    for level in range(1, levels + 1):
        defs.append(f'<g id="l{level}">' + f'<use xlink:href="#l{level - 1}"/>' * 10 + "</g>")
    return f'{SVG_OPEN}<defs>{"".join(defs)}</defs><use xlink:href="#l{levels}"/></svg>'


HOSTILE_SVGS = {
    "xxe": (XXE, "DOCTYPE"),
    "billion-laughs": (BILLION_LAUGHS, ""),
    "parameter-entity": (PARAMETER_ENTITY, ""),
    "external-image": (
        f'{SVG_OPEN}<image xlink:href="file:///etc/passwd" width="9" height="9"/></svg>',
        "another file",
    ),
    "relative-escape": (f'{SVG_OPEN}<image href="../../secret.png" width="9" height="9"/></svg>', "another file"),
    "remote-image": (f'{SVG_OPEN}<image href="http://127.0.0.1:9/x.png" width="9" height="9"/></svg>', "another file"),
    "data-uri": (f'{SVG_OPEN}<image href="data:image/png;base64,iVBORw0KGgo=" width="9" height="9"/></svg>', ""),
    "external-use": (f'{SVG_OPEN}<use href="other.svg#shape"/></svg>', "another file"),
    "xinclude": (
        f'{SVG_OPEN[:-1]} xmlns:xi="http://www.w3.org/2001/XInclude">'
        '<xi:include href="/etc/passwd" parse="text"/></svg>',
        "another file",
    ),
    "css-import": (f'{SVG_OPEN}<style>@import url("file:///etc/passwd");</style></svg>', "CSS"),
    "css-url": (f'{SVG_OPEN}<rect width="9" height="9" style="fill:url(file:///etc/passwd)"/></svg>', "outside"),
    "fill-url": (f'{SVG_OPEN}<rect width="9" height="9" fill="url(http://127.0.0.1:9/p)"/></svg>', "outside"),
    "live-text": (f'{SVG_OPEN}<text font-family="/usr/share/fonts/x">hi</text></svg>', "outlines"),
    "script": (f"{SVG_OPEN}<script>alert(1)</script></svg>", "script"),
    "foreign-object": (
        f'{SVG_OPEN}<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject></svg>',
        "",
    ),
    "use-bomb": (_use_bomb(), "50,000"),
    "use-cycle": (f'{SVG_OPEN}<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g></svg>', "refers back"),
    "not-svg": ('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "not <svg>"),
    "deeply-nested": (SVG_OPEN + "<g>" * 3000 + "</g>" * 3000 + "</svg>", ""),
    "not-xml": ("this is not XML at all <<<", "not a readable SVG"),
}


def _catalog_with_front(templates: Path, name: str, data: bytes) -> Catalog:
    """Write `data` as the design's front artwork (named `name`) and load the catalogue."""
    card = templates / SLUG / "card.toml"
    card.write_text(card.read_text().replace('art = "front.svg"', f'art = "{name}"', 1))
    (templates / SLUG / name).write_bytes(data)
    return load_catalog(templates)


def _assert_refused(catalog: Catalog, key: str, words: str = "") -> None:
    assert SLUG not in catalog.designs
    problems = [problem for problem in catalog.problems if problem.key == key]
    assert problems, [str(problem) for problem in catalog.problems]
    assert words in problems[0].message, problems[0].message
    assert len(catalog.designs) >= 2  # the other designs still load


@pytest.mark.parametrize("name", sorted(HOSTILE_SVGS))
def test_hostile_svg_design_is_refused(templates_copy, name):
    svg, words = HOSTILE_SVGS[name]
    catalog = _catalog_with_front(templates_copy, "front.svg", svg.encode())
    _assert_refused(catalog, "panels.front.art", words)


def test_xxe_svg_design_is_refused(templates_copy):
    """The named case: an SVG whose entity reads /etc/passwd never loads, and its secret never shows."""
    catalog = _catalog_with_front(templates_copy, "front.svg", XXE.encode())
    _assert_refused(catalog, "panels.front.art", "DOCTYPE")
    with pytest.raises(SvgError):
        read_svg(templates_copy / SLUG / "front.svg")
    client = create_app({"TESTING": True, "CARDSHOP_TEMPLATES_DIR": templates_copy}).test_client()
    assert client.get(f"/cards/{SLUG}").status_code == 404
    assert "root:" not in client.get("/").get_data(as_text=True)


def test_shipped_artwork_passes_the_checks(catalog):
    for loaded in catalog.designs.values():
        for _, panel in loaded.design.panels.items():
            if panel.art and panel.art.endswith(".svg"):
                check_svg(loaded.folder / panel.art)
    assert not [problem for problem in catalog.problems if problem.key.endswith(".art")]


def test_same_document_references_are_allowed(tmp_path):
    path = tmp_path / "ok.svg"
    path.write_text(
        f'{SVG_OPEN}<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
        '<rect id="r" width="5" height="5"/></defs><rect width="50" height="50" fill="url(#g)" '
        'style="stroke:url( \'#g\')"/><use xlink:href="#r"/></svg>'
    )
    assert read_svg(path).width > 0


# ---- paths: nothing outside the design's folder ----


@pytest.mark.parametrize(
    "art",
    [
        "../dusk-moon/front.svg",
        "art/../../dusk-moon/front.svg",
        "/etc/passwd.svg",
        "C:\\\\art\\\\front.svg",
        "..\\\\dusk-moon\\\\front.svg",
        "front\\u0000.svg",
        "x" * 5000 + ".svg",
    ],
)
def test_path_traversal_is_refused(templates_copy, art):
    card = templates_copy / SLUG / "card.toml"
    card.write_text(card.read_text().replace('art = "front.svg"', f'art = "{art}"', 1))
    catalog = load_catalog(templates_copy)
    assert SLUG not in catalog.designs
    assert any(problem.key == "panels.front.art" for problem in catalog.problems)
    assert "dusk-moon" in catalog.designs


def test_symlink_out_of_the_design_folder_is_refused(templates_copy, tmp_path):
    outside = tmp_path / "outside.svg"
    outside.write_text(f"{SVG_OPEN}</svg>")
    front = templates_copy / SLUG / "front.svg"
    front.unlink()
    front.symlink_to(outside)
    catalog = load_catalog(templates_copy)
    _assert_refused(catalog, "panels.front.art", "outside")


def test_symlinked_card_toml_is_refused(templates_copy, tmp_path):
    outside = tmp_path / "card.toml"
    outside.write_text((templates_copy / SLUG / "card.toml").read_text())
    (templates_copy / SLUG / "card.toml").unlink()
    (templates_copy / SLUG / "card.toml").symlink_to(outside)
    _assert_refused(load_catalog(templates_copy), "(file)", "outside")


def test_huge_card_toml_is_refused(templates_copy):
    card = templates_copy / SLUG / "card.toml"
    card.write_text(card.read_text() + "\n#" + "x" * 300_000 + "\n")
    _assert_refused(load_catalog(templates_copy), "(file)", "larger than")


# ---- raster art: decompression bombs and impostors ----


def _png(width: int, height: int, rows: bytes | None = None) -> bytes:
    """A real PNG header for width x height (1-bit grey) with a tiny, valid IDAT: a 'bomb' that
    claims a huge size without the bytes to back it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    body = zlib.compress(rows if rows is not None else b"\x00" * 64, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def _gif() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "GIF")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "size",
    [
        (30_000, 30_000),  # 900 Mpx: past Pillow's own bomb error
        (12_000, 9_000),  # 108 Mpx: where Pillow only warns
        (9_000, 7_000),  # 63 Mpx: past our cap of 60 Mpx
        (20_000, 100),  # a side longer than 12,000 px
    ],
)
def test_bomb_image_is_refused(templates_copy, size):
    catalog = _catalog_with_front(templates_copy, "front.png", _png(*size))
    _assert_refused(catalog, "panels.front.art", "pixels")
    with pytest.raises(RasterError):
        check_raster(templates_copy / SLUG / "front.png")


def test_reasonable_png_is_accepted(templates_copy):
    rows = b"".join(b"\x00" + b"\xff" * 2 for _ in range(16))  # 16 x 16 px, 1 bit per pixel
    catalog = _catalog_with_front(templates_copy, "front.png", _png(16, 16, rows))
    assert SLUG in catalog.designs


@pytest.mark.parametrize(
    "data,words",
    [
        (_gif(), "not PNG or JPEG"),
        (b"\x89PNG\r\n\x1a\nthis is not really a png", "not a readable image"),
        (b"", "not a readable image"),
    ],
)
def test_impostor_and_broken_images_are_refused(templates_copy, data, words):
    catalog = _catalog_with_front(templates_copy, "front.png", data)
    _assert_refused(catalog, "panels.front.art", words)


def test_png_with_a_bad_checksum_is_refused(templates_copy):
    data = bytearray(_png(16, 16, b"".join(b"\x00\xff\xff" for _ in range(16))))
    data[-20] ^= 0xFF  # a byte inside IDAT, so its CRC no longer matches
    catalog = _catalog_with_front(templates_copy, "front.png", bytes(data))
    _assert_refused(catalog, "panels.front.art", "not a readable image")


# ---- fonts: only the families in fonts/manifest.toml, only files inside fonts/ ----


@pytest.mark.parametrize(
    "font", ["../../etc/DejaVuSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "Helvetica"]
)
def test_font_outside_fonts_folder_is_refused(templates_copy, font):
    card = templates_copy / SLUG / "card.toml"
    card.write_text(card.read_text().replace('font = "EB Garamond"', f'font = "{font}"', 1))
    catalog = load_catalog(templates_copy)
    assert SLUG not in catalog.designs
    assert any("is not in fonts/" in problem.message for problem in catalog.problems)


@pytest.mark.parametrize("entry", ["../outside.ttf", "/usr/share/fonts/truetype/x.ttf"])
def test_font_manifest_cannot_point_outside_fonts(tmp_path, entry):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (tmp_path / "outside.ttf").write_bytes(b"")
    (fonts / "manifest.toml").write_text(f'[[family]]\nname = "X"\nregular = "{entry}"\nlicence = "OFL.txt"\n')
    with pytest.raises(FontError, match="inside fonts/"):
        load_manifest(fonts)


@pytest.mark.parametrize("shape", ['<rect width="abc" height="9"/>', '<circle r="x"/>', '<rect style=";;:"/>'])
def test_svglib_failure_is_an_svg_error_not_a_crash(tmp_path, shape):
    """svglib raises ValueError on these; it comes out as unusable artwork, which `designs check`
    reports and the app shows as a kind error page."""
    path = tmp_path / "odd.svg"
    path.write_text(f"{SVG_OPEN}{shape}</svg>")
    with pytest.raises(SvgError, match="could not be drawn"):
        read_svg(path)
