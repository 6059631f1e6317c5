"""Each print partner's file checked against its row in the one table (render/press/partners.py)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageCms, ImageStat

from cardshop.render.card import render_card
from cardshop.render.options import RenderOptions
from cardshop.render.press.partners import PARTNERS, PartnerError, render_for_partner
from cardshop.studio.catalogue import load_design
from cardshop.studio.preflight import preflight
from tests.test_press import CATALOG

SLUG = "forget-me-nots"
VALUES = {"recipient": "Dear Sam", "message": "Thinking of you, always.", "sender": "Jo"}
MM = 72 / 25.4
FOLDS = Path(__file__).parent / "fixtures" / "folds"


def _make(name: str, size: str) -> bytes:
    loaded = CATALOG.designs[SLUG]
    data, extension = render_for_partner(loaded.folder, loaded.design, VALUES, name, size)
    assert extension == PARTNERS[name].file_format
    return data


def _is_srgb(image: Image.Image) -> bool:
    profile = ImageCms.ImageCmsProfile(io.BytesIO(image.info["icc_profile"]))
    return "sRGB" in profile.profile.profile_description


def test_every_partner_says_where_its_figures_come_from():
    for partner in PARTNERS.values():
        assert len(partner.source) > 40 and partner.kind in ("pdfx", "flat-picture", "panel-pictures")
        assert partner.kind == "pdfx" or partner.pixels, f"{partner.name} needs its pixel sizes"


@pytest.mark.parametrize("size", ["A6", "5x7"])
def test_gelato_gets_pdfx_single_pages_with_4_mm_bleed_and_no_crop_marks(size):
    pdf = _make("gelato", size)
    assert preflight(pdf) == []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == 4, "single pages: front, inside left, inside right, back"
        for page in document.pages:
            trim = [float(v) for v in page.TrimBox]
            bleed = [float(v) for v in page.BleedBox]
            media = [float(v) for v in page.MediaBox]
            assert trim[0] - bleed[0] == pytest.approx(PARTNERS["gelato"].bleed_mm * MM, abs=0.01)
            assert media == pytest.approx(bleed), "no room for crop marks: nothing outside the bleed"


def test_prodigi_gets_one_picture_of_both_spreads_at_its_size():
    picture = Image.open(io.BytesIO(_make("prodigi", "5x7")))
    assert picture.format == PARTNERS["prodigi"].picture_format
    assert picture.size == PARTNERS["prodigi"].pixels["5x7"] == (6117, 2161)
    assert _is_srgb(picture)
    # The left half is the outside spread (back | front) of the card's own print file.
    loaded = CATALOG.designs[SLUG]
    pro = render_card(loaded.folder, loaded.design, VALUES, RenderOptions(size="5x7", bleed_mm=2.54))
    page = pdfium.PdfDocument(pro)[0]
    outside = page.render(scale=600 / page.get_width()).to_pil().convert("RGB")
    left = picture.convert("RGB").crop((0, 0, picture.width // 2, picture.height)).resize(outside.size)
    assert ImageStat.Stat(ImageChops.difference(left, outside)).mean[0] < 3
    with pytest.raises(PartnerError, match="5x7 only"):
        _make("prodigi", "A6")


@pytest.mark.parametrize("size", ["5x7", "4.25x5.5"])
def test_printful_gets_a_picture_per_panel_at_its_size(size):
    with zipfile.ZipFile(io.BytesIO(_make("printful", size))) as archive:
        assert sorted(archive.namelist()) == ["back.png", "front.png", "inside-1.png", "inside-2.png"]
        for name in archive.namelist():
            picture = Image.open(io.BytesIO(archive.read(name)))
            assert picture.size == PARTNERS["printful"].pixels[size]
            assert _is_srgb(picture)
            assert picture.info["dpi"][0] == pytest.approx(300, abs=0.01)


@pytest.mark.parametrize(
    ("fixture", "partner", "size"),
    [("top-fold-landscape", "prodigi", "5x7"), ("side-fold-landscape", "printful", "4.25x5.5")],
)
def test_a_card_of_another_shape_is_refused_not_stretched(fixture, partner, size):
    loaded, problems = load_design(FOLDS / fixture)
    assert loaded is not None, problems
    with pytest.raises(PartnerError, match="another shape"):
        render_for_partner(loaded.folder, loaded.design, {"message": "Thinking of you"}, partner, size)
