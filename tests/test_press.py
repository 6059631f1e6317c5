"""Press files (PDF/X-4 in CMYK): every design passes the preflight and renders in Ghostscript with
no warning; the file's PDF/X parts; grey text in black ink alone; art separated once and reused."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zlib
from functools import cache

import pikepdf
import pytest
from PIL import Image, ImageCms

from cardshop.design.loader import TEMPLATES_DIR
from cardshop.render.art.artwork import load_art
from cardshop.render.card import render_card
from cardshop.render.options import CardOptionError, RenderOptions
from cardshop.render.press.art import press_xobject
from cardshop.render.press.canvas import press_canvas_class
from cardshop.render.press.colour import cmyk_for
from cardshop.render.press.profile import DEFAULT_PROFILE, PROFILE_ENV, ProfileError, load_profile
from cardshop.studio.catalogue import load_catalog, load_design
from cardshop.studio.preflight import preflight
from cardshop.studio.samples import TYPICAL

CATALOG = load_catalog(TEMPLATES_DIR)
SLUGS = sorted(CATALOG.designs)
GS = shutil.which("gs")


@cache
def press_file(slug: str, layout: str = "pro", size: str | None = None) -> bytes:
    loaded = CATALOG.designs[slug]
    values = {name: value for name, value in TYPICAL.items() if name in loaded.design.fields}
    return render_card(loaded.folder, loaded.design, values, RenderOptions(layout=layout, size=size, pdfx=True))


def ghostscript_warnings(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "card.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        [GS, "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=nullpage", "-dPDFSTOPONWARNING", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    said = done.stdout + done.stderr
    return f"exit {done.returncode}: {said}" if done.returncode or said else ""


@pytest.mark.parametrize("slug", SLUGS)
def test_every_design_as_a_press_file_passes_preflight_and_ghostscript(slug, tmp_path):
    pdf = press_file(slug)
    assert [str(finding) for finding in preflight(pdf)] == []
    assert ghostscript_warnings(pdf, tmp_path) == ""


@pytest.mark.parametrize("size", ["A6", "A5", "5x7", "4.25x5.5"])
def test_press_pages_pass_preflight_at_every_size(size, tmp_path):
    pdf = press_file("olive-wreath", "pro-pages", size)
    assert [str(finding) for finding in preflight(pdf)] == []
    assert ghostscript_warnings(pdf, tmp_path) == ""


def test_press_file_has_the_pdfx_parts():
    with pikepdf.open(io.BytesIO(press_file("forget-me-nots"))) as pdf:
        assert pdf.pdf_version == "1.6"
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-4"
        assert str(pdf.docinfo.Trapped) == "/False"
        with pdf.open_metadata() as xmp:
            assert xmp["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
            assert xmp["xmpMM:DocumentID"].startswith("uuid:")
        [intent] = pdf.Root.OutputIntents
        assert intent.S == pikepdf.Name.GTS_PDFX
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert intent.DestOutputProfile.read_bytes() == DEFAULT_PROFILE.read_bytes()
        for page in pdf.pages:
            trim, bleed = [float(v) for v in page.TrimBox], [float(v) for v in page.BleedBox]
            assert trim[0] - bleed[0] == pytest.approx(3 * 72 / 25.4, abs=0.01)
        tags = [str(font.BaseFont) for page in pdf.pages for font in page.Resources.Font.values()]
    prefixes = {tag.split("+")[0] for tag in tags}
    names = {tag.split("+")[1] for tag in tags}
    assert len(names) >= 2 and "/AAAAAA" not in prefixes
    assert len(prefixes) == len(names), "each font subset has its own tag"


def test_press_file_is_the_same_bytes_every_time():
    loaded = CATALOG.designs["dusk-moon"]
    values = {"message": "Thinking of you"}
    options = RenderOptions(pdfx=True)
    assert render_card(loaded.folder, loaded.design, values, options) == render_card(
        loaded.folder, loaded.design, values, options
    )


def _text_colours(pdf: bytes) -> list[str]:
    """The fill colour set before each text object, as written in the page content."""
    colours = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            contents = page.obj.Contents
            streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
            content = b"".join(stream.read_bytes() for stream in streams)
            colours += re.findall(rb"([\d. ]+ (?:k|rg|g))\s+BT", content)
    return [colour.decode() for colour in colours]


def test_grey_text_is_set_in_black_ink_alone():
    # The Forget-me-nots message is #33312e: a warm near-black that printed as four-colour grey.
    colours = _text_colours(press_file("forget-me-nots"))
    assert len(colours) >= 3
    for colour in colours:
        c, m, y, k = (float(v) for v in colour.split()[-5:-1])
        assert colour.endswith(" k") and (c, m, y) == (0, 0, 0) and 0 < k <= 1, colour
    assert any(float(colour.split()[-2]) > 0.9 for colour in colours), "the near-black message is nearly full K"


def test_dark_grey_body_text_is_solid_black_and_lighter_greys_stay_tints():
    # The Forget-me-nots message is #33312e (L* 20): 100% K, not the 97.25% tint (screened into dots)
    # it was; a soft grey (#6b665e, L* 44) stays a tint of black alone, a fill of #33312e is unchanged.
    colours = [tuple(float(v) for v in colour.split()[-5:-1]) for colour in _text_colours(press_file("forget-me-nots"))]
    assert (0.0, 0.0, 0.0, 1.0) in colours
    assert not [colour for colour in colours if 0.9 < colour[3] < 1.0], colours
    profile = load_profile(DEFAULT_PROFILE)
    assert cmyk_for(profile, (0x33, 0x31, 0x2E), text=True) == (0.0, 0.0, 0.0, 1.0)
    soft = cmyk_for(profile, (0x6B, 0x66, 0x5E), text=True)
    assert soft[:3] == (0.0, 0.0, 0.0) and 0.6 < soft[3] < 0.9
    assert cmyk_for(profile, (0x33, 0x31, 0x2E)) != (0.0, 0.0, 0.0, 1.0)


def test_document_information_and_xmp_agree():
    with pikepdf.open(io.BytesIO(press_file("olive-wreath"))) as pdf:
        info = {key: str(value) for key, value in pdf.docinfo.items()}
        with pdf.open_metadata() as xmp:
            assert info["/Producer"] == xmp["pdf:Producer"] == "cardshop (ReportLab, pikepdf)"
            assert info["/Creator"] == xmp["xmp:CreatorTool"] == "cardshop"
            assert info["/Title"] == xmp["dc:title"]
    assert "anonymous" not in info.values() and "unspecified" not in info.values()
    assert "/Author" not in info and "/Subject" not in info


def test_art_is_separated_once_and_reused():
    profile = load_profile(DEFAULT_PROFILE)
    art = load_art(CATALOG.designs["three-pebbles"].folder / "front.svg")
    first = press_xobject(art, profile, press_canvas_class(profile))
    assert first is not None and first is press_xobject(art, profile, press_canvas_class(profile))
    assert b" rg" not in zlib.decompress(first.content)


def test_press_file_needs_a_print_layout_and_a_cmyk_profile(monkeypatch, tmp_path):
    loaded = CATALOG.designs["olive-wreath"]
    with pytest.raises(CardOptionError):
        render_card(loaded.folder, loaded.design, {}, RenderOptions(layout="home-a4", pdfx=True))
    rgb = tmp_path / "srgb.icc"
    rgb.write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    monkeypatch.setenv(PROFILE_ENV, str(rgb))
    with pytest.raises(ProfileError, match="not a CMYK output"):
        render_card(loaded.folder, loaded.design, {}, RenderOptions(pdfx=True))


@pytest.mark.parametrize("kind", ["png", "jpeg"])
def test_raster_art_is_separated_to_cmyk_and_a_low_resolution_picture_is_caught(kind, tmp_path):
    folder = TEMPLATES_DIR.parent / "tests" / "fixtures" / "designs" / "low-dpi-raster"
    if kind == "jpeg":
        copy = tmp_path / "jpeg-art"
        shutil.copytree(folder, copy)
        with Image.open(copy / "front.png") as image:
            image.convert("RGB").save(copy / "front.jpg", quality=90)
        (copy / "front.png").unlink()
        toml = copy / "card.toml"
        toml.write_text(toml.read_text().replace('art = "front.png"', 'art = "front.jpg"'))
        folder = copy
    loaded, problems = load_design(folder)
    assert loaded is not None, problems
    values = {"message": "Thinking of you"}
    a6 = render_card(loaded.folder, loaded.design, values, RenderOptions(pdfx=True, size="A6"))
    assert preflight(a6) == [], "1320 px across an A6 panel and its bleed: 302 ppi"
    pdf = render_card(loaded.folder, loaded.design, values, RenderOptions(pdfx=True, size="A5"))
    [finding] = preflight(pdf)
    assert finding.rule == "resolution" and "215 ppi" in finding.message, "the same picture stretched over A5"
    with pikepdf.open(io.BytesIO(pdf)) as document:
        spaces = {
            str(xobject.ColorSpace)
            for page in document.pages
            for xobject in page.Resources.get("/XObject", {}).values()
            if xobject.Subtype == pikepdf.Name.Image
        }
    assert spaces == {"/DeviceCMYK"}
