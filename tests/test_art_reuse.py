"""Artwork prepared once and reused across documents: same pictures as drawing it afresh, the same
bytes every time, and a designer's edit shows up (the caches are keyed by file size and mtime)."""

from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops

from cardshop.design.loader import TEMPLATES_DIR
from cardshop.render import panels
from cardshop.render.art import artwork as art
from cardshop.render.card import render_card
from cardshop.render.memo import ByteBoundedLRU
from cardshop.render.options import RenderOptions
from cardshop.render.press import art as press_art
from cardshop.render.press.art import press_xobject
from cardshop.render.press.canvas import press_canvas_class
from cardshop.render.press.profile import DEFAULT_PROFILE, load_profile
from cardshop.studio.catalogue import load_design
from cardshop.studio.samples import TYPICAL

FIXTURES = Path(__file__).parent / "fixtures" / "designs"


def _render(folder: Path, layout: str = "flat", reuse: bool = True) -> bytes:
    loaded, problems = load_design(folder)
    assert loaded is not None, problems
    original = panels.draw_art
    panels.draw_art = functools.partial(art.draw_art, reuse=reuse)
    try:
        return render_card(loaded.folder, loaded.design, TYPICAL, RenderOptions(layout=layout))
    finally:
        panels.draw_art = original


def _pages(pdf: bytes) -> list[Image.Image]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [document[i].render(scale=100 / 72).to_pil().convert("RGB") for i in range(len(document))]
    finally:
        document.close()


def _largest_difference(a: bytes, b: bytes) -> int:
    pages_a, pages_b = _pages(a), _pages(b)
    assert len(pages_a) == len(pages_b)
    return max(
        max(high for _, high in ImageChops.difference(x, y).getextrema()) for x, y in zip(pages_a, pages_b, strict=True)
    )


def _jpeg_design(tmp_path: Path) -> Path:
    folder = tmp_path / "jpeg-art"
    shutil.copytree(FIXTURES / "low-dpi-raster", folder)
    with Image.open(folder / "front.png") as image:
        picture = image.convert("RGB")
    picture.putpixel((3, 3), (200, 30, 30))
    picture.save(folder / "front.jpg", quality=90)
    (folder / "front.png").unlink()
    toml = folder / "card.toml"
    toml.write_text(toml.read_text().replace('art = "front.png"', 'art = "front.jpg"'))
    return folder


# forget-me-nots: many shapes and transparency; dusk-moon: gradients (shadings); a PNG; a JPEG.
@pytest.mark.parametrize("layout", ["flat", "pro", "home-a4"])
@pytest.mark.parametrize("design", ["forget-me-nots", "dusk-moon", "png", "jpeg"])
def test_reused_art_looks_exactly_like_art_drawn_afresh(design, layout, tmp_path):
    if design == "png":
        folder = FIXTURES / "low-dpi-raster"
    elif design == "jpeg":
        folder = _jpeg_design(tmp_path)
    else:
        folder = TEMPLATES_DIR / design
    reused, direct = _render(folder, layout), _render(folder, layout, reuse=False)
    assert reused != direct  # really two different ways into the PDF
    # PDFium's anti-aliasing may round an edge pixel differently by one level out of 255.
    assert _largest_difference(reused, direct) <= 1


def test_every_shipped_artwork_is_prepared_for_reuse():
    for path in sorted(TEMPLATES_DIR.glob("*/*.svg")):
        assert art.load_art(path).xobject is not None, path


@pytest.mark.parametrize("layout", ["pro", "flat"])
def test_the_same_card_gives_the_same_bytes_every_time(layout, tmp_path):
    for folder in (TEMPLATES_DIR / "dusk-moon", FIXTURES / "low-dpi-raster", _jpeg_design(tmp_path)):
        assert _render(folder, layout) == _render(folder, layout)


def test_a_jpeg_goes_into_the_pdf_untouched(tmp_path):
    folder = _jpeg_design(tmp_path)
    pdf = _render(folder)
    assert (folder / "front.jpg").read_bytes() in pdf
    assert b"/DCTDecode" in pdf


def _edit_later(path: Path, data: bytes) -> None:
    stat = path.stat()
    path.write_bytes(data)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_an_edited_svg_shows_up_in_the_next_render(tmp_path):
    folder = tmp_path / "forget-me-nots"
    shutil.copytree(TEMPLATES_DIR / "forget-me-nots", folder)
    before = _render(folder)
    svg = folder / "front.svg"
    text = svg.read_text()
    # a big dark square over the picture, the same length of file or not
    _edit_later(
        svg, text.replace("</svg>", '<rect x="0" y="0" width="2000" height="2000" fill="#102030"/></svg>').encode()
    )
    after = _render(folder)
    assert after != before
    assert _largest_difference(after, _render(folder, reuse=False)) <= 1
    page = _pages(after)[0]
    assert page.getpixel((page.width // 2, page.height // 4)) == (0x10, 0x20, 0x30)


def test_an_edited_raster_shows_up_in_the_next_render(tmp_path):
    folder = tmp_path / "raster"
    shutil.copytree(FIXTURES / "low-dpi-raster", folder)
    before = _render(folder)
    png = folder / "front.png"
    with Image.open(png) as image:
        size = image.size
    edited = folder / "edited.png"
    Image.new("RGB", size, (30, 90, 40)).save(edited)
    _edit_later(png, edited.read_bytes())
    after = _render(folder)
    assert after != before
    page = _pages(after)[0]
    assert page.getpixel((page.width // 2, page.height // 4)) == (30, 90, 40)


def test_the_art_cache_is_bounded_by_bytes(tmp_path, monkeypatch):
    source = (FIXTURES / "good" / "front.svg").read_bytes()
    path = tmp_path / "art0.svg"
    path.write_bytes(source)
    one = art.art_weight(art._parse(path), len(source))
    monkeypatch.setattr(art, "_cache", ByteBoundedLRU(3 * one + one // 2))  # room for three
    paths = []
    for number in range(6):
        path = tmp_path / f"art{number}.svg"
        path.write_bytes(source)
        paths.append(path)
        art.load_art(path)
    assert art._cache.bytes <= art._cache.max_bytes
    assert {key[0] for key in art._cache} == {str(path) for path in paths[-3:]}


def test_the_whole_collection_fits_in_the_art_caches(monkeypatch):
    # Cycling through every design must not read art again: both caches hold every artwork file.
    monkeypatch.setattr(art, "_cache", ByteBoundedLRU(art.ART_CACHE_BYTES))
    monkeypatch.setattr(press_art, "_cache", ByteBoundedLRU(press_art.PRESS_ART_CACHE_BYTES))
    profile = load_profile(DEFAULT_PROFILE)
    files = sorted(p for p in TEMPLATES_DIR.rglob("*") if p.suffix.lower() in art.ART_SUFFIXES)
    assert len(files) > 64  # more than the old bound of 64 entries
    for path in files:
        press_xobject(art.load_art(path), profile, press_canvas_class(profile))
    assert len(art._cache) == len(files) and len(press_art._cache) == len(files)
    assert art._cache.bytes <= art.ART_CACHE_BYTES / 2, "room to spare for new designs"
    first = art.load_art(files[0])
    assert art.load_art(files[0]) is first
